#!/usr/bin/env node
// In-process timings of the hostile inputs from issue #12 (no LSP): Compose files of 0.5/1/2/4 MB
// (duplicate-key detection), deep YAML nesting, and 10,000 chained stages (diagnostics and hover).
//
//   node bench/hostile.mjs [--only compose|nesting|stages]
import { build } from 'esbuild';
import { yamlBrowserBuild } from '../scripts/yamlBuild.mjs';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';

const BENCH = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(BENCH, '..');
const OUT = join(BENCH, 'out');
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;

mkdirSync(OUT, { recursive: true });
const entry = join(OUT, 'hostile-entry.ts');
writeFileSync(
  entry,
  [
    `export { parseCompose, validateCompose, composeHover } from '${ROOT}/server/src/compose/index';`,
    `export { parseDocument } from '${ROOT}/server/src/dockerfile/parser/model';`,
    `export { runDiagnostics } from '${ROOT}/server/src/dockerfile/services/diagnostics/index';`,
    `export { getHover } from '${ROOT}/server/src/dockerfile/services/hover';`,
    `export { layerCodeLenses } from '${ROOT}/server/src/dockerfile/services/layers';`,
    `export { loadShellParser } from '${ROOT}/server/src/node/shellParser';`,
  ].join('\n'),
);
const bundle = join(OUT, 'hostile.cjs');
await build({ entryPoints: [entry], outfile: bundle, bundle: true, platform: 'node', format: 'cjs', target: 'node18', logLevel: 'warning', ...yamlBrowserBuild });
const svc = await import(pathToFileURL(bundle).href);
const shellProblem = await svc.loadShellParser();
if (shellProblem) throw new Error(shellProblem);

const time = (label, fn) => {
  const t0 = performance.now();
  let result;
  try {
    result = fn();
  } catch (e) {
    result = `THREW ${e.message}`;
  }
  const ms = performance.now() - t0;
  console.log(`${label.padEnd(44)} ${ms.toFixed(0).padStart(7)} ms`);
  return result;
};

/** A Compose file of about `bytes` bytes: many services, each with a few keys. */
export function bigCompose(bytes) {
  const parts = ['services:\n'];
  let size = parts[0].length;
  for (let i = 0; size < bytes; i++) {
    const s = `  svc${i}:\n    image: alpine:3.20\n    environment:\n      A: "1"\n      B: "2"\n    ports:\n      - "${8000 + (i % 1000)}:80"\n`;
    parts.push(s);
    size += s.length;
  }
  return parts.join('');
}

if (!only || only === 'compose') {
  for (const mb of [0.5, 1, 2, 4]) {
    const text = bigCompose(mb * 1024 * 1024);
    const model = time(`compose ${mb} MB parse`, () => svc.parseCompose(text));
    time(`compose ${mb} MB diagnostics`, () => svc.validateCompose(model).length);
  }
}

if (!only || only === 'nesting') {
  for (const depth of [1000, 10000, 50000]) {
    const flow = '['.repeat(depth) + ']'.repeat(depth);
    const block = Array.from({ length: depth }, (_, i) => ' '.repeat(i) + 'k:').join('\n') + ' 1\n';
    for (const [name, text] of [['flow', `services:\n  a:\n    x-deep: ${flow}\n`], ['block', block]]) {
      const model = time(`yaml ${name} nesting ${depth} parse`, () => svc.parseCompose(text));
      const d = time(`yaml ${name} nesting ${depth} diagnostics`, () => svc.validateCompose(model));
      if (Array.isArray(d)) console.log('   ', d.slice(0, 2).map((x) => x.message.slice(0, 80)).join(' | '));
      else console.log('   ', d);
    }
  }
}

if (!only || only === 'stages') {
  for (const n of [1000, 10000]) {
    const lines = ['FROM alpine AS s0'];
    for (let i = 1; i < n; i++) lines.push(`FROM s${i - 1} AS s${i}`, `RUN echo ${i}`);
    const text = lines.join('\n') + '\n';
    const model = time(`${n} chained stages parse`, () => svc.parseDocument(text));
    const errors = [];
    const f = time(`${n} chained stages diagnostics`, () => svc.runDiagnostics(model, { onRuleError: (code, e) => errors.push(`${code}: ${e.message}`) }));
    console.log('    findings', Array.isArray(f) ? f.length : f, 'rule errors', errors.length ? errors.slice(0, 3).join('; ') : 0);
    const lastFrom = text.lastIndexOf('FROM s');
    const probes = { 'last RUN': text.lastIndexOf('RUN echo') + 1, 'last FROM keyword': lastFrom + 1, 'last FROM base': lastFrom + 6, 'last AS name': text.lastIndexOf(' AS s') + 5, 'first AS name': text.indexOf(' AS s') + 5 };
    for (const [what, at] of Object.entries(probes)) {
      const h = time(`${n} chained stages hover on ${what}`, () => svc.getHover(model, at));
      if (!h) console.log('    (no hover)');
    }
    time(`${n} chained stages layer lenses`, () => svc.layerCodeLenses(model, 'file:///x/Dockerfile').length);
  }
}
