// An instruction as the rest of the server reads it: a small view (where the instruction is in this
// version of the text) over what its parse produced (which never changes once parsed). After an
// edit, an instruction below the edit gets a new view whose offsets and lines are moved by the
// edit's size: nothing under it is copied then. Its lists (arguments, flags, variables...) are
// shared with the version it came from and moved only when someone reads them (then kept).
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
} from './ast';

/** What the parse of one instruction produced, in the offsets and lines of the text it parsed. */
export interface InstructionData {
  keyword: string;
  keywordText: string;
  known: boolean;
  form: InstructionForm;
  start: number;
  end: number;
  startLine: number;
  endLine: number;
  keywordStart: number;
  keywordEnd: number;
  argsStart: number;
  argsEnd: number;
  /** Undefined when it is `source` from argsStart to argsEnd (the arguments are on one line). */
  argsText: string | undefined;
  /** Undefined when it is `source` from start to end (one line, no heredoc). */
  original: string | undefined;
  /** The text the parse read (offsets above are into it); texts on one line are sliced from it when read. */
  source: string;
  flags: Flag[];
  args: Word[];
  keyValues: KeyValue[];
  heredocs: Heredoc[];
  inner: InstructionData | undefined;
  comments: Comment[];
  emptyContinuationLines: Span[];
  continuations: Span[];
  variables: VariableRef[];
  prevComments: string[];
}

/** The lists of the parse that carry offsets (moved with the view). */
type ListKey = 'flags' | 'args' | 'keyValues' | 'heredocs' | 'comments' | 'emptyContinuationLines' | 'continuations' | 'variables';

/** The lists of a moved view, each made on first read. */
type Moved = Partial<Pick<InstructionData, ListKey>> & { inner?: InstructionNode };

export class InstructionNode implements Instruction {
  private moved: Moved | undefined = undefined;

  /**
   * `offsetDelta` and `lineDelta` take the data's offsets and lines to this version's. Each new
   * version of the tree makes a new view, so one made earlier keeps answering for its own text.
   */
  constructor(
    readonly data: InstructionData,
    readonly offsetDelta = 0,
    readonly lineDelta = 0,
  ) {}

  /** The same instruction `by` characters and `lines` lines further down. */
  movedBy(by: number, lines: number): InstructionNode {
    return new InstructionNode(this.data, this.offsetDelta + by, this.lineDelta + lines);
  }

  /** The same instruction with other PrevComment lines. */
  withPrevComments(prevComments: string[]): InstructionNode {
    return new InstructionNode({ ...this.data, prevComments }, this.offsetDelta, this.lineDelta);
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
    const d = this.data;
    return d.argsText ?? d.source.slice(d.argsStart, d.argsEnd);
  }
  get original(): string {
    const d = this.data;
    return d.original ?? d.source.slice(d.start, d.end);
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
    return this.shifted('continuations', (list, by) => list.map((sp) => moveSpan(sp, by)));
  }
  get variables(): VariableRef[] {
    return this.shifted('variables', (list, by) => list.map((v) => moveVariable(v, by)));
  }
  get inner(): Instruction | undefined {
    const inner = this.data.inner;
    if (!inner) return undefined;
    return (this.lists().inner ??= new InstructionNode(inner, this.offsetDelta, this.lineDelta));
  }

  private lists(): Moved {
    return (this.moved ??= {});
  }

  /**
   * A list of the parse in this version's offsets: the parse's own when the view did not move (or
   * the list is empty), else moved once, on first read, and kept.
   */
  private shifted<K extends ListKey>(key: K, move: (list: InstructionData[K], by: number) => InstructionData[K], moved = this.offsetDelta !== 0): InstructionData[K] {
    const list = this.data[key];
    if (!moved || list.length === 0) return list;
    const lists: Partial<Pick<InstructionData, ListKey>> = this.lists();
    return (lists[key] ??= move(list, this.offsetDelta));
  }

  /** The public fields, in the order the tree always printed them (`docklens parse --format json`, tests). */
  toJSON(): object {
    return {
      kind: this.kind,
      keyword: this.keyword,
      keywordText: this.keywordText,
      keywordSpan: this.keywordSpan,
      known: this.known,
      flags: this.flags,
      argsSpan: this.argsSpan,
      argsText: this.argsText,
      form: this.form,
      args: this.args,
      keyValues: this.keyValues,
      heredocs: this.heredocs,
      inner: this.inner,
      comments: this.comments,
      emptyContinuationLines: this.emptyContinuationLines,
      continuations: this.continuations,
      variables: this.variables,
      prevComments: this.prevComments,
      startLine: this.startLine,
      endLine: this.endLine,
      original: this.original,
      start: this.start,
      end: this.end,
    };
  }
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

