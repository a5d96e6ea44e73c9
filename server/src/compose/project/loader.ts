// Loading a Compose project the way compose-go's loader does: per file (and per YAML document) in
// order, interpolate, apply `include`, drop what `!reset`/`!override` name from the model so far,
// resolve `extends` (same file or another one), merge, de-duplicate. No file system here: files
// come through the FileHost, so open editor buffers can win over the disk.
import * as posix from 'node:path/posix';
import type { FileHost } from '../../common/files';
import type { Span } from '../model';
import { castValue, CastError } from './casts';
import { parseDotenv } from './dotenv';
import { KEYED_LISTS, writtenEntryKeys } from './listEntries';
import { applyResets, enforceUnicity, MergeError, mergeModels, splitVolume } from './merge';
import { substitute, TemplateError, type Lookup } from './template';
import { pathKey, readYamlSource, type Path, type YamlSourceDocument } from './yamlSource';
import { preparedDocument } from './preparedCache';
import { OriginMap } from './originMap';

type Mapping = Record<string, unknown>;
const isMapping = (v: unknown): v is Mapping => !!v && typeof v === 'object' && !Array.isArray(v);

export interface ProjectError {
  message: string;
  /** Absolute path of the file the error is about, when known. */
  file?: string;
  span?: Span;
  /** Errors that stop `docker compose` (all of ours do, except warnings). */
  severity: 'error' | 'warning';
}

/** Where a service attribute (or a whole resource) got its value. */
export interface Origin {
  file: string;
  span?: Span;
  /** How it got there: written in the file, brought by `extends` or by `include`. */
  via?: 'extends' | 'include';
}

export interface LoadOptions {
  /** Absolute paths of the Compose files, in `-f` order. */
  files: string[];
  /** Absolute project directory (relative paths resolve against it). */
  projectDir: string;
  /** The project environment (shell if opted in, then env files). */
  environment: ReadonlyMap<string, string>;
  host: FileHost;
}

export interface LoadedFile {
  path: string;
  text: string;
  documents: YamlSourceDocument[];
}

export interface LoadedModel {
  /** The merged model (plain JSON), before canonical forms. */
  model: Mapping;
  errors: ProjectError[];
  /** Every file read (compose files, included and extended ones), by absolute path. */
  files: Map<string, LoadedFile>;
  /**
   * Where each value came from (last writer wins), by `originKey(path)`: `services/<name>`,
   * `services/<name>/<attribute>`, every key below (mapping keys, `KEY` of `KEY=VALUE` lists) and
   * `<section>/<name>` for networks, volumes, secrets, configs, models.
   */
  origins: Map<string, Origin>;
  /** Variables looked up during interpolation, with whether they were set. */
  variables: Map<string, { set: boolean }>;
}

export interface Context {
  options: LoadOptions;
  errors: ProjectError[];
  files: Map<string, LoadedFile>;
  origins: Map<string, Origin>;
  variables: Map<string, { set: boolean }>;
  /** Files on the include chain (cycle detection). */
  included: string[];
  /** Extended files, interpolated and with paths rebased, by absolute path. */
  extendsSources: Map<string, Mapping>;
}

/** Loads and merges the project's files. Never throws: problems are in `errors`. */
export function loadModel(options: LoadOptions): LoadedModel {
  const ctx: Context = { options, errors: [], files: new Map(), origins: new OriginMap(), variables: new Map(), included: [], extendsSources: new Map() };
  const lookup = recordingLookup(ctx, options.environment);
  let model: Mapping = {};
  for (const file of options.files) {
    model = loadFile(ctx, file, options.projectDir, lookup, model, ctx.included, true);
  }
  return { model, errors: ctx.errors, files: ctx.files, origins: ctx.origins, variables: ctx.variables };
}

function recordingLookup(ctx: Context, env: ReadonlyMap<string, string>): Lookup {
  return (name) => {
    const value = env.get(name);
    if (!ctx.variables.has(name)) ctx.variables.set(name, { set: value !== undefined });
    return value;
  };
}

const parsedFiles = new Map<string, { text: string; documents: YamlSourceDocument[] }>();

