// Offsets inside, line/character only at the edge: one conversion table per document version.
import type { Position, Range } from 'vscode-languageserver-types';
import type { Span } from '../dockerfile/parser/ast';

/** Start offset of every line; a line ends at `\n` (a preceding `\r` stays in the line). */
export function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

export class LineIndex {
  constructor(readonly text: string, readonly lineStarts: number[] = computeLineStarts(text)) {}

  get lineCount(): number {
    return this.lineStarts.length;
  }

  lineOf(offset: number): number {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    const line = this.lineOf(clamped);
    return { line, character: clamped - this.lineStarts[line] };
  }

  offsetAt(position: Position): number {
    if (position.line >= this.lineStarts.length) return this.text.length;
    if (position.line < 0) return 0;
    const start = this.lineStarts[position.line];
    const end = this.lineEnd(position.line);
    return Math.min(start + Math.max(0, position.character), end);
  }

  /** Offset just before the line's newline (`\r\n` or `\n`). */
  lineEnd(line: number): number {
    if (line + 1 >= this.lineStarts.length) return this.text.length;
    const newline = this.lineStarts[line + 1] - 1;
    return newline > this.lineStarts[line] && this.text[newline - 1] === '\r' ? newline - 1 : newline;
  }

  lineText(line: number): string {
    return this.text.slice(this.lineStarts[line], this.lineEnd(line));
  }

  rangeOf(span: Span): Range {
    return { start: this.positionAt(span.start), end: this.positionAt(span.end) };
  }
}

export function contains(span: Span, offset: number): boolean {
  return offset >= span.start && offset <= span.end;
}
