// The Docklens client: starts the language server and registers commands. Nothing else.
import * as path from 'node:path';
import { existsSync } from 'node:fs';
import * as l10n from '@vscode/l10n';
import { commands, env, ExtensionContext, Position, Range, Selection, TextEditorRevealType, Uri, window, workspace } from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { showBuildGraph } from './buildGraph';
import { registerCoexistence } from './coexistence/prompt';
import { registerResolvedProject } from './resolvedProject';
import { SERVER_ENV, SERVER_EXEC_ARGV } from './serverExecArgv';

let client: LanguageClient | undefined;

/** `docklens.locale`, with `auto` (or nothing) meaning VS Code's display language. */
function docklensLocale(): string {
  const setting = workspace.getConfiguration('docklens').get<string>('locale', 'auto');
  return !setting || setting === 'auto' ? env.language : setting;
}

/** Our client strings follow `docklens.locale` too: the bundle of that language, when we ship one. */
function loadClientStrings(context: ExtensionContext, locale: string): void {
  const bundle = context.asAbsolutePath(path.join('l10n', `bundle.l10n.${locale.toLowerCase()}.json`));
  if (existsSync(bundle)) l10n.config({ fsPath: bundle });
  else if (locale.toLowerCase().startsWith('zh') && !/-(tw|hk|mo|hant)/i.test(locale)) {
    const simplified = context.asAbsolutePath(path.join('l10n', 'bundle.l10n.zh-cn.json'));
    if (existsSync(simplified)) l10n.config({ fsPath: simplified });
  }
}

export async function activate(context: ExtensionContext): Promise<void> {
  const locale = docklensLocale();
  loadClientStrings(context, locale);
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    // Over stdio, not IPC: the server's stdio writer keeps each diagnostic's JSON across versions
    // (server/src/node/keptJsonEncoder.ts), which Node's IPC channel cannot.
    run: { module: serverModule, transport: TransportKind.stdio, options: { execArgv: [...SERVER_EXEC_ARGV], env: { ...SERVER_ENV } } },
    debug: { module: serverModule, transport: TransportKind.stdio, options: { execArgv: ['--nolazy', '--inspect=6019'], env: { ...SERVER_ENV } } },
  };
  const outputChannel = window.createOutputChannel('Docklens', { log: true });
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'dockerfile' },
      { scheme: 'untitled', language: 'dockerfile' },
      { scheme: 'file', language: 'dockercompose' },
      { scheme: 'untitled', language: 'dockercompose' },
    ],
    synchronize: { configurationSection: 'docklens' },
    // In Restricted Mode the server reads no file outside the workspace folders.
    initializationOptions: { workspaceTrusted: workspace.isTrusted, locale },
    outputChannel,
  };
  client = new LanguageClient('docklens', 'Docklens', serverOptions, clientOptions);
  context.subscriptions.push(
    outputChannel,
    commands.registerCommand('docklens.restartServer', async () => {
      await client?.restart();
    }),
    commands.registerCommand('docklens.showLayers', showLayers),
    ...registerResolvedProject(() => client),
    commands.registerCommand('docklens.showBuildGraph', (uri?: string | Uri) => showBuildGraph(context, () => client, uri)),
    // Trust granted: start again with the wider file access.
    workspace.onDidGrantWorkspaceTrust(() => void client?.restart()),
    // The server picks its language once: a new `docklens.locale` needs a restart (and a window reload for our commands' titles).
    workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('docklens.locale')) return;
      const next = docklensLocale();
      loadClientStrings(context, next);
      if (client) client.clientOptions.initializationOptions = { workspaceTrusted: workspace.isTrusted, locale: next };
      void client?.restart();
    }),
    // Other Docker extensions serving the same files: offer once to make them step aside.
    ...registerCoexistence(context),
  );
  await client.start();
}

interface LayerItem {
  line: number;
  text: string;
  layer: number;
}

/** The layer lens's click: pick one of the stage's layer-adding instructions and go to it. */
async function showLayers(uri: string, _stage: number, items: LayerItem[]): Promise<void> {
  if (!items || items.length === 0) {
    void window.showInformationMessage(l10n.t('This stage adds no filesystem layers of its own.'));
    return;
  }
  const picked = await window.showQuickPick(
    items.map((item) => ({ label: l10n.t('layer {0}', item.layer), description: item.text, detail: l10n.t('line {0}', item.line + 1), item })),
    { placeHolder: l10n.t('Instructions that add a filesystem layer') },
  );
  if (!picked) return;
  const editor = await window.showTextDocument(await workspace.openTextDocument(Uri.parse(uri)));
  const position = new Position(picked.item.line, 0);
  editor.selection = new Selection(position, position);
  editor.revealRange(new Range(position, position), TextEditorRevealType.InCenter);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
