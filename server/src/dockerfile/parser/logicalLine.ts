// A logical line: the text BuildKit sees after joining continuation lines, with a map back to
// source offsets so every token found in it gets an exact source span.
import type { SourceText } from '../../common/sourceText';
import type { Span } from './ast';

export class LogicalLine {
  text = '';
  /** Runs of source appended so far. The first run's place in the source is kept in two numbers. */
  private runs = 0;
  private firstSource = 0;
  private firstLength = 0;
  /**
   * From a second run on, every run, three numbers each: where it starts in the text, where in the
   * source, and its length. Most instructions are one line: they use none. The first `count` are
   * this line's: a line started again (`restart`) writes over the list it had.
   */
  private segments: number[] | undefined = undefined;
  private count = 0;

  /** `origin`: the source offset an empty line maps to. */
  constructor(private origin = 0) {}

  /** The line emptied, to be built again from `origin` (the parser builds every instruction in one). */
  restart(origin: number): this {
    this.text = '';
    this.runs = 0;
    this.firstSource = 0;
    this.firstLength = 0;
    this.count = 0;
    this.origin = origin;
    return this;
  }

  append(source: SourceText, sourceStart: number, sourceEnd: number): void {
    if (sourceEnd <= sourceStart) return;
    const length = sourceEnd - sourceStart;
    if (this.runs === 0) {
      this.firstSource = sourceStart;
      this.firstLength = length;
    } else {
      const segs = (this.segments ??= []);
      if (this.count === 0) {
        segs[0] = 0;
        segs[1] = this.firstSource;
        segs[2] = this.firstLength;
        this.count = 3;
      }
      segs[this.count++] = this.text.length;
      segs[this.count++] = sourceStart;
      segs[this.count++] = length;
    }
    this.runs++;
    this.text += source.slice(sourceStart, sourceEnd);
  }

  /** For a line kept after it is built (a shell script maps offsets through it): its list at its length. */
  done(): this {
    if (this.segments) this.segments = this.segments.slice(0, this.count);
    return this;
  }

  /** True when the text is one run of the source (not joined from several lines). */
  get oneRun(): boolean {
    return this.runs <= 1;
  }

  /** Source offset of the character at a logical index (the end of the text maps past its last char). */
  toSource(index: number): number {
    if (this.runs === 0) return this.origin + index;
    // One run: the text is that run (past its end too, an index maps on from its start).
    if (this.count === 0) return this.firstSource + index;
    const segs = this.segments!;
    if (index >= this.text.length) {
      const last = this.count - 3;
      return segs[last + 1] + segs[last + 2] + (index - this.text.length);
    }
    let lo = 0;
    let hi = this.count / 3 - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (segs[3 * mid] <= index) lo = mid;
      else hi = mid - 1;
    }
    return segs[3 * lo + 1] + (index - segs[3 * lo]);
  }

  /** Source span of the logical range [start, end). */
  span(start: number, end: number): Span {
    const s = this.toSource(start);
    if (end <= start) return { start: s, end: s };
    return { start: s, end: this.toSource(end - 1) + 1 };
  }

  /** The source end of the logical range [start, end) (`span(start, end).end` without the span). */
  endOf(start: number, end: number): number {
    return end <= start ? this.toSource(start) : this.toSource(end - 1) + 1;
  }
}

/** Go's unicode.IsSpace, which BuildKit uses to trim and split. */
export function isGoSpace(code: number): boolean {
  if (code <= 0xff) return code === 0x20 || (code >= 0x09 && code <= 0x0d) || code === 0x85 || code === 0xa0;
  return (
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000
  );
}

/** BuildKit's `[\t\v\f\r ]` word separator (no newline: lines are already split). */
export function isSeparator(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0b || code === 0x0c || code === 0x0d;
}

export function trimStartIndex(text: string, from: number, to: number): number {
  while (from < to && isGoSpace(text.charCodeAt(from))) from++;
  return from;
}

export function trimEndIndex(text: string, from: number, to: number): number {
  while (to > from && isGoSpace(text.charCodeAt(to - 1))) to--;
  return to;
}
