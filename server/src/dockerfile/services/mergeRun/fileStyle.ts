// How the file writes continuations, so that a merged RUN looks like the rest of it: line endings,
// the indentation of continuation lines, and whether `&&` starts or ends them.
import type { SourceText } from '../../../common/sourceText';
import type { Instruction } from '../../parser/ast';
import type { Alignment } from '../../parser/alignment';
import { derivedKey, type DockerfileModel } from '../../parser/model';
import { fileSum, type FileSum } from '../../parser/fileSum';

interface FileStyle {
  eol: string;
  indent: string;
  /** `&&` at the start of continuation lines rather than at the end of the previous one. */
  leadingOperator: boolean;
}

interface StyleCounts {
  indents: Map<string, number>;
  leading: number;
  trailing: number;
  /** Carried from the previous version (fileSum.ts): the indents are no longer in the order the file shows them. */
  carried: boolean;
}

const emptyCounts = (): StyleCounts => ({ indents: new Map(), leading: 0, trailing: 0, carried: false });

/** JavaScript's `\s`: the white space and line terminators of ECMAScript. */
function isSpace(c: number): boolean {
  if (c === 32 || (c >= 9 && c <= 13)) return true;
  if (c < 160) return false;
  return c === 160 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** `&&` or `||` in the two characters before `at`. */
function operatorBefore(text: SourceText, at: number): boolean {
  const c = text.charCodeAt(at - 1);
  return (c === 38 || c === 124) && text.charCodeAt(at - 2) === c;
}

/** Indents of up to 16 spaces, made once (most continuation lines are indented with spaces). */
const SPACES = Array.from({ length: 17 }, (_, n) => ' '.repeat(n));

/**
 * Adds (or takes out, `sign` -1) how one instruction writes its continuation lines. Read in place
 * (no copy of each line): an indented line that is not blank or a comment counts its indent, and
 * whether it starts with `&&`/`||`; a line ending with `&&`/`||` before its continuation counts too.
 */
function addStyle(counts: StyleCounts, model: DockerfileModel, ins: Instruction, sign: 1 | -1): void {
  if (ins.endLine === ins.startLine || ins.continuations.length === 0) return;
  const text = model.ast.source;
  const lines = model.lines;
  const lineCount = lines.lineCount;
  for (let line = ins.startLine; line <= ins.endLine; line++) {
    if (line < 0 || line >= lineCount) continue;
    const start = lines.lineStart(line);
    const end = lines.lineEnd(line);
    let first = start;
    while (first < end && isSpace(text.charCodeAt(first))) first++;
    if (first === end) continue;
    if (line > ins.startLine && text.charCodeAt(first) !== 35) {
      let blanks = start;
      let spacesOnly = true;
      for (;;) {
        const c = text.charCodeAt(blanks);
        if (c === 32) blanks++;
        else if (c === 9) {
          blanks++;
          spacesOnly = false;
        } else break;
      }
      const n = blanks - start;
      if (n > 0) {
        const indent = spacesOnly && n < SPACES.length ? SPACES[n] : text.slice(start, blanks);
        counts.indents.set(indent, (counts.indents.get(indent) ?? 0) + sign);
      }
      if (operatorBefore(text, first + 2)) counts.leading += sign;
    }
    let last = end - 1;
    while (isSpace(text.charCodeAt(last))) last--;
    const c = text.charCodeAt(last);
    if (c === 92 || c === 96) {
      let before = last;
      while (before > start && isSpace(text.charCodeAt(before - 1))) before--;
      if (before - 2 >= start && operatorBefore(text, before)) counts.trailing += sign;
    }
  }
}

function countStyle(model: DockerfileModel, instructions: readonly Instruction[]): StyleCounts {
  const counts = emptyCounts();
  for (const ins of instructions) addStyle(counts, model, ins, 1);
  return counts;
}

/** Per model, how many CRLF line endings the text has (carried across edits: see carryLineEndings). */
const CRLF_COUNT = derivedKey<number>('crlfCount');

function crlfCount(model: DockerfileModel): number {
  return model.derived(CRLF_COUNT, (m) => {
    const text = m.ast.source;
    let n = 0;
    for (let i = text.indexOf('\r\n'); i >= 0; i = text.indexOf('\r\n', i + 2)) n++;
    return n;
  });
}

/** The CRLF pairs whose CR is at an index in [from, to) (a short stretch: read character by character). */
function countCrlf(text: SourceText, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === 13 && text.charCodeAt(i + 1) === 10) n++;
  return n;
}

