// BuildKit checks on how single instructions are written: JSONArgsRecommended, MaintainerDeprecated,
// LegacyKeyValueFormat, MultipleInstructionsDisallowed, WorkdirRelativePath.
import type { Instruction } from '../../../parser/ast';
import { stageShell } from '../../instructionShell';
import { instructionRule, stageRule, type Finding, type Fix, type Rule } from '../rule';
import { stageValue } from '../../../parser/stageChain';
import type { DockerfileModel, Stage } from '../../../parser/model';
import { finding, fix, headSpan, insert, matchCase, replace, unquote, NO_FINDINGS } from './helpers';

const DOCS = 'https://docs.docker.com/go/dockerfile/rule/';


/** `CMD run --flag x` → `CMD ["run", "--flag", "x"]` when the command is plain words (no shell syntax). */
function execFormFix(ins: Instruction): Fix | undefined {
  const text = ins.argsText.trim();
  if (text === '' || ins.heredocs.length > 0 || /[$`'"\\|&;<>(){}*?[\]~#!]/.test(text)) return undefined;
  const words = text.split(/\s+/);
  const json = '[' + words.map((w) => JSON.stringify(w)).join(', ') + ']';
  return fix(`Use the exec form: ${ins.keywordText} ${json}`, [replace(ins.argsSpan, json)]);
}

export const jsonArgsRecommended: Rule = stageRule({
  code: 'JSONArgsRecommended',
  defaultSeverity: 'warning',
  url: DOCS + 'json-args-recommended/',
  description: 'JSON arguments recommended for ENTRYPOINT/CMD to prevent unintended behavior related to OS signals',
  buildkit: true,
  hadolint: ['DL3025'],
  checkStage(stage, { model }) {
    let out: Finding[] | undefined;
    for (const ins of stage.instructions) {
      if ((ins.keyword !== 'CMD' && ins.keyword !== 'ENTRYPOINT') || ins.form !== 'shell') continue;
      // SHELL set in the stage (or a stage it builds on) before the instruction.
      if (stageShell(model, stage, ins.start) !== undefined) continue;
      const f = execFormFix(ins);
      (out ??= []).push(finding(headSpan(model, ins), `JSON arguments recommended for ${ins.keyword} to prevent unintended behavior related to OS signals`, f && [f]));
    }
    return out ?? NO_FINDINGS;
  },
});

export const maintainerDeprecated: Rule = instructionRule({
  code: 'MaintainerDeprecated',
  defaultSeverity: 'warning',
  url: DOCS + 'maintainer-deprecated/',
  description: 'The MAINTAINER instruction is deprecated, use a label instead to define an image author',
  buildkit: true,
  hadolint: ['DL4000'],
  keywords: ['MAINTAINER'],
  checkInstruction(ins, { model }) {
    if (ins.keyword !== 'MAINTAINER') return NO_FINDINGS;
    const author = ins.argsText.trim();
    const label = `${matchCase('LABEL', ins.keywordText)} org.opencontainers.image.authors=${JSON.stringify(author)}`;
    return [
      finding(headSpan(model, ins), 'Maintainer instruction is deprecated in favor of using label', [
        fix('Replace MAINTAINER with LABEL org.opencontainers.image.authors', [replace({ start: ins.keywordSpan.start, end: ins.argsSpan.end }, label)]),
      ]),
    ];
  },
});

export const legacyKeyValueFormat: Rule = instructionRule({
  code: 'LegacyKeyValueFormat',
  defaultSeverity: 'warning',
  url: DOCS + 'legacy-key-value-format/',
  description: 'Legacy key/value format with whitespace separator should not be used',
  buildkit: true,
  keywords: ['ENV', 'LABEL'],
  checkInstruction(ins, { model }) {
    let out: Finding[] | undefined;
    const text = model.ast.source;
    const target = ins.inner ?? ins;
    if (target.keyword !== 'ENV' && target.keyword !== 'LABEL') return out ?? NO_FINDINGS;
    for (const kv of target.keyValues) {
      if (kv.separator !== '' || !kv.value) continue;
      const raw = text.slice(kv.value.start, kv.value.end);
      let newValue: string | undefined;
      if (!/\s/.test(raw)) newValue = raw;
      else if (!/["\\\n]/.test(raw)) newValue = `"${raw}"`;
      const fixes = newValue === undefined || raw === '' ? undefined : [fix(`Use ${target.keyword} ${kv.key.value}=${newValue}`, [replace({ start: kv.key.end, end: kv.value.end }, '=' + newValue)])];
      (out ??= []).push(finding(headSpan(model, ins), `"${target.keyword} key=value" should be used instead of legacy "${target.keyword} key value" format`, fixes));
    }
    return out ?? NO_FINDINGS;
  },
});

const ONCE = ['CMD', 'ENTRYPOINT', 'HEALTHCHECK'];

export const multipleInstructionsDisallowed: Rule = stageRule({
  code: 'MultipleInstructionsDisallowed',
  defaultSeverity: 'warning',
  url: DOCS + 'multiple-instructions-disallowed/',
  description: 'Multiple instructions of the same type should not be used in the same stage',
  buildkit: true,
  hadolint: ['DL4003', 'DL4004', 'DL3012'],
  checkStage(stage, { model }) {
    let out: Finding[] | undefined;
    const last = new Map<string, Instruction>();
    for (const ins of stage.instructions) {
      if (!ONCE.includes(ins.keyword)) continue;
      const earlier = last.get(ins.keyword);
      // BuildKit reports the earlier one: it is the one that has no effect.
      if (earlier) {
        const removeEnd = model.ast.source.charCodeAt(earlier.end) === 10 ? earlier.end + 1 : earlier.end;
        (out ??= []).push({
          ...finding(headSpan(model, earlier), `Multiple ${earlier.keyword} instructions should not be used in the same stage because only the last one will be used`, [
            fix(`Remove this ${earlier.keyword} (the later one wins)`, [{ start: earlier.start, end: removeEnd, newText: '' }], false),
          ]),
          // BuildKit finds it while reading the later instruction, under that one's `# check=` comment.
          checkAt: ins.start,
        });
      }
      last.set(ins.keyword, ins);
    }
    return out ?? NO_FINDINGS;
  },
});

