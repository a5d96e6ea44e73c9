// Small pieces several rules share: instruction walks, edit distance, word expansion, fixes.
import type { Instruction, Span } from '../../../parser/ast';
import { derivedKey, type DockerfileModel, type Stage } from '../../../parser/model';
import type { Alignment } from '../../../parser/alignment';
import type { Finding, Fix, TextEdit } from '../rule';
import { levenshtein } from '../../../../common/levenshtein';
import { stageFacts, type StageFacts } from '../../stages';

/** Every instruction, with ONBUILD's wrapped instruction after its wrapper. */
export function allInstructions(model: DockerfileModel): Instruction[] {
  const out: Instruction[] = [];
  for (const ins of model.ast.instructions) {
    out.push(ins);
    if (ins.inner) out.push(ins.inner);
  }
  return out;
}

export function flagOf(ins: Instruction, name: string) {
  // A loop without a closure, and a name already written in lower case is not copied.
  const flags = ins.flags;
  for (let i = 0; i < flags.length; i++) {
    const f = flags[i];
    if (f.name === name || f.name.toLowerCase() === name) return f;
  }
  return undefined;
}

export function span(start: number, end: number): Span {
  return { start, end };
}

export function replace(s: Span, newText: string): TextEdit {
  return { start: s.start, end: s.end, newText };
}

export function insert(at: number, newText: string): TextEdit {
  return { start: at, end: at, newText };
}

export function fix(title: string, edits: TextEdit[], preferred = true): Fix {
  return { title, edits, preferred };
}

export function finding(s: Span, message: string, fixes?: Fix[]): Finding {
  return fixes && fixes.length > 0 ? { span: { start: s.start, end: s.end }, message, fixes } : { span: { start: s.start, end: s.end }, message };
}

/** The instruction's first line, from the keyword to the end of that line (a readable highlight). */
export function headSpan(model: DockerfileModel, ins: Instruction): Span {
  const lineEnd = model.lines.lineEnd(model.lines.lineOf(ins.start));
  return { start: ins.start, end: Math.max(ins.keywordSpan.end, Math.min(lineEnd, ins.end)) };
}

/** The closest candidate by edit distance, when close enough to be a likely typo. */
export function suggest(word: string, candidates: Iterable<string>, caseSensitive = true): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  const w = caseSensitive ? word : word.toLowerCase();
  for (const c of candidates) {
    if (c === word) continue;
    const limit = Math.max(1, Math.min(2, Math.floor(Math.max(w.length, c.length) / 3)));
    // The distance is at least the difference in length: skip the table when that is already too far.
    if (Math.abs(w.length - c.length) > limit) continue;
    const d = levenshtein(w, caseSensitive ? c : c.toLowerCase());
    if (d <= limit && d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

/**
 * Expands `$A`, `${A}`, `${A:-x}`, `${A-x}`, `${A:+x}`, `${A+x}` with `values` (undefined = unset).
 * Enough for FROM lines; other modifiers leave the value as is.
 */
export function expandWord(text: string, values: (name: string) => string | undefined): string {
  return text.replace(/\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+?])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g, (_m, braced: string | undefined, mod: string | undefined, word: string | undefined, bare: string | undefined) => {
    const name = braced ?? bare ?? '';
    const value = values(name);
    if (!mod) return value ?? '';
    const colon = mod.startsWith(':');
    const unset = value === undefined || (colon && value === '');
    if (mod.endsWith('-')) return unset ? word ?? '' : value ?? '';
    if (mod.endsWith('+')) return unset ? '' : word ?? '';
    return value ?? '';
  });
}

const SHIPPING = derivedKey<ReadonlySet<number>>('shippingStages');

/** The stages whose layers end up in the final image: the last stage and the stages it is built FROM, in turn (once per model). */
export function shippingStages(model: DockerfileModel): ReadonlySet<number> {
  return model.derived(SHIPPING, findShippingStages);
}

/** (One function for every call: an arrow here would be a new closure per call.) */
function findShippingStages(m: DockerfileModel): ReadonlySet<number> {
  const out = new Set<number>();
  const last = m.stages[m.stages.length - 1];
  for (let f: StageFacts | undefined = last && stageFacts(m, last); f; f = f.base) out.add(f.stage.index);
  return out;
}

/**
 * Gives `model` the previous version's shipping stages when none of them is in the edit's stage
 * window [lo, hi) and every other stage is the same (ruleCache.ts: carriedWindow): the last stage and
 * its base chain are then the same stages, unless a rename (`names`) or an edit of the global ARGs
 * (`args`) gave one of them another base.
 * Call it before anything reads them.
 */
export function carryShippingStages(previous: DockerfileModel, model: DockerfileModel, window: { lo: number; hi: number; shift?: number; names?: ReadonlySet<string>; args?: unknown }): void {
  // Stages added or removed: the indexes are not the same (made again: a walk down the last stage's bases).
  if (window.shift) return;
  const ship = shippingStages(previous);
  for (const k of ship) if (k >= window.lo && k < window.hi) return;
  // A rename, or a global ARG a `FROM ${NAME}` expands to a stage name with, may give a stage another base.
  if ((window.names && window.names.size > 0) || window.args) for (const k of ship) if (model.stages[k].baseStage !== previous.stages[k].baseStage) return;
  model.derived(SHIPPING, () => ship);
}

