// The incremental re-parse equals a full parse of the edited text, node for node (offsets, lines,
// PrevComments, problems, the tiling items), for random edits on every corpus Dockerfile, each edit
// applied to the tree the previous one produced. Seeded: a failure names its file and edit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDockerfile } from '../../server/src/dockerfile/parser/parser';
import { reparse, type TextEdit } from '../../server/src/dockerfile/parser/incremental';
import type { DockerfileAst, Instruction } from '../../server/src/dockerfile/parser/ast';
import { buildModel, parseDocument, stageFields, type DockerfileModel } from '../../server/src/dockerfile/parser/model';
import type { InstructionNode } from '../../server/src/dockerfile/parser/instructionNode';
import { corpusDockerfiles } from '../support/corpora';
import { seededRandom } from '../support/random';

/** Pieces that change how lines group: continuations, heredocs, comments, blank lines, quotes. */
const SNIPPETS = ['\n', '\n\n', ' \\\n', '\\', 'RUN echo hi\n', '# note\n', '#\n', 'RUN <<EOF\n', 'EOF\n', 'RUN cat <<-END >x\n\tbody\n\tEND\n', '"', "'", ' ', '\t', '`', 'FROM scratch AS s\n', 'x', '$', '{', '<<', 'ONBUILD RUN a \\\n', '  # inside\n', '\r\n'];

function randomEdit(text: string, next: () => number): TextEdit {
  const at = Math.floor(next() * (text.length + 1));
  const kind = next();
  const snippet = SNIPPETS[Math.floor(next() * SNIPPETS.length)];
  if (kind < 0.45) return { start: at, end: at, text: snippet };
  const end = Math.min(text.length, at + 1 + Math.floor(next() * 40));
  if (kind < 0.75) return { start: at, end, text: '' };
  return { start: at, end, text: snippet };
}

/** Edits per file: 4 in the normal run; DOCKLENS_REPARSE_EDITS=40 for a longer one. */
const EDITS_PER_FILE = Number(process.env.DOCKLENS_REPARSE_EDITS ?? 4);

const dump = (ast: DockerfileAst) => JSON.stringify(ast);

test('incremental re-parse equals a full parse after random edits on every corpus Dockerfile', () => {
  const files = corpusDockerfiles();
  assert.ok(files.length >= 1000, 'corpus present');
  const next = seededRandom(Number(process.env.DOCKLENS_REPARSE_SEED ?? 20261205));
  const failures: string[] = [];
  let edits = 0;
  for (const file of files) {
    let ast = parseDockerfile(file.text);
    for (let k = 0; k < EDITS_PER_FILE && failures.length < 5; k++) {
      const edit = randomEdit(ast.text, next);
      const incremental = reparse(ast, [edit]);
      const full = parseDockerfile(incremental.text);
      edits++;
      if (dump(incremental) !== dump(full)) {
        failures.push(`${file.id}, edit ${k + 1}: ${JSON.stringify(edit)} at line ${ast.text.slice(0, edit.start).split('\n').length}`);
        break;
      }
      ast = incremental;
    }
  }
  assert.deepEqual(failures, [], `${failures.length} of ${edits} edits differ`);
});

test('edits that reach the directives, or make lone \\r line breaks, parse the whole file', () => {
  const cases: [string, TextEdit][] = [
    ['# escape=\\\nFROM a\nRUN b \\\n  c\n', { start: 10, end: 11, text: '`' }],
    ['FROM a\nRUN b\nRUN c\n', { start: 12, end: 13, text: '\r' }],
    ['FROM a\r\nRUN b\r\nRUN c\r\n', { start: 13, end: 14, text: '' }],
  ];
  for (const [text, edit] of cases) {
    const after = text.slice(0, edit.start) + edit.text + text.slice(edit.end);
    assert.equal(dump(reparse(parseDockerfile(text), [edit])), dump(parseDockerfile(after)));
  }
});

