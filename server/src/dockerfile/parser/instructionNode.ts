// An instruction as the rest of the server reads it. A fresh parse makes one `ParsedInstruction`
// per instruction: its fields are the parse's, in the offsets and lines of the text it parsed, and
// nobody changes them later. After an edit, an instruction below the edit, when read, is a small
// `MovedInstruction` view whose offsets and lines are moved by the edits' sizes: nothing under it is
// copied then (the tree's list makes the view, parser/nodeList.ts). Its lists (arguments, flags, variables...) are shared with the parse and moved only
// when someone reads them (then kept).
import {
  type Comment,
  type Flag,
  type Heredoc,
  type Instruction,
  type InstructionForm,
  type KeyValue,
  type Span,
  type VariableRef,
  type Word,
  EMPTY,
} from './ast';
import {
  ARGS,
  CONTINUATIONS,
  DECLARATIONS,
  FLAGS,
  ONE_WORD,
  PAIR_WORDS,
  part,
  partEnd,
  partIs,
  partStart,
  type Packed,
  unpackFlags,
  unpackKeyValues,
  unpackPairKeyValues,
  unpackVariables,
  unpackWords,
  VARIABLES,
  withPart,
} from './packed';
import { instructionHead, type InstructionHead } from './instructionHead';
import { joinedText, lineContentEnd } from './joinedText';
import { trimEndIndex } from './logicalLine';

/** Parse fields few instructions have (heredocs, comment or blank lines inside, ONBUILD's instruction). */
interface Rare {
  heredocs: Heredoc[];
  inner: ParsedInstruction | undefined;
  comments: Comment[];
  emptyContinuationLines: Span[];
  /** The text kept by an instruction that cannot make it again from the source (see `keepOriginal`). */
  original: string | undefined;
  /** Where the arguments start in `original`. */
  argsAt: number;
  /** Where the keyword starts, when not at `start` (the first line is an escape alone: 31 of 246,941 corpus instructions), else -1. */
  keywordStart: number;
  /** Where the arguments end, when not at `end` (heredocs, blanks or comment lines after them), else -1. */
  argsEnd: number;
  /** The last line, when it is not `startLine` and the line breaks before `end` (see `endLine`), else -1. */
  endLine: number;
}

/** What the parse of one instruction produced, in the offsets and lines of the text it parsed. */
export class ParsedInstruction implements Instruction {
  /** The keyword, the form and where the keyword is: one object shared by many instructions. */
  head: InstructionHead;
  start: number;
  end: number;
  startLine = 0;
  argsStart: number;
  /** The text the parse read (offsets are into it); texts on one line are sliced from it when read. */
  source = '';
  /**
   * Flags, arguments, declarations, variable references and continuation starts packed as numbers
   * in one list, a part each (parser/packed.ts): `flags`, `args`, `keyValues` and `variables` make
   * new objects from them on each read (a reader that reads them often keeps the list; none may key
   * a map by them: scopes.ts keys references by their offset). ENV's and LABEL's declarations are
   * their pair words (`PAIR_WORDS`).
   */
  packed: Packed;
  prevComments: string[] = EMPTY;
  private rare: Rare | undefined = undefined;

  /**
   * `head`: the keyword, form and keyword length (instructionHead); `packed`: the parts in one list
   * (packed.ts packParts); `argsEnd` is kept apart only when it is not `end`. The parser sets the rest
   * (`inner`, `keepOriginal`, lines, comments, heredocs) after.
   */
  constructor(head: InstructionHead, start: number, end: number, argsStart: number, argsEnd: number, packed: Packed) {
    this.head = head;
    this.start = start;
    this.end = end;
    this.argsStart = argsStart;
    this.packed = packed;
    if (argsEnd !== end) this.rareFields().argsEnd = argsEnd;
  }

  /**
   * Keeps the logical line of an instruction joined from several lines that has no continuation
   * starts of its own to make it again from (ONBUILD's instruction), and where its arguments start in it.
   */
  keepOriginal(original: string, argsAt: number): void {
    const rare = this.rareFields();
    rare.original = original;
    rare.argsAt = argsAt;
  }

