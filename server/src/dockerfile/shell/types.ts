// What the shell module tells rules, hover, merge-RUN and the formatter about the commands of an
// instruction. Every span is an offset range in the Dockerfile (UTF-16, end exclusive), mapped back
// across line continuations, dropped comment lines and the escape character.
import type { Span } from '../parser/ast';

/** Which language a script is written in, as far as Docker will run it. */
export type ScriptLanguage = 'sh' | 'bash' | 'powershell' | 'cmd' | 'other';

export interface ShellWord extends Span {
  /** The word as the shell reads it with quotes and backslashes removed; expansions stay as written (`$HOME`). */
  value: string;
  /** The word as written in the script (one logical line: continuations joined). */
  raw: string;
  /** No expansion, substitution or glob in it: `value` is exactly what the program receives. */
  literal: boolean;
  /** Some part of it is quoted. */
  quoted: boolean;
  /** `$VAR`, `${VAR...}` and `$(...)` outside double quotes: the shell splits and globs their value. */
  unquotedExpansions: ShellExpansion[];
  /** `$(...)` and backquote substitutions anywhere in the word. */
  substitutions: Span[];
}

export interface ShellExpansion extends Span {
  /** The variable's name (`HOME`, `1`, `@`), or `$(...)` for a command substitution. */
  name: string;
}

export interface ShellAssignment extends Span {
  name: string;
  nameSpan: Span;
  /** Undefined for `A=` (empty) and for a bare name in `export A`. */
  value?: ShellWord;
}

export interface ShellRedirect extends Span {
  /** `>`, `>>`, `<`, `2>`, `&>`, `<<`, `<<-`, `<<<`... (file descriptor included when written). */
  operator: string;
  target?: ShellWord;
}

/** Constructs a command sits in, outermost first. */
export type ShellConstruct = 'if' | 'elif' | 'else' | 'for' | 'while' | 'until' | 'case' | 'function' | 'group' | 'subshell' | 'substitution' | 'test';

export type CommandKind =
  /** `name args...` (with `A=1` prefixes). */
  | 'simple'
  /** `export`, `declare`, `local`, `readonly`, `typeset`. */
  | 'declaration'
  /** `unset A`. */
  | 'unset'
  /** `A=1 B=2` with no command: sets shell variables. */
  | 'assignment'
  /** `[ ... ]`, `[[ ... ]]`. */
  | 'test';

export interface ShellCommand extends Span {
  kind: CommandKind;
  /** The command word: `pip` in `PIP_NO_CACHE_DIR=1 pip install x` (`export`, `[`, `unset` for the others). */
  name?: ShellWord;
  /** The words after the name (variable names and assignments' text for declarations). */
  args: ShellWord[];
  /** `name` followed by `args`. */
  words: ShellWord[];
  /** `A=1 cmd`: variables set for this command only; for `assignment` and `declaration`, the assignments. */
  env: ShellAssignment[];
  redirects: ShellRedirect[];
  /** Enclosing constructs, outermost first. */
  context: ShellConstruct[];
  /** The command's status decides a branch or loop (`if cmd`, `while cmd`, left of `&&`/`||`, after `!`). */
  statusChecked: boolean;
  /** Negated with `!`. */
  negated: boolean;
  /** Its and-or list operator before and after it (`a && b || c`: b has `&&` before and `||` after). */
  operatorBefore?: '&&' | '||';
  operatorAfter?: '&&' | '||';
  /** Part of a pipeline with more than one element. */
  pipeline?: ShellPipeline;
  /** Its position in that pipeline (0 = first). */
  pipeIndex?: number;
}

export interface ShellPipeline extends Span {
  /** Each element: the simple command, or undefined for a compound one (`while ...; done`). */
  elements: (ShellCommand | undefined)[];
  /** `|` or `|&` between elements. */
  operators: string[];
}

export interface ShellScript {
  language: ScriptLanguage;
  /**
   * Where the script comes from: the instruction's line (shell form), a heredoc body, or the script
   * string of an exec form that starts a shell (`["sh", "-c", "..."]`; its source is JSON-escaped).
   */
  origin: 'line' | 'heredoc' | 'exec';
  /** The script text as the shell receives it (continuations joined, comment lines dropped). */
  text: string;
  /** Dockerfile offset of a script index. */
  toSource(index: number): number;
  /** Dockerfile span of the script text. */
  span: Span;
  /** Every simple command, in source order, at any depth (POSIX scripts only). */
  commands: ShellCommand[];
  pipelines: ShellPipeline[];
  /** The parser recovered from a syntax error (half-typed input, or not really shell). */
  hasErrors: boolean;
  /** Dockerfile offset just after the last token of code (before a trailing comment). */
  codeEnd: number;
  /** Top-level list operators (`;` also for newlines between commands, `&&`, `||`, `&`, `|`). */
  topLevelOperators: Set<string>;
  /** The top-level statements, and-or lists split apart: spans in the script text (not the Dockerfile). */
  topLevelCommands: Span[];
  /** Offset in the script text where a trailing comment starts, if any. */
  commentAt?: number;
}