function readFile(ctx: Context, path: string, from?: { file: string; span?: Span }): LoadedFile | undefined {
  const known = ctx.files.get(path);
  if (known) return known;
  const read = ctx.options.host.read ? ctx.options.host.read(path) : ((t) => (t === undefined ? { problem: 'missing' as const } : { text: t }))(ctx.options.host.readFile(path));
  if ('problem' in read) {
    const message =
      read.problem === 'missing' ? `open ${path}: no such file or directory` : read.problem === 'directory' ? `read ${path}: is a directory` : `${path} cannot be read (${read.problem})`;
    ctx.errors.push({ message, file: from?.file ?? path, span: from?.span, severity: 'error' });
    return undefined;
  }
  // The parse of an unchanged file is reused across resolutions (the loader never mutates it).
  const parsed = parsedFiles.get(path);
  const documents = parsed && parsed.text === read.text ? parsed.documents : readYamlSource(read.text);
  parsedFiles.delete(path);
  parsedFiles.set(path, { text: read.text, documents });
  if (parsedFiles.size > 256) parsedFiles.delete(parsedFiles.keys().next().value as string);
  const loaded: LoadedFile = { path, text: read.text, documents };
  ctx.files.set(path, loaded);
  return loaded;
}

/**
 * One file onto `model`: each document interpolated, its includes applied, resets removed from
 * `model`, extends resolved, then merged. Returns the new model. The preparation of a top-level
 * file's document is reused while nothing it read has changed (preparedCache.ts).
 */
function loadFile(ctx: Context, path: string, workingDir: string, lookup: Lookup, model: Mapping, included: string[], top: boolean, from?: { file: string; span?: Span }): Mapping {
  const file = readFile(ctx, path, from);
  if (!file) return model;
  for (let i = 0; i < file.documents.length; i++) {
    const doc = file.documents[i];
    for (const e of doc.errors) ctx.errors.push({ message: `failed to parse ${path}: ${e.message}`, file: path, span: e.span, severity: 'error' });
    if (doc.errors.length > 0) return model;
    if (doc.value === undefined || doc.value === null) continue;
    if (!isMapping(doc.value)) {
      ctx.errors.push({ message: 'top-level object must be a mapping', file: path, span: { start: 0, end: 0 }, severity: 'error' });
      continue;
    }
    const prepare = (c: Context, l: Lookup) => prepareDocument(c, file, doc, workingDir, l, [...included, path], top);
    const cfg = top ? preparedDocument(ctx, file, i, workingDir, lookup, prepare) : prepare(ctx, lookup);
    // the deferred origins read the documents merged so far: they are recorded before those change
    // (merging into them, resets; the unicity pass only when it drops an entry)
    const recordDeferred = () => (ctx.origins as Partial<OriginMap>).flush?.();
    if (Object.keys(model).length > 0) recordDeferred();
    // (include and extends never read `model`, so its resets can come after them)
    applyResets(model, doc.resetPaths.map((r) => r.path));
    try {
      model = enforceUnicity(mergeModels(model, cfg), [], recordDeferred) as Mapping;
    } catch (e) {
      if (!(e instanceof MergeError)) throw e;
      ctx.errors.push({ message: e.message, file: path, severity: 'error' });
    }
    if (top && 'version' in model) delete model.version;
  }
  return model;
}

/** One document interpolated, with its origins recorded, its includes applied and its extends resolved. */
function prepareDocument(ctx: Context, file: LoadedFile, doc: YamlSourceDocument, workingDir: string, lookup: Lookup, chain: string[], top: boolean): Mapping {
  const cfg = interpolate(ctx, doc.value, [], lookup, file, doc) as Mapping;
  // A top-level document that neither includes nor extends keeps `cfg` as it is until it is merged:
  // its origins can be recorded when first read (originMap.ts). Elsewhere `cfg` changes right below.
  const origins = ctx.origins;
  if (top && origins instanceof OriginMap && (cfg.include === undefined || cfg.include === null) && !extendsAny(cfg)) {
    origins.defer(() => recordOrigins(ctx, cfg, file, doc, undefined));
  } else recordOrigins(ctx, cfg, file, doc, undefined);
  applyInclude(ctx, cfg, workingDir, lookup, chain, doc, file);
  applyExtends(ctx, cfg, file.path, workingDir, lookup, doc.resetPaths.map((r) => r.path), file, doc);
  return cfg;
}

