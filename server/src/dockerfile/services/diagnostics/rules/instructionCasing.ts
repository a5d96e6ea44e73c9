// ConsistentInstructionCasing: BuildKit counts the instructions of the stages (global ARGs before the
// first FROM are not part of a stage) written all-lower or all-upper, and flags the ones that differ
// from the majority (a tie counts as uppercase).
import type { Instruction } from '../../../parser/ast';
import type { Rule } from '../rule';
import { finding, fix, replace } from './helpers';

const isConsistent = (s: string) => s === s.toLowerCase() || s === s.toUpperCase();

export const consistentInstructionCasing: Rule = {
  code: 'ConsistentInstructionCasing',
  defaultSeverity: 'warning',
  url: 'https://docs.docker.com/go/dockerfile/rule/consistent-instruction-casing/',
  description: 'All commands within the Dockerfile should use the same casing (either upper or lower)',
  buildkit: true,
  fileWideOnly: true,
  check({ model }) {
    const counted: Instruction[] = model.stages.flatMap((s) => [s.from, ...s.instructions]).filter((i) => i.known);
    let lower = 0;
    let upper = 0;
    for (const ins of counted) {
      if (!isConsistent(ins.keywordText)) continue;
      if (ins.keywordText === ins.keywordText.toLowerCase()) lower++;
      else upper++;
    }
    const majorityLower = lower > upper;
    const wanted = majorityLower ? 'lowercase' : 'uppercase';
    return counted
      .filter((ins) => ins.keywordText !== (majorityLower ? ins.keywordText.toLowerCase() : ins.keywordText.toUpperCase()))
      .map((ins) => {
        const to = majorityLower ? ins.keywordText.toLowerCase() : ins.keywordText.toUpperCase();
        return finding(ins.keywordSpan, `Command '${ins.keywordText}' should match the case of the command majority (${wanted})`, [
          fix(`Change '${ins.keywordText}' to '${to}'`, [replace(ins.keywordSpan, to)]),
        ]);
      });
  },
};
