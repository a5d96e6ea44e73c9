#!/usr/bin/env node
// Where an open's time goes (issue 16), in process: a warm process opens generated Dockerfiles it has
// not seen before (a different seed each time, so no shell script is in the process-wide tree cache)
// and the server CPU of each part is taken: parse (the syntax tree), model (stages and variables),
// rules + engine (`diagnose` with a fresh rule cache, as for a document just opened) and LSP
// conversion. Each open also counts the GCs V8 ran during it and their time (performance entries of
// type "gc"). `--root DIR` bundles another checkout's server (a `git archive` of an older commit under
// bench/out/, say) so that old and new can be run alternately under the same load.
// `--server-flags 1` sets the V8 flags the server sets for itself (node/heapFlags.ts: the old generation
// grows by half, the young generation keeps its start size), so
// that GC runs as often as in the server; without it the young generation grows to node's default.
// `--profile FILE` writes a CPU profile of the measured opens (not the warm-up) to FILE;
// `--heap-profile FILE` a sampling heap profile of them (every allocated byte, GC'd or not: the
// profile is stopped with its samples kept, `includeObjectsCollectedByMajorGC/MinorGC`).
//
//   node bench/openParts.mjs [--lines 5000] [--opens 20] [--warmup 12] [--root DIR] [--server-flags 1] [--profile FILE] [--heap-profile FILE]
//
// Prints p50, min and mean CPU ms per part and for the whole open. Nothing is asserted.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import os from 'node:os';
import { resolve } from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { generateDockerfile } from './generate.mjs';
import { loadServer, option, optionText, ROOT } from './inprocess.mjs';

if (option('server-flags', 0) !== 0) {
  setFlagsFromString('--heap-growing-percent=50');
  setFlagsFromString('--semi-space-growth-factor=1');
}
const lines = option('lines', 5000);
const opens = option('opens', 20);
const warmup = option('warmup', 12);
const root = resolve(optionText('root', ROOT));
const m = await loadServer('openParts', root, ["export { parseDockerfile } from './server/src/dockerfile/parser/parser';"]);

// Texts made before anything is timed: the warm-up's, then the measured opens', each seed its own.
const texts = Array.from({ length: warmup + opens }, (_, i) => generateDockerfile(lines, lines * 1000 + i).text);

let gcCount = 0;
let gcMs = 0;
const observer = new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    gcCount++;
    gcMs += e.duration;
  }
});
observer.observe({ entryTypes: ['gc'] });

const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** One open as the server does it for a new document: parse, model, rules + engine, LSP conversion. */
function open(text) {
  const t0 = cpu();
  const ast = m.parseDockerfile(text);
  const t1 = cpu();
  const model = m.buildModel(ast);
  const t2 = cpu();
  const result = m.diagnose(model, { cache: new m.RuleResultCache() });
  const t3 = cpu();
  const count = result.lspDiagnostics().length;
  const t4 = cpu();
  return { parse: t1 - t0, model: t2 - t1, rules: t3 - t2, lsp: t4 - t3, total: t4 - t0, count };
}

/** Lets the GC observer's entries of the open before arrive (they are delivered on a later turn of the event loop). */
const turn = () => new Promise((r) => setTimeout(r, 5));

for (let i = 0; i < warmup; i++) {
  open(texts[i]);
  await turn();
}

const profile = optionText('profile', undefined);
const heapProfile = optionText('heap-profile', undefined);
const session = profile || heapProfile ? new Session() : undefined;
if (session) {
  session.connect();
  if (profile) {
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
  }
  if (heapProfile) {
    await session.post('HeapProfiler.enable');
    await session.post('HeapProfiler.startSampling', { samplingInterval: 4096, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
  }
}

const parts = { parse: [], model: [], rules: [], lsp: [], total: [], gcs: [], gcMs: [] };
let count = 0;
for (let i = 0; i < opens; i++) {
  await turn();
  const [c0, g0] = [gcCount, gcMs];
  const t = open(texts[warmup + i]);
  await turn();
  count = t.count;
  for (const k of ['parse', 'model', 'rules', 'lsp', 'total']) parts[k].push(t[k]);
  parts.gcs.push(gcCount - c0);
  parts.gcMs.push(gcMs - g0);
}

if (profile) writeFileSync(profile, JSON.stringify((await session.post('Profiler.stop')).profile));
if (heapProfile) writeFileSync(heapProfile, JSON.stringify((await session.post('HeapProfiler.stopSampling')).profile));
observer.disconnect();

const sorted = (list) => [...list].sort((a, b) => a - b);
const p50 = (list) => sorted(list)[Math.floor(list.length / 2)];
const fmt = (n) => n.toFixed(2).padStart(7);
console.log(`${root === ROOT ? 'this checkout' : root}: ${lines} lines, ${opens} opens of new texts after ${warmup}, ${count} diagnostics, ${option('server-flags', 0) !== 0 ? "the server's V8 flags, " : ''}load ${os.loadavg()[0].toFixed(1)}`);
const mean = (list) => list.reduce((a, b) => a + b, 0) / list.length;
for (const k of ['parse', 'model', 'rules', 'lsp', 'total']) console.log(`  ${k.padEnd(6)} p50 ${fmt(p50(parts[k]))}  min ${fmt(sorted(parts[k])[0])}  mean ${fmt(mean(parts[k]))} ms CPU`);
console.log(`  GC during an open: ${mean(parts.gcs).toFixed(2)} collections and ${mean(parts.gcMs).toFixed(2)} ms (wall, main thread) on average`);
