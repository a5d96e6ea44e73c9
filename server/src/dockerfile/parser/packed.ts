// An instruction's arguments and flags kept as numbers: each item's offsets into the source, and
// a string only when the item's text is not the source between its offsets (quotes removed, continuation lines joined). Most items are their
// source, so a list costs one array of numbers instead of an object, its span objects and its
// strings per item. The items are made again, as plain objects of the same shape, on each read.
import { EMPTY, type Flag, type KeyValue, type VariableModifier, type VariableRef, type Word } from './ast';
import type { LogicalLine } from './logicalLine';
import { modifierOf, REFERENCE_SIZE } from './variables';

/** A packed list: numbers, and the strings some items keep. */
export type Packed = readonly (number | string)[];

/** Where a piece of text found in a logical line is in the source, and whether it is that source. */
export interface Found {
  value: string;
  /** Offsets in the logical line. */
  start: number;
  end: number;
}

/**
 * Where every packed list is written before it is copied out at its length (a list grown by push
 * has room for more, and its slice is a second allocation): one list is built at a time.
 */
const ROOM: (number | string)[] = [];
/** A longer list is not kept in ROOM after its copy. */
const ROOM_KEPT = 4096;

/**
 * Empties ROOM (the parser calls it when a parse ends): the strings of the last lists packed are
 * slices of the text parsed, and would keep all of it alive after its document is closed.
 */
export function releaseRoom(): void {
  ROOM.length = 0;
}

/** `ROOM`'s first `n` items as a list of their own. */
function copyOut(n: number): Packed {
  if (n === 0) return EMPTY;
  const list = ROOM.slice(0, n);
  if (n > ROOM_KEPT) ROOM.length = 0;
  return list;
}

/** A list being packed. */
class Packer {
  n = 0;

  constructor(private readonly line: LogicalLine | undefined) {}

  add(item: number | string): void {
    ROOM[this.n++] = item;
  }

  /** The source start and end of a piece of the line, then its text when it is not the source between them. */
  piece(p: Found): void {
    this.valued(p.start, p.end, p.value);
  }

  /** `piece` without the object: the line's [start, end) and its value. */
  valued(lineStart: number, lineEnd: number, value: string): void {
    const line = this.line!;
    const start = line.toSource(lineStart);
    const end = line.endOf(lineStart, lineEnd);
    this.add(start);
    this.add(end);
    if (!this.isSource(value, lineStart, lineEnd, end - start)) this.add(value);
  }

  /**
   * The source start and end of the line's [start, end), then its text up to `valueEnd` when that
   * is not the source between them (`piece` for a piece whose value is line.text[start, valueEnd):
   * the text is sliced only when kept).
   */
  span(start: number, end: number, valueEnd: number): void {
    const line = this.line!;
    const sourceStart = line.toSource(start);
    const sourceEnd = line.endOf(start, end);
    this.add(sourceStart);
    this.add(sourceEnd);
    if (valueEnd !== end || sourceEnd - sourceStart !== end - start) this.add(line.text.slice(start, valueEnd));
  }

  /**
   * Whether `value` is the source text between source offsets `length` apart that the line's
   * [start, end) maps to: the same length in the source as in the line is one run of the source (a
   * joined line is longer in the source), and the line's text there is the value.
   */
  isSource(value: string, start: number, end: number, length: number): boolean {
    return this.line !== undefined && length === value.length && end - start === value.length && this.line.text.startsWith(value, start);
  }

  done(): Packed {
    return copyOut(this.n);
  }
}

// ---- words: start, end, [value]

export function packWords(line: LogicalLine, words: readonly Found[]): Packed {
  const p = new Packer(line);
  for (const w of words) p.piece(w);
  return p.done();
}

/** Words found in the line (split.ts parseWords, splitWhitespace): `n` of them in `spans`, three numbers each (start, end, value end). */
export function packWordSpans(line: LogicalLine, spans: readonly number[], n: number): Packed {
  const p = new Packer(line);
  for (let k = 0; k < 3 * n; k += 3) p.span(spans[k], spans[k + 1], spans[k + 2]);
  return p.done();
}

