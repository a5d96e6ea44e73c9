// ConsistentInstructionCasing: BuildKit counts the instructions of the stages (global ARGs before the
// first FROM are not part of a stage) written all-lower or all-upper, and flags the ones that differ
// from the majority (a tie counts as uppercase).
import type { Finding, Rule } from '../rule';
import { finding, fix, replace } from './helpers';

const isConsistent = (s: string) => s === s.toLowerCase() || s === s.toUpperCase();

export const consistentInstructionCasing: Rule = {
  code: 'ConsistentInstructionCasing',
  defaultSeverity: 'warning',
  url: 'https://docs.docker.com/go/dockerfile/rule/consistent-instruction-casing/',
  description: 'All commands within the Dockerfile should use the same casing (either upper or lower)',
  buildkit: true,
  fileWideOnly: true,
  // File-wide by nature (the majority decides), so it runs on every edit: one pass to count, one
  // to report, over the instructions from the first FROM on (the stages' instructions), no copies.
  check({ model }) {
    const all = model.ast.instructions;
    const first = model.stages.length > 0 ? all.indexOf(model.stages[0].from) : all.length;
    let lower = 0;
    let upper = 0;
    for (let i = first; i < all.length; i++) {
      const word = all[i].keywordText;
      if (!all[i].known || !isConsistent(word)) continue;
      if (word === word.toLowerCase()) lower++;
      else upper++;
    }
    const majorityLower = lower > upper;
    const wanted = majorityLower ? 'lowercase' : 'uppercase';
    const out: Finding[] = [];
    for (let i = first; i < all.length; i++) {
      const ins = all[i];
      if (!ins.known) continue;
      const to = majorityLower ? ins.keywordText.toLowerCase() : ins.keywordText.toUpperCase();
      if (ins.keywordText === to) continue;
      out.push(
        finding(ins.keywordSpan, `Command '${ins.keywordText}' should match the case of the command majority (${wanted})`, [
          fix(`Change '${ins.keywordText}' to '${to}'`, [replace(ins.keywordSpan, to)]),
        ]),
      );
    }
    return out;
  },
};
