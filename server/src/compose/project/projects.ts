// A resolved Compose project: the project environment (env files, and the shell only when the
// caller passes one), the merged model, its canonical form, the name and active profiles, and every
// error compose would stop on. Files are read only through the FileHost (the server's host lets
// open editor buffers win over the disk and bounds every read).
import * as posix from 'node:path/posix';
import type { FileHost } from '../../common/files';
import type { Span } from '../model';
import { DotenvError, parseDotenv, startsWithDigit } from './dotenv';
import { TemplateError } from './template';
import { loadModel, type LoadedModel, type ProjectError } from './loader';
import { canonicalProject } from './canonical';
import { recordDeferredOrigins } from './originMap';
import type { DerivedOrigin } from './originKey';
import type { ProjectSpec } from './discovery';

export interface EnvValue {
  value: string;
  source: 'shell' | 'env-file';
  /** The env file and the zero-based line of the definition (for `env-file`). */
  file?: string;
  line?: number;
  keySpan?: Span;
}

export interface ResolvedProject {
  spec: ProjectSpec;
  environment: Map<string, EnvValue>;
  name: string;
  profiles: string[];
  loaded: LoadedModel;
  /** Shaped like `docker compose config --format json` (before `$` doubling). */
  canonical: Record<string, unknown>;
  /** Environment, file and resolution errors (the first is the one compose would print). */
  errors: ProjectError[];
  /**
   * The errors found before the canonical form (environment, files, loading): without forcing it.
   * The canonical form's own errors name no file, so the readers of errors within files use these.
   */
  loadErrors: readonly ProjectError[];
  /** The texts of the env files read (for positions of their errors). */
  envTexts?: Map<string, string>;
  /** Where values the canonical form derived came from (env_file keys, implied dependencies), by origin key. */
  derivedOrigins?: Map<string, DerivedOrigin>;
}

export interface ResolveOptions {
  /** The shell environment; the editor passes none unless the user opted in. */
  shell?: ReadonlyMap<string, string>;
}

/** The project environment: shell first, then env files in order (a later file wins over an earlier one). */
export function projectEnvironment(
  spec: ProjectSpec,
  host: FileHost,
  shell: ReadonlyMap<string, string> | undefined,
  errors: ProjectError[],
  texts?: Map<string, string>,
): Map<string, EnvValue> {
  const env = new Map<string, EnvValue>();
  const fromFiles = new Map<string, string>();
  for (const file of spec.envFiles) {
    const read = host.read ? host.read(file) : ((t) => (t === undefined ? { problem: 'missing' as const } : { text: t }))(host.readFile(file));
    if ('problem' in read) {
      errors.push({ message: read.problem === 'directory' ? `${file} is a directory` : `couldn't find env file: ${file}`, file, severity: 'error' });
      continue;
    }
    texts?.set(file, read.text);
    try {
      const parsed = parseDotenv(read.text, (k) => shell?.get(k) ?? fromFiles.get(k), fromFiles);
      for (const entry of parsed.entries) {
        if (startsWithDigit(entry.key)) continue;
        env.set(entry.key, { value: entry.value, source: 'env-file', file, line: entry.line, keySpan: { start: entry.keyStart, end: entry.keyEnd } });
      }
    } catch (e) {
      const message = e instanceof TemplateError ? e.message : (e as Error).message;
      const line = e instanceof TemplateError || e instanceof DotenvError ? e.line : undefined;
      errors.push({ message: `failed to read ${file}: ${message}`, file, span: line !== undefined ? lineSpan(read.text, line) : undefined, severity: 'error' });
    }
  }
  if (shell) for (const [k, v] of shell) env.set(k, { value: v, source: 'shell' });
  return env;
}

/** The span of a zero-based line (without its line break). */
function lineSpan(text: string, line: number): Span {
  let start = 0;
  for (let i = 0; i < line; i++) {
    const nl = text.indexOf('\n', start);
    if (nl < 0) return { start: text.length, end: text.length };
    start = nl + 1;
  }
  let end = text.indexOf('\n', start);
  if (end < 0) end = text.length;
  if (text[end - 1] === '\r') end--;
  return { start, end: Math.max(start, end) };
}

/** Lower-case letters, digits, `-` and `_`, not starting with `-` or `_` (compose's project name rule). */
export function normalizeProjectName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9_-]/g, '').replace(/^[_-]+/, '');
}

export function resolveProject(spec: ProjectSpec, host: FileHost, options: ResolveOptions = {}): ResolvedProject {
  const errors: ProjectError[] = [];
  const envTexts = new Map<string, string>();
  const environment = projectEnvironment(spec, host, options.shell, errors, envTexts);
  const values = new Map([...environment].map(([k, v]) => [k, v.value]));
  const loaded = loadModel({ files: spec.files, projectDir: spec.projectDir, environment: values, host });
  errors.push(...loaded.errors);
  const profiles = spec.profiles ?? (values.get('COMPOSE_PROFILES') ?? '').split(',').map((p) => p.trim()).filter(Boolean);
  const declaredName = typeof loaded.model.name === 'string' && loaded.model.name ? loaded.model.name : undefined;
  const name = normalizeProjectName(spec.name || values.get('COMPOSE_PROJECT_NAME') || declaredName || posix.basename(spec.projectDir)) || 'default';
  const loadErrors = [...errors];
  // The canonical form is made when first read (hovers, build files, `compose config`): the checks of
  // an open document do not need it (a 1000-service file's first open spent ~60 ms on it).
  let canonical: Record<string, unknown> | undefined;
  const derivedOrigins = new Map<string, DerivedOrigin>();
  const made = () => {
    canonical ??= canonicalProject(loaded.model, { name, projectDir: spec.projectDir, environment: values, profiles, errors, readFile: (p) => host.readFile(p), derived: derivedOrigins });
    return canonical;
  };
  return {
    spec,
    environment,
    name,
    profiles,
    loaded,
    envTexts,
    loadErrors,
    get canonical() {
      return made();
    },
    get errors() {
      made();
      return errors;
    },
    get derivedOrigins() {
      made();
      return derivedOrigins;
    },
  };
}

/**
 * Makes what the project left to be made when first read (its origins, with the spans they read,
 * and its canonical form): the server calls it in idle time after a Compose document's
 * diagnostics, so a hover does not wait.
 */
export function completeDeferred(project: ResolvedProject): void {
  recordDeferredOrigins(project.loaded.origins);
  void project.canonical;
}
