// The requests an editor sends after every edit (outline, folding, links, layer lenses and inlay
// hints) carry the results of the stages an edit did not touch from earlier versions
// (parser/stageCarry.ts). Carried must equal fresh: random edits over multi-stage files made of
// corpus Dockerfiles, each version re-parsed incrementally, the requests asked of some versions only
// (results then come from several versions back), each answer compared with a fresh parse's.
// Seeded: a failure names its file and edit. DOCKLENS_REQ_EDITS / DOCKLENS_REQ_SEED for a longer or other run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildModel, parseDocument, type DockerfileModel } from '../../server/src/dockerfile/parser/model';
import { reparse, type TextEdit } from '../../server/src/dockerfile/parser/incremental';
import { documentSymbols } from '../../server/src/dockerfile/services/symbols';
import { foldingRanges } from '../../server/src/dockerfile/services/folding';
import { documentLinks } from '../../server/src/dockerfile/services/links';
import { layerCodeLenses, layerInlayHints } from '../../server/src/dockerfile/services/layers';
import { dockerfileGraphLens } from '../../server/src/graph/lens';
import { corpusDockerfiles, hasCorpora } from '../support/corpora';
import { seededRandom } from '../support/random';

/** Pieces that add, remove or rename stages, move lines, and change what the requests show. */
const SNIPPETS = [
  '\n', '\n\n', ' \\\n', 'x', ' ', '#', '# note\n', '# a\n# b\n', 'RUN echo hi\n', 'RUN <<EOF\nx\nEOF\n', 'EOF\n',
  'FROM alpine AS b\n', 'FROM b\n', 'FROM scratch\n', 'FROM node:20 AS B\n', 'FROM golang:1.22\n', ' AS named', 'WORKDIR rel\n', 'WORKDIR /\n',
  'COPY --from=b / /\n', 'COPY --from=nginx:1.27 / /\n', 'COPY --from=0 / /\n', 'RUN --mount=type=cache,from=alpine,target=/x true\n',
  'ONBUILD RUN a\n', 'ONBUILD WORKDIR /w\n', 'RUN apt-get install -y \\\n  curl\n', '# syntax=docker/dockerfile:1\n', 'ARG V=1\n',
];

function randomEdit(text: string, next: () => number): TextEdit {
  let at = Math.floor(next() * (text.length + 1));
  if (next() < 0.5) at = text.lastIndexOf('\n', at - 1) + 1;
  // The end of the file: the last stage grows and shrinks.
  if (next() < 0.1) at = text.lastIndexOf('\n', text.length - 2) + 1;
  const kind = next();
  const snippet = SNIPPETS[Math.floor(next() * SNIPPETS.length)];
  if (kind < 0.5) return { start: at, end: at, text: snippet };
  const end = Math.min(text.length, at + 1 + Math.floor(next() * 40));
  if (kind < 0.75) return { start: at, end, text: '' };
  return { start: at, end, text: snippet };
}

const URI = 'file:///w/Dockerfile';
/** The requests, each as JSON (what the client receives). */
const REQUESTS: Record<string, (model: DockerfileModel) => unknown> = {
  symbols: documentSymbols,
  folding: foldingRanges,
  links: documentLinks,
  lenses: (model) => [...layerCodeLenses(model, URI), ...dockerfileGraphLens(model, URI)],
  hints: (model) => layerInlayHints(model),
  hintsInRange: (model) => {
    const middle = Math.floor(model.lines.lineCount / 2);
    return layerInlayHints(model, { start: { line: middle - 5, character: 0 }, end: { line: middle + 5, character: 0 } });
  },
};

const EDITS_PER_FILE = Number(process.env.DOCKLENS_REQ_EDITS ?? 8);

