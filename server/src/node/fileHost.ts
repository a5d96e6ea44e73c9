// File access for services that follow links between files (a Compose file's Dockerfile,
// a Dockerfile's .dockerignore). Open editor buffers win over the disk.
import { existsSync, readFileSync, statSync } from 'node:fs';

export interface FileHost {
  readFile(absPath: string): string | undefined;
  exists(absPath: string): boolean;
}

/** Absolute path of a `file:` URI; undefined for other schemes. */
export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return decodeURIComponent(new URL(uri).pathname);
  } catch {
    return undefined;
  }
}

const MAX_FILE_BYTES = 5 * 1024 * 1024;

export function createFileHost(openText: (absPath: string) => string | undefined): FileHost {
  return {
    readFile(absPath) {
      const open = openText(absPath);
      if (open !== undefined) return open;
      try {
        if (statSync(absPath).size > MAX_FILE_BYTES) return undefined;
        return readFileSync(absPath, 'utf8');
      } catch {
        return undefined;
      }
    },
    exists(absPath) {
      return openText(absPath) !== undefined || existsSync(absPath);
    },
  };
}
