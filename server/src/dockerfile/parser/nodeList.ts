// A list of a tree's positioned nodes (instructions, comment lines) kept in parts of a few hundred,
// so that an edit makes the next version in time independent of the file's length: the parts the
// edit touches are made again, the ones after it are shared with the old version and moved by two
// numbers per part (characters and lines), and a node of a moved part is made in this version's
// offsets only when someone reads it (then kept, so one version always hands out the same object
// for the same index). Every version stays valid: nothing is changed in place, so an old tree still
// answers for its own text.
import type { Span } from '../../common/span';
import { lastAtMost } from '../../common/lineStarts';

/** What the tree's readers see of such a list. */
export interface NodeList<T extends Span> {
  readonly length: number;
  /** Node `i` (0-based, below `length`) in this version's offsets; undefined out of range, as an array's. */
  at(i: number): T;
  /** The index of the first node starting at or after `offset` (`length` when none does). */
  firstFrom(offset: number): number;
  /** Nodes [from, to) as an array. */
  slice(from: number, to: number): T[];
  /** Every node as an array, made on first read and kept (the array is the list's: not to be changed). */
  toArray(): T[];
  /** The nodes in order, each made when the loop reaches it (a loop that stops early makes no more). */
  [Symbol.iterator](): Iterator<T>;
}

/** A node `by` characters and `lines` lines further down (a new object; the old one stays as it is). */
export type Move<T> = (node: T, by: number, lines: number) => T;

/** Nodes per part when a rebuilt run is cut (it is cut when it reaches twice that). */
export const PART_SIZE = 256;

/** Some nodes as one version made them, and how far this version has moved them since. */
class Part<T> {
  /** The moved nodes read so far, by index in the part (only when the part moved). */
  views: T[] | undefined = undefined;

  constructor(
    readonly nodes: readonly T[],
    readonly by: number,
    readonly lines: number,
  ) {}

  get moved(): boolean {
    return this.by !== 0 || this.lines !== 0;
  }
}

export class ShiftedList<T extends Span> implements NodeList<T> {
  private array: T[] | undefined;

  private constructor(
    private readonly parts: readonly Part<T>[],
    /** Per part: the index of its first node. */
    private readonly firsts: readonly number[],
    readonly length: number,
    private readonly move: Move<T>,
  ) {}

  /** A parse's nodes as one part, without a copy (the array stays the parse's: it is never changed). */
  static of<T extends Span>(nodes: T[], move: Move<T>): ShiftedList<T> {
    const list = new ShiftedList(nodes.length > 0 ? [new Part<T>(nodes, 0, 0)] : [], nodes.length > 0 ? [0] : [], nodes.length, move);
    list.array = nodes;
    return list;
  }

  at(i: number): T {
    // Out of range: undefined, as an array's index would give (the type says T, as an array's does).
    if (i < 0 || i >= this.length) return undefined as unknown as T;
    const p = this.partOf(i);
    return this.inPart(this.parts[p], i - this.firsts[p]);
  }

