// HEALTHCHECK written with the Compose / image-config spelling: `HEALTHCHECK CMD ["CMD-SHELL", "curl …"]`.
// In a Dockerfile the JSON form is already the command: BuildKit stores it as ["CMD", "CMD-SHELL",
// "curl …"] (instructions/parse.go puts "CMD" in front of a JSON form, "CMD-SHELL" in front of a
// shell form), so the daemon tries to run a program named CMD-SHELL and every probe fails. The same
// holds for a list that starts with "CMD". The fix writes what was meant: the shell form for
// CMD-SHELL, the list without "CMD" for CMD.
import type { SourceText } from '../../../../common/sourceText';
import type { Instruction, Word } from '../../../parser/ast';
import { type Finding, type Rule, instructionRule } from '../rule';
import { hasKeyword, NO_FINDINGS, finding, fix, withInner } from './helpers';

const DOCS = 'https://docs.docker.com/reference/dockerfile/#healthcheck';

/** The script as a shell-form line, or undefined when a single line cannot say it the same way. */
function asShellForm(script: string, escapeChar: string): string | undefined {
  const line = script.trim();
  if (line === '' || /[\r\n]/.test(line) || line.endsWith(escapeChar)) return undefined;
  // A line that reads as a JSON list would be taken for the exec form again.
  if (line.startsWith('[')) {
    try {
      if (Array.isArray(JSON.parse(line))) return undefined;
    } catch {
      // not JSON: BuildKit takes it as the shell form
    }
  }
  return line;
}

function check(ins: Instruction, text: SourceText, escapeChar: string): Finding | undefined {
  if (ins.keyword !== 'HEALTHCHECK' || ins.form !== 'json') return undefined;
  const [type, first, ...rest] = ins.args;
  if (type?.value.toUpperCase() !== 'CMD' || !first) return undefined;
  const name = first.value.toUpperCase();
  if (name !== 'CMD-SHELL' && name !== 'CMD') return undefined;
  const open = text.lastIndexOf('[', first.start);
  const last: Word = rest.length > 0 ? rest[rest.length - 1] : first;
  const close = text.indexOf(']', last.end);
  if (name === 'CMD-SHELL') {
    const line = rest.length === 1 ? asShellForm(rest[0].value, escapeChar) : undefined;
    const fixes = line !== undefined && open >= 0 && close >= 0 ? [fix('Write it as HEALTHCHECK CMD <script> (shell form)', [{ start: open, end: close + 1, newText: line }])] : undefined;
    return finding(
      first,
      `HEALTHCHECK CMD ["${first.value}", …] runs a program named ${first.value}: in a Dockerfile the JSON form is the command itself, so every check fails and the container never becomes healthy. CMD-SHELL is the Compose and image-config spelling; in a Dockerfile write the shell form, HEALTHCHECK CMD <script>`,
      fixes,
    );
  }
  const fixes = rest.length > 0 ? [fix('Remove "CMD" from the list', [{ start: first.start, end: rest[0].start, newText: '' }])] : undefined;
  return finding(
    first,
    `HEALTHCHECK CMD ["${first.value}", …] runs a program named ${first.value}: in a Dockerfile the JSON form is the command itself, so every check fails and the container never becomes healthy. ["CMD", …] is the Compose and image-config spelling; in a Dockerfile list only the program and its arguments`,
    fixes,
  );
}

export const healthcheckComposeSpelling: Rule = instructionRule({
  code: 'HealthcheckComposeSpelling',
  defaultSeverity: 'error',
  url: DOCS,
  description: 'HEALTHCHECK CMD ["CMD-SHELL", …] or ["CMD", …] in a Dockerfile runs a program of that name, so the check always fails',
  keywords: ['HEALTHCHECK'],
  checkInstruction(outer, { model }) {
    if (!hasKeyword(outer, 'HEALTHCHECK')) return NO_FINDINGS;
    let out: Finding[] | undefined;
    for (const ins of withInner(outer)) {
      const found = check(ins, model.ast.source, model.ast.escapeChar);
      if (found) (out ??= []).push(found);
    }
    return out ?? NO_FINDINGS;
  },
});
