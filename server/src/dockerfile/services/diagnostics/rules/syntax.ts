// Problems that stop a build: the parser's fatal problems, unknown instructions (with a "did you
// mean" fix), and a `# check=` directive BuildKit cannot read.
import { flagsFor, instructionKeywords } from '../../../data';
import type { Finding, Rule } from '../rule';
import { allInstructions, finding, fix, matchCase, replace, suggest } from './helpers';
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

export const unknownInstruction: Rule = {
  code: 'UnknownInstruction',
  defaultSeverity: 'error',
  url: REFERENCE,
  description: 'Unknown instruction: BuildKit stops the build',
  check({ model }) {
    const out: Finding[] = [];
    for (const ins of model.ast.instructions) {
      const target = ins.inner && !ins.inner.known ? ins.inner : ins.known ? undefined : ins;
      if (!target) continue;
      const word = target.keywordText;
      const hint = suggest(word.toUpperCase(), instructionKeywords);
      const replacement = hint && matchCase(hint, word);
      out.push(finding(target.keywordSpan, `Unknown instruction '${word}'${replacement ? ` (did you mean ${replacement}?)` : ''}`, replacement ? [fix(`Change to ${replacement}`, [replace(target.keywordSpan, replacement)])] : undefined));
    }
    return out;
  },
};

export const invalidCheckDirective: Rule = {
  code: 'InvalidCheckDirective',
  defaultSeverity: 'error',
  url: 'https://docs.docker.com/reference/build-checks/',
  description: 'The `# check=` directive cannot be read: BuildKit fails the build',
  check({ model }) {
    const directive = model.ast.directives.find((d) => d.name === 'check');
    if (!directive) return [];
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

/** Flags BuildKit accepts that the knowledge table does not document yet (newer or labs syntax). */
const EXTRA_FLAGS: Record<string, string[]> = { ADD: ['unpack'], RUN: ['device'] };

export const unknownFlag: Rule = {
  code: 'UnknownFlag',
  defaultSeverity: 'error',
  url: REFERENCE,
  description: 'A flag the instruction does not take: BuildKit stops the build',
  check({ model }) {
    const out: Finding[] = [];
    for (const ins of allInstructions(model)) {
      if (!ins.known || ins.keyword === 'ONBUILD') continue;
      const allowed = [...flagsFor(ins.keyword).map((f) => f.name), ...(EXTRA_FLAGS[ins.keyword] ?? [])];
      for (const flag of ins.flags) {
        const name = flag.name.toLowerCase();
        if (allowed.includes(name)) continue;
        const hint = allowed.length > 0 ? suggest(name, allowed) : undefined;
        const where = allowed.length === 0 ? `${ins.keyword} takes no flags` : `for ${ins.keyword}`;
        const message = allowed.length === 0 ? `Unknown flag --${flag.name}: ${where}` : `Unknown flag --${flag.name} ${where}${hint ? ` (did you mean --${hint}?)` : ''}`;
        out.push(finding(flag.nameSpan, message, hint ? [fix(`Change to --${hint}`, [replace(flag.nameSpan, hint)])] : undefined));
      }
    }
    return out;
  },
};

/** Only ARG may come before the first FROM (BuildKit: "no build stage in current context"). */
export const instructionBeforeFrom: Rule = {
  code: 'InstructionBeforeFrom',
  defaultSeverity: 'error',
  url: REFERENCE + '#from',
  description: 'An instruction other than ARG before the first FROM: BuildKit stops the build',
  check({ model }) {
    const first = model.stages[0]?.from.start ?? Infinity;
    return model.ast.instructions
      .filter((i) => i.start < first && i.known && i.keyword !== 'ARG')
      .map((i) => finding(i.keywordSpan, `${i.keyword} before the first FROM: only ARG may come before FROM (no build stage in current context)`));
  },
};
