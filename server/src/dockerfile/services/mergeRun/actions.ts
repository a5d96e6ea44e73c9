// The source action merging every mergeable chain of the file. The quick fixes for one RUN are the
// findings' fixes (diagnostics/rules/mergeRun.ts), which the diagnostics engine turns into actions.
import type { CodeAction, WorkspaceEdit } from 'vscode-languageserver-types';
import type { DockerfileModel } from '../../parser/model';
import { t } from '../../../l10n';
import { mergeableChains, mergeAllEdits } from './offers';
import type { TextEditOffsets } from './mergeText';

/** Kind of the source action merging every chain of the file (deliberately not under source.fixAll). */
export const MERGE_ALL_KIND = 'source.mergeRunInstructions';

function wanted(only: string[] | undefined, kind: string): boolean {
  if (!only || only.length === 0) return true;
  return only.some((o) => kind === o || kind.startsWith(o + '.'));
}

/** The source action merging every mergeable chain of the file, when there is one (`only`: the request's `context.only`). */
export function mergeRunCodeActions(model: DockerfileModel, uri: string, only?: string[]): CodeAction[] {
  if (!wanted(only, MERGE_ALL_KIND)) return [];
  const edits = mergeAllEdits(model);
  if (edits.length === 0) return [];
  const toEdit = (list: TextEditOffsets[]): WorkspaceEdit => ({
    changes: { [uri]: list.map((e) => ({ range: model.lines.rangeOf(e), newText: e.newText })) },
  });
  const runs = mergeableChains(model).reduce((n, c) => n + c.runs.length, 0);
  return [{ title: t('action.mergeAll', { runs, count: edits.length }), kind: MERGE_ALL_KIND, edit: toEdit(edits) }];
}
