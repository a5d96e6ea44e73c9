// How the file writes continuations, so that a merged RUN looks like the rest of it: line endings,
// the indentation of continuation lines, and whether `&&` starts or ends them.
import type { Instruction } from '../../parser/ast';
import { derivedKey, type DockerfileModel } from '../../parser/model';

interface FileStyle {
  eol: string;
  indent: string;
  /** `&&` at the start of continuation lines rather than at the end of the previous one. */
  leadingOperator: boolean;
}

interface StyleCounts {
  indents: Map<string, number>;
  leading: number;
  trailing: number;
}

function countStyle(model: DockerfileModel, instructions: readonly Instruction[]): StyleCounts {
  const counts: StyleCounts = { indents: new Map(), leading: 0, trailing: 0 };
  for (const ins of instructions) {
    if (ins.continuations.length === 0) continue;
    for (let line = ins.startLine; line <= ins.endLine; line++) {
      const content = model.lines.lineText(line);
      if (line > ins.startLine && /\S/.test(content) && !/^\s*#/.test(content)) {
        const indent = /^[ \t]*/.exec(content)![0];
        if (indent !== '') counts.indents.set(indent, (counts.indents.get(indent) ?? 0) + 1);
        if (/^\s*(&&|\|\|)/.test(content)) counts.leading++;
      }
      if (/(&&|\|\|)\s*[\\`]\s*$/.test(content)) counts.trailing++;
    }
  }
  return counts;
}

const EOL = derivedKey<string>('lineEnding');
function lineEnding(model: DockerfileModel): string {
  return model.derived(EOL, (m) => (m.ast.text.includes('\r\n') ? '\r\n' : '\n'));
}

/** The whole file's counts, once per model: every merge of the file asks for them. */
const FILE_COUNTS = derivedKey<StyleCounts>('continuationStyleCounts');
function fileStyleCounts(model: DockerfileModel): StyleCounts {
  return model.derived(FILE_COUNTS, (m) => countStyle(m, m.ast.instructions));
}

function mostCommon(indents: Map<string, number>): string | undefined {
  let best: string | undefined;
  let count = 0;
  for (const [candidate, n] of indents) {
    if (n > count) {
      best = candidate;
      count = n;
    }
  }
  return best;
}

/**
 * How continuations are written: the RUNs being merged decide when they have continuation lines
 * of their own, else the rest of the file, else four spaces and `&&` at the end of the line.
 */
export function continuationStyle(model: DockerfileModel, runs: readonly Instruction[] = []): FileStyle {
  const eol = lineEnding(model);
  const local = countStyle(model, runs);
  const file = fileStyleCounts(model);
  const indent = mostCommon(local.indents) ?? mostCommon(file.indents) ?? '    ';
  const decided = local.leading + local.trailing > 0 ? local : file;
  return { eol, indent, leadingOperator: decided.leading > decided.trailing };
}

/**
 * What a merge takes from the whole file (line ending, most common indentation, where `&&` goes):
 * merge fixes kept per stage are valid only while this stays the same.
 */
export function fileStyleKey(model: DockerfileModel): string {
  const file = fileStyleCounts(model);
  return `${JSON.stringify(lineEnding(model))}|${mostCommon(file.indents) ?? ''}|${file.leading > file.trailing}`;
}