/** Whether a service of the document extends another one. */
function extendsAny(cfg: Mapping): boolean {
  const services = cfg.services;
  if (!isMapping(services)) return false;
  for (const name in services) {
    const service = services[name];
    if (isMapping(service) && service.extends !== undefined) return true;
  }
  return false;
}

function spanAt(doc: YamlSourceDocument, path: Path): Span | undefined {
  for (let n = path.length; n > 0; n--) {
    const s = doc.spans.get(pathKey(path.slice(0, n)));
    if (s) return s.value;
  }
  return undefined;
}

function keySpanAt(doc: YamlSourceDocument, path: Path): Span | undefined {
  return doc.spans.get(pathKey(path))?.key ?? spanAt(doc, path);
}

/** compose-go's path text: keys joined by dots, list items as `[]`. */
function goPath(path: Path): string {
  return path.map((p) => (typeof p === 'number' ? '[]' : p)).join('.');
}

function interpolate(ctx: Context, value: unknown, path: Path, lookup: Lookup, file: LoadedFile, doc: YamlSourceDocument): unknown {
  return interpolateAt(ctx, value, [...path], lookup, file, doc);
}

/**
 * `interpolate` with one path array for the whole walk, a segment pushed on the way down and popped
 * on the way back (nothing keeps it: casts, messages and spans read it at once). A copy per node was
 * ~10 MB of garbage on a 1000-service file (issue 16).
 */
function interpolateAt(ctx: Context, value: unknown, path: Path, lookup: Lookup, file: LoadedFile, doc: YamlSourceDocument): unknown {
  if (typeof value === 'string') {
    try {
      const result = substitute(value, lookup);
      try {
        return castValue(path, result);
      } catch (e) {
        if (!(e instanceof CastError)) throw e;
        const message = `error while interpolating ${goPath(path)}: failed to cast to expected type: ${e.message}`;
        ctx.errors.push({ message, file: file.path, span: spanAt(doc, path), severity: 'error' });
        return result;
      }
    } catch (e) {
      if (!(e instanceof TemplateError)) throw e;
      const message =
        e.kind === 'invalid'
          ? `invalid interpolation format for ${goPath(path)}.\nYou may need to escape any $ with another $.\n${e.subject}`
          : `error while interpolating ${goPath(path)}: ${e.message}`;
      ctx.errors.push({ message, file: file.path, span: spanAt(doc, path), severity: 'error' });
      return value;
    }
  }
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (let i = 0; i < value.length; i++) {
      path.push(i);
      out.push(interpolateAt(ctx, value[i], path, lookup, file, doc));
      path.pop();
    }
    return out;
  }
  if (isMapping(value)) {
    const out: Mapping = {};
    for (const k of Object.keys(value)) {
      path.push(k);
      out[k] = interpolateAt(ctx, value[k], path, lookup, file, doc);
      path.pop();
    }
    return out;
  }
  return value;
}

const SECTIONS = ['networks', 'volumes', 'secrets', 'configs', 'models'];

export { originKey } from './originKey';
import { originKey } from './originKey';

/** Attributes written as `KEY=VALUE` lists as well as mappings: their entries have origins by `KEY`. */
const KEY_VALUE_LISTS = new Set(['environment', 'labels', 'annotations', 'sysctls', 'args', 'extra_hosts']);

/** `KEY` of a `KEY=VALUE` entry (`extra_hosts` also uses `host:ip`). */
export function entryKey(item: string, attribute: string): string {
  const at = attribute === 'extra_hosts' ? item.search(/[=:]/) : item.indexOf('=');
  return at < 0 ? item : item.slice(0, at);
}

