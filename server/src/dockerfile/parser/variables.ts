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
    const ref = readReference(text, pos, to, escape);
    if (!ref) continue;
    refs.push(ref.ref);
    for (const nested of ref.nested) refs.push(nested);
    pos = ref.ref.end - 1;
  }
  return refs;
}

function readReference(
  text: string,
  dollar: number,
  to: number,
  escape: string,
): { ref: VariableRef; nested: VariableRef[] } | undefined {
  const next = text[dollar + 1];
  if (next !== undefined && dollar + 1 < to && isNameStart(next)) {
    let end = dollar + 1;
    while (end < to && isNameChar(text[end])) end++;
    const nameSpan = { start: dollar + 1, end };
    return { ref: { start: dollar, end, name: text.slice(dollar + 1, end), nameSpan, braced: false }, nested: [] };
  }
  if (next !== '{') return undefined;
  const nameStart = dollar + 2;
  let nameEnd = nameStart;
  while (nameEnd < to && isNameChar(text[nameEnd])) nameEnd++;
  if (nameEnd === nameStart || !isNameStart(text[nameStart])) return undefined;
  const ref: VariableRef = {
    start: dollar,
    end: nameEnd,
    name: text.slice(nameStart, nameEnd),
    nameSpan: { start: nameStart, end: nameEnd },
    braced: true,
  };
  let pos = nameEnd;
  const modifier = MODIFIERS.find((m) => text.startsWith(m, pos));
  let nested: VariableRef[] = [];
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
    nested = scanVariables(text, valueStart, Math.min(pos, to), escape);
  }
  if (text[pos] !== '}' || pos >= to) {
    // Unterminated `${NAME`: still a reference to NAME, ending where the name does.
    return { ref: { ...ref, end: Math.min(pos, to) }, nested };
  }
  ref.end = pos + 1;
  return { ref, nested };
}
