// The only file that knows LSP: capabilities, the document cache, and handlers that call the pure
// language services. Every handler is wrapped: an exception is logged and answered empty.
import {
  CancellationToken,
  CodeAction,
  CodeActionKind,
  Connection,
  Diagnostic,
  CodeLensRequest,
  CompletionRequest,
  DiagnosticSeverity,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  type FileSystemWatcher,
  DocumentFormattingRequest,
  DocumentOnTypeFormattingRequest,
  DocumentRangeFormattingRequest,
  Disposable,
  HoverRequest,
  ErrorCodes,
  FormattingOptions,
  InitializeResult,
  LSPErrorCodes,
  Position,
  Range,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  TextEdit,
} from 'vscode-languageserver';
import * as posix from 'node:path/posix';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { ChunkedDocument } from './chunkedDocument';
import { buildModel, parseDocument, type DockerfileModel } from './dockerfile/parser/model';
import { reparse } from './dockerfile/parser/incremental';
import { EditLog } from './editLog';
import { documentSymbols } from './dockerfile/services/symbols';
import { foldingRanges } from './dockerfile/services/folding';
import { selectionRanges } from './dockerfile/services/selectionRange';
import { getHover } from './dockerfile/services/hover';
import { getCompletions } from './dockerfile/services/completion';
import { getSignatureHelp, type SignatureRequest } from './dockerfile/services/signatureHelp';
import { layerCodeLenses, layerInlayHints } from './dockerfile/services/layers';
import { dockerfileGraph, type BuildGraph } from './graph/buildGraph';
import { dockerfileGraphLens } from './graph/lens';
import { definition as dockerfileDefinition, documentHighlights, references } from './dockerfile/services/navigation';
import { prepareRename, rename } from './dockerfile/services/rename';
import { documentLinks as dockerfileLinks } from './dockerfile/services/links';
import { codeActions as dockerfileCodeActions, diagnose, RuleResultCache, type Diagnosed, type ReportedFinding } from './dockerfile/services/diagnostics';
import { MERGE_ALL_KIND, mergeRunCodeActions } from './dockerfile/services/mergeRun';
import { formatDockerfileEdits, formatOnNewline } from './dockerfile/services/format';
import type { ComposeContext, ComposeModel } from './compose';
import type * as ComposeSide from './composeSide';
import { uriToPath } from './node/fileHost';
import type { ProjectResolver } from './compose/project/resolver';
import type { ResolvedProject } from './compose/project/projects';
import { BuildArgsCache, composeFilesAbove, WATCHED_FILES } from './compose/project/serverSupport';
import { dockerignoreFor } from './dockerfile/services/diagnostics/rules/dockerignore';
import { fileUri } from './common/files';
import { createFileHost, FileAccess } from './node/fileAccess';
import { findHadolintConfig } from './node/hadolintConfigFile';
import { CAPABILITIES, DEFAULT_SETTINGS, isEnabled, readSettings, registrationPlan, type Capability, type Settings } from './settings';
import { INVALID_PARAMS_METHOD, type InvalidParams } from './protocolEdge';

/** A team's hadolint configuration file, where hadolint looks for one. */
const HADOLINT_FILE = /(?:^|\/)\.hadolint\.ya?ml$/;
/** Files that make or feed a Compose project (its build.args reach the Dockerfiles it builds). */
const COMPOSE_PROJECT_FILE = /(?:^|\/)(?:\.env|[^/]*\.env|(?:docker-)?compose[^/]*\.ya?ml)$/;

function folderPaths(folders: readonly { uri: string }[] | null | undefined): string[] {
  return (folders ?? []).map((f) => uriToPath(f.uri)).filter((p): p is string => !!p);
}

type Parsed = { kind: 'dockerfile'; version: number; model: DockerfileModel } | { kind: 'compose'; version: number; model: ComposeModel };

export interface ServerOptions {
  /** Makes a locale's message catalogue active (the node layer reads the files); returns the locale used. */
  useLocale?: (requested: string | undefined) => string;
  /** Told when a document is closed (the node layer collects the garbage it left). */
  documentClosed?: () => void;
}

/** Rejects a request's `step` when the client cancelled the request. */
const CANCELLED = Symbol('cancelled');