function recordOrigins(ctx: Context, cfg: Mapping, file: LoadedFile, doc: YamlSourceDocument, via: Origin['via']): void {
  const services = cfg.services;
  if (isMapping(services)) {
    for (const [name, service] of Object.entries(services)) {
      const serviceKey = originKey('services', name);
      ctx.origins.set(serviceKey, { file: file.path, span: keySpanOf(doc, serviceKey), via });
      if (!isMapping(service)) continue;
      for (const [attr, value] of Object.entries(service)) {
        const key = originKey(serviceKey, attr);
        ctx.origins.set(key, { file: file.path, span: keySpanOf(doc, key), via });
        recordNested(ctx, value, key, attr, file.path, doc, via);
        recordEntries(ctx, value, key, attr, file.path, doc, via);
      }
    }
  }
  for (const section of SECTIONS) {
    const entries = cfg[section];
    if (!isMapping(entries)) continue;
    for (const name of Object.keys(entries)) ctx.origins.set(originKey(section, name), { file: file.path, span: keySpanAt(doc, [section, name]), via });
  }
}

/**
 * keySpanAt by the path's key (origin keys and span keys are the same join): the key's span, else
 * the value span of the path or of its nearest recorded ancestor.
 */
function keySpanOf(doc: YamlSourceDocument, key: string): Span | undefined {
  const own = doc.spans.get(key);
  if (own) return own.key ?? own.value;
  for (let k = key, at = k.lastIndexOf('\u0001'); at >= 0; at = k.lastIndexOf('\u0001')) {
    k = k.slice(0, at);
    const s = doc.spans.get(k);
    if (s) return s.value;
  }
  return undefined;
}

/**
 * Origins of every key below a service attribute: mapping keys, and `KEY` of `KEY=VALUE` list
 * entries. `key` is the origin key of the value's path (also its span key), `last` its last segment.
 */
function recordNested(ctx: Context, value: unknown, key: string, last: string, file: string, doc: YamlSourceDocument, via: Origin['via']): void {
  if (isMapping(value)) {
    for (const [k, v] of Object.entries(value)) {
      const below = originKey(key, k);
      ctx.origins.set(below, { file, span: keySpanOf(doc, below), via });
      recordNested(ctx, v, below, k, file, doc, via);
    }
  } else if (Array.isArray(value) && KEY_VALUE_LISTS.has(last)) {
    value.forEach((item, i) => {
      if (typeof item === 'string') ctx.origins.set(originKey(key, entryKey(item, last)), { file, span: spanAtKey(doc, originKey(key, i)), via });
    });
  }
}

/** Origins of a service's ports/volumes/secrets/configs entries, by their merge key (listEntries.ts). */
function recordEntries(ctx: Context, value: unknown, key: string, attr: string, file: string, doc: YamlSourceDocument, via: Origin['via']): void {
  if (!Array.isArray(value) || !KEYED_LISTS.has(attr)) return;
  value.forEach((item, i) => {
    const span = spanAtKey(doc, originKey(key, i));
    for (const entry of writtenEntryKeys(attr, item)) ctx.origins.set(originKey(key, entry), { file, span, via });
  });
}

/** The ports/volumes/secrets/configs entries an extended service brings keep their own lines (unless this service writes the same key). */
function inheritEntryOrigins(ctx: Context, source: Mapping, service: Mapping, name: string, ref: string, sameFile: boolean, baseWhere: { file: { path: string }; doc: YamlSourceDocument }): void {
  for (const attr of KEYED_LISTS) {
    const list = source[attr];
    if (!Array.isArray(list)) continue;
    const own = new Set(Array.isArray(service[attr]) ? (service[attr] as unknown[]).flatMap((item) => writtenEntryKeys(attr, item)) : []);
    list.forEach((item, i) => {
      for (const entry of writtenEntryKeys(attr, item)) {
        if (own.has(entry)) continue;
        const origin = sameFile ? ctx.origins.get(originKey('services', ref, attr, entry)) : undefined;
        const span = origin?.span ?? spanAtKey(baseWhere.doc, originKey('services', ref, attr, i));
        ctx.origins.set(originKey('services', name, attr, entry), { file: origin?.file ?? baseWhere.file.path, span, via: 'extends' });
      }
    });
  }
}

