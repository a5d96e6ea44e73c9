// System commands with a Dockerfile-specific trap: `useradd` with a high UID and no `-l` writes a
// lastlog/faillog sparse file as large as the UID range into the layer (hadolint DL3046), and
// replacing /bin/sh with a link changes every later RUN behind the reader's back (DL4005).
import { stageRule, type Finding, type Rule } from '../rule';
import type { DockerfileModel, Stage } from '../../../parser/model';
import { programOf, type Program } from '../../../shell';
import { finding, fix, hadolintWiki, insert, NO_FINDINGS } from './helpers';
import { runsOf } from './runScripts';

function programs(model: DockerfileModel, name: string, stage: Stage): Program[] {
  const out: Program[] = [];
  for (const run of runsOf(model, stage)) {
    for (const cmd of run.commands) {
      const p = programOf(cmd);
      if (p?.name === name) out.push(p);
    }
  }
  return out;
}

/** The UID given with `-u N`, `-uN`, `--uid N` or `--uid=N`. */
function uidOf(p: Program): string | undefined {
  for (let i = 0; i < p.args.length; i++) {
    const w = p.args[i].value;
    if (w === '-u' || w === '--uid') return p.args[i + 1]?.value;
    const m = /^(?:-u|--uid=)(.+)$/.exec(w);
    if (m) return m[1];
  }
  return undefined;
}

/** `-l`, `--no-log-init`, or a short-option cluster with l (`-lm`). */
const NO_LOG_INIT = /^(?:--no-log-init|-[a-zA-Z]*l[a-zA-Z]*)$/;

export const useraddHighUid: Rule = stageRule({
  code: 'UseraddHighUid',
  defaultSeverity: 'warning',
  url: hadolintWiki('DL3046'),
  description: "'useradd' with a high UID and without '-l': the lastlog file grows to gigabytes in the layer",
  hadolint: ['DL3046'],
  checkStage(stage, { model }) {
    let out: Finding[] | undefined;
    for (const p of programs(model, 'useradd', stage)) {
      const uid = uidOf(p);
      // hadolint's threshold: more than five digits. A variable could be anything: leave it.
      if (!uid || !/^\d{6,}$/.test(uid)) continue;
      if (p.args.some((a) => NO_LOG_INIT.test(a.value))) continue;
      const fixes = p.word.literal ? [fix('Add -l (--no-log-init)', [insert(p.word.end, ' -l')])] : undefined;
      (out ??= []).push(finding(p.word, `useradd with UID ${uid} and without -l: lastlog and faillog are written as sparse files sized by the UID, and the layer stores them in full`, fixes));
    }
    return out ?? NO_FINDINGS;
  },
});

export const linkBinSh: Rule = stageRule({
  code: 'LinkBinSh',
  defaultSeverity: 'warning',
  url: hadolintWiki('DL4005'),
  description: "'ln' replacing /bin/sh: use the SHELL instruction to choose the shell of RUN",
  hadolint: ['DL4005'],
  checkStage(stage, { model }) {
    let out: Finding[] | undefined;
    for (const p of programs(model, 'ln', stage)) {
      const operands = p.args.filter((a) => !a.value.startsWith('-'));
      const target = operands[operands.length - 1];
      if (operands.length < 2 || target.value !== '/bin/sh') continue;
      (out ??= []).push(finding(target, 'Replacing /bin/sh with a link changes the shell of every later RUN without saying so: use SHELL ["/bin/bash", "-c"] instead'));
    }
    return out ?? NO_FINDINGS;
  },
});
