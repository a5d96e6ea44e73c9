// Format Document for Dockerfiles, on the lossless syntax tree. The formatter may only change what
// no reader of the file can see: keyword casing, the blanks BuildKit or the shell treat as
// separators, the indentation of continuation and comment lines, trailing blanks, blank-line runs,
// and the spelling of exec-form JSON. Heredoc bodies and parser directives are copied byte for byte.
// Every formatted instruction is parsed again and compared with the original (formatCheck.ts); an
// instruction whose meaning would change is kept exactly as written.
import type { DockerfileAst, Instruction, Span } from '../parser/ast';
import type { DockerfileModel } from '../parser/model';
import { parseDockerfile } from '../parser/parser';
import { isGoSpace, trimStartIndex } from '../parser/logicalLine';
import { shellAt, type TextEditOffsets } from './mergeRun';
import { isBlank, markFlags, markLiteralBlanks, type ArgsReader } from './formatWhitespace';
import { shellOf } from './instructionShell';
import { sameInstruction } from './formatCheck';

export interface DockerfileFormatOptions {
  /** Editor's indentation: one continuation level is `tabSize` spaces, or a tab. */
  tabSize: number;
  insertSpaces: boolean;
  /** Keep instruction keywords as written instead of upper-casing them. */
  keepKeywordCasing?: boolean;
  /** Leave instructions that span several lines exactly as written (hand-aligned layouts). */
  keepMultiline?: boolean;
  /**
   * Lay out RUN shell bodies: a top-level `&&`/`||` chain gets one command per line (`cmd && \`).
   * Off: bodies stay as written, but for blanks at line ends and continuation indentation.
   */
  shell?: boolean;
}

/** A one-line RUN whose and-or chain is longer than this many columns is laid out one command per line. */
const CHAIN_WIDTH = 80;

export const DEFAULT_DOCKERFILE_FORMAT: DockerfileFormatOptions = { tabSize: 4, insertSpaces: true };

const FORMAT_OFF = /^docklens-format\s*:?\s*off\b/i;
const FORMAT_ON = /^docklens-format\s*:?\s*on\b/i;

/** The whole document, formatted. */
export function formatDockerfile(model: DockerfileModel, options: DockerfileFormatOptions = DEFAULT_DOCKERFILE_FORMAT): string {
  return new Formatter(model, options).document();
}

/**
 * The edits that format the document, or only the instructions and comments a range touches.
 * A whole-document format is one edit covering the lines that change.
 */
export function formatDockerfileEdits(model: DockerfileModel, options: DockerfileFormatOptions, range?: Span): TextEditOffsets[] {
  const text = model.ast.text;
  const formatter = new Formatter(model, options);
  if (!range) {
    const formatted = formatter.document();
    return formatted === text ? [] : [minimalEdit(text, formatted)];
  }
  const edits: TextEditOffsets[] = [];
  for (const item of formatter.itemsIn(range)) {
    if (item.newText !== text.slice(item.start, item.end)) edits.push(item);
  }
  return edits;
}

/**
 * On-type formatting after Enter inside a continued instruction: the new line gets the
 * continuation indentation. `offset` is where the cursor is after the newline.
 */
export function formatOnNewline(model: DockerfileModel, offset: number, options: DockerfileFormatOptions): TextEditOffsets[] {
  const { ast, lines } = model;
  const line = lines.lineOf(offset);
  if (line === 0) return [];
  const lineStart = lines.lineStart(line);
  const previous = lines.lineText(line - 1);
  if (!endsWithContinuation(previous, ast.escapeChar)) return [];
  const ins = model.instructionAt(lines.lineEnd(line - 1));
  if (!ins || ins.heredocs.some((h) => h.body.start <= lineStart)) return [];
  const lineEnd = lines.lineEnd(line);
  let indentEnd = lineStart;
  while (indentEnd < lineEnd && isBlank(ast.source.charCodeAt(indentEnd))) indentEnd++;
  const unit = new Formatter(model, options).unit;
  // The line after the keyword's gets one level; later lines keep the nesting of the line above.
  const prevIndent = /^[ \t]*/.exec(previous)![0];
  const deeper = line - 1 > ins.startLine && columns(prevIndent, options.tabSize) >= columns(unit, options.tabSize);
  const wanted = deeper ? prevIndent : unit;
  if (ast.source.slice(lineStart, indentEnd) === wanted) return [];
  return [{ start: lineStart, end: indentEnd, newText: wanted }];
}

