// Scripts of plain commands (words joined by `&&`, `||`, `|`, `;` and line breaks) read straight into
// commands, without a syntax tree: the result is the one `readTree` gives for tree-sitter-bash's tree
// of the script, object for object (test/shell/plainRead.test.ts holds it to that over the corpus,
// through test/support/plainScriptTree.ts, which builds tree-sitter's tree for exactly the scripts
// this takes). Any other script answers undefined and goes to tree-sitter.
import { EMPTY, listOrEmpty, type Span } from '../parser/ast';
import { endsWithSeparator, ROOT_CONSTRUCTS, type ReadResult } from './read';
import type { ShellCommand, ShellExpansion, ShellPipeline, ShellWord } from './types';

/** Characters of plain words: letters, digits and `_ . / : , + @ % = ~ ^ - *`. */
export const WORD_CHAR = new Uint8Array(128);
for (const c of 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_./:,+@%=~^-*') WORD_CHAR[c.charCodeAt(0)] = 1;

/** Words tree-sitter reads as keywords, or as commands of another kind, where a command starts. */
export const NOT_PLAIN_NAMES = new Set([
  'if', 'then', 'else', 'elif', 'fi', 'case', 'esac', 'for', 'select', 'while', 'until', 'do', 'done', 'in', 'function', 'time', 'coproc',
  'declare', 'typeset', 'export', 'readonly', 'local', 'unset', 'unsetenv',
]);

export const NUMBER = /^-?(?:0x)?[0-9]+$/;

class PlainCommandReader {
  at = 0;
  failed = false;
  readonly commands: ShellCommand[] = [];
  readonly pipelines: ShellPipeline[] = [];
  readonly topLevelOperators = new Set<string>();
  readonly topLevelCommands: Span[] = [];
  codeEnd = 0;
  /** The start and end (script indices) of the word read last. */
  private wordStart = 0;
  private wordEnd = 0;
  /** A command's words as they are read, copied out at their length (one list grown for all commands). */
  private readonly scratch: ShellWord[] = [];

  constructor(
    private readonly text: string,
    private readonly toSource: (index: number) => number,
    private readonly endOfChar: (index: number) => number,
  ) {}

  skip(lines: boolean): void {
    const t = this.text;
    for (;;) {
      const c = t.charCodeAt(this.at);
      if (c === 32 || c === 9 || (lines && c === 10)) this.at++;
      else return;
    }
  }

  private fail(): undefined {
    this.failed = true;
    return undefined;
  }

  /** A word (plain characters, quoted strings, `$NAME`/`${NAME}` side by side); `asName` asks for a command name, which must be one plain part. */
  word(asName: boolean): ShellWord | undefined {
    const t = this.text;
    const start = this.at;
    let value = '';
    let literal = true;
    let quoted = false;
    let unquoted: ShellExpansion[] | undefined;
    let parts = 0;
    let expansions = 0;
    let plainPart = false;
    for (;;) {
      const from = this.at;
      const c = t.charCodeAt(from);
      if (c === 39) {
        const close = t.indexOf("'", from + 1);
        const nl = t.indexOf('\n', from + 1);
        if (close < 0 || (nl >= 0 && nl < close)) return this.fail();
        quoted = true;
        value += t.slice(from + 1, close);
        this.at = close + 1;
      } else if (c === 34) {
        const expanded = this.string();
        if (expanded === undefined) return undefined;
        quoted = true;
        if (expanded) literal = false;
        value += t.slice(from + 1, this.at - 1);
      } else if (c === 36) {
        const nameEnd = this.expansion();
        if (nameEnd === undefined) return undefined;
        literal = false;
        expansions++;
        value += t.slice(from, this.at);
        const braced = t.charCodeAt(from + 1) === 123;
        (unquoted ??= []).push({ start: this.toSource(from), end: this.endOfChar(this.at - 1), name: t.slice(from + (braced ? 2 : 1), nameEnd) });
      } else {
        while (this.at < t.length) {
          const d = t.charCodeAt(this.at);
          if (d >= 128 || WORD_CHAR[d] === 0) break;
          this.at++;
        }
        if (this.at === from) break;
        const piece = t.slice(from, this.at);
        if (literal && piece.includes('*')) literal = false;
        value += piece;
        plainPart = parts === 0 && !NUMBER.test(piece);
      }
      parts++;
    }
    if (parts === 0) return undefined;
    // tree-sitter splits words with a second `$` outside quotes: the reference tree leaves them to it.
    if (parts > 1 && expansions > 1) return this.fail();
    if (asName && (parts > 1 || !plainPart)) return undefined;
    this.wordStart = start;
    this.wordEnd = this.at;
    return {
      start: this.toSource(start), end: this.endOfChar(this.at - 1),
      value,
      // Without quotes the value is the text as written, piece for piece: the same string.
      raw: quoted ? t.slice(start, this.at) : value,
      literal,
      quoted,
      unquotedExpansions: unquoted ? listOrEmpty(unquoted) : EMPTY,
      substitutions: EMPTY,
    };
  }

  /** `"..."` on one line without backslashes or backquotes: whether it holds an expansion, undefined when not plain. */
  private string(): boolean | undefined {
    const t = this.text;
    this.at++;
    let expanded = false;
    for (;;) {
      while (this.at < t.length) {
        const d = t.charCodeAt(this.at);
        if (d === 34 || d === 36 || d === 96 || d === 92 || d === 10 || d === 13) break;
        this.at++;
      }
      const d = t.charCodeAt(this.at);
      if (d === 34) break;
      if (d !== 36) return this.fail();
      if (this.expansion() === undefined) return undefined;
      expanded = true;
    }
    this.at++;
    return expanded;
  }

  /** `$NAME` or `${NAME}` at `at`: the end of the name, undefined when not plain. */
  private expansion(): number | undefined {
    const t = this.text;
    const dollar = this.at;
    const braced = t.charCodeAt(dollar + 1) === 123;
    let end = dollar + (braced ? 2 : 1);
    if (!isLetter(t.charCodeAt(end))) return this.fail();
    while (end < t.length && isNameChar(t.charCodeAt(end))) end++;
    if (braced && t.charCodeAt(end) !== 125) return this.fail();
    this.at = braced ? end + 1 : end;
    return end;
  }

  command(): ShellCommand | undefined {
    const name = this.word(true);
    if (!name) return undefined;
    const nameStart = this.wordStart;
    const written = name.raw;
    if (NOT_PLAIN_NAMES.has(written) || written.includes('=') || written.startsWith('-')) return undefined;
    const words = this.scratch;
    words.length = 0;
    words.push(name);
    let end = this.wordEnd;
    for (;;) {
      this.skip(false);
      const arg = this.word(false);
      if (!arg) break;
      words.push(arg);
      end = this.wordEnd;
    }
    const cmd: ShellCommand = {
      start: this.toSource(nameStart), end: this.endOfChar(end - 1),
      kind: 'simple',
      name,
      args: words.length > 1 ? words.slice(1) : EMPTY,
      words: words.slice(),
      env: EMPTY,
      redirects: EMPTY,
      context: ROOT_CONSTRUCTS,
      statusChecked: false,
      negated: false,
      operatorBefore: undefined,
      operatorAfter: undefined,
      pipeline: undefined,
      pipeIndex: undefined,
    };
    this.commands.push(cmd);
    this.topLevelCommands.push({ start: nameStart, end });
    this.codeEnd = end;
    return cmd;
  }

  /**
   * `a | b | c`, or a lone command: false when not plain. Its commands are the last ones of
   * `commands` (from the length before the call on), so no list is made for an element.
   */
  element(): boolean {
    const first = this.command();
    if (!first) return false;
    const t = this.text;
    let pipeline: ShellPipeline | undefined;
    for (;;) {
      if (t[this.at] !== '|' || t[this.at + 1] === '|' || t[this.at + 1] === '&') break;
      this.topLevelOperators.add('|');
      if (!pipeline) {
        pipeline = { start: first.start, end: first.end, elements: [first], operators: [] };
        this.pipelines.push(pipeline);
        first.pipeline = pipeline;
        first.pipeIndex = 0;
      }
      this.at++;
      this.skip(true);
      const next = this.command();
      if (!next) return false;
      pipeline.operators.push('|');
      next.pipeline = pipeline;
      next.pipeIndex = pipeline.elements.length;
      pipeline.elements.push(next);
      pipeline.end = next.end;
      this.skip(false);
    }
    return true;
  }

  /**
   * `a && b || c`: each element's commands get the operators around it, set as each operator is
   * read (the element before it: checked, the operator after its last command; the element after
   * it: the operator before its first command).
   */
  statement(): boolean {
    const commands = this.commands;
    let from = commands.length;
    if (!this.element()) return false;
    const t = this.text;
    for (;;) {
      const c = t[this.at];
      if ((c !== '&' && c !== '|') || t[this.at + 1] !== c) break;
      const op = c === '&' ? '&&' : '||';
      this.topLevelOperators.add(op);
      for (let j = from; j < commands.length; j++) commands[j].statusChecked = true;
      commands[commands.length - 1].operatorAfter = op;
      this.at += 2;
      this.skip(true);
      from = commands.length;
      if (!this.element()) return false;
      commands[from].operatorBefore = op;
    }
    return true;
  }

  program(): ReadResult | undefined {
    const t = this.text;
    this.skip(true);
    let statements = 0;
    while (this.at < t.length) {
      if (statements++ > 0 && !endsWithSeparator(t, this.at)) this.topLevelOperators.add(';');
      if (!this.statement()) return undefined;
      this.skip(false);
      if (t[this.at] === ';' && t[this.at + 1] !== ';') {
        this.topLevelOperators.add(';');
        this.at++;
        this.skip(true);
      } else if (t[this.at] === '\n') this.skip(true);
      else if (this.at < t.length) return undefined;
    }
    if (statements === 0 || this.failed) return undefined;
    return {
      commands: listOrEmpty(this.commands),
      pipelines: listOrEmpty(this.pipelines),
      hasErrors: false,
      codeEnd: this.codeEnd,
      topLevelOperators: this.topLevelOperators,
      topLevelCommands: listOrEmpty(this.topLevelCommands),
      commentAt: undefined,
      heredocs: EMPTY,
    };
  }
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isNameChar(c: number): boolean {
  return isLetter(c) || (c >= 48 && c <= 57) || c === 95;
}

/** The commands of a script of plain commands, as readTree reads its tree; undefined for any other script. */
export function readPlainScript(text: string, toSource: (index: number) => number, endOfChar: (index: number) => number = (i) => toSource(i) + 1): ReadResult | undefined {
  return new PlainCommandReader(text, toSource, endOfChar).program();
}
