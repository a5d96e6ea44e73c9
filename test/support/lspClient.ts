// A real LSP client for tests: starts `node dist/server.js --stdio` and speaks JSON-RPC to it.
import { spawn, ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createMessageConnection, MessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';

export class LspClient {
  private readonly child: ChildProcess;
  readonly connection: MessageConnection;
  private readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  private readonly waiters: { uri: string; version?: number; resolve: (d: Diagnostic[]) => void }[] = [];
  readonly stderr: string[] = [];
  private versions = new Map<string, number>();

  constructor(serverPath = join(process.cwd(), 'dist', 'server.js')) {
    this.child = spawn(process.execPath, [serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr!.on('data', (d) => this.stderr.push(String(d)));
    this.connection = createMessageConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
    this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      this.diagnostics.set(params.uri, params);
      for (const w of [...this.waiters]) {
        if (w.uri === params.uri && (w.version === undefined || params.version === w.version)) {
          this.waiters.splice(this.waiters.indexOf(w), 1);
          w.resolve(params.diagnostics);
        }
      }
    });
    this.connection.onNotification('window/logMessage', (p: { message: string }) => {
      this.stderr.push(p.message);
    });
    this.connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => null));
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.listen();
  }

  static async start(
    settings?: unknown,
    init: { initializationOptions?: unknown; workspaceFolders?: { uri: string; name: string }[]; locale?: string; watchesFiles?: boolean } = {},
  ): Promise<LspClient> {
    const client = new LspClient();
    const { watchesFiles, ...params } = init;
    if (settings) client.connection.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) => p.items.map(() => settings));
    await client.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      ...params,
      capabilities: {
        // watchesFiles: the client can watch files for the server (workspace/didChangeWatchedFiles)
        workspace: { configuration: true, ...(watchesFiles ? { didChangeWatchedFiles: { dynamicRegistration: true } } : {}) },
        textDocument: {
          documentSymbol: { hierarchicalDocumentSymbolSupport: true },
          publishDiagnostics: { versionSupport: true },
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } } },
          completion: { completionItem: { snippetSupport: true } },
        },
      },
    });
    await client.connection.sendNotification('initialized', {});
    return client;
  }

  /** Opens a document and resolves with the diagnostics published for this version. */
  open(uri: string, text: string, languageId = 'dockerfile'): Promise<Diagnostic[]> {
    this.versions.set(uri, 1);
    const waiting = this.waitForDiagnostics(uri, 1);
    void this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    return waiting;
  }

  /** Replaces a range (or the whole text) and resolves with the diagnostics for the new version. */
  change(uri: string, changes: { range?: unknown; text: string }[]): Promise<Diagnostic[]> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    const waiting = this.waitForDiagnostics(uri, version);
    void this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
    return waiting;
  }

  close(uri: string): Promise<void> {
    return this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  waitForDiagnostics(uri: string, version?: number): Promise<Diagnostic[]> {
    return new Promise((resolve) => this.waiters.push({ uri, version, resolve }));
  }

  request<T>(method: string, params: unknown): Promise<T> {
    return this.connection.sendRequest(method, params) as Promise<T>;
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      await this.connection.sendNotification('exit');
    } catch {
      // the server may already be gone
    }
    this.connection.dispose();
    this.child.kill();
  }
}

/** Splits a fixture with a `|` cursor marker into text and the marker's line/character. */
export function cursor(marked: string): { text: string; position: { line: number; character: number }; offset: number } {
  const offset = marked.indexOf('|');
  if (offset < 0) throw new Error('fixture has no | cursor marker');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  const before = text.slice(0, offset).split('\n');
  return { text, offset, position: { line: before.length - 1, character: before[before.length - 1].length } };
}