function endsWithContinuation(line: string, escape: string): boolean {
  const trimmed = line.replace(/[ \t]+$/, '');
  let escapes = 0;
  while (escapes < trimmed.length && trimmed[trimmed.length - 1 - escapes] === escape) escapes++;
  return escapes % 2 === 1 && !/^\s*#/.test(line);
}

/**
 * How a shell-form body's blanks may be treated: as separators under a POSIX shell, as written
 * under cmd, PowerShell or a shell we do not know (never re-flowed).
 */
export function shellBodyReader(model: DockerfileModel, ins: Instruction): ArgsReader {
  const stage = model.stageAt(ins.start);
  if (!stage) return 'posix';
  return shellAt(model, stage, ins).kind === 'posix' ? 'posix' : 'literal';
}

function minimalEdit(before: string, after: string): TextEditOffsets {
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let tail = 0;
  while (tail < max - start && before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)) tail++;
  return { start, end: before.length - tail, newText: after.slice(start, after.length - tail) };
}

function columns(indent: string, tabSize: number): number {
  let col = 0;
  for (const ch of indent) col = ch === '\t' ? col + tabSize - (col % tabSize) : col + 1;
  return col;
}

/** One output block: the lines an item becomes (a heredoc body is one raw block with its own newlines). */
interface Block {
  /** Source span the block replaces: from the start of the item's first line to the item's end. */
  start: number;
  end: number;
  lines: string[];
  /** Blank lines above it in the source. */
  blanksBefore: number;
  /** An unterminated heredoc runs to the end of the file: nothing may follow, not even a newline. */
  ownsEnd?: boolean;
  /** A `# docklens-format off` region, copied as it is. */
  verbatim?: boolean;
}

class Formatter {
  readonly ast: DockerfileAst;
  readonly eol: string;
  readonly unit: string;
  private readonly escape: string;

  constructor(
    private readonly model: DockerfileModel,
    private readonly options: DockerfileFormatOptions,
  ) {
    this.ast = model.ast;
    // Read from the source: on-type formatting (a line break typed) must not join an edited document's text.
    const nl = this.ast.source.indexOf('\n');
    this.eol = nl > 0 && this.ast.source.charCodeAt(nl - 1) === 13 ? '\r\n' : '\n';
    const tabSize = Math.max(1, Math.min(16, Math.floor(options.tabSize) || 4));
    this.options = { ...options, tabSize };
    this.unit = options.insertSpaces === false ? '\t' : ' '.repeat(tabSize);
    this.escape = this.ast.escapeChar;
  }

  document(): string {
    const { text } = this.ast;
    const blocks = this.blocks();
    if (blocks.length === 0) return text;
    const bom = text.charCodeAt(0) === 0xfeff ? '\ufeff' : '';
    const out: string[] = [];
    blocks.forEach((block, i) => {
      let blanks = Math.min(1, block.blanksBefore);
      // Blank lines at the top go, unless the first line is a comment: a blank line above it is
      // what keeps a `# escape=` comment from being read as a directive.
      if (i === 0 && block.lines[0]?.trimStart()[0] !== '#') blanks = 0;
      for (let b = 0; b < blanks; b++) out.push('');
      out.push(...block.lines);
    });
    const last = blocks[blocks.length - 1];
    return bom + out.join(this.eol) + (last.ownsEnd ? '' : this.eol);
  }

