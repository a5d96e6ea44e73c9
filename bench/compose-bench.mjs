#!/usr/bin/env node
// In-process timings of the Compose language service (no LSP, no IPC): parse + validate, hover
// and completion on generated Compose files of 50, 200 and 1000 services (bench/generate.mjs).
// The over-stdio comparison with @microsoft/compose-language-service lives in bench/run.mjs.
//
//   node bench/compose-bench.mjs [--sizes 50,200,1000] [--runs 20]
import { build } from 'esbuild';
import { yamlBrowserBuild } from '../scripts/yamlBuild.mjs';
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { generateCompose } from './generate.mjs';

const BENCH = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(BENCH, '..');
const OUT = join(BENCH, 'out');

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i === -1 ? fallback : args[i + 1];
};
const sizes = opt('--sizes', '50,200,1000').split(',').map(Number);
const runs = Number(opt('--runs', '20'));

mkdirSync(OUT, { recursive: true });
const bundle = join(OUT, 'compose-service.cjs');
await build({
  entryPoints: [join(ROOT, 'server/src/compose/index.ts')],
  outfile: bundle,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  logLevel: 'warning',
  ...yamlBrowserBuild,
});
const compose = await import(pathToFileURL(bundle).href);
const ctx = { host: { readFile: () => undefined, exists: () => true }, path: '/bench/compose.yaml', uri: 'file:///bench/compose.yaml' };

function median(samples) {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time(fn) {
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn(i);
    samples.push(performance.now() - t0);
  }
  return median(samples);
}

// Ajv compiles the schema once per process; report it apart from the per-document numbers.
const first = performance.now();
compose.validateCompose(compose.parseCompose('services: {}\n'), ctx);
const compileMs = performance.now() - first;

const rows = [];
for (const services of sizes) {
  const text = generateCompose(services).text ?? generateCompose(services);
  const source = typeof text === 'string' ? text : String(text);
  const lines = source.split('\n');
  // A fresh text per run (a trailing comment) defeats the parse cache, as an edit would.
  const parseValidate = time((i) => compose.validateCompose(compose.parseCompose(source + `# ${i}\n`), ctx));
  const model = compose.parseCompose(source);
  const restartLine = lines.findLastIndex((l) => l.trim().startsWith('restart:'));
  const hover = time(() => compose.composeHover(model, { line: restartLine, character: lines[restartLine].indexOf('restart') + 2 }, ctx));
  const emptyKey = lines.findLastIndex((l) => /^ {4}\w+:/.test(l));
  const completion = time(() => compose.composeCompletion(model, { line: emptyKey, character: 4 }, ctx));
  const diagnostics = compose.validateCompose(model, ctx).length;
  rows.push({ services, lines: lines.length, parseValidate, hover, completion, diagnostics });
}

console.log(`Compose language service, in process (median of ${runs}); Ajv schema compile once: ${compileMs.toFixed(0)} ms`);
console.log('| services | lines | parse + validate | hover | completion | diagnostics |');
console.log('| ---: | ---: | ---: | ---: | ---: | ---: |');
for (const r of rows) {
  console.log(`| ${r.services} | ${r.lines} | ${r.parseValidate.toFixed(2)} ms | ${r.hover.toFixed(3)} ms | ${r.completion.toFixed(3)} ms | ${r.diagnostics} |`);
}
