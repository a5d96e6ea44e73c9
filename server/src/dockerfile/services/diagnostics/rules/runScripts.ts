// Walks the instructions that run shell scripts, stage by stage, with their commands read once by
// the shell module (dockerfile/shell).
import type { Instruction } from '../../../parser/ast';
import { derivedKey, type DockerfileModel, type Stage } from '../../../parser/model';
import { shellOf, type ShellCommand, type ShellScript } from '../../../shell';

export interface RunInStage {
  stage: Stage;
  ins: Instruction;
  /** Scripts in a POSIX shell (PowerShell/cmd scripts are left to rules that know them). */
  scripts: ShellScript[];
  /** Every simple command of those scripts, in source order. */
  commands: ShellCommand[];
}

const RUNS = derivedKey<RunInStage[]>('runsOf');
const RUNS_AND_HEALTHCHECKS = derivedKey<RunInStage[]>('runsAndHealthchecks');

function collect(model: DockerfileModel, keep: (ins: Instruction) => boolean): RunInStage[] {
  const found: RunInStage[] = [];
  for (const stage of model.stages) {
    for (const ins of stage.instructions) {
      // ONBUILD RUN and ONBUILD HEALTHCHECK are read like the instruction they wrap.
      if (!keep(ins.inner ?? ins)) continue;
      const scripts = shellOf(model, ins).scripts.filter((s) => s.language === 'sh' || s.language === 'bash');
      if (scripts.length > 0) found.push({ stage, ins, scripts, commands: scripts.flatMap((s) => s.commands) });
    }
  }
  return found;
}

/** Every RUN with POSIX shell scripts. */
export function runsOf(model: DockerfileModel): RunInStage[] {
  return model.derived(RUNS, (m) => collect(m, (ins) => ins.keyword === 'RUN'));
}

/** RUNs and the shell form of HEALTHCHECK CMD (scripts that run in the container too). */
export function runsAndHealthchecks(model: DockerfileModel): RunInStage[] {
  return model.derived(RUNS_AND_HEALTHCHECKS, (m) => [...runsOf(m), ...collect(m, (ins) => ins.keyword === 'HEALTHCHECK')].sort((a, b) => a.ins.start - b.ins.start));
}

/** `--mount=type=cache,target=/var/cache/apt` style mounts: their targets. */
export function mountTargets(ins: Instruction): string[] {
  const out: string[] = [];
  for (const f of ins.flags) {
    if (f.name.toLowerCase() !== 'mount' || !f.value) continue;
    const fields = f.value.split(',');
    const type = fields.find((x) => x.startsWith('type='))?.slice(5) ?? 'bind';
    if (type !== 'cache' && type !== 'tmpfs') continue;
    const target = fields.find((x) => /^(target|dst|destination)=/.test(x));
    if (target) out.push(target.slice(target.indexOf('=') + 1));
  }
  return out;
}
