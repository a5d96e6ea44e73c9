#!/usr/bin/env node
// Compose project benchmark (issue 14): a project of N services in 3 files (compose.yaml,
// compose.override.yaml, an extends base) + .env, in process with the services the server calls,
// in the server's order. CPU time of this process per operation (process.cpuUsage: other jobs on a
// shared machine disturb it less than wall time), median / p95 / min after two warm-up runs.
//
//   node bench/compose-project.mjs [--services 200] [--runs 30] [--open 1000] [--only edit,open] [--root DIR] [--parts]
//
// Cases:
// - resolve: the project resolved by resolveProject (no ProjectResolver cache; parsed files reused);
// - edit: re-validating compose.override.yaml after a one-line edit (parse + project + all checks),
//   what the server does per keystroke (issue 14's target: under 30 ms p50 at 200 services);
// - open: a fresh single-file project of --open services from bench/generate.mjs (new path each
//   run, like bench/run.mjs's opens): parse + project + all checks (issue 16: p95 ≤ 200 ms at 1000);
// - dockerfile: a keystroke in a Dockerfile a service builds: the build args the server looks up
//   (Compose files above it, their projects, the service's args) with no Compose file changed.
// `--root DIR` bundles the server sources of another checkout (to compare with an earlier commit).
// Nothing is asserted.
import os from 'node:os';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { generateCompose } from './generate.mjs';
import { cpuTime, loadModules, option, optionText, ROOT } from './inprocess.mjs';

function project(services) {
  const base = ['services:', '  common:', '    image: example/base:${TAG}', '    restart: unless-stopped', '    environment:', '      LOG_LEVEL: info', ''].join('\n');
  const main = ['name: bench', 'services:'];
  const override = ['services:'];
  for (let i = 0; i < services; i++) {
    main.push(
      `  s${i}:`,
      '    extends:',
      '      file: base.yaml',
      '      service: common',
      `    image: example/s${i}:\${TAG:-latest}`,
      ...(i % 10 === 0 ? ['    build:', `      context: ./s${i}`, '      args:', `        INDEX: "${i}"`, '        VERSION: ${TAG}'] : []),
      '    ports:',
      `      - "${10000 + i}:80"`,
      '    environment:',
      `      SERVICE_INDEX: "${i}"`,
      `      DB_URL: postgres://db:\${DB_PORT:-5432}/s${i}`,
      ...(i > 0 ? ['    depends_on:', `      - s${i - 1}`] : []),
      '    networks: [back]',
      '    volumes:',
      `      - data${i % 10}:/data`,
    );
    override.push(`  s${i}:`, '    environment:', `      DEBUG: "${i % 2 === 0}"`, ...(i % 5 === 0 ? ['    ports: !reset []'] : []));
  }
  main.push('networks:', '  back: {}', 'volumes:', ...Array.from({ length: 10 }, (_, k) => `  data${k}: {}`), '');
  override.push('');
  return { 'base.yaml': base, 'compose.yaml': main.join('\n'), 'compose.override.yaml': override.join('\n'), '.env': 'TAG=1.2.3\nDB_PORT=6543\n' };
}

/** CPU milliseconds of `fn(i)` over `runs` runs after two warm-ups: p50, p95 and min. */
function cpuTimes(fn, runs) {
  fn(0);
  fn(1);
  const samples = [];
  for (let i = 0; i < runs; i++) samples.push(cpuTime(() => fn(i + 2)));
  samples.sort((a, b) => a - b);
  const at = (q) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))];
  return { p50: at(0.5), p95: at(0.95), min: samples[0] };
}

const services = option('services', 200);
const runs = option('runs', 30);
const openServices = option('open', 1000);
const root = resolve(optionText('root', ROOT));
const { parseCompose, validateCompose, ProjectResolver, discoverProject, resolveProject, buildArgsFor, composeFilesAbove, FileAccess, createFileHost, support } = await loadModules(
  'compose-project',
  [
    "export { parseCompose, validateCompose } from './server/src/compose/index';",
    "export { ProjectResolver } from './server/src/compose/project/resolver';",
    "export { discoverProject } from './server/src/compose/project/discovery';",
    "export { resolveProject } from './server/src/compose/project/projects';",
    "export { buildArgsFor, composeFilesAbove } from './server/src/compose/project/serverSupport';",
    "export { FileAccess, createFileHost } from './server/src/node/fileAccess';",
    "export * as support from './server/src/compose/project/serverSupport';",
  ],
  root,
);
const dir = '/bench';
const files = project(services);
const abs = new Map(Object.entries(files).map(([p, t]) => [`${dir}/${p}`, t]));
abs.set(`${dir}/s10/Dockerfile`, 'ARG INDEX\nFROM alpine\nARG VERSION\nRUN echo $INDEX $VERSION\n');
const host = {
  readFile: (p) => abs.get(p),
  exists: (p) => abs.has(p) || p === dir,
  read: (p) => (abs.has(p) ? { text: abs.get(p) } : { problem: 'missing' }),
};
const overridePath = `${dir}/compose.override.yaml`;
const lines = files['compose.yaml'].split('\n').length + files['compose.override.yaml'].split('\n').length + files['base.yaml'].split('\n').length;

