// Compose project cases for tests (test/fixtures/compose-project/projects.json, canonical.json):
// their files in memory and the project resolved from them.
import * as posix from 'node:path/posix';
import type { FileHost } from '../../server/src/common/files';
import { discoverProject } from '../../server/src/compose/project/discovery';
import { resolveProject, type ResolvedProject } from '../../server/src/compose/project/projects';

export interface ProjectCase {
  from: string;
  files: Record<string, string>;
  compose?: string[];
  shell?: Record<string, string>;
  profiles?: string[];
  projectDirectory?: string;
  expect?: Record<string, unknown>;
  absent?: string[];
  error?: string;
  /** The whole `compose config --format json` text (`$` doubled), when order and omissions matter. */
  json?: string;
  /** The whole `compose config` YAML text. */
  yaml?: string;
}

/** The case's project (its first Compose file's), with its files at `root` (or other texts for them). */
export function resolveCase(c: ProjectCase, root: string, files: Record<string, string> = c.files): ResolvedProject {
  const host = memoryHost(files, root);
  const first = posix.join(root, c.compose?.[0] ?? 'compose.yaml');
  const spec = discoverProject(first, host, c.compose ? { projects: [{ files: c.compose, profiles: c.profiles, projectDirectory: c.projectDirectory }], base: root } : {});
  if (c.profiles && !c.compose) spec.profiles = c.profiles;
  return resolveProject(spec, host, { shell: c.shell ? new Map(Object.entries(c.shell)) : undefined });
}

/** A FileHost over in-memory files (folders exist when a file is inside). */
export function memoryHost(files: Record<string, string>, root: string): FileHost {
  const abs = new Map(Object.entries(files).map(([p, t]) => [posix.join(root, p), t]));
  return {
    readFile: (p) => abs.get(p),
    exists: (p) => abs.has(p) || [...abs.keys()].some((k) => k.startsWith(p + '/')),
    read: (p) => (abs.has(p) ? { text: abs.get(p)! } : [...abs.keys()].some((k) => k.startsWith(p + '/')) ? { problem: 'directory' } : { problem: 'missing' }),
  };
}