  /** Replacement text for each instruction and comment the range touches (whole lines). */
  itemsIn(range: Span): TextEditOffsets[] {
    return this.blocks()
      .filter((b) => !b.verbatim && b.start <= range.end && b.end >= range.start)
      .map((b) => ({ start: b.start, end: b.end, newText: b.lines.join(this.eol) }));
  }

  private blocks(): Block[] {
    const { ast } = this;
    const bomLength = ast.text.charCodeAt(0) === 0xfeff ? 1 : 0;
    const blocks: Block[] = [];
    let blanks = 0;
    let offFrom: number | undefined;
    for (const item of ast.items) {
      if (item.kind === 'trivia') {
        blanks += this.blankLines(item);
        continue;
      }
      const lineStart = Math.max(bomLength, ast.lineStarts[this.model.lines.lineOf(item.start)]);
      if (offFrom !== undefined) {
        if (item.kind !== 'comment' || !FORMAT_ON.test(item.text)) continue;
        // Everything between the markers, copied as it is (one raw block, its own line ends kept).
        const region = ast.text.slice(offFrom, lineStart).replace(/\r?\n$/, '');
        if (offFrom < lineStart) blocks.push({ start: offFrom, end: lineStart, lines: [region], blanksBefore: 0, verbatim: true });
        offFrom = undefined;
        blocks.push({ start: lineStart, end: item.end, lines: [this.comment(item.start, item.end)], blanksBefore: 0 });
        blanks = 0;
        continue;
      }
      let lines: string[];
      let ownsEnd = false;
      if (item.kind === 'directive') lines = [ast.text.slice(lineStart, item.end)];
      else if (item.kind === 'comment') lines = [this.comment(item.start, item.end)];
      else ({ lines, ownsEnd } = this.instruction(item));
      blocks.push({ start: lineStart, end: item.end, lines, blanksBefore: blanks, ownsEnd });
      blanks = 0;
      if (item.kind === 'comment' && FORMAT_OFF.test(item.text)) {
        const next = this.model.lines.lineOf(item.end) + 1;
        offFrom = next < ast.lineStarts.length ? ast.lineStarts[next] : ast.text.length;
      }
    }
    if (offFrom !== undefined && offFrom < ast.text.length) {
      // `off` without `on`: the rest of the file exactly as it is.
      blocks.push({ start: offFrom, end: ast.text.length, lines: [ast.text.slice(offFrom)], blanksBefore: 0, ownsEnd: true, verbatim: true });
    }
    return blocks;
  }

  /** Blank lines inside a trivia span (the line break that ends the previous item is not one). */
  private blankLines(item: Span): number {
    const { text } = this.ast;
    let breaks = 0;
    for (let i = item.start; i < item.end; i++) if (text.charCodeAt(i) === 10) breaks++;
    return item.start === 0 ? breaks : Math.max(0, breaks - 1);
  }

  private comment(start: number, end: number): string {
    return trimEndBlanks(this.ast.text.slice(start, end));
  }

  /** An instruction's lines; falls back to the source lines whenever the result would mean something else. */
  private instruction(ins: Instruction): { lines: string[]; ownsEnd: boolean } {
    const { text } = this.ast;
    const firstHeredoc = ins.heredocs[0];
    const unterminated = ins.heredocs.some((h) => !h.terminator);
    const headEnd = firstHeredoc ? Math.min(firstHeredoc.body.start, text.length) : ins.end;
    const tail = firstHeredoc ? text.slice(firstHeredoc.body.start, unterminated ? text.length : ins.end) : undefined;
    const verbatim = () => {
      const head = splitLines(text.slice(ins.start, headEnd).replace(/\r?\n$/, ''));
      return { lines: tail === undefined ? head : [...head, tail], ownsEnd: unterminated };
    };
    if (!ins.known || (this.options.keepMultiline && ins.continuations.length > 0)) return verbatim();
    const head = new InstructionLayout(this, ins, headEnd).lines();
    if (!head) return verbatim();
    const candidate = tail === undefined ? head : [...head, tail];
    // Prove it: the candidate, parsed on its own, must be the same instruction.
    const prefix = this.escape === '`' ? '# escape=`\n' : '';
    const reparsed = parseDockerfile(prefix + candidate.join(this.eol) + (unterminated ? '' : this.eol));
    if (reparsed.instructions.length !== 1 || !sameInstruction(ins, reparsed.instructions[0], this.shellReader(ins))) return verbatim();
    return { lines: candidate, ownsEnd: unterminated };
  }

