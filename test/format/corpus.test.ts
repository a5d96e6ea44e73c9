// The safety proof on every corpus file: BuildKit reads the formatted Dockerfile exactly as the
// original, instruction by instruction (keyword, flags, arguments, form, heredoc bodies; shell-form
// bodies up to blanks that only separate words), and formatting is idempotent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDocument } from '../../server/src/dockerfile/parser/model';
import { formatDockerfile, shellBodyReader } from '../../server/src/dockerfile/services/format';
import { compareParses, normalizeShellBlanks } from '../../server/src/dockerfile/services/formatCheck';
import { corpusDockerfiles } from '../support/corpora';
import { useShellParser } from '../support/shellParser';
import type { ShellWord } from '../../server/src/dockerfile/shell';
import { shellOf } from '../../server/src/dockerfile/services/instructionShell';
import type { DockerfileModel } from '../../server/src/dockerfile/parser/model';

useShellParser();

test('corpus: every formatted Dockerfile means what the original means, and formatting it again changes nothing', () => {
  const files = corpusDockerfiles();
  assert.ok(files.length >= 1000, 'corpus present');
  const failures: string[] = [];
  let changed = 0;
  for (const file of files) {
    const model = parseDocument(file.text);
    const formatted = formatDockerfile(model);
    if (formatted !== file.text) changed++;
    const again = parseDocument(formatted);
    const why = compareParses(model.ast, again.ast, (ins) => shellBodyReader(model, ins));
    const shellWhy = why ?? sameShellTrees(model, again);
    if (shellWhy) failures.push(`${file.id}: ${shellWhy}`);
    else if (formatDockerfile(again) !== formatted) failures.push(`${file.id}: not idempotent`);
  }
  console.log(`formatted ${files.length} Dockerfiles, ${changed} changed, ${failures.length} failures`);
  assert.deepEqual(failures, []);
});

/** A word as the program gets it; a substitution's text (kept as written) up to separating blanks. */
const word = (w: ShellWord) => (w.literal ? w.value : normalizeShellBlanks(w.value));

/** The shell parser's reading of every shell-form body, positions aside: the same commands, words and structure. */
function sameShellTrees(a: DockerfileModel, b: DockerfileModel): string | undefined {
  const shape = (m: DockerfileModel, i: number) =>
    JSON.stringify(
      shellOf(m, m.ast.instructions[i]).scripts.map((s) => [
        s.language,
        s.hasErrors,
        [...s.topLevelOperators].sort(),
        s.commands.map((c) => [c.kind, c.words.map(word), c.env.map((e) => [e.name, e.value && word(e.value)]), c.redirects.map((r) => [r.operator, r.target && word(r.target)]), c.context, c.operatorBefore, c.operatorAfter, c.pipeIndex]),
      ]),
    );
  for (let i = 0; i < a.ast.instructions.length; i++) {
    // Blank-only changes are proven by compareParses; the shell parser reads every body the
    // formatter broke into more lines (RUN chains), positions aside.
    if (a.ast.instructions[i].continuations.length === b.ast.instructions[i].continuations.length) continue;
    if (shape(a, i) !== shape(b, i)) return `shell of instruction ${i + 1} (line ${a.ast.instructions[i].startLine + 1})`;
  }
  return undefined;
}
