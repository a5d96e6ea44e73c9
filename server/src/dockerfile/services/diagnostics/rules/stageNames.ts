// BuildKit's checks on `FROM image AS name`: StageNameCasing, FromAsCasing, DuplicateStageName, ReservedStageName.
import { type Finding, type Rule, type TextEdit, stageRule } from '../rule';
import { allInstructions, finding, fix, flagOf, NO_FINDINGS, replace } from './helpers';
import type { Instruction } from '../../../parser/ast';
import { fileSum, type FileSum } from '../../../parser/fileSum';
import { derivedKey } from '../../../parser/model';

const DOCS = 'https://docs.docker.com/go/dockerfile/rule/';

/** Whether a FROM names its stage with an upper-case letter (`FROM x AS Build`). */
function namesUpperCase(ins: Instruction): boolean {
  if (ins.keyword !== 'FROM') return false;
  const [, asWord, name] = ins.args;
  return asWord !== undefined && asWord.value.toLowerCase() === 'as' && name !== undefined && name.value !== name.value.toLowerCase();
}

/** How many stages are named with an upper-case letter: carried across edits, so that a file without one is not read again. */
const UPPER_CASE_NAMES: FileSum<{ count: number }> = {
  key: derivedKey<{ count: number }>('upperCaseStageNames'),
  empty: () => ({ count: 0 }),
  copy: (total) => ({ ...total }),
  add(total, _model, ins, sign) {
    if (namesUpperCase(ins)) total.count += sign;
  },
};

export const stageNameCasing: Rule = {
  code: 'StageNameCasing',
  defaultSeverity: 'warning',
  url: DOCS + 'stage-name-casing/',
  description: 'Stage names should be lowercase',
  buildkit: true,
  carried: [UPPER_CASE_NAMES],
  check({ model }) {
    let out: Finding[] | undefined;
    if (fileSum(model, UPPER_CASE_NAMES).count === 0) return out ?? NO_FINDINGS;
    for (const stage of model.stages) {
      // The name first: a stage's span is made only for the stages reported.
      if (!stage.name || stage.name === stage.name.toLowerCase() || !stage.nameSpan) continue;
      const lower = stage.name.toLowerCase();
      // Every reference to the stage is matched case-insensitively, so all of them can be lowercased.
      const edits: TextEdit[] = [replace(stage.nameSpan, lower)];
      for (const s of model.stages) {
        if (s.baseStage === stage.index && s.baseSpan && s.base.toLowerCase() === lower) edits.push(replace(s.baseSpan, lower));
      }
      for (const ins of allInstructions(model)) {
        const from = flagOf(ins, 'from');
        if (from?.valueSpan && from.value?.toLowerCase() === lower && from.value !== lower) edits.push(replace(from.valueSpan, lower));
      }
      (out ??= []).push(finding(stage.nameSpan, `Stage name '${stage.name}' should be lowercase`, [fix(`Rename stage to '${lower}'`, edits)]));
    }
    return out ?? NO_FINDINGS;
  },
};

export const fromAsCasing: Rule = stageRule({
  code: 'FromAsCasing',
  defaultSeverity: 'warning',
  url: DOCS + 'from-as-casing/',
  description: "The 'as' keyword should match the case of the 'from' keyword",
  buildkit: true,
  checkStage(theStage, { model }) {
    let out: Finding[] | undefined;
    for (const stage of [theStage]) {
      const asWord = stage.from.args[1];
      if (!stage.name || !asWord) continue;
      const from = stage.from.keywordText;
      const as = asWord.value;
      const fromUpper = from === from.toUpperCase();
      const fromLower = from === from.toLowerCase();
      if ((fromUpper && as !== as.toUpperCase()) || (fromLower && as !== as.toLowerCase())) {
        const wanted = fromUpper ? 'AS' : 'as';
        (out ??= []).push(finding(asWord, `'${as}' and '${from}' keywords' casing do not match`, [fix(`Change '${as}' to '${wanted}'`, [replace(asWord, wanted)])]));
      }
    }
    return out ?? NO_FINDINGS;
  },
});

export const duplicateStageName: Rule = stageRule({
  code: 'DuplicateStageName',
  defaultSeverity: 'warning',
  url: DOCS + 'duplicate-stage-name/',
  description: 'Stage names should be unique',
  buildkit: true,
  fileWideOnly: true,
  hadolint: ['DL3024'],
  checkStage(stage, { model }) {
    if (!stage.name || !stage.nameSpan) return NO_FINDINGS;
    const key = stage.name.toLowerCase();
    // The model's stage of a name is the first one that has it.
    const first = model.stageByName(key);
    return first && first.index < stage.index ? [finding(stage.nameSpan, `Duplicate stage name "${key}", stage names should be unique`)] : [];
  },
});

const RESERVED = ['scratch', 'context'];

export const reservedStageName: Rule = stageRule({
  code: 'ReservedStageName',
  defaultSeverity: 'warning',
  url: DOCS + 'reserved-stage-name/',
  description: 'Reserved words should not be used as stage names',
  buildkit: true,
  fileWideOnly: true,
  hadolint: ['DL3063'],
  checkStage(s) {
    if (!s.name || !s.nameSpan || !RESERVED.includes(s.name.toLowerCase())) return NO_FINDINGS;
    return [finding(s.nameSpan, `Stage name should not use the same name as reserved stage "${s.name.toLowerCase()}"`)];
  },
});
