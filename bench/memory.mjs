#!/usr/bin/env node
// Memory benchmark (issue 16, lean tree): how much heap the parsed Dockerfile keeps per source
// byte, what it is made of, and the peak RSS of a process that parses a generated file, builds the
// model and runs every diagnostic rule on it. Each size runs in a fresh child process
// (`node --expose-gc`), so one size's garbage does not count against the next.
//
//   node bench/memory.mjs [--sizes 1000,5000,20000,100000] [--census 5000] [--root DIR]
//
// --root: the server sources of another checkout (a `git worktree` of main, to compare with).
//
// "retained" is heapUsed after a full GC with the model held, minus heapUsed with only the text
// held, divided by the text's length; "after rules" measures the same once every rule has read the
// tree (what the rules' memos keep on top is counted, the findings are dropped first). The census
// walks one tree and counts its objects, arrays and strings by where they hang. Nothing is asserted.
import os from 'node:os';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { generateDockerfile } from './generate.mjs';
import { ROOT, loadModules, option, optionText } from './inprocess.mjs';

const EXPORTS = [
  "export { parseDocument } from './server/src/dockerfile/parser/model';",
  "export { runDiagnostics } from './server/src/dockerfile/services/diagnostics';",
  "export { loadShellParser } from './server/src/node/shellParser';",
];
const MB = 1024 * 1024;
const root = optionText('root', ROOT);
const bundle = root === ROOT ? 'memory' : 'memory-root';

async function child(lines, census) {
  const gc = globalThis.gc;
  const lib = await loadModules(bundle, EXPORTS, root);
  const shellProblem = await lib.loadShellParser();
  if (shellProblem) console.error(shellProblem);
  // Warm up the parser and the rules on a small file so that code and caches are not counted.
  lib.runDiagnostics(lib.parseDocument(generateDockerfile(200, 7).text));
  const text = generateDockerfile(lines).text;
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
    census: census ? countTree(model) : undefined,
  };
  model = undefined;
  findings = undefined;
  process.stdout.write(JSON.stringify(result));
}

/** Objects, arrays (empty or not) and strings reachable from the tree, by the property holding them. */
function countTree(model) {
  const seen = new Set();
  const by = new Map();
  const bump = (key, field, n = 1) => {
    let row = by.get(key);
    if (!row) by.set(key, (row = { objects: 0, emptyArrays: 0, arrays: 0, slots: 0, strings: 0, chars: 0 }));
    row[field] += n;
  };
  const visit = (value, key) => {
    if (typeof value === 'string') {
      bump(key, 'strings');
      bump(key, 'chars', value.length);
      return;
    }
    if (value === null || typeof value !== 'object' || seen.has(value)) return;
    seen.add(value);
    if (Array.isArray(value)) {
      if (value.length === 0) bump(key, 'emptyArrays');
      else {
        bump(key, 'arrays');
        bump(key, 'slots', value.length);
      }
      for (const item of value) visit(item, key + '[]');
      return;
    }
    bump(key, 'objects');
    for (const name of propertyNames(value)) visit(value[name], name);
  };
  visit(model.ast.instructions, 'instructions');
  visit(model.ast.items, 'items');
  visit(model.ast.comments, 'comments');
  visit(model.ast.problems, 'problems');
  visit(model.ast.lineStarts, 'lineStarts');
  visit(model.stages, 'stages');
  return [...by].sort((a, b) => b[1].objects + b[1].arrays + b[1].emptyArrays - (a[1].objects + a[1].arrays + a[1].emptyArrays));
}

/** Own enumerable properties and the getters of the object's classes (a lean node computes some). */
function propertyNames(value) {
  const names = new Set(Object.keys(value));
  for (let proto = Object.getPrototypeOf(value); proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    for (const [name, d] of Object.entries(Object.getOwnPropertyDescriptors(proto))) if (d.get) names.add(name);
  }
  return names;
}

if (process.argv.includes('--child')) {
  await child(option('child', 5000), process.argv.includes('--with-census'));
} else {
  const sizes = optionText('sizes', '1000,5000,20000,100000').split(',').map(Number);
  const censusAt = option('census', 5000);
  await loadModules(bundle, EXPORTS, root);
  const self = fileURLToPath(import.meta.url);
  const rows = [];
  for (const lines of sizes) {
    const args = ['--expose-gc', self, '--child', String(lines), '--root', root];
    if (lines === censusAt) args.push('--with-census');
    const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 64 * MB });
    if (r.status !== 0) {
      console.error(r.stderr);
      process.exit(1);
    }
    rows.push(JSON.parse(r.stdout));
  }
  console.log(`node ${process.version}, ${os.cpus().length} CPUs, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  console.log('| lines | source KiB | tree MB | retained bytes / source byte | after rules | parse CPU ms | peak RSS (parse + rules) |');
  console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of rows) {
    console.log(`| ${r.lines} | ${(r.chars / 1024).toFixed(0)} | ${r.treeMB.toFixed(1)} | ${r.retained.toFixed(1)} | ${r.afterRules.toFixed(1)} | ${r.parseMs.toFixed(0)} | ${r.peakRssMB.toFixed(0)} MB |`);
  }
  const census = rows.find((r) => r.census);
  if (census) {
    console.log(`\nWhat the ${census.lines}-line tree is made of (held by property):`);
    console.log('| property | objects | non-empty arrays (slots) | empty arrays | strings (chars) |');
    console.log('| --- | ---: | ---: | ---: | ---: |');
    for (const [key, c] of census.census.slice(0, 30)) {
      console.log(`| ${key} | ${c.objects} | ${c.arrays} (${c.slots}) | ${c.emptyArrays} | ${c.strings} (${c.chars}) |`);
    }
  }
}
