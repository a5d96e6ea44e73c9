// Scripts of plain commands read without tree-sitter: most RUN lines are words joined by `&&`, `||`,
// `|`, `;` and line breaks (`apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*`).
// For those this builds the very tree tree-sitter-bash builds (node for node, same types and
// offsets: test/shell/plainScript.test.ts holds it to that over the corpus), at a small part of the
// cost of a WebAssembly parse and its copy. Anything else (quotes, `$`, backslashes, redirections,
// comments, brackets and braces, `!`, `?`, `&`, keywords, assignments, a syntax error, characters
// outside ASCII) is left to tree-sitter: `plainScriptTree` answers undefined.
import { SyntaxNode } from './syntaxTree';

/** Characters of plain words: letters, digits and `_ . / : , + @ % = ~ ^ - *`. */
const WORD_CHAR = new Uint8Array(128);
for (const c of 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_./:,+@%=~^-*') WORD_CHAR[c.charCodeAt(0)] = 1;

/** Words tree-sitter reads as keywords, or as commands of another kind, where a command starts. */
const NOT_PLAIN_NAMES = new Set([
  'if', 'then', 'else', 'elif', 'fi', 'case', 'esac', 'for', 'select', 'while', 'until', 'do', 'done', 'in', 'function', 'time', 'coproc',
  'declare', 'typeset', 'export', 'readonly', 'local', 'unset', 'unsetenv',
]);

const NUMBER = /^-?(?:0x)?[0-9]+$/;

class PlainReader {
  at = 0;

  constructor(private readonly text: string) {}

  /** Skips blanks, and line breaks too when `lines`. */
  skip(lines: boolean): void {
    const t = this.text;
    for (;;) {
      const c = t.charCodeAt(this.at);
      if (c === 32 || c === 9 || (lines && c === 10)) this.at++;
      else return;
    }
  }

  word(): SyntaxNode | undefined {
    const t = this.text;
    const start = this.at;
    while (this.at < t.length) {
      const c = t.charCodeAt(this.at);
      if (c >= 128 || WORD_CHAR[c] === 0) break;
      this.at++;
    }
    if (this.at === start) return undefined;
    const type = NUMBER.test(t.slice(start, this.at)) ? 'number' : 'word';
    return new SyntaxNode(type, true, start, this.at, false);
  }

  command(): SyntaxNode | undefined {
    const name = this.word();
    if (!name || name.type !== 'word') return undefined;
    const written = this.text.slice(name.startIndex, name.endIndex);
    if (NOT_PLAIN_NAMES.has(written) || written.includes('=') || written.startsWith('-')) return undefined;
    const commandName = new SyntaxNode('command_name', true, name.startIndex, name.endIndex, false);
    commandName.children = [name];
    const children = [commandName];
    for (;;) {
      this.skip(false);
      const arg = this.word();
      if (!arg) break;
      children.push(arg);
    }
    const node = new SyntaxNode('command', true, name.startIndex, children[children.length - 1].endIndex, false);
    node.children = children;
    return node;
  }

  /** `a | b | c`: one pipeline node with the commands and the bars. */
  pipeline(): SyntaxNode | undefined {
    const first = this.command();
    if (!first) return undefined;
    const t = this.text;
    let children: SyntaxNode[] | undefined;
    for (;;) {
      if (t[this.at] !== '|' || t[this.at + 1] === '|' || t[this.at + 1] === '&') break;
      const bar = new SyntaxNode('|', false, this.at, this.at + 1, false);
      this.at++;
      this.skip(true);
      const next = this.command();
      if (!next) return undefined;
      (children ??= [first]).push(bar, next);
      this.skip(false);
    }
    if (!children) return first;
    const node = new SyntaxNode('pipeline', true, first.startIndex, children[children.length - 1].endIndex, false);
    node.children = children;
    return node;
  }

  /** `a && b || c`: lists nested to the left, ((a && b) || c). */
  statement(): SyntaxNode | undefined {
    const first = this.pipeline();
    if (!first) return undefined;
    let left: SyntaxNode = first;
    const t = this.text;
    for (;;) {
      const c = t[this.at];
      if ((c !== '&' && c !== '|') || t[this.at + 1] !== c) return left;
      const op = new SyntaxNode(c + c, false, this.at, this.at + 2, false);
      this.at += 2;
      this.skip(true);
      const right = this.pipeline();
      if (!right) return undefined;
      const list: SyntaxNode = new SyntaxNode('list', true, left.startIndex, right.endIndex, false);
      list.children = [left, op, right];
      left = list;
    }
  }

  program(): SyntaxNode | undefined {
    const t = this.text;
    const children: SyntaxNode[] = [];
    this.skip(true);
    while (this.at < t.length) {
      const statement = this.statement();
      if (!statement) return undefined;
      children.push(statement);
      this.skip(false);
      if (t[this.at] === ';' && t[this.at + 1] !== ';') {
        children.push(new SyntaxNode(';', false, this.at, this.at + 1, false));
        this.at++;
        this.skip(true);
      } else if (t[this.at] === '\n') this.skip(true);
      else if (this.at < t.length) return undefined;
    }
    if (children.length === 0) return undefined;
    const root = new SyntaxNode('program', true, children[0].startIndex, t.length, false);
    root.children = children;
    return root;
  }
}

/** The tree tree-sitter-bash gives a script of plain commands (without errors), or undefined for any other script. */
export function plainScriptTree(text: string): SyntaxNode | undefined {
  return new PlainReader(text).program();
}
