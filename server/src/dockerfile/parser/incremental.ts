// Incremental re-parse: after an edit, only the lines from the end of the last instruction before
// the edit to the start of an unchanged instruction after it are parsed again; the instructions
// before the window are kept as they are (same objects, so what is cached against them stays
// valid), the window's are spliced in, and the ones after it are moved by their list
// (parser/nodeList.ts: two numbers per part of a few hundred instructions; each instruction is made
// in the new offsets only when read), as are the comment lines. The result equals a full parse of the new text (a corpus property test holds
// it to that); whenever the window cannot be trusted to end at an instruction boundary, or the edit
// touches what every line depends on (parser directives, lone `\r` line breaks), it is a full parse.
import { listOrEmpty, type Comment, type DockerfileAst, type Instruction, type ParseProblem, type Span } from './ast';
import { moveComment, type InstructionNode } from './instructionNode';
import { makeTree, parseDockerfile, parseWindow } from './parser';
import { noteKnownRuns } from './alignment';
import type { NodeList, ShiftedList } from './nodeList';
import { ChunkedText } from '../../common/chunkedText';
import { flatText, type SourceText } from '../../common/sourceText';

export interface TextEdit {
  /** Offsets in the old text; `end` exclusive. */
  start: number;
  end: number;
  text: string;
}

const LONE_CR = /\r(?!\n)/;
/** Trees this module made: their text has no lone `\r` (the old one had none, the edit added none). */
const withoutLoneCr = new WeakSet<DockerfileAst>();

/**
 * The syntax tree of the old text with `edits` applied in order (each against the text before it).
 * `result`, when the caller already holds the text the edits produce (an editor's document), becomes
 * the new tree's source once it is checked to be that text: a large file's text is then not built and
 * flattened a second time on every keystroke. A chunked result (common/chunkedText.ts) is never
 * joined here: the re-parse reads the window around the edit out of it.
 */
export function reparse(old: DockerfileAst, edits: readonly TextEdit[], result?: SourceText): DockerfileAst {
  let ast = old;
  edits.forEach((edit, i) => (ast = reparseOne(ast, edit, i === edits.length - 1 ? result : undefined)));
  return ast;
}

/**
 * Whether `text` is `old` with `edit` applied. Comparing slices of flat strings costs no copy; a
 * chunked text is checked where the edit is and by its length (comparing all of it would join it).
 */
function isEdited(old: SourceText, edit: TextEdit, text: SourceText): boolean {
  const tail = old.length - edit.end;
  if (typeof old !== 'string' || typeof text !== 'string') {
    return text.length === edit.start + edit.text.length + tail && text.slice(edit.start, edit.start + edit.text.length) === edit.text && text.slice(edit.start - 1, edit.start) === old.slice(edit.start - 1, edit.start) && text.slice(text.length - tail, text.length - tail + 1) === old.slice(edit.end, edit.end + 1);
  }
  return (
    text.length === edit.start + edit.text.length + tail &&
    text.slice(0, edit.start) === old.slice(0, edit.start) &&
    text.slice(edit.start, edit.start + edit.text.length) === edit.text &&
    text.slice(text.length - tail) === old.slice(edit.end)
  );
}

/** `source` with `edit` applied: a chunked text edits its chunks; a string is joined pieces (V8 copies them into one flat string only when, and if, it is read). */
function applied(source: SourceText, edit: TextEdit): SourceText {
  if (source instanceof ChunkedText) return source.edited(edit.start, edit.end, edit.text);
  return source.slice(0, edit.start) + edit.text + source.slice(edit.end);
}

