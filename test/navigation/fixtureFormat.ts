// Reads the navigation fixture files: cases separated by `### name` lines, each with sections
// `--- <kind> [argument]`. The `input` section holds a Dockerfile with one `|` for the cursor.
// Expected ranges are written as marked text: the same Dockerfile with ⟦…⟧ around each range
// (⟪…⟫ for write highlights), so a failure shows both texts side by side.
import { readFileSync } from 'node:fs';

export interface Section {
  kind: string;
  argument: string;
  body: string;
}

export interface FixtureCase {
  name: string;
  file: string;
  text: string;
  cursor: number;
  sections: Section[];
}

export function readFixtureCases(path: string, file: string): FixtureCase[] {
  const source = readFileSync(path, 'utf8').replace(/\r\n/g, '\n');
  const cases: FixtureCase[] = [];
  for (const chunk of source.split(/^### /m).slice(1)) {
    const newline = chunk.indexOf('\n');
    const name = chunk.slice(0, newline).trim();
    const sections: Section[] = [];
    for (const part of chunk.slice(newline + 1).split(/^--- /m).slice(1)) {
      const eol = part.indexOf('\n');
      const header = part.slice(0, eol).trim();
      const space = header.indexOf(' ');
      const kind = space < 0 ? header : header.slice(0, space);
      const argument = space < 0 ? '' : header.slice(space + 1).trim();
      sections.push({ kind, argument, body: part.slice(eol + 1).replace(/\n+$/, '\n') });
    }
    const input = sections.find((s) => s.kind === 'input');
    if (!input) throw new Error(`${file}: case "${name}" has no input section`);
    const cursor = input.body.indexOf('|');
    if (cursor < 0 || input.body.indexOf('|', cursor + 1) >= 0) throw new Error(`${file}: case "${name}" needs exactly one | cursor`);
    cases.push({ name, file, text: input.body.slice(0, cursor) + input.body.slice(cursor + 1), cursor, sections: sections.filter((s) => s !== input) });
  }
  return cases;
}

export interface MarkedSpan {
  start: number;
  end: number;
  write?: boolean;
}

/** The text with ⟦…⟧ (or ⟪…⟫ for `write`) around each span. */
export function markSpans(text: string, spans: MarkedSpan[]): string {
  const sorted = [...spans].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let pos = 0;
  for (const s of sorted) {
    if (s.start < pos) continue;
    out += text.slice(pos, s.start) + (s.write ? '⟪' : '⟦') + text.slice(s.start, s.end) + (s.write ? '⟫' : '⟧');
    pos = s.end;
  }
  return out + text.slice(pos);
}

/** Applies non-overlapping offset edits. */
export function applyEdits(text: string, edits: { start: number; end: number; newText: string }[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}
