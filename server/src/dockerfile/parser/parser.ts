// The Dockerfile parser: lossless, error-resilient, and in agreement with BuildKit's own parser
// (moby/buildkit frontend/dockerfile/parser) on how a file splits into instructions and arguments.
// It never throws: what BuildKit would reject becomes a ParseProblem and parsing goes on.
import { flatText, type SourceText } from '../../common/sourceText';
import type {
  Comment,
  Directive,
  DockerfileAst,
  Heredoc,
  Instruction,
  ParseProblem,
  Span,
  TopLevel,
  Trivia,
  VariableRef,
} from './ast';
import { listOrEmpty } from './ast';
import { buildInstruction, canContainHeredoc } from './instruction';
import { moveComment, moveVariable, type InstructionNode, type ParsedInstruction } from './instructionNode';
import { ShiftedList } from './nodeList';
import { LogicalLine, trimEndIndex, trimStartIndex } from './logicalLine';
import { heredocFromWord, shellWords, type HeredocWord } from './split';
import { scanVariables } from './variables';
import { packSourceVariables, releaseRoom } from './packed';
import { computeLineStarts, LineIndex } from '../../common/lineIndex';
import { LineStarts } from '../../common/lineStarts';

const ALLOWED_DIRECTIVES = new Set(['syntax', 'escape', 'check']);
// BuildKit's directive pattern is `^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$`. Its lazy value followed by
// `\s*$` backtracks quadratically in a JavaScript engine (`#syntax=x` + 100k blanks + `y`: seconds), so
// only the head is a regex and the value is trimmed by hand, with the same result.
const DIRECTIVE_HEAD = /^#[\t\n\f\r ]*([a-zA-Z][a-zA-Z0-9]*)[\t\n\f\r ]*=[\t\n\f\r ]*/;
const DIRECTIVE_BLANK = /[\t\n\f\r ]/;
/** Characters `.` does not match: a value containing one is not a directive in BuildKit's pattern. */
const NOT_DOT = /[\n\r\u2028\u2029]/;

/** The directive's name and value with their offsets in `line`, or undefined. */
export function matchDirective(line: string): { name: string; nameIndex: number; value: string; valueIndex: number } | undefined {
  const head = DIRECTIVE_HEAD.exec(line);
  if (!head) return undefined;
  let end = line.length;
  while (end > head[0].length && DIRECTIVE_BLANK.test(line[end - 1])) end--;
  const value = line.slice(head[0].length, end);
  if (value === '' || NOT_DOT.test(value)) return undefined;
  return { name: head[1], nameIndex: line.indexOf(head[1]), value, valueIndex: head[0].length };
}
const BARE_HEREDOC_OPERATOR = /^\d*<<-?$/;
/** bufio.Scanner's default limit: BuildKit rejects longer lines. */
const MAX_LINE_BYTES = 64 * 1024;

/** `source`: the tree's source when the caller holds `text` in another form too (an edited document's chunks). */
export function parseDockerfile(text: string, source: SourceText = text): DockerfileAst {
  return new Parser(text).parse(source);
}

/**
 * Parses a run of whole lines from the middle of a file, where no directive can occur, with the
 * file's escape character. Offsets and line numbers are the window's own. `open`: the last
 * instruction was still going at the window's end (a continuation, or a heredoc without its
 * terminator), so the window did not end at an instruction boundary. `trailingComments`: the
 * comment lines after the last instruction, which the next instruction would take as its
 * BuildKit PrevComment.
 */
export function parseWindow(text: string, escape: '\\' | '`', atStart = false): { ast: DockerfileAst; open: boolean; trailingComments: string[] } {
  const parser = new Parser(text);
  // A window at the start of the file reads its directives as a whole parse does.
  if (!atStart) parser.startAfterDirectives(escape);
  const ast = parser.parse();
  ast.problems = ast.problems.filter((p) => p.code !== 'NoInstructions');
  return { ast, open: parser.endedOpen, trailingComments: parser.trailingComments };
}

/**
 * Where each BuildKit line starts (after each `\n`), as lineIndex's computeNewlineStarts, in a list
 * made at its length: the tree keeps it, and a list grown by push leaves its smaller copies behind
 * and has room for a half more.
 */
function newlineStarts(text: string): number[] {
  let count = 1;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) count++;
  const starts = new Array<number>(count);
  starts[0] = 0;
  let k = 1;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) starts[k++] = at + 1;
  return starts;
}