  /** How the shell-form body of a RUN/CMD/ENTRYPOINT/HEALTHCHECK (or ONBUILD's) reads blanks. */
  shellReader(ins: Instruction): ArgsReader {
    return shellBodyReader(this.model, ins);
  }

  get formatOptions(): DockerfileFormatOptions {
    return this.options;
  }

  get docModel(): DockerfileModel {
    return this.model;
  }

  get escapeChar(): string {
    return this.escape;
  }
}

function splitLines(s: string): string[] {
  return s.split(/\r?\n/);
}

function trimEndBlanks(s: string): string {
  let end = s.length;
  while (end > 0 && isBlank(s.charCodeAt(end - 1))) end--;
  return s.slice(0, end);
}

/** A content line of an instruction: its text (source span) without the continuation escape. */
interface Piece {
  start: number;
  end: number;
  /** Where the piece starts in the logical line. */
  logical: number;
  /** The continuation escape at the end of the line, if any. */
  escape?: number;
  /** Comment lines between this line and the next content line. */
  commentsAfter: Span[];
}

/** Text, or a line break after the joins `brk`; the next line is re-indented from `next`'s indentation (or starts as written). */
type Out = string | { brk: number[]; next?: number; flat?: boolean };

interface Replacement {
  from: number;
  to: number;
  out: Out[];
}

/** Lays out one instruction's lines (up to its heredoc bodies). Undefined when the layout cannot be trusted. */
class InstructionLayout {
  private readonly text: string;
  private readonly pieces: Piece[] = [];
  private logical = '';
  private mask = new Uint8Array(0);
  private readonly replacements: Replacement[] = [];
  /** Joins dropped with blank-only lines at the end of the instruction. */
  private readonly tailJoins: number[] = [];

  constructor(
    private readonly f: Formatter,
    private readonly ins: Instruction,
    private readonly headEnd: number,
  ) {
    this.text = f.ast.text;
  }

  lines(): string[] | undefined {
    if (!this.readPieces()) return undefined;
    this.mask = new Uint8Array(this.logical.length);
    const target = this.ins.inner ?? this.ins;
    const argsStart = this.toLogical(target.argsSpan.start);
    if (argsStart === undefined) return undefined;
    const prefixEnd = this.prefixEnd(target, argsStart);
    // Keyword and flags: quotes in flags protect their blanks.
    markFlags(this.logical, 0, argsStart, this.mask);
    const reader = this.argsReader(target);
    const jsonDone = reader === 'json' && this.layoutJson(target, prefixEnd);
    if (!jsonDone) markLiteralBlanks(this.logical, argsStart, this.logical.length, reader === 'json' ? 'literal' : reader, this.f.escapeChar, this.mask);
    this.casing();
    if (reader === 'posix' && target.keyword === 'RUN' && this.f.formatOptions.shell !== false) this.chains();
    // Word lists (FROM, COPY, ARG, ENV k=v...): every unprotected blank run is one separator.
    this.prefixBlanks(reader === 'split' || reader === 'words' ? this.logical.length : prefixEnd);
    this.joins();
    this.trailing();
    return this.render();
  }

