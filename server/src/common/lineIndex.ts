// Offsets inside, line/character only at the edge: one conversion table per document version.
import type { Position, Range } from 'vscode-languageserver-types';
import type { Span } from './span';
import { lastAtMost, type LineStarts } from './lineStarts';
import type { SourceText } from './sourceText';

/**
 * Start offset of every line as the LSP (and every client) counts lines: a line ends at `\n`, `\r\n`
 * or a lone `\r`. Positions sent to a client must use these lines, or a file with a lone `\r` puts
 * every range below it on the wrong line.
 */
export function computeLineStarts(text: string): number[] {
  const starts = [0];
  if (!text.includes('\r')) return computeNewlineStarts(text);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

/** Start offset of every line broken at `\n` only: BuildKit's physical lines (a lone `\r` is text to it). */
export function computeNewlineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

export class LineIndex {
  private array: number[] | undefined;
  private chunked: LineStarts | undefined;

  /** `lineStarts`: one list, or the chunked table an edited document's tree keeps (see lineStarts.ts). */
  constructor(
    readonly text: SourceText,
    lineStarts: number[] | LineStarts = computeLineStarts(text.toString()),
  ) {
    if (Array.isArray(lineStarts)) this.array = lineStarts;
    else this.chunked = lineStarts;
  }

  /** Every line's start offset as one list (made on first read from a table: prefer `lineStart`). */
  get lineStarts(): number[] {
    return (this.array ??= this.chunked!.toArray());
  }

  get lineCount(): number {
    return this.chunked ? this.chunked.count : this.array!.length;
  }

  /** Start offset of `line` (0-based, below lineCount). */
  lineStart(line: number): number {
    return this.chunked ? this.chunked.at(line) : this.array![line];
  }

  lineOf(offset: number): number {
    return this.chunked ? this.chunked.lineOf(offset) : Math.max(0, lastAtMost(this.array!, offset));
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    const line = this.lineOf(clamped);
    // An offset inside a line break (between `\r` and `\n`) is the end of the line.
    return { line, character: Math.min(clamped, this.lineEnd(line)) - this.lineStart(line) };
  }

  offsetAt(position: Position): number {
    if (position.line >= this.lineCount) return this.text.length;
    if (position.line < 0) return 0;
    const start = this.lineStart(position.line);
    const end = this.lineEnd(position.line);
    return Math.min(start + Math.max(0, position.character), end);
  }

  /** Offset just before the line's break (`\r\n`, `\n` or `\r`). */
  lineEnd(line: number): number {
    if (line < 0) return 0;
    if (line + 1 >= this.lineCount) return this.text.length;
    const next = this.lineStart(line + 1);
    return next - 2 >= this.lineStart(line) && this.text.charCodeAt(next - 2) === 13 && this.text.charCodeAt(next - 1) === 10 ? next - 2 : next - 1;
  }

  lineText(line: number): string {
    if (line < 0 || line >= this.lineCount) return '';
    return this.text.slice(this.lineStart(line), this.lineEnd(line));
  }

  rangeOf(span: Span): Range {
    return { start: this.positionAt(span.start), end: this.positionAt(span.end) };
  }
}

export function contains(span: Span, offset: number): boolean {
  return offset >= span.start && offset <= span.end;
}
