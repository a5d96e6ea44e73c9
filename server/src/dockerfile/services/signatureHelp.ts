// Signature help: the syntax of the instruction under the cursor, its forms as signatures, and the
// argument being typed as the active parameter. Everything comes from the forms in the table.
import type { SourceText } from '../../common/sourceText';
import { MarkupKind, type ParameterInformation, type SignatureHelp, type SignatureInformation } from 'vscode-languageserver-types';
import type { Instruction } from '../parser/ast';
import type { DockerfileModel } from '../parser/model';
import { getInstructionInfo, type FlagInfo, type FormInfo, type InstructionInfo } from '../data';
import { firstSentence } from '../data/markdown';

/** How the request came: typed trigger character, typing while the help is open, or asked for (Ctrl+Shift+Space). */
export interface SignatureRequest {
  kind: 'invoked' | 'character' | 'retrigger';
  /** The character typed, for `character` (and for a retrigger caused by one). */
  character?: string;
}

const INVOKED: SignatureRequest = { kind: 'invoked' };
/** Instructions whose arguments are a command line: once the command is being typed, completion and hover help more. */
const COMMAND_LINE = new Set(['RUN', 'CMD', 'ENTRYPOINT']);

/**
 * Signature help where it helps: after the instruction keyword, at a flag's `=`, and between the
 * elements of a JSON array; anywhere when asked for. Never on every space of a command line, where it
 * would cover the completion list. One short signature (the form in use) with the active parameter.
 */
export function getSignatureHelp(model: DockerfileModel, offset: number, request: SignatureRequest = INVOKED): SignatureHelp | undefined {
  return signatureHelp(model, offset, request);
}

function signatureHelp(model: DockerfileModel, offset: number, request: SignatureRequest): SignatureHelp | undefined {
  const top = model.instructionAt(offset);
  if (!top || offset < top.start) return undefined;
  const ins = top.inner && offset >= top.inner.start ? top.inner : top;
  if (offset <= ins.keywordSpan.end) return undefined;
  if (ins.heredocs.some((h) => offset >= h.body.start && h.body.start > h.marker.end)) return undefined;
  const info = getInstructionInfo(ins.keyword);
  if (!info || info.forms.length === 0) return undefined;
  const text = model.ast.source;
  const flag = flagBeforeValue(ins, text, offset);
  if (flag) {
    const flagInfo = info.flags.find((f) => f.name === flag);
    if (flagInfo?.valueHint) return flagSignature(info.keyword, flagInfo);
  }
  if (!wanted(ins, text, offset, request)) return undefined;
  // Typing a flag's value (`--mount=type=cache,target=`): the value's format, not the instruction's.
  const inValue = ins.flags.find((f) => f.valueSpan && offset >= f.valueSpan.start && offset <= f.valueSpan.end);
  const valueFlag = inValue && info.flags.find((f) => f.name === inValue.name.toLowerCase());
  if (valueFlag?.valueHint) return flagSignature(info.keyword, valueFlag);
  if (top.keyword === 'ONBUILD' && ins === top && !top.inner) {
    // `ONBUILD |`: the wrapped instruction is still being typed.
    return { signatures: [signature(info, info.forms[0])], activeSignature: 0, activeParameter: 0 };
  }
  const form = activeForm(info, ins, text, offset);
  return { signatures: [signature(info, form)], activeSignature: 0, activeParameter: activeParameterIndex(form, ins, offset) };
}

