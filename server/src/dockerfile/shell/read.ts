// Turns tree-sitter's bash tree into the plain commands of types.ts. The tree is freed right after
// (it lives in WebAssembly memory), so everything kept is copied out here, with spans mapped back to
// the Dockerfile by `toSource`.
import { EMPTY, listOrEmpty, type Span } from '../parser/ast';
import type { SyntaxNode as Node } from './syntaxTree';
import type { ShellAssignment, ShellCommand, ShellConstruct, ShellExpansion, ShellPipeline, ShellRedirect, ShellWord } from './types';

export interface ReadResult {
  commands: ShellCommand[];
  pipelines: ShellPipeline[];
  hasErrors: boolean;
  /** Script index just after the last token of code. */
  codeEnd: number;
  topLevelOperators: Set<string>;
  topLevelCommands: Span[];
  commentAt?: number;
  /** Heredocs in the script: delimiter, body (script indices) and the command reading it. */
  heredocs: { delimiter: string; body: Span; reader?: ShellCommand }[];
}

interface Context {
  constructs: ShellConstruct[];
  statusChecked: boolean;
  negated: boolean;
  before?: '&&' | '||';
  after?: '&&' | '||';
}

/** A word as it is read: its value so far, and the expansions and substitutions found in it (lists made at their first entry). */
interface WordParts {
  value: string;
  literal: boolean;
  quoted: boolean;
  unquoted: ShellExpansion[] | undefined;
  substitutions: Span[] | undefined;
}

/** The constructs of a command at the top of a script: none (one list shared by all of them). */
export const ROOT_CONSTRUCTS: ShellConstruct[] = [];

const ROOT: Context = { constructs: ROOT_CONSTRUCTS, statusChecked: false, negated: false };

/** Node types that are words (arguments, values). */
const WORD_TYPES = new Set([
  'word', 'string', 'raw_string', 'ansi_c_string', 'translated_string', 'concatenation', 'simple_expansion', 'expansion',
  'command_substitution', 'process_substitution', 'arithmetic_expansion', 'number', 'brace_expression', 'extglob_pattern', 'special_variable_name',
]);

class Reader {
  readonly commands: ShellCommand[] = [];
  readonly pipelines: ShellPipeline[] = [];
  readonly heredocs: ReadResult['heredocs'] = [];
  hasErrors = false;
  commentAt?: number;

  constructor(
    private readonly text: string,
    private readonly toSource: (index: number) => number,
    /** The source offset just after the character at a script index (escapes make it more than toSource + 1). */
    private readonly endOfChar: (index: number) => number = (i) => toSource(i) + 1,
  ) {}

  /** A node's text (Node.text would copy the rest of the script on every call). */
  src(n: { startIndex: number; endIndex: number }): string {
    return this.text.slice(n.startIndex, n.endIndex);
  }

  // Spans are written out as `start`/`end` properties rather than spread (`...this.span(n)`): an
  // object built by spreading and then extended goes through V8's slow property path, and that was
  // the largest single cost of reading the corpus' scripts (bench/shell.mjs).
  startOf(n: { startIndex: number }): number {
    return this.toSource(n.startIndex);
  }

  endOf(n: { startIndex: number; endIndex: number }): number {
    return n.endIndex <= n.startIndex ? this.toSource(n.startIndex) : this.endOfChar(n.endIndex - 1);
  }

  span(n: { startIndex: number; endIndex: number }): Span {
    const start = this.toSource(n.startIndex);
    if (n.endIndex <= n.startIndex) return { start, end: start };
    return { start, end: this.endOfChar(n.endIndex - 1) };
  }

  statements(nodes: Node[], ctx: Context): void {
    for (const n of nodes) this.statement(n, ctx);
  }

