// Every byte belongs to a node: the top-level items tile the file, and every span of every
// instruction lies inside its instruction, on every corpus file and on hostile input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDockerfile } from '../../server/src/dockerfile/parser/parser';
import type { DockerfileAst, Instruction, Span } from '../../server/src/dockerfile/parser/ast';
import { corpusDockerfiles } from '../support/corpora';

function checkTiling(ast: DockerfileAst): void {
  let pos = 0;
  for (const item of ast.items) {
    assert.equal(item.start, pos, `item ${item.kind} starts where the previous one ended`);
    assert.ok(item.end >= item.start);
    pos = item.end;
  }
  assert.equal(pos, ast.text.length, 'items cover the whole text');
  assert.equal(ast.items.map((i) => ast.text.slice(i.start, i.end)).join(''), ast.text);
}

function within(outer: Span, inner: Span, what: string): void {
  assert.ok(inner.start >= outer.start && inner.end <= outer.end && inner.start <= inner.end, `${what} ${inner.start}-${inner.end} inside ${outer.start}-${outer.end}`);
}

function checkInstruction(ast: DockerfileAst, ins: Instruction, outer: Span): void {
  within(outer, ins, 'instruction');
  within(ins, ins.keywordSpan, 'keyword');
  const keywordSource = ast.text.slice(ins.keywordSpan.start, ins.keywordSpan.end);
  // A keyword may itself be cut by a continuation; on one line it is exactly its source.
  if (!keywordSource.includes('\n')) assert.equal(keywordSource, ins.keywordText);
  for (const f of ins.flags) {
    within(ins, f, 'flag');
    within(f, f.nameSpan, 'flag name');
    if (f.valueSpan) within(f, f.valueSpan, 'flag value');
  }
  for (const a of ins.args) within(ins, a, 'argument');
  for (const kv of ins.keyValues) within(ins, kv, 'key/value');
  for (const v of ins.variables) within(outer, v, 'variable');
  for (const h of ins.heredocs) within(outer, h.body, 'heredoc body');
  if (ins.inner) checkInstruction(ast, ins.inner, ins);
}

function checkAll(text: string): DockerfileAst {
  const ast = parseDockerfile(text);
  checkTiling(ast);
  for (const ins of ast.instructions) checkInstruction(ast, ins, ins);
  return ast;
}

test('every corpus file is rebuilt exactly from its items, and spans nest', () => {
  for (const file of corpusDockerfiles()) {
    try {
      checkAll(file.text);
    } catch (err) {
      throw new Error(`${file.id}: ${(err as Error).message}`);
    }
  }
});

test('single-line words map back to their exact source text', () => {
  const text = 'FROM --platform=$BUILDPLATFORM golang:1.22 AS build\nENV A=1 B="two words"\nCOPY --from=build /out /bin/\n';
  const ast = checkAll(text);
  for (const ins of ast.instructions) for (const a of ins.args) if (a.end > a.start) assert.equal(text.slice(a.start, a.end), a.value);
  const [from, env] = ast.instructions;
  assert.equal(text.slice(from.flags[0].valueSpan!.start, from.flags[0].valueSpan!.end), '$BUILDPLATFORM');
  assert.deepEqual(from.variables.map((v) => v.name), ['BUILDPLATFORM']);
  assert.deepEqual(env.keyValues.map((kv) => [kv.key.value, kv.value?.value]), [['A', '1'], ['B', '"two words"']]);
});

test('a word continued over lines spans both lines in the source', () => {
  const text = 'FROM a\nRUN echo hello \\\n  # a comment inside\n    world\n';
  const ast = checkAll(text);
  const run = ast.instructions[1];
  assert.equal(run.args[0].value, 'echo hello     world');
  assert.equal(run.comments.length, 1);
  assert.equal(run.comments[0].text, 'a comment inside');
  assert.equal(text.slice(run.args[0].start, run.args[0].end), 'echo hello \\\n  # a comment inside\n    world');
  assert.equal(run.endLine, 3);
});

