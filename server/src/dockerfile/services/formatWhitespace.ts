// Which blanks of an instruction's logical line carry meaning. The formatter only ever rewrites a
// run of spaces and tabs when every character of it is a separator for the reader that consumes the
// text (BuildKit's word splitters, or the POSIX shell for a shell-form body); anything else is
// "literal" and stays byte for byte: blanks inside quotes, after an escape, in a shell comment, in
// single-string instructions (WORKDIR, USER...) and in cmd/PowerShell bodies, which are never re-flowed.

export type ArgsReader =
  /** Words split on blanks only (FROM, COPY, ADD, EXPOSE, VOLUME): every blank separates. */
  | 'split'
  /** BuildKit's parseWords (ARG, ENV/LABEL `k=v`): quotes and the escape character protect blanks. */
  | 'words'
  /** ENV/LABEL `key value`: the blank after the key separates, the value is kept as written. */
  | 'legacyPair'
  /** A POSIX shell script (shell-form RUN/CMD/ENTRYPOINT/HEALTHCHECK CMD under sh/bash). */
  | 'posix'
  /** Every blank is part of the value (WORKDIR, USER, cmd/PowerShell bodies, unknown shells). */
  | 'literal';

const SPACE = 0x20;
const TAB = 0x09;

export function isBlank(code: number): boolean {
  return code === SPACE || code === TAB;
}

/**
 * Marks literal blanks of `text[from, to)` in `mask` (1 = keep as written), reading the range as
 * `reader` would. `escape` is the Dockerfile escape character.
 */
export function markLiteralBlanks(text: string, from: number, to: number, reader: ArgsReader, escape: string, mask: Uint8Array): void {
  switch (reader) {
    case 'split':
      return;
    case 'literal':
      mask.fill(1, from, to);
      return;
    case 'words':
      return markWords(text, from, to, escape, mask);
    case 'legacyPair': {
      let pos = from;
      while (pos < to && !isBlank(text.charCodeAt(pos))) pos++;
      while (pos < to && isBlank(text.charCodeAt(pos))) pos++;
      mask.fill(1, pos, to);
      return;
    }
    case 'posix':
      return markPosix(text, from, to, mask);
  }
}

/** BuildKit's flag splitter: `'`/`"` quote, a backslash escapes the next character. */
export function markFlags(text: string, from: number, to: number, mask: Uint8Array): void {
  let quote = '';
  for (let pos = from; pos < to; pos++) {
    const ch = text[pos];
    if (quote) {
      mask[pos] = 1;
      if (ch === quote) quote = '';
      else if (ch === '\\' && pos + 1 < to) mask[++pos] = 1;
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === '\\' && pos + 1 < to) mask[++pos] = 1;
  }
}

function markWords(text: string, from: number, to: number, escape: string, mask: Uint8Array): void {
  let quote = '';
  for (let pos = from; pos < to; pos++) {
    const ch = text[pos];
    if (quote) {
      mask[pos] = 1;
      if (ch === quote) quote = '';
      else if (ch === escape && quote !== "'" && pos + 1 < to) mask[++pos] = 1;
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === escape && pos + 1 < to) mask[++pos] = 1;
  }
}

type Context = 'code' | 'dq' | 'sq' | 'ansi' | 'backtick' | 'param' | 'comment';

/**
 * A conservative POSIX shell reading: blanks count as separators only in plain code (top level,
 * `$(...)`, `(...)`, `$((...))`); inside any quote, backquotes, `${...}`, a comment or after a
 * backslash they are literal. Unbalanced input makes everything after it literal.
 */
function markPosix(text: string, from: number, to: number, mask: Uint8Array): void {
  const stack: Context[] = ['code'];
  const top = () => stack[stack.length - 1];
  for (let pos = from; pos < to; pos++) {
    const ch = text[pos];
    const context = top();
    if (context !== 'code') mask[pos] = 1;
    switch (context) {
      case 'comment':
        break;
      case 'sq':
        if (ch === "'") stack.pop();
        break;
      case 'ansi':
        if (ch === '\\' && pos + 1 < to) mask[++pos] = 1;
        else if (ch === "'") stack.pop();
        break;
      case 'dq':
      case 'backtick':
      case 'param':
        if (ch === '\\' && pos + 1 < to) mask[++pos] = 1;
        else if (context === 'dq' && ch === '"') stack.pop();
        else if (context === 'backtick' && ch === '`') stack.pop();
        else if (context === 'param' && ch === '}') stack.pop();
        else if (ch === '$' && text[pos + 1] === '{') {
          stack.push('param');
          mask[++pos] = 1;
        } else if (ch === '$' && text[pos + 1] === '(') {
          // A substitution inside quotes: its own code, whose quotes nest.
          stack.push('code');
          mask[++pos] = 1;
        } else if (context !== 'dq' && ch === "'") stack.push('sq');
        else if (context !== 'dq' && ch === '"') stack.push('dq');
        else if (context !== 'backtick' && ch === '`') stack.push('backtick');
        break;
      case 'code':
        if (ch === '\\' && pos + 1 < to) mask[++pos] = 1;
        else if (ch === "'") stack.push(text[pos - 1] === '$' ? 'ansi' : 'sq');
        else if (ch === '"') stack.push('dq');
        else if (ch === '`') stack.push('backtick');
        else if (ch === '$' && text[pos + 1] === '{') {
          stack.push('param');
          pos++;
        } else if (ch === '(') stack.push('code');
        else if (ch === ')') {
          if (stack.length > 1) stack.pop();
          else {
            // A `)` we cannot pair (a `case` pattern): stop trusting our reading.
            mask.fill(1, pos, to);
            return;
          }
        } else if (ch === '#' && (pos === from || /[\s;&|()<>]/.test(text[pos - 1]))) stack.push('comment');
        break;
    }
  }
}
