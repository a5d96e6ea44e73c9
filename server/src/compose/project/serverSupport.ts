// Small helpers the server needs around Compose projects: the files to watch, the Dockerfiles a
// project builds (its diagnostics depend on them), the opt-in process environment, and
// `docklens.rules` applied to Compose diagnostics with the Dockerfile rules' vocabulary.
import * as posix from 'node:path/posix';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { ProjectContext } from './projectContext';

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
