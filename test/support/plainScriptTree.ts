// The reference for shell/plainRead.ts: for a script of plain commands (words joined by `&&`, `||`,
// `|`, `;` and line breaks, as in `apt-get update && apt-get install -y curl`) this builds the very
// tree tree-sitter-bash builds (node for node, same types and offsets: test/shell/plainScript.test.ts
// holds it to that over the corpus). test/shell/plainRead.test.ts then holds the server's direct
// reader to what read.ts reads from this tree, and to taking exactly the scripts this takes. Words may
// hold quoted strings and `$NAME`/`${NAME}` (`VERSION="${VERSION}"`). Anything else (backslashes,
// other expansions, substitutions, redirections, comments, brackets and braces, `!`, `?`, `&`,
// keywords, assignments, a quoted command name, a string across lines, a syntax error, characters
// outside ASCII) is left to tree-sitter: `plainScriptTree` answers undefined. It scans with
// plainRead.ts' own tables, so the two cannot disagree on what a word or a keyword is.
import { SyntaxNode } from '../../server/src/dockerfile/shell/syntaxTree';
import { NOT_PLAIN_NAMES, NUMBER, WORD_CHAR } from '../../server/src/dockerfile/shell/plainRead';

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

  /** A word: plain characters, quoted strings and `$NAME`/`${NAME}` side by side (a concatenation when more than one). */
  word(): SyntaxNode | undefined {
    const start = this.at;
    const first = this.wordPart();
    if (!first) return undefined;
    let parts: SyntaxNode[] | undefined;
    for (let part = this.wordPart(); part; part = this.wordPart()) (parts ??= [first]).push(part);
    if (this.failed) return undefined;
    if (!parts) return first;
    // tree-sitter splits some words with a second `$` outside quotes (`x-$A-$B.tgz` becomes two
    // words and a lone `$`): such words are left to it.
    if (parts.filter((p) => p.type === 'simple_expansion' || p.type === 'expansion').length > 1) return this.fail();
    const node = new SyntaxNode('concatenation', true, start, this.at, false);
    node.children = parts;
    return node;
  }

  /** Set when a word has something this reader does not take (`${A:-x}`, a quote left open...). */
  failed = false;

  private wordPart(): SyntaxNode | undefined {
    const t = this.text;
    const start = this.at;
    const c = t.charCodeAt(start);
    if (c === 39) {
      // 'raw string': one leaf, on one line.
      const close = t.indexOf("'", start + 1);
      const nl = t.indexOf('\n', start + 1);
      if (close < 0 || (nl >= 0 && nl < close)) return this.fail();
      this.at = close + 1;
      return new SyntaxNode('raw_string', true, start, this.at, false);
    }
    if (c === 34) return this.string();
    if (c === 36) return this.expansion();
    while (this.at < t.length) {
      const d = t.charCodeAt(this.at);
      if (d >= 128 || WORD_CHAR[d] === 0) break;
      this.at++;
    }
    if (this.at === start) return undefined;
    const type = NUMBER.test(t.slice(start, this.at)) ? 'number' : 'word';
    return new SyntaxNode(type, true, start, this.at, false);
  }

  /**
   * `"text $NAME ${NAME}"` on one line, without backslashes or backquotes. Blanks alone between
   * the parts are no `string_content` of tree-sitter's: they open the token after them (`"  $A"`:
   * the `$` token and its expansion start at the first blank).
   */
  private string(): SyntaxNode | undefined {
    const t = this.text;
    const start = this.at;
    const children = [new SyntaxNode('"', false, start, start + 1, false)];
    this.at++;
    for (;;) {
      const from = this.at;
      let blanks = true;
      while (this.at < t.length) {
        const d = t.charCodeAt(this.at);
        if (d === 34 || d === 36 || d === 96 || d === 92 || d === 10 || d === 13) break;
        if (d !== 32 && d !== 9) blanks = false;
        this.at++;
      }
      const tokenStart = blanks ? from : this.at;
      if (!blanks) children.push(new SyntaxNode('string_content', true, from, this.at, false));
      const d = t.charCodeAt(this.at);
      if (d === 34) {
        children.push(new SyntaxNode('"', false, tokenStart, this.at + 1, false));
        break;
      }
      if (d !== 36) return this.fail();
      const expansion = this.expansion(tokenStart);
      if (!expansion) return undefined;
      children.push(expansion);
    }
    this.at++;
    const node = new SyntaxNode('string', true, start, this.at, false);
    node.children = children;
    return node;
  }

  /** `$NAME` or `${NAME}`, a name of letters, digits and `_` that starts with a letter; `start` before the `$` when blanks open the token. */
  private expansion(start = this.at): SyntaxNode | undefined {
    const t = this.text;
    const dollar = this.at;
    const braced = t.charCodeAt(dollar + 1) === 123;
    const nameStart = dollar + (braced ? 2 : 1);
    let end = nameStart;
    if (!isLetter(t.charCodeAt(end))) return this.fail();
    while (end < t.length && isNameChar(t.charCodeAt(end))) end++;
    if (braced && t.charCodeAt(end) !== 125) return this.fail();
    const name = new SyntaxNode('variable_name', true, nameStart, end, false);
    let node: SyntaxNode;
    if (braced) {
      this.at = end + 1;
      node = new SyntaxNode('expansion', true, start, this.at, false);
      node.children = [new SyntaxNode('${', false, start, nameStart, false), name, new SyntaxNode('}', false, end, end + 1, false)];
    } else {
      this.at = end;
      node = new SyntaxNode('simple_expansion', true, start, end, false);
      node.children = [new SyntaxNode('$', false, start, nameStart, false), name];
    }
    return node;
  }

  private fail(): undefined {
    this.failed = true;
    return undefined;
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
    if (children.length === 0 || this.failed) return undefined;
    const root = new SyntaxNode('program', true, children[0].startIndex, t.length, false);
    root.children = children;
    return root;
  }
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isNameChar(c: number): boolean {
  return isLetter(c) || (c >= 48 && c <= 57) || c === 95;
}

/** The tree tree-sitter-bash gives a script of plain commands (without errors), or undefined for any other script. */
export function plainScriptTree(text: string): SyntaxNode | undefined {
  return new PlainReader(text).program();
}
