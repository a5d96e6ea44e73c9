// A document's text as a list of flat strings of a few thousand characters each, so that an edit
// makes the new version in time independent of the file's length: the chunk (or chunks) the edit
// touches are joined with the inserted text and cut again, the others are shared with the old
// version (nothing is changed in place: every version stays valid). The text joined into one string
// is made only when asked for (`toString`), then kept.
//
// Why: a 3 MB string edited as `old.slice(0, a) + text + old.slice(b)` is a tree of pieces that V8
// copies into one fresh flat string the first time anyone reads a character of it: 7 ms of CPU on a
// quiet machine and 17-23 ms under load per keystroke at 100k lines (bench/editParts.mjs, "text").
//
// Lines are the LSP's (a line ends at `\n`, `\r\n` or a lone `\r`). No chunk but the last ends with
// `\r`, so a `\r\n` is never cut in two and every line break is seen whole inside one chunk.
import { computeLineStarts } from './lineIndex';
import type { SourceText } from './sourceText';

/** Characters per chunk when a text is cut (a rebuilt run is cut again when it reaches twice that). */
export const CHUNK = 16384;

interface Chunk {
  readonly text: string;
  /** Where a line starts inside the chunk, after each line break in it: offsets in (0, text.length]. Made on first read. */
  breaks?: number[];
}

export class ChunkedText implements SourceText {
  /** The whole text as one string, once made (or the string the text was made from). */
  private flat: string | undefined;
  /** Per chunk, the line breaks in the chunks before it (one more entry: all of them). Made on first read. */
  private breaksBefore: number[] | undefined;
  /** The chunk of the last character read: reads mostly go forward from it. */
  private recent = 0;

  private constructor(
    private readonly chunks: readonly Chunk[],
    /** Per chunk, its start offset (one more entry: the length). */
    private readonly starts: readonly number[],
    private readonly chunkSize: number,
    flat?: string,
  ) {
    this.flat = flat;
  }

  /** `text` cut into chunks (slices of it: no copy). */
  static of(text: string, chunkSize = CHUNK): ChunkedText {
    const chunks: Chunk[] = [];
    const starts: number[] = [];
    for (const [from, to] of cuts(text, 0, chunkSize)) {
      starts.push(from);
      chunks.push({ text: text.slice(from, to) });
    }
    starts.push(text.length);
    return new ChunkedText(chunks, starts, chunkSize, text);
  }

  get length(): number {
    return this.starts[this.starts.length - 1];
  }

  /** Number of chunks (for tests and benches). */
  get chunkCount(): number {
    return this.chunks.length;
  }

  /** Whether the whole text has been made as one string (tests check that an edit's path never does). */
  get joined(): boolean {
    return this.flat !== undefined;
  }

  /** Start offset of chunk `c` (for tests and benches). */
  chunkStart(c: number): number {
    return this.starts[c];
  }

  charCodeAt(index: number): number {
    if (!(index >= 0 && index < this.length)) return NaN;
    const c = this.chunkAt(index);
    return this.chunks[c].text.charCodeAt(index - this.starts[c]);
  }

  charAt(index: number): string {
    if (!(index >= 0 && index < this.length)) return '';
    const c = this.chunkAt(index);
    return this.chunks[c].text.charAt(index - this.starts[c]);
  }

  slice(start = 0, end = this.length): string {
    const length = this.length;
    const from = clampIndex(start, length);
    const to = clampIndex(end, length);
    if (to <= from) return '';
    if (this.flat !== undefined) return this.flat.slice(from, to);
    let c = this.chunkAt(from);
    const { chunks, starts } = this;
    if (to <= starts[c + 1]) return chunks[c].text.slice(from - starts[c], to - starts[c]);
    let out = chunks[c].text.slice(from - starts[c]);
    for (c++; starts[c + 1] < to; c++) out += chunks[c].text;
    return out + chunks[c].text.slice(0, to - starts[c]);
  }

  indexOf(search: string, from = 0): number {
    const length = this.length;
    const at = Math.min(Math.max(0, Math.trunc(from) || 0), length);
    if (search.length === 0) return at;
    if (this.flat !== undefined) return this.flat.indexOf(search, at);
    const { chunks, starts } = this;
    const m = search.length;
    for (let c = this.chunkAt(Math.min(at, length - 1)); c < chunks.length; c++) {
      const inside = chunks[c].text.indexOf(search, Math.max(0, at - starts[c]));
      if (inside !== -1) return starts[c] + inside;
      const border = starts[c + 1];
      if (border >= length) break;
      // A match across the border starts in the last m - 1 characters of this chunk.
      const windowStart = Math.max(at, border - m + 1);
      const found = this.slice(windowStart, Math.min(length, border + m - 1)).indexOf(search);
      if (found !== -1) return windowStart + found;
    }
    return -1;
  }

  lastIndexOf(search: string, from = Infinity): number {
    const length = this.length;
    const at = Number.isNaN(from) ? length : Math.min(Math.max(0, Math.trunc(from)), length);
    if (this.flat !== undefined) return this.flat.lastIndexOf(search, at);
    const m = search.length;
    if (m === 0) return at;
    const { chunks, starts } = this;
    for (let c = this.chunkAt(Math.min(at, Math.max(0, length - 1))); c >= 0; c--) {
      // A match across the border after this chunk starts later than any inside it.
      const border = starts[c + 1];
      if (border < length) {
        const windowStart = Math.max(0, border - m + 1);
        const last = Math.min(at, border - 1);
        if (windowStart <= last) {
          const found = this.slice(windowStart, Math.min(length, border + m - 1)).lastIndexOf(search, last - windowStart);
          if (found !== -1) return windowStart + found;
        }
      }
      const inside = chunks[c].text.lastIndexOf(search, at - starts[c]);
      if (inside !== -1) return starts[c] + inside;
    }
    return -1;
  }

