// A continued instruction's `original` and `argsText` are joined again from the source when read
// (parser/joinedText.ts): the edges of the join, each text with what the parse gave when it kept
// the joined copy. The last instruction of each text is checked, and its ONBUILD instruction.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDockerfile } from '../../server/src/dockerfile/parser/parser';

interface Case {
  what: string;
  text: string;
  original: string;
  argsText: string;
  innerOriginal?: string;
  innerArgsText?: string;
}

const CASES: Case[] = [
  { what: 'an escape at the end of the file', text: 'RUN a \\', original: 'RUN a ', argsText: 'a' },
  { what: 'a continuation into blank lines only', text: 'RUN a \\\n\n', original: 'RUN a ', argsText: 'a' },
  { what: 'comment, blank and escape-only lines inside', text: 'RUN a \\\n# c\n  b \\\n\n  \\\n c  \n', original: 'RUN a   b    c  ', argsText: 'a   b    c' },
  { what: 'lines that are only an escape', text: 'RUN \\\n\\\nfoo', original: 'RUN foo', argsText: 'foo' },
  { what: 'blanks after the escape, an escape at the end', text: 'FROM x\nRUN a \\  \t\n\t b\\\n', original: 'RUN a \t b', argsText: 'a \t b' },
  { what: 'a byte-order mark', text: '\ufeffRUN a \\\nb', original: 'RUN a b', argsText: 'a b' },
  { what: 'the backtick escape', text: '# escape=`\nRUN a `\n b `\n\n c', original: 'RUN a  b  c', argsText: 'a  b  c' },
  { what: 'CRLF line ends', text: 'RUN a \\\r\n b\r\n', original: 'RUN a  b', argsText: 'a  b' },
  { what: 'a lone CR inside a line, CRs before the line end', text: 'RUN a\rb \\\r\n c\r\r\n', original: 'RUN a\rb  c', argsText: 'a\rb  c' },
  { what: 'a heredoc after a continued line', text: 'RUN <<EOF a \\\n  more  \nbody\nEOF\n', original: 'RUN <<EOF a   more  ', argsText: '<<EOF a   more' },
  { what: 'a heredoc after one line', text: 'COPY <<EOF /x  \nbody\nEOF', original: 'COPY <<EOF /x  ', argsText: '<<EOF /x' },
  {
    what: "ONBUILD continued, with a heredoc (its instruction keeps its joined text)",
    text: 'ONBUILD RUN a \\\n  b <<EOF\nx\nEOF\n',
    original: 'ONBUILD RUN a   b <<EOF',
    argsText: 'RUN a   b <<EOF',
    innerOriginal: 'RUN a   b <<EOF',
    innerArgsText: 'a   b <<EOF',
  },
  { what: 'ONBUILD on one line', text: 'ONBUILD   RUN  x  ', original: 'ONBUILD   RUN  x  ', argsText: 'RUN  x', innerOriginal: 'RUN  x', innerArgsText: 'x' },
];

for (const c of CASES) {
  test(`joined text: ${c.what}`, () => {
    const list = parseDockerfile(c.text).instructions;
    const ins = list[list.length - 1];
    assert.equal(ins.original, c.original);
    assert.equal(ins.argsText, c.argsText);
    assert.equal(ins.inner?.original, c.innerOriginal);
    assert.equal(ins.inner?.argsText, c.innerArgsText);
  });
}

// The keyword of an instruction whose first line is an escape alone starts after the instruction
// (the tree keeps that start only for such instructions).
test('joined text: the keyword after a first line that is an escape alone', () => {
  const text = 'FROM x\n  \\\n  RUN  a\n';
  const ins = parseDockerfile(text).instructions[1];
  assert.equal(ins.start, text.indexOf('\\'));
  assert.deepEqual(ins.keywordSpan, { start: text.indexOf('RUN'), end: text.indexOf('RUN') + 3 });
  assert.equal(ins.original, '  RUN  a');
  assert.equal(ins.argsText, 'a');
  const same = parseDockerfile('FROM x\nRUN a').instructions[1];
  assert.deepEqual(same.keywordSpan, { start: same.start, end: same.start + 3 });
});

// The arguments end at the instruction's end but after blanks, a heredoc or comment lines (the
// tree keeps that end only for such instructions).
test('joined text: where the arguments end', () => {
  const cases: { text: string; argsEnd: string; end: number }[] = [
    { text: 'RUN a', argsEnd: 'RUN a', end: 5 },
    { text: 'RUN a   \n', argsEnd: 'RUN a', end: 8 },
    { text: 'RUN cat <<EOF\nx\nEOF\n', argsEnd: 'RUN cat <<EOF', end: 19 },
    { text: 'RUN a \\\n# c\n', argsEnd: 'RUN a', end: 11 },
  ];
  for (const c of cases) {
    const ins = parseDockerfile(c.text).instructions[0];
    assert.equal(ins.argsSpan.end, c.argsEnd.length, c.text);
    assert.equal(ins.end, c.end, c.text);
  }
});

// The last line is read from the instruction's start line and end (kept only where that is not it).
test('joined text: the last line of an instruction', () => {
  const cases: { text: string; lines: [number, number][]; inner?: [number, number] }[] = [
    { text: 'FROM x\nRUN a \\\n  b\n\nRUN c', lines: [[0, 0], [1, 2], [4, 4]] },
    { text: 'RUN a \\\n# c\n\n', lines: [[0, 2]] },
    { text: 'RUN cat <<EOF\nx\nEOF\nRUN d', lines: [[0, 2], [3, 3]] },
    { text: 'ONBUILD RUN a \\\n  b <<EOF\nx\nEOF\n', lines: [[0, 3]], inner: [0, 3] },
    { text: 'ONBUILD \\\n RUN a', lines: [[0, 1]], inner: [0, 1] },
    { text: 'RUN a\rb \\\r\n c\r\r\nRUN d', lines: [[0, 2], [4, 4]] },
  ];
  for (const c of cases) {
    const list = parseDockerfile(c.text).instructions;
    assert.deepEqual(list.map((i) => [i.startLine, i.endLine]), c.lines, JSON.stringify(c.text));
    if (c.inner) assert.deepEqual([list[0].inner!.startLine, list[0].inner!.endLine], c.inner, JSON.stringify(c.text));
  }
});
