// ConsistentInstructionCasing: BuildKit counts the instructions of the stages (global ARGs before the
// first FROM are not part of a stage) written all-lower or all-upper, and flags the ones that differ
// from the majority (a tie counts as uppercase).
//
// The majority is file-wide: counted once, then carried across edits (fileSum.ts: only the edited
// instructions are counted again), and named as the rule's file context, so each instruction's
// finding is kept until the majority or the place of the first FROM changes.
import type { Instruction } from '../../../parser/ast';
import { fileSum, type FileSum } from '../../../parser/fileSum';
import { derivedKey, type DockerfileModel } from '../../../parser/model';
import { instructionRule, type Rule } from '../rule';
import { NO_FINDINGS, finding, fix, replace } from './helpers';

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

interface Counts {
  lower: number;
  upper: number;
}

/** One instruction's keyword: a word with no letters is both all-lower and all-upper (BuildKit counts it as lower). */
function addKeyword(total: Counts, _model: DockerfileModel, ins: Instruction, sign: 1 | -1): void {
  if (!ins.known) return;
  const kind = casingOf(ins.keywordText);
  if (kind === 0 || kind === 1) total.lower += sign;
  else if (kind === 2) total.upper += sign;
}

/** Every known keyword of the file counted, carried across edits (fileSum.ts). */
export const KEYWORD_CASING: FileSum<Counts> = {
  key: derivedKey<Counts>('keywordCasingCounts'),
  empty: () => ({ lower: 0, upper: 0 }),
  copy: (c) => ({ ...c }),
  add: addKeyword,
};

function casing(model: DockerfileModel): Casing {
  return model.derived(CASING, computeCasing);
}

/** (One function for every call: an arrow here would be a new closure per call.) */
function computeCasing(m: DockerfileModel): Casing {
  const all = m.ast.instructionList;
  const firstFrom = m.stages.length > 0 ? m.stages[0].fromIndex : all.length;
  // The file's counts without the instructions before the first FROM.
  const counts = { ...fileSum(m, KEYWORD_CASING) };
  for (let i = 0; i < firstFrom; i++) addKeyword(counts, m, all.at(i), -1);
  return { firstFrom, majorityLower: counts.lower > counts.upper };
}

export const consistentInstructionCasing: Rule = instructionRule({
  code: 'ConsistentInstructionCasing',
  defaultSeverity: 'warning',
  url: 'https://docs.docker.com/go/dockerfile/rule/consistent-instruction-casing/',
  description: 'All commands within the Dockerfile should use the same casing (either upper or lower)',
  buildkit: true,
  fileWideOnly: true,
  carried: [KEYWORD_CASING],
  fileContext: (model) => {
    const c = casing(model);
    return `${c.firstFrom}:${c.majorityLower ? 'lower' : 'upper'}`;
  },
  checkInstruction(ins, { model }) {
    const { firstFrom, majorityLower } = casing(model);
    const list = model.ast.instructionList;
    if (!ins.known || ins.start < (firstFrom < list.length ? list.at(firstFrom).start : Infinity)) return NO_FINDINGS;
    // The usual case, an upper-case majority and the keyword written as its upper-case name, makes no new string.
    if (!majorityLower && ins.keywordText === ins.keyword) return NO_FINDINGS;
    const to = majorityLower ? ins.keywordText.toLowerCase() : ins.keywordText.toUpperCase();
    if (ins.keywordText === to) return NO_FINDINGS;
    const wanted = majorityLower ? 'lowercase' : 'uppercase';
    return [
      finding(ins.keywordSpan, `Command '${ins.keywordText}' should match the case of the command majority (${wanted})`, [
        fix(`Change '${ins.keywordText}' to '${to}'`, [replace(ins.keywordSpan, to)]),
      ]),
    ];
  },
});
