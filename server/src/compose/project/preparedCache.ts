// Reusing the preparation of an unchanged Compose document (interpolation, origins, include,
// extends) across resolutions of its project: after a one-line edit of compose.override.yaml, the
// 200 services of compose.yaml are not interpolated and extended again. The preparation is recorded
// with everything it read (files through the host, variables, origins and files the load already
// knew) and everything it wrote (errors, origins, files, extended sources, variables looked up);
// it is replayed only when every read gives the same answer, so the load's result is the same.
import type { FileHost, FileRead } from '../../common/files';
import type { Context as LoadContext, LoadedFile, Origin, ProjectError } from './loader';
import type { Lookup } from './template';

type Mapping = Record<string, unknown>;

/** A map that reads and writes through to `parent`, logging its writes and the reads they did not answer. */
class Tracked<K, V> extends Map<K, V> {
  readonly writes: [K, V][] = [];
  readonly reads = new Map<K, V | undefined>();
  constructor(private readonly parent: Map<K, V>) {
    super();
  }
  override get(key: K): V | undefined {
    if (super.has(key)) return super.get(key);
    const value = this.parent.get(key);
    if (!this.reads.has(key)) this.reads.set(key, value);
    return value;
  }
  override has(key: K): boolean {
    return this.get(key) !== undefined;
  }
  override set(key: K, value: V): this {
    super.set(key, value);
    this.parent.set(key, value);
    this.writes.push([key, value]);
    return this;
  }
}

interface Log<K, V> {
  reads: Map<K, V | undefined>;
  writes: [K, V][];
}

interface Prepared {
  /** The text of the file the document is in. */
  text: string;
  /** The prepared document, kept apart from every model it is merged into. */
  cfg: Mapping;
  errors: ProjectError[];
  /** What the host answered, by path. */
  host: Map<string, FileRead>;
  /** Variables looked up, in the order of their first lookup, with their values. */
  variables: Map<string, string | undefined>;
  origins: Log<string, Origin>;
  files: Log<string, LoadedFile>;
  extendsSources: Log<string, Mapping>;
}

const prepared = new Map<string, Prepared>();
/** The text each document was last prepared from: a document is recorded when prepared twice from the same text. */
const lastText = new Map<string, string>();
const LIMIT = 64;

const readOf = (host: FileHost, path: string): FileRead => {
  if (host.read) return host.read(path);
  const text = host.readFile(path);
  return text === undefined ? { problem: 'missing' } : { text };
};

const sameRead = (a: FileRead, b: FileRead) => ('text' in a && 'text' in b ? a.text === b.text : 'problem' in a && 'problem' in b && a.problem === b.problem);

const sameOrigin = (a: Origin | undefined, b: Origin | undefined) =>
  a === b || (!!a && !!b && a.file === b.file && a.via === b.via && a.span?.start === b.span?.start && a.span?.end === b.span?.end);

/**
 * `prepare(ctx, lookup)` for document `index` of a top-level `file`, or the replay of its last
 * preparation when nothing it read has changed. `lookup` must be the load's own (the environment's
 * values, recording the variables).
 */
export function preparedDocument(
  ctx: LoadContext,
  file: LoadedFile,
  index: number,
  workingDir: string,
  lookup: Lookup,
  prepare: (ctx: LoadContext, lookup: Lookup) => Mapping,
): Mapping {
  const key = `${file.path}\u0000${workingDir}\u0000${index}`;
  const known = prepared.get(key);
  if (known && unchanged(known, ctx, file)) {
    prepared.delete(key);
    prepared.set(key, known);
    ctx.errors.push(...known.errors);
    for (const [k, v] of known.origins.writes) ctx.origins.set(k, v);
    for (const [k, v] of known.files.writes) ctx.files.set(k, v);
    for (const [k, v] of known.extendsSources.writes) ctx.extendsSources.set(k, v);
    for (const name of known.variables.keys()) lookup(name);
    return structuredClone(known.cfg);
  }
  // A file seen for the first time, or being edited, is prepared without the cost of a record.
  if (lastText.get(key) !== file.text) {
    prepared.delete(key);
    lastText.delete(key);
    lastText.set(key, file.text);
    if (lastText.size > LIMIT) lastText.delete(lastText.keys().next().value as string);
    return prepare(ctx, lookup);
  }
  const origins = new Tracked(ctx.origins);
  const files = new Tracked(ctx.files);
  const extendsSources = new Tracked(ctx.extendsSources);
  // the logs only: the maps themselves hold this load's maps
  const record: Prepared = { text: file.text, cfg: {}, errors: [], host: new Map(), variables: new Map(), origins, files, extendsSources };
  const log = <K, V>(m: Tracked<K, V>): Log<K, V> => ({ reads: m.reads, writes: m.writes });
  let cacheable = true;
  const host = ctx.options.host;
  const read = (path: string): FileRead => {
    const r = readOf(host, path);
    if (!record.host.has(path)) record.host.set(path, r);
    return r;
  };
  const recordingHost: FileHost = {
    read,
    readFile: (path) => {
      const r = read(path);
      return 'text' in r ? r.text : undefined;
    },
    exists: (path) => {
      cacheable = false;
      return host.exists(path);
    },
    linkable: host.linkable && ((path) => host.linkable!(path)),
  };
  const recordingLookup: Lookup = (name) => {
    const value = lookup(name);
    if (!record.variables.has(name)) record.variables.set(name, value);
    return value;
  };
  const child: LoadContext = {
    ...ctx,
    options: { ...ctx.options, host: recordingHost },
    errors: record.errors,
    origins,
    files,
    extendsSources,
  };
  const cfg = prepare(child, recordingLookup);
  ctx.errors.push(...record.errors);
  if (cacheable) {
    Object.assign(record, { cfg: structuredClone(cfg), origins: log(origins), files: log(files), extendsSources: log(extendsSources) });
    prepared.delete(key);
    prepared.set(key, record);
    if (prepared.size > LIMIT) prepared.delete(prepared.keys().next().value as string);
  } else prepared.delete(key);
  return cfg;
}

/** Every read of the recorded preparation gives the same answer now. */
function unchanged(p: Prepared, ctx: LoadContext, file: LoadedFile): boolean {
  if (p.text !== file.text) return false;
  for (const [path, r] of p.host) if (!sameRead(r, readOf(ctx.options.host, path))) return false;
  for (const [name, value] of p.variables) if (ctx.options.environment.get(name) !== value) return false;
  for (const [k, v] of p.origins.reads) if (!sameOrigin(v, ctx.origins.get(k))) return false;
  for (const [k, v] of p.files.reads) if (v?.text !== ctx.files.get(k)?.text) return false;
  for (const [k, v] of p.extendsSources.reads) if (v !== ctx.extendsSources.get(k)) return false;
  return true;
}

/** Forgets every recorded preparation (tests compare a replay with a fresh load). */
export function clearPreparedDocuments(): void {
  prepared.clear();
  lastText.clear();
}