/** The next turn of the event loop: messages that arrived meanwhile (a `$/cancelRequest`, a newer edit) are read first. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export function startServer(connection: Connection, serverOptions: ServerOptions = {}): void {
  const editLog = new EditLog();
  const documents = new TextDocuments(editLog.documents);
  const cache = new Map<string, Parsed>();
  /** The window's settings, and each open document's (read for its workspace folder). */
  let windowSettings: Settings = DEFAULT_SETTINGS;
  const documentSettings = new Map<string, Settings>();
  const settingsOf = (uri: string) => documentSettings.get(uri) ?? windowSettings;
  let hasConfiguration = false;

  const log = (message: string) => connection.console.error(message);
  /**
   * The Compose half of the server (composeSide.ts), required the first time it is needed: a session
   * of Dockerfiles with no Compose file open or beside them never runs its modules. Over stdio with
   * the client's flags (bench/README.md, "Memory"): RSS at start 70.8 -> 68.4 MB, run.mjs 5k peak
   * 87-88 -> 85-86 MB.
   */
  let composeSide: typeof ComposeSide | undefined;
  function compose(): typeof ComposeSide {
    if (composeSide) return composeSide;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    composeSide = require('./composeSide') as typeof ComposeSide;
    composeSide.setComposeErrorSink((where, e) => log(`docklens: compose ${where} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`));
    return composeSide;
  }

  /**
   * Runs a handler; errors become a log line and the empty answer. A request (one with a token) runs
   * on the next turn of the event loop, so a cancellation that arrived with it is seen first; one
   * the client cancelled before it ran, at a `step` between its stages, or while it ran is answered
   * RequestCancelled, as the protocol asks.
   */
  function runSafe<T>(name: string, empty: T, token: undefined, fn: () => T): T;
  function runSafe<T>(name: string, empty: T, token: CancellationToken, fn: (step: () => Promise<void>) => T | Promise<T>): Promise<T | ResponseError<void>>;
  function runSafe<T>(name: string, empty: T, token: CancellationToken | undefined, fn: (step: () => Promise<void>) => T | Promise<T>): T | Promise<T | ResponseError<void>> {
    const failed = (err: unknown) => {
      log(`docklens: ${name} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      return empty;
    };
    if (!token) {
      try {
        return fn(nextTurn) as T;
      } catch (err) {
        return failed(err);
      }
    }
    const cancelled = () => new ResponseError<void>(LSPErrorCodes.RequestCancelled, `${name} cancelled`);
    const step = () => nextTurn().then(() => (token.isCancellationRequested ? Promise.reject(CANCELLED) : undefined));
    return new Promise((resolve) =>
      setImmediate(() => {
        if (token.isCancellationRequested) return resolve(cancelled());
        Promise.resolve()
          .then(() => fn(step))
          .then(
            (result) => resolve(token.isCancellationRequested ? cancelled() : result),
            (err) => resolve(err === CANCELLED ? cancelled() : failed(err)),
          );
      }),
    );
  }

  /** Parses each document version once; every request reads the cached model. */
  function parsed(uri: string, syntaxOnly = false): Parsed | undefined {
    const doc = documents.get(uri);
    if (!doc || !isEnabled(settingsOf(uri), doc.languageId)) return undefined;
    // Over docklens.files.maxDocumentSize: a Dockerfile keeps its outline, folding and selection
    // ranges (its parse is linear); a Compose file gets nothing (the YAML parse alone takes seconds).
    if (tooLarge(doc) && (!syntaxOnly || doc.languageId !== 'dockerfile')) return undefined;
    const cached = cache.get(uri);
    if (cached && cached.version === doc.version) return cached;
    let entry: Parsed | undefined;
    if (doc.languageId === 'dockerfile') entry = { kind: 'dockerfile', version: doc.version, model: dockerfileModel(uri, doc, cached) };
    else if (doc.languageId === 'dockercompose') entry = { kind: 'compose', version: doc.version, model: nextComposeModel(doc, cached) };
    if (entry) cache.set(uri, entry);
    return entry;
  }

  const tooLarge = (doc: ChunkedDocument) => doc.text.length > settingsOf(doc.uri).files.maxDocumentSize;

  /** The new version's model: re-parsed from the previous one's tree where the edits between them are known. */
  function dockerfileModel(uri: string, doc: ChunkedDocument, cached: Parsed | undefined): DockerfileModel {
    const edits = cached?.kind === 'dockerfile' ? editLog.between(uri, cached.version, doc.version) : undefined;
    if (cached?.kind === 'dockerfile' && edits) {
      try {
        // The document's chunked text becomes the tree's source, never joined on the way (see common/chunkedText.ts).
        const ast = reparse(cached.model.ast, edits, doc.text);
        if (ast.source === doc.text || (ast === cached.model.ast && ast.source.length === doc.text.length)) return buildModel(ast, cached.model);
        log(`docklens: incremental parse of ${uri} went out of step with the document; parsing it whole`);
      } catch (err) {
        log(`docklens: incremental parse failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      }
    }
    return parseDocument(doc.getText());
  }

  /** The new version's model: the previous one's with the edited service re-parsed, when the edit is inside one (compose/incremental.ts). */
  function nextComposeModel(doc: ChunkedDocument, cached: Parsed | undefined): ComposeModel {
    const text = doc.getText();
    if (cached?.kind === 'compose') {
      try {
        const model = compose().reparseCompose(cached.model, text);
        if (model) return model;
      } catch (err) {
        log(`docklens: incremental Compose parse failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      }
    }
    return compose().parseCompose(text);
  }

  /** Whether the document's folder has `capability` on for the document's language. */
  const capable = (uri: string, capability: Capability) => {
    const doc = documents.get(uri);
    return !!doc && isEnabled(settingsOf(uri), doc.languageId, capability);
  };

  const dockerfile = (uri: string) => {
    const p = parsed(uri);
    return p?.kind === 'dockerfile' ? p.model : undefined;
  };
  const composeModel = (uri: string) => {
    const p = parsed(uri);
    return p?.kind === 'compose' ? p.model : undefined;
  };

  const openByPath = new Map<string, string>();
  // Side files: bounded reads (node/fileAccess.ts); in Restricted Mode confined to the workspace folders.
  let workspaceTrusted = true;
  let workspaceFolders: string[] = [];
  const access = new FileAccess({ maxBytes: DEFAULT_SETTINGS.files.maxSize });
  const applyFilePolicy = () => {
    access.policy = { maxBytes: windowSettings.files.maxSize, confinedTo: workspaceTrusted ? undefined : workspaceFolders };
  };
  const host = createFileHost(access, (absPath) => {
    const uri = openByPath.get(absPath);
    return uri ? documents.get(uri)?.getText() : undefined;
  });
  /** Findings per parsed model (so per document version), recomputed when settings change. */
  let findingsCache = new WeakMap<DockerfileModel, Diagnosed>();
  /** Per open Dockerfile, the rule results of its last version: an edit re-runs rules only where it changed something. */
  const ruleCaches = new Map<string, RuleResultCache>();
  function dockerfileFindings(uri: string, model: DockerfileModel): ReportedFinding[] {
    return dockerfileDiagnosed(uri, model).findings;
  }
  function dockerfileDiagnosed(uri: string, model: DockerfileModel): Diagnosed {
    let findings = findingsCache.get(model);
    if (!findings) {
      const filePath = uriToPath(uri);
      let cache = ruleCaches.get(uri);
      if (!cache && documents.get(uri)) ruleCaches.set(uri, (cache = new RuleResultCache()));
      findings = diagnose(model, {
        cache,
        filePath,
        host,
        rules: settingsOf(uri).rules,
        buildArgs: { ...settingsOf(uri).buildArgs, ...(filePath ? composeBuildArgs(uri, filePath) : {}) },
        hadolint: filePath ? hadolintConfigFor(filePath) : undefined,
        onRuleError: (code, e) => log(`docklens: rule ${code} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`),
      });
      findingsCache.set(model, findings);
    }
    return findings;
  }

  /**
   * The team's .hadolint.yaml for a Dockerfile (HADOLINT_CONFIG, else the nearest one up to its
   * workspace folder). Not in Restricted Mode: an untrusted folder's config does not decide what is reported.
   */
  function hadolintConfigFor(dockerfilePath: string) {
    if (!workspaceTrusted) return undefined;
    const folder = folderOf(dockerfilePath);
    const found = runSafe('hadolint config', undefined, undefined, () => findHadolintConfig(dockerfilePath, host, { stopAt: folder, envPath: process.env.HADOLINT_CONFIG }));
    if (found && found.config.problems.length > 0 && !loggedConfigProblems.has(found.path)) {
      loggedConfigProblems.add(found.path);
      log(`docklens: ${found.path}: ${found.config.problems.join('; ')}`);
    }
    return found?.config;
  }
  const loggedConfigProblems = new Set<string>();

  /** The workspace folder a file is in (the innermost one). */
  function folderOf(path: string): string | undefined {
    return workspaceFolders.filter((f) => path.startsWith(f.endsWith('/') ? f : f + '/')).sort((a, b) => b.length - a.length)[0];
  }

  /** Compose files found by name above each Dockerfile; forgotten when files change on disk. */
  const composeFilesNear = new Map<string, string[]>();
  /**
   * `build.args` a Compose project passes to the Dockerfile at `dockerfilePath`, resolved as docker
   * compose resolves the project (interpolation, .env, overrides): open Compose files first, then
   * the ones docker compose would find by default in the Dockerfile's folder or above it.
   */
  function composeBuildArgs(uri: string, dockerfilePath: string): Record<string, string> {
    // Reused until another document changes, settings change or the client reports a file change
    // (without a file watcher, disk changes are only seen by resolving again).
    if (!watchFiles) return composeBuildArgsNow(uri, dockerfilePath);
    const others = documents.all().flatMap((d) => (d.languageId === 'dockerfile' ? [] : [`${d.uri}@${d.version}`]));
    const state = JSON.stringify([fileChanges, settingsOf(uri).compose, workspaceFolders, workspaceTrusted, others]);
    return buildArgsCache.get(dockerfilePath, state, () => composeBuildArgsNow(uri, dockerfilePath));
  }
  const buildArgsCache = new BuildArgsCache();
  /** Watched-file notifications received so far. */
  let fileChanges = 0;
  function composeBuildArgsNow(uri: string, dockerfilePath: string): Record<string, string> {
    const folder = folderOf(dockerfilePath);
    let near = composeFilesNear.get(dockerfilePath);
    if (!near) composeFilesNear.set(dockerfilePath, (near = composeFilesAbove(dockerfilePath, (p) => host.readFile(p) !== undefined, folder)));
    const open = documents.all().filter((d) => d.languageId === 'dockercompose').map((d) => uriToPath(d.uri));
    const settings = settingsOf(uri).compose;
    for (const path of new Set([...open, ...near])) {
      if (!path) continue;
      const project = runSafe('compose project', undefined, undefined, () =>
        projects().forDocument(path, { projects: settings.projects, base: folder ?? posix.dirname(path), shell: settings.useProcessEnvironment ? compose().processEnvironment() : undefined }),
      );
      const args = project && compose().buildArgsFor(project, dockerfilePath);
      if (args) return args;
    }
    return {};
  }

  // Compose projects (compose/project): the files docker compose loads together, resolved once per change.
  let projectResolver: ProjectResolver | undefined;
  const projects = () => (projectResolver ??= new (compose().ProjectResolver)(host));
  /**
   * Per open document, the files its diagnostics read (project files, env files, Dockerfiles,
   * .dockerignore); a Compose document's are listed when a file changes (the Dockerfiles its
   * services build come from the project's canonical form, made only when read).
   */
  const dependencies = new Map<string, Set<string> | (() => Set<string>)>();
  function composeContext(uri: string): ComposeContext | undefined {
    const path = uriToPath(uri);
    if (!path) return undefined;
    const settings = settingsOf(uri).compose;
    const base = workspaceFolders.find((f) => path.startsWith(f.endsWith('/') ? f : f + '/'));
    const project = runSafe('compose project', undefined, undefined, () =>
      projects().forDocument(path, { projects: settings.projects, base, shell: settings.useProcessEnvironment ? compose().processEnvironment() : undefined }),
    );
    if (project) dependencies.set(uri, () => new Set([...projects().filesOf(project), ...compose().buildFiles(project)]));
    return { host, path, uri, project };
  }

  // Capabilities a user can switch off (docklens.<capability>.enable): with a client that supports
  // dynamic registration they are registered per language after start-up and unregistered when off;
  // other clients get them statically and the handlers answer empty where they are off.
  const onTypeOptions = { firstTriggerCharacter: '\n' };
  const completionOptions = { triggerCharacters: ['-', '=', '$', '{', ' ', ':', ',', '"', '#'], resolveProvider: false };
  const switchable: Partial<Record<Capability, (documentSelector: { language: string }[]) => Promise<Disposable>>> = {
    hover: (documentSelector) => connection.client.register(HoverRequest.type, { documentSelector }),
    completion: (documentSelector) => connection.client.register(CompletionRequest.type, { documentSelector, ...completionOptions }),
    codeLens: (documentSelector) => connection.client.register(CodeLensRequest.type, { documentSelector, resolveProvider: false }),
    format: (documentSelector) =>
      Promise.all([
        connection.client.register(DocumentFormattingRequest.type, { documentSelector }),
        connection.client.register(DocumentRangeFormattingRequest.type, { documentSelector }),
        connection.client.register(DocumentOnTypeFormattingRequest.type, { documentSelector, ...onTypeOptions }),
      ]).then((all) => ({ dispose: () => all.forEach((d) => d.dispose()) })),
  };
  let dynamic = new Set<Capability>();
  const registered = new Map<Capability, { languages: string; disposable: Promise<Disposable> }>();

  /** Registers each switchable capability for the languages some scope still wants, unregisters the rest. */
  function applyRegistrations(): void {
    const plan = registrationPlan([windowSettings, ...documentSettings.values()]);
    for (const capability of dynamic) {
      const register = switchable[capability];
      if (!register) continue;
      const languages = plan[capability];
      const key = languages.join(',');
      const current = registered.get(capability);
      if (current?.languages === key) continue;
      if (current) void current.disposable.then((d) => d.dispose()).catch(() => undefined);
      registered.delete(capability);
      if (languages.length === 0) continue;
      const disposable = register(languages.map((language) => ({ language })));
      disposable.catch((e) => log(`docklens: could not register ${capability}: ${String(e)}`));
      registered.set(capability, { languages: key, disposable });
    }
  }

  connection.onInitialize((params): InitializeResult => {
    hasConfiguration = !!params.capabilities.workspace?.configuration;
    watchFiles = !!params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    watchOutside = !!params.capabilities.workspace?.didChangeWatchedFiles?.relativePatternSupport;
    // Our client says whether VS Code trusts the workspace; other clients have no Restricted Mode.
    const options = params.initializationOptions as { workspaceTrusted?: unknown; locale?: unknown } | null | undefined;
    workspaceTrusted = options?.workspaceTrusted !== false;
    // Our client sends `docklens.locale` resolved (`auto` = VS Code's language); others send LSP's `locale`.
    serverOptions.useLocale?.(typeof options?.locale === 'string' && options.locale !== 'auto' ? options.locale : params.locale);
    workspaceFolders = folderPaths(params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri }] : []));
    applyFilePolicy();
    const text = params.capabilities.textDocument;
    const canRegister: Record<Capability, boolean | undefined> = {
      hover: text?.hover?.dynamicRegistration,
      completion: text?.completion?.dynamicRegistration,
      codeLens: text?.codeLens?.dynamicRegistration,
      diagnostics: false,
      format: text?.formatting?.dynamicRegistration,
    };
    dynamic = new Set(CAPABILITIES.filter((c) => switchable[c] && canRegister[c]));
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        documentSymbolProvider: true,
        foldingRangeProvider: true,
        selectionRangeProvider: true,
        hoverProvider: !dynamic.has('hover'),
        completionProvider: dynamic.has('completion') ? undefined : completionOptions,
        signatureHelpProvider: { triggerCharacters: [' ', '[', ',', '='], retriggerCharacters: ['"'] },
        codeLensProvider: dynamic.has('codeLens') ? undefined : { resolveProvider: false },
        inlayHintProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        documentHighlightProvider: true,
        renameProvider: { prepareProvider: true },
        documentLinkProvider: { resolveProvider: false },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.SourceFixAll, MERGE_ALL_KIND] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
        documentFormattingProvider: !dynamic.has('format'),
        documentRangeFormattingProvider: !dynamic.has('format'),
        documentOnTypeFormattingProvider: dynamic.has('format') ? undefined : onTypeOptions,
      },
      serverInfo: { name: 'docklens', version: '0.1.0' },
    };
  });

  /** Reads the window's settings and, per open document, its folder's (resource scope). */
  async function refreshSettings(uris: string[] = [...documents.keys()], window = true): Promise<void> {
    if (!hasConfiguration) return;
    try {
      const items = [...(window ? [{ section: 'docklens' }] : []), ...uris.map((scopeUri) => ({ scopeUri, section: 'docklens' }))];
      const values = await connection.workspace.getConfiguration(items);
      if (window) windowSettings = readSettings(values.shift());
      uris.forEach((uri, i) => {
        if (documents.get(uri)) documentSettings.set(uri, readSettings(values[i]));
      });
      applyFilePolicy();
    } catch (err) {
      log(`docklens: could not read settings: ${String(err)}`);
    }
  }

  /** Re-validates open documents whose diagnostics read one of `paths` (edits in other buffers, files on disk). */
  function revalidateDependents(paths: string[], except?: string): void {
    const changed = new Set(paths);
    const discovery = paths.some((p) => /(?:^|\/)(?:\.env|[^/]*\.env|(?:docker-)?compose[^/]*\.ya?ml)$/.test(p));
    let any = false;
    for (const doc of documents.all()) {
      if (doc.uri === except) continue;
      let deps = dependencies.get(doc.uri);
      if (typeof deps === 'function') dependencies.set(doc.uri, (deps = deps()));
      // a new or removed .env / compose file can change which files make a project
      if ((deps && [...deps].some((d) => changed.has(d))) || (discovery && doc.languageId === 'dockercompose')) {
        scheduleValidation(doc);
        any = true;
      }
    }
    if (any) findingsCache = new WeakMap();
  }
  connection.onDidChangeWatchedFiles((params) =>
    runSafe('watchedFiles', undefined, undefined, () => {
      const paths = params.changes.map((c) => uriToPath(c.uri)).filter((p): p is string => !!p);
      findingsCache = new WeakMap();
      revalidateDependents(paths);
      // A .dockerignore, a team's .hadolint.yaml (or the file HADOLINT_CONFIG names), or a Compose
      // project's files (its build.args) change what Dockerfiles report.
      composeFilesNear.clear();
      fileChanges++;
      const dockerfiles = paths.some((p) => p.endsWith('.dockerignore') || HADOLINT_FILE.test(p) || p === process.env.HADOLINT_CONFIG || COMPOSE_PROJECT_FILE.test(p));
      for (const doc of documents.all()) if (doc.languageId === 'dockerfile' && dockerfiles) scheduleValidation(doc);
    }),
  );

  let watchFiles = false;
  let watchOutside = false;
  /** Every .hadolint.yaml/.yml, and the file HADOLINT_CONFIG names (outside the workspace too, when the client can watch a folder pattern). */
  function hadolintWatchers(): FileSystemWatcher[] {
    const out: FileSystemWatcher[] = [{ globPattern: '**/.hadolint.{yaml,yml}' }];
    const named = process.env.HADOLINT_CONFIG;
    if (named && named.startsWith('/') && watchOutside) out.push({ globPattern: { baseUri: fileUri(posix.dirname(named)), pattern: posix.basename(named) } });
    return out;
  }
  let initialized = false;
  connection.onInitialized(async () => {
    // The files other documents' diagnostics read: the client watches them and tells us of changes.
    if (watchFiles) {
      void connection.client
        .register(DidChangeWatchedFilesNotification.type, { watchers: [...WATCHED_FILES.map((globPattern): FileSystemWatcher => ({ globPattern })), ...hadolintWatchers()] })
        .catch((e) => log(`docklens: could not watch files: ${String(e)}`));
    }
    if (hasConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'docklens' });
    try {
      connection.workspace.onDidChangeWorkspaceFolders((e) => {
        const removed = new Set(folderPaths(e.removed));
        workspaceFolders = [...workspaceFolders.filter((f) => !removed.has(f)), ...folderPaths(e.added)];
        applyFilePolicy();
        findingsCache = new WeakMap();
        for (const doc of documents.all()) scheduleValidation(doc);
      });
    } catch {
      // the client does not send folder changes
    }
    await refreshSettings();
    initialized = true;
    applyRegistrations();
    findingsCache = new WeakMap();
    for (const doc of documents.all()) scheduleValidation(doc);
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
        void validate(doc.uri);
      }),
    );
  }

  async function validate(uri: string): Promise<void> {
    const doc = documents.get(uri);
    if (!doc) return;
    // A Dockerfile is checked in two turns, parse then rules: when an edit arrives between them,
    // this version is stale and the newer version's validation (already scheduled) does the rest.
    const version = doc.version;
    if (doc.languageId === 'dockerfile' && !tooLarge(doc)) {
      runSafe('parse', undefined, undefined, () => parsed(uri));
      await nextTurn();
      if (documents.get(uri)?.version !== version) return;
    }
    let composeProject: ResolvedProject | undefined;
    const diagnostics = runSafe<Diagnostic[]>('diagnostics', [], undefined, () => {
      if (!isEnabled(settingsOf(uri), doc.languageId, 'diagnostics')) return [];
      if (tooLarge(doc)) {
        const limit = settingsOf(uri).files.maxDocumentSize;
        const message = `This document is larger than docklens.files.maxDocumentSize (${limit} bytes): Docklens offers only outline, folding and selection here.`;
        return [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: DiagnosticSeverity.Information, source: 'docklens', code: 'DocumentTooLarge', message }];
      }
      const p = parsed(uri);
      if (p?.kind === 'dockerfile') return dockerfileDiagnosed(uri, p.model).lspDiagnostics();
      if (p?.kind === 'compose') {
        const ctx = composeContext(uri);
        composeProject = ctx?.project?.resolved;
        if (ctx?.project) runSafe('env files', undefined, undefined, () => publishEnvFileProblems(ctx.project!));
        return compose().withRuleSeverities(compose().validateCompose(p.model, ctx), settingsOf(uri).rules);
      }
      return [];
    });
    void connection.sendDiagnostics({ uri, version: doc.version, diagnostics });
    if (doc.languageId === 'dockerfile') runSafe('dockerignore', undefined, undefined, () => publishIgnoreProblems(uri));
    if (doc.languageId === 'dockercompose') {
      recordOriginsWhenIdle(uri, version, composeProject);
      warmUpCompose();
    }
  }

  /**
   * A Compose project's load leaves its origins (where each key was written) to be recorded when
   * first read (compose/project/originMap.ts), and its canonical form to be made when first read:
   * the diagnostics go out first, and both are made once the document has been left alone for a moment (not between keystrokes, nor while
   * files open one after another), so a later hover on a service does not wait for them.
   */
  const originsDue = new Map<string, { version: number; project: ResolvedProject }>();
  let originsTimer: NodeJS.Timeout | undefined;
  function recordOriginsWhenIdle(uri: string, version: number, project: ResolvedProject | undefined): void {
    if (project) originsDue.set(uri, { version, project });
    else originsDue.delete(uri);
    if (originsTimer) clearTimeout(originsTimer);
    originsTimer = undefined;
    if (originsDue.size > 0) armOriginsTimer();
  }
  function armOriginsTimer(): void {
    originsTimer = setTimeout(() => {
      originsTimer = undefined;
      if (pending.size > 0) return armOriginsTimer();
      for (const [due, { version: v, project: p }] of originsDue) {
        if (documents.get(due)?.version === v) runSafe('compose origins', undefined, undefined, () => compose().completeDeferred(p));
      }
      originsDue.clear();
    }, ORIGINS_DELAY_MS);
    originsTimer.unref();
  }

  /**
   * After the first Compose document, the Compose checks are warmed up in idle time (compose/warmUp.ts):
   * one step per turn of the event loop, each waiting while a document is due for validation.
   */
  let composeWarmUp: (() => void)[] | undefined;
  /** How long a Compose document is left alone before its project's origins are recorded. */
  const ORIGINS_DELAY_MS = 300;
  function warmUpCompose(): void {
    if (composeWarmUp) return;
    const steps = (composeWarmUp = compose().composeWarmUpSteps());
    const next = () => {
      if (steps.length === 0) return;
      if (pending.size === 0) runSafe('compose warm-up', undefined, undefined, steps.shift()!);
      setImmediate(next);
    };
    setImmediate(next);
  }

  /** Syntax errors of a Compose project's env files, on the env files (sent when they change). */
  const envFileSent = new Map<string, string>();
  function publishEnvFileProblems(project: NonNullable<ComposeContext['project']>): void {
    for (const [path, diagnostics] of compose().envFileDiagnostics(project)) {
      const uri = fileUri(path);
      const key = JSON.stringify(diagnostics);
      if ((envFileSent.get(uri) ?? '[]') === key) continue;
      envFileSent.set(uri, key);
      void connection.sendDiagnostics({ uri, diagnostics });
    }
  }

  /** Invalid patterns in the Dockerfile's .dockerignore, as diagnostics on that file's lines. */
  const ignoreFileOf = new Map<string, string>();
  function publishIgnoreProblems(dockerfileUri: string): void {
    const path = uriToPath(dockerfileUri);
    const found = path ? dockerignoreFor(path, host) : undefined;
    const ignoreUri = found ? fileUri(found.path) : undefined;
    const previous = ignoreFileOf.get(dockerfileUri);
    if (previous && previous !== ignoreUri) void connection.sendDiagnostics({ uri: previous, diagnostics: [] });
    if (!found || !ignoreUri) {
      ignoreFileOf.delete(dockerfileUri);
      return;
    }
    ignoreFileOf.set(dockerfileUri, ignoreUri);
    dependencies.set(dockerfileUri, new Set([found.path]));
    const diagnostics: Diagnostic[] = found.parsed.problems.map((p) => ({
      range: { start: { line: p.line, character: p.start }, end: { line: p.line, character: p.end } },
      severity: DiagnosticSeverity.Error,
      source: 'docklens',
      code: 'InvalidIgnorePattern',
      message: p.message,
    }));
    void connection.sendDiagnostics({ uri: ignoreUri, diagnostics });
  }

  const loadingSettings = new Set<string>();
  documents.onDidOpen((e) => {
    const uri = e.document.uri;
    const path = uriToPath(uri);
    if (path) openByPath.set(path, uri);
    if (!initialized || !hasConfiguration) {
      scheduleValidation(e.document);
      return;
    }
    // Validate with the settings of the document's own folder, once they are in.
    loadingSettings.add(uri);
    void refreshSettings([uri], false).then(() => {
      loadingSettings.delete(uri);
      applyRegistrations();
      const doc = documents.get(uri);
      if (doc) scheduleValidation(doc);
    });
  });
  documents.onDidChangeContent((e) => {
    if (!loadingSettings.has(e.document.uri)) scheduleValidation(e.document);
    const changed = uriToPath(e.document.uri);
    if (changed) revalidateDependents([changed], e.document.uri);
    // A Compose file's build.args feed the Dockerfiles it builds.
    if (e.document.languageId === 'dockercompose') {
      findingsCache = new WeakMap();
      for (const doc of documents.all()) if (doc.languageId === 'dockerfile') scheduleValidation(doc);
    }
  });
  documents.onDidClose((e) => {
    const uri = e.document.uri;
    dependencies.delete(uri);
    cache.delete(uri);
    ruleCaches.delete(uri);
    editLog.forget(uri);
    documentSettings.delete(uri);
    const path = uriToPath(uri);
    if (path) openByPath.delete(path);
    const timer = pending.get(uri);
    if (timer) clearImmediate(timer);
    pending.delete(uri);
    void connection.sendDiagnostics({ uri, diagnostics: [] });
    serverOptions.documentClosed?.();
  });
  connection.onDidChangeConfiguration(async () => {
    await refreshSettings();
    applyRegistrations();
    findingsCache = new WeakMap();
    for (const doc of documents.all()) scheduleValidation(doc);
    void connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
  });

  connection.onDocumentSymbol((params, token) =>
    runSafe('documentSymbol', [], token, () => {
      const p = parsed(params.textDocument.uri, true);
      if (p?.kind === 'dockerfile') return documentSymbols(p.model);
      if (p?.kind === 'compose') return compose().composeSymbols(p.model);
      return [];
    }),
  );

  connection.onFoldingRanges((params, token) =>
    runSafe('foldingRange', [], token, () => {
      const p = parsed(params.textDocument.uri, true);
      if (p?.kind === 'dockerfile') return foldingRanges(p.model);
      if (p?.kind === 'compose') return compose().composeFolding(p.model);
      return [];
    }),
  );

  connection.onSelectionRanges((params, token) =>
    runSafe('selectionRange', [], token, () => {
      const p = parsed(params.textDocument.uri, true);
      const model = p?.kind === 'dockerfile' ? p.model : undefined;
      if (!model) return [];
      return selectionRanges(model, params.positions.map((p) => model.lines.offsetAt(p)));
    }),
  );

  connection.onHover((params, token) =>
    runSafe('hover', null, token, () => {
      const uri = params.textDocument.uri;
      if (!capable(uri, 'hover')) return null;
      const p = parsed(uri);
      if (p?.kind === 'compose') {
        const ctx = composeContext(uri);
        return (ctx?.project && compose().variableHover(p.model, params.position, ctx.project)) || compose().composeHover(p.model, params.position, ctx);
      }
      if (p?.kind !== 'dockerfile') return null;
      const result = getHover(p.model, p.model.lines.offsetAt(params.position));
      return result ? { contents: { kind: 'markdown' as const, value: result.contents }, range: p.model.lines.rangeOf(result.span) } : null;
    }),
  );

  connection.onCompletion((params, token) =>
    runSafe('completion', null, token, () => {
      const uri = params.textDocument.uri;
      if (!capable(uri, 'completion')) return null;
      const p = parsed(uri);
      if (p?.kind === 'compose') {
        const ctx = composeContext(uri);
        const variables = ctx?.project ? compose().variableCompletions(p.model, params.position, ctx.project) : [];
        return variables.length > 0 ? { isIncomplete: false, items: variables } : compose().composeCompletion(p.model, params.position, ctx);
      }
      if (p?.kind !== 'dockerfile') return null;
      return getCompletions(p.model, p.model.lines.offsetAt(params.position));
    }),
  );

  connection.onSignatureHelp((params, token) =>
    runSafe('signatureHelp', null, token, () => {
      const model = dockerfile(params.textDocument.uri);
      if (!model) return null;
      const c = params.context;
      // 1 = invoked (Ctrl+Shift+Space), 2 = trigger character; typing while it is open is a retrigger.
      const request: SignatureRequest = !c || c.triggerKind === 1 ? { kind: 'invoked' } : c.isRetrigger ? { kind: 'retrigger', character: c.triggerCharacter } : { kind: 'character', character: c.triggerCharacter };
      return getSignatureHelp(model, model.lines.offsetAt(params.position), request) ?? null;
    }),
  );

  connection.onCodeLens((params, token) =>
    runSafe('codeLens', [], token, () => {
      const uri = params.textDocument.uri;
      if (!capable(uri, 'codeLens') || !settingsOf(uri).codeLens.layers) return [];
      const p = parsed(uri);
      if (p?.kind === 'dockerfile') return [...layerCodeLenses(p.model, uri), ...dockerfileGraphLens(p.model, uri)];
      if (p?.kind === 'compose') {
        const ctx = composeContext(uri);
        return [...(ctx ? compose().composeCodeLenses(p.model, ctx) : []), ...compose().composeGraphLens(p.model, uri)];
      }
      return [];
    }),
  );

  // The build graph (graph/): stages or services as data for the editor's graph view.
  connection.onRequest('docklens/buildGraph', (params: { uri: string; target?: string }) =>
    runSafe<BuildGraph | null>('buildGraph', null, undefined, () => {
      const p = parsed(params.uri);
      if (p?.kind === 'dockerfile') return dockerfileGraph(p.model, params.target);
      const path = uriToPath(params.uri);
      if (p?.kind === 'compose' && path) return compose().composeGraph(p.model, path);
      return null;
    }),
  );

  connection.languages.inlayHint.on((params, token) =>
    runSafe('inlayHint', [], token, () => {
      const model = dockerfile(params.textDocument.uri);
      return model && settingsOf(params.textDocument.uri).inlayHints.layers ? layerInlayHints(model, params.range) : [];
    }),
  );

  connection.onDefinition((params, token) =>
    runSafe('definition', [], token, () => {
      const uri = params.textDocument.uri;
      const df = dockerfile(uri);
      if (df) return dockerfileDefinition(df, uri, df.lines.offsetAt(params.position));
      const model = composeModel(uri);
      if (model) {
        const ctx = composeContext(uri);
        const inProject = ctx?.project ? compose().projectDefinition(model, params.position, ctx.project) : [];
        return inProject.length > 0 ? inProject : compose().composeDefinition(model, params.position, ctx);
      }
      return [];
    }),
  );

  connection.onDocumentLinks((params, token) =>
    runSafe('documentLinks', [], token, () => {
      const uri = params.textDocument.uri;
      const df = dockerfile(uri);
      if (df) return dockerfileLinks(df);
      const model = composeModel(uri);
      const ctx = model && composeContext(uri);
      if (model && ctx) return compose().composeLinks(model, ctx);
      return [];
    }),
  );

  connection.onReferences((params, token) =>
    runSafe('references', [], token, async (step) => {
      const uri = params.textDocument.uri;
      const model = dockerfile(uri);
      await step();
      return model ? references(model, uri, model.lines.offsetAt(params.position), params.context.includeDeclaration) : [];
    }),
  );

  connection.onDocumentHighlight((params, token) =>
    runSafe('documentHighlight', [], token, () => {
      const model = dockerfile(params.textDocument.uri);
      return model ? documentHighlights(model, model.lines.offsetAt(params.position)) : [];
    }),
  );

  // Rename answers with a ResponseError when the name cannot be renamed: the editor shows why.
  connection.onPrepareRename(async (params, token) => {
    const result = await runSafe('prepareRename', undefined, token, () => {
      const model = dockerfile(params.textDocument.uri);
      return model ? prepareRename(model, model.lines.offsetAt(params.position)) : undefined;
    });
    if (result instanceof ResponseError) return result;
    if (result && 'error' in result) return new ResponseError(ErrorCodes.InvalidRequest, result.error);
    return result ?? null;
  });

  connection.onRenameRequest(async (params, token) => {
    const result = await runSafe('rename', undefined, token, async (step) => {
      const uri = params.textDocument.uri;
      const model = dockerfile(uri);
      await step();
      return model ? rename(model, uri, model.lines.offsetAt(params.position), params.newName) : undefined;
    });
    if (result instanceof ResponseError) return result;
    if (result && 'error' in result) return new ResponseError(ErrorCodes.InvalidRequest, result.error);
    return result ?? null;
  });

  connection.onCodeAction((params, token) =>
    runSafe<CodeAction[]>('codeAction', [], token, async (step) => {
      const uri = params.textDocument.uri;
      const p = parsed(uri);
      if (p?.kind === 'compose') return compose().composeCodeActions(uri, params.range, params.context.diagnostics);
      if (p?.kind !== 'dockerfile') return [];
      const only = params.context.only;
      // Parse, rules (fix-all reads every finding of the file), actions: the client may give up between them.
      await step();
      const findings = dockerfileFindings(uri, p.model);
      await step();
      return [
        ...dockerfileCodeActions(p.model, params.range, findings, { uri, only }),
        // The merge fixes arrive above as the findings' quick fixes; this adds "merge all" as a source action.
        ...mergeRunCodeActions(p.model, uri, only),
      ];
    }),
  );

  // Formatting: offset edits from the services, converted to LSP ranges here.
  function formatting(uri: string, options: FormattingOptions, range?: Range, newlineAt?: Position): TextEdit[] {
    const p = parsed(uri);
    if (!p || !capable(uri, 'format')) return [];
    const lines = p.model.lines;
    // Compose: the whole document only (YAML indentation is a property of the whole tree).
    if (p.kind === 'compose') return range || newlineAt ? [] : compose().formatComposeEdits(p.model.text, { tabSize: options.tabSize }).map((e) => TextEdit.replace(lines.rangeOf(e), e.newText));
    const opts = { tabSize: options.tabSize, insertSpaces: options.insertSpaces, keepKeywordCasing: settingsOf(uri).format.keepKeywordCasing, keepMultiline: settingsOf(uri).format.keepMultilineInstructions, shell: settingsOf(uri).format.shell };
    const edits = newlineAt
      ? formatOnNewline(p.model, lines.offsetAt(newlineAt), opts)
      : formatDockerfileEdits(p.model, opts, range && { start: lines.offsetAt(range.start), end: lines.offsetAt(range.end) });
    return edits.map((e) => TextEdit.replace(lines.rangeOf(e), e.newText));
  }
  connection.onDocumentFormatting((params, token) => runSafe('formatting', [], token, () => formatting(params.textDocument.uri, params.options)));
  connection.onDocumentRangeFormatting((params, token) =>
    runSafe('rangeFormatting', [], token, () => formatting(params.textDocument.uri, params.options, params.range)),
  );
  connection.onDocumentOnTypeFormatting((params) =>
    runSafe('onTypeFormatting', [], undefined, () => (params.ch === '\n' ? formatting(params.textDocument.uri, params.options, undefined, params.position) : [])),
  );

  // "Show Resolved Compose Project": the project of a Compose document as text (compose/project/resolvedView.ts).
  connection.onRequest('docklens/resolvedComposeProject', (params: { uri: string }) =>
    runSafe('resolvedComposeProject', null, undefined, () => {
      const ctx = documents.get(params.uri)?.languageId === 'dockercompose' || /\.ya?ml$/.test(params.uri) ? composeContext(params.uri) : undefined;
      return ctx?.project ? { text: compose().resolvedProjectText(ctx.project.resolved), name: ctx.project.resolved.name } : null;
    }),
  );

  // Requests whose params break the protocol's types, re-routed here by protocolEdge.ts.
  connection.onRequest(INVALID_PARAMS_METHOD, (p: InvalidParams) => new ResponseError<void>(ErrorCodes.InvalidParams, `Invalid params for ${p.method}: ${p.problem}`));

  connection.onShutdown(() => {
    for (const timer of pending.values()) clearImmediate(timer);
    pending.clear();
  });

  documents.listen(connection);
  connection.listen();
}