test('requests after random edits equal the same requests on a fresh parse', { skip: !hasCorpora() && 'no corpora' }, () => {
  const corpus = corpusDockerfiles();
  const next = seededRandom(Number(process.env.DOCKLENS_REQ_SEED ?? 20261206));
  // Files of four corpus Dockerfiles each (stages, names, comments and links of real files).
  const files: { id: string; text: string }[] = [];
  for (let i = 0; i + 3 < corpus.length && files.length < 40; i += 7) {
    const parts = [0, 1, 2, 3].map((k) => corpus[(i + k * 13) % corpus.length]);
    files.push({ id: parts.map((p) => p.id).join('+'), text: parts.map((p) => p.text).join('\n') });
  }
  const failures: string[] = [];
  let edits = 0;
  let carried = 0;
  for (const file of files) {
    let model = parseDocument(file.text);
    let last: Record<string, unknown> = {};
    for (const name in REQUESTS) last[name] = REQUESTS[name](model);
    for (let k = 0; k < EDITS_PER_FILE && failures.length < 5; k++) {
      const edit = randomEdit(model.ast.text, next);
      model = buildModel(reparse(model.ast, [edit]), model);
      edits++;
      // Some versions are asked nothing: the next one carries from further back.
      if (next() < 0.3) continue;
      const fresh = parseDocument(model.ast.text);
      for (const name in REQUESTS) {
        const now = REQUESTS[name](model);
        const full = REQUESTS[name](fresh);
        if (name === 'symbols') carried += (now as unknown[]).filter((s) => (last.symbols as unknown[]).includes(s)).length;
        last[name] = now;
        if (JSON.stringify(now) !== JSON.stringify(full)) {
          failures.push(`${file.id}, edit ${k + 1} (${name}): ${JSON.stringify(edit)}\n  carried: ${JSON.stringify(now).slice(0, 600)}\n  fresh:   ${JSON.stringify(full).slice(0, 600)}`);
          break;
        }
      }
    }
    last = {};
  }
  assert.deepEqual(failures, [], `${failures.length} of ${edits} edits differ`);
  assert.ok(carried > 0, 'stage results were carried');
});

test('an edit inside one stage makes the outline of that stage only', () => {
  const stage = (i: number) => `FROM alpine:3.19 AS s${i}\nWORKDIR /app\n# one\n# two\nRUN apk add curl\nCOPY --from=nginx / /\n`;
  const text = Array.from({ length: 12 }, (_, i) => stage(i)).join('');
  let model = parseDocument(text);
  const before = { symbols: documentSymbols(model), folding: foldingRanges(model), links: documentLinks(model) };
  const at = text.indexOf('curl', text.indexOf('AS s5'));
  model = buildModel(reparse(model.ast, [{ start: at, end: at, text: 'x' }]), model);
  const symbols = documentSymbols(model);
  assert.deepEqual(symbols.map((s, i) => s === before.symbols[i]), symbols.map((_, i) => i !== 5));
  // A line break moves the stages below it: new objects, one line down, equal otherwise.
  const moved = buildModel(reparse(model.ast, [{ start: at, end: at, text: '\n' }]), model);
  const after = documentSymbols(moved);
  assert.equal(after[8].range.start.line, symbols[8].range.start.line + 1);
  assert.equal(after[2], symbols[2]);
  assert.equal(JSON.stringify(foldingRanges(moved)), JSON.stringify(foldingRanges(parseDocument(moved.ast.text))));
  assert.equal(JSON.stringify(documentLinks(moved)), JSON.stringify(documentLinks(parseDocument(moved.ast.text))));
  assert.ok(before.folding.length > 0 && before.links.length === 24);
  // The last instruction deleted: the last stage is not carried.
  const end = moved.ast.text.lastIndexOf('COPY');
  const shorter = buildModel(reparse(moved.ast, [{ start: end, end: moved.ast.text.length, text: '' }]), moved);
  assert.equal(JSON.stringify(documentSymbols(shorter)), JSON.stringify(documentSymbols(parseDocument(shorter.ast.text))));
});