/** Empties a list (setting `length` is a call into the runtime: skipped when it is empty already, as it mostly is). */
function clear(list: unknown[]): void {
  if (list.length > 0) list.length = 0;
}

class Parser {
  private readonly lineStarts: number[];
  /**
   * BuildKit's physical lines: `lineCount` of them, line i from `lineStart(i)` to `contentEnds[i]`
   * (trailing `\r` and `\n` removed); numbers, not an object per line.
   */
  private readonly lineCount: number;
  private readonly contentEnds: Int32Array;
  /** 1 when the text starts with a byte-order mark: the first line starts after it. */
  private readonly bom: number;
  private escape: '\\' | '`' = '\\';
  private directivesDone = false;
  private readonly directives: Directive[] = [];
  private readonly instructions: ParsedInstruction[] = [];
  private readonly comments: Comment[] = [];
  private readonly topComments: Comment[] = [];
  private readonly problems: ParseProblem[] = [];
  /** The last instruction ran out of lines while continued or inside an unterminated heredoc. */
  endedOpen = false;
  /** Comment lines after the last instruction (what the next one would take as PrevComment). */
  trailingComments: string[] = [];

  /** For parseWindow: the window's lines come after the directives, with the file's escape. */
  startAfterDirectives(escape: '\\' | '`'): void {
    this.escape = escape;
    this.directivesDone = true;
  }

  constructor(private readonly text: string) {
    // BuildKit's physical lines end at `\n` only; the LSP lines (ast.lineStarts) also at a lone `\r`.
    // At its length (a list grown by push has room for a half more): the tree keeps it.
    const starts = (this.lineStarts = newlineStarts(text));
    // The start after a final line break begins no line (unless the text is empty).
    const count = starts.length > 1 && starts[starts.length - 1] >= text.length ? starts.length - 1 : starts.length;
    this.lineCount = count;
    this.contentEnds = new Int32Array(count);
    for (let i = 0; i < count; i++) {
      const start = starts[i];
      let contentEnd = this.nextLineStart(i);
      while (contentEnd > start && (text[contentEnd - 1] === '\n' || text[contentEnd - 1] === '\r')) contentEnd--;
      this.contentEnds[i] = contentEnd;
    }
    this.bom = text.charCodeAt(0) === 0xfeff && count > 0 ? 1 : 0;
  }

  private lineStart(i: number): number {
    return i === 0 ? this.bom : this.lineStarts[i];
  }

  /** Where the line after line i starts (the text's end after the last). */
  private nextLineStart(i: number): number {
    return i + 1 < this.lineStarts.length ? this.lineStarts[i + 1] : this.text.length;
  }

