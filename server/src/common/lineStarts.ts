// The start offset of every line, kept in chunks of a few hundred lines so that an edit makes a new
// version in time independent of the file's length: the chunks the edit touches are rebuilt, the
// ones after it are shared with the old version and moved by one number per chunk. Every version
// stays valid (nothing is changed in place), so an old tree still answers for its own text.

/** Lines per chunk when a rebuilt run is cut (it is cut when it reaches twice that). */
const CHUNK = 512;

export class LineStarts {
  private constructor(
    /** Start offsets, each chunk in the offsets of the version that made it. */
    private readonly chunks: readonly (readonly number[])[],
    /** Per chunk: what to add to its stored offsets in this version. */
    private readonly shifts: readonly number[],
    /** Per chunk: the number of its first line. */
    private readonly firsts: readonly number[],
    /** Number of lines. */
    readonly count: number,
  ) {}

  /**
   * The line starts of a parsed text as one chunk: no copy, and the list stays the parse's (it is
   * never changed). The first edit cuts it into chunks as it rebuilds the chunk it touches.
   */
  static of(starts: readonly number[]): LineStarts {
    return new LineStarts([starts], [0], [0], starts.length);
  }

  /** Start offset of line `line` (0-based, below `count`). */
  at(line: number): number {
    const c = this.chunkOfLine(line);
    return this.chunks[c][line - this.firsts[c]] + this.shifts[c];
  }

  /** The line containing `offset`: the last line starting at or before it (0 before the first). */
  lineOf(offset: number): number {
    const { chunks, shifts } = this;
    let lo = 0;
    let hi = chunks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (chunks[mid][0] + shifts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return this.firsts[lo] + Math.max(0, lastAtMost(chunks[lo], offset - shifts[lo]));
  }

  toArray(): number[] {
    const out: number[] = new Array(this.count);
    let i = 0;
    this.chunks.forEach((chunk, c) => {
      const by = this.shifts[c];
      for (const start of chunk) out[i++] = start + by;
    });
    return out;
  }

  /**
   * The line starts after the text [start, end) was replaced by `text`: the lines that started
   * inside it go, one starts after each newline of `text`, and the later ones move by the change in length.
   */
  edited(start: number, end: number, text: string): LineStarts {
    const delta = text.length - (end - start);
    // Lines [from, to) started inside the replaced text (line 0 starts at 0, never after `start`).
    const from = this.lineOf(start) + 1;
    const to = this.lineOf(end) + 1;
    // The chunks holding line from - 1 through line to - 1 are rebuilt; a small run takes the next chunk too.
    const first = this.chunkOfLine(from - 1);
    let last = this.chunkOfLine(to - 1);
    const run: number[] = [];
    for (let c = first; c <= last; c++) this.appendChunk(run, c);
    const runFirst = this.firsts[first];
    const added: number[] = [];
    for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) added.push(start + at + 1);
    const kept = run.slice(to - runFirst);
    run.length = from - runFirst;
    for (const a of added) run.push(a);
    for (const k of kept) run.push(k + delta);
    if (run.length < CHUNK / 2 && last + 1 < this.chunks.length) {
      last++;
      const c = last;
      for (const s of this.chunks[c]) run.push(s + this.shifts[c] + delta);
    }
    const chunks = this.chunks.slice(0, first);
    const shifts = this.shifts.slice(0, first);
    const firsts = this.firsts.slice(0, first);
    const size = run.length >= 2 * CHUNK ? CHUNK : run.length;
    for (let at = 0; at < run.length; at += size) {
      chunks.push(run.slice(at, at + size));
      shifts.push(0);
      firsts.push(runFirst + at);
    }
    const lineDelta = added.length - (to - from);
    for (let c = last + 1; c < this.chunks.length; c++) {
      chunks.push(this.chunks[c]);
      shifts.push(this.shifts[c] + delta);
      firsts.push(this.firsts[c] + lineDelta);
    }
    return new LineStarts(chunks, shifts, firsts, this.count + lineDelta);
  }

  private appendChunk(out: number[], c: number): void {
    const by = this.shifts[c];
    for (const s of this.chunks[c]) out.push(s + by);
  }

  private chunkOfLine(line: number): number {
    return Math.max(0, lastAtMost(this.firsts, line));
  }
}

/** The last index of the ascending `list` whose value is at most `value` (-1 when none is). */
export function lastAtMost(list: readonly number[], value: number): number {
  let lo = -1;
  let hi = list.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (list[mid] <= value) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
