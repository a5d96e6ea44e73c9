// The shell module as data: each case in test/fixtures/shell/commands.cases is a Dockerfile and the
// commands it runs, one line per command:
//   <instruction line>:<language>/<origin> <kind> [<context>] <words as "|"-joined values> {env} @<source text of the first word>
// UPDATE_FIXTURES=1 rewrites the expected sections.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from '../../server/src/dockerfile/parser/model';
import { programOf } from '../../server/src/dockerfile/shell';
import { commandsOf, shellOf } from '../../server/src/dockerfile/services/instructionShell';
import { useShellParser } from '../support/shellParser';

useShellParser();

const path = join(process.cwd(), 'test', 'fixtures', 'shell', 'commands.cases');

interface Case {
  name: string;
  dockerfile: string;
  expected: string[];
}

function readCases(): Case[] {
  return readFileSync(path, 'utf8')
    .split(/^=== /m)
    .slice(1)
    .map((chunk) => {
      const nl = chunk.indexOf('\n');
      const [dockerfile, expected = ''] = chunk.slice(nl + 1).split(/^--- commands\n/m);
      return { name: chunk.slice(0, nl).trim(), dockerfile, expected: expected.split('\n').filter((l) => l !== '') };
    });
}

function describeCommands(text: string): string[] {
  const model = parseDocument(text);
  const out: string[] = [];
  for (const ins of model.ast.instructions) {
    for (const script of shellOf(model, ins).scripts) {
      const line = model.lines.positionAt(ins.start).line + 1;
      if (script.commands.length === 0) out.push(`${line}:${script.language}/${script.origin} (no commands)`);
      for (const c of script.commands) {
        const words = c.words.map((w) => w.value).join('|');
        const env = c.env.length > 0 ? ` {${c.env.map((e) => `${e.name}=${e.value?.value ?? ''}`).join(',')}}` : '';
        const context = c.context.length > 0 ? ` [${c.context.join('/')}]` : '';
        const pipe = c.pipeline ? ` pipe${c.pipeIndex}` : '';
        const ops = `${c.operatorBefore ? ' after' + c.operatorBefore : ''}${c.operatorAfter ? ' before' + c.operatorAfter : ''}`;
        const program = programOf(c)?.name;
        const first = c.words[0] ?? c.env[0];
        out.push(`${line}:${script.language}/${script.origin} ${c.kind}${context}${pipe}${ops} ${words}${env}${program && program !== c.words[0]?.value ? ' prog=' + program : ''} @${first ? JSON.stringify(text.slice(first.start, first.end)) : '-'}`);
      }
    }
  }
  return out;
}

describe('shell commands of instructions', () => {
  const cases = readCases();
  if (process.env.UPDATE_FIXTURES === '1') {
    // Runs after the shell parser has loaded; the cases below then compare with what was written.
    before(() => {
      for (const c of cases) c.expected = describeCommands(c.dockerfile);
      writeFileSync(path, cases.map((c) => `=== ${c.name}\n${c.dockerfile}--- commands\n${c.expected.join('\n')}\n`).join(''));
    });
  }
  for (const c of cases) {
    it(c.name, () => assert.deepEqual(describeCommands(c.dockerfile), c.expected));
  }

  it('maps every word back to its exact Dockerfile text across continuations and dropped comment lines', () => {
    const text = 'FROM alpine\nRUN apk add \\\n  # comment line\n    "curl" \\\n\n  git && echo "$X" \\\n  done\n';
    const model = parseDocument(text);
    const words = commandsOf(model, model.ast.instructions[1]).flatMap((c) => c.words);
    assert.deepEqual(words.map((w) => text.slice(w.start, w.end)), ['apk', 'add', '"curl"', 'git', 'echo', '"$X"', 'done']);
    assert.deepEqual(words.map((w) => w.value), ['apk', 'add', 'curl', 'git', 'echo', '$X', 'done']);
  });

  it('maps the words of an exec-form script back through its JSON escapes', () => {
    const text = 'FROM alpine\nHEALTHCHECK CMD ["sh", "-c", "echo \\"a b\\" \\u0026\\u0026 tee \\"/tmp/x\\""]\n';
    const model = parseDocument(text);
    const words = commandsOf(model, model.ast.instructions[1]).flatMap((c) => c.words);
    assert.deepEqual(words.map((w) => text.slice(w.start, w.end)), ['echo', '\\"a b\\"', 'tee', '\\"/tmp/x\\"']);
    assert.deepEqual(words.map((w) => w.value), ['echo', 'a b', 'tee', '/tmp/x']);
  });

  it('uses the escape character of the file', () => {
    const text = '# escape=`\nFROM alpine\nSHELL ["/bin/sh", "-c"]\nRUN apk add `\n  curl\n';
    const model = parseDocument(text);
    const words = commandsOf(model, model.ast.instructions[2]).flatMap((c) => c.words);
    assert.deepEqual(words.map((w) => text.slice(w.start, w.end)), ['apk', 'add', 'curl']);
  });

  it('never throws on half-typed or odd input', () => {
    for (const text of ['FROM a\nRUN if [ x', 'FROM a\nRUN "unclosed', 'FROM a\nRUN $(', 'FROM a\nRUN case x in', 'FROM a\nRUN <<EOF\n', 'FROM a\nRUN \\', 'FROM a\nRUN a |']) {
      const model = parseDocument(text);
      for (const ins of model.ast.instructions) shellOf(model, ins);
    }
  });
});