test('instructions before the edit are kept as the same objects', () => {
  const text = 'FROM a\nRUN one\nRUN two\nRUN three\nRUN four\n';
  const before = parseDockerfile(text);
  const at = text.indexOf('three');
  const after = reparse(before, [{ start: at, end: at + 5, text: '3' }]);
  assert.equal(after.instructions[0], before.instructions[0]);
  assert.equal(after.instructions[1], before.instructions[1]);
  assert.equal(after.instructions[3].original, 'RUN 3');
});

test('an instruction below the edit is a new view over the same parse: its offsets move, the old tree keeps its own', () => {
  const text = 'FROM a\nRUN one\nRUN two\nRUN three\nRUN four $X \\\n  --more\n# note\nRUN five\n';
  const before = parseDockerfile(text);
  const at = text.indexOf('one');
  const after = reparse(before, [{ start: at, end: at, text: '\\\n ' }]);
  const old = before.instructions[4] as InstructionNode;
  const moved = after.instructions[4] as InstructionNode;
  assert.notEqual(moved, old);
  assert.equal(moved.data, old.data, 'what the parse produced is shared, not copied');
  assert.equal(moved.start, old.start + 3);
  assert.equal(moved.startLine, old.startLine + 1);
  assert.equal(moved.variables[0].start, old.variables[0].start + 3);
  assert.equal(moved.continuations[0].start, old.continuations[0].start + 3);
  assert.equal(after.text.slice(moved.variables[0].start, moved.variables[0].end), '$X');
  assert.equal(before.text.slice(old.variables[0].start, old.variables[0].end), '$X', 'the old tree still answers for the old text');
  assert.equal(moved.args, moved.args, 'a moved list is made once');
  assert.equal(after.comments.at(-1)?.line, before.comments.at(-1)!.line + 1);
});

test('pasting thousands of lines at once re-parses like a full parse', () => {
  const text = 'FROM a\nRUN one\nRUN two\nRUN three\nRUN four\n';
  const before = parseDockerfile(text);
  const paste = 'RUN x\n'.repeat(5000);
  const at = text.indexOf('RUN two');
  const after = reparse(before, [{ start: at, end: at, text: paste }]);
  assert.equal(dump(after), dump(parseDockerfile(after.text)));
});

test("the caller's copy of the edited text becomes the tree's text, after it is checked", () => {
  const text = 'FROM a\nRUN one\nRUN two\nRUN three\nRUN four\n';
  const before = parseDockerfile(text);
  const at = text.indexOf('two');
  const edits: TextEdit[] = [
    { start: at, end: at + 3, text: '2' },
    { start: 0, end: 0, text: '# c\n' },
  ];
  const result = '# c\n' + text.replace('two', '2');
  const after = reparse(before, edits, result);
  assert.equal(after.text, result);
  assert.equal(dump(after), dump(parseDockerfile(result)));
  // A text that is not what the edits make is not taken: the tree is the edits' own.
  for (const wrong of [result.replace('four', 'fivE'), result + 'x', result.replace('2', '3'), 'x' + result.slice(1)]) {
    const tree = reparse(before, edits, wrong);
    assert.equal(tree.text, result);
    assert.equal(dump(tree), dump(parseDockerfile(result)));
  }
});

/** What a model says about its stages and global ARGs, by offsets (objects differ between versions). */
function modelFacts(model: DockerfileModel): string {
  const at = (ins: Instruction) => `${ins.start}-${ins.end}@${ins.startLine}`;
  return JSON.stringify({
    stages: model.stages.map((s) => ({ ...stageFields(s), from: at(s.from), instructions: s.instructions.map(at) })),
    globalArgs: model.globalArgs.map((g) => ({ at: at(g.instruction), declaration: g.declaration, name: g.name, stage: g.stage })),
    names: model.stages.map((s) => s.name && model.stageByName(s.name.toUpperCase())?.index),
  });
}

/** Stages whose FROM or instructions are not objects of the model's own tree. */
function foreignInstructions(model: DockerfileModel): number[] {
  const own = new Set(model.ast.instructions);
  return model.stages.filter((s) => !own.has(s.from) || s.instructions.some((i) => !own.has(i))).map((s) => s.index);
}