  parse(source: SourceText = this.text): DockerfileAst {
    const { text, lineCount, contentEnds } = this;
    // Lists filled per instruction and emptied after it: the instruction keeps copies of those that
    // are not empty (listOrEmpty), so one of each serves the whole parse.
    const prevComments: string[] = [];
    const continuations: number[] = [];
    const inner: Comment[] = [];
    const emptyLines: Span[] = [];
    const problems: ParseProblem[] = [];
    // Every instruction's logical line is built in this one, started again for each.
    const line = new LogicalLine();
    let i = 0;
    while (i < lineCount) {
      const lineNo = i++;
      const lineStart = this.lineStart(lineNo);
      const lineEnd = contentEnds[lineNo];
      this.checkLineLength(lineNo);
      const contentStart = trimStartIndex(text, lineStart, lineEnd);
      const isComment = text[contentStart] === '#' && contentStart < lineEnd;
      if (!this.directivesDone && this.parseDirective(contentStart, lineEnd, lineNo)) continue;
      this.directivesDone = true;
      if (isComment) {
        const comment = this.comment(contentStart, lineEnd, lineNo);
        this.topComments.push(comment);
        // BuildKit drops the line's first character, whatever it is, and trims the rest (Go's
        // spaces): most often the comment's own text, and then one string serves both.
        const from = trimStartIndex(text, lineStart + 1, lineEnd);
        const to = trimEndIndex(text, from, lineEnd);
        const commentText = comment.text.length === to - from && text.startsWith(comment.text, from) ? comment.text : text.slice(from, to);
        if (commentText === '') clear(prevComments);
        else prevComments.push(commentText);
        continue;
      }
      if (contentStart === lineEnd) continue;

      const logical = line.restart(contentStart);
      clear(continuations);
      clear(inner);
      clear(emptyLines);
      clear(problems);
      let continues = this.appendContent(logical, contentStart, lineEnd, continuations);
      let lastLine = lineNo;
      let end = lineEnd;
      while (continues && i < lineCount) {
        const nextStart = this.lineStart(i);
        const nextEnd = contentEnds[i];
        lastLine = i++;
        this.checkLineLength(lastLine);
        end = nextEnd;
        const nextContent = trimStartIndex(text, nextStart, nextEnd);
        if (nextContent < nextEnd && text[nextContent] === '#') {
          inner.push(this.comment(nextContent, nextEnd, lastLine));
          continue;
        }
        if (nextContent === nextEnd) {
          emptyLines.push({ start: nextStart, end: nextEnd });
          continue;
        }
        continues = this.appendContent(logical, nextStart, nextEnd, continuations);
      }
      this.endedOpen = continues;

      const ins = buildInstruction(logical, 0, logical.text.length, this.escape, problems, continuations);
      // Before any list is read: the packed lists make their texts from the source.
      ins.source = text;
      if (ins.inner) ins.inner.source = text;
      ins.comments = listOrEmpty(inner);
      ins.emptyContinuationLines = listOrEmpty(emptyLines);
      ins.prevComments = listOrEmpty(prevComments);
      ins.startLine = lineNo;
      if (canContainHeredoc(ins) && logical.text.includes('<<')) {
        const heredocs: Heredoc[] = [];
        const bodyVariables: VariableRef[] = [];
        const words = shellWords(logical.text, 0, logical.text.length);
        for (let w = 0; w < words.length; w++) {
          let word = words[w];
          // `<<  EOF`: BuildKit also reads a delimiter separated from the operator by blanks.
          if (BARE_HEREDOC_OPERATOR.test(word.value) && w + 1 < words.length) {
            const next = words[++w];
            word = { value: word.value + next.value, start: word.start, end: next.end };
          }
          const found = heredocFromWord(word.value);
          if (!found) continue;
          const heredoc = this.readHeredoc(found, logical.span(word.start, word.end), i);
          i = heredoc.nextLine;
          lastLine = Math.max(lastLine, heredoc.nextLine - 1);
          end = Math.max(end, heredoc.end);
          if (!heredoc.value.terminator) {
            this.endedOpen = true;
            problems.push({ ...heredoc.value.marker, severity: 'error', code: 'UnterminatedHeredoc', message: `unterminated heredoc: no line "${found.name}" ends it` });
          }
          heredocs.push(heredoc.value);
          if (heredoc.value.expand) {
            const body = heredoc.value.content;
            for (const v of scanVariables(body, 0, body.length, this.escape)) bodyVariables.push(moveVariable(v, heredoc.value.body.start));
          }
        }
        ins.heredocs = listOrEmpty(heredocs);
        if (ins.inner) ins.inner.heredocs = ins.heredocs;
        if (bodyVariables.length > 0) {
          // ONBUILD shares its variables with its inner instruction: both see the body's.
          ins.varData = [...ins.varData, ...packSourceVariables(text, bodyVariables)];
          if (ins.inner) ins.inner.varData = ins.varData;
        }
      }
      ins.placeAt(contentStart, end);
      // After its start and end: the last line is read from them (ParsedInstruction.endLine). On
      // one line (most instructions), nothing is set: the instruction's head says so from the start.
      if (lastLine !== lineNo) ins.endLine = lastLine;
      if (ins.inner) {
        // ONBUILD's instruction spans the same lines.
        ins.inner.startLine = ins.startLine;
        ins.inner.endLine = lastLine;
      }
      for (const p of problems) this.problems.push(p);
      this.instructions.push(ins);
      clear(prevComments);
    }

    this.trailingComments = prevComments.slice();
    if (this.instructions.length === 0) {
      this.problems.push({ start: 0, end: 0, severity: 'error', code: 'NoInstructions', message: 'file with no instructions: a Dockerfile needs at least a FROM' });
    }
    this.comments.sort((a, b) => a.start - b.start);
    const lineStarts = this.clientLines();
    releaseRoom();
    return makeTree(source, this.escape, this.directives, this.instructions, this.comments, this.topComments, this.problems, lineStarts);
  }

