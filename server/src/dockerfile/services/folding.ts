// Folding: stages, instructions spanning several lines, heredoc bodies and comment blocks.
// Each stage's ranges (comment blocks up to the next FROM included) are made once and carried to
// the versions after an edit elsewhere (parser/stageCarry.ts): a comment block never crosses a
// FROM line. The ranges before the first FROM and the last stage's comment blocks (the text after
// the last instruction may have changed) are made on every request.
import { FoldingRange, FoldingRangeKind } from 'vscode-languageserver-types';
import type { Instruction } from '../parser/ast';
import type { DockerfileModel, Stage } from '../parser/model';
import { perStage } from '../parser/stageCarry';

export function foldingRanges(model: DockerfileModel): FoldingRange[] {
  const stages = model.stages;
  const list = model.ast.instructionList;
  const textEnd = model.ast.source.length;
  const before: FoldingRange[] = [];
  const firstFrom = stages.length > 0 ? stages[0].fromIndex : list.length;
  for (let i = 0; i < firstFrom; i++) instructionRanges(model, list.at(i), before);
  commentBlocks(model, 0, stages.length > 0 ? stages[0].from.start : textEnd + 1, before);
  const ranges = sorted(before);
  const perStageRanges = perStage<FoldingRange[]>(model, 'foldingRanges', (stage) => stageRanges(model, stage), (old, move) =>
    move.lines === 0 ? old : old.map((r) => ({ ...r, startLine: r.startLine + move.lines, endLine: r.endLine + move.lines })),
  );
  for (let k = 0; k < perStageRanges.length; k++) {
    if (k < perStageRanges.length - 1) {
      for (const r of perStageRanges[k]) ranges.push(r);
      continue;
    }
    const last = perStageRanges[k].slice();
    commentBlocks(model, stages[k].from.start, textEnd + 1, last);
    for (const r of sorted(last)) ranges.push(r);
  }
  return ranges;
}

/** A stage's ranges in order; the last stage's without its comment blocks. */
function stageRanges(model: DockerfileModel, stage: Stage): FoldingRange[] {
  const ranges: FoldingRange[] = [];
  const start = stage.from.startLine;
  const end = model.lines.lineOf(stage.span.end);
  if (end > start) ranges.push({ startLine: start, endLine: end, kind: FoldingRangeKind.Region });
  instructionRanges(model, stage.from, ranges);
  const list = model.ast.instructionList;
  const endIndex = stage.fromIndex + 1 + stage.instructionCount;
  for (let i = stage.fromIndex + 1; i < endIndex; i++) instructionRanges(model, list.at(i), ranges);
  if (endIndex < list.length) commentBlocks(model, stage.from.start, list.at(endIndex).start, ranges);
  return sorted(ranges);
}

function instructionRanges(model: DockerfileModel, ins: Instruction, ranges: FoldingRange[]): void {
  const lineOf = (offset: number) => model.lines.lineOf(offset);
  const start = ins.startLine;
  const firstBody = ins.heredocs[0] ? lineOf(ins.heredocs[0].body.start) - 1 : ins.endLine;
  if (firstBody > start) ranges.push({ startLine: start, endLine: firstBody });
  for (const h of ins.heredocs) {
    const bodyStart = lineOf(h.marker.start);
    const bodyEnd = h.terminator ? lineOf(h.terminator.start) : ins.endLine;
    if (bodyEnd > bodyStart) ranges.push({ startLine: bodyStart, endLine: bodyEnd });
  }
}

/** The blocks of two or more comment lines in a row among the comments starting in [from, to). */
function commentBlocks(model: DockerfileModel, from: number, to: number, ranges: FoldingRange[]): void {
  const comments = model.ast.commentList;
  let blockStart = -1;
  let previous = -2;
  const flush = () => {
    if (blockStart >= 0 && previous > blockStart) ranges.push({ startLine: blockStart, endLine: previous, kind: FoldingRangeKind.Comment });
  };
  for (let i = comments.firstFrom(from); i < comments.length; i++) {
    const c = comments.at(i);
    if (c.start >= to) break;
    if (c.line !== previous + 1) {
      flush();
      blockStart = c.line;
    }
    previous = c.line;
  }
  flush();
}

function sorted(ranges: FoldingRange[]): FoldingRange[] {
  return ranges.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
}
