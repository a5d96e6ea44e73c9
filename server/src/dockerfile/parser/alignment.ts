// How the instructions of a new version of a tree line up with the previous version's: the longest
// unchanged run at the start and at the end. An incremental re-parse keeps the instructions before
// its window as the same objects and makes the ones below it new views over the same parse data,
// moved by the edit's size, so most of the comparison is by identity; instructions parsed again
// (the window, or a full parse) are compared by text. An instruction counts as unchanged only with
// the same text, the same comment lines above (PrevComment) and the same text between it and the
// instruction before it (what ignore comments and `# check=` above an instruction are read from).
import type { DockerfileAst, Instruction } from './ast';
import type { ParsedInstruction } from './instructionNode';
import type { NodeList } from './nodeList';

export interface Alignment {
  /** New instructions [0, prefix) are the old ones at the same index and offset. */
  prefix: number;
  /** New instructions [0, sameObjects) are the old ones' objects (sameObjects <= prefix). */
  sameObjects: number;
  /** The last `suffix` new instructions are the old ones' last, moved by `delta` characters. */
  suffix: number;
  /** New text length - old text length. */
  delta: number;
  /** New index - old index, in the suffix. */
  indexShift: number;
}

/** Unchanged runs an incremental re-parse knows of without comparing: its kept instructions. */
export interface KnownRuns {
  old: DockerfileAst;
  now: DockerfileAst;
  /** Instructions [0, prefix) are the same objects, with the same text between them. */
  prefix: number;
  /** The last `suffix` are the old ones moved, with the same text between them. */
  suffix: number;
}

/** One pair at a time: the model builder and the rule cache both ask about the same edit. */
let memo: { old: DockerfileAst; now: DockerfileAst; alignment: Alignment | undefined } | undefined;
/** The last re-parse's kept runs, so that aligning its two trees compares only what it parsed again. */
let known: KnownRuns | undefined;

/** Told by the incremental re-parse: what it kept of `old` in `now`. */
export function noteKnownRuns(runs: KnownRuns): void {
  known = runs;
}

/** How `now`'s instructions line up with `old`'s (undefined when every line may read differently). */
export function alignInstructions(old: DockerfileAst, now: DockerfileAst): Alignment | undefined {
  if (memo && memo.old === old && memo.now === now) return memo.alignment;
  const hint = known && known.old === old && known.now === now ? known : undefined;
  const alignment = align(old, now, hint?.prefix ?? 0, hint?.suffix);
  memo = { old, now, alignment };
  return alignment;
}

/** From the runs already known to be unchanged (`knownPrefix`, `knownSuffix`), compared outwards-in. */
function align(old: DockerfileAst, now: DockerfileAst, knownPrefix: number, knownSuffix: number | undefined): Alignment | undefined {
  if (old.escapeChar !== now.escapeChar) return undefined;
  const a = old.instructionList;
  const b = now.instructionList;
  const min = Math.min(a.length, b.length);
  let prefix = knownPrefix;
  // Same objects: the part of the tree before the re-parsed window, text before it untouched.
  while (prefix < min && a.at(prefix) === b.at(prefix)) prefix++;
  const sameObjects = prefix;
  while (prefix < min && sameText(old, a, prefix, now, b, prefix, 0)) prefix++;
  const delta = now.source.length - old.source.length;
  let suffix = Math.min(knownSuffix ?? 0, min - prefix);
  const last = (list: NodeList<Instruction>) => list.length - 1 - suffix;
  if (knownSuffix === undefined) {
    // Views over the same parse data moved by the edit: the part below the window. The text between
    // the first of them and the instruction before it may have changed: compared by text.
    const lineDelta = now.lineTable.count - old.lineTable.count;
    while (suffix < min - prefix && movedView(a.at(last(a)), b.at(last(b)), delta, lineDelta)) suffix++;
    if (suffix > 0 && !sameGap(old, a, a.length - suffix, now, b, b.length - suffix)) suffix--;
  }
  while (suffix < min - prefix && sameText(old, a, last(a), now, b, last(b), delta)) suffix++;
  return { prefix, sameObjects, suffix, delta, indexShift: b.length - a.length };
}

function dataOf(ins: Instruction): ParsedInstruction | undefined {
  return (ins as { data?: ParsedInstruction }).data;
}

/** `b` is `a`'s parse moved by `delta` characters and `lineDelta` lines. */
function movedView(a: Instruction, b: Instruction, delta: number, lineDelta: number): boolean {
  const data = dataOf(b);
  if (data === undefined || data !== dataOf(a)) return false;
  return b.start - a.start === delta && b.startLine - a.startLine === lineDelta;
}

/** Instruction `i` of `a` and `j` of `b` read the same, comments and the text above them included. */
function sameText(old: DockerfileAst, a: NodeList<Instruction>, i: number, now: DockerfileAst, b: NodeList<Instruction>, j: number, delta: number): boolean {
  const x = a.at(i);
  const y = b.at(j);
  if (y.start - x.start !== delta || y.end - y.start !== x.end - x.start) return false;
  if (x.prevComments !== y.prevComments && !sameStrings(x.prevComments, y.prevComments)) return false;
  if (dataOf(x) === undefined || dataOf(x) !== dataOf(y)) {
    if (old.source.slice(x.start, x.end) !== now.source.slice(y.start, y.end)) return false;
  }
  return sameGap(old, a, i, now, b, j);
}

/** The text between instruction `i` (`j`) and the one before it is the same. */
function sameGap(old: DockerfileAst, a: NodeList<Instruction>, i: number, now: DockerfileAst, b: NodeList<Instruction>, j: number): boolean {
  const from = (list: NodeList<Instruction>, k: number) => (k > 0 ? list.at(k - 1).end : 0);
  const x = old.source.slice(from(a, i), a.at(i).start);
  const y = now.source.slice(from(b, j), b.at(j).start);
  return x === y;
}

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
