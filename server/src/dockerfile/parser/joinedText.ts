// The text BuildKit reads for an instruction continued over lines (its logical line), made again from
// the source when it is read: the runs of source between the continuation escapes, without the
// comment and blank lines between them (parser.ts joins the same runs while parsing). The tree keeps
// where the escapes are, not a joined copy: few readers ask for the text of a continued instruction.
import { trimStartIndex } from './logicalLine';

/** Where the content of the BuildKit line holding `at` ends: before its `\n` and any `\r` before that. */
export function lineContentEnd(source: string, at: number): number {
  let end = source.indexOf('\n', at);
  if (end < 0) end = source.length;
  while (end > at && source.charCodeAt(end - 1) === 13) end--;
  return end;
}

/** Where the line after the one holding `at` starts, or -1 (no line starts after a final line break). */
function nextLineStart(source: string, at: number): number {
  const nl = source.indexOf('\n', at);
  return nl < 0 || nl + 1 >= source.length ? -1 : nl + 1;
}

/** The first line after the one holding `at` that is neither blank nor a comment (the parser skips those inside a continuation), or -1. */
function nextContentLine(source: string, at: number): number {
  for (let line = nextLineStart(source, at); line >= 0; line = nextLineStart(source, line)) {
    const end = lineContentEnd(source, line);
    const content = trimStartIndex(source, line, end);
    if (content < end && source.charCodeAt(content) !== 35) return line;
  }
  return -1;
}

/**
 * The logical line of an instruction starting at `start` whose line continues at each of `escapes`
 * (ascending), cut to the source range [from, to): the runs [start, escape 0), [next content line,
 * escape 1), ..., [last content line, its end). A run ends at its escape, so the content line after
 * escape k holds escape k + 1; after the last escape, the line runs to its end (when there is one).
 */
export function joinedText(source: string, start: number, escapes: readonly number[], from = start, to = source.length): string {
  let out = '';
  let run = start;
  for (let k = 0; run < to; k++) {
    const runEnd = k < escapes.length ? escapes[k] : lineContentEnd(source, run);
    const a = run > from ? run : from;
    const b = runEnd < to ? runEnd : to;
    if (b > a) out += source.slice(a, b);
    if (k >= escapes.length) break;
    run = nextContentLine(source, escapes[k]);
    if (run < 0) break;
  }
  return out;
}