  statement(n: Node, ctx: Context): void {
    switch (n.type) {
      case 'command':
        this.command(n, ctx, []);
        return;
      case 'declaration_command':
      case 'unset_command':
        this.declaration(n, ctx, []);
        return;
      case 'variable_assignment':
      case 'variable_assignments':
        this.assignments(n, ctx);
        return;
      case 'test_command':
        this.test(n, ctx, []);
        return;
      case 'redirected_statement':
        this.redirected(n, ctx);
        return;
      case 'pipeline':
        this.pipeline(n, ctx);
        return;
      case 'list':
        this.list(n, ctx);
        return;
      case 'negated_command':
        this.statements(n.namedChildren.filter(isPresent), { ...ctx, negated: true, statusChecked: true });
        return;
      case 'if_statement':
        this.ifStatement(n, ctx, 'if');
        return;
      case 'while_statement': {
        const kind: ShellConstruct = n.children[0]?.type === 'until' ? 'until' : 'while';
        const inner = { ...ROOT, constructs: [...ctx.constructs, kind] };
        for (const c of n.namedChildren.filter(isPresent)) {
          if (c.type === 'do_group') this.statements(c.namedChildren.filter(isPresent), inner);
          else this.statement(c, { ...inner, statusChecked: true });
        }
        return;
      }
      case 'for_statement':
      case 'c_style_for_statement': {
        const inner = { ...ROOT, constructs: [...ctx.constructs, 'for' as const] };
        for (const c of n.namedChildren.filter(isPresent)) {
          if (c.type === 'do_group' || c.type === 'compound_statement') this.statements(c.namedChildren.filter(isPresent), inner);
          else this.nested(c, inner);
        }
        return;
      }
      case 'case_statement': {
        const inner = { ...ROOT, constructs: [...ctx.constructs, 'case' as const] };
        const value = n.childForFieldName('value');
        if (value) this.nested(value, inner);
        for (const item of n.namedChildren.filter(isPresent)) {
          if (item.type !== 'case_item') continue;
          // Patterns (`x86_64|aarch64)`) are not commands: only the item's body is.
          const patternsEnd = item.children.find((c) => c?.type === ')')?.endIndex ?? item.startIndex;
          this.statements(item.namedChildren.filter((c): c is Node => !!c && c.startIndex >= patternsEnd), inner);
        }
        return;
      }
      case 'function_definition': {
        const body = n.childForFieldName('body');
        if (body) this.statement(body, { ...ROOT, constructs: [...ctx.constructs, 'function'] });
        return;
      }
      case 'compound_statement':
        this.block(n.namedChildren.filter(isPresent), ctx, 'group');
        return;
      case 'subshell':
        this.block(n.namedChildren.filter(isPresent), ctx, 'subshell');
        return;
      case 'comment':
        this.commentAt ??= n.startIndex;
        return;
      case 'ERROR':
        this.hasErrors = true;
        this.statements(n.namedChildren.filter(isPresent), ctx);
        return;
      default:
        if (n.isMissing) this.hasErrors = true;
        // Anything else (arithmetic `(( ))`, words in odd places): look inside for substitutions.
        this.nested(n, ctx);
    }
  }

  /**
   * The statements of `( ... )` or `{ ...; }`. The block's status is its last statement's, so only
   * that one inherits what is around the block (`(cd x; make) && next`: the && checks make, not cd);
   * the first inherits the operator before it.
   */
  block(nodes: Node[], ctx: Context, construct: 'group' | 'subshell'): void {
    const code = nodes.filter((c) => c.type !== 'comment');
    const first = code[0];
    const last = code[code.length - 1];
    const constructs = [...ctx.constructs, construct];
    for (const c of nodes) {
      const isLast = c === last;
      this.statement(c, {
        constructs,
        statusChecked: isLast && ctx.statusChecked,
        negated: isLast && ctx.negated,
        before: c === first ? ctx.before : undefined,
        after: isLast ? ctx.after : undefined,
      });
    }
  }

  /** Commands hidden inside words: `$(...)`, backquotes, `<(...)`. */
  nested(n: Node, ctx: Context): void {
    if (n.type === 'command_substitution' || n.type === 'process_substitution') {
      this.statements(n.namedChildren.filter(isPresent), { ...ROOT, constructs: [...ctx.constructs, 'substitution'] });
      return;
    }
    if (n.type === 'ERROR') this.hasErrors = true;
    for (const c of n.namedChildren) if (c) this.nested(c, ctx);
  }

