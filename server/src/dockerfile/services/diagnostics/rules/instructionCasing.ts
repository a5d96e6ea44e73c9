// ConsistentInstructionCasing: BuildKit counts the instructions of the stages (global ARGs before the
// first FROM are not part of a stage) written all-lower or all-upper, and flags the ones that differ
// from the majority (a tie counts as uppercase).
//
// The majority is file-wide: it is counted on every edit (one pass over the keywords, no copies) and
// named as the rule's file context, so each instruction's finding is kept until the majority or the
// place of the first FROM changes.
import { derivedKey, type DockerfileModel } from '../../../parser/model';
import { instructionRule, type Rule } from '../rule';
import { finding, fix, replace } from './helpers';

interface Casing {
  /** Index of the first FROM in the instruction list (instructions before it are not counted). */
  firstFrom: number;
  majorityLower: boolean;
}

const CASING = derivedKey<Casing>('instructionCasing');

/** 1 all lower, 2 all upper, 3 mixed (0 for a word without letters, which counts as both). */
function casingOf(word: string): number {
  let kind = 0;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c >= 97 && c <= 122) kind |= 1;
    else if (c >= 65 && c <= 90) kind |= 2;
  }
  return kind;
}

function casing(model: DockerfileModel): Casing {
  return model.derived(CASING, (m) => {
    const all = m.ast.instructions;
    const firstFrom = m.stages.length > 0 ? all.indexOf(m.stages[0].from) : all.length;
    let lower = 0;
    let upper = 0;
    for (let i = firstFrom; i < all.length; i++) {
      if (!all[i].known) continue;
      const kind = casingOf(all[i].keywordText);
      // A word with no letters is both all-lower and all-upper: BuildKit counts it as lower.
      if (kind === 0 || kind === 1) lower++;
      else if (kind === 2) upper++;
    }
    return { firstFrom, majorityLower: lower > upper };
  });
}

export const consistentInstructionCasing: Rule = instructionRule({
  code: 'ConsistentInstructionCasing',
  defaultSeverity: 'warning',
  url: 'https://docs.docker.com/go/dockerfile/rule/consistent-instruction-casing/',
  description: 'All commands within the Dockerfile should use the same casing (either upper or lower)',
  buildkit: true,
  fileWideOnly: true,
  fileContext: (model) => {
    const c = casing(model);
    return `${c.firstFrom}:${c.majorityLower ? 'lower' : 'upper'}`;
  },
  checkInstruction(ins, { model }) {
    const { firstFrom, majorityLower } = casing(model);
    if (!ins.known || ins.start < (model.ast.instructions[firstFrom]?.start ?? Infinity)) return [];
    const to = majorityLower ? ins.keywordText.toLowerCase() : ins.keywordText.toUpperCase();
    if (ins.keywordText === to) return [];
    const wanted = majorityLower ? 'lowercase' : 'uppercase';
    return [
      finding(ins.keywordSpan, `Command '${ins.keywordText}' should match the case of the command majority (${wanted})`, [
        fix(`Change '${ins.keywordText}' to '${to}'`, [replace(ins.keywordSpan, to)]),
      ]),
    ];
  },
});
