// LSP ranges of a carried result (parser/stageCarry.ts) moved down or up by whole lines: below an
// edit, characters within a line stay as they were.
import type { Range } from 'vscode-languageserver-types';

export function movedRange(range: Range, lines: number): Range {
  return {
    start: { line: range.start.line + lines, character: range.start.character },
    end: { line: range.end.line + lines, character: range.end.character },
  };
}