function reparseOne(old: DockerfileAst, edit: TextEdit, result?: SourceText): DockerfileAst {
  const source = old.source;
  const text = result !== undefined && isEdited(source, edit, result) ? result : applied(source, edit);
  if (edit.start === edit.end && edit.text === '') return old;
  // A `\r` next to the edit could make or break a `\r\n`; lone `\r`s move BuildKit's lines off the client's.
  if (edit.text.includes('\r') || source.charCodeAt(edit.start - 1) === 13 || source.charCodeAt(edit.end) === 13 || (!withoutLoneCr.has(old) && LONE_CR.test(old.text))) return parseDockerfile(flatText(text), text);
  const delta = edit.text.length - (edit.end - edit.start);
  const lines = old.lineTable;
  const startLine = lines.lineOf(edit.start);
  const endLine = lines.lineOf(edit.end);
  const ins = old.instructionList;
  // p: the last instruction ending on a line before the edit. Without one, the edit is in the
  // first instruction (the window then starts at the top of the file and reads the directives
  // again: they must come out as they were) or above it, among the directives: parse it all.
  let p = lastIndex(ins, (i) => i.endLine < startLine);
  // The file's last instruction may have ended only because the text did (a continuation or an
  // open heredoc at the end): what follows it can still join it.
  if (p === ins.length - 1) p--;
  const atStart = p < 0;
  if (atStart && (ins.length === 0 || startLine < ins.at(0).startLine)) return parseDockerfile(flatText(text), text);
  const windowLine = atStart ? 0 : ins.at(p).endLine + 1;
  const windowStart = atStart ? 0 : lines.at(windowLine);
  // q: an instruction after the edit with another unchanged one (r) between: r ends the window's
  // last instruction, so q's PrevComment lines lie after the window's last instruction.
  let q = firstIndex(ins, (i) => i.startLine > endLine, p + 1);
  if (q >= 0) q = q + 1 < ins.length ? q + 1 : -1;
  for (;;) {
    const oldEnd = q >= 0 ? lines.at(ins.at(q).startLine) : source.length;
    // The window's text from the old text's pieces: reading a joined new text here would make V8 copy all of it into one flat string.
    const windowText = source.slice(windowStart, edit.start) + edit.text + source.slice(edit.end, oldEnd);
    // At the start, a window reaching the end is the whole file (and a file without instructions is a problem of its own).
    if (atStart && q < 0) return parseDockerfile(flatText(text), text);
    const win = parseWindow(windowText, old.escapeChar, atStart);
    if (q >= 0 && win.open) {
      // The window's last instruction runs on into q: widen the window by one instruction.
      q = q + 1 < ins.length ? q + 1 : -1;
      continue;
    }
    // The edit made a directive of the first line, or changed one: the rest of the file may read otherwise.
    if (atStart && (win.ast.escapeChar !== old.escapeChar || !sameDirectives(win.ast.directives, old.directives))) return parseDockerfile(flatText(text), text);
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

function splice(old: DockerfileAst, text: SourceText, edit: TextEdit, delta: number, w: Window): DockerfileAst {
  const { windowStart, windowLine, oldEnd, win } = w;
  const lineStarts = old.lineTable.edited(edit.start, edit.end, edit.text);
  const lineDelta = lineStarts.count - old.lineTable.count;

  const all = old.instructionList as ShiftedList<Instruction>;
  // The window's instructions moved into place; the ones below it are moved by the list, lazily.
  const inserted: Instruction[] = win.ast.instructions.map((i) => node(i).movedBy(windowStart, windowLine));
  let to = w.q >= 0 ? w.q : all.length;
  if (w.q >= 0) {
    // q's PrevComment: the comment lines the window ended with.
    const q = node(all.at(w.q));
    if (!sameStrings(q.prevComments, win.trailingComments)) {
      inserted.push(q.withPrevComments(listOrEmpty(win.trailingComments)).movedBy(delta, lineDelta));
      to++;
    }
  }
  const instructions = all.spliced(w.p + 1, to, inserted, delta, lineDelta);
  const windowMover = new Mover(windowStart, windowLine);
  const around = (list: NodeList<Comment>, inWindow: readonly Comment[], move?: (c: Comment, by: number) => Comment) =>
    (list as ShiftedList<Comment>).spliced(list.firstFrom(windowStart), list.firstFrom(oldEnd), inWindow.map((c) => windowMover.comment(c)), delta, lineDelta, move);
  const comments = around(old.commentList, win.ast.comments);
  // A comment line outside instructions is in both lists: one object, the one `comments` hands out.
  const topComments = around(old.topCommentList, win.ast.topComments, (c, by) => comments.at(comments.firstFrom(c.start + by)));
  // Problems are not all in file order (a long line's comes before its instruction's): filtered, not cut.
  const problems: ParseProblem[] = old.problems.filter((p) => p.start < windowStart);
  for (const p of win.ast.problems) problems.push(windowMover.problem(p));
  for (const p of old.problems) if (p.start >= oldEnd) problems.push(moveProblem(p, delta));
  const ast = makeTree(text, old.escapeChar, old.directives, instructions, comments, topComments, problems, lineStarts);
  noteKnownRuns({ old, now: ast, prefix: w.p + 1, suffix: w.q >= 0 ? all.length - w.q - 1 : 0 });
  return ast;
}

/** Every instruction of a tree is a view the parser made. */
function node(ins: Instruction): InstructionNode {
  return ins as InstructionNode;
}


function sameDirectives(a: DockerfileAst['directives'], b: DockerfileAst['directives']): boolean {
  return a.length === b.length && a.every((d, i) => JSON.stringify(d) === JSON.stringify(b[i]));
}

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Moves the window's comments and problems into place, copying each (a comment is in two lists: one copy for both). */
class Mover {
  /** A comment is in both `comments` and `items`: one copy for both. */
  private readonly memo = new Map<Comment, Comment>();

  constructor(
    private readonly by: number,
    private readonly lines: number,
  ) {}

  comment(c: Comment): Comment {
    let copy = this.memo.get(c);
    if (!copy) this.memo.set(c, (copy = moveComment(c, this.by, this.lines)));
    return copy;
  }

  problem(p: ParseProblem): ParseProblem {
    return moveProblem(p, this.by);
  }
}

function moveProblem(p: ParseProblem, by: number): ParseProblem {
  return { start: p.start + by, end: p.end + by, severity: p.severity, code: p.code, message: p.message };
}

function lastIndex<T extends Span>(list: NodeList<T>, ok: (x: T) => boolean): number {
  // Instructions are in file order and `ok` is monotone (true, then false): binary search.
  let lo = -1;
  let hi = list.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (ok(list.at(mid))) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function firstIndex<T extends Span>(list: NodeList<T>, ok: (x: T) => boolean, from: number): number {
  let lo = from;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ok(list.at(mid))) hi = mid;
    else lo = mid + 1;
  }
  return lo < list.length ? lo : -1;
}