  /**
   * The LSP's lines. They differ from BuildKit's only when the text has a lone `\r`: then every line
   * number recorded while parsing (BuildKit's) is moved to the client's line of the same offset.
   */
  private clientLines(): number[] {
    if (!/\r(?!\n)/.test(this.text)) return this.lineStarts;
    const client = new LineIndex(this.text, computeLineStarts(this.text));
    const at = (physical: number, end = false) => {
      if (this.lineCount === 0) return physical;
      const line = Math.min(physical, this.lineCount - 1);
      return client.lineOf(end ? this.contentEnds[line] : this.lineStart(line));
    };
    for (const ins of this.instructions) {
      // Read before the start line moves (it may be made from it).
      const endLine = ins.endLine;
      ins.startLine = at(ins.startLine);
      ins.endLine = at(endLine, true);
      if (ins.inner) {
        ins.inner.startLine = ins.startLine;
        ins.inner.endLine = ins.endLine;
      }
    }
    for (const c of [...this.comments, ...this.topComments]) c.line = client.lineOf(c.start);
    for (const d of this.directives) d.line = client.lineOf(d.start);
    return client.lineStarts;
  }

  /** Appends one physical line's text, without its continuation escape; true when it continues. */
  private appendContent(logical: LogicalLine, start: number, end: number, continuations: number[]): boolean {
    let trimmed = end;
    while (trimmed > start && (this.text[trimmed - 1] === ' ' || this.text[trimmed - 1] === '\t')) trimmed--;
    let escapes = 0;
    while (trimmed - escapes > start && this.text[trimmed - 1 - escapes] === this.escape) escapes++;
    // An escaped escape (`\\`) at the end is a literal character, not a continuation.
    if (escapes % 2 === 1) {
      logical.append(this.text, start, trimmed - 1);
      continuations.push(trimmed - 1);
      return true;
    }
    logical.append(this.text, start, end);
    return false;
  }

  /** True when the line is a parser directive (it is then recorded). */
  private parseDirective(start: number, end: number, line: number): boolean {
    const lineText = this.text.slice(start, end);
    const found = matchDirective(lineText);
    if (!found || !ALLOWED_DIRECTIVES.has(found.name.toLowerCase())) return false;
    const m = [lineText, found.name, found.value];
    const name = m[1].toLowerCase();
    const nameStart = start + found.nameIndex;
    const valueStart = start + found.valueIndex;
    const directive: Directive = {
      kind: 'directive',
      name,
      value: m[2],
      start,
      end,
      nameSpan: { start: nameStart, end: nameStart + m[1].length },
      valueSpan: { start: valueStart, end: valueStart + m[2].length },
      line,
    };
    if (this.directives.some((d) => d.name === name)) {
      this.problems.push({ ...directive.nameSpan, severity: 'error', code: 'DuplicateDirective', message: `only one ${name} parser directive can be used` });
    } else if (name === 'escape') {
      if (m[2] === '`' || m[2] === '\\') this.escape = m[2];
      else this.problems.push({ ...directive.valueSpan, severity: 'error', code: 'InvalidEscape', message: `invalid escape token '${m[2]}' does not match \` or \\` });
    }
    this.directives.push(directive);
    return true;
  }

  private comment(start: number, end: number, line: number): Comment {
    const comment: Comment = { kind: 'comment', start, end, text: this.text.slice(start + 1, end).trim(), line };
    this.comments.push(comment);
    return comment;
  }

  private readHeredoc(
    found: HeredocWord,
    marker: Span,
    firstLine: number,
  ): { value: Heredoc; nextLine: number; end: number } {
    const { text, lineCount, contentEnds } = this;
    const bodyStart = firstLine < lineCount ? this.lineStart(firstLine) : text.length;
    let i = firstLine;
    while (i < lineCount) {
      const lineStart = this.lineStart(i);
      const lineEnd = contentEnds[i++];
      // The terminator line is the delimiter alone (after leading tabs with `<<-`): compared in place, not sliced.
      let from = lineStart;
      if (found.chomp) while (from < lineEnd && text.charCodeAt(from) === 9) from++;
      if (lineEnd - from === found.name.length && text.startsWith(found.name, from)) {
        const value = heredocNode(found, marker, lineEnd, { start: bodyStart, end: lineStart }, text, { start: lineStart, end: lineEnd });
        return { value, nextLine: i, end: lineEnd };
      }
    }
    const bodyEnd = lineCount > 0 ? contentEnds[lineCount - 1] : text.length;
    const value = heredocNode(found, marker, Math.max(bodyEnd, marker.end), { start: bodyStart, end: Math.max(bodyStart, bodyEnd) }, text, undefined);
    return { value, nextLine: lineCount, end: Math.max(bodyEnd, marker.end) };
  }

