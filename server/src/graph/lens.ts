// The "graph" code lens: above a Dockerfile's first FROM, and above a Compose file's first service.
import type { CodeLens } from 'vscode-languageserver-types';
import type { DockerfileModel } from '../dockerfile/parser/model';
import type { ComposeModel } from '../compose/model';
import { t } from '../l10n';

export const SHOW_GRAPH_COMMAND = 'docklens.showBuildGraph';

function lensAt(line: number, uri: string): CodeLens {
  return { range: { start: { line, character: 0 }, end: { line, character: 0 } }, command: { title: t('graph.lens'), command: SHOW_GRAPH_COMMAND, arguments: [uri] } };
}

export function dockerfileGraphLens(model: DockerfileModel, uri: string): CodeLens[] {
  const first = model.stages[0];
  return first ? [lensAt(first.from.startLine, uri)] : [];
}

export function composeGraphLens(model: ComposeModel, uri: string): CodeLens[] {
  const first = model.services[0];
  return first ? [lensAt(model.lines.positionAt(first.keySpan.start).line, uri)] : [];
}
