// The only file that knows LSP: capabilities, the document cache, and handlers that call the pure
// language services. Every handler is wrapped: an exception is logged and answered empty.
import {
  CancellationToken,
  Connection,
  Diagnostic,
  DiagnosticSeverity,
  DidChangeConfigurationNotification,
  InitializeResult,

  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseDocument, type DockerfileModel } from './dockerfile/parser/model';
import { documentSymbols } from './dockerfile/services/symbols';
import { foldingRanges } from './dockerfile/services/folding';
import { selectionRanges } from './dockerfile/services/selectionRange';

type Kind = 'dockerfile' | 'compose';

interface CachedModel {
  version: number;
  model: DockerfileModel;
}

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const models = new Map<string, CachedModel>();
  let hasConfiguration = false;

  const log = (message: string) => connection.console.error(message);

  /** Runs a handler; errors become a log line and the empty answer, cancellation is honoured. */
  function runSafe<T>(name: string, empty: T, token: CancellationToken | undefined, fn: () => T): T {
    if (token?.isCancellationRequested) return empty;
    try {
      return fn();
    } catch (err) {
      log(`docklens: ${name} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      return empty;
    }
  }

  function kindOf(doc: TextDocument): Kind | undefined {
    if (doc.languageId === 'dockerfile') return 'dockerfile';
    if (doc.languageId === 'dockercompose') return 'compose';
    return undefined;
  }

  /** Parses each document version once; every request reads the cached model. */
  function dockerfileModel(uri: string): DockerfileModel | undefined {
    const doc = documents.get(uri);
    if (!doc || kindOf(doc) !== 'dockerfile') return undefined;
    const cached = models.get(uri);
    if (cached && cached.version === doc.version) return cached.model;
    const model = parseDocument(doc.getText());
    models.set(uri, { version: doc.version, model });
    return model;
  }

  connection.onInitialize((params): InitializeResult => {
    hasConfiguration = !!params.capabilities.workspace?.configuration;
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        documentSymbolProvider: true,
        foldingRangeProvider: true,
        selectionRangeProvider: true,
      },
      serverInfo: { name: 'docklens', version: '0.1.0' },
    };
  });

  connection.onInitialized(() => {
    if (hasConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, undefined);
  });

  // Validation: coalesced per document, run on the next turn of the event loop.
  const pending = new Map<string, NodeJS.Immediate>();
  function scheduleValidation(doc: TextDocument): void {
    const existing = pending.get(doc.uri);
    if (existing) clearImmediate(existing);
    pending.set(
      doc.uri,
      setImmediate(() => {
        pending.delete(doc.uri);
        validate(doc.uri);
      }),
    );
  }

  function validate(uri: string): void {
    const doc = documents.get(uri);
    if (!doc) return;
    const diagnostics = runSafe<Diagnostic[]>('diagnostics', [], undefined, () => {
      const kind = kindOf(doc);
      if (kind === 'dockerfile') return dockerfileDiagnostics(dockerfileModel(uri)!);
      return [];
    });
    void connection.sendDiagnostics({ uri, version: doc.version, diagnostics });
  }

  function dockerfileDiagnostics(model: DockerfileModel): Diagnostic[] {
    return model.ast.problems.map((p) => ({
      range: model.lines.rangeOf(p),
      severity: p.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
      code: p.code,
      source: 'docklens',
      message: p.message,
    }));
  }

  documents.onDidOpen((e) => scheduleValidation(e.document));
  documents.onDidChangeContent((e) => scheduleValidation(e.document));
  documents.onDidClose((e) => {
    models.delete(e.document.uri);
    const timer = pending.get(e.document.uri);
    if (timer) clearImmediate(timer);
    pending.delete(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });
  connection.onDidChangeConfiguration(() => {
    for (const doc of documents.all()) scheduleValidation(doc);
  });

  connection.onDocumentSymbol((params, token) =>
    runSafe('documentSymbol', [], token, () => {
      const model = dockerfileModel(params.textDocument.uri);
      return model ? documentSymbols(model) : [];
    }),
  );

  connection.onFoldingRanges((params, token) =>
    runSafe('foldingRange', [], token, () => {
      const model = dockerfileModel(params.textDocument.uri);
      return model ? foldingRanges(model) : [];
    }),
  );

  connection.onSelectionRanges((params, token) =>
    runSafe('selectionRange', [], token, () => {
      const model = dockerfileModel(params.textDocument.uri);
      if (!model) return [];
      return selectionRanges(model, params.positions.map((p) => model.lines.offsetAt(p)));
    }),
  );

  connection.onShutdown(() => {
    for (const timer of pending.values()) clearImmediate(timer);
    pending.clear();
  });

  documents.listen(connection);
  connection.listen();
}

