// Walks the RUN instructions of each stage with their shell scripts read once.
import type { Instruction } from '../../../parser/ast';
import type { DockerfileModel, Stage } from '../../../parser/model';
import { runScripts, type ShellScript } from './shell';

export interface RunInStage {
  stage: Stage;
  ins: Instruction;
  scripts: ShellScript[];
}

const cache = new WeakMap<DockerfileModel, RunInStage[]>();

export function runsOf(model: DockerfileModel): RunInStage[] {
  let found = cache.get(model);
  if (!found) {
    found = [];
    for (const stage of model.stages) {
      for (const ins of stage.instructions) {
        if (ins.keyword === 'RUN') found.push({ stage, ins, scripts: runScripts(model.ast.text, ins, model.ast.escapeChar) });
      }
    }
    cache.set(model, found);
  }
  return found;
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

/** True for stages built on Windows images (PowerShell/cmd scripts, not POSIX shells). */
export function isWindowsStage(model: DockerfileModel, stage: Stage): boolean {
  if (model.ast.escapeChar === '`') return true;
  return /windows|nanoserver|servercore/i.test(stage.base) || stage.platform?.toLowerCase().startsWith('windows') === true;
}