test('the model built from the previous version equals a fresh one after random edits on every corpus Dockerfile', () => {
  const next = seededRandom(Number(process.env.DOCKLENS_REPARSE_SEED ?? 20261206));
  const failures: string[] = [];
  for (const file of corpusDockerfiles()) {
    let model = parseDocument(file.text);
    for (let k = 0; k < EDITS_PER_FILE && failures.length < 5; k++) {
      const edit = randomEdit(model.ast.text, next);
      const incremental = buildModel(reparse(model.ast, [edit]), model);
      if (foreignInstructions(incremental).length > 0 || modelFacts(incremental) !== modelFacts(buildModel(parseDockerfile(incremental.ast.text)))) {
        failures.push(`${file.id}, edit ${k + 1}: ${JSON.stringify(edit)}`);
        break;
      }
      model = incremental;
    }
  }
  assert.deepEqual(failures, []);
});

test('stages added, removed and renamed by an edit: base stages, names and global ARGs as a fresh model has them', () => {
  const text = ['ARG A=1', 'FROM alpine AS one', 'RUN a', 'FROM one AS two', 'RUN b', 'FROM two AS three', 'RUN c', 'FROM one', 'RUN d', ''].join('\n');
  const edits: [string, string][] = [
    ['FROM one AS two', 'FROM one AS deux'], // renamed: `FROM two` no longer names a stage
    ['FROM one AS two', 'RUN x'], // removed
    ['RUN b', 'RUN b\nFROM alpine AS two'], // added, with the name of a stage below
    ['RUN b', 'FROM alpine AS one'], // added, with the name of a stage above (the earlier one wins)
    ['FROM one AS two', 'FROM three AS two'], // base changed to a later stage: not a base stage
    ['FROM two AS three', 'FROM Two AS three'], // the same base, another case
    ['ARG A=1', 'ARG A=2 B'], // global ARGs
    ['ARG A=1', 'FROM scratch AS zero\nARG A=1'], // the global ARG moves into a stage
    ['FROM one AS two', 'FROM one AS TWO'], // same length: the instructions below are the old objects, unmoved
    ['RUN b', 'RUN B'], // the same, inside a stage
  ];
  for (const [find, replacement] of edits) {
    const model = parseDocument(text);
    const at = text.indexOf(find);
    const incremental = buildModel(reparse(model.ast, [{ start: at, end: at + find.length, text: replacement }]), model);
    assert.equal(modelFacts(incremental), modelFacts(buildModel(parseDockerfile(incremental.ast.text))), `${find} → ${replacement}`);
    assert.deepEqual(foreignInstructions(incremental), [], `${find} → ${replacement}: every stage holds the new tree's instructions`);
  }
});

test('random edits on a file of thousands of lines (many chunks of line starts) equal a full parse', () => {
  const files = corpusDockerfiles();
  const next = seededRandom(20261207);
  // Corpus files one after another, past several chunks of line starts (512 lines each).
  let text = '';
  for (let i = 0; text.split('\n').length < 4000; i += 37) text += files[i % files.length].text + '\n';
  let ast = parseDockerfile(text);
  for (let k = 0; k < 30; k++) {
    const edit = randomEdit(ast.text, next);
    const incremental = reparse(ast, [edit]);
    assert.equal(dump(incremental), dump(parseDockerfile(incremental.text)), `edit ${k + 1}: ${JSON.stringify(edit)}`);
    const comments = new Set(incremental.comments);
    assert.ok(incremental.topComments.every((c) => comments.has(c)), 'a comment line outside instructions is one object in both lists');
    ast = incremental;
  }
});