/** JSON elements (split.ts parseJsonArray): their `values`, and where each is in `spans` (two numbers each). */
export function packElements(line: LogicalLine, values: readonly string[], spans: readonly number[]): Packed {
  const p = new Packer(line);
  for (let k = 0; k < values.length; k++) p.valued(spans[2 * k], spans[2 * k + 1], values[k]);
  return p.done();
}

/**
 * ENV's and LABEL's pair words (they print a key, a value and a separator word per pair; the separator is empty, at the value's end): `n` pairs in `pairs`, seven numbers each: the
 * key's start, end and value end, the value's, and 1 when the separator is `=` (else 0).
 */
export function packPairSpans(line: LogicalLine, pairs: readonly number[], n: number): Packed {
  const p = new Packer(line);
  for (let k = 0; k < 7 * n; k += 7) {
    const after = line.toSource(pairs[k + 4] - 1) + 1;
    p.span(pairs[k], pairs[k + 1], pairs[k + 2]);
    p.span(pairs[k + 3], pairs[k + 4], pairs[k + 5]);
    p.add(after);
    p.add(after);
    if (pairs[k + 6] === 1) p.add('=');
  }
  return p.done();
}

/**
 * The arguments are one word, the whole argument text (a RUN or CMD in shell form, WORKDIR, USER):
 * the instruction makes it from its `argsText` and its span, nothing is kept.
 */
export const ONE_WORD: Packed = Object.freeze([-1]);

// ---- an instruction's parts in one list: arguments, flags, declarations, variables, continuation
// starts, one after the other, then where parts 1-4 start: one array where there were five. Most
// instructions have arguments alone: their list is the arguments' (ONE_WORD for many), no copy, and
// nothing after it. Any other list ends with its boundaries, so that a part is found without a scan:
// - one number below END when every boundary is below 128 (7 bits each): -4 - (b1 | b2 << 7 | b3 << 14 | b4 << 21);
// - else the four boundaries, then END.
// No item of a part is a number at or below END (offsets, -1 and -2 only), so the last item says
// which of the three a list is.

const END = -3;
export const ARGS = 0;
export const FLAGS = 1;
export const DECLARATIONS = 2;
export const VARIABLES = 3;
export const CONTINUATIONS = 4;
const PARTS = 5;
const BITS = 7;
const MASK = (1 << BITS) - 1;

/** Where part `i` of `data` starts (`i` = 5: where the last part ends). */
export function partStart(data: Packed, i: number): number {
  const n = data.length;
  if (i === 0 || n === 0) return 0;
  const last = data[n - 1];
  // The arguments alone.
  if (typeof last !== 'number' || last > END) return n;
  if (last === END) return i === PARTS ? n - 5 : (data[n - 6 + i] as number);
  return i === PARTS ? n - 1 : ((END - 1 - last) >> (BITS * (i - 1))) & MASK;
}

/** Where part `i` of `data` ends. */
export function partEnd(data: Packed, i: number): number {
  return partStart(data, i + 1);
}

/** Part `i` of `data` as a list of its own. */
export function part(data: Packed, i: number): Packed {
  const from = partStart(data, i);
  const to = partEnd(data, i);
  if (to === from) return EMPTY;
  if (to - from === 1 && data[from] === -1) return ONE_WORD;
  if (to - from === 1 && data[from] === -2) return PAIR_WORDS;
  return data.slice(from, to);
}

/** Whether part `i` is exactly the one-item list `only` (ONE_WORD, PAIR_WORDS). */
export function partIs(data: Packed, i: number, only: Packed): boolean {
  const from = partStart(data, i);
  return partEnd(data, i) === from + 1 && data[from] === only[0];
}

