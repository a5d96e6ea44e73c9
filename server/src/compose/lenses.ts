// A lens over each service that builds its image (the project's merged build when the file has one): "builds <Dockerfile> → N layers". The count and
// the click (a pick list of the layer-adding instructions, opened in the Dockerfile) come from the
// Dockerfile layer service, so the Compose lens and the Dockerfile's own lenses always agree.
import type { CodeLens } from 'vscode-languageserver-types';
import * as posix from 'node:path/posix';
import type { ComposeModel } from './model';
import { fileUri, loadDockerfile, type BuildInfo, type ComposeContext } from './dockerfiles';
import { serviceBuild } from './project/mergedService';
import { reportInternalError } from './errors';
import {
  computeLayers,
  SHOW_LAYERS_COMMAND,
  showLayersItems,
  type ImageLayers,
  type ShowLayersArguments,
  type ShowLayersItem,
} from '../dockerfile/services/layers';
import { t, tn } from '../l10n';

const plural = (n: number) => tn('layers.count', n);

/** The layer-adding instructions of the final stage and the stages it builds `FROM`, in build order. */
function chainItems(image: ImageLayers, stageIndex: number): ShowLayersItem[] {
  const chain: number[] = [];
  for (let s: number | undefined = stageIndex; s !== undefined && chain.length <= image.stages.length; s = image.stages[s].baseStage) chain.unshift(s);
  return chain.flatMap((s) => showLayersItems(image.stages[s]));
}

export function composeCodeLenses(model: ComposeModel, ctx: ComposeContext): CodeLens[] {
  const lenses: CodeLens[] = [];
  try {
    // with a project, the build each service really uses (after every file, `!reset` and `${VAR}`)
    const builds = model.services.map((s) => serviceBuild(model, s, ctx)).filter((b): b is BuildInfo => !!b);
    for (const info of builds) {
      const name =
        info.inline !== undefined
          ? t('compose.lens.inline')
          : info.dockerfilePath
            ? posix.relative(posix.dirname(ctx.path), info.dockerfilePath) || info.dockerfile
            : `${info.context} (${info.dockerfile})`;
      const range = model.lines.rangeOf(info.service.keySpan);
      const dockerfile = loadDockerfile(ctx, info);
      if (!dockerfile) {
        lenses.push({ range, command: { title: t(info.dockerfilePath ? 'compose.lens.notFound' : 'compose.lens.buildsOnly', { name }), command: '' } });
        continue;
      }
      const image = computeLayers(dockerfile, info.target);
      if (image.finalStage === undefined) {
        const why = info.target !== undefined ? t('compose.lens.noStage', { target: info.target }) : t('compose.lens.noFrom');
        lenses.push({ range, command: { title: t('compose.lens.cannotBuild', { name, why }), command: '' } });
        continue;
      }
      const stage = image.stages[image.finalStage];
      const title = info.target ? t('compose.lens.buildsStage', { name, stage: info.target, layers: plural(image.finalLayers) }) : t('compose.lens.builds', { name, layers: plural(image.finalLayers) });
      const tooltip = t('compose.lens.tooltip', { layers: plural(image.finalLayers), base: stage.rootBase });
      if (info.dockerfilePath) {
        const args: ShowLayersArguments = [fileUri(info.dockerfilePath), image.finalStage, chainItems(image, image.finalStage)];
        lenses.push({ range, command: { title, tooltip, command: SHOW_LAYERS_COMMAND, arguments: args } });
      } else {
        lenses.push({ range, command: { title, tooltip, command: '' } });
      }
    }
  } catch (error) {
    reportInternalError('code lens', error);
    return lenses;
  }
  return lenses;
}