  ifStatement(n: Node, ctx: Context, kind: 'if' | 'elif' | 'else'): void {
    const inner = { ...ROOT, constructs: [...ctx.constructs, kind] };
    let inCondition = kind !== 'else';
    for (const c of n.children) {
      if (!c) continue;
      if (c.type === 'then') inCondition = false;
      if (!c.isNamed) continue;
      if (c.type === 'elif_clause') this.ifStatement(c, ctx, 'elif');
      else if (c.type === 'else_clause') this.ifStatement(c, ctx, 'else');
      else this.statement(c, inCondition ? { ...inner, statusChecked: true } : inner);
    }
  }

  list(n: Node, ctx: Context): void {
    // `a && b || c` is ((a && b) || c): flatten into elements and operators.
    const elements: Node[] = [];
    const operators: ('&&' | '||')[] = [];
    for (const c of inOrder(n, (x) => x.type === 'list')) {
      if (c.type === '&&' || c.type === '||') operators.push(c.type);
      else if (c.isNamed) elements.push(c);
    }
    elements.forEach((e, i) => {
      const before = i === 0 ? ctx.before : operators[i - 1];
      const after = i === elements.length - 1 ? ctx.after : operators[i];
      this.statement(e, { ...ctx, before, after, statusChecked: ctx.statusChecked || after !== undefined });
    });
  }

  pipeline(n: Node, ctx: Context): void {
    const parts = n.children.filter(isPresent);
    const elements = parts.filter((c) => c.isNamed && c.type !== 'comment');
    const pipeline: ShellPipeline = { start: this.startOf(n), end: this.endOf(n), elements: [], operators: parts.filter((c) => c.type === '|' || c.type === '|&').map((c) => c.type) };
    this.pipelines.push(pipeline);
    elements.forEach((e, i) => {
      const from = this.commands.length;
      const elementCtx = { ...ctx, before: i === 0 ? ctx.before : undefined, after: i === elements.length - 1 ? ctx.after : undefined };
      this.statement(e, elementCtx);
      const direct = this.commands.slice(from).find((c) => c.start >= pipeline.start && sameDepth(c, ctx));
      const simple = isSimpleElement(e) ? direct : undefined;
      pipeline.elements.push(simple);
      if (simple) {
        simple.pipeline = pipeline;
        simple.pipeIndex = i;
      }
    });
  }

  redirected(n: Node, ctx: Context): void {
    const redirects: ShellRedirect[] = [];
    const rest: Node[] = [];
    let body: Node | undefined;
    for (const c of n.namedChildren) {
      if (!c) continue;
      if (c.type === 'file_redirect' || c.type === 'herestring_redirect' || c.type === 'heredoc_redirect') redirects.push(this.redirect(c, rest));
      else body ??= c;
    }
    if (body) {
        if (body.type === 'command') this.command(body, ctx, redirects);
      else if (body.type === 'declaration_command' || body.type === 'unset_command') this.declaration(body, ctx, redirects);
      else if (body.type === 'test_command') this.test(body, ctx, redirects);
      else this.statement(body, ctx);
    }
    // `cmd <<EOF && next`: tree-sitter keeps what follows the heredoc marker inside the redirect.
    this.statements(rest, ctx);
  }

  redirect(n: Node, rest: Node[]): ShellRedirect {
    let operator = '';
    let target: ShellWord | undefined;
    for (const c of n.children) {
      if (!c) continue;
      if (c.type === 'file_descriptor') operator += this.src(c);
      else if (!c.isNamed && operator.replace(/^\d+/, '') === '' && /^[<>&|]/.test(c.type)) operator += c.type;
      else if (c.type === 'heredoc_start') {
        const delimiter = unquoteDelimiter(this.src(c));
        target = this.word(c);
        const bodyNode = n.namedChildren.find((x) => x?.type === 'heredoc_body');
        if (bodyNode) this.heredocs.push({ delimiter, body: { start: bodyNode.startIndex, end: bodyNode.endIndex } });
      } else if (c.type === 'heredoc_body' || c.type === 'heredoc_end') continue;
      else if (c.isNamed && WORD_TYPES.has(c.type) && !target && n.type !== 'heredoc_redirect') {
        target = this.word(c);
        for (const x of c.namedChildren) if (x) this.nested(x, ROOT);
      } else if (c.isNamed && n.type === 'heredoc_redirect') rest.push(c);
    }
    return { start: this.startOf(n), end: this.endOf(n), operator, target };
  }

