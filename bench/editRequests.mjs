#!/usr/bin/env node
// The requests VS Code sends on its own after every edit (issue 16), in process: one character typed
// inside an instruction near the middle of a generated file and deleted again, alternately; after
// each, the server CPU of the diagnostics (with the document's rule cache), the outline
// (documentSymbol), folding ranges, code lenses (layers + graph), document links and the inlay hints
// of a 60-line range around the edit. `--root DIR` bundles another checkout's server (a `git archive`
// of main under bench/out/, say) so that old and new can be run alternately under the same load.
// `--newline 1` types a line break instead (every line below the edit moves). `--profile FILE`
// writes a CPU profile of the edits' requests alone to FILE.
//
//   node bench/editRequests.mjs [--lines 100000] [--edits 12] [--at 0.5] [--newline 0] [--root DIR] [--profile FILE]
//
// Prints p50 and mean CPU ms per request. Nothing is asserted.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import os from 'node:os';
import { resolve } from 'node:path';
import { generateDockerfile } from './generate.mjs';
import { cpuTime, loadServer, option, optionText, ROOT } from './inprocess.mjs';

const lines = option('lines', 100000);
const edits = option('edits', 12);
const fraction = option('at', 0.5);
const newline = option('newline', 0) !== 0;
const root = resolve(optionText('root', ROOT));
const m = await loadServer('editRequests', root, [
  "export { documentSymbols } from './server/src/dockerfile/services/symbols';",
  "export { foldingRanges } from './server/src/dockerfile/services/folding';",
  "export { layerCodeLenses, layerInlayHints } from './server/src/dockerfile/services/layers';",
  "export { dockerfileGraphLens } from './server/src/graph/lens';",
  "export { documentLinks } from './server/src/dockerfile/services/links';",
]);

const text = generateDockerfile(lines).text;
const near = Math.floor(text.length * fraction);
const at = text.indexOf(' ', text.lastIndexOf('\n', near) + 1) + 1;
const typed = newline ? '\n' : 'x';
const cache = new m.RuleResultCache();
let model = m.parseDocument(text);
m.diagnose(model, { cache }).lspDiagnostics();
const uri = 'file:///x/Dockerfile';
const line = model.lines.positionAt(at).line;
const requests = {
  diagnostics: () => m.diagnose(model, { cache }).lspDiagnostics(),
  symbols: () => m.documentSymbols(model),
  folding: () => m.foldingRanges(model),
  codeLens: () => [...m.layerCodeLenses(model, uri), ...m.dockerfileGraphLens(model, uri)],
  links: () => m.documentLinks(model),
  inlayHints: () => m.layerInlayHints(model, { start: { line: line - 30, character: 0 }, end: { line: line + 30, character: 0 } }),
};
const times = Object.fromEntries(Object.keys(requests).map((k) => [k, []]));
const profile = optionText('profile', undefined);
const session = profile ? new Session() : undefined;
if (session) {
  session.connect();
  await session.post('Profiler.enable');
}
for (let i = 0; i < edits + 2; i++) {
  const edit = i % 2 === 0 ? { start: at, end: at, text: typed } : { start: at, end: at + typed.length, text: '' };
  model = m.buildModel(m.reparse(model.ast, [edit]), model);
  if (session && i === 2) await session.post('Profiler.start');
  for (const k in requests) {
    const t = cpuTime(requests[k]);
    if (i >= 2) times[k].push(t);
  }
}
if (session) writeFileSync(profile, JSON.stringify((await session.post('Profiler.stop')).profile));
const p50 = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
const mean = (list) => list.reduce((a, b) => a + b, 0) / list.length;
console.log(`${root === ROOT ? 'this checkout' : root}: ${lines} lines, ${edits} edits at ${fraction} (${newline ? 'line break' : 'character'}), load ${os.loadavg()[0].toFixed(1)}`);
for (const [k, list] of Object.entries(times)) console.log(`  ${k.padEnd(11)} p50 ${p50(list).toFixed(2)}  mean ${mean(list).toFixed(2)} ms CPU`);
