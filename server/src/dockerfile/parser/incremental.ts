// Incremental re-parse: after an edit, only the lines from the end of the last instruction before
// the edit to the start of an unchanged instruction after it are parsed again; the instructions
// before the window are kept as they are (same objects, so what is cached against them stays
// valid), the window's are spliced in, and the ones after it are copied with their offsets and
// line numbers moved. The result equals a full parse of the new text (a corpus property test holds
// it to that); whenever the window cannot be trusted to end at an instruction boundary, or the edit
// touches what every line depends on (parser directives, lone `\r` line breaks), it is a full parse.
import { listOrEmpty, type Comment, type DockerfileAst, type Heredoc, type Instruction, type ParseProblem, type Span, type TopLevel } from './ast';
import { parseDockerfile, parseWindow, tileItems } from './parser';
import { LineIndex } from '../../common/lineIndex';

export interface TextEdit {
  /** Offsets in the old text; `end` exclusive. */
  start: number;
  end: number;
  text: string;
}

const LONE_CR = /\r(?!\n)/;
/** Trees this module made: their text has no lone `\r` (the old one had none, the edit added none). */
const withoutLoneCr = new WeakSet<DockerfileAst>();

/** The syntax tree of the old text with `edits` applied in order (each against the text before it). */
export function reparse(old: DockerfileAst, edits: readonly TextEdit[]): DockerfileAst {
  let ast = old;
  for (const edit of edits) ast = reparseOne(ast, edit);
  return ast;
}

function reparseOne(old: DockerfileAst, edit: TextEdit): DockerfileAst {
  const text = old.text.slice(0, edit.start) + edit.text + old.text.slice(edit.end);
  if (edit.start === edit.end && edit.text === '') return old;
  // A `\r` next to the edit could make or break a `\r\n`; lone `\r`s move BuildKit's lines off the client's.
  if (edit.text.includes('\r') || old.text[edit.start - 1] === '\r' || old.text[edit.end] === '\r' || (!withoutLoneCr.has(old) && LONE_CR.test(old.text))) return parseDockerfile(text);
  const delta = edit.text.length - (edit.end - edit.start);
  const lines = new LineIndex(old.text, old.lineStarts);
  const startLine = lines.lineOf(edit.start);
  const endLine = lines.lineOf(edit.end);
  const ins = old.instructions;
  // p: the last instruction ending on a line before the edit. Without one, the edit may touch
  // the parser directives: parse it all.
  let p = lastIndex(ins, (i) => i.endLine < startLine);
  // The file's last instruction may have ended only because the text did (a continuation or an
  // open heredoc at the end): what follows it can still join it.
  if (p === ins.length - 1) p--;
  if (p < 0) return parseDockerfile(text);
  const windowLine = ins[p].endLine + 1;
  const windowStart = old.lineStarts[windowLine];
  // q: an instruction after the edit with another unchanged one (r) between: r ends the window's
  // last instruction, so q's PrevComment lines lie after the window's last instruction.
  let q = firstIndex(ins, (i) => i.startLine > endLine, p + 1);
  if (q >= 0) q = q + 1 < ins.length ? q + 1 : -1;
  for (;;) {
    const oldEnd = q >= 0 ? old.lineStarts[ins[q].startLine] : old.text.length;
    const windowEnd = oldEnd + delta;
    const win = parseWindow(text.slice(windowStart, windowEnd), old.escapeChar);
    if (q >= 0 && win.open) {
      // The window's last instruction runs on into q: widen the window by one instruction.
      q = q + 1 < ins.length ? q + 1 : -1;
      continue;
    }
    const ast = splice(old, text, edit, delta, { p, q, windowStart, windowLine, oldEnd, win });
    withoutLoneCr.add(ast);
    return ast;
  }
}

interface Window {
  p: number;
  q: number;
  windowStart: number;
  windowLine: number;
  /** Where the kept tail starts in the old text (old.text.length when there is none). */
  oldEnd: number;
  win: ReturnType<typeof parseWindow>;
}

