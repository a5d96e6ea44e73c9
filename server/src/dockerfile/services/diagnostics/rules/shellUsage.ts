// How RUN scripts use the shell: `cd` instead of WORKDIR, `sudo`, pipes without pipefail, and
// downloads piped straight into a shell. Read on the shell parser's commands (dockerfile/shell).
import { stageRule, type Finding, type Rule } from '../rule';
import { programOf } from '../../../shell';
import { stageShell } from '../../instructionShell';
import { BEST_PRACTICES, finding, hadolintWiki, headSpan, NO_FINDINGS } from './helpers';
import { runsAndHealthchecks, runsOf } from './runScripts';

export const cdInRun: Rule = stageRule({
  code: 'CdInRun',
  defaultSeverity: 'info',
  url: hadolintWiki('DL3003'),
  description: "'cd' in RUN changes the directory for that command only; WORKDIR is clearer",
  hadolint: ['DL3003'],
  checkStage(stage, { model }) {
    let out: Finding[] | undefined;
    for (const run of runsOf(model, stage)) {
      // A `cd` inside a subshell or substitution is already scoped on purpose.
      const cd = run.commands.find((c) => {
        const p = programOf(c);
        return p?.name === 'cd' && p.args.length > 0 && !c.context.includes('subshell') && !c.context.includes('substitution');
      });
      if (cd) (out ??= []).push(finding(programOf(cd)!.word, 'Use WORKDIR to change directory: cd lasts only for this RUN'));
    }
    return out ?? NO_FINDINGS;
  },
});

export const sudoInRun: Rule = stageRule({
  code: 'SudoInRun',
  defaultSeverity: 'warning',
  url: hadolintWiki('DL3004'),
  description: "'sudo' in RUN: builds already run as the USER in effect; switch with USER instead",
  hadolint: ['DL3004'],
  checkStage(stage, { model }) {
    let out: Finding[] | undefined;
    for (const run of runsAndHealthchecks(model, stage)) {
      for (const cmd of run.commands) {
        const p = programOf(cmd);
        const sudo = p?.wrappers.includes('sudo') ? cmd.words.slice(0, p.index).find((w) => w.value === 'sudo' || w.value.endsWith('/sudo')) : p?.name === 'sudo' ? p.word : undefined;
        if (sudo) (out ??= []).push(finding(sudo, 'Do not use sudo: it needs a TTY and hides which user runs what; use USER to switch users'));
      }
    }
    return out ?? NO_FINDINGS;
  },
});

const POSIX_SHELLS = /(?:^|\/)(?:sh|bash|ash|dash|zsh|ksh|mksh)$/;

export const pipefailMissing: Rule = stageRule({
  code: 'PipefailMissing',
  defaultSeverity: 'warning',
  url: hadolintWiki('DL4006'),
  description: 'A pipe in RUN or HEALTHCHECK hides failures of all but the last command unless pipefail is set',
  hadolint: ['DL4006'],
  checkStage(stage, { model }) {
    let out: Finding[] | undefined;
    for (const run of runsAndHealthchecks(model, stage)) {
      if (!run.scripts.some((s) => s.pipelines.length > 0)) continue;
      const ins = run.ins.inner ?? run.ins;
      const healthcheck = ins.keyword === 'HEALTHCHECK';
      const exec = run.scripts[0].origin === 'exec';
      if (exec) {
        // `["bash", "-o", "pipefail", "-c", "..."]`: the shell is the exec form's own, SHELL does not apply.
        if (ins.args.some((a) => a.value === 'pipefail')) continue;
      } else {
        // A HEALTHCHECK's shell form runs in the container with the image's SHELL (the stage's last one).
        const shell = stageShell(model, run.stage, healthcheck ? Infinity : run.ins.start);
        if (shell && (!POSIX_SHELLS.test(shell[0] ?? '') || shell.some((a) => /pipefail/.test(a)))) continue;
      }
      // `set -o pipefail` (or `set -euo pipefail`) before the first pipe of the script.
      const firstPipe = Math.min(...run.scripts.flatMap((s) => s.pipelines.map((p) => p.start)));
      const setsPipefail = run.commands.some((c) => c.start < firstPipe && programOf(c)?.name === 'set' && c.words.some((w) => w.value === 'pipefail'));
      if (setsPipefail) continue;
      const message = exec
        ? `This ${ins.keyword} pipes commands without pipefail: a failure before the last | goes unnoticed. Add "-o", "pipefail" to the shell's options or start the script with set -o pipefail`
        : healthcheck
          ? 'This HEALTHCHECK pipes commands without pipefail: a failure before the last | can still report healthy. Set SHELL ["/bin/bash", "-o", "pipefail", "-c"] or start with set -o pipefail'
          : 'This RUN pipes commands without pipefail: a failure before the last | goes unnoticed. Set SHELL ["/bin/bash", "-o", "pipefail", "-c"] or start with set -o pipefail';
      (out ??= []).push(finding(headSpan(model, run.ins), message));
    }
    return out ?? NO_FINDINGS;
  },
});

const DOWNLOADERS = new Set(['curl', 'wget']);
const INTERPRETERS = /^(?:sh|bash|ash|dash|zsh|ksh|python[0-9.]*|perl|ruby|node)$/;

export const curlPipeShell: Rule = stageRule({
  code: 'CurlPipeShell',
  defaultSeverity: 'warning',
  url: BEST_PRACTICES,
  description: 'A script downloaded and piped straight into a shell runs unverified',
  checkStage(stage, { model }) {
    let out: Finding[] | undefined;
    for (const run of runsAndHealthchecks(model, stage)) {
      for (const pipeline of run.scripts.flatMap((s) => s.pipelines)) {
        const programs = pipeline.elements.map((c) => (c ? programOf(c) : undefined));
        const dl = programs.findIndex((p) => p !== undefined && DOWNLOADERS.has(p.name));
        if (dl < 0) continue;
        const sink = programs.slice(dl + 1).find((p) => p !== undefined && INTERPRETERS.test(p.name));
        if (!sink) continue;
        const from = programs[dl]!;
        (out ??= []).push(finding({ start: from.word.start, end: sink.word.end }, `'${from.name}' output is piped into '${sink.name}': the script runs unverified. Download it, check its checksum, then run it`));
      }
    }
    return out ?? NO_FINDINGS;
  },
});