  command(n: Node, ctx: Context, redirects: ShellRedirect[]): void {
    const env: ShellAssignment[] = [];
    const args: ShellWord[] = [];
    const rest: Node[] = [];
    let name: ShellWord | undefined;
    for (const c of n.children) {
      if (!c || !c.isNamed) continue;
      if (c.type === 'variable_assignment' && !name) env.push(this.assignment(c, ctx));
      else if (c.type === 'command_name') {
        const w = c.namedChildren[0];
        name = w ? this.word(w) : undefined;
        if (w) this.nested(w, ctx);
      } else if (c.type === 'file_redirect' || c.type === 'herestring_redirect' || c.type === 'heredoc_redirect') {
        redirects.push(this.redirect(c, rest));
      } else if (c.type === 'comment') this.commentAt ??= c.startIndex;
      else {
        args.push(this.word(c));
        this.nested(c, ctx);
      }
    }
    this.push(n, ctx, name ? 'simple' : 'assignment', name, args, env, redirects);
    this.statements(rest, ctx);
  }

  declaration(n: Node, ctx: Context, redirects: ShellRedirect[]): void {
    const keyword = n.children[0];
    const name = keyword ? this.word(keyword) : undefined;
    const env: ShellAssignment[] = [];
    const args: ShellWord[] = [];
    for (const c of n.namedChildren) {
      if (!c) continue;
      if (c.type === 'variable_assignment') {
        const a = this.assignment(c, ctx);
        env.push(a);
        args.push(this.word(c));
      } else {
        args.push(this.word(c));
        this.nested(c, ctx);
        if (c.type === 'variable_name') env.push({ start: this.startOf(c), end: this.endOf(c), name: this.src(c), nameSpan: this.span(c) });
      }
    }
    this.push(n, ctx, n.type === 'unset_command' ? 'unset' : 'declaration', name, args, env, redirects);
  }

  assignments(n: Node, ctx: Context): void {
    const list = n.type === 'variable_assignment' ? [n] : n.namedChildren.filter((c): c is Node => c?.type === 'variable_assignment');
    this.push(n, ctx, 'assignment', undefined, [], list.map((a) => this.assignment(a, ctx)), []);
  }

  assignment(n: Node, ctx: Context): ShellAssignment {
    const nameNode = n.childForFieldName('name') ?? n.namedChildren[0];
    const valueNode = n.childForFieldName('value');
    if (valueNode) this.nested(valueNode, ctx);
    return {
      start: this.startOf(n), end: this.endOf(n),
      name: nameNode ? this.src(nameNode) : '',
      nameSpan: nameNode ? this.span(nameNode) : this.span(n),
      value: valueNode ? this.word(valueNode) : undefined,
    };
  }

  test(n: Node, ctx: Context, redirects: ShellRedirect[]): void {
    const open = n.children[0];
    const name = open ? this.word(open) : undefined;
    this.nested(n, { ...ctx, constructs: [...ctx.constructs, 'test'] });
    this.push(n, ctx, 'test', name, [], [], redirects);
  }