/** spanAt by the path's key: the value span of the path or of its nearest recorded ancestor. */
function spanAtKey(doc: YamlSourceDocument, key: string): Span | undefined {
  for (let k = key; ; ) {
    const s = doc.spans.get(k);
    if (s) return s.value;
    const at = k.lastIndexOf('\u0001');
    if (at < 0) return undefined;
    k = k.slice(0, at);
  }
}

/** Whether a service value sets `path` (mapping keys; `KEY` of `KEY=VALUE` lists). */
function sets(value: unknown, path: Path): boolean {
  let v = value;
  for (let i = 0; i < path.length; i++) {
    const k = String(path[i]);
    if (isMapping(v)) {
      if (!(k in v)) return false;
      v = v[k];
    } else if (Array.isArray(v) && i > 0 && KEY_VALUE_LISTS.has(String(path[i - 1]))) {
      return v.some((item) => typeof item === 'string' && entryKey(item, String(path[i - 1])) === k);
    } else return false;
  }
  return true;
}

/** Every origin path below a value (mapping keys, `KEY`s of `KEY=VALUE` lists), relative to it. */
function nestedPaths(value: unknown, path: Path, out: Path[] = []): Path[] {
  if (isMapping(value)) {
    for (const [k, v] of Object.entries(value)) {
      out.push([...path, k]);
      nestedPaths(v, [...path, k], out);
    }
  } else if (Array.isArray(value) && path.length > 0 && KEY_VALUE_LISTS.has(String(path[path.length - 1]))) {
    for (const item of value) if (typeof item === 'string') out.push([...path, entryKey(item, String(path[path.length - 1]))]);
  }
  return out;
}

// ---- include ----

function asList(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  return [];
}

function applyInclude(ctx: Context, cfg: Mapping, workingDir: string, lookup: Lookup, chain: string[], doc: YamlSourceDocument, file: LoadedFile): void {
  const include = cfg.include;
  delete cfg.include;
  if (include === undefined || include === null) return;
  if (!Array.isArray(include)) {
    ctx.errors.push({ message: `\`include\` must be a list, got ${String(include)}`, file: file.path, span: spanAt(doc, ['include']), severity: 'error' });
    return;
  }
  include.forEach((entry, i) => {
    const at = { file: file.path, span: spanAt(doc, ['include', i]) };
    const config = typeof entry === 'string' ? { path: entry } : isMapping(entry) ? entry : undefined;
    if (!config) return;
    const paths = asList(config.path).map((p) => posix.resolve(workingDir, p));
    if (paths.length === 0) return;
    const projectDirectory = typeof config.project_directory === 'string' ? posix.resolve(workingDir, config.project_directory) : posix.dirname(paths[0]);
    if (chain.includes(paths[0])) {
      const cycle = [...chain, paths[0]];
      ctx.errors.push({ message: `include cycle detected:\n${cycle[0]}\n include ${cycle.slice(1).join('\n include ')}`, ...at, severity: 'error' });
      return;
    }
    // the included model sees the parent's environment, completed by its own env files
    let envFiles = asList(config.env_file).filter((f) => f !== '/dev/null').map((f) => posix.resolve(workingDir, f));
    if (envFiles.length === 0) {
      const dotenv = posix.join(projectDirectory, '.env');
      const r = ctx.options.host.read?.(dotenv);
      if (r ? 'text' in r : ctx.options.host.readFile(dotenv) !== undefined) envFiles = [dotenv];
    }
    const own = new Map<string, string>();
    for (const envFile of envFiles) {
      const text = ctx.options.host.readFile(envFile);
      if (text === undefined) {
        ctx.errors.push({ message: `couldn't find env file: ${envFile}`, ...at, severity: 'error' });
        continue;
      }
      try {
        parseDotenv(text, (k) => lookup(k) ?? own.get(k), own);
      } catch (e) {
        ctx.errors.push({ message: `failed to read ${envFile}: ${(e as Error).message}`, ...at, severity: 'error' });
      }
    }
    const childLookup: Lookup = (name) => lookup(name) ?? own.get(name);
    let imported: Mapping = {};
    for (const p of paths) imported = loadFile(ctx, p, projectDirectory, childLookup, imported, chain, false, at);
    resolveRelativePaths(imported, projectDirectory);
    for (const section of ['services', ...SECTIONS]) {
      const from = imported[section];
      if (!isMapping(from)) continue;
      const to = isMapping(cfg[section]) ? (cfg[section] as Mapping) : {};
      for (const [name, value] of Object.entries(from)) {
        if (!(name in to)) to[name] = value;
        else {
          applyResets({ [section]: { [name]: value } }, doc.resetPaths.map((r) => r.path));
          try {
            to[name] = mergeModels({ [section]: { [name]: value } }, { [section]: { [name]: to[name] } })[section] as Mapping;
            to[name] = (to[name] as Mapping)[name];
          } catch (e) {
            ctx.errors.push({ message: (e as Error).message, ...at, severity: 'error' });
          }
        }
      }
      cfg[section] = to;
    }
  });
}

