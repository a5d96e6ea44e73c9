// Problems that stop a build: the parser's fatal problems, unknown instructions (with a "did you
// mean" fix), and a `# check=` directive BuildKit cannot read.
import type { SourceText } from '../../../../common/sourceText';
import { EMPTY, type Instruction } from '../../../parser/ast';
import { ARITY, EXTRA_FLAGS, flagsFor, instructionKeywords } from '../../../data';
import { instructionRule, type Finding, type Rule } from '../rule';
import { NO_FINDINGS, finding, fix, matchCase, replace, suggest } from './helpers';
import { parseCheckDirective } from '../checkDirective';

const REFERENCE = 'https://docs.docker.com/reference/dockerfile/';

/** The parser's own problems (NoInstructions, InvalidInstruction, UnterminatedHeredoc, ...), reported once here. */
export const syntaxError: Rule = {
  code: 'SyntaxError',
  defaultSeverity: 'error',
  url: REFERENCE,
  description: 'The Dockerfile cannot be parsed the way BuildKit parses it',
  check({ model }) {
    return model.ast.problems.map((p) => ({ ...finding(p, p.message), severity: p.severity, data: { parserCode: p.code } }));
  },
};

export const unknownInstruction: Rule = instructionRule({
  code: 'UnknownInstruction',
  defaultSeverity: 'error',
  url: REFERENCE,
  description: 'Unknown instruction: BuildKit stops the build',
  checkInstruction(ins) {
    const target = ins.inner && !ins.inner.known ? ins.inner : ins.known ? undefined : ins;
    if (!target) return NO_FINDINGS;
    const word = target.keywordText;
    const hint = suggest(word.toUpperCase(), instructionKeywords);
    const replacement = hint && matchCase(hint, word);
    return [finding(target.keywordSpan, `Unknown instruction '${word}'${replacement ? ` (did you mean ${replacement}?)` : ''}`, replacement ? [fix(`Change to ${replacement}`, [replace(target.keywordSpan, replacement)])] : undefined)];
  },
});

export const invalidCheckDirective: Rule = {
  code: 'InvalidCheckDirective',
  defaultSeverity: 'error',
  url: 'https://docs.docker.com/reference/build-checks/',
  description: "The '# check=' directive cannot be read: BuildKit fails the build",
  check({ model }) {
    const directive = model.ast.directives.find((d) => d.name === 'check');
    if (!directive) return NO_FINDINGS;
    const parsed = parseCheckDirective(directive.value);
    if (!parsed.error) {
      const unknown = [...parsed.skip, ...parsed.experimental].filter((c) => c !== 'all' && knownCodes && !knownCodes.has(c));
      return unknown.map((c) => ({ ...finding(directive.valueSpan, `Unknown check '${c}' in the check directive (BuildKit ignores it)`), severity: 'warning' as const }));
    }
    return [finding(directive.valueSpan, `failed to parse check options: ${parsed.error}`)];
  },
};

let knownCodes: Set<string> | undefined;

/** The table registers every code so the directive check can tell a typo from a real rule name. */
export function setKnownCodes(codes: Iterable<string>): void {
  knownCodes = new Set(codes);
}

export const unknownFlag: Rule = instructionRule({
  code: 'UnknownFlag',
  defaultSeverity: 'error',
  url: REFERENCE,
  description: 'A flag the instruction does not take: BuildKit stops the build',
  checkInstruction(outer) {
    // Flags are made on each read (they are packed): each instruction's are read once.
    let out = unknownFlagsOf(outer, undefined);
    if (outer.inner) out = unknownFlagsOf(outer.inner, out);
    return out ?? NO_FINDINGS;
  },
});

/** The flags each instruction takes, by keyword (made once). */
const ALLOWED_FLAGS = new Map<string, string[]>();

/** `out` with the unknown flags of `ins` added (made at the first one). */
function unknownFlagsOf(ins: Instruction, out: Finding[] | undefined): Finding[] | undefined {
  if (!ins.known || ins.keyword === 'ONBUILD') return out;
  const flags = ins.flags;
  // Most instructions have no flag (their list is the shared empty one): nothing to look up.
  if (flags.length === 0) return out;
  let allowed = ALLOWED_FLAGS.get(ins.keyword);
  if (!allowed) ALLOWED_FLAGS.set(ins.keyword, (allowed = [...flagsFor(ins.keyword).map((f) => f.name), ...(EXTRA_FLAGS[ins.keyword] ?? [])]));
  for (const flag of flags) {
    const name = flag.name.toLowerCase();
    if (allowed.includes(name)) continue;
    const hint = allowed.length > 0 ? suggest(name, allowed) : undefined;
    const where = allowed.length === 0 ? `${ins.keyword} takes no flags` : `for ${ins.keyword}`;
    const message = allowed.length === 0 ? `Unknown flag --${flag.name}: ${where}` : `Unknown flag --${flag.name} ${where}${hint ? ` (did you mean --${hint}?)` : ''}`;
    (out ??= []).push(finding(flag.nameSpan, message, hint ? [fix(`Change to --${hint}`, [replace(flag.nameSpan, hint)])] : undefined));
  }
  return out;
}

