// What the Dockerfile side reads of a document's text. A plain string is one (the open path, the
// CLI and the tests pass strings); an edited document's text is a ChunkedText (common/chunkedText.ts),
// which answers these reads from its chunks without joining them: joining is a copy of the whole
// file, which an edit of a large file cannot afford on every keystroke. Offsets are UTF-16 units.
export interface SourceText {
  readonly length: number;
  /** NaN outside [0, length), as a string's. */
  charCodeAt(index: number): number;
  /** '' outside [0, length), as a string's. */
  charAt(index: number): string;
  /** As a string's slice (negative offsets count from the end). */
  slice(start?: number, end?: number): string;
  indexOf(search: string, from?: number): number;
  lastIndexOf(search: string, from?: number): number;
  startsWith(search: string, position?: number): boolean;
  /** The whole text as one string (a chunked text joins it on the first call, then keeps it). */
  toString(): string;
}

/** The whole text of `source` as one string. */
export function flatText(source: SourceText): string {
  return typeof source === 'string' ? source : source.toString();
}