  get kind(): 'instruction' {
    return 'instruction';
  }
  get keyword(): string {
    return this.head.keyword;
  }
  get keywordText(): string {
    return this.head.keywordText;
  }
  get known(): boolean {
    return this.head.known;
  }
  get form(): InstructionForm {
    return this.head.form;
  }
  /** Where the keyword starts: at `start` but for an instruction whose first line is an escape alone (see `startAt`). */
  get keywordStart(): number {
    const rare = this.rare;
    return rare === undefined || rare.keywordStart < 0 ? this.start : rare.keywordStart;
  }
  /**
   * The last line. On one line (most instructions), the head says so: `startLine`. Else `startLine`
   * and the line breaks before `end` (the parse's lines end at `\n`, and `end` is on the
   * instruction's last line, its heredocs' and comment lines' included), or the line kept where
   * that is not it: ONBUILD's instruction (its lines are ONBUILD's), an instruction of a text with
   * a lone `\r` (a line break for the client, not for BuildKit).
   */
  get endLine(): number {
    return this.head.oneLine ? this.startLine : this.lastLine();
  }
  /** Set after `startLine` and `placeAt`. */
  set endLine(line: number) {
    const oneLine = line === this.startLine;
    const h = this.head;
    if (h.oneLine !== oneLine) this.head = instructionHead(h.keyword, h.keywordText, h.known, h.form, h.keywordLength, oneLine);
    if (!oneLine && line !== this.startLine + lineBreaks(this.source, this.start, this.end)) this.rareFields().endLine = line;
    else if (this.rare) this.rare.endLine = -1;
  }
  /** `endLine` of an instruction on more than one line (apart, so that the getter stays small). */
  private lastLine(): number {
    const rare = this.rare;
    if (rare !== undefined && rare.endLine >= 0) return rare.endLine;
    return this.startLine + lineBreaks(this.source, this.start, this.end);
  }
  /** Where the arguments end: at `end` but for an instruction with heredocs, or blanks or comment lines after its arguments. */
  get argsEnd(): number {
    const rare = this.rare;
    return rare === undefined || rare.argsEnd < 0 ? this.end : rare.argsEnd;
  }
  get keywordEnd(): number {
    return this.keywordStart + this.head.keywordLength;
  }
  /** The parse itself (a moved view's `data` is the parse it moved). */
  get data(): ParsedInstruction {
    return this;
  }
  /**
   * The arguments as BuildKit reads them: the source between argsStart and argsEnd when they are on
   * one line, else joined again from the source on each read (`original` too): the tree keeps no
   * joined copy.
   */
  get argsText(): string {
    // On one line, the arguments are one run of the source (a continuation escape at the end of the file included).
    if (this.head.oneLine) return this.source.slice(this.argsStart, this.argsEnd);
    const kept = this.rare?.original;
    if (kept !== undefined) {
      const at = this.rare!.argsAt;
      return kept.slice(at, trimEndIndex(kept, at, kept.length));
    }
    const escapes = this.continuationStarts;
    if (escapes.length === 0) return this.source.slice(this.argsStart, this.argsEnd);
    return joinedText(this.source, this.start, escapes, this.argsStart, this.argsEnd);
  }
  get args(): Word[] {
    return this.unpack(ARGS, unpackArgs, ARGS);
  }
  get flags(): Flag[] {
    return this.unpack(FLAGS, unpackFlags, FLAGS);
  }
  get keyValues(): KeyValue[] {
    if (partIs(this.packed, DECLARATIONS, PAIR_WORDS)) return this.unpack(ARGS, unpackPairKeyValues, DECLARATIONS);
    return this.unpack(DECLARATIONS, unpackKeyValues, DECLARATIONS);
  }
  get variables(): VariableRef[] {
    return this.unpack(VARIABLES, unpackVariables, VARIABLES);
  }
  /**
   * Part `i` of the packed list made into objects (the shared empty list when it has none), or the
   * list made for the same read (`read`: args, flags, keyValues, variables) while reads are kept.
   */
  private unpack<T>(i: number, unpack: (packed: Packed, source: string, from: number, to: number, ins: ParsedInstruction) => T[], read: number): T[] {
    const from = partStart(this.packed, i);
    const to = partEnd(this.packed, i);
    if (to === from) return EMPTY;
    if (keeping === 0) return unpack(this.packed, this.source, from, to, this);
    const slot = slotOf(this, read);
    if (slotOwner[slot] === this) return slotList[slot] as T[];
    const list = unpack(this.packed, this.source, from, to, this);
    keep(slot, this, list);
    return list;
  }
  /** The packed variable references (the parser adds a heredoc body's; ONBUILD shares its instruction's). */
  get varData(): Packed {
    return part(this.packed, VARIABLES);
  }
  set varData(list: Packed) {
    this.packed = withPart(this.packed, VARIABLES, list);
  }
  /** Where each escape character that continues a line is (it is one character long). */
  get continuationStarts(): readonly number[] {
    return part(this.packed, CONTINUATIONS) as readonly number[];
  }