// ---- extends ----

function applyExtends(ctx: Context, cfg: Mapping, path: string, workingDir: string, lookup: Lookup, resets: Path[], file: LoadedFile, doc: YamlSourceDocument): void {
  const services = cfg.services;
  if (services === undefined) return;
  if (!isMapping(services)) {
    ctx.errors.push({ message: 'services must be a mapping', file: path, span: spanAt(doc, ['services']), severity: 'error' });
    return;
  }
  for (const name of Object.keys(services)) {
    const merged = extendService(ctx, name, services, path, workingDir, lookup, resets, [], { file, doc });
    if (merged !== undefined) services[name] = merged;
  }
}

interface ServiceRef {
  file: string;
  service: string;
}

function extendService(
  ctx: Context,
  name: string,
  services: Mapping,
  filename: string,
  workingDir: string,
  lookup: Lookup,
  resets: Path[],
  chain: ServiceRef[],
  where: { file: LoadedFile; doc: YamlSourceDocument },
): unknown {
  const service = services[name];
  if (service === null || service === undefined) return service;
  if (!isMapping(service)) {
    ctx.errors.push({ message: `services.${name} must be a mapping`, file: where.file.path, span: spanAt(where.doc, ['services', name]), severity: 'error' });
    return service;
  }
  const extendsValue = service.extends;
  if (extendsValue === undefined) return service;
  const at = { file: where.file.path, span: spanAt(where.doc, ['services', name, 'extends']) };
  let ref: string | undefined;
  let refFile: string | undefined;
  if (typeof extendsValue === 'string') ref = extendsValue;
  else if (isMapping(extendsValue)) {
    if (typeof extendsValue.service !== 'string') {
      ctx.errors.push({ message: `extends.${name}.service is required`, ...at, severity: 'error' });
      return service;
    }
    ref = extendsValue.service;
    if (typeof extendsValue.file === 'string') refFile = extendsValue.file;
  }
  if (!ref) return service;
  let baseServices = services;
  let baseFilename = filename;
  let baseWhere = where;
  let baseWorkingDir = workingDir;
  if (refFile !== undefined) {
    const abs = posix.resolve(workingDir, refFile);
    const loaded = readFile(ctx, abs, at);
    if (!loaded) return service;
    const doc = loaded.documents[0];
    if (!doc || doc.errors.length > 0 || !isMapping(doc.value)) {
      if (doc) for (const e of doc.errors) ctx.errors.push({ message: `failed to parse ${abs}: ${e.message}`, file: abs, span: e.span, severity: 'error' });
      return service;
    }
    // each extended file is interpolated once per load; services are cloned from it when used
    let shared = ctx.extendsSources.get(abs);
    if (!shared) {
      shared = interpolate(ctx, doc.value, [], lookup, loaded, doc) as Mapping;
      resolveRelativePaths(shared, posix.dirname(abs));
      ctx.extendsSources.set(abs, shared);
    }
    const source: Mapping = { ...shared, services: isMapping(shared.services) ? { ...shared.services } : shared.services };
    if (!isMapping(source.services)) {
      ctx.errors.push({ message: `cannot extend service "${name}" in ${abs}: no services section`, ...at, severity: 'error' });
      return service;
    }
    if (!(ref in source.services)) {
      ctx.errors.push({ message: `cannot extend service "${name}" in ${filename}: service "${ref}" not found in ${refFile}`, ...at, severity: 'error' });
      return service;
    }
    baseWorkingDir = posix.dirname(abs);
    if (isMapping(source.services)) source.services[ref] = structuredClone(source.services[ref]);
    baseServices = source.services;
    baseFilename = refFile;
    baseWhere = { file: loaded, doc };
  } else if (!(ref in services)) {
    ctx.errors.push({ message: `cannot extend service "${name}" in ${filename}: service "${ref}" not found`, ...at, severity: 'error' });
    return service;
  }
  const me = { file: baseFilename, service: name };
  const here: ServiceRef = { file: filename, service: name };
  if (chain.some((c) => c.file === here.file && c.service === here.service)) {
    const lines = ['Circular reference:', `  ${chain[0].service} in ${chain[0].file}`, ...[...chain.slice(1), here].map((c) => `  extends ${c.service} in ${c.file}`)];
    ctx.errors.push({ message: lines.join('\n'), ...at, severity: 'error' });
    return undefined;
  }
  void me;
  const base = extendService(ctx, ref, baseServices, baseFilename, baseWorkingDir, lookup, resets, [...chain, here], baseWhere);
  if (base === undefined) return undefined;
  if (base === null) return service;
  const source = structuredClone(base) as Mapping;
  applyResets({ services: { [name]: source } }, resets);
  // what the extended service brings (and this one does not set) comes from there
  for (const path of nestedPaths(source, [])) {
    if (sets(service, path)) continue;
    const origin = refFile === undefined ? ctx.origins.get(originKey('services', ref, ...path)) : undefined;
    const span = origin?.span ?? keySpanAt(baseWhere.doc, ['services', ref, ...path]);
    ctx.origins.set(originKey('services', name, ...path), { file: origin?.file ?? baseWhere.file.path, span, via: 'extends' });
  }
  inheritEntryOrigins(ctx, source, service, name, ref, refFile === undefined, baseWhere);
  let merged: Mapping;
  try {
    merged = mergeModels({ services: { x: source } }, { services: { x: service } }).services as Mapping;
    merged = merged.x as Mapping;
  } catch (e) {
    ctx.errors.push({ message: (e as Error).message, ...at, severity: 'error' });
    return service;
  }
  delete merged.extends;
  services[name] = merged;
  return merged;
}

