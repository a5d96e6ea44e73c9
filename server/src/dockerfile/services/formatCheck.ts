// "Means the same to BuildKit": the test the formatter applies to every instruction it rewrites,
// and the tests apply to every corpus file. Two instructions agree when BuildKit's parse of them
// agrees (keyword, flags, arguments, exec/shell form, heredoc bodies), except where a difference
// cannot reach the build: the casing of the keyword and of FROM's `AS`, and, in a POSIX shell body,
// blanks that only separate words.
import type { DockerfileAst, Instruction } from '../parser/ast';
import { isBlank, markLiteralBlanks, type ArgsReader } from './formatWhitespace';

/** Why two parses differ (undefined when they agree). */
export function compareParses(before: DockerfileAst, after: DockerfileAst, shellOf: (ins: Instruction) => ArgsReader): string | undefined {
  if (before.escapeChar !== after.escapeChar) return 'escape character';
  const directives = (ast: DockerfileAst) => ast.directives.map((d) => `${d.name}=${d.value}`).join('\n');
  if (directives(before) !== directives(after)) return 'parser directives';
  const errors = (ast: DockerfileAst) => ast.problems.filter((p) => p.severity === 'error').map((p) => p.code).join(',');
  if (errors(before) !== errors(after)) return `errors: ${errors(before)} -> ${errors(after)}`;
  if (before.instructions.length !== after.instructions.length) return `instruction count ${before.instructions.length} -> ${after.instructions.length}`;
  for (let i = 0; i < before.instructions.length; i++) {
    const a = before.instructions[i];
    if (!sameInstruction(a, after.instructions[i], shellOf(a))) return `instruction ${i + 1} (${a.keyword}, line ${a.startLine + 1})`;
  }
  return undefined;
}

/** True when BuildKit would build `b` exactly as `a`. `shell` says how the body's blanks are read. */
export function sameInstruction(a: Instruction, b: Instruction, shell: ArgsReader): boolean {
  if (a.keyword !== b.keyword || a.known !== b.known || a.form !== b.form) return false;
  if (a.flags.length !== b.flags.length || a.flags.some((f, i) => f.raw !== b.flags[i].raw)) return false;
  if (a.heredocs.length !== b.heredocs.length) return false;
  for (let i = 0; i < a.heredocs.length; i++) {
    const x = a.heredocs[i];
    const y = b.heredocs[i];
    if (x.name !== y.name || x.content !== y.content || x.expand !== y.expand || x.chomp !== y.chomp || x.fileDescriptor !== y.fileDescriptor) return false;
  }
  if (a.inner || b.inner) return !!a.inner && !!b.inner && sameInstruction(a.inner, b.inner, shell);
  if (!a.known) return a.original === b.original;
  // Read once: a parsed instruction makes its words on each read of `args`.
  const aArgs = a.args;
  const bArgs = b.args;
  if (aArgs.length !== bArgs.length) return false;
  const shellBody = a.form === 'shell' && ['RUN', 'CMD', 'ENTRYPOINT', 'HEALTHCHECK'].includes(a.keyword);
  for (let i = 0; i < aArgs.length; i++) {
    const x = aArgs[i].value;
    const y = bArgs[i].value;
    if (x === y) continue;
    if (a.keyword === 'FROM' && i === 1 && x.toLowerCase() === 'as' && y.toLowerCase() === 'as') continue;
    const isBody = shellBody && (a.keyword !== 'HEALTHCHECK' || i === 1);
    if (isBody && shell === 'posix' && sameShellText(x, y)) continue;
    return false;
  }
  return true;
}

/** The shell text with every separating blank run reduced to one space. */
export function normalizeShellBlanks(script: string): string {
  const mask = new Uint8Array(script.length);
  markLiteralBlanks(script, 0, script.length, 'posix', '\\', mask);
  let out = '';
  for (let i = 0; i < script.length; i++) {
    if (isBlank(script.charCodeAt(i)) && !mask[i]) {
      while (i + 1 < script.length && isBlank(script.charCodeAt(i + 1)) && !mask[i + 1]) i++;
      out += ' ';
    } else out += script[i];
  }
  return out.trim();
}

function sameShellText(a: string, b: string): boolean {
  return normalizeShellBlanks(a) === normalizeShellBlanks(b);
}
