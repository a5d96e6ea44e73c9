// Reads cursor fixtures shared by the hover and completion tests:
//   ## case name
//   <Dockerfile lines, `|` marks the cursor, a literal pipe is written `\|`>
//   >> expected text (hover: substring; completion: label that must be offered)
//   !> text that must not appear
//   >> (none)   nothing expected at all
// Text before the first `##` is a comment about the file.

export interface CursorCase {
  name: string;
  text: string;
  offset: number;
  contains: string[];
  excludes: string[];
  expectNothing: boolean;
}

const unescape = (s: string) => s.replace(/\\\|/g, '|');

export function readCursorCases(source: string): CursorCase[] {
  const cases: CursorCase[] = [];
  for (const block of source.split(/^## /m).slice(1)) {
    const lines = block.split('\n');
    const name = lines[0].trim();
    const body: string[] = [];
    const contains: string[] = [];
    const excludes: string[] = [];
    let expectNothing = false;
    let inExpectations = false;
    for (const line of lines.slice(1)) {
      if (line.startsWith('>> ')) {
        inExpectations = true;
        if (line.slice(3).trim() === '(none)') expectNothing = true;
        else contains.push(unescape(line.slice(3)));
      } else if (line.startsWith('!> ')) {
        inExpectations = true;
        excludes.push(unescape(line.slice(3)));
      } else if (!inExpectations) body.push(line);
    }
    while (body.length > 0 && body[body.length - 1] === '') body.pop();
    const raw = body.join('\n') + '\n';
    const marker = raw.replace(/\\\|/g, '\0\0').indexOf('|');
    if (marker < 0) throw new Error(`fixture "${name}" has no | cursor`);
    const before = unescape(raw.slice(0, marker));
    const after = unescape(raw.slice(marker + 1));
    cases.push({ name, text: before + after, offset: before.length, contains, excludes, expectNothing });
  }
  return cases;
}
