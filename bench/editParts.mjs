#!/usr/bin/env node
// Where an edit's time goes (issue 16), in process: one character typed inside an instruction near
// the middle of a generated file and deleted again, alternately, and the server CPU of each part of
// what follows a didChange: the document's new text, re-parse around the edit given that text,
// model, rules + engine (with the document's rule cache), LSP conversion. The text is made as the
// server makes it: `--text chunked` (the default where the checkout has chunkedDocument.ts) is the
// server's ChunkedDocument (the range's offsets, then the chunk the edit touches rebuilt);
// `--text flat` is the old way, vscode-languageserver-textdocument's: joined from the old text's
// pieces and the edit, then made flat (V8 copies such a string into one the first time anyone reads
// it, once per version, a floor proportional to the file). `--root DIR` bundles another checkout's server (a `git archive` of an
// older commit under bench/out/, say) so that old and new can be run alternately under the same load.
// `--newline 1` types a line break instead of a character (every line below the edit moves).
// `--profile FILE` writes a CPU profile of the edits alone (not the open before them) to FILE.
//
//   node bench/editParts.mjs [--lines 100000] [--edits 30] [--at 0.5] [--newline 0] [--text chunked|flat] [--root DIR] [--profile FILE]
//
// Prints p50 and mean CPU ms per part. Nothing is asserted.
import { existsSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import os from 'node:os';
import { resolve } from 'node:path';
import { generateDockerfile } from './generate.mjs';
import { cpuTime, loadServer, option, optionText, ROOT } from './inprocess.mjs';

const lines = option('lines', 100000);
const edits = option('edits', 30);
const fraction = option('at', 0.5);
const newline = option('newline', 0) !== 0;
const root = resolve(optionText('root', ROOT));
const hasChunks = existsSync(resolve(root, 'server/src/chunkedDocument.ts'));
const textMode = optionText('text', hasChunks ? 'chunked' : 'flat');
if (textMode === 'chunked' && !hasChunks) throw new Error(`${root} has no server/src/chunkedDocument.ts: use --text flat`);
const m = await loadServer('editParts', root, hasChunks ? ["export { ChunkedDocument } from './server/src/chunkedDocument';"] : []);

/** The document's diagnostics as the server makes them (with LSP diagnostics kept per stage where the build has `diagnose`). */
function diagnoser() {
  const cache = new m.RuleResultCache();
  if (m.diagnose) return { rules: (model) => m.diagnose(model, { cache }), lsp: (result) => result.lspDiagnostics() };
  return { rules: (model) => m.runDiagnostics(model, { cache }), lsp: (findings, model) => m.toLspDiagnostics(model, findings) };
}

const text = generateDockerfile(lines).text;
const near = Math.floor(text.length * fraction);
const at = text.indexOf(' ', text.lastIndexOf('\n', near) + 1) + 1;
const typed = newline ? '\n' : 'x';
const d = diagnoser();
let model = m.parseDocument(text);
d.lsp(d.rules(model), model);
let doc = textMode === 'chunked' ? m.ChunkedDocument.create('file:///bench/Dockerfile', 'dockerfile', 1, text) : undefined;
if (doc) doc.positionAt(at); // the line table of the open version, made once at the first edit
const parts = { text: [], reparse: [], model: [], rules: [], lsp: [] };
let count = 0;
const profile = optionText('profile', undefined);
const session = profile ? new Session() : undefined;
if (session) {
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
}
for (let i = 0; i < edits + 2; i++) {
  const edit = i % 2 === 0 ? { start: at, end: at, text: typed } : { start: at, end: at + typed.length, text: '' };
  let ast, result, text;
  const old = doc ? undefined : model.ast.text;
  // What the client sends: a range in line/character (made outside the timing, as the client does).
  const range = doc && { start: doc.positionAt(edit.start), end: doc.positionAt(edit.end) };
  const t = {
    text: cpuTime(() => {
      if (doc) {
        // The server's EditLog.documents.update: the range's offsets, then the edited document.
        doc = doc.edited(doc.offsetAt(range.start), doc.offsetAt(range.end), edit.text, i + 2);
        text = doc.text;
      } else {
        text = old.slice(0, edit.start) + edit.text + old.slice(edit.end);
        text.charCodeAt(0);
      }
    }),
    reparse: cpuTime(() => (ast = m.reparse(model.ast, [edit], text))),
    model: cpuTime(() => (model = m.buildModel(ast, model))),
    rules: cpuTime(() => (result = d.rules(model))),
    lsp: cpuTime(() => (count = d.lsp(result, model).length)),
  };
  if (i >= 2) for (const k in parts) parts[k].push(t[k]);
}
if (session) writeFileSync(profile, JSON.stringify((await session.post('Profiler.stop')).profile));
const p50 = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
const mean = (list) => list.reduce((a, b) => a + b, 0) / list.length;
if (doc && model.ast.source !== doc.text) throw new Error('the tree did not take the document text as its source');
if (doc?.text.joined) throw new Error('the document text was joined on the edit path');
console.log(`${root === ROOT ? 'this checkout' : root}: ${lines} lines, ${edits} edits at ${fraction} (${newline ? 'line break' : 'character'}), text ${textMode}, ${count} diagnostics, load ${os.loadavg()[0].toFixed(1)}`);
for (const [k, list] of Object.entries(parts)) console.log(`  ${k.padEnd(8)} p50 ${p50(list).toFixed(2)}  mean ${mean(list).toFixed(2)} ms CPU`);
