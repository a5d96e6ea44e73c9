#!/usr/bin/env node
// Compose project benchmark: a 200-service project of 3 files (compose.yaml, compose.override.yaml,
// an extends base) + .env, in process with the services the server calls. Measures resolving the
// project from cold, and re-validating the override file after a one-line edit (resolve + parse +
// every check), as the server does per keystroke.
//
//   node bench/compose-project.mjs [--services 200] [--runs 30]
//
// Prints milliseconds (p50 / p95 / min after two warm-up runs). Nothing is asserted.
import { loadModules, option, wallTimes } from './inprocess.mjs';

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

const services = option('services', 200);
const runs = option('runs', 30);
const { parseCompose, validateCompose, ProjectResolver, discoverProject, resolveProject } = await loadModules('compose-project', [
  "export { parseCompose, validateCompose } from './server/src/compose/index';",
  "export { ProjectResolver } from './server/src/compose/project/resolver';",
  "export { discoverProject } from './server/src/compose/project/discovery';",
  "export { resolveProject } from './server/src/compose/project/projects';",
]);
const root = '/bench';
const files = project(services);
const abs = new Map(Object.entries(files).map(([p, t]) => [`${root}/${p}`, t]));
const host = {
  readFile: (p) => abs.get(p),
  exists: (p) => abs.has(p) || p === root,
  read: (p) => (abs.has(p) ? { text: abs.get(p) } : { problem: 'missing' }),
};
const overridePath = `${root}/compose.override.yaml`;
const lines = files['compose.yaml'].split('\n').length + files['compose.override.yaml'].split('\n').length + files['base.yaml'].split('\n').length;

const rows = [];
rows.push([
  `resolve from cold (${services} services, 3 files + .env, ${lines} lines)`,
  wallTimes(() => resolveProject(discoverProject(overridePath, host), host), runs),
]);
const resolver = new ProjectResolver(host);
const original = files['compose.override.yaml'];
rows.push([
  're-validate compose.override.yaml after a one-line edit (resolve + parse + all checks)',
  wallTimes((i) => {
    const text = original.replace('DEBUG: "true"', `DEBUG: "edit-${i}"`);
    abs.set(overridePath, text);
    // the server's order: the document is parsed once per version, then its project resolved
    const model = parseCompose(text);
    const ctx = { host, path: overridePath, uri: `file://${overridePath}`, project: resolver.forDocument(overridePath) };
    const diagnostics = validateCompose(model, ctx);
    if (diagnostics.some((d) => d.severity === 1)) throw new Error(JSON.stringify(diagnostics.slice(0, 3)));
  }, runs),
]);
const width = Math.max(...rows.map(([l]) => l.length));
console.log(`${'case'.padEnd(width)}  p50 ms  p95 ms  min ms   (node ${process.version}, ${runs} runs)`);
for (const [label, t] of rows) console.log(`${label.padEnd(width)}  ${t.p50.toFixed(1).padStart(6)}  ${t.p95.toFixed(1).padStart(6)}  ${t.min.toFixed(1).padStart(6)}`);
if (process.argv.includes('--parts')) {
  const text = original.replace('DEBUG: "true"', 'DEBUG: "x"');
  abs.set(overridePath, text);
  const ctx = { host, path: overridePath, project: resolver.forDocument(overridePath) };
  const model = parseCompose(text);
  for (const [label, fn] of [
    ['parse override', (i) => parseCompose(text + `#${i}\n`)],
    ['validate override (project given)', () => validateCompose(model, ctx)],
    ['resolve after edit', (i) => { abs.set(overridePath, text + `#${i}\n`); resolver.forDocument(overridePath); }],
  ]) {
    const t = wallTimes(fn, runs);
    console.log(`${label.padEnd(40)} ${t.p50.toFixed(1)} ${t.min.toFixed(1)}`);
  }
}
