// The server's open documents: an LSP TextDocument over a ChunkedText (common/chunkedText.ts). An
// edit makes a new document (the old one stays valid) in time independent of the file's length;
// vscode-languageserver-textdocument's would build the new text as one string, which V8 copies
// whole on its first read (a fresh 3 MB every keystroke at 100k lines). Positions, offsets and
// lines answer as that library's do (a property test holds it to that).
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, Range } from 'vscode-languageserver-types';
import { ChunkedText } from './common/chunkedText';

export class ChunkedDocument implements TextDocument {
  constructor(
    readonly uri: string,
    readonly languageId: string,
    readonly version: number,
    /** The text, read without joining it (see common/sourceText.ts). */
    readonly text: ChunkedText,
  ) {}

  static create(uri: string, languageId: string, version: number, content: string, chunkSize?: number): ChunkedDocument {
    return new ChunkedDocument(uri, languageId, version, ChunkedText.of(content, chunkSize));
  }

  /** The text with [start, end) (offsets, start <= end) replaced by `text`, as version `version`. */
  edited(start: number, end: number, text: string, version: number): ChunkedDocument {
    return new ChunkedDocument(this.uri, this.languageId, version, this.text.edited(start, end, text));
  }

  /** The whole text replaced. */
  replaced(content: string, version: number, chunkSize?: number): ChunkedDocument {
    return ChunkedDocument.create(this.uri, this.languageId, version, content, chunkSize);
  }

  /** The whole text (joined on the first call, then kept) or a range of it. */
  getText(range?: Range): string {
    if (!range) return this.text.toString();
    return this.text.slice(this.offsetAt(range.start), this.offsetAt(range.end));
  }

  get lineCount(): number {
    return this.text.lineCount;
  }

  positionAt(offset: number): Position {
    const at = Math.max(Math.min(offset, this.text.length), 0);
    const line = this.text.lineOf(at);
    const lineStart = this.text.lineStart(line);
    return { line, character: this.beforeLineBreak(at, lineStart) - lineStart };
  }

  offsetAt(position: Position): number {
    const { text } = this;
    if (position.line >= text.lineCount) return text.length;
    if (position.line < 0) return 0;
    const lineStart = text.lineStart(position.line);
    if (position.character <= 0) return lineStart;
    return this.beforeLineBreak(Math.min(lineStart + position.character, this.nextLineStart(position.line)), lineStart);
  }

  /** The line's range without its line break (the last line's for a line below the text). */
  getLineRange(line: number): Range {
    const { text } = this;
    if (line < 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    if (line >= text.lineCount) {
      const last = text.lineCount - 1;
      return { start: { line: last, character: 0 }, end: { line: last, character: text.length - text.lineStart(last) } };
    }
    const start = text.lineStart(line);
    return { start: { line, character: 0 }, end: { line, character: this.beforeLineBreak(this.nextLineStart(line), start) - start } };
  }

  /** The line break ending `line` ('' for the last line and lines outside the text). */
  getEOLCharacters(line: number): string {
    if (line < 0 || line >= this.text.lineCount) return '';
    const next = this.nextLineStart(line);
    return this.text.slice(this.beforeLineBreak(next, this.text.lineStart(line)), next);
  }

  private nextLineStart(line: number): number {
    return line + 1 < this.text.lineCount ? this.text.lineStart(line + 1) : this.text.length;
  }

  /** `offset` moved back over the line break it is in or after (never before `lineStart`). */
  private beforeLineBreak(offset: number, lineStart: number): number {
    let at = offset;
    for (let c = this.text.charCodeAt(at - 1); at > lineStart && (c === 10 || c === 13); c = this.text.charCodeAt(--at - 1));
    return at;
  }
}

/** The range with its ends in order (a client may send them reversed). */
export function orderedRange(range: Range): Range {
  const { start, end } = range;
  return start.line > end.line || (start.line === end.line && start.character > end.character) ? { start: end, end: start } : range;
}
