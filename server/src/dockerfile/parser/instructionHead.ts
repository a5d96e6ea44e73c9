// What many instructions have in common: how the keyword is written (and so its upper-case name and
// whether BuildKit knows it), the form of the arguments and the keyword's length in the source. A
// file has a handful of these: one shared object each instead of five fields on every instruction.
import type { InstructionForm } from './ast';

export interface InstructionHead {
  readonly keyword: string;
  readonly keywordText: string;
  readonly known: boolean;
  readonly form: InstructionForm;
  /** The keyword's length in the source. */
  readonly keywordLength: number;
  /** The instruction is on one line (its last line is its first: ParsedInstruction.endLine). */
  readonly oneLine: boolean;
}

/** Heads made so far, by the keyword as written. Bounded: a file of made-up keywords gets its own heads past it. */
const heads = new Map<string, InstructionHead[]>();
const MAX_WRITTEN = 512;
/**
 * Keywords as written this long or longer are not kept: V8 makes a slice of 13 characters or more
 * a view into the string it was cut from, so a kept keyword would keep a closed document's whole
 * text alive (every keyword BuildKit knows is shorter; a made-up one gets a head of its own).
 */
const MAX_KEPT_LENGTH = 12;

export function instructionHead(keyword: string, keywordText: string, known: boolean, form: InstructionForm, keywordLength: number, oneLine = true): InstructionHead {
  let list = heads.get(keywordText);
  if (list) {
    for (const h of list) {
      if (h.keyword === keyword && h.known === known && h.form === form && h.keywordLength === keywordLength && h.oneLine === oneLine) return h;
    }
  }
  const head: InstructionHead = { keyword, keywordText, known, form, keywordLength, oneLine };
  if (!list) {
    if (heads.size >= MAX_WRITTEN || keywordText.length > MAX_KEPT_LENGTH) return head;
    heads.set(keywordText, (list = []));
  }
  if (list.length < 16) list.push(head);
  return head;
}