test('variables: plain, braced, modifiers, nesting, escapes and single quotes', () => {
  const text = "FROM a\nRUN echo $A ${B:-x} ${C:+${D}} \\$E '$F' \"$G\" ${H%%.*}\n";
  const run = checkAll(text).instructions[1];
  assert.deepEqual(run.variables.map((v) => [v.name, v.modifier ?? '', v.modifierValue ?? '']), [
    ['A', '', ''],
    ['B', ':-', 'x'],
    ['C', ':+', '${D}'],
    ['D', '', ''],
    ['G', '', ''],
    ['H', '%%', '.*'],
  ]);
  for (const v of run.variables) assert.equal(text.slice(v.nameSpan.start, v.nameSpan.end), v.name);
});

test('heredocs: bodies, terminators, chomp, quoted delimiters, several on a line', () => {
  const text = 'FROM a\nRUN <<EOF\necho $X\nEOF\nCOPY <<-"A" <<B /dst/\n\tone\n\tA\ntwo\nB\nCMD ["x"]\n';
  const ast = checkAll(text);
  const [, run, copy, cmd] = ast.instructions;
  assert.equal(run.heredocs[0].content, 'echo $X\n');
  assert.deepEqual(run.variables.map((v) => v.name), ['X']);
  assert.deepEqual(copy.heredocs.map((h) => [h.name, h.chomp, h.expand, h.content]), [
    ['A', true, false, '\tone\n'],
    ['B', false, true, 'two\n'],
  ]);
  assert.equal(cmd.keyword, 'CMD');
  assert.equal(cmd.startLine, 9);
});

test('an unterminated heredoc is a diagnostic and the body runs to the end', () => {
  const ast = checkAll('FROM a\nRUN <<EOF\necho hi\n');
  assert.equal(ast.problems[0].code, 'UnterminatedHeredoc');
  assert.equal(ast.instructions[1].heredocs[0].content, 'echo hi\n');
});

test('escape directive: backtick continues lines and backslash is literal', () => {
  const text = '# escape=`\nFROM windows\nRUN dir c:\\ `\n  /s\n';
  const ast = checkAll(text);
  assert.equal(ast.escapeChar, '`');
  assert.equal(ast.directives[0].name, 'escape');
  assert.equal(ast.instructions[1].args[0].value, 'dir c:\\   /s');
});

test('hostile input never throws and always tiles', () => {
  const samples = [
    '',
    '\n\n\n',
    '\\',
    'RUN \\',
    'FROM',
    '# only a comment',
    '\uFEFF# syntax=docker/dockerfile:1\nFROM a',
    'FROM a\r\nRUN b \\\r\n c\r\n',
    'RUN ["unterminated',
    'RUN [1, 2]',
    'CMD [["nested"]]',
    'ENV',
    'ENV A',
    'ONBUILD',
    'ONBUILD ONBUILD RUN x',
    'HEALTHCHECK',
    'FROM a\nRUN <<',
    'FROM a\nRUN <<"',
    'FROM a\nRUN ${',
    'FROM a\nRUN ${A:-${B',
    'FROM --',
    'FROM -- --x',
    "COPY --chown='a b' x y",
    'x'.repeat(70000),
  ];
  let seed = 42;
  const random = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const alphabet = ['RUN ', 'FROM ', 'COPY ', '\\', '`', '\n', '\r\n', '#', ' ', '"', "'", '[', ']', '$', '{', '}', ':-', '<<', 'EOF', '--', '=', ',', '\t', '\u0000', '\uFFFD', 'é'];
  for (let n = 0; n < 400; n++) {
    let s = '';
    const len = Math.floor(random() * 60);
    for (let i = 0; i < len; i++) s += alphabet[Math.floor(random() * alphabet.length)];
    samples.push(s);
  }
  const binary = Buffer.alloc(4096);
  for (let i = 0; i < binary.length; i++) binary[i] = Math.floor(random() * 256);
  samples.push(binary.toString('utf8'), binary.toString('latin1'));
  for (const text of samples) checkAll(text);
});

test('truncating a real file at every 7th character never throws', () => {
  const file = corpusDockerfiles().find((f) => f.text.includes('<<') && f.text.includes('\\\n'))!;
  for (let cut = 0; cut < file.text.length; cut += 7) checkAll(file.text.slice(0, cut));
});