  /** The logical line: joined from the source when continued, else the line (its heredocs' bodies are not in it). */
  get original(): string {
    const kept = this.rare?.original;
    if (kept !== undefined) return kept;
    const escapes = this.continuationStarts;
    if (escapes.length > 0) return joinedText(this.source, this.start, escapes);
    // A heredoc's body comes after the line (ONBUILD's instruction ends before either).
    const end = this.heredocs.length > 0 ? Math.min(this.end, lineContentEnd(this.source, this.start)) : this.end;
    return this.source.slice(this.start, end);
  }
  get heredocs(): Heredoc[] {
    return this.rare?.heredocs ?? EMPTY;
  }
  set heredocs(list: Heredoc[]) {
    if (list.length > 0 || this.rare) this.rareFields().heredocs = list;
  }
  get inner(): ParsedInstruction | undefined {
    return this.rare?.inner;
  }
  set inner(value: ParsedInstruction | undefined) {
    if (value !== undefined || this.rare) this.rareFields().inner = value;
  }
  get comments(): Comment[] {
    return this.rare?.comments ?? EMPTY;
  }
  set comments(list: Comment[]) {
    if (list.length > 0 || this.rare) this.rareFields().comments = list;
  }
  get emptyContinuationLines(): Span[] {
    return this.rare?.emptyContinuationLines ?? EMPTY;
  }
  set emptyContinuationLines(list: Span[]) {
    if (list.length > 0 || this.rare) this.rareFields().emptyContinuationLines = list;
  }
  /** Made on each read from the numbers kept (few features read them). */
  get continuations(): Span[] {
    return spansOfOne(this.continuationStarts, 0);
  }
  get keywordSpan(): Span {
    return { start: this.keywordStart, end: this.keywordEnd };
  }
  get argsSpan(): Span {
    return { start: this.argsStart, end: this.argsEnd };
  }

  /**
   * The instruction runs from `start`, where its first line's content starts, to `end`, where its
   * last line ends (a heredoc's terminator, a comment or blank line inside it): its keyword and
   * arguments stay where the parse of its logical line found them (kept apart when they are not there).
   */
  placeAt(start: number, end: number): void {
    const keywordStart = this.keywordStart;
    const argsEnd = this.argsEnd;
    this.start = start;
    this.end = end;
    if (keywordStart !== start) this.rareFields().keywordStart = keywordStart;
    if (argsEnd !== end) this.rareFields().argsEnd = argsEnd;
    else if (this.rare) this.rare.argsEnd = -1;
  }

  /** The same instruction `by` characters and `lines` lines further down. */
  movedBy(by: number, lines: number): Instruction {
    return by === 0 && lines === 0 ? this : new MovedInstruction(this, by, lines);
  }

  /** The same instruction with other PrevComment lines. */
  withPrevComments(prevComments: string[]): ParsedInstruction {
    const copy: ParsedInstruction = Object.assign(Object.create(ParsedInstruction.prototype), this);
    copy.prevComments = prevComments;
    return copy;
  }

  toJSON(): object {
    return publicFields(this);
  }

  private rareFields(): Rare {
    return (this.rare ??= { heredocs: EMPTY, inner: undefined, comments: EMPTY, emptyContinuationLines: EMPTY, original: undefined, argsAt: 0, keywordStart: -1, argsEnd: -1, endLine: -1 });
  }
}

// ---- lists read again soon
// `args`, `flags`, `keyValues` and `variables` make their objects on each read, and the rules read
// an instruction's lists one after another: an instruction's rules run together, and a stage's rules
// each walk its few instructions in turn. While reads are kept (`keepingReads`: a diagnose run), the
// list last made for each read of an instruction stays in a small table, by the instruction's offset
// and the read, and the next reader of the same list gets it again. The table is emptied when the
// run ends, so it holds no document after it. Readers do not change these lists (before the tree
// was packed, they were the instruction's own fields, shared by every reader).

/** The arguments: a one-word list is made from the instruction's offsets (the packed list keeps nothing for it). */
function unpackArgs(packed: Packed, source: string, from: number, to: number, ins: ParsedInstruction): Word[] {
  if (to === 1 && packed[0] === ONE_WORD[0]) return [{ value: ins.argsText, start: ins.argsStart, end: ins.argsEnd }];
  return unpackWords(packed, source, from, to);
}

