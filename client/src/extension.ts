// The Docklens client: starts the language server and registers commands. Nothing else.
import * as path from 'node:path';
import { commands, ExtensionContext, Position, Range, Selection, TextEditorRevealType, Uri, window, workspace } from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
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
    initializationOptions: { workspaceTrusted: workspace.isTrusted },
    outputChannel,
  };
  client = new LanguageClient('docklens', 'Docklens', serverOptions, clientOptions);
  context.subscriptions.push(
    outputChannel,
    commands.registerCommand('docklens.restartServer', async () => {
      await client?.restart();
    }),
    commands.registerCommand('docklens.showLayers', showLayers),
    // Trust granted: start again with the wider file access.
    workspace.onDidGrantWorkspaceTrust(() => void client?.restart()),
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
    void window.showInformationMessage('This stage adds no filesystem layers of its own.');
    return;
  }
  const picked = await window.showQuickPick(
    items.map((item) => ({ label: `layer ${item.layer}`, description: item.text, detail: `line ${item.line + 1}`, item })),
    { placeHolder: 'Instructions that add a filesystem layer' },
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
