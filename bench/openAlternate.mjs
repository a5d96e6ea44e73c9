#!/usr/bin/env node
// Two checkouts' 5k opens in one process, alternating (issue 16): on a shared machine separate runs
// of bench/openParts.mjs disagree by more than a few ms, so old and new are bundled side by side
// (`--root DIR`, a `git archive` of the older commit under bench/out/, against this checkout or
// `--other DIR`) and each text is opened by both, the order swapped every open. Each open is parse +
// model, then diagnose with a fresh rule cache + LSP conversion, as openParts does; the CPU of each
// (process.cpuUsage: GC helper threads included, so `node --single-threaded-gc` narrows the spread
// under load) is printed as p10 / p25 / p50 and min, with the scavenges and other GCs that started during each
// side's opens (per open). `--server-flags 1` sets the V8 flags
// node/main.ts sets (the young generation kept at its start size). Nothing is asserted.
//
//   node [--single-threaded-gc] bench/openAlternate.mjs --root DIR [--other DIR] [--lines 5000] [--opens 60] [--warmup 12] [--server-flags 1]
import os from 'node:os';
import { resolve } from 'node:path';
import { PerformanceObserver, constants as perfConstants, performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { generateDockerfile } from './generate.mjs';
import { loadServer, option, optionText, ROOT } from './inprocess.mjs';

if (option('server-flags', 0) !== 0) {
  setFlagsFromString('--heap-growing-percent=50');
  setFlagsFromString('--semi-space-growth-factor=1');
}
const lines = option('lines', 5000);
const opens = option('opens', 60);
const warmup = option('warmup', 12);
const rootA = optionText('root', undefined);
if (!rootA) {
  console.error('--root DIR: the checkout to compare with (git archive <commit> | tar -x -C bench/out/<name>)');
  process.exit(2);
}
const extra = ["export { parseDockerfile } from './server/src/dockerfile/parser/parser';"];
const rootB = optionText('other', undefined);
const sides = [
  { name: resolve(rootA), m: await loadServer('alternateA', resolve(rootA), extra) },
  { name: rootB ? resolve(rootB) : 'this checkout', m: await loadServer('alternateB', rootB ? resolve(rootB) : ROOT, extra) },
];
const texts = Array.from({ length: warmup + opens }, (_, i) => generateDockerfile(lines, lines * 1000 + i).text);

const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** CPU ms of parse + model and of diagnose + LSP conversion. */
function open(m, text) {
  const t0 = cpu();
  const model = m.buildModel(m.parseDockerfile(text));
  const t1 = cpu();
  m.diagnose(model, { cache: new m.RuleResultCache() }).lspDiagnostics();
  const t2 = cpu();
  return { parse: t1 - t0, rules: t2 - t1, total: t2 - t0 };
}

// Each measured open's window (performance.now()), by side: the GCs V8 reports are counted in the
// window they started in (the observer hears of them when the loop turns, after each open).
const windows = sides.map(() => []);
const gcs = [];
const observer = new PerformanceObserver((list) => gcs.push(...list.getEntries()));
observer.observe({ entryTypes: ['gc'] });

const loadBefore = os.loadavg()[0];
const times = sides.map(() => ({ parse: [], rules: [], total: [] }));
for (let i = 0; i < warmup + opens; i++) {
  for (const s of i % 2 === 0 ? [0, 1] : [1, 0]) {
    const w0 = performance.now();
    const t = open(sides[s].m, texts[i]);
    if (i < warmup) continue;
    windows[s].push([w0, performance.now()]);
    for (const k of ['parse', 'rules', 'total']) times[s][k].push(t[k]);
  }
  // Between opens, outside the times: the observer hears of the GCs only when the loop turns.
  await new Promise((done) => setImmediate(done));
}
await new Promise((done) => setTimeout(done, 50));
observer.disconnect();
/** Scavenges and other GCs per open of side `s`, and their mean wall ms per open. */
function gcPerOpen(s) {
  let minor = 0;
  let other = 0;
  let ms = 0;
  for (const e of gcs) {
    if (!windows[s].some(([a, b]) => e.startTime >= a && e.startTime < b)) continue;
    if (e.detail?.kind === perfConstants.NODE_PERFORMANCE_GC_MINOR) minor++;
    else other++;
    ms += e.duration;
  }
  const n = windows[s].length;
  return `scavenges ${(minor / n).toFixed(1)}, other GCs ${(other / n).toFixed(1)}, GC ${(ms / n).toFixed(1)} ms wall per open`;
}

const at = (list, q) => [...list].sort((a, b) => a - b)[Math.floor(q * (list.length - 1))];
const row = (list) => [0.1, 0.25, 0.5].map((q) => at(list, q).toFixed(1)).join(' / ') + `  min ${at(list, 0).toFixed(1)}`;
console.log(`${lines} lines, ${opens} opens each after ${warmup}, alternating${option('server-flags', 0) !== 0 ? ", the server's V8 flags" : ''}; load ${loadBefore.toFixed(1)} -> ${os.loadavg()[0].toFixed(1)}; CPU ms p10 / p25 / p50`);
sides.forEach((s, i) => {
  console.log(s.name);
  for (const k of ['parse', 'rules', 'total']) console.log(`  ${(k === 'parse' ? 'parse + model' : k === 'rules' ? 'rules + LSP' : 'total').padEnd(13)} ${row(times[i][k])}`);
  console.log(`  ${gcPerOpen(i)}`);
});
