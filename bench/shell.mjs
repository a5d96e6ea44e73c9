#!/usr/bin/env node
// The shell parser's cost on the Dockerfile corpus, in one process:
//   1. every RUN body of the corpus parsed by tree-sitter alone (no reading of the tree);
//   2. the same bodies read into commands by the shell module (parse + read);
//   3. `check` over the whole corpus: parse every file and run every rule, as `docklens check` does.
//
//   node bench/shell.mjs [--runs 5]
//
// Prints CPU milliseconds of this process (user + system, includes V8's helper threads) per pass:
// min and median over the runs after one warm-up, the input size in MB, and the heap after the
// passes. Nothing is asserted.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { cpuTime, loadModules, option, ROOT } from './inprocess.mjs';

function time(fn, runs) {
  fn();
  const samples = [];
  for (let i = 0; i < runs; i++) samples.push(cpuTime(fn));
  samples.sort((a, b) => a - b);
  return { min: samples[0], p50: samples[Math.floor(samples.length / 2)] };
}

const runs = option('runs', 5);
const lib = await loadModules('shell', [
  "export { parseDocument } from './server/src/dockerfile/parser/model';",
  "export { shellOf } from './server/src/dockerfile/services/instructionShell';",
  "export { withShellTree } from './server/src/dockerfile/shell/treeSitter';",
  "export { loadShellParser } from './server/src/node/shellParser';",
  "export { runDiagnostics } from './server/src/dockerfile/services/diagnostics';",
]);
const problem = await lib.loadShellParser();
if (problem) throw new Error(problem);

const corpus = process.env.DOCKLENS_CORPORA ?? join(ROOT, '..', 'shared', 'corpora');
const dir = join(corpus, 'dockerfiles');
if (!existsSync(dir)) {
  console.error(`corpus not found: ${dir} (set DOCKLENS_CORPORA)`);
  process.exit(1);
}
const texts = readdirSync(dir)
  .filter((f) => f.endsWith('.Dockerfile'))
  .sort()
  .map((f) => readFileSync(join(dir, f), 'utf8'));

// The scripts the shell module would parse: every POSIX script of every RUN.
const bodies = [];
for (const text of texts) {
  const model = lib.parseDocument(text);
  for (const ins of model.ast.instructions) {
    if (ins.keyword !== 'RUN') continue;
    for (const s of lib.shellOf(model, ins).scripts) if (s.language === 'sh' || s.language === 'bash') bodies.push(s.text);
  }
}
const bodyBytes = bodies.reduce((n, b) => n + Buffer.byteLength(b), 0);
const corpusBytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);

const rows = [];
rows.push([`parse ${bodies.length} RUN scripts (${(bodyBytes / 1e6).toFixed(2)} MB), tree only`, time(() => bodies.forEach((b) => lib.withShellTree(b, () => 0)), runs)]);
rows.push([
  `parse + read commands of every RUN/CMD/ENTRYPOINT/HEALTHCHECK (fresh models, ${texts.length} files)`,
  time(() => {
    for (const text of texts) {
      const model = lib.parseDocument(text);
      for (const ins of model.ast.instructions) lib.shellOf(model, ins);
    }
  }, runs),
]);
rows.push([`parse Dockerfiles only (${texts.length} files, ${(corpusBytes / 1e6).toFixed(2)} MB)`, time(() => texts.forEach((t) => lib.parseDocument(t)), runs)]);
rows.push([`check: parse + every rule, ${texts.length} files`, time(() => texts.forEach((t) => lib.runDiagnostics(lib.parseDocument(t), {})), runs)]);

const mem = process.memoryUsage();
console.log(`node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? '?'}), load ${os.loadavg()[0].toFixed(1)}`);
console.log('| pass | CPU ms (min) | CPU ms (median) |\n| --- | ---: | ---: |');
for (const [what, t] of rows) console.log(`| ${what} | ${t.min.toFixed(0)} | ${t.p50.toFixed(0)} |`);
console.log(`heap used ${(mem.heapUsed / 1e6).toFixed(0)} MB, rss ${(mem.rss / 1e6).toFixed(0)} MB, peak rss ${(process.resourceUsage().maxRSS / 1e3).toFixed(0)} MB`);