/** The parts in one list (in the order of their numbers). */
export function joinParts(parts: readonly Packed[]): Packed {
  return packParts(parts[0] ?? EMPTY, parts[1] ?? EMPTY, parts[2] ?? EMPTY, parts[3] ?? EMPTY, parts[4] ?? EMPTY);
}

/** The five parts in one list (`joinParts` without a list of them: the parser calls it once per instruction). */
export function packParts(args: Packed, flags: Packed, declarations: Packed, variables: Packed, continuations: Packed): Packed {
  const last = continuations.length > 0 ? 4 : variables.length > 0 ? 3 : declarations.length > 0 ? 2 : flags.length > 0 ? 1 : 0;
  if (last === 0) return args.length === 0 ? EMPTY : args;
  const p = new Packer(undefined);
  // Where parts 1-4 start.
  addAll(p, args);
  const b1 = p.n;
  addAll(p, flags);
  const b2 = p.n;
  addAll(p, declarations);
  const b3 = p.n;
  addAll(p, variables);
  const b4 = p.n;
  addAll(p, continuations);
  if (b4 <= MASK) p.add(END - 1 - (b1 | (b2 << BITS) | (b3 << (2 * BITS)) | (b4 << (3 * BITS))));
  else {
    p.add(b1);
    p.add(b2);
    p.add(b3);
    p.add(b4);
    p.add(END);
  }
  return p.done();
}

function addAll(p: Packer, list: Packed): void {
  for (let k = 0; k < list.length; k++) p.add(list[k]);
}

/** `data` with part `i` replaced by `list`. */
export function withPart(data: Packed, i: number, list: Packed): Packed {
  const parts: Packed[] = [];
  for (let p = 0; p < PARTS; p++) parts.push(p === i ? list : part(data, p));
  return joinParts(parts);
}

/** Reads one word at `k` (the index after it is `next`). */
class Reader {
  k: number;
  constructor(
    private readonly packed: Packed,
    private readonly source: string,
    from = 0,
    private readonly to = packed.length,
  ) {
    this.k = from;
  }

  get more(): boolean {
    return this.k < this.to;
  }

  number(): number {
    return this.packed[this.k++] as number;
  }

  /** The item's own text when it kept one, else the source between `start` and `end`. */
  text(start: number, end: number): string {
    const own = this.packed[this.k];
    if (typeof own === 'string') {
      this.k++;
      return own;
    }
    return this.source.slice(start, end);
  }

  word(): Word {
    const start = this.number();
    const end = this.number();
    return { value: this.text(start, end), start, end };
  }

  /** A string the item keeps whatever it is (its flags said so). */
  string(): string {
    return this.packed[this.k++] as string;
  }
}

/**
 * A list for the items of packed[from, to), `size` numbers each (the strings some keep are not
 * counted), made at its length: a list grown by push from empty has room for 17 items, most of it
 * never used by these short lists (readers make them often).
 */
function listFor<T>(packed: Packed, from: number, to: number, size: number): T[] {
  let numbers = 0;
  for (let k = from; k < to; k++) if (typeof packed[k] === 'number') numbers++;
  return new Array<T>(numbers / size);
}

export function unpackWords(packed: Packed, source: string, from = 0, to = packed.length): Word[] {
  if (to === from) return EMPTY;
  const r = new Reader(packed, source, from, to);
  const out = listFor<Word>(packed, from, to, 2);
  let i = 0;
  while (r.more) out[i++] = r.word();
  return out;
}

// ---- flags: start, end, [raw], name start, value start and end (-1 without `=`)