  push(n: Node, ctx: Context, kind: ShellCommand['kind'], name: ShellWord | undefined, args: ShellWord[], env: ShellAssignment[], redirects: ShellRedirect[]): void {
    const cmd: ShellCommand = {
      start: this.startOf(n), end: this.endOf(n),
      kind,
      name,
      args: listOrEmpty(args),
      words: name ? [name].concat(args) : listOrEmpty(args),
      env: listOrEmpty(env),
      redirects: listOrEmpty(redirects),
      context: ctx.constructs,
      statusChecked: ctx.statusChecked,
      negated: ctx.negated,
      operatorBefore: ctx.before,
      operatorAfter: ctx.after,
      // Set by `pipeline` afterwards; declared here so that every command has one shape.
      pipeline: undefined,
      pipeIndex: undefined,
    };
    if (kind === 'simple') for (const h of this.heredocs) if (!h.reader && h.body.start > n.startIndex) h.reader = cmd;
    // Keep source order: substitutions inside the command were read before it.
    let at = this.commands.length;
    while (at > 0 && this.commands[at - 1].start > cmd.start) at--;
    this.commands.splice(at, 0, cmd);
  }

  word(n: Node): ShellWord {
    // The lists are made at their first entry: most words have no expansion or substitution.
    const parts: WordParts = { value: '', literal: true, quoted: false, unquoted: undefined, substitutions: undefined };
    const raw = this.text.slice(n.startIndex, n.endIndex);
    this.wordParts(n, parts, false, raw);
    return {
      start: this.startOf(n), end: this.endOf(n),
      value: parts.value,
      raw,
      literal: parts.literal,
      quoted: parts.quoted,
      unquotedExpansions: parts.unquoted ? listOrEmpty(parts.unquoted) : EMPTY,
      substitutions: parts.substitutions ? listOrEmpty(parts.substitutions) : EMPTY,
    };
  }

