// Expands a VS Code (TextMate) snippet body the way the editor does when the user accepts every
// default: `${1:default}` and its mirrors `$1`/`${1}` become the default, `${1|a,b|}` the first
// choice, `$0` nothing, variables (`$TM_FILENAME`, `${CURRENT_YEAR:x}`) a sample value or their
// default, and `\$`, `\}`, `\\` (plus `\,` `\|` inside choices) the escaped character. A backslash
// before anything else stays a backslash, as in the editor. Transforms (`${1/re/fmt/}`) are not
// used by our snippets and are rejected.

type Node =
  | { kind: 'text'; value: string }
  | { kind: 'tabstop'; index: number; children?: Node[] }
  | { kind: 'choice'; index: number; options: string[] }
  | { kind: 'variable'; name: string; children?: Node[] };

/** Values the editor would give the variables a snippet may use. */
const SAMPLE_VARIABLES: Record<string, string> = {
  TM_FILENAME: 'Dockerfile',
  TM_FILENAME_BASE: 'Dockerfile',
  TM_DIRECTORY: '/workspace/app',
  WORKSPACE_NAME: 'app',
  CURRENT_YEAR: '2026',
  LINE_COMMENT: '#',
  TM_SELECTED_TEXT: '',
  TM_CURRENT_LINE: '',
  CLIPBOARD: '',
};

export class SnippetSyntaxError extends Error {}

class SnippetParser {
  private pos = 0;
  constructor(private readonly src: string) {}

  parse(): Node[] {
    const nodes = this.sequence(false);
    if (this.pos < this.src.length) throw new SnippetSyntaxError(`unexpected '${this.src[this.pos]}' at ${this.pos}`);
    return nodes;
  }

  /** Text and placeholders until the end, or until an unescaped `}` when nested. */
  private sequence(nested: boolean): Node[] {
    const out: Node[] = [];
    let text = '';
    const flush = () => {
      if (text) out.push({ kind: 'text', value: text });
      text = '';
    };
    while (this.pos < this.src.length) {
      const ch = this.src[this.pos];
      if (ch === '\\') {
        const next = this.src[this.pos + 1];
        if (next === '$' || next === '}' || next === '\\') {
          text += next;
          this.pos += 2;
        } else {
          text += ch;
          this.pos += 1;
        }
        continue;
      }
      if (ch === '}' && nested) break;
      if (ch === '$') {
        const node = this.dollar();
        if (node) {
          flush();
          out.push(node);
          continue;
        }
      }
      text += ch;
      this.pos += 1;
    }
    flush();
    return out;
  }

  /** `$1`, `$NAME`, `${...}`; undefined (and nothing consumed) when `$` starts nothing. */
  private dollar(): Node | undefined {
    const rest = this.src.slice(this.pos + 1);
    let m = /^[0-9]+/.exec(rest);
    if (m) {
      this.pos += 1 + m[0].length;
      return { kind: 'tabstop', index: Number(m[0]) };
    }
    m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(rest);
    if (m) {
      this.pos += 1 + m[0].length;
      return { kind: 'variable', name: m[0] };
    }
    if (rest[0] !== '{') return undefined;
    const start = this.pos;
    this.pos += 2;
    m = /^([0-9]+|[A-Za-z_][A-Za-z0-9_]*)/.exec(this.src.slice(this.pos));
    if (!m) {
      this.pos = start;
      return undefined;
    }
    const id = m[0];
    this.pos += id.length;
    const isIndex = /^[0-9]/.test(id);
    const next = this.src[this.pos];
    if (next === '}') {
      this.pos += 1;
      return isIndex ? { kind: 'tabstop', index: Number(id) } : { kind: 'variable', name: id };
    }
    if (next === ':') {
      this.pos += 1;
      const children = this.sequence(true);
      this.expect('}');
      return isIndex ? { kind: 'tabstop', index: Number(id), children } : { kind: 'variable', name: id, children };
    }
    if (next === '|' && isIndex) {
      this.pos += 1;
      const options = this.choiceOptions();
      this.expect('}');
      return { kind: 'choice', index: Number(id), options };
    }
    if (next === '/') throw new SnippetSyntaxError(`transforms are not supported (at ${start})`);
    throw new SnippetSyntaxError(`bad placeholder at ${start}`);
  }

  private choiceOptions(): string[] {
    const options: string[] = [];
    let current = '';
    while (this.pos < this.src.length) {
      const ch = this.src[this.pos];
      if (ch === '\\' && /[,|\\$}]/.test(this.src[this.pos + 1] ?? '')) {
        current += this.src[this.pos + 1];
        this.pos += 2;
      } else if (ch === ',') {
        options.push(current);
        current = '';
        this.pos += 1;
      } else if (ch === '|') {
        options.push(current);
        this.pos += 1;
        return options;
      } else {
        current += ch;
        this.pos += 1;
      }
    }
    throw new SnippetSyntaxError('unterminated choice');
  }

  private expect(ch: string): void {
    if (this.src[this.pos] !== ch) throw new SnippetSyntaxError(`expected '${ch}' at ${this.pos}`);
    this.pos += 1;
  }
}

export function parseSnippet(body: string): Node[] {
  return new SnippetParser(body).parse();
}

/** The text the editor inserts when every placeholder keeps its default. */
export function expandSnippet(body: string | string[]): string {
  const nodes = parseSnippet(Array.isArray(body) ? body.join('\n') : body);
  // A tabstop's value is its first default (or first choice); its mirrors repeat it.
  const defaults = new Map<number, Node[] | string>();
  const collect = (list: Node[]) => {
    for (const n of list) {
      if (n.kind === 'tabstop' && n.children) {
        if (!defaults.has(n.index)) defaults.set(n.index, n.children);
        collect(n.children);
      } else if (n.kind === 'choice' && !defaults.has(n.index)) {
        defaults.set(n.index, n.options[0] ?? '');
      } else if (n.kind === 'variable' && n.children) {
        collect(n.children);
      }
    }
  };
  collect(nodes);
  const render = (list: Node[], depth: number): string => {
    if (depth > 20) throw new SnippetSyntaxError('placeholders refer to each other');
    let out = '';
    for (const n of list) {
      if (n.kind === 'text') out += n.value;
      // An unknown variable is inserted as its name (the editor's behaviour): usually a `$` that
      // should have been escaped, which `unknownVariables` lets a test catch.
      else if (n.kind === 'variable') out += SAMPLE_VARIABLES[n.name] ?? (n.children ? render(n.children, depth + 1) : n.name);
      else {
        const value = defaults.get(n.index);
        out += value === undefined ? '' : typeof value === 'string' ? value : render(value, depth + 1);
      }
    }
    return out;
  };
  return render(nodes, 0);
}

/** Variables the editor does not know: in our snippets, a `$` that lacks its backslash. */
export function unknownVariables(body: string | string[]): string[] {
  const out: string[] = [];
  const walk = (list: Node[]) => {
    for (const n of list) {
      if (n.kind === 'variable' && !(n.name in SAMPLE_VARIABLES)) out.push(n.name);
      if ((n.kind === 'variable' || n.kind === 'tabstop') && n.children) walk(n.children);
    }
  };
  walk(parseSnippet(Array.isArray(body) ? body.join('\n') : body));
  return out;
}