// ---- relative paths ----

const isRemote = (p: string) => /^(?:https?:\/\/|git@|git:\/\/|github\.com\/|ssh:\/\/)|\.git(?:#|$)/.test(p);

function rebase(dir: string, p: unknown): unknown {
  if (typeof p !== 'string' || p === '' || isRemote(p)) return p;
  if (p.startsWith('~') || posix.isAbsolute(p)) return p;
  return posix.resolve(dir, p);
}

/** Rebases the relative paths of a model loaded from another folder (build contexts, env files, bind sources). */
export function resolveRelativePaths(model: Mapping, dir: string): void {
  const services = model.services;
  if (!isMapping(services)) return;
  for (const service of Object.values(services)) {
    if (!isMapping(service)) continue;
    if (typeof service.build === 'string') service.build = { context: rebase(dir, service.build) };
    else if (isMapping(service.build) && service.build.context !== undefined) service.build.context = rebase(dir, service.build.context);
    if (typeof service.env_file === 'string') service.env_file = rebase(dir, service.env_file);
    else if (Array.isArray(service.env_file)) {
      service.env_file = service.env_file.map((e) => (isMapping(e) ? { ...e, path: rebase(dir, e.path) } : rebase(dir, e)));
    }
    if (isMapping(service.extends) && typeof service.extends.file === 'string') service.extends.file = rebase(dir, service.extends.file);
    if (Array.isArray(service.volumes)) {
      service.volumes = service.volumes.map((v) => {
        if (typeof v === 'string') {
          const parts = splitVolume(v);
          if (parts.length > 1 && (parts[0].startsWith('.') || parts[0].startsWith('/'))) parts[0] = rebase(dir, parts[0]) as string;
          return parts.join(':');
        }
        if (isMapping(v) && v.type === 'bind' && typeof v.source === 'string') return { ...v, source: rebase(dir, v.source) };
        return v;
      });
    }
  }
}
