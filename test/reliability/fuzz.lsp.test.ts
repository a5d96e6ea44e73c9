// Seeded fuzz over the real server (stdio): random edits to corpus files, sent incrementally. After
// every edit: diagnostics for that version arrive, every range the server returns (diagnostics,
// outline, folding, hover) lies inside the document as the client counts lines, and the text the
// server's document model holds after the incremental change equals the client's. The normal run
// makes a small number of edits; `npm run fuzz` (DOCKLENS_FUZZ_EDITS, DOCKLENS_FUZZ_SEED) runs longer.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Range } from 'vscode-languageserver-types';
import { LspClient } from '../support/lspClient';
import { corpusPath, hasCorpora } from '../support/corpora';
import { seededRandom } from '../support/random';

const EDITS = Number(process.env.DOCKLENS_FUZZ_EDITS ?? 120);
const SEED = Number(process.env.DOCKLENS_FUZZ_SEED ?? 12);
const PER_FILE = 20;

/** Lines as the LSP counts them: \n, \r\n and a lone \r end a line. */
const clientLines = (text: string) => text.split(/\r\n|\r|\n/);
const PIECES = ['\n', '\r', '\r\n', '\\\n', ' ', '$', '${', '}', '"', "'", '`', '[', ']', 'RUN ', 'FROM ', ' AS x', '<<EOF\n', 'EOF\n', '&&', '|', '#', 'é', '😀', ': ', '- ', '  ', '\t', '&a', '*a', '{', '--mount=type=cache,target=/x '];

let client: LspClient | undefined;
before(async () => {
  if (hasCorpora()) client = await LspClient.start();
});
after(() => client?.stop());

test(`fuzz: ${EDITS} seeded random edits (seed ${SEED}) keep the server answering with ranges inside the document`, { skip: !hasCorpora() && 'no corpora' }, async () => {
  const rnd = seededRandom(SEED);
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
  const dockerfiles = readdirSync(corpusPath('dockerfiles')).filter((f) => f.endsWith('.Dockerfile')).sort().map((f) => corpusPath('dockerfiles', f));
  const composeFiles = readdirSync(corpusPath('compose', 'real')).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => corpusPath('compose', 'real', f));
  let edits = 0;
  for (let file = 0; edits < EDITS; file++) {
    const compose = file % 3 === 2;
    const path = pick(compose ? composeFiles : dockerfiles);
    const uri = `file:///fuzz/${file}/${compose ? 'compose.yaml' : 'Dockerfile'}`;
    let text = readFileSync(path, 'utf8').slice(0, 20_000);
    const doc = TextDocument.create(uri, compose ? 'dockercompose' : 'dockerfile', 1, text);
    await client!.open(uri, text, compose ? 'dockercompose' : 'dockerfile');
    for (let i = 0; i < PER_FILE && edits < EDITS; i++, edits++) {
      const a = Math.floor(rnd() * (text.length + 1));
      const b = Math.min(text.length, a + (rnd() < 0.5 ? 0 : Math.floor(rnd() * 40)));
      const insert = rnd() < 0.8 ? pick(PIECES) : '';
      const range = { start: doc.positionAt(a), end: doc.positionAt(b) };
      text = text.slice(0, a) + insert + text.slice(b);
      TextDocument.update(doc, [{ range, text: insert }], doc.version + 1);
      // The model the server keeps (vscode-languageserver-textdocument) after the same incremental change.
      assert.equal(doc.getText(), text, 'incremental text equals the client text');
      const diagnostics = await client!.change(uri, [{ range, text: insert }]);
      const lines = clientLines(text);
      const inside = (r: Range, what: string) => {
        for (const p of [r.start, r.end]) {
          assert.ok(p.line >= 0 && p.line < lines.length && p.character >= 0 && p.character <= lines[p.line].length, `${what} range ${JSON.stringify(r)} outside ${path} after edit ${i}`);
        }
      };
      for (const d of diagnostics) inside(d.range, `diagnostic ${String(d.code)}`);
      const line = Math.floor(rnd() * lines.length);
      const position = { line, character: Math.floor(rnd() * (lines[line].length + 1)) };
      const hover = await client!.request<{ range?: Range } | null>('textDocument/hover', { textDocument: { uri }, position });
      if (hover?.range) inside(hover.range, 'hover');
      if (i % 5 === 4) {
        const symbols = await client!.request<{ range: Range; selectionRange: Range }[]>('textDocument/documentSymbol', { textDocument: { uri } });
        for (const s of symbols ?? []) inside(s.range, 'symbol');
        const folds = await client!.request<{ startLine: number; endLine: number }[]>('textDocument/foldingRange', { textDocument: { uri } });
        for (const f of folds ?? []) assert.ok(f.startLine >= 0 && f.endLine < lines.length, 'folding range inside');
      }
    }
    await client!.close(uri);
  }
  assert.ok(!client!.stderr.some((l) => /failed:|Maximum call stack/.test(l)), client!.stderr.filter((l) => /failed:/.test(l)).slice(0, 3).join('\n'));
});
