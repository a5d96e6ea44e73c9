// The Dockerfile syntax tree. Every offset is a UTF-16 offset into the source text (the same unit
// as an LSP TextDocument), `end` is exclusive. Top-level items tile the file: concatenating
// `text.slice(item.start, item.end)` for every item in order rebuilds the source exactly.

import type { SourceText } from '../../common/sourceText';
import type { Span } from '../../common/span';
import type { LineStarts } from '../../common/lineStarts';
import type { NodeList } from './nodeList';

export type { Span };

/**
 * The one list every absent list of the tree is: most instructions have no flags, heredocs,
 * comments or continuations, and an empty array each costs as much as a small object. Frozen, so a
 * push that would change every node's list at once throws instead.
 */
export const EMPTY = Object.freeze([]) as unknown as never[];

/** `list`, or the shared empty list when it has nothing. */
export function listOrEmpty<T>(list: T[]): T[] {
  // A copy: a list grown by push has room for 16 more, which a tree kept for long should not hold.
  return list.length === 0 ? EMPTY : list.slice();
}

/** A piece of an instruction's logical line with its value as BuildKit sees it. */
export interface Word extends Span {
  /** The text after continuation lines were joined (comment lines inside dropped). */
  value: string;
}

export interface Directive extends Span {
  kind: 'directive';
  /** Lowercased: `syntax`, `escape` or `check`. */
  name: string;
  value: string;
  nameSpan: Span;
  valueSpan: Span;
  line: number;
}

export interface Comment extends Span {
  kind: 'comment';
  /** Text after `#`, trimmed. */
  text: string;
  line: number;
}

/** Blank lines (and the newline ends between items). */
export interface Trivia extends Span {
  kind: 'trivia';
}

/** `--name=value` before an instruction's arguments. */
export interface Flag extends Span {
  /** The flag as BuildKit keeps it (quotes removed, `--` included). */
  raw: string;
  /** Lowercase-insensitive name without `--` (as written). */
  name: string;
  nameSpan: Span;
  /** Text after the first `=`; undefined for a bare `--link`. */
  value?: string;
  valueSpan?: Span;
}

export interface KeyValue extends Span {
  key: Word;
  /** Undefined for `ARG NAME` without a default. */
  value?: Word;
  /** `=` for `k=v`, `''` for the legacy `ENV k v` form. */
  separator: '=' | '';
}

export type VariableModifier = ':-' | '-' | ':+' | '+' | ':?' | '?' | '#' | '##' | '%' | '%%' | '/' | '//';

/** `$NAME` or `${NAME...}` inside an instruction. */
export interface VariableRef extends Span {
  name: string;
  nameSpan: Span;
  braced: boolean;
  modifier?: VariableModifier;
  /** The word after the modifier, e.g. the default in `${A:-x}`. */
  modifierValue?: string;
}

export interface Heredoc extends Span {
  /** Delimiter with quotes removed. */
  name: string;
  fileDescriptor: number;
  /** False when the delimiter was quoted (`<<"EOF"`, `<<'EOF'`): the body is not expanded. */
  expand: boolean;
  /** `<<-`: leading tabs are stripped. */
  chomp: boolean;
  /** The `<<EOF` marker in the instruction line. */
  marker: Span;
  /** The body lines (newlines included), between the instruction line and the terminator. */
  body: Span;
  content: string;
  /** The terminator line; undefined when the heredoc is not terminated. */
  terminator?: Span;
}

export type InstructionForm = 'json' | 'shell' | 'none';

export interface Instruction extends Span {
  kind: 'instruction';
  /** Upper-case name: `RUN`, `COPY`... (unknown words upper-cased too). */
  keyword: string;
  /** As written (`run`, `Run`). */
  keywordText: string;
  keywordSpan: Span;
  /** True when the keyword is one BuildKit knows. */
  known: boolean;
  flags: Flag[];
  /** The arguments after the flags, in source (ends before any heredoc body). */
  argsSpan: Span;
  /** The arguments as BuildKit sees them (continuations joined, trimmed). */
  argsText: string;
  /** `json` for exec form `["a","b"]`, `shell` otherwise; `none` for instructions without arguments. */
  form: InstructionForm;
  /** The arguments as BuildKit's dump prints them (ENV/LABEL: key, value, separator triples). */
  args: Word[];
  /** ENV, LABEL and ARG: the declarations. */
  keyValues: KeyValue[];
  heredocs: Heredoc[];
  /** ONBUILD's wrapped instruction. */
  inner?: Instruction;
  /** Comment lines inside a continuation. */
  comments: Comment[];
  /** Blank lines inside a continuation (BuildKit warns: NoEmptyContinuation). */
  emptyContinuationLines: Span[];
  /** Offsets of each escape character that continues a line. */
  continuations: Span[];
  variables: VariableRef[];
  /** Comment lines directly above (BuildKit's PrevComment). */
  prevComments: string[];
  /** 0-based first and last line (last covers continuations and heredoc bodies). */
  startLine: number;
  endLine: number;
  /** The logical line as BuildKit saw it (continuations joined). */
  original: string;
}

export type TopLevel = Directive | Comment | Trivia | Instruction;

export type Severity = 'error' | 'warning';

export interface ParseProblem extends Span {
  severity: Severity;
  code: string;
  message: string;
}

export interface DockerfileAst {
  /** The source as one string. After an edit of an open document, made on first read (a copy of the file): read `source`. */
  readonly text: string;
  /** The source, read without joining an edited document's chunks (not enumerable). */
  readonly source: SourceText;
  /** `\` by default, `` ` `` after `# escape=`` ` ``. */
  escapeChar: '\\' | '`';
  directives: Directive[];
  /**
   * Every top-level instruction as one array, made on first read after an edit (a file's worth of
   * objects): code that runs on every edit reads `instructionList` instead.
   */
  readonly instructions: Instruction[];
  /** Every comment line, in and outside instructions (an array made on first read after an edit, as `instructions`). */
  readonly comments: Comment[];
  /** The comment lines outside instructions (the comments among `items`). */
  readonly topComments: Comment[];
  /**
   * The same instructions as a list an edit makes in time independent of the file's length: only
   * what is read is made in this version's offsets (then kept: the same index gives the same object).
   * Not enumerable, as the other lists below.
   */
  readonly instructionList: NodeList<Instruction>;
  readonly commentList: NodeList<Comment>;
  readonly topCommentList: NodeList<Comment>;
  /** Every top-level item in file order; they tile the source. Made on first read. */
  items: TopLevel[];
  /** Errors make BuildKit reject the file; warnings do not. */
  problems: ParseProblem[];
  /** Offset of the first character of each line (after an edit: one list made on first read from `lineTable`). */
  lineStarts: number[];
  /** The same line starts, chunked: what an edit splices without copying every line (not enumerable: never printed). */
  readonly lineTable: LineStarts;
}
