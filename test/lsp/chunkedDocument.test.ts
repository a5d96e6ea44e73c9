// The server's chunked documents (chunkedDocument.ts, common/chunkedText.ts) answer as
// vscode-languageserver-textdocument's after every edit: text, line count, line ranges and breaks, offsets of positions
// (past line ends, inside `\r\n`, beyond the last line), positions of offsets, ranges' text, and the
// reads the Dockerfile side makes (charCodeAt, slice, indexOf, lastIndexOf, startsWith). Random edits with `\r\n`,
// lone `\r`, surrogate pairs, edits across chunk borders and deletions of whole chunks, at chunk
// sizes small enough that every edit meets a border. Every version stays valid after later edits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, Range } from 'vscode-languageserver-types';
import { ChunkedDocument } from '../../server/src/chunkedDocument';
import { EditLog } from '../../server/src/editLog';
import { seededRandom } from '../support/random';

/** What edits insert: line breaks of every kind, a surrogate pair, plain text, long runs. */
const PIECES = ['\n', '\r\n', '\r', '\n\r', 'a', 'FROM x\r\n', '😀', '\ud83d', 'RUN b \\\n', '  ', 'é', 'xyz\nabc\n', 'q'.repeat(40), '\r\n\r\n', ''];
const SEARCHES = ['\n', '\r\n', 'a\n', 'FROM', '😀', 'x\r', 'zz', 'RUN b \\\n  '];

function randomText(next: () => number, pieces: number): string {
  let text = '';
  for (let i = 0; i < pieces; i++) text += PIECES[Math.floor(next() * PIECES.length)];
  return text;
}

function randomPosition(next: () => number, lineCount: number): Position {
  return { line: Math.floor(next() * (lineCount + 2)) - 1, character: Math.floor(next() * 30) - 2 };
}

function check(doc: ChunkedDocument, ref: TextDocument, next: () => number, what: string): void {
  const text = ref.getText();
  assert.equal(doc.text.length, text.length, `${what}: length`);
  for (let i = -1; i <= text.length; i++) assert.equal(doc.text.charCodeAt(i), text.charCodeAt(i), `${what}: charCodeAt ${i}`);
  assert.equal(doc.lineCount, ref.lineCount, `${what}: lineCount`);
  for (let offset = -1; offset <= text.length + 1; offset++) assert.deepEqual(doc.positionAt(offset), ref.positionAt(offset), `${what}: positionAt ${offset}`);
  for (let line = -1; line <= ref.lineCount; line++) {
    assert.deepEqual(doc.getLineRange(line), ref.getLineRange(line), `${what}: getLineRange ${line}`);
    assert.equal(doc.getEOLCharacters(line), ref.getEOLCharacters(line), `${what}: getEOLCharacters ${line}`);
    for (const character of [-1, 0, 1, 2, 5, 40, 1000]) {
      const p = { line, character };
      assert.equal(doc.offsetAt(p), ref.offsetAt(p), `${what}: offsetAt ${JSON.stringify(p)}`);
    }
  }
  for (let k = 0; k < 20; k++) {
    const range: Range = { start: randomPosition(next, ref.lineCount), end: randomPosition(next, ref.lineCount) };
    if (ref.offsetAt(range.start) <= ref.offsetAt(range.end)) assert.equal(doc.getText(range), ref.getText(range), `${what}: getText ${JSON.stringify(range)}`);
    const a = Math.floor(next() * (text.length + 4)) - 2;
    const b = Math.floor(next() * (text.length + 4)) - 2;
    assert.equal(doc.text.slice(a, b), text.slice(a, b), `${what}: slice ${a} ${b}`);
    assert.equal(doc.text.slice(a), text.slice(a), `${what}: slice ${a}`);
    const search = SEARCHES[k % SEARCHES.length];
    assert.equal(doc.text.indexOf(search, a), text.indexOf(search, a), `${what}: indexOf ${JSON.stringify(search)} ${a}`);
    assert.equal(doc.text.lastIndexOf(search, b), text.lastIndexOf(search, b), `${what}: lastIndexOf ${JSON.stringify(search)} ${b}`);
    assert.equal(doc.text.lastIndexOf(search), text.lastIndexOf(search), `${what}: lastIndexOf ${JSON.stringify(search)}`);
    assert.equal(doc.text.startsWith(search, a), text.startsWith(search, a), `${what}: startsWith ${JSON.stringify(search)} ${a}`);
  }
  assert.equal(doc.getText(), text, `${what}: text`);
}

for (const chunkSize of [4, 9, 64]) {
  test(`chunked documents (chunks of ${chunkSize}) answer as vscode-languageserver-textdocument's after random edits`, () => {
    const next = seededRandom(20261206 + chunkSize);
    for (let file = 0; file < 12; file++) {
      const initial = randomText(next, Math.floor(next() * 60));
      let ref = TextDocument.create('file:///x', 'dockerfile', 1, initial);
      let doc = ChunkedDocument.create('file:///x', 'dockerfile', 1, initial, chunkSize);
      const kept: [ChunkedDocument, string][] = [];
      check(doc, ref, next, `file ${file}, open`);
      for (let k = 0; k < 40; k++) {
        const kind = next();
        let start = randomPosition(next, ref.lineCount);
        // Mostly short ranges; sometimes one that removes many chunks; sometimes reversed.
        let end = kind < 0.2 ? randomPosition(next, ref.lineCount) : kind < 0.6 ? { line: start.line, character: start.character + Math.floor(next() * 6) } : start;
        let text = next() < 0.3 ? '' : randomText(next, 1 + Math.floor(next() * 4));
        if (next() < 0.4) {
          // At a chunk border: a line break made or broken across it.
          const border = doc.text.chunkStart(Math.floor(next() * (doc.text.chunkCount + 1)));
          start = ref.positionAt(border - Math.floor(next() * 3));
          end = ref.positionAt(border + Math.floor(next() * 2));
          text = ['\r', '\n', '', 'a\r', '\r\n'][Math.floor(next() * 5)];
        }
        const change = kind < 0.05 ? { text } : { range: { start, end }, text };
        const what = `file ${file}, edit ${k}: ${JSON.stringify(change)}`;
        ref = TextDocument.update(ref, [change], k + 2);
        doc = new EditLog().documents.update(doc, [change], k + 2);
        assert.equal(doc.version, ref.version, what);
        check(doc, ref, next, what);
        if (k % 10 === 0) kept.push([doc, ref.getText()]);
      }
      for (const [old, text] of kept) assert.equal(old.getText(), text, `file ${file}: an older version kept its text`);
    }
  });
}

test('an edit of a large chunked text rebuilds only the chunks it touches', () => {
  const line = 'RUN echo hello world\n';
  const text = line.repeat(20000);
  const doc = ChunkedDocument.create('file:///x', 'dockerfile', 1, text);
  const edited = doc.edited(200000, 200001, 'xy', 2);
  const chunks = doc.text.chunkCount;
  assert.ok(chunks > 10, `${chunks} chunks`);
  assert.ok(Math.abs(edited.text.chunkCount - chunks) <= 1, `${edited.text.chunkCount} chunks after the edit`);
  assert.equal(edited.text.slice(199990, 200010), text.slice(199990, 200000) + 'xy' + text.slice(200001, 200009));
  assert.equal(edited.lineCount, 20001);
  assert.deepEqual(edited.positionAt(text.length + 1), { line: 20000, character: 0 });
});
