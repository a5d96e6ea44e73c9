// Signature help: the syntax of the instruction under the cursor, its forms as signatures, and the
// argument being typed as the active parameter. Everything comes from the forms in the table.
import { MarkupKind, type ParameterInformation, type SignatureHelp, type SignatureInformation } from 'vscode-languageserver-types';
import type { Instruction } from '../parser/ast';
import type { DockerfileModel } from '../parser/model';
import { getInstructionInfo, type FormInfo, type InstructionInfo } from '../data';
import { codeBlock, flagList } from '../data/markdown';

export function getSignatureHelp(model: DockerfileModel, offset: number): SignatureHelp | undefined {
  try {
    return signatureHelp(model, offset);
  } catch {
    return undefined;
  }
}

function signatureHelp(model: DockerfileModel, offset: number): SignatureHelp | undefined {
  const top = model.instructionAt(offset);
  if (!top || offset < top.start) return undefined;
  const ins = top.inner && offset >= top.inner.start ? top.inner : top;
  if (offset <= ins.keywordSpan.end) return undefined;
  if (ins.heredocs.some((h) => offset >= h.body.start && h.body.start > h.marker.end)) return undefined;
  const info = getInstructionInfo(ins.keyword);
  if (!info || info.forms.length === 0) return undefined;
  if (top.keyword === 'ONBUILD' && ins === top && !top.inner) {
    // `ONBUILD |`: the wrapped instruction is still being typed.
    const form = info.forms[0];
    return { signatures: [signature(info, form)], activeSignature: 0, activeParameter: 0 };
  }
  const signatures = info.forms.map((f) => signature(info, f));
  const activeSignature = Math.max(0, info.forms.indexOf(activeForm(info, ins, model.ast.text, offset)));
  const activeParameter = activeParameterIndex(info.forms[activeSignature], ins, offset);
  return { signatures, activeSignature, activeParameter };
}

function signature(info: InstructionInfo, form: FormInfo): SignatureInformation {
  const parameters: ParameterInformation[] = [];
  let from = 0;
  for (const p of form.params) {
    const start = form.syntax.indexOf(p.label, from);
    const label: [number, number] | string = start >= 0 ? [start, start + p.label.length] : p.label;
    if (start >= 0) from = start + p.label.length;
    const doc = p.options && info.flags.length > 0 ? `${p.summary}\n\n${flagList(info.flags)}` : p.summary;
    parameters.push({ label, documentation: { kind: MarkupKind.Markdown, value: doc } });
  }
  const doc = [`*${form.name}*${form.note ? ' \u2014 ' + form.note : ''}`, info.summary, codeBlock(form.example)].join('\n\n');
  return { label: form.syntax, documentation: { kind: MarkupKind.Markdown, value: doc }, parameters };
}

function activeForm(info: InstructionInfo, ins: Instruction, text: string, offset: number): FormInfo {
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
