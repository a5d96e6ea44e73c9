// Finds the `.hadolint.yaml` that applies to a Dockerfile, for the server and the CLI: the file
// `HADOLINT_CONFIG` names, else `.hadolint.yaml`/`.hadolint.yml` in the Dockerfile's folder or the
// nearest folder above it, up to `stopAt` (the workspace folder in the editor). Read through the
// bounded file access like every side file.
import * as nodePath from 'node:path';
import type { FileHost } from '../common/files';
import { hadolintConfigCandidates, parseHadolintConfig, type HadolintConfig } from '../dockerfile/services/diagnostics/hadolintConfig';

export interface FoundHadolintConfig {
  path: string;
  config: HadolintConfig;
}

const parsed = new Map<string, { text: string; config: HadolintConfig }>();

function load(path: string, host: Pick<FileHost, 'readFile'>): FoundHadolintConfig | undefined {
  const text = host.readFile(path);
  if (text === undefined) return undefined;
  const cached = parsed.get(path);
  if (cached?.text === text) return { path, config: cached.config };
  const config = parseHadolintConfig(text);
  if (parsed.size > 32) parsed.clear();
  parsed.set(path, { text, config });
  return { path, config };
}

export function findHadolintConfig(
  dockerfilePath: string,
  host: Pick<FileHost, 'readFile'>,
  options: { stopAt?: string; envPath?: string } = {},
): FoundHadolintConfig | undefined {
  if (options.envPath) return load(nodePath.resolve(options.envPath), host);
  const dir = nodePath.dirname(dockerfilePath);
  // Outside `stopAt`, only the Dockerfile's own folder is looked at.
  const inside = options.stopAt !== undefined && (dir === options.stopAt || dir.startsWith(options.stopAt.endsWith(nodePath.sep) ? options.stopAt : options.stopAt + nodePath.sep));
  const stopAt = options.stopAt === undefined ? undefined : inside ? options.stopAt : dir;
  for (const candidate of hadolintConfigCandidates(dir, stopAt, nodePath.join, nodePath.dirname)) {
    const found = load(candidate, host);
    if (found) return found;
  }
  return undefined;
}