  /** Splits the instruction's source lines into content pieces and the comment lines between them; blank lines go. */
  private readPieces(): boolean {
    const { text, ins } = this;
    const ast = this.f.ast;
    const continuations = ins.continuations;
    let c = 0;
    let line = ins.startLine;
    let pos = ins.start;
    while (pos < this.headEnd) {
      const lineEnd = contentEnd(text, line + 1 < ast.lineStarts.length ? ast.lineStarts[line + 1] : text.length, ast.lineStarts[line]);
      const end = Math.min(lineEnd, this.headEnd);
      const first = trimStartIndex(text, pos, end);
      if (pos !== ins.start && first < end && text[first] === '#') {
        if (this.pieces.length === 0) return false;
        this.pieces[this.pieces.length - 1].commentsAfter.push({ start: pos, end });
      } else if (pos === ins.start || !isBlankLine(text, pos, end)) {
        const escape = c < continuations.length && continuations[c].start >= pos && continuations[c].start < end ? continuations[c++].start : undefined;
        const pieceEnd = escape ?? end;
        this.pieces.push({ start: pos, end: pieceEnd, logical: this.logical.length, escape, commentsAfter: [] });
        this.logical += text.slice(pos, pieceEnd);
      }
      line++;
      if (line >= ast.lineStarts.length) break;
      pos = ast.lineStarts[line];
    }
    return this.pieces.length > 0 && c === continuations.length && this.logical === ins.original;
  }

  private toLogical(source: number): number | undefined {
    for (const p of this.pieces) if (source >= p.start && source <= p.end) return p.logical + (source - p.start);
    return undefined;
  }

  private argsReader(target: Instruction): ArgsReader | 'json' {
    if (target.form === 'json') return 'json';
    switch (target.keyword) {
      case 'RUN':
      case 'CMD':
      case 'ENTRYPOINT':
      case 'HEALTHCHECK':
        return this.f.shellReader(this.ins);
      case 'FROM':
      case 'COPY':
      case 'ADD':
      case 'EXPOSE':
      case 'VOLUME':
        return 'split';
      case 'ARG':
        return 'words';
      case 'ENV':
      case 'LABEL':
        return target.keyValues[0]?.separator === '' ? 'legacyPair' : 'words';
      default:
        return 'literal';
    }
  }

  /** Where the keyword-and-flags part ends (for HEALTHCHECK: after `CMD` and its blanks). */
  private prefixEnd(target: Instruction, argsStart: number): number {
    if (target.keyword !== 'HEALTHCHECK' || target.form === 'none') return argsStart;
    let pos = argsStart;
    while (pos < this.logical.length && !isBlank(this.logical.charCodeAt(pos))) pos++;
    while (pos < this.logical.length && isBlank(this.logical.charCodeAt(pos))) pos++;
    return pos;
  }

  private casing(): void {
    const upper = !this.f.formatOptions.keepKeywordCasing;
    let keywordCase = '';
    for (const k of [this.ins, ...(this.ins.inner ? [this.ins.inner] : [])]) {
      const at = this.toLogical(k.keywordSpan.start);
      if (at === undefined || this.crossesLine(at, at + k.keywordText.length)) return;
      const written = this.logical.slice(at, at + k.keywordText.length);
      keywordCase = upper ? written.toUpperCase() : written;
      if (keywordCase !== written) this.replace(at, at + written.length, [keywordCase]);
    }
    const target = this.ins.inner ?? this.ins;
    if (target.keyword === 'FROM' && target.args.length >= 3 && target.args[1].value.toLowerCase() === 'as') {
      const at = this.toLogical(target.args[1].start);
      if (at === undefined || this.crossesLine(at, at + 2)) return;
      // FromAsCasing: `AS` follows the keyword's casing.
      const wanted = keywordCase === keywordCase.toUpperCase() ? 'AS' : keywordCase === keywordCase.toLowerCase() ? 'as' : undefined;
      if (wanted && this.logical.slice(at, at + 2) !== wanted) this.replace(at, at + 2, [wanted]);
    }
  }