  private checkLineLength(line: number): void {
    const start = this.lineStart(line);
    const next = this.nextLineStart(line);
    if ((next - start) * 3 <= MAX_LINE_BYTES) return;
    if (Buffer.byteLength(this.text.slice(start, next), 'utf8') <= MAX_LINE_BYTES) return;
    this.problems.push({ start, end: this.contentEnds[line], severity: 'error', code: 'LineTooLong', message: 'line is longer than 64 KiB: BuildKit cannot read it (bufio.Scanner: token too long)' });
  }

}

/**
 * The tree. Its `items` list is made on first read: few features walk it (formatting, a merge fix),
 * and an edit would otherwise rebuild a list as long as the file on every keystroke.
 */
export function makeTree(
  source: SourceText,
  escapeChar: '\\' | '`',
  directives: Directive[],
  instructions: Instruction[] | ShiftedList<Instruction>,
  comments: Comment[] | ShiftedList<Comment>,
  topComments: Comment[] | ShiftedList<Comment>,
  problems: ParseProblem[],
  lines: number[] | LineStarts,
): DockerfileAst {
  let items: TopLevel[] | undefined;
  let list = Array.isArray(lines) ? lines : undefined;
  let table = Array.isArray(lines) ? undefined : lines;
  const instructionList = Array.isArray(instructions) ? ShiftedList.of(instructions, moveInstruction) : instructions;
  const commentList = Array.isArray(comments) ? ShiftedList.of(comments, moveComment) : comments;
  const topCommentList = Array.isArray(topComments) ? ShiftedList.of(topComments, moveComment) : topComments;
  let text = typeof source === 'string' ? source : undefined;
  const tree = {
    get text() {
      return (text ??= flatText(source));
    },
    escapeChar,
    directives,
    // After an edit, the arrays are made on first read: the edit path reads the lists.
    get instructions() {
      return instructionList.toArray();
    },
    get comments() {
      return commentList.toArray();
    },
    get topComments() {
      return topCommentList.toArray();
    },
    get items() {
      return (items ??= tileItems(source.length, directives, topCommentList.toArray(), instructionList.toArray()));
    },
    problems,
    get lineStarts() {
      return (list ??= table!.toArray());
    },
  };
  // Not enumerable: the tree prints (JSON) the same after an edit as after a full parse.
  Object.defineProperty(tree, 'source', { value: source });
  Object.defineProperty(tree, 'lineTable', { get: () => (table ??= LineStarts.of(list!)) });
  Object.defineProperty(tree, 'instructionList', { value: instructionList });
  Object.defineProperty(tree, 'commentList', { value: commentList });
  Object.defineProperty(tree, 'topCommentList', { value: topCommentList });
  return tree as DockerfileAst;
}

function moveInstruction(ins: Instruction, by: number, lines: number): Instruction {
  return (ins as InstructionNode).movedBy(by, lines);
}

/**
 * Every top-level item in order, with trivia filling the gaps, so the items rebuild the text. The
 * three lists are each in file order and the directives come first: a merge, not a sort.
 */
export function tileItems(length: number, directives: readonly Directive[], comments: readonly Comment[], instructions: readonly Instruction[]): TopLevel[] {
  const items: TopLevel[] = [];
  let pos = 0;
  const add = (item: TopLevel, start: number, end: number) => {
    if (start > pos) items.push(trivia(pos, start));
    items.push(item);
    if (end > pos) pos = end;
  };
  for (const d of directives) add(d, d.start, d.end);
  let c = 0;
  for (const ins of instructions) {
    const start = ins.start;
    for (; c < comments.length && comments[c].start < start; c++) add(comments[c], comments[c].start, comments[c].end);
    add(ins, start, ins.end);
  }
  for (; c < comments.length; c++) add(comments[c], comments[c].start, comments[c].end);
  if (pos < length) items.push(trivia(pos, length));
  return items;
}

/** A heredoc with every field written at once (no spread): one object shape for all, kept with the tree. */
function heredocNode(found: HeredocWord, marker: Span, end: number, body: Span, text: string, terminator: Span | undefined): Heredoc {
  return {
    name: found.name,
    fileDescriptor: found.fileDescriptor,
    chomp: found.chomp,
    expand: found.expand,
    start: marker.start,
    end,
    marker,
    body,
    content: text.slice(body.start, terminator ? terminator.start : text.length),
    terminator,
  };
}

function trivia(start: number, end: number): Trivia {
  return { kind: 'trivia', start, end };
}

