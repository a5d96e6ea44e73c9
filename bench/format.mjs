#!/usr/bin/env node
// Formatting benchmark: Format Document on a generated 5,000-line Dockerfile and a 200-service
// Compose file, in process (the services the server calls), and the Dockerfile corpus as a whole.
//
//   node bench/format.mjs [--lines 5000] [--services 200] [--runs 15]
//
// Prints milliseconds (p50 / p95 / min over the runs, after two warm-up runs). Nothing is asserted.
import { build } from 'esbuild';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { generateCompose, generateDockerfile } from './generate.mjs';

const BENCH = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(BENCH, '..');
const OUT = join(BENCH, 'out');

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

async function load() {
  mkdirSync(OUT, { recursive: true });
  const outfile = join(OUT, 'format.cjs');
  await build({
    stdin: {
      contents:
        "export { parseDocument } from './server/src/dockerfile/parser/model';\n" +
        "export { formatDockerfile } from './server/src/dockerfile/services/format';\n" +
        "export { formatCompose } from './server/src/compose/format';\n" +
        "export { loadShellParser } from './server/src/node/shellParser';\n",
      resolveDir: ROOT,
      loader: 'ts',
      sourcefile: 'bench-format.ts',
    },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node18',
    outfile,
    logLevel: 'silent',
  });
  return createRequire(import.meta.url)(outfile);
}

function time(fn, runs) {
  fn();
  fn();
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  const at = (q) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))];
  return { p50: at(0.5), p95: at(0.95), min: samples[0] };
}

const ms = (n) => n.toFixed(1);

const lines = option('lines', 5000);
const services = option('services', 200);
const runs = option('runs', 15);
const { parseDocument, formatDockerfile, formatCompose, loadShellParser } = await load();
// RUN chains are laid out on the shell parser's reading, as in the server.
const shellProblem = await loadShellParser();
if (shellProblem) console.warn(shellProblem);

const dockerfile = generateDockerfile(lines).text;
const compose = generateCompose(services).text;
const model = parseDocument(dockerfile);
const rows = [];
rows.push([`Dockerfile, ${dockerfile.split('\n').length} lines: format (parsed model given)`, time(() => formatDockerfile(model), runs)]);
rows.push([`Dockerfile, ${dockerfile.split('\n').length} lines: parse + format`, time(() => formatDockerfile(parseDocument(dockerfile)), runs)]);
rows.push([`Compose, ${services} services (${compose.split('\n').length} lines): format`, time(() => formatCompose(compose, { tabSize: 2 }), runs)]);

const corpus = process.env.DOCKLENS_CORPORA ?? join(ROOT, '..', 'shared', 'corpora');
if (existsSync(join(corpus, 'dockerfiles'))) {
  const dir = join(corpus, 'dockerfiles');
  const models = readdirSync(dir)
    .filter((f) => f.endsWith('.Dockerfile'))
    .map((f) => parseDocument(readFileSync(join(dir, f), 'utf8')));
  rows.push([`Dockerfile corpus, ${models.length} files: format all`, time(() => models.forEach((m) => formatDockerfile(m)), Math.max(3, Math.floor(runs / 5)))]);
}

console.log(`node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? '?'}), load ${os.loadavg()[0].toFixed(1)}`);
console.log('| what | p50 ms | p95 ms | min ms |\n| --- | ---: | ---: | ---: |');
for (const [what, t] of rows) console.log(`| ${what} | ${ms(t.p50)} | ${ms(t.p95)} | ${ms(t.min)} |`);