function lineEnding(model: DockerfileModel): string {
  return crlfCount(model) > 0 ? '\r\n' : '\n';
}

/**
 * Gives `model` its CRLF count from the previous version's without reading the whole text: the text
 * before the aligned prefix's last instruction ends is the same in both, and so is the text from
 * the first instruction of the aligned suffix on (when what follows the last instruction is too);
 * only the part between is counted in each. Call it before anything reads the line ending.
 */
export function carryLineEndings(previous: DockerfileModel, model: DockerfileModel, a: Alignment): void {
  const total = crlfCount(previous);
  const old = previous.ast;
  const now = model.ast;
  const lastEnd = (ast: typeof old) => ast.instructionList.at(ast.instructionList.length - 1).end;
  const tailSame = a.suffix > 0 && sameTail(old.source, lastEnd(old), now.source, lastEnd(now));
  const changed = (ast: typeof old) => {
    const list = ast.instructionList;
    const from = a.prefix > 0 ? list.at(a.prefix - 1).end - 1 : 0;
    const to = tailSame ? list.at(list.length - a.suffix).start : ast.source.length;
    return countCrlf(ast.source, Math.max(0, from), to);
  };
  const count = total - changed(old) + changed(now);
  model.derived(CRLF_COUNT, () => count);
}

/** The texts after `x` and `y` are equal (what follows the last instruction: usually a line break or nothing). */
function sameTail(a: SourceText, x: number, b: SourceText, y: number): boolean {
  return a.length - x === b.length - y && a.slice(x) === b.slice(y);
}

/** The whole file's counts, once per model (every merge of the file asks for them), carried across edits. */
export const FILE_STYLE: FileSum<StyleCounts> = {
  key: derivedKey<StyleCounts>('continuationStyleCounts'),
  empty: emptyCounts,
  copy: (c) => ({ indents: new Map(c.indents), leading: c.leading, trailing: c.trailing, carried: true }),
  add: addStyle,
};

const IN_FILE_ORDER = derivedKey<StyleCounts>('continuationStyleInOrder');

/** The file's most common continuation indent; equal counts go to the one the file shows first. */
function fileIndent(model: DockerfileModel): string | undefined {
  const file = fileSum(model, FILE_STYLE);
  const best = mostCommon(file.indents);
  if (!file.carried || best === undefined || !tied(file.indents, best)) return best;
  // A carried total does not know which came first: count the file again (only on a tie).
  return mostCommon(model.derived(IN_FILE_ORDER, (m) => countStyle(m, m.ast.instructions)).indents);
}

function tied(indents: Map<string, number>, best: string): boolean {
  const top = indents.get(best);
  for (const [candidate, n] of indents) if (n === top && candidate !== best) return true;
  return false;
}

function mostCommon(indents: Map<string, number>): string | undefined {
  let best: string | undefined;
  let count = 0;
  for (const [candidate, n] of indents) {
    if (n > count) {
      best = candidate;
      count = n;
    }
  }
  return best;
}

/**
 * How continuations are written: the RUNs being merged decide when they have continuation lines
 * of their own, else the rest of the file, else four spaces and `&&` at the end of the line.
 */
export function continuationStyle(model: DockerfileModel, runs: readonly Instruction[] = []): FileStyle {
  const eol = lineEnding(model);
  const local = countStyle(model, runs);
  const file = fileSum(model, FILE_STYLE);
  const indent = mostCommon(local.indents) ?? fileIndent(model) ?? '    ';
  const decided = local.leading + local.trailing > 0 ? local : file;
  return { eol, indent, leadingOperator: decided.leading > decided.trailing };
}

/**
 * What a merge takes from the whole file (line ending, most common indentation, where `&&` goes):
 * merge fixes kept per stage are valid only while this stays the same.
 */
export function fileStyleKey(model: DockerfileModel): string {
  const file = fileSum(model, FILE_STYLE);
  return `${JSON.stringify(lineEnding(model))}|${fileIndent(model) ?? ''}|${file.leading > file.trailing}`;
}
