// In-memory files for project tests.
import * as posix from 'node:path/posix';
import type { FileHost } from '../../server/src/common/files';

/** A FileHost over in-memory files (folders exist when a file is inside). */
export function memoryHost(files: Record<string, string>, root: string): FileHost {
  const abs = new Map(Object.entries(files).map(([p, t]) => [posix.join(root, p), t]));
  return {
    readFile: (p) => abs.get(p),
    exists: (p) => abs.has(p) || [...abs.keys()].some((k) => k.startsWith(p + '/')),
    read: (p) => (abs.has(p) ? { text: abs.get(p)! } : [...abs.keys()].some((k) => k.startsWith(p + '/')) ? { problem: 'directory' } : { problem: 'missing' }),
  };
}
