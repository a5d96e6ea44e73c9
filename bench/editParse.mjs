#!/usr/bin/env node
// Re-parse and model per edit by file size (issue 16), in process: one character typed inside an
// instruction (at --at of the file) and deleted again, alternately, at each size. Three parts, in
// server CPU ms per edit (process.cpuUsage), p50 over --edits edits after --warm warm-ups:
// "text", the document's new text made flat (V8 copies a string joined from pieces into one the
// first time anyone reads it; the server's document makes one such string per version and the tree
// shares it: the floor of any edit at that size); "re-parse", `reparse` given that text; "model",
// `buildModel` from the previous version. `--root DIR` runs another checkout (an older commit) for
// before/after numbers alternated under the same load. bench/editParts.mjs splits the rules and the
// LSP conversion too, at one size.
//
//   node bench/editParse.mjs [--sizes 5000,50000,100000] [--edits 30] [--warm 6] [--at 0.5] [--root DIR]
//
// Nothing is asserted.
import os from 'node:os';
import { resolve } from 'node:path';
import { generateDockerfile } from './generate.mjs';
import { cpuTime, loadModules, option, optionText, ROOT } from './inprocess.mjs';

const sizes = optionText('sizes', '5000,50000,100000').split(',').map(Number);
const edits = option('edits', 30);
const warm = option('warm', 6);
const fraction = option('at', 0.5);
const root = resolve(optionText('root', ROOT));
const m = await loadModules(`editParse-${root === ROOT ? 'here' : 'root'}`, [
  "export { parseDocument, buildModel } from './server/src/dockerfile/parser/model';",
  "export { reparse } from './server/src/dockerfile/parser/incremental';",
], root);

const p50 = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
const ms = (n) => (n < 10 ? n.toFixed(2) : n.toFixed(1));
console.log(`node ${process.version}, ${root === ROOT ? 'this checkout' : root}, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
const heads = ['text', 're-parse', 'model', 're-parse + model'];
console.log(`| lines | ${heads.join(' | ')} |`);
console.log(`| ---: |${heads.map(() => ' ---: |').join('')}`);
for (const lines of sizes) {
  const source = generateDockerfile(lines).text;
  const near = Math.floor(source.length * fraction);
  const at = source.indexOf(' ', source.lastIndexOf('\n', near) + 1) + 1;
  let model = m.parseDocument(source);
  const parts = heads.map(() => []);
  for (let i = 0; i < warm + edits; i++) {
    const edit = i % 2 === 0 ? { start: at, end: at, text: 'x' } : { start: at, end: at + 1, text: '' };
    const old = model.ast.text;
    let text;
    let ast;
    const t = [
      cpuTime(() => {
        text = old.slice(0, edit.start) + edit.text + old.slice(edit.end);
        text.charCodeAt(0);
      }),
      cpuTime(() => (ast = m.reparse(model.ast, [edit], text))),
      cpuTime(() => (model = m.buildModel(ast, model))),
    ];
    t.push(t[1] + t[2]);
    if (i >= warm) t.forEach((x, k) => parts[k].push(x));
  }
  console.log(`| ${lines.toLocaleString('en')} | ${parts.map((p) => ms(p50(p))).join(' | ')} |`);
}
console.log(`load at the end: ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
