// Lines as the LSP defines them: `\n`, `\r\n` and a lone `\r` all end a line. A client that counts a
// lone `\r` must see our ranges on the lines it shows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineIndex } from '../../server/src/common/lineIndex';
import { parseDocument } from '../../server/src/dockerfile/parser/model';
import { runDiagnostics, toLspDiagnostics } from '../../server/src/dockerfile/services/diagnostics';

const CASES: { text: string; lines: string[] }[] = [
  { text: 'a\nb\nc', lines: ['a', 'b', 'c'] },
  { text: 'a\r\nb\r\n', lines: ['a', 'b', ''] },
  { text: 'a\rb\rc', lines: ['a', 'b', 'c'] },
  { text: 'a\r\rb', lines: ['a', '', 'b'] },
  { text: 'a\n\rb\r\n\nc\r', lines: ['a', '', 'b', '', 'c', ''] },
  { text: '\r', lines: ['', ''] },
  { text: '', lines: [''] },
];

for (const c of CASES) {
  test(`line index: ${JSON.stringify(c.text)} has the client's lines`, () => {
    const index = new LineIndex(c.text);
    assert.deepEqual(
      Array.from({ length: index.lineCount }, (_, i) => index.lineText(i)),
      c.lines,
    );
    // Every offset maps to a position inside its line, and back to an offset in the text.
    for (let o = 0; o <= c.text.length; o++) {
      const p = index.positionAt(o);
      assert.ok(p.character <= index.lineText(p.line).length, `offset ${o}`);
      assert.ok(index.offsetAt(p) <= c.text.length);
    }
  });
}

test('line index: an offset between \\r and \\n is the end of the line', () => {
  const index = new LineIndex('ab\r\ncd');
  assert.deepEqual(index.positionAt(3), { line: 0, character: 2 });
});

test('a lone \\r: BOGUS is reported on the line the client shows it on', () => {
  const model = parseDocument('FROM alpine\rRUN x\nBOGUS y\n');
  const diags = toLspDiagnostics(model, runDiagnostics(model, {}));
  const bogus = diags.find((d) => String(d.message).includes('BOGUS'));
  assert.ok(bogus, JSON.stringify(diags.map((d) => d.message)));
  assert.equal(bogus.range.start.line, 2);
  for (const d of diags) {
    for (const p of [d.range.start, d.range.end]) {
      assert.ok(p.line < model.lines.lineCount && p.character <= model.lines.lineText(p.line).length, JSON.stringify(d));
    }
  }
});

test('a lone \\r: instruction lines are client lines (folding, lenses, "line N" in hovers)', () => {
  const model = parseDocument('FROM alpine\rRUN a \\\r\n  b\rRUN c\nRUN d\n');
  assert.deepEqual(
    model.ast.instructions.map((i) => [i.keyword, i.startLine, i.endLine]),
    // BuildKit sees one instruction in `FROM alpine\rRUN a \` + `  b\rRUN c` (a lone \r is text to it),
    // which the client shows on lines 0-3.
    [['FROM', 0, 3], ['RUN', 4, 4]],
  );
});
