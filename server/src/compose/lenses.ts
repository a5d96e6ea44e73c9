// A lens over each service that builds its image: "builds <Dockerfile> → N layers".
import type { CodeLens } from 'vscode-languageserver-types';
import * as posix from 'node:path/posix';
import type { ComposeModel } from './model';
import { addedLayerCount, allBuilds, loadDockerfile, targetStage, type ComposeContext } from './dockerfiles';
import { reportInternalError } from './errors';

export function composeCodeLenses(model: ComposeModel, ctx: ComposeContext): CodeLens[] {
  const lenses: CodeLens[] = [];
  try {
    for (const info of allBuilds(model, ctx.path)) {
      const name =
        info.inline !== undefined
          ? 'inline Dockerfile'
          : info.dockerfilePath
            ? posix.relative(posix.dirname(ctx.path), info.dockerfilePath) || info.dockerfile
            : `${info.context} (${info.dockerfile})`;
      let title: string;
      const dockerfile = loadDockerfile(ctx, info);
      const stage = dockerfile && targetStage(dockerfile, info.target);
      if (dockerfile && stage) {
        const n = addedLayerCount(dockerfile, stage);
        title = `builds ${name}${info.target ? ` (stage ${info.target})` : ''} → ${n} layer${n === 1 ? '' : 's'}`;
      } else if (dockerfile && info.target !== undefined) {
        title = `builds ${name}: no stage "${info.target}"`;
      } else if (info.dockerfilePath) {
        title = `builds ${name} (not found)`;
      } else {
        title = `builds ${name}`;
      }
      lenses.push({ range: model.lines.rangeOf(info.service.keySpan), command: { title, command: '' } });
    }
  } catch (error) {
    reportInternalError('code lens', error);
    return lenses;
  }
  return lenses;
}