  startsWith(search: string, position = 0): boolean {
    const at = Math.min(Math.max(0, Math.trunc(position) || 0), this.length);
    return this.slice(at, at + search.length) === search;
  }

  toString(): string {
    return (this.flat ??= this.chunks.map((c) => c.text).join(''));
  }

  /** The text with [start, end) replaced by `text` (offsets in this version, start <= end). */
  edited(start: number, end: number, text: string): ChunkedText {
    const { chunks, starts, chunkSize } = this;
    const n = chunks.length;
    let first = this.chunkAt(Math.min(start, this.length - 1));
    let last = end > start ? this.chunkAt(end - 1) : first;
    if (this.length === 0) first = last = 0;
    let run = chunks[first].text.slice(0, start - starts[first]) + text + chunks[last].text.slice(end - starts[last]);
    let runStart = starts[first];
    // A run ending with `\r` takes the next chunk (its `\n` may follow); a small run takes a neighbour.
    const absorbNext = () => last + 1 < n && (run.charCodeAt(run.length - 1) === 13 || run.length < chunkSize / 4);
    while (absorbNext()) run += chunks[++last].text;
    if (run.length < chunkSize / 4 && first > 0) {
      first--;
      runStart = starts[first];
      run = chunks[first].text + run;
    }
    const newChunks: Chunk[] = chunks.slice(0, first);
    const newStarts: number[] = starts.slice(0, first);
    const pieces = run.length >= 2 * chunkSize ? cuts(run, 0, chunkSize) : [[0, run.length]];
    for (const [from, to] of pieces) {
      if (to === from && (newChunks.length > 0 || last + 1 < n)) continue;
      newStarts.push(runStart + from);
      newChunks.push({ text: pieces.length > 1 ? run.slice(from, to) : run });
    }
    const delta = text.length - (end - start);
    for (let c = last + 1; c < n; c++) {
      newChunks.push(chunks[c]);
      newStarts.push(starts[c] + delta);
    }
    newStarts.push(this.length + delta);
    return new ChunkedText(newChunks, newStarts, chunkSize);
  }

  /** Number of lines (a text ending with a line break has an empty last line). */
  get lineCount(): number {
    const before = this.lineBreaks();
    return before[before.length - 1] + 1;
  }

  /** Start offset of `line` (0-based, below lineCount). */
  lineStart(line: number): number {
    if (line <= 0) return 0;
    const before = this.lineBreaks();
    // The chunk holding the break that starts `line`: the last with fewer than `line` breaks before it.
    let lo = 0;
    let hi = this.chunks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (before[mid] < line) lo = mid;
      else hi = mid - 1;
    }
    return this.starts[lo] + breaksOf(this.chunks[lo])[line - before[lo] - 1];
  }

  /** The line holding `offset` (clamped to the text). */
  lineOf(offset: number): number {
    const at = Math.min(Math.max(0, offset), this.length);
    const before = this.lineBreaks();
    const c = this.chunkAt(Math.min(at, Math.max(0, this.length - 1)));
    const breaks = breaksOf(this.chunks[c]);
    const local = at - this.starts[c];
    let lo = 0;
    let hi = breaks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (breaks[mid] <= local) lo = mid + 1;
      else hi = mid;
    }
    return before[c] + lo;
  }

  private lineBreaks(): number[] {
    if (this.breaksBefore) return this.breaksBefore;
    const before = [0];
    let sum = 0;
    for (const chunk of this.chunks) before.push((sum += breaksOf(chunk).length));
    return (this.breaksBefore = before);
  }

  /** The chunk holding `index` (0 <= index < length; 0 for an empty text). */
  private chunkAt(index: number): number {
    const { starts } = this;
    const r = this.recent;
    if (starts[r] <= index && index < starts[r + 1]) return r;
    if (r + 1 < this.chunks.length && starts[r + 1] <= index && index < starts[r + 2]) return (this.recent = r + 1);
    let lo = 0;
    let hi = this.chunks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= index) lo = mid;
      else hi = mid - 1;
    }
    return (this.recent = lo);
  }
}

/** Where to cut `text` from `from` into pieces of about `size`: never just after a `\r` (it may be a `\r\n`'s). */
function cuts(text: string, from: number, size: number): [number, number][] {
  const out: [number, number][] = [];
  let at = from;
  do {
    let to = Math.min(text.length, at + size);
    while (to < text.length && text.charCodeAt(to - 1) === 13) to++;
    // A short last piece joins the one before it.
    if (text.length - to < size / 4) to = text.length;
    out.push([at, to]);
    at = to;
  } while (at < text.length);
  return out;
}

function breaksOf(chunk: Chunk): number[] {
  // The chunk's LSP line starts but the first (lineIndex.ts reads `\n`, `\r\n` and lone `\r` as this file does).
  return (chunk.breaks ??= computeLineStarts(chunk.text).slice(1));
}

function clampIndex(i: number, length: number): number {
  const n = Math.trunc(i) || 0;
  return n < 0 ? Math.max(0, length + n) : Math.min(n, length);
}