const ABSOLUTE = /^(?:[/\\]|[A-Za-z]:[/\\]?|\$)/;

export const workdirRelativePath: Rule = stageRule({
  code: 'WorkdirRelativePath',
  defaultSeverity: 'warning',
  url: DOCS + 'workdir-relative-path/',
  description: 'Relative workdir without an absolute workdir declared within the build can have unexpected results if the base image changes',
  buildkit: true,
  hadolint: ['DL3000'],
  checkStage(stage, { model }) {
    // Like BuildKit: only the first WORKDIR of a build chain is checked (fixing it fixes the ones
    // after it), and a stage built FROM an earlier stage inherits that stage's WORKDIR, absolute or not.
    const base = stage.baseStage !== undefined && stage.baseStage < stage.index ? model.stages[stage.baseStage] : undefined;
    const inherited = base !== undefined && workdirSet(model, base);
    const first = stage.instructions.find((i) => i.keyword === 'WORKDIR');
    if (!first || inherited) return NO_FINDINGS;
    const path = unquote(first.args[0]?.value ?? '');
    if (path === '' || ABSOLUTE.test(path)) return NO_FINDINGS;
    const arg = first.args[0];
    const absolute = '/' + path.replace(/^\.\//, '');
    const edit = model.ast.source.slice(arg.start, arg.end) === path ? replace(arg, absolute) : insert(arg.start, '/');
    return [finding(arg, `Relative workdir "${path}" can have unexpected results if the base image changes`, [fix(`Use the absolute path ${absolute}`, [edit], false)])];
  },
});

/** Whether a WORKDIR is set in the stage or a stage it builds on. */
function workdirSet(model: DockerfileModel, stage: Stage): boolean {
  return stageValue<boolean>(model, stage, 'workdirSet', (s, inherited) => inherited === true || s.instructions.some((i) => i.keyword === 'WORKDIR'));
}
