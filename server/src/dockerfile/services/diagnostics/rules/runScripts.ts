// Walks the instructions that run shell scripts, stage by stage, with their commands read once by
// the shell module (dockerfile/shell).
import type { Instruction } from '../../../parser/ast';
import { derivedKey, type DockerfileModel, type Stage } from '../../../parser/model';
import type { ShellCommand, ShellScript } from '../../../shell';
import { shellOf } from '../../instructionShell';

export interface RunInStage {
  stage: Stage;
  ins: Instruction;
  /** Scripts in a POSIX shell (PowerShell/cmd scripts are left to rules that know them). */
  scripts: ShellScript[];
  /** Every simple command of those scripts, in source order. */
  commands: ShellCommand[];
}

interface StageRuns {
  runs: RunInStage[];
  /** RUNs and HEALTHCHECKs in file order. */
  withHealthchecks: RunInStage[];
}

/** Per stage index, read on first use: a stage rule re-run after an edit reads only its own stage. */
const BY_STAGE = derivedKey<Map<number, StageRuns>>('runsByStage');
const newStageRuns = (): Map<number, StageRuns> => new Map();
const posix = (s: ShellScript): boolean => s.language === 'sh' || s.language === 'bash';

function stageRuns(model: DockerfileModel, stage: Stage): StageRuns {
  const byStage = model.derived(BY_STAGE, newStageRuns);
  let found = byStage.get(stage.index);
  if (found) return found;
  found = { runs: [], withHealthchecks: [] };
  for (const ins of stage.instructions) {
    // ONBUILD RUN and ONBUILD HEALTHCHECK are read like the instruction they wrap.
    const keyword = (ins.inner ?? ins).keyword;
    if (keyword !== 'RUN' && keyword !== 'HEALTHCHECK') continue;
    const all = shellOf(model, ins).scripts;
    // Kept for the model's life: the instruction's own lists when nothing is left out (most RUNs).
    const scripts = all.every(posix) ? all : all.filter(posix);
    if (scripts.length === 0) continue;
    const run = { stage, ins, scripts, commands: scripts.length === 1 ? scripts[0].commands : scripts.flatMap((s) => s.commands) };
    if (keyword === 'RUN') found.runs.push(run);
    found.withHealthchecks.push(run);
  }
  byStage.set(stage.index, found);
  return found;
}

/** Every RUN with POSIX shell scripts, in the stage or in the file. */
export function runsOf(model: DockerfileModel, stage?: Stage): RunInStage[] {
  return stage ? stageRuns(model, stage).runs : model.stages.flatMap((s) => stageRuns(model, s).runs);
}

/** RUNs and the shell form of HEALTHCHECK CMD (scripts that run in the container too), in the stage or in the file. */
export function runsAndHealthchecks(model: DockerfileModel, stage?: Stage): RunInStage[] {
  return stage ? stageRuns(model, stage).withHealthchecks : model.stages.flatMap((s) => stageRuns(model, s).withHealthchecks);
}

/** `--mount=type=cache,target=/var/cache/apt` style mounts: their targets. */
export function mountTargets(ins: Instruction): string[] {
  const out: string[] = [];
  // ONBUILD RUN --mount=...: the flags belong to the wrapped RUN.
  for (const f of (ins.inner ?? ins).flags) {
    if (f.name.toLowerCase() !== 'mount' || !f.value) continue;
    const fields = f.value.split(',');
    const type = fields.find((x) => x.startsWith('type='))?.slice(5) ?? 'bind';
    if (type !== 'cache' && type !== 'tmpfs') continue;
    const target = fields.find((x) => /^(target|dst|destination)=/.test(x));
    if (target) out.push(target.slice(target.indexOf('=') + 1));
  }
  return out;
}
