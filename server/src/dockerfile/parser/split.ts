// BuildKit's ways of cutting an instruction's text into pieces, with logical positions kept.
// Each function follows the behaviour of BuildKit's parser (line_parsers.go) exactly, because the
// parse must agree with what `docker build` does.
import { isGoSpace, isSeparator } from './logicalLine';

export interface Piece {
  value: string;
  start: number;
  end: number;
}

/** `--flag` words before the arguments, pushed to `flags`. Returns where the arguments start. */
export function extractFlags(text: string, from: number, to: number, flags: Piece[]): number {
  let inWord = false;
  let quote = '';
  // A word without quotes or escapes is a slice of the text; `word` is built a character at a time
  // only from the first quote or escape on (`plain` false).
  let plain = true;
  let word = '';
  let wordStart = 0;
  let blankOk = false;
  for (let pos = from; pos <= to; pos++) {
    const ch = pos < to ? text[pos] : '';
    if (!inWord && !quote) {
      if (pos === to) break;
      if (isGoSpace(ch.charCodeAt(0))) continue;
      if (ch !== '-' || pos + 1 === to || text[pos + 1] !== '-') return pos;
      inWord = true;
      wordStart = pos;
    }
    if (pos === to) {
      const value = plain ? text.slice(wordStart, pos) : word;
      if (value !== '--' && (blankOk || value.length > 0)) flags.push({ value, start: wordStart, end: pos });
      break;
    }
    if (quote) {
      if (ch === quote) {
        quote = '';
        continue;
      }
      if (ch === '\\') {
        if (pos + 1 === to) {
          quote = '';
          continue;
        }
        pos++;
      }
      word += text[pos];
      continue;
    }
    if (isGoSpace(ch.charCodeAt(0))) {
      inWord = false;
      const value = plain ? text.slice(wordStart, pos) : word;
      if (value === '--') return pos;
      if (blankOk || value.length > 0) flags.push({ value, start: wordStart, end: pos });
      word = '';
      plain = true;
      blankOk = false;
      continue;
    }
    if (ch === "'" || ch === '"' || ch === '\\') {
      if (plain) word = text.slice(wordStart, pos);
      plain = false;
    }
    if (ch === "'" || ch === '"') {
      quote = ch;
      blankOk = true;
      continue;
    }
    if (ch === '\\') {
      if (pos + 1 === to) continue;
      pos++;
    }
    if (!plain) word += text[pos];
  }
  return to;
}

/**
 * Whitespace-separated words, quotes and escapes kept in the value (BuildKit's parseWords).
 * Used for ENV, LABEL and ARG. Each word is written to `out` from index 0 as three numbers (no
 * object, no string): its start, its end, and where its value ends (its value is text[start,
 * valueEnd): an escape ending the text is not in it). Returns the number of words.
 */
export function parseWords(text: string, from: number, to: number, escape: string, out: number[]): number {
  let n = 0;
  let inWord = false;
  let quote = '';
  // Every character of a word is kept but an escape ending the text: a word is a slice of the text,
  // one character shorter when that escape was dropped (`dropped`).
  let dropped = false;
  let wordStart = 0;
  let blankOk = false;
  for (let pos = from; pos <= to; pos++) {
    const ch = pos < to ? text[pos] : '';
    if (!inWord) {
      if (pos === to) break;
      if (isGoSpace(ch.charCodeAt(0))) continue;
      inWord = true;
      wordStart = pos;
    }
    if (pos === to) {
      const valueEnd = dropped ? pos - 1 : pos;
      if (blankOk || valueEnd > wordStart) {
        out[n++] = wordStart;
        out[n++] = pos;
        out[n++] = valueEnd;
      }
      break;
    }
    if (!quote) {
      if (isGoSpace(ch.charCodeAt(0))) {
        inWord = false;
        if (blankOk || pos > wordStart) {
          out[n++] = wordStart;
          out[n++] = pos;
          out[n++] = pos;
        }
        blankOk = false;
        continue;
      }
      if (ch === "'" || ch === '"') {
        quote = ch;
        blankOk = true;
      }
      if (ch === escape) {
        if (pos + 1 === to) {
          dropped = true;
          continue;
        }
        pos++;
      }
      continue;
    }
    if (ch === quote) quote = '';
    if (ch === escape && quote !== "'") {
      if (pos + 1 === to) {
        quote = '';
        dropped = true;
        continue;
      }
      pos++;
    }
  }
  return n / 3;
}

