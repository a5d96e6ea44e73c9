#!/usr/bin/env node
// Memory benchmark (issue 16, lean tree): how much heap the parsed Dockerfile keeps per source
// byte, what it is made of, and the peak RSS of a process that parses a generated file, builds the
// model and runs every diagnostic rule on it. Each size runs in a fresh child process
// (`node --expose-gc`), so one size's garbage does not count against the next.
//
//   node bench/memory.mjs [--sizes 1000,5000,20000,100000] [--census 5000] [--root DIR] [--snapshot 0]
//
// --root: the server sources of another checkout (a `git worktree` of main, to compare with).
// --snapshot 0: skip the heap snapshots (each size's is a second child; ~10 s and ~2 GB at 100k).
//
// "tree (snapshot)" is the model's retained size in a V8 heap snapshot (bench/heapRetained.mjs):
// the bytes reachable from the model and from nothing else, the text excluded (the test holds it).
// It is the number to compare: the same on every run. The heapUsed columns below it moved by 1-2
// bytes per source byte from run to run (compiled code and flushed bytecode count in heapUsed), and
// before 2026-12-06 they counted a flat copy of the generated text (1 byte per source byte) that
// the parse made of the generator's joined string; the text is now flat before it is measured.
//
// "retained" is heapUsed after a full GC with the model held, minus heapUsed with only the text
// held, divided by the text's length; "after rules" measures the same once every rule has read the
// tree (what the rules' memos keep on top is counted, the findings are dropped first). --census N
// prints what the N-line tree keeps, from its snapshot. Nothing is asserted.
import os from 'node:os';
import v8 from 'node:v8';
import { spawnSync } from 'node:child_process';
import { unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateDockerfile } from './generate.mjs';
import { BENCH, ROOT, loadModules, option, optionText } from './inprocess.mjs';
import { retainedBy } from './heapRetained.mjs';

const EXPORTS = [
  "export { parseDocument } from './server/src/dockerfile/parser/model';",
  "export { runDiagnostics } from './server/src/dockerfile/services/diagnostics';",
  "export { loadShellParser } from './server/src/node/shellParser';",
];
const MB = 1024 * 1024;
const root = optionText('root', ROOT);
const bundle = root === ROOT ? 'memory' : 'memory-root';

/** Parses the file, holds the model in a global and writes a heap snapshot (nothing else measured). */
async function snapshotChild(lines, file) {
  const lib = await loadModules(bundle, EXPORTS, root);
  const shellProblem = await lib.loadShellParser();
  if (shellProblem) console.error(shellProblem);
  lib.runDiagnostics(lib.parseDocument(generateDockerfile(200, 7).text));
  globalThis.__memoryText = Buffer.from(generateDockerfile(lines).text, 'utf8').toString('utf8');
  globalThis.__memoryModel = lib.parseDocument(globalThis.__memoryText);
  v8.writeHeapSnapshot(file);
}

async function child(lines) {
  const gc = globalThis.gc;
  const lib = await loadModules(bundle, EXPORTS, root);
  const shellProblem = await lib.loadShellParser();
  if (shellProblem) console.error(shellProblem);
  // Warm up the parser and the rules on a small file so that code and caches are not counted.
  lib.runDiagnostics(lib.parseDocument(generateDockerfile(200, 7).text));
  // The text as the server gets it: one flat string (JSON.parse makes them so). The generator's is
  // a joined string, which the parse would flatten into a copy counted as the tree's.
  const text = Buffer.from(generateDockerfile(lines).text, 'utf8').toString('utf8');
  gc();
  gc();
  const base = process.memoryUsage().heapUsed;
  const t = process.cpuUsage();
  let model = lib.parseDocument(text);
  const parseCpu = process.cpuUsage(t);
  gc();
  gc();
  const parsed = process.memoryUsage().heapUsed;
  let findings = lib.runDiagnostics(model).length;
  gc();
  gc();
  const checked = process.memoryUsage().heapUsed;
  const result = {
    lines,
    chars: text.length,
    retained: (parsed - base) / text.length,
    afterRules: (checked - base) / text.length,
    treeMB: (parsed - base) / MB,
    parseMs: (parseCpu.user + parseCpu.system) / 1000,
    findings,
    peakRssMB: process.resourceUsage().maxRSS / 1024,
  };
  model = undefined;
  findings = undefined;
  process.stdout.write(JSON.stringify(result));
}

if (process.argv.includes('--snapshot-child')) {
  await snapshotChild(option('snapshot-child', 5000), optionText('file', ''));
} else if (process.argv.includes('--child')) {
  await child(option('child', 5000));
} else {
  const sizes = optionText('sizes', '1000,5000,20000,100000').split(',').map(Number);
  const censusAt = option('census', 5000);
  await loadModules(bundle, EXPORTS, root);
  const self = fileURLToPath(import.meta.url);
  const rows = [];
  for (const lines of sizes) {
    const args = ['--expose-gc', self, '--child', String(lines), '--root', root];
    const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 64 * MB });
    if (r.status !== 0) {
      console.error(r.stderr);
      process.exit(1);
    }
    const row = JSON.parse(r.stdout);
    if (option('snapshot', 1)) {
      const file = join(BENCH, 'out', `memory-${process.pid}-${lines}.heapsnapshot`);
      const s = spawnSync(process.execPath, ['--max-old-space-size=8192', self, '--snapshot-child', String(lines), '--file', file, '--root', root], { encoding: 'utf8' });
      if (s.status !== 0) {
        console.error(s.stderr);
        process.exit(1);
      }
      const kept = retainedBy(file, '__memoryModel', 40);
      unlinkSync(file);
      row.snapshot = kept.bytes / row.chars;
      row.snapshotMB = kept.bytes / MB;
      if (lines === censusAt) row.kept = kept;
    }
    rows.push(row);
  }
  console.log(`node ${process.version}, ${os.cpus().length} CPUs, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  console.log('| lines | source KiB | tree (snapshot) bytes / source byte | tree (snapshot) MB | heapUsed: retained bytes / source byte | after rules | parse CPU ms | peak RSS (parse + rules) |');
  console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of rows) {
    const snap = r.snapshot === undefined ? '| |' : `| ${r.snapshot.toFixed(2)} | ${r.snapshotMB.toFixed(1)} |`;
    console.log(`| ${r.lines} | ${(r.chars / 1024).toFixed(0)} ${snap} ${r.retained.toFixed(1)} | ${r.afterRules.toFixed(1)} | ${r.parseMs.toFixed(0)} | ${r.peakRssMB.toFixed(0)} MB |`);
  }
  const kept = rows.find((r) => r.kept);
  if (kept) {
    const per = (b) => (b / kept.chars).toFixed(3);
    console.log(`\nWhat the ${kept.lines}-line tree keeps (heap snapshot, self bytes per source byte):`);
    console.log('| kind | count | bytes / source byte |');
    console.log('| --- | ---: | ---: |');
    for (const [k, c] of kept.kept.byKind) console.log(`| ${k} | ${c.count} | ${per(c.bytes)} |`);
    console.log('\n| holder .property -> kind | count | bytes / source byte |');
    console.log('| --- | ---: | ---: |');
    for (const [k, c] of kept.kept.byHolder) console.log(`| ${k} | ${c.count} | ${per(c.bytes)} |`);
  }
}