/** 32 instructions' four reads (args, flags, keyValues, variables). */
const SLOTS = 128;
const slotOwner: (ParsedInstruction | undefined)[] = new Array<ParsedInstruction | undefined>(SLOTS).fill(undefined);
const slotList: unknown[] = new Array<unknown>(SLOTS).fill(undefined);
let keeping = 0;

function slotOf(ins: ParsedInstruction, read: number): number {
  return ((Math.imul(ins.start, 0x9e3779b1) >>> 27) << 2) | read;
}

function keep(slot: number, ins: ParsedInstruction, list: unknown): void {
  slotOwner[slot] = ins;
  slotList[slot] = list;
}

/** Runs `run` with the lists read kept for the readers after (see above); they are let go when it ends. */
export function keepingReads<T>(run: () => T): T {
  keeping++;
  try {
    return run();
  } finally {
    if (--keeping === 0) {
      slotOwner.fill(undefined);
      slotList.fill(undefined);
    }
  }
}

/** The lists of the parse that carry offsets (moved with the view). */
type ListKey = 'flags' | 'args' | 'keyValues' | 'heredocs' | 'comments' | 'emptyContinuationLines' | 'variables';

/** The lists of a moved view, each made on first read. */
type Moved = Partial<Pick<ParsedInstruction, ListKey>> & { inner?: Instruction };

/** An instruction of an earlier parse, `offsetDelta` characters and `lineDelta` lines further down in this version's text. */
export class MovedInstruction implements Instruction {
  private moved: Moved | undefined = undefined;

  /**
   * Each new version of the tree makes a new view, so one made earlier keeps answering for its own text.
   */
  constructor(
    readonly data: ParsedInstruction,
    readonly offsetDelta: number,
    readonly lineDelta: number,
  ) {}

  movedBy(by: number, lines: number): Instruction {
    return this.data.movedBy(this.offsetDelta + by, this.lineDelta + lines);
  }

  withPrevComments(prevComments: string[]): MovedInstruction {
    return new MovedInstruction(this.data.withPrevComments(prevComments), this.offsetDelta, this.lineDelta);
  }

  get kind(): 'instruction' {
    return 'instruction';
  }
  get start(): number {
    return this.data.start + this.offsetDelta;
  }
  get end(): number {
    return this.data.end + this.offsetDelta;
  }
  get startLine(): number {
    return this.data.startLine + this.lineDelta;
  }
  get endLine(): number {
    return this.data.endLine + this.lineDelta;
  }
  get keyword(): string {
    return this.data.keyword;
  }
  get keywordText(): string {
    return this.data.keywordText;
  }
  get known(): boolean {
    return this.data.known;
  }
  get form(): InstructionForm {
    return this.data.form;
  }
  get argsText(): string {
    return this.data.argsText;
  }
  get original(): string {
    return this.data.original;
  }
  get prevComments(): string[] {
    return this.data.prevComments;
  }
  get keywordSpan(): Span {
    return { start: this.data.keywordStart + this.offsetDelta, end: this.data.keywordEnd + this.offsetDelta };
  }
  get argsSpan(): Span {
    return { start: this.data.argsStart + this.offsetDelta, end: this.data.argsEnd + this.offsetDelta };
  }
  get flags(): Flag[] {
    return this.shifted('flags', (list, by) => list.map((f) => moveFlag(f, by)));
  }
  get args(): Word[] {
    return this.shifted('args', (list, by) => list.map((w) => moveWord(w, by)));
  }
  get keyValues(): KeyValue[] {
    return this.shifted('keyValues', (list, by) => list.map((kv) => moveKeyValue(kv, by)));
  }
  get heredocs(): Heredoc[] {
    return this.shifted('heredocs', (list, by) => list.map((h) => moveHeredoc(h, by)));
  }
  get comments(): Comment[] {
    // Comments carry their line too: they move when only the lines did.
    const moved = this.offsetDelta !== 0 || this.lineDelta !== 0;
    return this.shifted('comments', (list, by) => list.map((c) => moveComment(c, by, this.lineDelta)), moved);
  }
  get emptyContinuationLines(): Span[] {
    return this.shifted('emptyContinuationLines', (list, by) => list.map((sp) => moveSpan(sp, by)));
  }
  get continuations(): Span[] {
    return spansOfOne(this.data.continuationStarts, this.offsetDelta);
  }
  get variables(): VariableRef[] {
    return this.shifted('variables', (list, by) => list.map((v) => moveVariable(v, by)));
  }
  get inner(): Instruction | undefined {
    const inner = this.data.inner;
    if (!inner) return undefined;
    return (this.lists().inner ??= inner.movedBy(this.offsetDelta, this.lineDelta));
  }

