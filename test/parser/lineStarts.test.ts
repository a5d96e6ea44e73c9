// The chunked line starts an edit splices (common/lineStarts.ts) give the same lines as a list made
// from the new text: after random edits, and after edits at chunk boundaries, over many chunks, that
// add or remove thousands of lines. Every version stays valid after later edits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeNewlineStarts, LineIndex } from '../../server/src/common/lineIndex';
import { LineStarts } from '../../server/src/common/lineStarts';
import { seededRandom } from '../support/random';

interface Version {
  text: string;
  table: LineStarts;
}

function edit(v: Version, start: number, end: number, text: string): Version {
  return { text: v.text.slice(0, start) + text + v.text.slice(end), table: v.table.edited(start, end, text) };
}

/** The table answers as the list of the text does: every line's start, the line of every offset near a line start. */
function check(v: Version, what: string): void {
  const starts = computeNewlineStarts(v.text);
  assert.deepEqual(v.table.toArray(), starts, what);
  assert.equal(v.table.count, starts.length, what);
  const list = new LineIndex(v.text, starts);
  const chunked = new LineIndex(v.text, v.table);
  for (let line = 0; line < starts.length; line += 1 + (line % 7)) {
    assert.equal(chunked.lineStart(line), starts[line], `${what}: start of line ${line}`);
    for (const offset of [starts[line] - 1, starts[line], starts[line] + 1]) {
      assert.equal(chunked.lineOf(offset), list.lineOf(offset), `${what}: line of ${offset}`);
    }
  }
  assert.equal(chunked.lineOf(v.text.length + 5), list.lineOf(v.text.length + 5), what);
}

const lines = (n: number, tag = 'l') => Array.from({ length: n }, (_, i) => `${tag}${i} ${'x'.repeat(i % 13)}\n`).join('');

test('edits at chunk boundaries, across chunks, and of thousands of lines', () => {
  const text = lines(3000);
  const start = (line: number) => computeNewlineStarts(text)[line];
  const cases: [string, number, number, string][] = [
    ['insert a line at a chunk boundary', start(512), start(512), 'new\n'],
    ['insert just before a chunk boundary', start(512) - 1, start(512) - 1, '\nnew'],
    ['join the last line of a chunk to the next', start(512) - 1, start(512), ''],
    ['remove lines across three chunks', start(400), start(1700), ''],
    ['paste 5000 lines in the middle', start(1500), start(1500), lines(5000, 'p')],
    ['replace everything', 0, text.length, 'FROM a\n'],
    ['remove all but the first line', start(1), text.length, ''],
    ['type at the very end', text.length, text.length, 'x'],
    ['a new line at offset 0', 0, 0, '\n'],
  ];
  // A parse's list is one chunk; an edit that changes nothing cuts it into chunks of 512 lines.
  const cut = LineStarts.of(computeNewlineStarts(text)).edited(0, 0, '');
  check({ text, table: cut }, 'cut into chunks');
  for (const [what, from, to, insert] of cases) check(edit({ text, table: cut }, from, to, insert), what);
});

test('random edits, each on the version before, keep every version right', () => {
  const next = seededRandom(20261206);
  let v: Version = { text: lines(4000), table: LineStarts.of(computeNewlineStarts(lines(4000))) };
  const versions: Version[] = [];
  for (let k = 0; k < 300; k++) {
    const start = Math.floor(next() * (v.text.length + 1));
    const end = Math.min(v.text.length, start + Math.floor(next() * (next() < 0.1 ? 20000 : 40)));
    const kind = next();
    const insert = kind < 0.3 ? '' : kind < 0.6 ? '\n' : kind < 0.9 ? 'ab\ncd\n' : lines(600, 'r');
    v = edit(v, start, end, insert);
    versions.push(v);
    if (k % 25 === 0) check(v, `edit ${k}`);
  }
  // Older versions still answer for their own text.
  versions.filter((_, i) => i % 50 === 0).forEach((old, i) => check(old, `version ${i * 50}, read later`));
});