test('random edits on a file of thousands of instructions (many parts of the instruction and comment lists): tree and model equal fresh ones, and every older version still reads as it did', () => {
  const files = corpusDockerfiles();
  const next = seededRandom(20261208);
  let text = '';
  for (let i = 5; text.split('\n').length < 6000; i += 53) text += files[i % files.length].text + '\n';
  let model = parseDocument(text);
  const versions: { ast: DockerfileAst; dump: string }[] = [];
  for (let k = 0; k < 30; k++) {
    const edit = randomEdit(model.ast.text, next);
    // Half of the edits near the start: every part after them moves.
    if (k % 2 === 0) edit.end = edit.start = Math.floor(edit.start / 50);
    const incremental = buildModel(reparse(model.ast, [edit]), model);
    const list = incremental.ast.instructionList;
    const fresh = buildModel(parseDockerfile(incremental.ast.text));
    const n = list.length;
    assert.equal(n, fresh.ast.instructions.length, `edit ${k + 1}: ${JSON.stringify(edit)}`);
    assert.equal(list.at(n), undefined);
    // Most versions are read only in a few places, as after an edit in the server (the next version
    // then carries parts never read); every third is compared whole (which reads all of it).
    if (k % 3 !== 2) {
      for (let i = 0; i < n; i += 97) assert.equal(JSON.stringify(list.at(i)), JSON.stringify(fresh.ast.instructions[i]), `edit ${k + 1}: instruction ${i}`);
    } else {
      // One version hands out one object per index, through the list and through the array.
      const array = incremental.ast.instructions;
      for (let i = 0; i < n; i += 61) assert.equal(list.at(i), array[i], `edit ${k + 1}: instruction ${i}`);
      assert.equal(dump(incremental.ast), dump(fresh.ast), `edit ${k + 1}: ${JSON.stringify(edit)}`);
      assert.equal(modelFacts(incremental), modelFacts(fresh), `edit ${k + 1}: model`);
      assert.deepEqual(foreignInstructions(incremental), [], `edit ${k + 1}: every stage holds the new tree's instructions`);
    }
    if (k % 10 === 0) versions.push({ ast: model.ast, dump: dump(model.ast) });
    model = incremental;
  }
  for (const v of versions) assert.equal(dump(v.ast), v.dump, 'an older version reads as it did');
  assert.equal(dump(model.ast), dump(parseDockerfile(model.ast.text)), 'the last version');
});

test('edits in the first instruction re-parse from the top of the file and equal a full parse, directives and all', () => {
  // The first instruction is the one people edit most (`FROM node:20` at the top): it is re-parsed with
  // the lines above it, and the instructions after the window are kept.
  const files = corpusDockerfiles().filter((_, i) => i % 3 === 0);
  const next = seededRandom(Number(process.env.DOCKLENS_REPARSE_SEED ?? 20261207));
  const pieces = ['x', ' ', '\n', '# ', '#escape=`\n', '# syntax=docker/dockerfile:1\n', '\\\n', 'RUN a\n', '"', 'FROM b AS c\n', '<<EOF\n'];
  const failures: string[] = [];
  let edits = 0;
  let kept = 0;
  for (const file of files) {
    let ast = parseDockerfile(file.text);
    for (let k = 0; k < 3 && failures.length < 5 && ast.instructions.length > 0; k++) {
      const first = ast.instructions[0];
      const lineStart = ast.text.lastIndexOf('\n', first.start - 1) + 1;
      const at = lineStart + Math.floor(next() * (first.end - lineStart + 1));
      const end = next() < 0.3 ? Math.min(ast.text.length, at + Math.floor(next() * 12)) : at;
      const edit = { start: at, end, text: next() < 0.2 ? '' : pieces[Math.floor(next() * pieces.length)] };
      const incremental = reparse(ast, [edit]);
      const full = parseDockerfile(incremental.text);
      edits++;
      if (dump(incremental) !== dump(full)) {
        failures.push(`${file.id}, edit ${k + 1}: ${JSON.stringify(edit)}`);
        break;
      }
      if (ast.instructions.length > 3 && incremental.instructions[ast.instructions.length - 1] === ast.instructions[ast.instructions.length - 1]) kept++;
      ast = incremental;
    }
  }
  assert.deepEqual(failures, [], `${failures.length} of ${edits} edits differ`);
  assert.ok(kept > 0, 'instructions after the window were kept');
});