  /** One space for each blank run before `end` that stays on its line (runs that cross a line are `joins`' business). */
  private prefixBlanks(end: number): void {
    let pos = 0;
    while (pos < end) {
      if (!isBlank(this.logical.charCodeAt(pos))) {
        pos++;
        continue;
      }
      let runEnd = pos;
      while (runEnd < this.logical.length && isBlank(this.logical.charCodeAt(runEnd))) runEnd++;
      const crosses = this.joinsIn(pos, runEnd).length > 0;
      if (!crosses && !this.anyLiteral(pos, runEnd) && runEnd < this.logical.length && this.logical.slice(pos, runEnd) !== ' ' && !this.covered(pos)) {
        this.replace(pos, runEnd, [' ']);
      }
      pos = runEnd;
    }
  }

  /** Blank runs that cross a line continuation become ` \` + newline + indentation, when they only separate. */
  private joins(): void {
    const { logical } = this;
    for (let k = 0; k + 1 < this.pieces.length; k++) {
      const join = this.pieces[k + 1].logical;
      if (this.covered(join) || this.consumed(k)) continue;
      let from = join;
      while (from > 0 && isBlank(logical.charCodeAt(from - 1))) from--;
      let to = join;
      while (to < logical.length && isBlank(logical.charCodeAt(to))) to++;
      if (from === to || this.anyLiteral(from, to) || this.covered(from) || (to > from && this.covered(to - 1))) continue;
      const crossed = this.joinsIn(from, to);
      if (to === logical.length) {
        // Blanks up to the end: BuildKit trims them; the blank-only lines go.
        this.replace(from, to, []);
        this.tailJoins.push(...crossed);
        continue;
      }
      this.replace(from, to, [' ' + this.f.escapeChar, { brk: crossed, next: this.pieceAt(to).start }]);
    }
  }

  /**
   * A RUN's top-level `a && b && c` chain, one command per line. Only for bodies that already span
   * lines or are wider than CHAIN_WIDTH, and only when the shell parser read the body without
   * errors. The break goes after `&&` (`a && \`), or before it when the author already wrote a chain
   * that way (`a \` + `&& b`); an operator with a break anywhere around it is left alone, and `||`
   * stays on its command's line (`cmd || true`).
   */
  private chains(): void {
    const ins = this.ins;
    if (ins.heredocs.length > 0 || !this.logical.includes('&&')) return;
    if (this.pieces.length === 1 && this.text.slice(this.pieces[0].start, this.pieces[0].end).length <= CHAIN_WIDTH) return;
    const scripts = shellOf(this.f.docModel, ins).scripts;
    if (scripts.length !== 1 || scripts[0].hasErrors || scripts[0].origin !== 'line') return;
    const script = scripts[0];
    const statements = script.topLevelCommands;
    const ops: { before: number; opStart: number; opEnd: number; next: number }[] = [];
    for (let j = 0; j + 1 < statements.length; j++) {
      const gap = script.text.slice(statements[j].end, statements[j + 1].start);
      if (!/^[ \t]*&&[ \t]*$/.test(gap)) continue;
      const at = statements[j].end + gap.indexOf('&&');
      const before = this.toLogical(script.toSource(statements[j].end));
      const opStart = this.toLogical(script.toSource(at));
      const opEnd = this.toLogical(script.toSource(at + 2));
      const next = this.toLogical(script.toSource(statements[j + 1].start));
      if (before === undefined || opStart === undefined || opEnd === undefined || next === undefined) continue;
      if (!(before <= opStart && opStart + 2 === opEnd && opEnd <= next)) continue;
      ops.push({ before, opStart, opEnd, next });
    }
    const leading = ops.some((o) => this.joinsIn(o.before, o.opStart).length > 0);
    for (const o of ops) {
      if (this.joinsIn(o.before, o.next).length > 0) continue;
      const [from, to] = leading ? [o.before, o.opStart] : [o.opEnd, o.next];
      if (this.covered(from) || this.anyLiteral(from, to)) continue;
      this.replace(from, to, [' ' + this.f.escapeChar, { brk: [], next: 0, flat: true }]);
    }
  }

