// NoEmptyContinuation: a blank line inside a `\`-continued instruction (BuildKit warns once per
// instruction; a future release will reject it). The fix deletes the blank lines. BuildKit reports
// it on the line where the instruction's continued line ends (before any heredoc body), so do we.
import { instructionRule, type Rule, type TextEdit } from '../rule';
import { finding, fix, NO_FINDINGS } from './helpers';

export const noEmptyContinuation: Rule = instructionRule({
  code: 'NoEmptyContinuation',
  defaultSeverity: 'warning',
  url: 'https://docs.docker.com/go/dockerfile/rule/no-empty-continuation/',
  description: 'Empty continuation lines will become errors in a future release',
  buildkit: true,
  fileWideOnly: true,
  checkInstruction(ins, { model }) {
    const { lines } = model;
    {
      if (ins.emptyContinuationLines.length === 0) return NO_FINDINGS;
      const edits: TextEdit[] = ins.emptyContinuationLines.map((blank) => {
        const line = lines.lineOf(blank.start);
        const end = line + 1 < lines.lineCount ? lines.lineStart(line + 1) : lines.text.length;
        return { start: lines.lineStart(line), end, newText: '' };
      });
      const last = ins.heredocs.length > 0 ? lines.lineOf(ins.heredocs[0].body.start) - 1 : ins.endLine;
      const shown = { start: lines.lineStart(last), end: lines.lineEnd(last) };
      const title = edits.length > 1 ? 'Remove the empty continuation lines' : 'Remove the empty continuation line';
      return [finding(shown, 'Empty continuation line', [fix(title, edits)])];
    }
  },
});
