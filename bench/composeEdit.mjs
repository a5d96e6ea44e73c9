#!/usr/bin/env node
// A Compose edit inside one service of a large file (issue 16): what the server does per keystroke
// (the new version's model, the project, every check), in process, this checkout against another
// (`--root DIR`, e.g. main before the incremental parse) alternately in the same run. The file is
// bench/generate.mjs's (--services, 1000 by default, ~628 KB); each edit types or deletes a
// character in an environment value of the middle service (`--at 0.5`; 0.01 near the start, 0.99
// near the end). CPU ms of this process per edit (process.cpuUsage), p50 / p95 / min after --warm
// edits, and the share of the model (re-parse) alone. Nothing is asserted.
//
//   node bench/composeEdit.mjs [--services 1000] [--edits 30] [--warm 4] [--at 0.5] [--root DIR]
import os from 'node:os';
import { generateCompose } from './generate.mjs';
import { cpuTime, loadModules, option, optionText, ROOT } from './inprocess.mjs';

const services = option('services', 1000);
const edits = option('edits', 30);
const warm = option('warm', 4);
const at = option('at', 0.5);
const other = optionText('root', undefined);

const EXPORTS = [
  "export { parseCompose, validateCompose } from './server/src/compose/index';",
  "export { ProjectResolver } from './server/src/compose/project/resolver';",
];

async function checkout(name, root) {
  let m;
  try {
    m = await loadModules(`composeEdit-${name}`, [...EXPORTS, "export { reparseCompose } from './server/src/compose/incremental';"], root);
  } catch {
    m = await loadModules(`composeEdit-${name}`, EXPORTS, root);
  }
  return { name, m, resolver: undefined, model: undefined, samples: [], parse: [], incremental: 0 };
}

const { text: base } = generateCompose(services, services);
const path = '/bench/compose.yaml';
let current = base;
const host = { readFile: (p) => (p === path ? current : undefined), exists: (p) => p === path, read: (p) => (p === path ? { text: current } : { problem: 'missing' }) };

const sides = [await checkout('here', ROOT)];
if (other) sides.push(await checkout('root', other));

// the edit point: the value of SERVICE_NAME in the chosen service
const target = Math.min(services - 1, Math.floor(services * at));
const anchor = base.indexOf(`SERVICE_NAME: svc${target}\n`) + 'SERVICE_NAME: svc'.length;

/** One keystroke on a side: the model as the server makes it, then the project and every check. */
function keystroke(side, text) {
  const { m } = side;
  let model;
  const parseMs = cpuTime(() => {
    const again = side.model && m.reparseCompose ? m.reparseCompose(side.model, text) : undefined;
    if (again) side.incremental++;
    model = again ?? m.parseCompose(text);
  });
  side.model = model;
  const total =
    parseMs +
    cpuTime(() => {
      const ctx = { host, path, uri: `file://${path}`, project: side.resolver.forDocument(path) };
      const d = m.validateCompose(model, ctx);
      side.count = d.length;
    });
  return { total, parseMs };
}

// open on both sides (not measured)
for (const side of sides) {
  side.resolver = new side.m.ProjectResolver(host);
  current = base;
  keystroke(side, base);
}
for (let i = 0; i < warm + edits; i++) {
  // type a character, then delete it (the server's model always follows the previous version)
  const typed = i % 2 === 0;
  const text = typed ? base.slice(0, anchor) + 'x' + base.slice(anchor) : base;
  current = text;
  const order = i % 2 === 0 ? sides : [...sides].reverse();
  for (const side of order) {
    const { total, parseMs } = keystroke(side, text);
    if (i >= warm) {
      side.samples.push(total);
      side.parse.push(parseMs);
    }
  }
}

const q = (xs, f) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(f * xs.length))];
console.log(`Compose edit in service ${target} of ${services} (${(base.length / 1024).toFixed(0)} KB), ${edits} edits after ${warm}, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
console.log('| checkout | edit -> diagnostics CPU p50 / p95 / min (ms) | model alone p50 (ms) | incremental | diagnostics |');
console.log('| --- | ---: | ---: | ---: | ---: |');
for (const side of sides) {
  const label = side.name === 'here' ? ROOT : other;
  console.log(
    `| ${label} | ${q(side.samples, 0.5).toFixed(1)} / ${q(side.samples, 0.95).toFixed(1)} / ${Math.min(...side.samples).toFixed(1)} | ${q(side.parse, 0.5).toFixed(1)} | ${side.incremental}/${edits + warm} | ${side.count} |`,
  );
}
