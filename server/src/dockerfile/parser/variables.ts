// Finds `$NAME` and `${NAME<modifier>word}` references in a piece of text.
import type { VariableModifier, VariableRef } from './ast';

const MODIFIERS: VariableModifier[] = [':-', ':+', ':?', '##', '%%', '//', '-', '+', '?', '#', '%', '/'];

function isNameStart(ch: string): boolean {
  return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch === '_';
}

function isNameChar(ch: string): boolean {
  return isNameStart(ch) || (ch >= '0' && ch <= '9');
}

/**
 * Variable references in text[from, to), positions in the same coordinates as `text`.
 * Single-quoted parts are skipped (neither BuildKit nor a shell expands them), and so is a `$`
 * escaped with the escape character.
 */
export function scanVariables(text: string, from: number, to: number, escape: string): VariableRef[] {
  const refs: VariableRef[] = [];
  scanInto(text, from, to, escape, refs);
  return refs;
}

function scanInto(text: string, from: number, to: number, escape: string, refs: VariableRef[]): void {
  let inSingle = false;
  let inDouble = false;
  for (let pos = from; pos < to; pos++) {
    const ch = text[pos];
    if (inSingle) {
      if (ch === "'") inSingle = false;
      continue;
    }
    if (ch === escape) {
      pos++;
      continue;
    }
    if (ch === "'" && !inDouble) {
      inSingle = true;
      continue;
    }
    if (ch === '"') {
      inDouble = !inDouble;
      continue;
    }
    if (ch !== '$') continue;
    const end = readReference(text, pos, to, escape, refs);
    if (end >= 0) pos = end - 1;
  }
}

/** The modifier at `pos` (the longest first: MODIFIERS lists the two-character ones first), or undefined. */
function modifierAt(text: string, pos: number): VariableModifier | undefined {
  for (const m of MODIFIERS) if (text.startsWith(m, pos)) return m;
  return undefined;
}

/**
 * Pushes the reference at `dollar`, then those in its modifier's word, to `refs`, and returns where
 * it ends; -1 when there is none.
 */
function readReference(text: string, dollar: number, to: number, escape: string, refs: VariableRef[]): number {
  const next = text[dollar + 1];
  if (next !== undefined && dollar + 1 < to && isNameStart(next)) {
    let end = dollar + 1;
    while (end < to && isNameChar(text[end])) end++;
    refs.push({ start: dollar, end, name: text.slice(dollar + 1, end), nameSpan: { start: dollar + 1, end }, braced: false });
    return end;
  }
  if (next !== '{') return -1;
  const nameStart = dollar + 2;
  let nameEnd = nameStart;
  while (nameEnd < to && isNameChar(text[nameEnd])) nameEnd++;
  if (nameEnd === nameStart || !isNameStart(text[nameStart])) return -1;
  const ref: VariableRef = {
    start: dollar,
    end: nameEnd,
    name: text.slice(nameStart, nameEnd),
    nameSpan: { start: nameStart, end: nameEnd },
    braced: true,
  };
  refs.push(ref);
  let pos = nameEnd;
  const modifier = modifierAt(text, pos);
  if (modifier) {
    pos += modifier.length;
    const valueStart = pos;
    let depth = 0;
    while (pos < to) {
      const ch = text[pos];
      if (ch === escape) pos++;
      else if (ch === '{') depth++;
      else if (ch === '}') {
        if (depth === 0) break;
        depth--;
      }
      pos++;
    }
    ref.modifier = modifier;
    ref.modifierValue = text.slice(valueStart, Math.min(pos, to));
    scanInto(text, valueStart, Math.min(pos, to), escape, refs);
  }
  // Unterminated `${NAME`: still a reference to NAME, ending where the name does.
  ref.end = text[pos] !== '}' || pos >= to ? Math.min(pos, to) : pos + 1;
  return ref.end;
}