const STAGE_NAMES = derivedKey<string>('stageNamesKey');

/**
 * Every stage's name and whether it has instructions, in order (the count included): what rules
 * that resolve `--from=<stage>` or a FROM name read of the other stages. When it changes with stages
 * added or removed, every stage's rules run again; a rename alone re-runs the stages that read the
 * names concerned (ruleCache.ts, stageNameRefs.ts).
 */
export function stageNamesKey(model: DockerfileModel): string {
  return model.derived(STAGE_NAMES, (m) => m.stages.map(nameShare).join(','));
}

/** A stage's share of the stage-names key: its name and whether it has instructions (rules read both). */
export const nameShare = (s: Stage) => `${s.name?.toLowerCase() ?? ''}${s.instructionCount > 0 ? '+' : '-'}`;

/**
 * Gives `model` the previous version's stage-names key when the stages the edit touched (from the
 * one holding the instruction before the re-parsed ones to the one holding the first instruction
 * after them) read as before and no stage was added or removed. Call it before anything reads the key.
 */
export function carryStageNamesKey(previous: DockerfileModel, model: DockerfileModel, a: Alignment): void {
  const count = model.stages.length;
  if (count === 0 || previous.stages.length !== count) return;
  const list = model.ast.instructionList;
  const stageOf = (i: number) => (i < 0 ? 0 : i >= list.length ? count - 1 : (model.stageAt(list.at(i).start)?.index ?? 0));
  const first = stageOf(a.prefix - 1);
  const last = stageOf(list.length - a.suffix);
  for (let k = first; k <= last; k++) if (nameShare(model.stages[k]) !== nameShare(previous.stages[k])) return;
  const key = stageNamesKey(previous);
  model.derived(STAGE_NAMES, () => key);
}

/** Keeps a replacement word in the writer's case style: `copy` for `cpy`, `COPY` for `CPY`. */
export function matchCase(word: string, like: string): string {
  return like === like.toLowerCase() ? word.toLowerCase() : word.toUpperCase();
}

/** hadolint's page for a rule we share the idea of (our wording, their explanation). */
export function hadolintWiki(code: string): string {
  return `https://github.com/hadolint/hadolint/wiki/${code}`;
}

/** Docker's own best-practice guide, for rules hadolint has no page for. */
export const BEST_PRACTICES = 'https://docs.docker.com/build/building/best-practices/';

const QUOTING = /['"\\]/;

/** Removes shell quoting from a word the way BuildKit does for ARG/ENV values (`"a b"` → `a b`). */
export function unquote(word: string): string {
  // Most words have nothing to remove: the word itself, not a copy built a character at a time.
  if (!QUOTING.test(word)) return word;
  let out = '';
  for (let i = 0; i < word.length; i++) {
    const c = word[i];
    if (c === "'") {
      const close = word.indexOf("'", i + 1);
      if (close < 0) return out + word.slice(i + 1);
      out += word.slice(i + 1, close);
      i = close;
    } else if (c === '"') {
      let j = i + 1;
      while (j < word.length && word[j] !== '"') {
        if (word[j] === '\\' && j + 1 < word.length) j++;
        out += word[j];
        j++;
      }
      i = j;
    } else if (c === '\\' && i + 1 < word.length) out += word[++i];
    else out += c;
  }
  return out;
}

/** An argument as the instruction receives it: JSON values as parsed, shell-form words unquoted (`ADD "x.tgz"` → x.tgz). */
export function argValue(ins: Instruction, arg: { value: string }): string {
  return ins.form === 'json' ? arg.value : unquote(arg.value);
}

/** The `#` comment lines directly above an instruction (a blank line ends the block), top to bottom. */
export function commentBlockAbove(model: DockerfileModel, ins: Instruction): string[] {
  const out: string[] = [];
  for (let line = model.lines.lineOf(ins.start) - 1; line >= 0; line--) {
    const text = model.lines.lineText(line).trim();
    if (!text.startsWith('#')) break;
    out.unshift(text.slice(1).trim());
  }
  return out;
}

/**
 * What a rule returns when it finds nothing: one frozen list for every such call (an open of a large
 * file calls the instruction rules tens of thousands of times, nearly always for nothing).
 */
export const NO_FINDINGS: Finding[] = Object.freeze([]) as unknown as Finding[];

/** Whether `ins`, or the instruction ONBUILD wraps in it, is one of `keywords` (rules about a few keywords leave the others at once). */
export function hasKeyword(ins: Instruction, keyword: string, other?: string): boolean {
  const k = ins.keyword;
  if (k === keyword || k === other) return true;
  const inner = ins.inner?.keyword;
  return inner !== undefined && (inner === keyword || inner === other);
}

/** A top-level instruction and, for ONBUILD, the instruction it wraps (the order `allInstructions` visits them). */
export function withInner(ins: Instruction): Instruction[] {
  return ins.inner ? [ins, ins.inner] : [ins];
}
