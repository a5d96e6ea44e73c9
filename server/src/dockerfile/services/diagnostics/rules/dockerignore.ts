// `.dockerignore` patterns, matched the way Docker matches them: Go `filepath.Match` globs per path
// segment, `**` for any number of segments, `!` to re-include, the last matching line wins, and a
// pattern that matches a directory also excludes everything under it.

export interface IgnorePattern {
  negate: boolean;
  regex: RegExp;
  text: string;
  /** The pattern as Docker keeps it (cleaned, without `!`). */
  pattern: string;
}

/**
 * A path cleaned the way Go's filepath.Clean does (`a/./b/../c` → `a/c`). Without `keepRoot` the
 * leading `/` and a lone `.` are dropped (a path relative to the context); with it, `.` and `/` stay.
 */
export function cleanPath(p: string, keepRoot = false): string {
  const parts: string[] = [];
  const absolute = p.startsWith('/') || p.startsWith('\\');
  for (const seg of p.replace(/\\/g, '/').split('/')) {
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

function globToRegex(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*') {
      if (pattern[i + 1] === '*') {
        // `**` matches any number of segments (including none); `**/` likewise.
        i++;
        if (pattern[i + 1] === '/') {
          i++;
          re += '(?:.*/)?';
        } else re += '.*';
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const close = pattern.indexOf(']', i + 1);
      if (close < 0) re += '\\[';
      else {
        let cls = pattern.slice(i + 1, close);
        if (cls.startsWith('^') || cls.startsWith('!')) cls = '^' + cls.slice(1);
        re += '[' + cls.replace(/\\/g, '\\\\') + ']';
        i = close;
      }
    } else if (c === '\\' && i + 1 < pattern.length) {
      re += '\\' + pattern[++i];
    } else re += c.replace(/[.+^${}()|]/g, '\\$&');
  }
  return new RegExp('^' + re + '(?:/.*)?$');
}

export function parseDockerignore(text: string): IgnorePattern[] {
  const out: IgnorePattern[] = [];
  for (const rawLine of text.split(/\r?\n/)) {
    let line = rawLine.trim();
    if (line === '' || line.startsWith('#')) continue;
    let negate = false;
    if (line.startsWith('!')) {
      negate = true;
      line = line.slice(1).trim();
    }
    const cleaned = cleanPath(line);
    if (cleaned === '') continue;
    out.push({ negate, regex: globToRegex(cleaned), text: rawLine.trim(), pattern: cleaned });
  }
  return out;
}

/** True when `path` (relative to the build context) is excluded. */
export function isIgnored(patterns: IgnorePattern[], path: string): boolean {
  const p = cleanPath(path);
  if (p === '') return false;
  let ignored = false;
  for (const pat of patterns) if (pat.regex.test(p)) ignored = !pat.negate;
  return ignored;
}
