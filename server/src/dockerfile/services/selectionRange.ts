// Smart select: word → flag or argument → instruction → stage → file.
import { SelectionRange } from 'vscode-languageserver-types';
import type { Span } from '../parser/ast';
import type { DockerfileModel } from '../parser/model';

export function selectionRanges(model: DockerfileModel, offsets: number[]): SelectionRange[] {
  return offsets.map((offset) => selectionRangeAt(model, offset));
}

function selectionRangeAt(model: DockerfileModel, offset: number): SelectionRange {
  const spans: Span[] = [{ start: 0, end: model.ast.source.length }];
  const stage = model.stageAt(offset);
  if (stage && offset <= stage.span.end) spans.push(stage.span);
  const ins = model.instructionAt(offset);
  if (ins) {
    spans.push(ins);
    const target = ins.inner && inside(ins.inner, offset) ? ins.inner : ins;
    if (target !== ins) spans.push(target);
    const candidates: Span[] = [
      target.keywordSpan,
      ...target.flags.flatMap((f) => [f, ...(f.valueSpan ? [f.valueSpan] : [])]),
      target.argsSpan,
      ...target.keyValues.flatMap((kv) => [kv, kv.key, ...(kv.value ? [kv.value] : [])]),
      ...target.args,
      ...ins.heredocs.flatMap((h) => [h.body]),
      ...ins.variables,
    ];
    const containing = candidates
      .filter((s) => s.end > s.start && inside(s, offset))
      .sort((a, b) => b.end - b.start - (a.end - a.start));
    spans.push(...containing);
  }
  let parent: SelectionRange | undefined;
  let last: Span | undefined;
  for (const span of spans) {
    if (last && span.start === last.start && span.end === last.end) continue;
    if (last && (span.start < last.start || span.end > last.end)) continue;
    parent = { range: model.lines.rangeOf(span), parent };
    last = span;
  }
  return parent!;
}

function inside(span: Span, offset: number): boolean {
  return offset >= span.start && offset <= span.end;
}