/** A flag as extractFlags found it: `value` is the flag as BuildKit keeps it (quotes removed). */
export function packFlags(line: LogicalLine, flags: readonly Found[]): Packed {
  const p = new Packer(line);
  for (const f of flags) {
    p.piece(f);
    // Whether the flag has a value: an `=` in its value past the `--` (searched in place, no copies).
    const eq = f.value.indexOf('=', f.value.startsWith('--') ? 2 : 0);
    p.add(line.toSource(f.start + 2));
    if (eq < 0) {
      p.add(-1);
      p.add(-1);
      continue;
    }
    const rawEq = line.text.indexOf('=', f.start);
    if (rawEq < 0 || rawEq >= f.end) {
      const end = line.endOf(f.start, f.end);
      p.add(end);
      p.add(end);
    } else {
      p.add(line.toSource(rawEq + 1));
      p.add(line.endOf(rawEq + 1, f.end));
    }
  }
  return p.done();
}

export function unpackFlags(packed: Packed, source: string, from = 0, to = packed.length): Flag[] {
  if (to === from) return EMPTY;
  const r = new Reader(packed, source, from, to);
  const out = listFor<Flag>(packed, from, to, 5);
  let i = 0;
  while (r.more) {
    const start = r.number();
    const end = r.number();
    const raw = r.text(start, end);
    const nameStart = r.number();
    const valueStart = r.number();
    const valueEnd = r.number();
    // The name and value are read from `raw` past its `--` (no copy of the rest made first).
    const skip = raw.startsWith('--') ? 2 : 0;
    const eq = raw.indexOf('=', skip);
    const name = eq < 0 ? (skip === 0 ? raw : raw.slice(skip)) : raw.slice(skip, eq);
    // Every field written at once, `value` too when absent: one object shape for every flag.
    out[i++] = {
      start,
      end,
      raw,
      name,
      nameSpan: { start: nameStart, end: nameStart + name.length },
      value: eq < 0 ? undefined : raw.slice(eq + 1),
      valueSpan: eq < 0 ? undefined : { start: valueStart, end: valueEnd },
    };
  }
  return out;
}

// ---- ARG declarations: key start, end, [key], value start, end, [value] (-1, -1 without a value)

/** ARG's declarations (ENV and LABEL read theirs from their pair words: `PAIR_WORDS`): `n` in `spans`, six numbers each: the key's start, end and value end, the value's (-1 for the three without a value). */
export function packKeyValueSpans(line: LogicalLine, spans: readonly number[], n: number): Packed {
  const p = new Packer(line);
  for (let k = 0; k < 6 * n; k += 6) {
    p.span(spans[k], spans[k + 1], spans[k + 2]);
    if (spans[k + 3] >= 0) p.span(spans[k + 3], spans[k + 4], spans[k + 5]);
    else {
      p.add(-1);
      p.add(-1);
    }
  }
  return p.done();
}

/** The declarations are the instruction's pair words (ENV, LABEL): key, value and separator, three words a pair. */
export const PAIR_WORDS: Packed = Object.freeze([-2]);

export function unpackKeyValues(packed: Packed, source: string, from = 0, to = packed.length): KeyValue[] {
  if (to === from) return EMPTY;
  const r = new Reader(packed, source, from, to);
  const out = listFor<KeyValue>(packed, from, to, 4);
  let i = 0;
  while (r.more) {
    const key = r.word();
    let value: Word | undefined;
    if (packed[r.k] === -1) r.k += 2;
    else value = r.word();
    out[i++] = keyValue(key, value, value ? '=' : '');
  }
  return out;
}

/**
 * ENV's and LABEL's declarations read from their packed pair words (key, value, separator: see
 * `packPairSpans`), without making the words' list or the separator words.
 */
export function unpackPairKeyValues(packed: Packed, source: string, from: number, to: number): KeyValue[] {
  if (to === from) return EMPTY;
  const r = new Reader(packed, source, from, to);
  const out = listFor<KeyValue>(packed, from, to, 6);
  let i = 0;
  while (r.more) {
    const key = r.word();
    const value = r.word();
    // The separator's offsets, then '=' when it is one (an empty separator keeps no text).
    r.k += 2;
    const separator = r.more && packed[r.k] === '=' ? '=' : '';
    if (separator === '=') r.k++;
    out[i++] = keyValue(key, value, separator);
  }
  return out;
}

