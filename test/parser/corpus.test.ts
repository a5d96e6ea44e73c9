// The parser against BuildKit's reference parse of 1,227 real Dockerfiles: the dump, the error
// verdict, instruction lines, flags, args, heredoc bodies and preceding comments.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { parseDockerfile } from '../../server/src/dockerfile/parser/parser';
import { dumpBuildkit } from '../../server/src/dockerfile/parser/dump';
import type { Instruction } from '../../server/src/dockerfile/parser/ast';
import { corpusDockerfiles } from '../support/corpora';

/** Files where we knowingly differ from BuildKit, with the reason. Keep empty unless explained. */
const KNOWN_EXCEPTIONS: Record<string, string> = {};

interface RefInstruction {
  instruction: string;
  startLine: number;
  endLine: number;
  flags: string[];
  args: string[];
  jsonForm: boolean;
  heredocs: { name: string; content: string; expand: boolean; chomp: boolean; fileDescriptor: number }[];
  prevComment: string[];
  original: string;
  inner?: RefInstruction;
}

function compareInstruction(ours: Instruction, ref: RefInstruction, where: string, inner = false): void {
  assert.equal(ours.keywordText.toLowerCase(), ref.instruction, `${where} keyword`);
  if (!inner) {
    // BuildKit gives ONBUILD's inner instruction no lines of its own.
    assert.equal(ours.startLine + 1, ref.startLine, `${where} start line`);
    assert.equal(ours.endLine + 1, ref.endLine, `${where} end line`);
    assert.deepEqual(ours.prevComments, ref.prevComment, `${where} preceding comments`);
  }
  assert.deepEqual(ours.flags.map((f) => f.raw), ref.flags, `${where} flags`);
  assert.equal(ours.form === 'json', ref.jsonForm, `${where} JSON form`);
  assert.equal(ours.original, ref.original, `${where} original`);
  assert.deepEqual(
    ours.heredocs.map((h) => ({ name: h.name, content: h.content, expand: h.expand, chomp: h.chomp })),
    ref.heredocs.map((h) => ({ name: h.name, content: h.content, expand: h.expand, chomp: h.chomp })),
    `${where} heredocs`,
  );
  if (ref.inner) compareInstruction(ours.inner!, ref.inner, `${where} (inner)`, true);
  else if (ours.known) assert.deepEqual(ours.args.map((a) => a.value), ref.args, `${where} args`);
}

test('corpus: our parse agrees with BuildKit on every real Dockerfile', () => {
  const files = corpusDockerfiles();
  assert.ok(files.length >= 1000, 'corpus present');
  const failures: string[] = [];
  let agreed = 0;
  for (const file of files) {
    if (KNOWN_EXCEPTIONS[file.id]) continue;
    const ast = parseDockerfile(file.text);
    const base = file.path.replace(/\.Dockerfile$/, '');
    try {
      const errors = ast.problems.filter((p) => p.severity === 'error');
      if (existsSync(`${base}.error`)) {
        assert.ok(errors.length > 0, 'BuildKit rejects this file');
        const expectedLines = /lines: \[([\d ]*)\]/.exec(readFileSync(`${base}.error`, 'utf8'))?.[1].split(' ').map(Number) ?? [];
        const ourLines = errors.map((e) => ast.lineStarts.findIndex((s, i) => e.start >= s && (i + 1 >= ast.lineStarts.length || e.start < ast.lineStarts[i + 1])) + 1);
        assert.ok(expectedLines.every((l) => ourLines.includes(l)), `error on lines ${expectedLines}, ours ${ourLines}`);
      } else {
        assert.deepEqual(errors, [], 'BuildKit accepts this file');
        assert.equal(dumpBuildkit(ast), readFileSync(`${base}.result`, 'utf8'), 'dump');
        const ref = JSON.parse(readFileSync(`${base}.json`, 'utf8')) as { instructions: RefInstruction[]; escapeToken: string };
        assert.equal(ast.escapeChar, ref.escapeToken, 'escape character');
        assert.equal(ast.instructions.length, ref.instructions.length, 'instruction count');
        ref.instructions.forEach((r, i) => compareInstruction(ast.instructions[i], r, `instruction ${i + 1}`));
      }
      agreed++;
    } catch (err) {
      failures.push(`${file.id}: ${(err as Error).message.split('\n')[0]}`);
    }
  }
  const rate = agreed / (files.length - Object.keys(KNOWN_EXCEPTIONS).length);
  console.log(`corpus agreement: ${agreed}/${files.length - Object.keys(KNOWN_EXCEPTIONS).length} (${(rate * 100).toFixed(2)}%)`);
  assert.deepEqual(failures, []);
});
