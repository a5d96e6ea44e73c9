#!/usr/bin/env node
// Edit → diagnostics by kind of edit (issue 16), in process: re-parse, model, rules with the
// document's rule cache, LSP conversion, for one character typed and deleted again, alternately,
// in places that change more than their own instruction:
//   instruction  inside a RUN/ARG line of a stage (the common case, as bench/editParts.mjs)
//   stage-name   at the end of a FROM line's stage name (a rename: stages naming it are run again)
//   image        inside a FROM line's image (the stage's base changes)
//   global-arg   at the end of a global ARG's default (every FROM line may read it)
//   add-stage    a FROM line added above a stage and removed again (the stages after it are renumbered)
// The edit lands at the FROM nearest to --at (a fraction of the file). The document's new text is
// made flat before the clock starts (bench/editParts.mjs measures that part). `--root DIR` bundles
// another checkout's server, to run old and new alternately under the same load.
//
//   node bench/editKinds.mjs [--lines 100000] [--at 0.5] [--edits 12] [--kinds instruction,stage-name,...] [--root DIR]
//
// Prints CPU ms p50 and min per kind. Nothing is asserted.
import os from 'node:os';
import { resolve } from 'node:path';
import { generateDockerfile } from './generate.mjs';
import { cpuTime, loadServer, option, optionText, ROOT } from './inprocess.mjs';

const lines = option('lines', 100000);
const fraction = option('at', 0.5);
const edits = option('edits', 12);
const kinds = optionText('kinds', 'instruction,stage-name,image,global-arg,add-stage').split(',');
const root = resolve(optionText('root', ROOT));
const m = await loadServer('editKinds', root);

const text = generateDockerfile(lines).text;
const from = text.lastIndexOf('\nFROM ', text.length * fraction) + 1;
const fromLineEnd = text.indexOf('\n', from);
/** Where each kind types, and what. */
const places = {
  instruction: { at: text.indexOf(' ', fromLineEnd + 1) + 1, typed: 'x' },
  'stage-name': { at: fromLineEnd, typed: 'x' },
  image: { at: from + 'FROM '.length, typed: 'x' },
  'global-arg': { at: text.indexOf('\n', text.indexOf('\nARG ') + 1), typed: 'x' },
  'add-stage': { at: from, typed: 'FROM alpine:3.20 AS added\n' },
};

function run(kind) {
  const { at, typed } = places[kind];
  const cache = new m.RuleResultCache();
  let model = m.parseDocument(text);
  m.diagnose(model, { cache }).lspDiagnostics();
  const samples = [];
  for (let i = 0; i < edits + 2; i++) {
    const edit = i % 2 === 0 ? { start: at, end: at, text: typed } : { start: at, end: at + typed.length, text: '' };
    const old = model.ast.text;
    const next = old.slice(0, edit.start) + edit.text + old.slice(edit.end);
    next.charCodeAt(0);
    const t = cpuTime(() => {
      model = m.buildModel(m.reparse(model.ast, [edit], next), model);
      m.diagnose(model, { cache }).lspDiagnostics();
    });
    if (i >= 2) samples.push(t);
  }
  samples.sort((a, b) => a - b);
  return { p50: samples[Math.floor(samples.length / 2)], min: samples[0] };
}

console.log(`${root === ROOT ? 'this checkout' : root}: ${lines} lines, edits at the FROM near ${fraction}, load ${os.loadavg()[0].toFixed(1)}`);
for (const kind of kinds) {
  const { p50, min } = run(kind);
  console.log(`  ${kind.padEnd(12)} p50 ${p50.toFixed(1).padStart(7)}  min ${min.toFixed(1).padStart(7)} ms CPU`);
}