  private lists(): Moved {
    return (this.moved ??= {});
  }

  /**
   * A list of the parse in this version's offsets: the parse's own when the view did not move (or
   * the list is empty), else moved once, on first read, and kept.
   */
  private shifted<K extends ListKey>(key: K, move: (list: ParsedInstruction[K], by: number) => ParsedInstruction[K], moved = this.offsetDelta !== 0): ParsedInstruction[K] {
    const list = this.data[key];
    if (!moved || list.length === 0) return list;
    const lists: Partial<Pick<ParsedInstruction, ListKey>> = this.lists();
    return (lists[key] ??= move(list, this.offsetDelta));
  }

  toJSON(): object {
    return publicFields(this);
  }
}

/** Every instruction of a tree: as parsed, or moved by later edits. */
export type InstructionNode = ParsedInstruction | MovedInstruction;

/** The public fields, in the order the tree always printed them (`docklens parse --format json`, tests). */
function publicFields(ins: Instruction): object {
  return {
    kind: ins.kind,
    keyword: ins.keyword,
    keywordText: ins.keywordText,
    keywordSpan: ins.keywordSpan,
    known: ins.known,
    flags: ins.flags,
    argsSpan: ins.argsSpan,
    argsText: ins.argsText,
    form: ins.form,
    args: ins.args,
    keyValues: ins.keyValues,
    heredocs: ins.heredocs,
    inner: ins.inner,
    comments: ins.comments,
    emptyContinuationLines: ins.emptyContinuationLines,
    continuations: ins.continuations,
    variables: ins.variables,
    prevComments: ins.prevComments,
    startLine: ins.startLine,
    endLine: ins.endLine,
    original: ins.original,
    start: ins.start,
    end: ins.end,
  };
}

/** How many `\n` there are in source[from, to). */
function lineBreaks(source: string, from: number, to: number): number {
  let count = 0;
  for (let at = source.indexOf('\n', from); at >= 0 && at < to; at = source.indexOf('\n', at + 1)) count++;
  return count;
}

/** One-character spans at `starts`, moved by `by`. */
function spansOfOne(starts: readonly number[], by: number): Span[] {
  if (starts.length === 0) return EMPTY;
  return starts.map((s) => ({ start: s + by, end: s + by + 1 }));
}

export function moveSpan(s: Span, by: number): Span {
  return { start: s.start + by, end: s.end + by };
}

function moveWord(w: Word, by: number): Word {
  return { value: w.value, start: w.start + by, end: w.end + by };
}

function moveFlag(f: Flag, by: number): Flag {
  return {
    start: f.start + by,
    end: f.end + by,
    raw: f.raw,
    name: f.name,
    nameSpan: moveSpan(f.nameSpan, by),
    value: f.value,
    valueSpan: f.valueSpan && moveSpan(f.valueSpan, by),
  };
}

function moveKeyValue(kv: KeyValue, by: number): KeyValue {
  return { key: moveWord(kv.key, by), value: kv.value && moveWord(kv.value, by), separator: kv.separator, start: kv.start + by, end: kv.end + by };
}

/** Also used for the variables of a heredoc body, found in the body's own offsets. */
export function moveVariable(v: VariableRef, by: number): VariableRef {
  const ref: VariableRef = { start: v.start + by, end: v.end + by, name: v.name, nameSpan: moveSpan(v.nameSpan, by), braced: v.braced };
  if (v.modifier !== undefined) {
    ref.modifier = v.modifier;
    ref.modifierValue = v.modifierValue;
  }
  return ref;
}

function moveHeredoc(h: Heredoc, by: number): Heredoc {
  return {
    name: h.name,
    fileDescriptor: h.fileDescriptor,
    chomp: h.chomp,
    expand: h.expand,
    start: h.start + by,
    end: h.end + by,
    marker: moveSpan(h.marker, by),
    body: moveSpan(h.body, by),
    content: h.content,
    terminator: h.terminator && moveSpan(h.terminator, by),
  };
}

export function moveComment(c: Comment, by: number, lines: number): Comment {
  return { kind: 'comment', start: c.start + by, end: c.end + by, text: c.text, line: c.line + lines };
}

