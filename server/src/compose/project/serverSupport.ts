// Small helpers the server needs around Compose projects: the files to watch, the Dockerfiles a
// project builds (its diagnostics depend on them), the opt-in process environment, and
// `docklens.rules` applied to Compose diagnostics with the Dockerfile rules' vocabulary, and the
// diagnostics of the project's env files.
import * as posix from 'node:path/posix';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { LineIndex } from '../../common/lineIndex';
import type { ProjectContext } from './projectContext';
import { DEFAULT_FILES } from './discovery';

/** Globs the client watches: env files, Compose files, Dockerfiles, .dockerignore files. */
export const WATCHED_FILES = [
  '**/.env',
  '**/*.env',
  '**/{compose,docker-compose}*.{yml,yaml}',
  '**/{Dockerfile,Containerfile,dockerfile,containerfile}',
  '**/{Dockerfile,Containerfile}.*',
  '**/*.{Dockerfile,dockerfile,Containerfile,containerfile}',
  '**/.dockerignore',
  '**/*.dockerignore',
];

const isMapping = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** Absolute Dockerfile paths (and their .dockerignore files) of the services the project builds. */
export function buildFiles(ctx: ProjectContext): string[] {
  const out: string[] = [];
  const services = ctx.resolved.canonical.services;
  if (!isMapping(services)) return out;
  for (const s of Object.values(services)) {
    const build = isMapping(s) && isMapping(s.build) ? s.build : undefined;
    if (!build || typeof build.context !== 'string' || !posix.isAbsolute(build.context) || typeof build.dockerfile !== 'string') continue;
    const dockerfile = posix.resolve(build.context, build.dockerfile);
    out.push(dockerfile, `${dockerfile}.dockerignore`, posix.join(build.context, '.dockerignore'));
  }
  return out;
}

/**
 * The `build.args` the project passes to the Dockerfile at `dockerfilePath` (the first service that
 * builds it), interpolated as docker compose does; args without a value (taken from the shell at
 * build time) are left out. Undefined when no service builds that Dockerfile.
 */
export function buildArgsFor(ctx: ProjectContext, dockerfilePath: string): Record<string, string> | undefined {
  const services = ctx.resolved.canonical.services;
  if (!isMapping(services)) return undefined;
  for (const [name, s] of Object.entries(services)) {
    const build = isMapping(s) && isMapping(s.build) ? s.build : undefined;
    if (!build || typeof build.context !== 'string' || !posix.isAbsolute(build.context) || typeof build.dockerfile !== 'string') continue;
    if (posix.resolve(build.context, build.dockerfile) !== dockerfilePath) continue;
    // `- NAME` in the list form has no value here (the canonical form writes it as empty).
    const merged = ctx.resolved.loaded.model.services;
    const raw = isMapping(merged) && isMapping(merged[name]) && isMapping(merged[name].build) ? merged[name].build.args : undefined;
    const bare = new Set(Array.isArray(raw) ? raw.map(String).filter((a) => !a.includes('=')) : []);
    const args: Record<string, string> = {};
    if (isMapping(build.args)) for (const [k, v] of Object.entries(build.args)) if (typeof v === 'string' && !bare.has(k)) args[k] = v;
    return args;
  }
  return undefined;
}

/**
 * Build args per Dockerfile, reused while the state they were computed from (open documents and
 * their versions, settings, a count of file-system changes) is the same: a keystroke in a
 * Dockerfile does not look for and resolve Compose projects again.
 */
export class BuildArgsCache {
  private readonly entries = new Map<string, { state: string; args: Record<string, string> }>();

  get(dockerfilePath: string, state: string, compute: () => Record<string, string>): Record<string, string> {
    const known = this.entries.get(dockerfilePath);
    if (known && known.state === state) return known.args;
    const args = compute();
    this.entries.delete(dockerfilePath);
    this.entries.set(dockerfilePath, { state, args });
    if (this.entries.size > 256) this.entries.delete(this.entries.keys().next().value as string);
    return args;
  }
}

/**
 * Compose files docker compose would find by default (compose.yaml, docker-compose.yml, …) in the
 * Dockerfile's folder and the folders above it, up to `stopAt` (the workspace folder) or at most
 * `levels` folders up: the projects that may build that Dockerfile although no Compose file is open.
 */
export function composeFilesAbove(dockerfilePath: string, isFile: (path: string) => boolean, stopAt?: string, levels = 4): string[] {
  const out: string[] = [];
  let dir = posix.dirname(dockerfilePath);
  for (let i = 0; i <= levels; i++) {
    for (const name of DEFAULT_FILES) {
      const path = posix.join(dir, name);
      if (isFile(path)) {
        out.push(path);
        break; // docker compose takes the first of the default names
      }
    }
    const parent = posix.dirname(dir);
    if (dir === stopAt || parent === dir || (stopAt !== undefined && !parent.startsWith(stopAt))) break;
    dir = parent;
  }
  return out;
}

let processEnv: Map<string, string> | undefined;
/** The server's own environment, read once (only when docklens.compose.useProcessEnvironment is on). */
export function processEnvironment(): Map<string, string> {
  processEnv ??= new Map(Object.entries(process.env).filter((e): e is [string, string] => typeof e[1] === 'string'));
  return processEnv;
}

const SEVERITY: Record<string, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** `docklens.rules` for Compose codes: `off` drops the diagnostic, a severity replaces its own. */
export function withRuleSeverities(diagnostics: Diagnostic[], rules: Record<string, string>): Diagnostic[] {
  if (Object.keys(rules).length === 0) return diagnostics;
  const out: Diagnostic[] = [];
  for (const d of diagnostics) {
    const setting = typeof d.code === 'string' ? rules[d.code] : undefined;
    if (setting === 'off') continue;
    out.push(setting && SEVERITY[setting] ? { ...d, severity: SEVERITY[setting] } : d);
  }
  return out;
}

/**
 * Diagnostics for the project's env files, by absolute path (an empty list for a file without
 * errors, so an earlier publish is cleared): their syntax errors on their own lines, in compose-go's
 * words without the `failed to read <file>: ` the Compose document's message starts with.
 */
export function envFileDiagnostics(ctx: ProjectContext): Map<string, Diagnostic[]> {
  const out = new Map<string, Diagnostic[]>();
  for (const file of ctx.resolved.spec.envFiles) out.set(file, []);
  for (const e of ctx.resolved.loadErrors) {
    const text = e.file ? ctx.resolved.envTexts?.get(e.file) : undefined;
    if (!e.file || !e.span || text === undefined || !out.has(e.file)) continue;
    const prefix = `failed to read ${e.file}: `;
    out.get(e.file)!.push({
      range: new LineIndex(text).rangeOf(e.span),
      severity: DiagnosticSeverity.Error,
      source: 'docklens',
      code: 'EnvFileError',
      message: e.message.startsWith(prefix) ? e.message.slice(prefix.length) : e.message,
    });
  }
  return out;
}
