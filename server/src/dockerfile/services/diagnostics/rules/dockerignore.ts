// `.dockerignore` patterns with BuildKit's semantics (moby/patternmatcher): the path and the pattern are
// cleaned, `*` is any run of characters but `/`, `?` one character but `/`, `[…]` a class as Go's
// regexp reads it, `\` escapes, `**` any number of folders (`**/` and a `**` inside the pattern become
// `(.*/)?`, a trailing `**` is `.*`), `!` re-includes, the last matching line wins, and a pattern that
// matches a folder also excludes everything under it.
//
// BuildKit compiles each pattern to a Go regexp, which runs in linear time. A JavaScript RegExp built
// the same way backtracks (`**/**/**/**/**/**/**/**/b` against a 40-folder path: 9 s), and so does
// picomatch (`*a*a*a*a*a*a*a*a*a*a*a*b` against 60 `a`s never finished), so patterns are compiled to a
// small token list and matched by an NFA simulation: O(pattern × path) whatever the input.
// A pattern Go's regexp would reject (`[z-a]`, an unclosed `[`) makes BuildKit fail the build; here it
// is a problem on its line, and the pattern matches nothing.
import { t } from '../../../../l10n';

type Token =
  | { kind: 'char'; ch: string }
  | { kind: 'one' } // `?`
  | { kind: 'class'; negate: boolean; ranges: [number, number][] }
  | { kind: 'star' } // `*`: [^/]*
  | { kind: 'folders' } // `**/`: any run of characters that ends with `/`, or nothing
  | { kind: 'rest' }; // trailing `**`: .*

export interface IgnorePattern {
  negate: boolean;
  text: string;
  /** The pattern as Docker keeps it (cleaned, without `!`). */
  pattern: string;
  /** 0-based line in the .dockerignore file. */
  line: number;
  tokens: Token[];
}

export interface IgnoreProblem {
  line: number;
  /** Offsets in the line's text. */
  start: number;
  end: number;
  message: string;
}

/**
 * A path cleaned the way Go's filepath.Clean does (`a/./b/../c` → `a/c`). Without `keepRoot` the
 * leading `/` and a lone `.` are dropped (a path relative to the context); with it, `.` and `/` stay.
 * In a path `\` is a separator too; in a pattern it escapes (`backslashIsSeparator` false, Linux BuildKit).
 */
export function cleanPath(p: string, keepRoot = false, backslashIsSeparator = true): string {
  const parts: string[] = [];
  const absolute = p.startsWith('/') || (backslashIsSeparator && p.startsWith('\\'));
  for (const seg of (backslashIsSeparator ? p.replace(/\\/g, '/') : p).split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
      else if (!absolute && keepRoot) parts.push('..');
    } else parts.push(seg);
  }
  if (!keepRoot) return parts.join('/');
  const joined = parts.join('/');
  if (absolute) return '/' + joined;
  return joined === '' ? '.' : joined;
}

/** The pattern's tokens, or an error message in Go regexp's words. */
export function compilePattern(pattern: string): Token[] | { error: string } {
  const tokens: Token[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*') {
      if (pattern[i + 1] === '*') {
        i++;
        if (pattern[i + 1] === '/') i++;
        if (i + 1 >= pattern.length) tokens.push({ kind: 'rest' });
        // `**/**/…`: one `(.*/)?` matches what any number of them match.
        else if (tokens[tokens.length - 1]?.kind !== 'folders') tokens.push({ kind: 'folders' });
      } else tokens.push({ kind: 'star' });
    } else if (c === '?') tokens.push({ kind: 'one' });
    else if (c === '\\') {
      // A trailing `\` is an error in Go's regexp ("trailing backslash at end of expression").
      if (i + 1 >= pattern.length) return { error: 'trailing backslash at end of pattern' };
      tokens.push({ kind: 'char', ch: pattern[++i] });
    } else if (c === '[') {
      const cls = readClass(pattern, i);
      if ('error' in cls) return cls;
      tokens.push(cls.token);
      i = cls.end - 1;
    } else tokens.push({ kind: 'char', ch: c });
  }
  return tokens;
}

/** A `[…]` class as Go's regexp parses it (`]` first is literal, `\` escapes, `a-z` ranges). */
function readClass(pattern: string, open: number): { token: Token; end: number } | { error: string } {
  let i = open + 1;
  let negate = false;
  if (pattern[i] === '^') {
    negate = true;
    i++;
  }
  const ranges: [number, number][] = [];
  let first = true;
  const readChar = (): number | undefined => {
    if (i >= pattern.length) return undefined;
    if (pattern[i] === '\\' && i + 1 < pattern.length) {
      i += 2;
      return pattern.codePointAt(i - 1);
    }
    const cp = pattern.codePointAt(i)!;
    i += cp > 0xffff ? 2 : 1;
    return cp;
  };
  for (;;) {
    if (i >= pattern.length) return { error: `missing closing ] in "${pattern.slice(open)}"` };
    if (pattern[i] === ']' && !first) break;
    first = false;
    const rangeStart = i;
    const lo = readChar()!;
    let hi = lo;
    if (pattern[i] === '-' && i + 1 < pattern.length && pattern[i + 1] !== ']') {
      i++;
      const h = readChar();
      if (h === undefined) return { error: `missing closing ] in "${pattern.slice(open)}"` };
      hi = h;
      if (hi < lo) return { error: `invalid character class range "${pattern.slice(rangeStart, i)}"` };
    }
    ranges.push([lo, hi]);
  }
  return { token: { kind: 'class', negate, ranges }, end: i + 1 };
}