test('a stage built on an edited stage gets new lenses: ONBUILD triggers and WORKDIR of its base', () => {
  const text = 'FROM alpine AS base\nRUN a\nFROM base AS child\nWORKDIR .\nRUN b\nFROM child\nRUN c\n';
  // Each edit keeps the line count (nothing below moves) or adds lines; each against the text before it.
  const edits: [string, string][] = [
    ['RUN a', 'ONBUILD RUN a'],
    ['ONBUILD RUN a', 'WORKDIR /app'],
    ['WORKDIR /app', 'ONBUILD WORKDIR /w'],
    ['ONBUILD WORKDIR /w', 'ONBUILD RUN x\nONBUILD RUN y'],
    ['RUN b', 'RUN bb'],
  ];
  let model = parseDocument(text);
  const lenses = (m: DockerfileModel) => JSON.stringify(layerCodeLenses(m, URI));
  lenses(model);
  for (const [from, to] of edits) {
    const at = model.ast.source.slice(0, model.ast.source.length).indexOf(from);
    model = buildModel(reparse(model.ast, [{ start: at, end: at + from.length, text: to }]), model);
    assert.equal(lenses(model), lenses(parseDocument(model.ast.text)), `after ${from} -> ${to}`);
  }
  // A line added between a stage and its base: the stage moves, its base's ONBUILD lines do not.
  const split = 'FROM alpine AS base\nONBUILD RUN t\nFROM alpine AS mid\nRUN m\nFROM base AS child\nRUN c\n';
  const before = parseDocument(split);
  lenses(before);
  const at = split.indexOf('RUN m');
  const after = buildModel(reparse(before.ast, [{ start: at, end: at, text: 'RUN n\n' }]), before);
  assert.equal(lenses(after), lenses(parseDocument(after.ast.text)));
});

test('a request asked only now and then carries from the last version it was asked of', () => {
  const stage = (i: number) => `FROM alpine:3.19 AS s${i}\nRUN apk add curl\n`;
  let model = parseDocument(Array.from({ length: 12 }, (_, i) => stage(i)).join(''));
  const first = documentSymbols(model);
  const at = model.ast.text.indexOf('curl', model.ast.text.indexOf('AS s5'));
  for (let k = 0; k < 30; k++) {
    model = buildModel(reparse(model.ast, [k % 2 === 0 ? { start: at, end: at, text: 'x' } : { start: at, end: at + 1, text: '' }]), model);
    // Folding on every version, the outline never in between.
    foldingRanges(model);
  }
  const symbols = documentSymbols(model);
  assert.deepEqual(symbols.map((s, i) => s === first[i]), symbols.map((_, i) => i !== 5));
  assert.equal(JSON.stringify(symbols), JSON.stringify(documentSymbols(parseDocument(model.ast.text))));
});

test('a change of locale makes the lenses, links and outline again in the new language, also for a version already asked', async () => {
  const { useLocale } = await import('../../server/src/node/catalogues');
  const { join } = await import('node:path');
  const { setLocale } = await import('../../server/src/l10n');
  const text = 'FROM alpine:3.19\nRUN make\nFROM alpine:3.19 AS app\nONBUILD RUN echo hi\nCOPY --from=0 /a /a\nRUN echo app\n';
  const uri = 'file:///x/Dockerfile';
  const ask = (m: DockerfileModel) => JSON.stringify([layerCodeLenses(m, uri), documentLinks(m), documentSymbols(m)]);
  try {
    let model = parseDocument(text);
    const english = ask(model);
    useLocale('zh-cn', join(process.cwd(), 'l10n'));
    const chinese = ask(model);
    assert.notEqual(chinese, english, 'the same version asked again');
    assert.equal(chinese, ask(parseDocument(text)));
    // A later version carries what the one before made: in the language now in use.
    setLocale('en');
    const at = text.indexOf('make') + 4;
    model = buildModel(reparse(model.ast, [{ start: at, end: at, text: ' x' }]), model);
    assert.equal(ask(model), ask(parseDocument(model.ast.text)));
  } finally {
    setLocale('en');
  }
});
