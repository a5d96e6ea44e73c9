// "Docklens: Show Build Graph": a webview beside the editor that draws the graph the server computes
// (docklens/buildGraph) and redraws it as the file changes. Strict CSP: only our bundled script and
// inline styles with a nonce; no remote content.
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import * as l10n from '@vscode/l10n';
import { Disposable, ExtensionContext, Range, Selection, TextDocument, TextEditorRevealType, Uri, ViewColumn, WebviewPanel, window, workspace } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { graphStrings } from './graphStrings';

const panels = new Map<string, WebviewPanel>();

export function showBuildGraph(context: ExtensionContext, client: () => LanguageClient | undefined, arg?: string | Uri): Promise<void> {
  const uri = typeof arg === 'string' ? arg : arg?.toString() ?? window.activeTextEditor?.document.uri.toString();
  if (!uri) {
    void window.showInformationMessage(l10n.t('Open a Dockerfile or a Compose file to see its build graph.'));
    return Promise.resolve();
  }
  return openPanel(context, client, uri);
}

async function openPanel(context: ExtensionContext, client: () => LanguageClient | undefined, uri: string, target?: string): Promise<void> {
  const existing = panels.get(uri);
  if (existing) {
    existing.reveal(ViewColumn.Beside, true);
    return;
  }
  const document = await workspace.openTextDocument(Uri.parse(uri));
  const dist = Uri.file(context.asAbsolutePath('dist'));
  const title = path.basename(document.uri.path);
  const panel = window.createWebviewPanel('docklens.buildGraph', l10n.t('Build graph: {0}', title), { viewColumn: ViewColumn.Beside, preserveFocus: true }, {
    enableScripts: true,
    localResourceRoots: [dist],
  });
  panels.set(uri, panel);
  const nonce = randomBytes(16).toString('base64');
  const script = panel.webview.asWebviewUri(Uri.joinPath(dist, 'graphView.js'));
  panel.webview.html = page(panel.webview.cspSource, nonce, script.toString());

  let ready = false;
  let timer: NodeJS.Timeout | undefined;
  const update = async () => {
    if (!ready) return;
    const graph = await client()?.sendRequest('docklens/buildGraph', { uri, target }).catch(() => null);
    void panel.webview.postMessage({ type: 'graph', graph: graph ?? null, title, strings: graphStrings() });
  };
  const subscriptions: Disposable[] = [
    panel.webview.onDidReceiveMessage(async (message: { type: string; line?: number; path?: string; target?: string }) => {
      if (message.type === 'ready') {
        ready = true;
        await update();
      } else if (message.type === 'reveal' && typeof message.line === 'number') {
        await reveal(document, message.line);
      } else if (message.type === 'openGraph' && message.path) {
        await openPanel(context, client, Uri.file(message.path).toString(), message.target);
      }
    }),
    workspace.onDidChangeTextDocument((e) => {
      if (e.document.uri.toString() !== uri) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => void update(), 250);
    }),
  ];
  panel.onDidDispose(() => {
    panels.delete(uri);
    if (timer) clearTimeout(timer);
    subscriptions.forEach((s) => s.dispose());
  });
}

async function reveal(document: TextDocument, line: number): Promise<void> {
  const visible = window.visibleTextEditors.find((e) => e.document.uri.toString() === document.uri.toString());
  const editor = await window.showTextDocument(document, { viewColumn: visible?.viewColumn ?? ViewColumn.One, preserveFocus: false });
  const range = new Range(line, 0, line, document.lineAt(Math.min(line, document.lineCount - 1)).text.length);
  editor.selection = new Selection(range.start, range.end);
  editor.revealRange(range, TextEditorRevealType.InCenterIfOutsideViewport);
}

function page(cspSource: string, nonce: string, script: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src ${cspSource}; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}' ${cspSource};">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<style nonce="${nonce}">
  body { color: var(--vscode-editor-foreground); background: var(--vscode-editor-background); font-family: var(--vscode-font-family); font-size: 12px; padding: 8px 12px; }
  #summary { color: var(--vscode-descriptionForeground); margin: 0 0 8px; }
  svg { overflow: visible; }
  .node rect { fill: var(--vscode-editorWidget-background, var(--vscode-editor-background)); stroke: var(--vscode-editorWidget-border, var(--vscode-foreground)); stroke-width: 1; }
  .node.final rect { stroke: var(--vscode-focusBorder); stroke-width: 3; }
  .node.unused { opacity: 0.5; }
  .node.unused rect { stroke-dasharray: 4 3; }
  .node.image rect { fill: var(--vscode-editor-background); }
  .node.service rect { stroke: var(--vscode-charts-blue, var(--vscode-focusBorder)); }
  .node { cursor: pointer; }
  .node:focus rect, .node:hover rect { stroke: var(--vscode-focusBorder); }
  text { fill: var(--vscode-editor-foreground); font-family: var(--vscode-editor-font-family, monospace); font-size: 12px; }
  text.title { font-weight: bold; }
  text.detail { fill: var(--vscode-descriptionForeground); }
  text.link { fill: var(--vscode-textLink-foreground); text-decoration: underline; }
  .edge { cursor: pointer; }
  .edge path { fill: none; stroke: var(--vscode-descriptionForeground); stroke-width: 1.5; }
  .edge.from path { stroke-width: 2.5; }
  .edge.run-mount path { stroke-dasharray: 5 4; }
  .edge:hover path, .edge:focus path { stroke: var(--vscode-focusBorder); }
  .edge-label { fill: var(--vscode-descriptionForeground); font-size: 10px; }
  .arrowhead { fill: var(--vscode-descriptionForeground); }
</style>
</head>
<body>
<p id="summary">${escapeHtml(l10n.t('Loading the build graph…'))}</p>
<div id="graph"></div>
<script nonce="${nonce}" src="${script}"></script>
</body>
</html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}
