// Compose interpolation, with the grammar and the quirks of compose-go's template package:
// `$$`, `$NAME`, `${NAME}` and the six operators `:-` `-` `:?` `?` `:+` `+`, nested templates in
// the argument (expanded only when used), a closing brace found by counting braces, and the same
// error texts (`Invalid template: "…"`, `required variable X is missing a value: reason`).

/** A variable's value, or undefined when it is not set (an empty string is set). */
export type Lookup = (name: string) => string | undefined;

export class TemplateError extends Error {
  constructor(
    message: string,
    readonly kind: 'invalid' | 'required',
    /** The template that failed (for `invalid`), or the variable (for `required`). */
    readonly subject: string,
    /** Zero-based line, when the template was read from an env file. */
    public line?: number,
  ) {
    super(message);
  }
}

function invalidTemplate(template: string): TemplateError {
  return new TemplateError(`Invalid template: ${goQuote(template)}`, 'invalid', template);
}

/** Go's %#v of a string: double-quoted with Go escapes. */
export function goQuote(text: string): string {
  let out = '"';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (code < 0x20 || code === 0x7f) out += '\\x' + code.toString(16).padStart(2, '0');
    else out += ch;
  }
  return out + '"';
}

// `$` then: `$` (escaped) | a name | `{` name [operator rest-of-line] `}` | `{` alone (invalid).
// The argument is greedy up to the last `}` of the line; the real end is found by counting braces.
const TOKEN = /\$(?:(\$)|([_a-z][_a-z0-9]*)|\{(?:([_a-z][_a-z0-9]*(?::?[-+?](.*))?)\}|()))/gi;
const TOKEN_AT_START = /^\$(?:(\$)|([_a-z][_a-z0-9]*)|\{(?:([_a-z][_a-z0-9]*(?::?[-+?](.*))?)\}|()))/i;

type Operator = ':?' | '?' | ':-' | '-' | ':+' | '+';
const OPERATORS: Operator[] = [':?', '?', ':-', '-', ':+', '+'];

/** The operator that occurs first in the text (ties go to the earlier entry of OPERATORS). */
function firstOperator(text: string): Operator | undefined {
  let best: Operator | undefined;
  let bestAt = Infinity;
  for (const op of OPERATORS) {
    const at = text.indexOf(op);
    if (at >= 0 && at < bestAt) {
      best = op;
      bestAt = at;
    }
  }
  return best;
}

/** Index of the `}` closing the first `{`; the character after each `{` is skipped, as compose-go does. */
function closingBrace(text: string): number {
  let open = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '}') {
      open--;
      if (open === 0) return i;
    }
    if (text[i] === '{') {
      open++;
      i++;
    }
  }
  return -1;
}

function split(text: string, sep: string): [string, string] {
  const at = text.indexOf(sep);
  return at < 0 ? [text, ''] : [text.slice(0, at), text.slice(at + sep.length)];
}

/** Applies an operator; undefined when the substitution does not use it (then it is a plain name). */
function applyOperator(op: Operator, substitution: string, lookup: Lookup): string | undefined {
  if (!substitution.includes(op)) return undefined;
  const [name, arg] = split(substitution, op);
  const value = lookup(name);
  switch (op) {
    case ':-':
      return value === undefined || value === '' ? substitute(arg, lookup) : value;
    case '-':
      return value === undefined ? substitute(arg, lookup) : value;
    case ':+':
      return value !== undefined && value !== '' ? substitute(arg, lookup) : (value ?? '');
    case '+':
      return value !== undefined ? substitute(arg, lookup) : '';
    case ':?':
    case '?':
      if (value === undefined || (op === ':?' && value === '')) {
        const reason = substitute(arg, lookup);
        throw new TemplateError(
          reason ? `required variable ${name} is missing a value: ${reason}` : `required variable ${name} is missing a value`,
          'required',
          name,
        );
      }
      return value;
  }
}

function replaceToken(token: string, lookup: Lookup): string {
  const op = firstOperator(token);
  const end = closingBrace(token);
  let rest = '';
  if (end > -1) {
    rest = token.slice(end + 1);
    token = token.slice(0, end + 1);
  }
  const m = TOKEN_AT_START.exec(token);
  if (!m) throw invalidTemplate('');
  if (m[1]) return '$';
  if (m[2]) return lookup(m[2]) ?? '';
  const braced = m[3];
  if (!braced) throw invalidTemplate('');
  if (op) {
    const value = applyOperator(op, braced, lookup);
    if (value !== undefined) return value + substitute(rest, lookup);
  }
  return lookup(braced) ?? '';
}

/** Substitutes every variable of a template; throws TemplateError like compose-go would fail. */
export function substitute(template: string, lookup: Lookup): string {
  if (!template.includes('$')) return template;
  let first: unknown;
  const out = template.replace(TOKEN, (token: string) => {
    try {
      return replaceToken(token, lookup);
    } catch (e) {
      if (first === undefined) {
        first = e instanceof TemplateError && e.kind === 'invalid' && e.subject === '' ? invalidTemplate(template) : e;
      }
      return '';
    }
  });
  if (first !== undefined) throw first;
  return out;
}

/** A variable use in a template, with offsets inside the template text. */
export interface VariableUse {
  name: string;
  /** The whole `$NAME` / `${…}` token. */
  start: number;
  end: number;
  /** The name itself. */
  nameStart: number;
  operator?: Operator;
  /** The argument text (default, alternative or message) when there is one. */
  argument?: string;
}

/** Every variable a template mentions, nested ones included (whether or not they would be used). */
export function variableUses(template: string, base = 0, depth = 0): VariableUse[] {
  const uses: VariableUse[] = [];
  if (!template.includes('$') || depth > 20) return uses;
  const re = new RegExp(TOKEN.source, 'gi');
  for (let m = re.exec(template); m; m = re.exec(template)) {
    let token = m[0];
    const start = m.index;
    if (m[1]) continue;
    if (m[2]) {
      uses.push({ name: m[2], start: base + start, end: base + start + token.length, nameStart: base + start + 1 });
      continue;
    }
    if (!m[3]) continue;
    const end = closingBrace(token);
    if (end > -1 && end + 1 < token.length) {
      // what follows the first balanced brace is scanned again
      re.lastIndex = start + end + 1;
      token = token.slice(0, end + 1);
    }
    const inner = token.slice(2, -1);
    const name = /^[_a-z][_a-z0-9]*/i.exec(inner)![0];
    const op = firstOperator(inner);
    const use: VariableUse = { name, start: base + start, end: base + start + token.length, nameStart: base + start + 2 };
    if (op && inner.startsWith(op, name.length)) {
      use.operator = op;
      use.argument = inner.slice(name.length + op.length);
      uses.push(use, ...variableUses(use.argument, base + start + 2 + name.length + op.length, depth + 1));
    } else uses.push(use);
  }
  return uses;
}
