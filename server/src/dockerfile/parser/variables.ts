// Finds `$NAME` and `${NAME<modifier>word}` references in a piece of text.
import type { VariableModifier, VariableRef } from './ast';

const MODIFIERS: VariableModifier[] = [':-', ':+', ':?', '##', '%%', '//', '-', '+', '?', '#', '%', '/'];

function isNameStart(ch: string): boolean {
  return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch === '_';
}

function isNameChar(ch: string): boolean {
  return isNameStart(ch) || (ch >= '0' && ch <= '9');
}

/** How many numbers `scanReferences` writes per reference. */
export const REFERENCE_SIZE = 8;

/**
 * Variable references in text[from, to), positions in the same coordinates as `text`.
 * Single-quoted parts are skipped (neither BuildKit nor a shell expands them), and so is a `$`
 * escaped with the escape character.
 */
export function scanVariables(text: string, from: number, to: number, escape: string): VariableRef[] {
  const found: number[] = [];
  const n = scanReferences(text, from, to, escape, found);
  const refs: VariableRef[] = [];
  for (let k = 0; k < n * REFERENCE_SIZE; k += REFERENCE_SIZE) {
    const nameStart = found[k + 2];
    const nameEnd = found[k + 3];
    const ref: VariableRef = { start: found[k], end: found[k + 1], name: text.slice(nameStart, nameEnd), nameSpan: { start: nameStart, end: nameEnd }, braced: found[k + 4] === 1 };
    if (found[k + 5] > 0) {
      ref.modifier = modifierOf(found[k + 5]);
      ref.modifierValue = text.slice(found[k + 6], found[k + 7]);
    }
    refs.push(ref);
  }
  return refs;
}

/** The modifier `scanReferences` wrote as `k`. */
export function modifierOf(k: number): VariableModifier {
  return MODIFIERS[k - 1];
}

/**
 * The references `scanVariables` finds, written to `out` from index 0 as numbers, not objects:
 * REFERENCE_SIZE per reference (start, end, name start, name end, 1 when braced else 0, the
 * modifier (`modifierOf`; 0: none), the modifier's word start and end). Returns how many.
 */
export function scanReferences(text: string, from: number, to: number, escape: string, out: number[]): number {
  written = 0;
  scanInto(text, from, to, escape, out);
  return written / REFERENCE_SIZE;
}

/** How many numbers the scan has written to its list so far. */
let written = 0;

function scanInto(text: string, from: number, to: number, escape: string, out: number[]): void {
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
    const end = readReference(text, pos, to, escape, out);
    if (end >= 0) pos = end - 1;
  }
}

/** The modifier at `pos` (MODIFIERS' index + 1: the two-character ones are tried first), or 0. */
function modifierAt(text: string, pos: number): number {
  for (let k = 0; k < MODIFIERS.length; k++) if (text.startsWith(MODIFIERS[k], pos)) return k + 1;
  return 0;
}

/** Writes one reference. */
function write(out: number[], start: number, end: number, nameStart: number, nameEnd: number, braced: number): void {
  out[written++] = start;
  out[written++] = end;
  out[written++] = nameStart;
  out[written++] = nameEnd;
  out[written++] = braced;
  out[written++] = 0;
  out[written++] = 0;
  out[written++] = 0;
}

/**
 * Writes the reference at `dollar`, then those in its modifier's word, and returns where it ends;
 * -1 when there is none.
 */
function readReference(text: string, dollar: number, to: number, escape: string, out: number[]): number {
  const next = text[dollar + 1];
  if (next !== undefined && dollar + 1 < to && isNameStart(next)) {
    let end = dollar + 1;
    while (end < to && isNameChar(text[end])) end++;
    write(out, dollar, end, dollar + 1, end, 0);
    return end;
  }
  if (next !== '{') return -1;
  const nameStart = dollar + 2;
  let nameEnd = nameStart;
  while (nameEnd < to && isNameChar(text[nameEnd])) nameEnd++;
  if (nameEnd === nameStart || !isNameStart(text[nameStart])) return -1;
  const at = written;
  write(out, dollar, nameEnd, nameStart, nameEnd, 1);
  let pos = nameEnd;
  const modifier = modifierAt(text, pos);
  if (modifier > 0) {
    pos += MODIFIERS[modifier - 1].length;
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
    out[at + 5] = modifier;
    out[at + 6] = valueStart;
    out[at + 7] = Math.min(pos, to);
    scanInto(text, valueStart, Math.min(pos, to), escape, out);
  }
  // Unterminated `${NAME`: still a reference to NAME, ending where its text does.
  const end = text[pos] !== '}' || pos >= to ? Math.min(pos, to) : pos + 1;
  out[at + 1] = end;
  return end;
}