function matchesClass(token: Extract<Token, { kind: 'class' }>, cp: number): boolean {
  const inside = token.ranges.some(([lo, hi]) => cp >= lo && cp <= hi);
  return inside !== token.negate;
}

// True when the pattern matches `path` or one of its parent folders. NFA simulation: `active[k]` is
// "before token k"; `inside[k]` is "inside the `(.*/)?` of token k, having consumed something".
export function matchesPattern(tokens: Token[], path: string): boolean {
  const n = tokens.length;
  let active = new Uint8Array(n + 1);
  let inside = new Uint8Array(n + 1);
  let nextActive = new Uint8Array(n + 1);
  let nextInside = new Uint8Array(n + 1);
  const close = (states: Uint8Array) => {
    // Epsilon moves only go forward: star, folders and rest may match nothing.
    for (let k = 0; k < n; k++) if (states[k] && (tokens[k].kind === 'star' || tokens[k].kind === 'folders' || tokens[k].kind === 'rest')) states[k + 1] = 1;
  };
  active[0] = 1;
  close(active);
  const chars = Array.from(path);
  for (let p = 0; p < chars.length; p++) {
    const ch = chars[p];
    // The pattern matched a parent folder: everything under it is excluded too.
    if (ch === '/' && active[n]) return true;
    const cp = ch.codePointAt(0)!;
    nextActive.fill(0);
    nextInside.fill(0);
    let any = false;
    for (let k = 0; k < n; k++) {
      const t = tokens[k];
      if (inside[k]) {
        nextInside[k] = 1;
        if (ch === '/') nextActive[k + 1] = 1;
        any = true;
      }
      if (!active[k]) continue;
      any = true;
      switch (t.kind) {
        case 'char':
          if (t.ch === ch) nextActive[k + 1] = 1;
          break;
        case 'one':
          if (ch !== '/') nextActive[k + 1] = 1;
          break;
        case 'class':
          if (matchesClass(t, cp)) nextActive[k + 1] = 1;
          break;
        case 'star':
          if (ch !== '/') nextActive[k] = 1;
          break;
        case 'folders':
          nextInside[k] = 1;
          if (ch === '/') nextActive[k + 1] = 1;
          break;
        case 'rest':
          nextActive[k] = 1;
          break;
      }
    }
    if (!any) return false;
    close(nextActive);
    [active, nextActive] = [nextActive, active];
    [inside, nextInside] = [nextInside, inside];
  }
  return active[n] === 1;
}

export interface ParsedDockerignore {
  patterns: IgnorePattern[];
  problems: IgnoreProblem[];
}

/** Lines end at `\n`, `\r\n` or `\r` (the file may come from any editor). */
export function parseDockerignoreFile(text: string): ParsedDockerignore {
  const patterns: IgnorePattern[] = [];
  const problems: IgnoreProblem[] = [];
  const lines = text.split(/\r\n|\r|\n/);
  for (let lineNo = 0; lineNo < lines.length; lineNo++) {
    const rawLine = lines[lineNo];
    let line = rawLine.trim();
    if (line === '' || line.startsWith('#')) continue;
    let negate = false;
    if (line.startsWith('!')) {
      negate = true;
      line = line.slice(1).trim();
    }
    const cleaned = cleanPath(line, false, false);
    if (cleaned === '') continue;
    const tokens = compilePattern(cleaned);
    if ('error' in tokens) {
      const start = rawLine.length - rawLine.trimStart().length;
      problems.push({ line: lineNo, start, end: start + rawLine.trim().length, message: t('dockerignore.invalidPattern', { pattern: rawLine.trim(), error: tokens.error }) });
      continue;
    }
    patterns.push({ negate, text: rawLine.trim(), pattern: cleaned, line: lineNo, tokens });
  }
  return { patterns, problems };
}

export function parseDockerignore(text: string): IgnorePattern[] {
  return parseDockerignoreFile(text).patterns;
}

/** True when `path` (relative to the build context) is excluded. */
export function isIgnored(patterns: IgnorePattern[], path: string): boolean {
  const p = cleanPath(path);
  if (p === '') return false;
  let ignored = false;
  for (const pat of patterns) if (ignored === pat.negate && matchesPattern(pat.tokens, p)) ignored = !pat.negate;
  return ignored;
}

/** The ignore file BuildKit uses for a Dockerfile: `<Dockerfile>.dockerignore` beside it, else the context's `.dockerignore`. */
export function dockerignoreFor(
  dockerfilePath: string,
  host: { readFile(path: string): string | undefined },
): { path: string; parsed: ParsedDockerignore } | undefined {
  const slash = Math.max(dockerfilePath.lastIndexOf('/'), dockerfilePath.lastIndexOf('\\'));
  const dir = slash < 0 ? '.' : dockerfilePath.slice(0, slash) || '/';
  const base = dockerfilePath.slice(slash + 1);
  for (const path of [`${dir}/${base}.dockerignore`, `${dir}/.dockerignore`]) {
    const text = host.readFile(path);
    if (text !== undefined) return { path, parsed: parseDockerignoreFile(text) };
  }
  return undefined;
}
