// `.env` files as compose-go reads them: `export` prefixes, `=` or `:` separators, comments,
// single quotes (literal), double quotes (escapes, then expansion), multi-line quoted values,
// unquoted values cut at ` #`, bare keys inherited from the caller, `${…}` expanded with the
// caller's values first and then the keys defined before. Error texts are compose-go's.
import { substitute, TemplateError, type Lookup } from './template';

export class DotenvError extends Error {
  constructor(
    message: string,
    /** Zero-based line of the problem (of the statement, for an unterminated quote). */
    readonly line: number,
  ) {
    super(message);
  }
}

export interface DotenvEntry {
  key: string;
  value: string;
  /** Offsets of the key and of the whole statement in the text. */
  keyStart: number;
  keyEnd: number;
  /** Zero-based line of the key. */
  line: number;
  /** True for a bare key whose value came from the caller. */
  inherited?: boolean;
}

export interface Dotenv {
  /** Values in definition order; a key defined twice keeps its last value. */
  values: Map<string, string>;
  /** Every definition, in order (the last one of a key wins). */
  entries: DotenvEntry[];
}

const SPACE = new Set(['\t', '\v', '\f', '\r', ' ', '\u0085', '\u00a0']);
const isSpace = (ch: string) => SPACE.has(ch);
const isUnicodeSpace = (ch: string) => isSpace(ch) || ch === '\n' || /\s/u.test(ch);
const KEY_CHAR = /[\p{L}\p{N}_.\-[\]]/u;

/**
 * Parses an env file. `lookup` is asked first for `${X}` and for bare keys (the shell, or the values of
 * earlier env files); keys defined earlier in this file come next. Throws DotenvError or TemplateError.
 */
export function parseDotenv(text: string, lookup: Lookup = () => undefined, into?: Map<string, string>): Dotenv {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const values = into ?? new Map<string, string>();
  const entries: DotenvEntry[] = [];
  const expand = (value: string) => substitute(value, (name) => lookup(name) ?? values.get(name));
  let line = 0;
  let pos = 0;
  const n = text.length;
  while (pos < n) {
    // start of the next statement: skip spaces and comment lines
    while (pos < n && isUnicodeSpace(text[pos])) {
      if (text[pos] === '\n') line++;
      pos++;
    }
    if (pos >= n) break;
    if (text[pos] === '#') {
      const nl = text.indexOf('\n', pos);
      if (nl < 0) break;
      pos = nl;
      continue;
    }
    // key
    const exported = /^export[\t\n\f\r ]+/.exec(text.slice(pos, pos + 40));
    if (exported) {
      pos += 'export'.length;
      while (pos < n && isSpace(text[pos])) pos++;
    }
    const keyStart = pos;
    let keyEnd = -1;
    let separator = '';
    for (let i = pos; i < n; ) {
      const ch = String.fromCodePoint(text.codePointAt(i)!);
      if (isSpace(ch)) {
        i += ch.length;
        continue;
      }
      if (ch === '=' || ch === ':' || ch === '\n') {
        keyEnd = i;
        separator = ch;
        break;
      }
      if (!KEY_CHAR.test(ch)) {
        const firstLine = text.slice(pos).split('\n')[0];
        throw new DotenvError(`line ${line + 1}: unexpected character ${goQuoteShort(ch)} in variable name ${goQuoteShort(firstLine)}`, line);
      }
      i += ch.length;
    }
    let key: string;
    let valueStart: number;
    if (keyEnd < 0) {
      // a key at the very end without separator: compose-go reads it as the value of the empty key
      key = '';
      valueStart = keyStart;
    } else {
      key = text.slice(keyStart, keyEnd).replace(/\s+$/u, '');
      valueStart = keyEnd + 1;
    }
    if (key.includes(' ')) throw new DotenvError(`line ${line + 1}: key cannot contain a space`, line);
    const keyLine = line;
    if (separator === '\n') {
      line++;
      const inherited = lookup(key);
      if (inherited !== undefined) {
        values.set(key, inherited);
        entries.push({ key, value: inherited, keyStart, keyEnd: keyStart + key.length, line: keyLine, inherited: true });
      }
      pos = valueStart;
      continue;
    }
    while (valueStart < n && isSpace(text[valueStart])) valueStart++;
    const quote = text[valueStart];
    let value: string;
    if (quote !== '"' && quote !== "'") {
      const nl = text.indexOf('\n', valueStart);
      let raw = text.slice(valueStart, nl < 0 ? n : nl);
      pos = nl < 0 ? n : nl + 1;
      line++;
      const comment = raw.indexOf(' #');
      if (comment >= 0) raw = raw.slice(0, comment);
      value = expandOrFail(expand, raw.replace(/\s+$/u, ''), keyLine);
    } else {
      let chars = '';
      let escaped = false;
      let closed = -1;
      for (let i = valueStart + 1; i < n; i++) {
        const ch = text[i];
        if (ch === '\n') line++;
        if (ch !== quote) {
          if (!escaped && ch === '\\') {
            escaped = true;
            continue;
          }
          if (escaped) {
            escaped = false;
            chars += '\\';
          }
          chars += ch;
          continue;
        }
        if (escaped) {
          escaped = false;
          chars += ch;
          continue;
        }
        closed = i;
        break;
      }
      if (closed < 0) {
        const nl = text.indexOf('\n', valueStart);
        // compose-go counts the lines it read; the diagnostic goes where the value opened
        throw new DotenvError(`line ${line + 1}: unterminated quoted value ${text.slice(valueStart, nl < 0 ? n : nl)}`, keyLine);
      }
      value = quote === '"' ? expandOrFail(expand, decodeEscapes(chars), keyLine) : chars;
      pos = closed + 1;
    }
    values.set(key, value);
    entries.push({ key, value, keyStart, keyEnd: keyStart + key.length, line: keyLine });
  }
  return { values, entries };
}

function expandOrFail(expand: (v: string) => string, value: string, line: number): string {
  try {
    return expand(value);
  } catch (e) {
    if (e instanceof TemplateError) {
      e.line ??= line;
      throw e;
    }
    throw new DotenvError(`line ${line + 1}: ${(e as Error).message}`, line);
  }
}

function goQuoteShort(text: string): string {
  return '"' + text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\t/g, '\\t').replace(/\r/g, '\\r') + '"';
}

const SIMPLE_ESCAPES: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', '"': '"' };

/** Double-quoted escapes: `\a \b \f \n \r \t \v \\ \"`, `\$` (kept as a literal dollar) and `\0NNN` octal; others stay as written. */
function decodeEscapes(text: string): string {
  return text.replace(/\\(?:[abcfnrtv$"\\]|0\d{0,3})/g, (match) => {
    const c = match[1];
    if (c === '$') return '$$';
    if (c === '0') {
      const digits = match.slice(2);
      if (/^[0-7]{3}$/.test(digits) && parseInt(digits, 8) <= 255) return String.fromCharCode(parseInt(digits, 8));
      return '\\' + digits;
    }
    return SIMPLE_ESCAPES[c] ?? match;
  });
}

/** Keys compose-go drops when reading env files for the project (they start with a digit). */
export function startsWithDigit(key: string): boolean {
  return /^\s*\d/.test(key);
}
