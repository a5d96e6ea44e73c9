#!/usr/bin/env node
// Formatting benchmark: Format Document on a generated 5,000-line Dockerfile and a 200-service
// Compose file, in process (the services the server calls), and the Dockerfile corpus as a whole.
//
//   node bench/format.mjs [--lines 5000] [--services 200] [--runs 15]
//
// Prints milliseconds (p50 / p95 / min over the runs, after two warm-up runs). Nothing is asserted.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { generateCompose, generateDockerfile } from './generate.mjs';
import { loadModules, option, ROOT, wallTimes } from './inprocess.mjs';

const ms = (n) => n.toFixed(1);

const lines = option('lines', 5000);
const services = option('services', 200);
const runs = option('runs', 15);
const { parseDocument, formatDockerfile, formatCompose, loadShellParser } = await loadModules('format', [
  "export { parseDocument } from './server/src/dockerfile/parser/model';",
  "export { formatDockerfile } from './server/src/dockerfile/services/format';",
  "export { formatCompose } from './server/src/compose/format';",
  "export { loadShellParser } from './server/src/node/shellParser';",
]);
// RUN chains are laid out on the shell parser's reading, as in the server.
const shellProblem = await loadShellParser();
if (shellProblem) console.warn(shellProblem);

const dockerfile = generateDockerfile(lines).text;
const compose = generateCompose(services).text;
const model = parseDocument(dockerfile);
const rows = [];
rows.push([`Dockerfile, ${dockerfile.split('\n').length} lines: format (parsed model given)`, wallTimes(() => formatDockerfile(model), runs)]);
rows.push([`Dockerfile, ${dockerfile.split('\n').length} lines: parse + format`, wallTimes(() => formatDockerfile(parseDocument(dockerfile)), runs)]);
rows.push([`Compose, ${services} services (${compose.split('\n').length} lines): format`, wallTimes(() => formatCompose(compose, { tabSize: 2 }), runs)]);

const corpus = process.env.DOCKLENS_CORPORA ?? join(ROOT, '..', 'shared', 'corpora');
if (existsSync(join(corpus, 'dockerfiles'))) {
  const dir = join(corpus, 'dockerfiles');
  const models = readdirSync(dir)
    .filter((f) => f.endsWith('.Dockerfile'))
    .map((f) => parseDocument(readFileSync(join(dir, f), 'utf8')));
  rows.push([`Dockerfile corpus, ${models.length} files: format all`, wallTimes(() => models.forEach((m) => formatDockerfile(m)), Math.max(3, Math.floor(runs / 5)))]);
}

console.log(`node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? '?'}), load ${os.loadavg()[0].toFixed(1)}`);
console.log('| what | p50 ms | p95 ms | min ms |\n| --- | ---: | ---: | ---: |');
for (const [what, t] of rows) console.log(`| ${what} | ${ms(t.p50)} | ${ms(t.p95)} | ${ms(t.min)} |`);