/** Only ARG may come before the first FROM (BuildKit: "no build stage in current context"). */
export const instructionBeforeFrom: Rule = {
  code: 'InstructionBeforeFrom',
  defaultSeverity: 'error',
  url: REFERENCE + '#from',
  description: 'An instruction other than ARG before the first FROM: BuildKit stops the build',
  hadolint: ['DL3061'],
  check({ model }) {
    const first = model.stages[0]?.from.start ?? Infinity;
    let out: Finding[] | undefined;
    // Only the instructions before the first FROM: every edit runs this, so it stops there.
    for (const i of model.ast.instructionList) {
      if (i.start >= first) break;
      if (i.known && i.keyword !== 'ARG') (out ??= []).push(finding(i.keywordSpan, `${i.keyword} before the first FROM: only ARG may come before FROM (no build stage in current context)`));
    }
    return out ?? NO_FINDINGS;
  },
};

export const invalidArguments: Rule = instructionRule({
  code: 'InvalidArguments',
  defaultSeverity: 'error',
  url: REFERENCE,
  description: 'Missing or malformed arguments (COPY without a destination, FROM with two words, SHELL not in JSON form): BuildKit stops the build',
  // ONBUILD ONBUILD / FROM / MAINTAINER: hadolint's DL3043, a parse error for BuildKit.
  hadolint: ['DL3043'],
  checkInstruction(outer, { model }) {
    let out: Finding[] | undefined;
    const trigger = outer.keyword === 'ONBUILD' ? outer.inner : undefined;
    if (trigger?.keyword === 'ONBUILD') (out ??= []).push(finding(trigger.keywordSpan, 'Chaining ONBUILD via `ONBUILD ONBUILD` isn\'t allowed'));
    else if (trigger?.keyword === 'FROM' || trigger?.keyword === 'MAINTAINER') (out ??= []).push(finding(trigger.keywordSpan, `${trigger.keyword} isn't allowed as an ONBUILD trigger`));
    // Of ONBUILD and the instruction it wraps only the latter is checked (ONBUILD's argument is it);
    // an instruction wrapping one again (`ONBUILD ONBUILD ...`) is not.
    const ins = outer.inner ?? outer;
    if (!ins.known || ins.inner) return out ?? NO_FINDINGS;
    const arity = ARITY[ins.keyword];
    // `args` makes its words on each read: read once, and only where they are counted. A word that
    // starts with a letter, digit, `_`, `/` or `.` is not empty: enough for "at least one".
    if (arity === 'atLeastOne' && startsWithWord(model.ast.source, ins.argsSpan.start)) return out ?? NO_FINDINGS;
    const args = arity !== undefined || ins.keyword === 'FROM' ? ins.args : EMPTY;
    let n = 0;
    for (let k = 0; k < args.length; k++) if (args[k].value !== '') n++;
    if (arity === 'atLeastTwo' && n < 2) (out ??= []).push(finding(headSpanOf(model, ins), `${ins.keyword} requires at least two arguments, but ${n === 0 ? 'none was' : 'only one was'} provided. Destination could not be determined`));
    else if (arity === 'atLeastOne' && n < 1) (out ??= []).push(finding(headSpanOf(model, ins), `${ins.keyword} requires at least one argument`));
    else if (arity === 'exactlyOne' && n !== 1) (out ??= []).push(finding(headSpanOf(model, ins), `${ins.keyword} requires exactly one argument`));
    else if (ins.keyword === 'FROM') {
      if (n !== 1 && n !== 3) (out ??= []).push(finding(headSpanOf(model, ins), 'FROM requires either one or three arguments'));
      else if (n === 3 && args[1].value.toLowerCase() !== 'as') (out ??= []).push(finding(args[1], `FROM with three arguments needs AS as the second one, not '${args[1].value}'`));
    } else if (ins.keyword === 'SHELL' && ins.form !== 'json') {
      const words = ins.argsText.trim().split(/\s+/).filter(Boolean);
      const json = '[' + words.map((w) => JSON.stringify(w)).join(', ') + ']';
      const fixes = words.length > 0 && !/["'\\]/.test(ins.argsText) ? [fix(`Write SHELL ${json}`, [replace(ins.argsSpan, json)])] : undefined;
      (out ??= []).push(finding(headSpanOf(model, ins), 'SHELL requires the arguments to be in JSON form', fixes));
    }
    return out ?? NO_FINDINGS;
  },
});

function startsWithWord(source: SourceText, at: number): boolean {
  const c = source.charCodeAt(at);
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 47 || c === 46;
}

function headSpanOf(model: Parameters<Rule['check']>[0]['model'], ins: { start: number; end: number; keywordSpan: { end: number } }) {
  const lineEnd = model.lines.lineEnd(model.lines.lineOf(ins.start));
  return { start: ins.start, end: Math.max(ins.keywordSpan.end, Math.min(lineEnd, ins.end)) };
}
