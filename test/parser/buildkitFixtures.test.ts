// The parser against BuildKit's own parser fixtures: the dump must be byte-identical.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDockerfile } from '../../server/src/dockerfile/parser/parser';
import { dumpBuildkit } from '../../server/src/dockerfile/parser/dump';
import { corpusPath } from '../support/corpora';

const fixtures = corpusPath('buildkit-parser', 'testfiles');
const inline = corpusPath('buildkit-parser', 'inline-tests');

for (const name of readdirSync(fixtures).sort()) {
  test(`BuildKit fixture ${name} dumps exactly like BuildKit`, () => {
    const text = readFileSync(join(fixtures, name, 'Dockerfile'), 'utf8');
    const ast = parseDockerfile(text);
    assert.deepEqual(ast.problems.filter((p) => p.severity === 'error'), []);
    assert.equal(dumpBuildkit(ast), readFileSync(join(fixtures, name, 'result'), 'utf8'));
  });
}

for (const file of readdirSync(inline).filter((f) => f.endsWith('.Dockerfile')).sort()) {
  const id = file.replace(/\.Dockerfile$/, '');
  test(`BuildKit inline test ${id} dumps exactly like BuildKit`, () => {
    const ast = parseDockerfile(readFileSync(join(inline, file), 'utf8'));
    const result = join(inline, `${id}.result`);
    if (existsSync(result)) assert.equal(dumpBuildkit(ast), readFileSync(result, 'utf8'));
    const reference = JSON.parse(readFileSync(join(inline, `${id}.json`), 'utf8'));
    if (reference.error) assert.ok(ast.problems.some((p) => p.severity === 'error'), 'BuildKit rejects this file');
    for (const [i, ins] of (reference.instructions ?? []).entries()) {
      const ours = ast.instructions[i];
      assert.equal(ours.startLine + 1, ins.startLine, `start line of instruction ${i}`);
      assert.equal(ours.endLine + 1, ins.endLine, `end line of instruction ${i}`);
      assert.deepEqual(
        ours.heredocs.map((h) => ({ name: h.name, fileDescriptor: h.fileDescriptor, expand: h.expand, chomp: h.chomp, content: h.content })),
        ins.heredocs,
      );
    }
    const warnings = (reference.warnings ?? []).filter((w: { short: string }) => w.short.startsWith('Empty continuation'));
    const ours = ast.instructions.filter((i) => i.emptyContinuationLines.length > 0);
    assert.equal(ours.length, warnings.length, 'empty continuation warnings');
  });
}

for (const name of readdirSync(corpusPath('buildkit-parser', 'testfiles-negative')).sort()) {
  test(`BuildKit negative fixture ${name} is rejected with a diagnostic, not a crash`, () => {
    const text = readFileSync(corpusPath('buildkit-parser', 'testfiles-negative', name, 'Dockerfile'), 'utf8');
    const ast = parseDockerfile(text);
    const errors = ast.problems.filter((p) => p.severity === 'error');
    assert.ok(errors.length > 0);
    for (const e of errors) assert.ok(e.start >= 0 && e.end <= text.length && e.message.length > 0);
  });
}

test('testfile-line: start and end lines of every instruction', () => {
  const text = readFileSync(corpusPath('buildkit-parser', 'testfile-line', 'Dockerfile'), 'utf8');
  const ast = parseDockerfile(text);
  assert.ok(ast.instructions.length > 0);
  for (const ins of ast.instructions) {
    const first = text.slice(ast.lineStarts[ins.startLine]).trimStart();
    assert.ok(first.toUpperCase().startsWith(ins.keyword), `line ${ins.startLine + 1} starts ${ins.keyword}`);
    assert.ok(ins.endLine >= ins.startLine);
  }
});
