// Shared by the editor tests: find the workspace, open documents, wait for the
// language server, and read what providers return.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'docklens.docklens';
/** How long a feature may take to answer once the server is known to be up. */
export const FEATURE_WAIT_MS = 10_000;
/** How long the server may take to start and answer its first request. */
export const SERVER_START_MS = 60_000;

export function extension(): vscode.Extension<unknown> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not loaded in this editor`);
  return ext;
}

export function workspacePath(...parts: string[]): string {
  return path.join(extension().extensionPath, 'test', 'e2e', 'workspace', ...parts);
}

export async function openFile(file: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
  await vscode.window.showTextDocument(doc, { preview: false });
  return doc;
}

export const openWorkspaceFile = (...parts: string[]) => openFile(workspacePath(...parts));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Calls fn until ok(result) holds or time runs out; returns the last result either way. */
export async function poll<T>(fn: () => Thenable<T> | Promise<T>, ok: (r: T) => boolean, timeoutMs = FEATURE_WAIT_MS): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const result = await fn();
    if (ok(result) || Date.now() >= end) return result;
    await sleep(200);
  }
}

let scratchDir: string | undefined;
/**
 * Test input as data: writes `text` (with one `|` marking the cursor, or none)
 * to a fresh file named `name` outside the repository, opens it, and returns
 * the document and the cursor position.
 */
export async function openScratch(name: string, text: string): Promise<{ doc: vscode.TextDocument; cursor: vscode.Position }> {
  scratchDir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'docklens-e2e-'));
  const dir = fs.mkdtempSync(path.join(scratchDir, 'case-'));
  const at = text.indexOf('|');
  const content = at < 0 ? text : text.slice(0, at) + text.slice(at + 1);
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  const doc = await openFile(file);
  return { doc, cursor: doc.positionAt(at < 0 ? 0 : at) };
}

/** Position of the `nth` occurrence of `needle` in the document, plus `delta` characters. */
export function positionOf(doc: vscode.TextDocument, needle: string, delta = 0, nth = 1): vscode.Position {
  let at = -1;
  for (let i = 0; i < nth; i++) {
    at = doc.getText().indexOf(needle, at + 1);
    assert.ok(at >= 0, `"${needle}" (occurrence ${nth}) not found in ${doc.fileName}`);
  }
  return doc.positionAt(at + delta);
}

export function lineOf(doc: vscode.TextDocument, needle: string, nth = 1): number {
  return positionOf(doc, needle, 0, nth).line;
}

// ---------------------------------------------------------------- providers
export const symbols = (doc: vscode.TextDocument) =>
  vscode.commands.executeCommand<(vscode.DocumentSymbol | vscode.SymbolInformation)[] | undefined>(
    'vscode.executeDocumentSymbolProvider', doc.uri);

export const hovers = (doc: vscode.TextDocument, pos: vscode.Position) =>
  vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, pos);

export const codeLenses = (doc: vscode.TextDocument) =>
  vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri, 100);

export const completions = (doc: vscode.TextDocument, pos: vscode.Position) =>
  vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, pos);

export const codeActions = (doc: vscode.TextDocument, range: vscode.Range) =>
  vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', doc.uri, range, undefined, 100);

export function markdownOf(hs: vscode.Hover[] | undefined): string {
  return (hs ?? [])
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}

export function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

export function lensTitles(lenses: vscode.CodeLens[] | undefined, line?: number): string[] {
  return (lenses ?? [])
    .filter((l) => line === undefined || l.range.start.line === line)
    .map((l) => l.command?.title ?? '')
    .filter((t) => t.length > 0);
}

/** Document symbols flattened to "name detail" strings with their depth. */
export function flattenSymbols(list: (vscode.DocumentSymbol | vscode.SymbolInformation)[] | undefined): { text: string; depth: number; line: number }[] {
  const out: { text: string; depth: number; line: number }[] = [];
  const walk = (s: vscode.DocumentSymbol | vscode.SymbolInformation, depth: number) => {
    const ds = s as vscode.DocumentSymbol;
    const line = ds.range ? ds.range.start.line : (s as vscode.SymbolInformation).location.range.start.line;
    out.push({ text: `${s.name} ${ds.detail ?? ''}`.trim(), depth, line });
    for (const c of ds.children ?? []) walk(c, depth + 1);
  };
  for (const s of list ?? []) walk(s, 0);
  return out;
}

let serverUp: Promise<void> | undefined;
/**
 * Activates the extension and waits until its language server answers a
 * document-symbol request for the workspace Dockerfile, so that later tests
 * measure features and not start-up time. Memoised per test file bundle.
 */
export function waitForServer(): Promise<void> {
  serverUp ??= (async () => {
    // Word-based suggestions would answer completion requests with words from
    // open files and hide whether the server offered anything.
    await vscode.workspace.getConfiguration('editor').update('wordBasedSuggestions', 'off', vscode.ConfigurationTarget.Global);
    await extension().activate();
    const doc = await openWorkspaceFile('Dockerfile');
    const found = await poll(() => symbols(doc), (s) => Array.isArray(s) && s.length > 0, SERVER_START_MS);
    assert.ok(Array.isArray(found) && found.length > 0,
      `the language server gave no document symbols for ${doc.fileName} within ${SERVER_START_MS / 1000}s`);
  })();
  return serverUp;
}

/** Reverts the document (drops unsaved edits) so tests never leave a changed file behind. */
export async function revert(doc: vscode.TextDocument): Promise<void> {
  if (!doc.isDirty) return;
  await vscode.window.showTextDocument(doc);
  await vscode.commands.executeCommand('workbench.action.files.revert');
}

/**
 * Process ids of the language server(s) this extension host started
 * (descendants running dist/server.js), read from /proc; undefined where
 * there is no /proc (the check is then left out).
 */
export function serverPids(): number[] | undefined {
  if (!fs.existsSync('/proc/self/stat')) return undefined;
  const parent = new Map<number, number>();
  const cmd = new Map<number, string>();
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      parent.set(Number(d), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
      cmd.set(Number(d), fs.readFileSync(`/proc/${d}/cmdline`, 'utf8').replace(/\0/g, ' '));
    } catch { /* the process ended meanwhile */ }
  }
  const descends = (pid: number): boolean => {
    for (let p = parent.get(pid), hops = 0; p && hops < 10; p = parent.get(p), hops++) if (p === process.pid) return true;
    return false;
  };
  return [...cmd].filter(([pid, c]) => /dist[\\/]server\.js/.test(c) && descends(pid)).map(([pid]) => pid).sort((a, b) => a - b);
}
