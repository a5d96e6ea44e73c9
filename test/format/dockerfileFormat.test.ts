// Dockerfile formatting as data: each fixture's input, formatted, must equal its `.expected.Dockerfile`
// byte for byte; the expected output is a fixed point, and BuildKit reads it exactly as the input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from '../../server/src/dockerfile/parser/model';
import {
  DEFAULT_DOCKERFILE_FORMAT,
  formatDockerfile,
  formatDockerfileEdits,
  formatOnNewline,
  shellBodyReader,
  type DockerfileFormatOptions,
} from '../../server/src/dockerfile/services/format';
import { compareParses } from '../../server/src/dockerfile/services/formatCheck';
import { useShellParser } from '../support/shellParser';

useShellParser();

const dir = join(process.cwd(), 'test', 'fixtures', 'format');
const cases = JSON.parse(readFileSync(join(dir, 'cases.json'), 'utf8')) as Record<string, { about: string; options?: Partial<DockerfileFormatOptions> }>;

function format(text: string, options: Partial<DockerfileFormatOptions> = {}): string {
  return formatDockerfile(parseDocument(text), { ...DEFAULT_DOCKERFILE_FORMAT, ...options });
}

function safety(before: string, after: string): string | undefined {
  const model = parseDocument(before);
  return compareParses(model.ast, parseDocument(after).ast, (ins) => shellBodyReader(model, ins));
}

for (const [name, c] of Object.entries(cases)) {
  test(`format ${name}: ${c.about}`, () => {
    const input = readFileSync(join(dir, `${name}.Dockerfile`), 'utf8');
    const expected = readFileSync(join(dir, `${name}.expected.Dockerfile`), 'utf8');
    assert.equal(format(input, c.options), expected);
    assert.equal(format(expected, c.options), expected, 'formatting the result again changes nothing');
    assert.equal(safety(input, expected), undefined, 'BuildKit reads the result as the input');
  });
}

test('format: heredoc bodies are copied byte for byte, even with blanks and CRLF inside', () => {
  const input = 'from alpine\r\nrun <<EOF\r\n  a  \t\r\n\r\n\r\n\r\nEOF\r\n';
  const out = format(input);
  assert.equal(out, 'FROM alpine\r\nRUN <<EOF\r\n  a  \t\r\n\r\n\r\n\r\nEOF\r\n');
});

test('format: a blank line above a comment at the top stays (it keeps `# escape=` a comment)', () => {
  const input = '\n\n# escape=`\nFROM alpine\nRUN echo a \\\n  b\n';
  const out = format(input);
  assert.equal(out, '\n# escape=`\nFROM alpine\nRUN echo a \\\n    b\n');
  assert.equal(parseDocument(out).ast.escapeChar, '\\');
});

test('format: odd input never throws and keeps its meaning', () => {
  const inputs = [
    '',
    '   \n\n',
    '# only a comment',
    '\ufeffFROM alpine\nRUN echo hi  ',
    'FROM {{ .Base }}\n{{ if .X }}\nRUN echo\n{{ end }}\n',
    'RUN \\',
    'RUN \\\n',
    'FROM alpine\nRUN echo \\\n  \\\n  \\\n',
    'FROM alpine\nRUN echo a \\\n# comment at the end\n',
    'FROM alpine\nCMD ["a",\n',
    'FROM alpine\nRUN <<EOF',
    'FROM alpine\nENV\nLABEL\nARG\nHEALTHCHECK\nONBUILD\nRUN\n',
    'FROM alpine\nUSER <<X\nFOO\n',
    'FROM alpine\nRUN --mount=type=cache,\\\ntarget=/root/.cache pip install x\n',
    'from a as\nfrom a as b c\n',
    'FROM alpine\nRUN echo "$(echo "a \\\n   b")" \\\n   && case x in a) echo \\\n   ;; esac\n',
  ];
  for (const input of inputs) {
    const out = format(input);
    assert.equal(safety(input, out), undefined, JSON.stringify(input));
    assert.equal(format(out), out, `idempotent: ${JSON.stringify(input)}`);
  }
});

test('format: a blank in a continued line inside quotes stays where it was', () => {
  const input = 'FROM alpine\nRUN x="$(echo "a \\\n   b")" \\\n      && echo $x\n';
  assert.equal(format(input), 'FROM alpine\nRUN x="$(echo "a \\\n   b")" \\\n    && echo $x\n');
});

test('range formatting: only the instructions the range touches', () => {
  const text = 'from alpine\nrun   echo  a \\\n        && echo b\nrun   echo c\n';
  const model = parseDocument(text);
  const second = text.indexOf('run');
  const edits = formatDockerfileEdits(model, DEFAULT_DOCKERFILE_FORMAT, { start: second + 2, end: second + 4 });
  assert.deepEqual(edits, [{ start: second, end: text.indexOf('\nrun   echo c'), newText: 'RUN echo  a \\\n    && echo b' }]);
});

test('document formatting: one edit spanning what changes; none for a formatted file', () => {
  const text = 'FROM alpine\nrun echo a\nCMD ["x"]\n';
  const edits = formatDockerfileEdits(parseDocument(text), DEFAULT_DOCKERFILE_FORMAT);
  assert.deepEqual(edits, [{ start: 12, end: 15, newText: 'RUN' }]);
  assert.deepEqual(formatDockerfileEdits(parseDocument('FROM alpine\n'), DEFAULT_DOCKERFILE_FORMAT), []);
});

test('on-type formatting: a new line in a continued instruction gets the continuation indentation', () => {
  const cases: { text: string; expected: string; options?: Partial<DockerfileFormatOptions> }[] = [
    { text: 'FROM alpine\nRUN apt-get update \\\n|', expected: 'FROM alpine\nRUN apt-get update \\\n    ' },
    { text: 'FROM alpine\nRUN a \\\n        && b \\\n|', expected: 'FROM alpine\nRUN a \\\n        && b \\\n        ' },
    { text: 'FROM alpine\nRUN a \\\n  |x', expected: 'FROM alpine\nRUN a \\\n\tx', options: { insertSpaces: false } },
    { text: 'FROM alpine\nRUN a\n|', expected: 'FROM alpine\nRUN a\n' },
    { text: '# escape=`\nFROM x\nRUN a `\n|', expected: '# escape=`\nFROM x\nRUN a `\n    ' },
  ];
  for (const c of cases) {
    const offset = c.text.indexOf('|');
    const text = c.text.replace('|', '');
    const edits = formatOnNewline(parseDocument(text), offset, { ...DEFAULT_DOCKERFILE_FORMAT, ...c.options });
    let out = text;
    for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
    assert.equal(out, c.expected, JSON.stringify(c.text));
  }
});