  private trailing(): void {
    let end = this.logical.length;
    while (end > 0 && isBlank(this.logical.charCodeAt(end - 1))) end--;
    if (end < this.logical.length && !this.covered(end) && this.joinsIn(end, this.logical.length).length === 0) this.replace(end, this.logical.length, []);
  }

  /**
   * Exec form: `["a", "b"]`, the same strings re-encoded as JSON. A line break between two elements
   * stays (as `, \` and indentation); an element broken across lines leaves the array as written.
   */
  private layoutJson(target: Instruction, from: number): boolean {
    const { logical } = this;
    let end = logical.length;
    while (end > from && isBlank(logical.charCodeAt(end - 1))) end--;
    if (logical[from] !== '[' || logical[end - 1] !== ']') return false;
    const elements = target.keyword === 'HEALTHCHECK' ? target.args.slice(1) : target.args;
    const tokens: { from: number; to: number; text: string }[] = [{ from, to: from + 1, text: '[' }];
    for (const el of elements) {
      const start = this.toLogical(el.start);
      const lastChar = this.toLogical(el.end - 1);
      if (start === undefined || lastChar === undefined) return false;
      tokens.push({ from: start, to: lastChar + 1, text: JSON.stringify(el.value) });
    }
    tokens.push({ from: end - 1, to: end, text: ']' });
    for (let i = 0; i < tokens.length; i++) {
      if (this.joinsIn(tokens[i].from + 1, tokens[i].to - 1).length > 0) return false;
      if (i > 0 && tokens[i].from < tokens[i - 1].to) return false;
    }
    const out: Out[] = [];
    for (let i = 0; i < tokens.length; i++) {
      out.push(tokens[i].text);
      if (i + 1 === tokens.length) break;
      const betweenElements = i > 0 && i + 1 < tokens.length - 1;
      const gapFrom = tokens[i].to;
      const gapTo = tokens[i + 1].from;
      const crossed = this.joinsIn(gapFrom, gapTo);
      if (crossed.length === 0) out.push(betweenElements ? ', ' : '');
      else out.push((betweenElements ? ',' : '') + ' ' + this.f.escapeChar, { brk: crossed, next: this.pieceAt(gapTo).start, flat: true });
    }
    this.replace(from, end, out);
    this.mask.fill(1, from, end);
    return true;
  }

  private render(): string[] | undefined {
    const { logical, pieces } = this;
    const escape = this.f.escapeChar;
    const reps = this.replacements.sort((a, b) => a.from - b.from || a.to - b.to);
    const emitted = new Set<number>(this.tailJoins);
    for (const r of reps) for (const o of r.out) if (typeof o !== 'string') for (const k of o.brk) emitted.add(k);
    const out: Out[] = [];
    const copy = (from: number, to: number) => {
      // Untouched text: a continuation inside it stays where it was, with both lines as written.
      let at = from;
      for (let k = 0; k + 1 < pieces.length; k++) {
        const join = pieces[k + 1].logical;
        if (emitted.has(k) || join < from || join > to) continue;
        out.push(logical.slice(at, join) + escape, { brk: [k] });
        emitted.add(k);
        at = join;
      }
      out.push(logical.slice(at, to));
    };
    let pos = 0;
    for (const r of reps) {
      if (r.from < pos) return undefined;
      copy(pos, r.from);
      out.push(...r.out);
      pos = r.to;
    }
    copy(pos, logical.length);
    for (let k = 0; k + 1 < pieces.length; k++) if (!emitted.has(k)) return undefined;

    const base = this.baseIndent(out);
    const lines: string[] = [];
    let current = '';
    const comments = (k: number) => {
      for (const c of pieces[k].commentsAfter) {
        const indent = leadingBlanks(this.text, c.start);
        lines.push(this.indentFor(indent, base) + trimEndBlanks(this.text.slice(c.start + indent.length, c.end)));
      }
    };
    for (const o of out) {
      if (typeof o === 'string') {
        current += o;
        continue;
      }
      lines.push(current);
      for (const k of o.brk) comments(k);
      current = o.next === undefined ? '' : o.flat ? this.f.unit : this.indentFor(leadingBlanks(this.text, o.next), base);
    }
    const last = pieces[pieces.length - 1];
    // A continuation on the very last line (end of file) stays, with the comments after it.
    if (last.escape !== undefined) current = trimEndBlanks(current) + ' ' + escape;
    lines.push(current);
    for (const k of this.tailJoins) comments(k);
    comments(pieces.length - 1);
    return lines;
  }

