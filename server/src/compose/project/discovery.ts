// Which files `docker compose` would load together with a given Compose file, and with which
// environment: an explicit project from the `docklens.compose.projects` setting, else COMPOSE_FILE
// from the folder's `.env`, else the default pair (compose.yaml + compose.override.yaml, …), and an
// override file (`compose.*.yaml`, `docker-compose.*.yml`) is read as `-f <main> -f <override>`.
import * as posix from 'node:path/posix';
import type { FileHost } from '../../common/files';
import { parseDotenv } from './dotenv';

export const DEFAULT_FILES = ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml'];
export const DEFAULT_OVERRIDES = ['compose.override.yml', 'compose.override.yaml', 'docker-compose.override.yml', 'docker-compose.override.yaml'];

/** One entry of `docklens.compose.projects`: like `docker compose -f … --env-file … --profile …`. */
export interface ProjectSetting {
  files: string[];
  envFiles?: string[];
  projectDirectory?: string;
  profiles?: string[];
  name?: string;
}

export interface ProjectSpec {
  /** Absolute Compose files in load order. */
  files: string[];
  projectDir: string;
  /** Absolute env files; when `explicitEnvFiles` is false this is `<projectDir>/.env` if it is a file. */
  envFiles: string[];
  explicitEnvFiles: boolean;
  /** Profiles from the setting (else COMPOSE_PROFILES is read from the environment later). */
  profiles?: string[];
  /** Name from the setting (else COMPOSE_PROJECT_NAME, `name:`, folder name). */
  name?: string;
  /** How the files were chosen, for the resolved view and hovers. */
  reason: 'setting' | 'COMPOSE_FILE' | 'default' | 'override' | 'alone';
}

export interface DiscoveryOptions {
  /** Entries of docklens.compose.projects; relative paths resolve against `base`. */
  projects?: ProjectSetting[];
  base?: string;
}

function isFile(host: FileHost, path: string): boolean {
  if (host.read) return 'text' in host.read(path);
  return host.readFile(path) !== undefined;
}

const OVERRIDE_NAME = /^(?:docker-)?compose\.[^/]+\.ya?ml$/;

/** The project a Compose file belongs to (an absolute POSIX path). */
export function discoverProject(docPath: string, host: FileHost, options: DiscoveryOptions = {}): ProjectSpec {
  const base = options.base ?? posix.dirname(docPath);
  for (const p of options.projects ?? []) {
    if (!p || !Array.isArray(p.files) || p.files.length === 0) continue;
    const files = p.files.filter((f) => typeof f === 'string').map((f) => posix.resolve(base, f));
    if (!files.includes(docPath)) continue;
    const projectDir = p.projectDirectory ? posix.resolve(base, p.projectDirectory) : posix.dirname(files[0]);
    const envFiles = (p.envFiles ?? []).map((f) => posix.resolve(base, f));
    return withEnvFiles(host, { files, projectDir, envFiles, explicitEnvFiles: envFiles.length > 0, profiles: p.profiles, name: p.name, reason: 'setting' });
  }
  const dir = posix.dirname(docPath);
  const dotenvPath = posix.join(dir, '.env');
  const dotenvText = host.readFile(dotenvPath);
  if (dotenvText !== undefined) {
    let values: Map<string, string> | undefined;
    try {
      values = parseDotenv(dotenvText).values;
    } catch {
      values = undefined;
    }
    const composeFile = values?.get('COMPOSE_FILE');
    if (composeFile) {
      const sep = values?.get('COMPOSE_PATH_SEPARATOR') || ':';
      const files = composeFile.split(sep).filter(Boolean).map((f) => posix.resolve(dir, f));
      if (files.includes(docPath)) return withEnvFiles(host, { files, projectDir: posix.dirname(files[0]), envFiles: [], explicitEnvFiles: false, reason: 'COMPOSE_FILE' });
    }
  }
  const main = DEFAULT_FILES.map((f) => posix.join(dir, f)).find((f) => f === docPath || isFile(host, f));
  const override = DEFAULT_OVERRIDES.map((f) => posix.join(dir, f)).find((f) => f === docPath || isFile(host, f));
  let files: string[];
  let reason: ProjectSpec['reason'];
  if (main && (docPath === main || docPath === override)) {
    files = override ? [main, override] : [main];
    reason = 'default';
  } else if (main && OVERRIDE_NAME.test(posix.basename(docPath))) {
    files = [main, docPath];
    reason = 'override';
  } else {
    files = [docPath];
    reason = 'alone';
  }
  return withEnvFiles(host, { files, projectDir: dir, envFiles: [], explicitEnvFiles: false, reason });
}

function withEnvFiles(host: FileHost, spec: ProjectSpec): ProjectSpec {
  if (!spec.explicitEnvFiles) {
    const dotenv = posix.join(spec.projectDir, '.env');
    spec.envFiles = isFile(host, dotenv) ? [dotenv] : [];
  }
  return spec;
}