  /** `text`: the node's text when the caller has it already. */
  private wordParts(n: Node, out: WordParts, inQuotes: boolean, text = this.text.slice(n.startIndex, n.endIndex)): void {
    switch (n.type) {
      case 'word':
      case 'number':
      case 'variable_name':
      case 'extglob_pattern':
        if (/[*?[]/.test(text) && n.type !== 'variable_name') out.literal = false;
        out.value += unescapeUnquoted(text);
        return;
      case 'raw_string':
        out.quoted = true;
        out.value += text.slice(1, -1);
        return;
      case 'ansi_c_string':
        out.quoted = true;
        out.value += text.slice(2, -1);
        return;
      case 'string':
      case 'translated_string': {
        out.quoted = true;
        // Text between the quotes: content runs as written, expansions read as parts.
        const open = n.type === 'translated_string' ? 2 : 1;
        let at = n.startIndex + open;
        const close = n.endIndex - (text.endsWith('"') && text.length > open ? 1 : 0);
        for (const c of n.namedChildren) {
          if (!c || c.startIndex < at) continue;
          out.value += unescapeDoubleQuoted(this.text.slice(at, c.startIndex));
          if (c.type === 'string_content') out.value += unescapeDoubleQuoted(this.src(c));
          else this.wordParts(c, out, true);
          at = c.endIndex;
        }
        if (at < close) out.value += unescapeDoubleQuoted(this.text.slice(at, close));
        return;
      }
      case 'concatenation':
        for (const c of n.children) if (c) this.wordParts(c, out, inQuotes);
        return;
      case 'simple_expansion':
      case 'expansion': {
        out.literal = false;
        out.value += text;
        if (!inQuotes) {
          const nameNode = n.namedChildren.find((c) => c?.type === 'variable_name' || c?.type === 'special_variable_name');
          const name = nameNode ? this.src(nameNode) : text.replace(/^\$\{?#?/, '').replace(/[^A-Za-z0-9_@*#?$!-].*$/s, '');
          (out.unquoted ??= []).push({ start: this.startOf(n), end: this.endOf(n), name });
        }
        return;
      }
      case 'command_substitution':
        out.literal = false;
        out.value += text;
        (out.substitutions ??= []).push(this.span(n));
        if (!inQuotes) (out.unquoted ??= []).push({ start: this.startOf(n), end: this.endOf(n), name: '$(...)' });
        return;
      default:
        out.literal = false;
        out.value += text;
    }
  }
}

function isPresent(n: Node | null): n is Node {
  return n !== null;
}

function isSimpleElement(n: Node): boolean {
  if (n.type === 'command' || n.type === 'declaration_command' || n.type === 'unset_command' || n.type === 'test_command') return true;
  if (n.type === 'redirected_statement' || n.type === 'negated_command') {
    const body = n.namedChildren[0];
    return body ? isSimpleElement(body) : false;
  }
  return false;
}

function sameDepth(c: ShellCommand, ctx: Context): boolean {
  return c.context.length === ctx.constructs.length;
}

/** An unquoted word: a backslash keeps the next character (and joins lines). */
function unescapeUnquoted(s: string): string {
  return s.includes('\\') ? s.replace(/\\(\n|.)/g, (_m, c: string) => (c === '\n' ? '' : c)) : s;
}

/** Inside double quotes only `\$`, `` \` ``, `\"`, `\\` and backslash-newline are escapes. */
function unescapeDoubleQuoted(s: string): string {
  return s.includes('\\') ? s.replace(/\\([$`"\\\n])/g, (_m, c: string) => (c === '\n' ? '' : c)) : s;
}

function unquoteDelimiter(s: string): string {
  return s.replace(/["'\\]/g, '');
}

/** Reads a parsed script. */
export function readTree(root: Node, hasError: boolean, text: string, toSource: (index: number) => number, endOfChar?: (index: number) => number): ReadResult {
  const reader = new Reader(text, toSource, endOfChar);
  const top = root.children.filter(isPresent);
  reader.statements(top.filter((c) => c.isNamed), ROOT);
  if (hasError) reader.hasErrors = true;
  const topLevelOperators = new Set<string>();
  const topLevelCommands: Span[] = [];
  let codeEnd = 0;
  const split = (n: Node) => {
    const isChain = (x: Node) => x.type === 'list' || x.type === 'pipeline';
    if (!isChain(n)) {
      if (n.type !== 'comment') topLevelCommands.push({ start: n.startIndex, end: n.endIndex });
      return;
    }
    for (const c of inOrder(n, isChain)) {
      if (!c.isNamed) topLevelOperators.add(c.type);
      else if (c.type !== 'comment') topLevelCommands.push({ start: c.startIndex, end: c.endIndex });
    }
  };
  let statements = 0;
  for (const c of top) {
    if (c.type === 'comment') continue;
    if (!c.isNamed) {
      if (c.type === ';' || c.type === '&' || c.type === ';;') topLevelOperators.add(c.type === ';;' ? ';' : c.type);
      continue;
    }
    if (statements++ > 0 && !endsWithSeparator(text, c.startIndex)) topLevelOperators.add(';');
    split(c);
    codeEnd = Math.max(codeEnd, c.endIndex);
  }
  // Kept as long as the instruction: lists at their length, absent ones the tree's shared empty list.
  return {
    commands: listOrEmpty(reader.commands),
    pipelines: listOrEmpty(reader.pipelines),
    hasErrors: reader.hasErrors,
    codeEnd,
    topLevelOperators,
    topLevelCommands: listOrEmpty(topLevelCommands),
    commentAt: reader.commentAt,
    heredocs: listOrEmpty(reader.heredocs),
  };
}

/**
 * Whether the script before `at` ends with `;` or `&`, blanks after it allowed: read backwards from
 * `at` (a regex on the text before each statement made reading a long script quadratic).
 */
export function endsWithSeparator(text: string, at: number): boolean {
  let i = at - 1;
  while (i >= 0 && /\s/.test(text[i])) i--;
  return i >= 0 && (text[i] === ';' || text[i] === '&');
}

/**
 * The children of `n` in source order, with the children of those that `expand` accepts put in their
 * place. Without recursion: `a && b && …` is a list nested once per operator (30,000 deep in a long RUN).
 */
function inOrder(n: Node, expand: (x: Node) => boolean): Node[] {
  const out: Node[] = [];
  const stack: { children: (Node | null)[]; i: number }[] = [{ children: n.children, i: 0 }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    if (top.i >= top.children.length) {
      stack.pop();
      continue;
    }
    const c = top.children[top.i++];
    if (!c) continue;
    if (expand(c)) stack.push({ children: c.children, i: 0 });
    else out.push(c);
  }
  return out;
}