  firstFrom(offset: number): number {
    // The first part whose last node starts at or after the offset holds the answer.
    const { parts } = this;
    let lo = 0;
    let hi = parts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const part = parts[mid];
      if (part.nodes[part.nodes.length - 1].start + part.by >= offset) hi = mid;
      else lo = mid + 1;
    }
    if (lo === parts.length) return this.length;
    const part = parts[lo];
    let a = 0;
    let b = part.nodes.length - 1;
    while (a < b) {
      const mid = (a + b) >> 1;
      if (part.nodes[mid].start + part.by >= offset) b = mid;
      else a = mid + 1;
    }
    return this.firsts[lo] + a;
  }

  slice(from: number, to: number): T[] {
    if (this.array) return this.array.slice(from, to);
    const out: T[] = new Array(Math.max(0, to - from));
    for (let i = from; i < to; i++) out[i - from] = this.at(i);
    return out;
  }

  toArray(): T[] {
    if (this.array) return this.array;
    const out: T[] = new Array(this.length);
    let n = 0;
    for (const part of this.parts) for (let k = 0; k < part.nodes.length; k++) out[n++] = this.inPart(part, k);
    return (this.array = out);
  }

  *[Symbol.iterator](): Iterator<T> {
    if (this.array) {
      yield* this.array;
      return;
    }
    for (const part of this.parts) for (let k = 0; k < part.nodes.length; k++) yield this.inPart(part, k);
  }

  /**
   * The list with nodes [from, to) replaced by `inserted` (already in the new version's offsets) and
   * the nodes from `to` on moved by `by` characters and `lines` lines. Nodes before `from` are the
   * same objects as in this list. `move` makes the new list's moved nodes (by default this list's
   * way): a list whose nodes are also another list's can hand out that list's objects.
   */
  spliced(from: number, to: number, inserted: readonly T[], by: number, lines: number, move: Move<T> = this.move): ShiftedList<T> {
    const parts = this.parts.slice();
    const firsts = this.firsts.slice();
    // A part much larger than a part (a parse's single part) is cut first: only its pieces around the edit are made again.
    const cutAt = (p: number) => {
      if (p < 0 || p >= parts.length || parts[p].nodes.length < 2 * PART_SIZE) return;
      const big = parts[p];
      // Its moved nodes made first, so that the pieces hand out the same objects as the old version does.
      if (big.moved) for (let k = 0; k < big.nodes.length; k++) this.inPart(big, k);
      const pieces: Part<T>[] = [];
      const starts: number[] = [];
      for (let at = 0; at < big.nodes.length; at += PART_SIZE) {
        const piece = new Part(big.nodes.slice(at, at + PART_SIZE), big.by, big.lines);
        if (big.views) piece.views = big.views.slice(at, at + PART_SIZE);
        pieces.push(piece);
        starts.push(firsts[p] + at);
      }
      parts.splice(p, 1, ...pieces);
      firsts.splice(p, 1, ...starts);
    };
    cutAt(partIn(firsts, to > from ? to - 1 : to));
    cutAt(partIn(firsts, from));
    const first = parts.length === 0 ? 0 : Math.min(partIn(firsts, from), parts.length - 1);
    let last = parts.length === 0 ? -1 : Math.max(first, partIn(firsts, to > from ? to - 1 : from));
    if (last >= parts.length) last = parts.length - 1;
    const runFirst = first < parts.length ? firsts[first] : this.length;
    const runEnd = last >= 0 ? (last + 1 < parts.length ? firsts[last + 1] : this.length) : this.length;
    const run: T[] = [];
    const node = (i: number) => {
      const p = partIn(firsts, i);
      return this.inPart(parts[p], i - firsts[p]);
    };
    for (let i = runFirst; i < from; i++) run.push(node(i));
    for (const x of inserted) run.push(x);
    for (let i = to; i < runEnd; i++) run.push(move(node(i), by, lines));
    // A small run takes the next part in too, so that parts do not get ever smaller.
    let next = last + 1;
    if (run.length < PART_SIZE / 2 && next < parts.length) {
      const part = parts[next];
      for (let k = 0; k < part.nodes.length; k++) run.push(move(this.inPart(part, k), by, lines));
      next++;
    }
    const outParts: Part<T>[] = parts.slice(0, first);
    const outFirsts: number[] = firsts.slice(0, first);
    const size = run.length >= 2 * PART_SIZE ? PART_SIZE : Math.max(run.length, 1);
    for (let at = 0; at < run.length; at += size) {
      outParts.push(new Part(run.slice(at, at + size), 0, 0));
      outFirsts.push(runFirst + at);
    }
    const shift = inserted.length - (to - from);
    for (let p = next; p < parts.length; p++) {
      const part = parts[p];
      outParts.push(by === 0 && lines === 0 ? part : new Part(part.nodes, part.by + by, part.lines + lines));
      outFirsts.push(firsts[p] + shift);
    }
    return new ShiftedList(outParts, outFirsts, this.length + shift, move);
  }

  private partOf(i: number): number {
    return partIn(this.firsts, i);
  }

  private inPart(part: Part<T>, k: number): T {
    if (!part.moved) return part.nodes[k];
    const views = (part.views ??= new Array(part.nodes.length));
    return (views[k] ??= this.move(part.nodes[k], part.by, part.lines));
  }
}

/** The part holding index `i`: the last whose first index is at most `i` (0 when none is). */
function partIn(firsts: readonly number[], i: number): number {
  return Math.max(0, lastAtMost(firsts, i));
}