function splice(old: DockerfileAst, text: string, edit: TextEdit, delta: number, w: Window): DockerfileAst {
  const { windowStart, windowLine, oldEnd, win } = w;
  const lineStarts = spliceLines(old.lineStarts, text, edit, delta);
  const lineDelta = lineStarts.length - old.lineStarts.length;
  const tailMover = new Mover(delta, lineDelta);
  const windowMover = new Mover(windowStart, windowLine);
  const head = <T extends Span>(list: readonly T[]) => list.filter((x) => x.start < windowStart);
  const after = <T extends Span>(list: readonly T[]) => list.filter((x) => x.start >= oldEnd);

  const instructions: Instruction[] = [...old.instructions.slice(0, w.p + 1), ...win.ast.instructions.map((i) => windowMover.instruction(i))];
  if (w.q >= 0) {
    const rest = old.instructions.slice(w.q).map((i) => tailMover.instruction(i));
    // q's PrevComment: the comment lines the window ended with.
    if (!sameStrings(rest[0].prevComments, win.trailingComments)) rest[0] = { ...rest[0], prevComments: listOrEmpty(win.trailingComments) };
    instructions.push(...rest);
  }
  const comments = [...head(old.comments), ...win.ast.comments.map((c) => windowMover.comment(c)), ...after(old.comments).map((c) => tailMover.comment(c))];
  const problems: ParseProblem[] = [...head(old.problems), ...win.ast.problems.map((p) => windowMover.problem(p)), ...after(old.problems).map((p) => tailMover.problem(p))];
  const topComments = [
    ...head(old.items.filter(isComment)),
    ...win.ast.items.filter(isComment).map((c) => windowMover.comment(c)),
    ...after(old.items.filter(isComment)).map((c) => tailMover.comment(c)),
  ];
  const items = tileItems(text.length, [...old.directives, ...topComments, ...instructions]);
  return { text, escapeChar: old.escapeChar, directives: old.directives, instructions, comments, items, problems, lineStarts };
}

function isComment(item: TopLevel): item is Comment {
  return item.kind === 'comment';
}

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** The line starts of the new text: unchanged before the edit, scanned in it, moved after it. */
function spliceLines(old: readonly number[], text: string, edit: TextEdit, delta: number): number[] {
  const out: number[] = [];
  let i = 0;
  while (i < old.length && old[i] <= edit.start) out.push(old[i++]);
  const to = edit.start + edit.text.length;
  for (let at = edit.start; at < to; at++) if (text.charCodeAt(at) === 10) out.push(at + 1);
  while (i < old.length && old[i] <= edit.end) i++;
  for (; i < old.length; i++) out.push(old[i] + delta);
  return out;
}

/** Moves nodes by `by` characters and `lines` lines, copying each (old trees stay valid). */
class Mover {
  /** Nodes the parser shares between lists (a comment in `comments`, `items` and its instruction). */
  private readonly memo = new Map<object, unknown>();

  constructor(
    private readonly by: number,
    private readonly lines: number,
  ) {}

  span<T extends Span>(s: T): T {
    return { ...s, start: s.start + this.by, end: s.end + this.by };
  }

  spans<T extends Span>(list: T[]): T[] {
    return list.length === 0 ? list : list.map((s) => this.span(s));
  }

  comment(c: Comment): Comment {
    const seen = this.memo.get(c) as Comment | undefined;
    if (seen) return seen;
    const copy = { ...c, start: c.start + this.by, end: c.end + this.by, line: c.line + this.lines };
    this.memo.set(c, copy);
    return copy;
  }

  problem(p: ParseProblem): ParseProblem {
    return this.span(p);
  }

  instruction(ins: Instruction): Instruction {
    const heredocs = ins.heredocs.length === 0 ? ins.heredocs : ins.heredocs.map((h) => this.heredoc(h));
    const copy: Instruction = {
      ...ins,
      start: ins.start + this.by,
      end: ins.end + this.by,
      keywordSpan: this.span(ins.keywordSpan),
      flags: ins.flags.length === 0 ? ins.flags : ins.flags.map((f) => ({ ...this.span(f), nameSpan: this.span(f.nameSpan), valueSpan: f.valueSpan && this.span(f.valueSpan) })),
      argsSpan: this.span(ins.argsSpan),
      args: this.spans(ins.args),
      keyValues: ins.keyValues.length === 0 ? ins.keyValues : ins.keyValues.map((kv) => ({ ...this.span(kv), key: this.span(kv.key), value: kv.value && this.span(kv.value) })),
      heredocs,
      comments: ins.comments.length === 0 ? ins.comments : ins.comments.map((c) => this.comment(c)),
      emptyContinuationLines: this.spans(ins.emptyContinuationLines),
      continuations: this.spans(ins.continuations),
      variables: ins.variables.length === 0 ? ins.variables : ins.variables.map((v) => ({ ...this.span(v), nameSpan: this.span(v.nameSpan) })),
      startLine: ins.startLine + this.lines,
      endLine: ins.endLine + this.lines,
    };
    if (ins.inner) {
      copy.inner = this.instruction(ins.inner);
      // ONBUILD's instruction shares its heredocs with the outer one.
      if (ins.inner.heredocs === ins.heredocs) copy.inner.heredocs = heredocs;
    }
    return copy;
  }

  private heredoc(h: Heredoc): Heredoc {
    return { ...this.span(h), marker: this.span(h.marker), body: this.span(h.body), terminator: h.terminator && this.span(h.terminator) };
  }
}

function lastIndex<T>(list: readonly T[], ok: (x: T) => boolean): number {
  // Instructions are in file order and `ok` is monotone (true, then false): binary search.
  let lo = -1;
  let hi = list.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (ok(list[mid])) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function firstIndex<T>(list: readonly T[], ok: (x: T) => boolean, from: number): number {
  let lo = from;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ok(list[mid])) hi = mid;
    else lo = mid + 1;
  }
  return lo < list.length ? lo : -1;
}