const only = optionText('only', '');
const rows = [];
const want = (name) => !only || only.split(',').includes(name);
if (want('resolve')) rows.push([`resolve the project (${services} services, 3 files + .env, ${lines} lines; no resolver cache)`, cpuTimes(() => resolveProject(discoverProject(overridePath, host), host), runs)]);
const resolver = new ProjectResolver(host);
const original = files['compose.override.yaml'];
if (want('edit')) rows.push([
  `edit: re-validate compose.override.yaml after a one-line edit (parse + project + all checks)`,
  cpuTimes((i) => {
    const text = original.replace('DEBUG: "true"', `DEBUG: "edit-${i}"`);
    abs.set(overridePath, text);
    // the server's order: the document is parsed once per version, then its project resolved
    const model = parseCompose(text);
    const ctx = { host, path: overridePath, uri: `file://${overridePath}`, project: resolver.forDocument(overridePath) };
    const diagnostics = validateCompose(model, ctx);
    if (diagnostics.some((d) => d.severity === 1)) throw new Error(JSON.stringify(diagnostics.slice(0, 3)));
  }, runs),
]);
abs.set(overridePath, original);
// the Dockerfile case reads the project from disk, as the server does (its host: bounded reads, a cache by mtime)
const disk = mkdtempSync(join(os.tmpdir(), 'docklens-bench-compose-'));
for (const [p, t] of abs) {
  mkdirSync(dirname(join(disk, p.slice(dir.length))), { recursive: true });
  writeFileSync(join(disk, p.slice(dir.length)), t);
}
const diskHost = createFileHost(new FileAccess({ maxBytes: 10 * 1024 * 1024 }));
const diskResolver = new ProjectResolver(diskHost);
const dockerfilePath = `${disk}/s10/Dockerfile`;
if (want('dockerfile')) rows.push([
  `dockerfile: build args for a Dockerfile keystroke (no Compose file changed; files on disk)`,
  cpuTimes(() => {
    // what server.ts composeBuildArgs does per Dockerfile version: Compose files above, their projects, the args
    const near = composeFilesAbove(dockerfilePath, (p) => diskHost.readFile(p) !== undefined, disk);
    for (const path of near) {
      const args = buildArgsFor(diskResolver.forDocument(path, { base: disk }), dockerfilePath);
      if (args) {
        if (args.VERSION !== '1.2.3') throw new Error(JSON.stringify(args));
        return;
      }
    }
    throw new Error('no build args found');
  }, runs),
]);
// the server with a file watcher: the args kept per Dockerfile while nothing they depend on changes
// (open documents and versions, settings, folders, watched-file notifications)
if (want('dockerfile') && support.BuildArgsCache) {
  const cache = new support.BuildArgsCache();
  const open = Array.from({ length: 10 }, (_, k) => ({ uri: `file:///w/doc${k}`, languageId: k % 2 ? 'dockercompose' : 'dockerfile', version: k }));
  const settings = { projects: [], useProcessEnvironment: false };
  rows.push([
    'dockerfile, server with a file watcher: the same lookup through its cache (10 open documents)',
    cpuTimes(() => {
      const others = open.flatMap((d) => (d.languageId === 'dockerfile' ? [] : [`${d.uri}@${d.version}`]));
      const state = JSON.stringify([0, settings, ['/w'], true, others]);
      cache.get(dockerfilePath, state, () => buildArgsFor(diskResolver.forDocument(`${disk}/compose.yaml`, { base: disk }), dockerfilePath));
    }, runs),
  ]);
}
const single = generateCompose(openServices).text;
if (want('open')) rows.push([
  `open: a new ${openServices}-service single-file project (${single.split('\n').length} lines; parse + project + all checks)`,
  cpuTimes((i) => {
    const path = `/open/${i}/compose.yaml`;
    abs.set(path, single);
    const model = parseCompose(single);
    validateCompose(model, { host, path, uri: `file://${path}`, project: resolver.forDocument(path) });
    abs.delete(path);
  }, Math.max(5, Math.round(runs / 2))),
]);

rmSync(disk, { recursive: true, force: true });

const width = Math.max(...rows.map(([l]) => l.length));
console.log(`node ${process.version}, ${os.cpus().length} CPUs, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}, sources ${root}`);
console.log(`${'case (CPU ms)'.padEnd(width)}  p50     p95     min    (${runs} runs)`);
const ms = (v) => (v < 1 ? v.toFixed(3) : v.toFixed(1)).padStart(6);
for (const [label, t] of rows) console.log(`${label.padEnd(width)}  ${ms(t.p50)}  ${ms(t.p95)}  ${ms(t.min)}`);
if (process.argv.includes('--parts')) {
  const text = original.replace('DEBUG: "true"', 'DEBUG: "x"');
  abs.set(overridePath, text);
  const ctx = { host, path: overridePath, project: resolver.forDocument(overridePath) };
  const model = parseCompose(text);
  for (const [label, fn] of [
    ['parse override', (i) => parseCompose(text + `#${i}\n`)],
    ['validate override (project given)', () => validateCompose(model, ctx)],
    ['project after edit', (i) => { abs.set(overridePath, text + `#${i}\n`); resolver.forDocument(overridePath); }],
  ]) {
    const t = cpuTimes(fn, runs);
    console.log(`${label.padEnd(40)} ${t.p50.toFixed(1)} ${t.min.toFixed(1)}`);
  }
}