/** Whether this request should show the instruction's signature. */
function wanted(ins: Instruction, text: SourceText, offset: number, request: SignatureRequest): boolean {
  if (request.kind === 'invoked') return true;
  const before = text.slice(ins.argsSpan.start, offset);
  const nothingTyped = before.trim() === '' && ins.keywordSpan.end < offset;
  const inFlags = ins.flags.some((f) => offset >= f.start && offset <= f.end);
  const inJson = /^\s*\[/.test(before) || ins.form === 'json';
  if (request.kind === 'character') {
    if (request.character === ' ') return nothingTyped;
    if (request.character === '[') return /^\s*\[$/.test(before);
    if (request.character === ',') return inJson && !inFlags;
    return false;
  }
  // Typing while it is open: keep it for the flags and the arguments of instructions that take a few
  // words (COPY <src> <dest>), close it once a command line is being written.
  if (nothingTyped || inFlags) return true;
  if (!COMMAND_LINE.has(ins.keyword)) return true;
  return inJson;
}

/** The flag whose `=` is right before the cursor (`RUN --network=|`), lower case. */
function flagBeforeValue(ins: Instruction, text: SourceText, offset: number): string | undefined {
  const m = /(?:^|\s)--([A-Za-z-]+)=$/.exec(text.slice(ins.keywordSpan.end, offset));
  return m ? m[1].toLowerCase() : undefined;
}

/** `--network=<default|none|host>`: the flag's value as the one parameter, its first sentence as help. */
function flagSignature(keyword: string, flag: FlagInfo): SignatureHelp {
  const label = `${keyword} --${flag.name}=${flag.valueHint}`;
  const start = label.length - (flag.valueHint ?? '').length;
  return {
    signatures: [
      {
        label,
        documentation: { kind: MarkupKind.Markdown, value: firstSentence(flag.summary) },
        parameters: [{ label: [start, label.length] }],
      },
    ],
    activeSignature: 0,
    activeParameter: 0,
  };
}

function signature(info: InstructionInfo, form: FormInfo): SignatureInformation {
  const parameters: ParameterInformation[] = [];
  let from = 0;
  for (const p of form.params) {
    const start = form.syntax.indexOf(p.label, from);
    const label: [number, number] | string = start >= 0 ? [start, start + p.label.length] : p.label;
    if (start >= 0) from = start + p.label.length;
    // The flags by name on one line; their documentation is in hover and completion.
    const doc = p.options && info.flags.length > 0 ? `${firstSentence(p.summary)} ${info.flags.map((f) => '`--' + f.name + '`').join(' ')}` : firstSentence(p.summary);
    parameters.push({ label, documentation: { kind: MarkupKind.Markdown, value: doc } });
  }
  return { label: form.syntax, documentation: { kind: MarkupKind.Markdown, value: `*${form.name}*${form.note ? ' \u2014 ' + form.note : ''}` }, parameters };
}

function activeForm(info: InstructionInfo, ins: Instruction, text: SourceText, offset: number): FormInfo {
  const args = text.slice(ins.argsSpan.start, Math.max(offset, ins.argsSpan.start)).trimStart();
  switch (info.keyword) {
    case 'HEALTHCHECK': {
      const first = (args.split(/\s/)[0] ?? '').toUpperCase();
      const none = first.length > 0 && 'NONE'.startsWith(first);
      return info.forms.find((f) => (none ? f.name === 'disable' : f.name === 'check')) ?? info.forms[0];
    }
    case 'ENV': {
      const legacy = args.length > 0 && !(args.split(/\s/)[0] ?? '').includes('=');
      return info.forms.find((f) => (legacy ? f.name === 'legacy form' : f.name !== 'legacy form')) ?? info.forms[0];
    }
    case 'RUN':
      if (ins.heredocs.length > 0) return info.forms.find((f) => f.name === 'heredoc') ?? info.forms[0];
  }
  const json = args.startsWith('[') || ins.form === 'json';
  const wanted = json ? 'json' : 'shell';
  return info.forms.find((f) => f.kind === wanted) ?? info.forms.find((f) => f.kind === 'other') ?? info.forms[0];
}

function activeParameterIndex(form: FormInfo, ins: Instruction, offset: number): number {
  const optionsIndex = form.params.findIndex((p) => p.options);
  const inFlags = ins.flags.some((f) => offset >= f.start && offset <= f.end);
  if (inFlags && optionsIndex >= 0) return optionsIndex;
  const positional = form.params.map((p, i) => ({ p, i })).filter(({ p }) => !p.options);
  if (positional.length === 0) return Math.max(0, optionsIndex);
  // Which argument the cursor is on: the count of words that start before it, minus one if inside one.
  let index = 0;
  for (const w of ins.args) {
    if (w.end < offset) index++;
    else break;
  }
  const inside = ins.args.some((w) => offset >= w.start && offset <= w.end);
  const total = Math.max(ins.args.length, inside ? 0 : index + 1);
  const variadic = positional.findIndex(({ p }) => p.variadic);
  let k: number;
  if (variadic >= 0 && variadic < positional.length - 1) {
    const tail = positional.length - 1 - variadic;
    k = index >= total - tail && total > variadic + tail ? positional.length - (total - index) : Math.min(index, variadic);
  } else {
    k = Math.min(index, positional.length - 1);
  }
  return positional[Math.max(0, Math.min(k, positional.length - 1))].i;
}