function keyValue(key: Word, value: Word | undefined, separator: '=' | ''): KeyValue {
  return { key, value, separator, start: key.start, end: value ? Math.max(value.end, key.end) : key.end };
}

// ---- variable references: start, end, name start, name end, bits, [name], [modifier value]
// bits: 1 braced, 2 the name is kept (not the source between its offsets), 4 * (modifier index + 1).

const MODIFIERS: readonly VariableModifier[] = [':-', '-', ':+', '+', ':?', '?', '#', '##', '%', '%%', '/', '//'];

/**
 * References found in a logical line (split into numbers by variables.ts scanReferences: `n` of
 * them in `found`, in the line's offsets), kept in source offsets.
 */
export function packLineReferences(line: LogicalLine, found: readonly number[], n: number): Packed {
  const p = new Packer(line);
  for (let k = 0; k < n * REFERENCE_SIZE; k += REFERENCE_SIZE) {
    const start = found[k];
    const end = found[k + 1];
    const lineNameStart = found[k + 2];
    const lineNameEnd = found[k + 3];
    const nameStart = line.toSource(lineNameStart);
    const nameEnd = line.endOf(lineNameStart, lineNameEnd);
    // The name is kept when it is not the source between its offsets (joined over lines).
    const name = nameEnd - nameStart === lineNameEnd - lineNameStart ? undefined : line.text.slice(lineNameStart, lineNameEnd);
    const scanned = found[k + 5];
    const modifier = scanned === 0 ? 0 : MODIFIERS.indexOf(modifierOf(scanned)) + 1;
    const modifierValue = modifier === 0 ? undefined : line.text.slice(found[k + 6], found[k + 7]);
    pushVariable(p, line.toSource(start), line.endOf(start, end), nameStart, nameEnd, found[k + 4] === 1, name, modifier, modifierValue);
  }
  return p.done();
}

/** References already in source offsets (a heredoc body's), read against `source`. */
export function packSourceVariables(source: string, refs: readonly VariableRef[]): Packed {
  const p = new Packer(undefined);
  for (const v of refs) {
    const { start, end } = v.nameSpan;
    const own = end - start !== v.name.length || !source.startsWith(v.name, start);
    const modifier = v.modifier === undefined ? 0 : MODIFIERS.indexOf(v.modifier) + 1;
    pushVariable(p, v.start, v.end, start, end, v.braced, own ? v.name : undefined, modifier, v.modifierValue);
  }
  return p.done();
}

/** One reference: `name` when it is kept (not the source between its offsets), `modifier` as MODIFIERS' index + 1 (0: none). */
function pushVariable(p: Packer, start: number, end: number, nameStart: number, nameEnd: number, braced: boolean, name: string | undefined, modifier: number, modifierValue: string | undefined): void {
  p.add(start);
  p.add(end);
  p.add(nameStart);
  p.add(nameEnd);
  p.add((braced ? 1 : 0) | (name !== undefined ? 2 : 0) | (modifier << 2));
  if (name !== undefined) p.add(name);
  if (modifier > 0) p.add(modifierValue ?? '');
}

export function unpackVariables(packed: Packed, source: string, from = 0, to = packed.length): VariableRef[] {
  if (to === from) return EMPTY;
  const r = new Reader(packed, source, from, to);
  const out = listFor<VariableRef>(packed, from, to, 5);
  let i = 0;
  while (r.more) {
    const start = r.number();
    const end = r.number();
    const nameStart = r.number();
    const nameEnd = r.number();
    const bits = r.number();
    const name = bits & 2 ? r.string() : source.slice(nameStart, nameEnd);
    const ref: VariableRef = { start, end, name, nameSpan: { start: nameStart, end: nameEnd }, braced: (bits & 1) === 1 };
    if (bits >= 4) {
      ref.modifier = MODIFIERS[(bits >> 2) - 1];
      ref.modifierValue = r.string();
    }
    out[i++] = ref;
  }
  return out;
}
