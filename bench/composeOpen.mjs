#!/usr/bin/env node
// The first open of a large Compose file, in process, split by stage (issue 16): the model
// (`parseCompose`: `yaml`'s parse, our reading of it, the scan for anchors and duplicate keys),
// the project (`ProjectResolver.forDocument`, a new resolver per open) and the checks
// (`validateCompose`), this checkout against another (`--root DIR`) alternately in one process.
// Each open is a new text (a comment line numbered at the top), so nothing is replayed. The
// process keeps the server's young generation (node/heapFlags.ts: 2 x 1 MB, never grown), set
// before anything else is loaded. Main-thread CPU ms (/proc schedstat, not the GC helper
// threads), p50 / p25 / min after --warm opens. Nothing is asserted.
//
// --build: how the modules are bundled: `plain` (as the other in-process benches: not minified),
// `server` (as scripts/build.mjs bundles dist/server.js: minified, names kept by esbuild's
// `keepNames`, which wraps every named closure in a defineProperty call where it is made) or
// `nonames` (minified, names not kept). --versus BUILD: this checkout bundled both ways, alternately.
//
//   node bench/composeOpen.mjs [--services 1000] [--opens 12] [--warm 3] [--build plain|server|nonames] [--root DIR | --versus BUILD]
import { setFlagsFromString } from 'node:v8';
setFlagsFromString('--semi-space-growth-factor=1');
const { readFileSync } = await import('node:fs');
const os = await import('node:os');
const { generateCompose } = await import('./generate.mjs');
const { loadModules, option, optionText, ROOT } = await import('./inprocess.mjs');

const services = option('services', 1000);
const opens = option('opens', 12);
const warm = option('warm', 3);
const other = optionText('root', undefined);
const BUILDS = { plain: {}, server: { minify: true, keepNames: true }, nonames: { minify: true, keepNames: false } };
const buildName = optionText('build', 'plain');
const versus = optionText('versus', undefined);
for (const b of [buildName, versus]) if (b !== undefined && !BUILDS[b]) throw new Error(`--build/--versus: one of ${Object.keys(BUILDS).join(', ')}`);

const EXPORTS = [
  "export { parseCompose, validateCompose } from './server/src/compose/index';",
  "export { ProjectResolver } from './server/src/compose/project/resolver';",
];

/** Main-thread CPU ms of this process so far (ns resolution). */
const mainMs = () => Number(readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
function timed(fn) {
  const t = mainMs();
  const value = fn();
  return [mainMs() - t, value];
}

const { text: base } = generateCompose(services, services);
const path = '/bench/compose.yaml';
let current = base;
const host = { readFile: (p) => (p === path ? current : undefined), exists: (p) => p === path, read: (p) => (p === path ? { text: current } : { problem: 'missing' }) };

const sides = [{ name: `${ROOT} (${buildName})`, m: await loadModules(`composeOpen-here-${buildName}`, EXPORTS, ROOT, BUILDS[buildName]), rows: [] }];
if (other) sides.push({ name: `${other} (${buildName})`, m: await loadModules(`composeOpen-root-${buildName}`, EXPORTS, other, BUILDS[buildName]), rows: [] });
else if (versus) sides.push({ name: `${ROOT} (${versus})`, m: await loadModules(`composeOpen-here-${versus}`, EXPORTS, ROOT, BUILDS[versus]), rows: [] });

for (let i = 0; i < warm + opens; i++) {
  const order = i % 2 === 0 ? sides : [...sides].reverse();
  for (const [k, side] of order.entries()) {
    const text = `# open ${i} ${k}\n${base}`;
    current = text;
    const { m } = side;
    const [model, parsed] = timed(() => m.parseCompose(text, false));
    const resolver = new m.ProjectResolver(host);
    const [project, resolved] = timed(() => resolver.forDocument(path));
    const [checks, found] = timed(() => m.validateCompose(parsed, { host, path, uri: `file://${path}`, project: resolved }));
    side.count = found.length;
    if (i >= warm) side.rows.push({ model, project, checks, total: model + project + checks });
  }
}

const q = (xs, f) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(f * xs.length))];
const cell = (side, key) => {
  const xs = side.rows.map((r) => r[key]);
  return `${q(xs, 0.5).toFixed(1)} / ${q(xs, 0.25).toFixed(1)} / ${Math.min(...xs).toFixed(1)}`;
};
console.log(`Compose first open, ${services} services (${(base.length / 1024).toFixed(0)} KB), ${opens} opens after ${warm}, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
console.log('| checkout | total p50 / p25 / min | model | project | checks | diagnostics |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
for (const side of sides) console.log(`| ${side.name} | ${cell(side, 'total')} | ${cell(side, 'model')} | ${cell(side, 'project')} | ${cell(side, 'checks')} | ${side.count} |`);
