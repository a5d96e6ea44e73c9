// "Docklens: Show Resolved Compose Project": the server resolves the active Compose file's project;
// the result opens beside it as a read-only virtual document (YAML with origins as comments).
import * as l10n from '@vscode/l10n';
import { commands, Disposable, EventEmitter, Uri, ViewColumn, window, workspace } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

export const RESOLVED_SCHEME = 'docklens-compose';

export function registerResolvedProject(getClient: () => LanguageClient | undefined): Disposable[] {
  const texts = new Map<string, string>();
  const changed = new EventEmitter<Uri>();
  const provider = workspace.registerTextDocumentContentProvider(RESOLVED_SCHEME, {
    onDidChange: changed.event,
    provideTextDocumentContent: (uri) => texts.get(uri.toString()) ?? '',
  });
  const command = commands.registerCommand('docklens.showResolvedComposeProject', async (arg?: Uri | string) => {
    const source = typeof arg === 'string' ? Uri.parse(arg) : (arg ?? window.activeTextEditor?.document.uri);
    const client = getClient();
    if (!source || !client) {
      void window.showInformationMessage(l10n.t('Open a Compose file to see its resolved project.'));
      return;
    }
    const result = await client.sendRequest<{ text: string; name: string } | null>('docklens/resolvedComposeProject', { uri: source.toString() });
    if (!result) {
      void window.showInformationMessage(l10n.t('No Compose project for this file (it must be a saved Compose file).'));
      return;
    }
    const target = Uri.from({ scheme: RESOLVED_SCHEME, path: `/${result.name}/resolved-compose.yaml`, query: source.toString() });
    texts.set(target.toString(), result.text);
    changed.fire(target);
    const doc = await workspace.openTextDocument(target);
    await window.showTextDocument(doc, { preview: false, viewColumn: ViewColumn.Beside });
  });
  return [provider, command, changed];
}
