// Folding: stages, instructions spanning several lines, heredoc bodies and comment blocks.
import { FoldingRange, FoldingRangeKind } from 'vscode-languageserver-types';
import type { DockerfileModel } from '../parser/model';

export function foldingRanges(model: DockerfileModel): FoldingRange[] {
  const ranges: FoldingRange[] = [];
  const lineOf = (offset: number) => model.lines.lineOf(offset);
  for (const stage of model.stages) {
    const start = lineOf(stage.from.start);
    const end = lineOf(stage.span.end);
    if (end > start) ranges.push({ startLine: start, endLine: end, kind: FoldingRangeKind.Region });
  }
  for (const ins of model.ast.instructions) {
    const start = ins.startLine;
    const firstBody = ins.heredocs[0] ? lineOf(ins.heredocs[0].body.start) - 1 : ins.endLine;
    if (firstBody > start) ranges.push({ startLine: start, endLine: firstBody });
    for (const h of ins.heredocs) {
      const bodyStart = lineOf(h.marker.start);
      const bodyEnd = h.terminator ? lineOf(h.terminator.start) : ins.endLine;
      if (bodyEnd > bodyStart) ranges.push({ startLine: bodyStart, endLine: bodyEnd });
    }
  }
  let blockStart = -1;
  let previous = -2;
  const flush = () => {
    if (blockStart >= 0 && previous > blockStart) ranges.push({ startLine: blockStart, endLine: previous, kind: FoldingRangeKind.Comment });
  };
  for (const c of model.ast.comments) {
    if (c.line !== previous + 1) {
      flush();
      blockStart = c.line;
    }
    previous = c.line;
  }
  flush();
  return ranges.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
}