/**
 * Split on runs of `[\t\v\f\r ]` (BuildKit's reWhitespace.Split), each piece written to `out` as
 * parseWords writes a word (its value is all of it). Returns the number of pieces.
 */
export function splitWhitespace(text: string, from: number, to: number, limit: number, out: number[]): number {
  let n = 0;
  let start = from;
  let pos = from;
  while (pos < to) {
    if (isSeparator(text.charCodeAt(pos)) && n / 3 + 1 < limit) {
      out[n++] = start;
      out[n++] = pos;
      out[n++] = pos;
      while (pos < to && isSeparator(text.charCodeAt(pos))) pos++;
      start = pos;
      continue;
    }
    pos++;
  }
  out[n++] = start;
  out[n++] = to;
  out[n++] = to;
  return n / 3;
}

/**
 * BuildKit's parseJSON: a JSON array of strings, else not JSON (or an error for non-strings). The
 * elements' values, their places (where each quoted string starts and ends) written to `out` from
 * index 0, two numbers each.
 */
export function parseJsonArray(text: string, from: number, to: number, out: number[]): string[] | 'notStrings' | 'invalid' {
  let start = from;
  while (start < to && isGoSpace(text.charCodeAt(start))) start++;
  if (text[start] !== '[') return 'invalid';
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.slice(start, to));
  } catch {
    return 'invalid';
  }
  if (!Array.isArray(parsed)) return 'invalid';
  for (const v of parsed) if (typeof v !== 'string') return 'notStrings';
  let index = 0;
  for (let pos = start + 1; pos < to && index < parsed.length; pos++) {
    if (text[pos] !== '"') continue;
    const begin = pos;
    for (pos++; pos < to && text[pos] !== '"'; pos++) if (text[pos] === '\\') pos++;
    out[2 * index] = begin;
    out[2 * index + 1] = pos + 1;
    index++;
  }
  // Every string of a valid array is found (a quote starts each): this only guards the count.
  if (index < parsed.length) parsed.length = index;
  return parsed as string[];
}

/**
 * Words of a heredoc-bearing line as BuildKit's shell lexer splits them with raw quotes and
 * escapes (the escape here is always a backslash).
 */
export function shellWords(text: string, from: number, to: number): Piece[] {
  const words: Piece[] = [];
  let pos = from;
  while (pos < to) {
    while (pos < to && isGoSpace(text.charCodeAt(pos))) pos++;
    if (pos >= to) break;
    const start = pos;
    let quote = '';
    while (pos < to) {
      const ch = text[pos];
      if (quote) {
        if (ch === quote) quote = '';
        else if (ch === '\\' && quote === '"') pos++;
      } else if (isGoSpace(ch.charCodeAt(0))) break;
      else if (ch === '"' || ch === "'") quote = ch;
      else if (ch === '\\') pos++;
      pos++;
    }
    pos = Math.min(pos, to);
    words.push({ value: text.slice(start, pos), start, end: pos });
  }
  return words;
}

export interface HeredocWord {
  name: string;
  fileDescriptor: number;
  chomp: boolean;
  expand: boolean;
}

const HEREDOC = /^(\d*)<<(-?)([^<]*)$/;

/** BuildKit's ParseHeredoc on one raw word: `<<EOF`, `<<-"EOF"`, `3<<EOF`. */
export function heredocFromWord(word: string): HeredocWord | undefined {
  const m = HEREDOC.exec(word);
  if (!m || m[3].length === 0) return undefined;
  const rest = m[3];
  const unquoted = unquoteShellWord(rest);
  if (unquoted === undefined) return undefined;
  return {
    name: unquoted,
    fileDescriptor: m[1] ? Number(m[1]) : 0,
    chomp: m[2] === '-',
    expand: countQuotes(unquoted) === countQuotes(rest),
  };
}

function countQuotes(s: string): number {
  let n = 0;
  for (const ch of s) if (ch === '"' || ch === "'") n++;
  return n;
}

/** Removes shell quotes and backslash escapes; undefined when it is not a single word. */
function unquoteShellWord(raw: string): string | undefined {
  let out = '';
  let quote = '';
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i];
    if (quote) {
      if (ch === quote) quote = '';
      else if (ch === '\\' && quote === '"' && i + 1 < raw.length) out += raw[++i];
      else out += ch;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '\\' && i + 1 < raw.length) out += raw[++i];
    else if (isGoSpace(ch.charCodeAt(0))) return undefined;
    else out += ch;
  }
  return out;
}