  private replace(from: number, to: number, out: Out[]): void {
    this.replacements.push({ from, to, out });
  }

  private covered(at: number): boolean {
    return this.replacements.some((r) => at >= r.from && at < r.to);
  }

  private consumed(k: number): boolean {
    return this.tailJoins.includes(k) || this.replacements.some((r) => r.out.some((o) => typeof o !== 'string' && o.brk.includes(k)));
  }

  private anyLiteral(from: number, to: number): boolean {
    for (let i = from; i < to; i++) if (this.mask[i]) return true;
    return false;
  }

  /** Indices k of the joins (between piece k and k+1) at logical offsets in [from, to]. */
  private joinsIn(from: number, to: number): number[] {
    const out: number[] = [];
    for (let k = 0; k + 1 < this.pieces.length; k++) {
      const join = this.pieces[k + 1].logical;
      if (join >= from && join <= to) out.push(k);
    }
    return out;
  }

  private crossesLine(from: number, to: number): boolean {
    return this.joinsIn(from + 1, to - 1).length > 0;
  }

  /** The content line where logical offset `at` is (the last non-empty piece starting at or before it). */
  private pieceAt(at: number): Piece {
    let found = this.pieces[0];
    for (const p of this.pieces) if (p.logical <= at && p.end > p.start) found = p;
    return found;
  }

  /** The smallest indentation among the code lines to re-indent: the level everything is measured from. */
  private baseIndent(out: Out[]): number {
    const { tabSize } = this.f.formatOptions;
    let base = Infinity;
    for (const o of out) if (typeof o !== 'string' && o.next !== undefined && !o.flat) base = Math.min(base, columns(leadingBlanks(this.text, o.next), tabSize));
    // Comment lines follow the code's level; they set it only when there is no re-indented code line.
    if (base === Infinity) for (const p of this.pieces) for (const c of p.commentsAfter) base = Math.min(base, columns(leadingBlanks(this.text, c.start), tabSize));
    return base === Infinity ? 0 : base;
  }

  /** One indentation unit, plus whatever the line had beyond the base (hand-made nesting kept). */
  private indentFor(original: string, base: number): string {
    const { tabSize, insertSpaces } = this.f.formatOptions;
    const extra = Math.max(0, columns(original, tabSize) - base);
    if (insertSpaces !== false) return this.f.unit + ' '.repeat(extra);
    return this.f.unit + '\t'.repeat(Math.floor(extra / tabSize)) + ' '.repeat(extra % tabSize);
  }
}

function leadingBlanks(text: string, start: number): string {
  let end = start;
  while (end < text.length && isBlank(text.charCodeAt(end))) end++;
  return text.slice(start, end);
}

function isBlankLine(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isGoSpace(text.charCodeAt(i))) return false;
  return true;
}

function contentEnd(text: string, next: number, start: number): number {
  let end = next;
  while (end > start && (text[end - 1] === '\n' || text[end - 1] === '\r')) end--;
  return end;
}

