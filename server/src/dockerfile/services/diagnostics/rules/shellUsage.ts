// How RUN scripts use the shell: `cd` instead of WORKDIR, `sudo`, pipes without pipefail, and
// downloads piped straight into a shell.
import type { Finding, Rule } from '../rule';
import type { DockerfileModel, Stage } from '../../../parser/model';
import { BEST_PRACTICES, finding, hadolintWiki, headSpan } from './helpers';
import { programIndex, programName } from './shell';
import { isWindowsStage, runsOf } from './runScripts';

export const cdInRun: Rule = {
  code: 'CdInRun',
  defaultSeverity: 'info',
  url: hadolintWiki('DL3003'),
  description: "'cd' in RUN changes the directory for that command only; WORKDIR is clearer",
  hadolint: ['DL3003'],
  check({ model }) {
    const out: Finding[] = [];
    for (const run of runsOf(model)) {
      if (isWindowsStage(model, run.stage)) continue;
      const cd = run.scripts.flatMap((s) => s.commands).find((c) => programName(c.words) === 'cd' && c.words.length > 1);
      if (cd) out.push(finding(cd.words[programIndex(cd.words)], 'Use WORKDIR to change directory: cd lasts only for this RUN'));
    }
    return out;
  },
};

export const sudoInRun: Rule = {
  code: 'SudoInRun',
  defaultSeverity: 'warning',
  url: hadolintWiki('DL3004'),
  description: "'sudo' in RUN: builds already run as the USER in effect; switch with USER instead",
  hadolint: ['DL3004'],
  check({ model }) {
    const out: Finding[] = [];
    for (const run of runsOf(model)) {
      for (const cmd of run.scripts.flatMap((s) => s.commands)) {
        const sudo = cmd.words.find((w, i) => w.value === 'sudo' && i <= programIndex(cmd.words));
        if (sudo) out.push(finding(sudo, 'Do not use sudo: it needs a TTY and hides which user runs what; use USER to switch users'));
      }
    }
    return out;
  },
};

const POSIX_SHELLS = /(?:^|\/)(?:sh|bash|ash|dash|zsh|ksh|mksh)$/;

/** The SHELL in effect before `before`: undefined for the default /bin/sh -c. */
function shellInEffect(model: DockerfileModel, stage: Stage, before: number): string[] | undefined {
  const seen = new Set<number>();
  for (let s: Stage | undefined = stage; s && !seen.has(s.index); s = s.baseStage !== undefined ? model.stages[s.baseStage] : undefined) {
    seen.add(s.index);
    const shells = s.instructions.filter((i) => i.keyword === 'SHELL' && (s !== stage || i.start < before));
    const last = shells[shells.length - 1];
    if (last) return last.args.map((a) => a.value);
  }
  return undefined;
}

export const pipefailMissing: Rule = {
  code: 'PipefailMissing',
  defaultSeverity: 'warning',
  url: hadolintWiki('DL4006'),
  description: 'A pipe in RUN hides failures of all but the last command unless pipefail is set',
  hadolint: ['DL4006'],
  check({ model }) {
    const out: Finding[] = [];
    for (const run of runsOf(model)) {
      if (isWindowsStage(model, run.stage)) continue;
      const commands = run.scripts.flatMap((s) => s.commands);
      if (!commands.some((c) => c.piped)) continue;
      const shell = shellInEffect(model, run.stage, run.ins.start);
      if (shell && (!POSIX_SHELLS.test(shell[0] ?? '') || shell.some((a) => /pipefail/.test(a)))) continue;
      const setsPipefail = commands.some((c) => programName(c.words) === 'set' && c.words.some((w) => w.value === 'pipefail'));
      if (setsPipefail) continue;
      out.push(finding(headSpan(model, run.ins), 'This RUN pipes commands without pipefail: a failure before the last | goes unnoticed. Set SHELL ["/bin/bash", "-o", "pipefail", "-c"] or start with set -o pipefail'));
    }
    return out;
  },
};

const DOWNLOADERS = new Set(['curl', 'wget']);
const INTERPRETERS = /^(?:sh|bash|ash|dash|zsh|ksh|python[0-9.]*|perl|ruby|node)$/;

export const curlPipeShell: Rule = {
  code: 'CurlPipeShell',
  defaultSeverity: 'warning',
  url: BEST_PRACTICES,
  description: 'A script downloaded and piped straight into a shell runs unverified',
  check({ model }) {
    const out: Finding[] = [];
    for (const run of runsOf(model)) {
      for (const script of run.scripts) {
        const byPipeline = new Map<number, typeof script.commands>();
        for (const c of script.commands) byPipeline.set(c.pipeline, [...(byPipeline.get(c.pipeline) ?? []), c]);
        for (const cmds of byPipeline.values()) {
          const dl = cmds.findIndex((c) => DOWNLOADERS.has(programName(c.words) ?? ''));
          if (dl < 0) continue;
          const sink = cmds.slice(dl + 1).find((c) => c.piped && INTERPRETERS.test(programName(c.words) ?? ''));
          if (!sink) continue;
          const from = cmds[dl].words[programIndex(cmds[dl].words)];
          const to = sink.words[programIndex(sink.words)];
          out.push(finding({ start: from.start, end: to.end }, `'${programName(cmds[dl].words)}' output is piped into '${programName(sink.words)}': the script runs unverified. Download it, check its checksum, then run it`));
        }
      }
    }
    return out;
  },
};
