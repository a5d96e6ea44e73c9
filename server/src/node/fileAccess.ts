// The one place that reads side files from disk, for the server and the CLI alike. A repository is
// untrusted input, so every read is bounded:
// - links are resolved first and the real path is what gets checked and opened (O_NOFOLLOW), so a
//   link cannot smuggle a device or an outside file past the checks;
// - the descriptor is opened non-blocking and `fstat`ed: only regular files are read (a FIFO would
//   block the server forever, /dev/zero never ends), and only up to the size limit;
// - /proc and /sys are never read (their files claim size 0 and can be endless or secret);
// - when confined (Restricted Mode), nothing outside the allowed folders is read or even looked at,
//   and the answer is the same whether the path exists or not;
// - a small cache keyed by real path + mtime + size avoids re-reading unchanged files per keystroke.
import { closeSync, constants, existsSync, fstatSync, openSync, readSync, realpathSync, statSync } from 'node:fs';
import * as nodePath from 'node:path';
import { looksBinary, type FileHost, type FileProblem, type FileRead } from '../common/files';

export const DEFAULT_SIDE_FILE_MAX_BYTES = 1024 * 1024;

export interface FileAccessPolicy {
  /** Largest file read, in bytes. */
  maxBytes: number;
  /** When set, only paths inside these absolute folders are read, stat'ed or linked (Restricted Mode). */
  confinedTo?: readonly string[];
}

/** Folders that hold pseudo-files: never read, never linked. */
const PSEUDO_FS = ['/proc', '/sys', '/dev'];
/** System folders: readable when a file names them (trusted workspace), but never offered as links. */
const SYSTEM_DIRS = [...PSEUDO_FS, '/etc', '/boot', '/run', '/var/run', '/private/etc', '/private/var/run', '/root'];

function under(path: string, dirs: readonly string[]): boolean {
  return dirs.some((d) => path === d || path.startsWith(d.endsWith(nodePath.sep) ? d : d + nodePath.sep));
}

const O_NONBLOCK = constants.O_NONBLOCK ?? 0;
const O_NOFOLLOW = constants.O_NOFOLLOW ?? 0;

interface CacheEntry {
  mtimeMs: number;
  size: number;
  ino: number;
  result: FileRead;
}

const CACHE_LIMIT = 32;

export class FileAccess {
  private readonly cache = new Map<string, CacheEntry>();
  private realRoots: { from: readonly string[]; real: string[] } | undefined;

  constructor(public policy: FileAccessPolicy) {}

  private roots(): string[] | undefined {
    const confined = this.policy.confinedTo;
    if (!confined) return undefined;
    if (this.realRoots?.from !== confined) {
      const real = new Set<string>();
      for (const r of confined) {
        const abs = nodePath.resolve(r);
        real.add(abs);
        try {
          real.add(realpathSync.native(abs));
        } catch {
          // a folder that does not exist confines to its own spelling
        }
      }
      this.realRoots = { from: confined, real: [...real] };
    }
    return this.realRoots.real;
  }

  /** The real path when the policy lets us look at `absPath`; a problem otherwise. */
  private resolve(absPath: string): { real: string } | { problem: FileProblem } {
    const abs = nodePath.resolve(absPath);
    const roots = this.roots();
    // Checked before touching the disk, so the answer never depends on whether the file exists.
    if (roots && !under(abs, roots)) return { problem: 'outside-project' };
    // Most side files looked up do not exist (`.hadolint.yaml` in every folder above, `.dockerignore`):
    // existsSync answers that without the exception a failed realpath throws, which cost more than
    // the system call (`docklens check` over 1,227 files asks about 20,000 missing paths).
    if (!existsSync(abs)) return { problem: 'missing' };
    let real: string;
    try {
      real = realpathSync.native(abs);
    } catch {
      return { problem: 'missing' };
    }
    if (roots && !under(real, roots)) return { problem: 'outside-project' };
    return { real };
  }

  read(absPath: string): FileRead {
    const resolved = this.resolve(absPath);
    if ('problem' in resolved) return resolved;
    const { real } = resolved;
    if (under(real, PSEUDO_FS)) return { problem: 'not-a-file' };
    let fd: number;
    try {
      fd = openSync(real, constants.O_RDONLY | O_NONBLOCK | O_NOFOLLOW);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      return { problem: code === 'EISDIR' ? 'directory' : code === 'ENXIO' || code === 'ELOOP' ? 'not-a-file' : 'missing' };
    }
    try {
      const st = fstatSync(fd);
      if (st.isDirectory()) return { problem: 'directory' };
      if (!st.isFile()) return { problem: 'not-a-file' };
      if (st.size > this.policy.maxBytes) return { problem: 'too-large' };
      const cached = this.cache.get(real);
      if (cached && cached.mtimeMs === st.mtimeMs && cached.size === st.size && cached.ino === st.ino) {
        this.cache.delete(real);
        this.cache.set(real, cached);
        return cached.result;
      }
      const result = readBounded(fd, st.size, this.policy.maxBytes);
      this.cache.set(real, { mtimeMs: st.mtimeMs, size: st.size, ino: st.ino, result });
      if (this.cache.size > CACHE_LIMIT) this.cache.delete(this.cache.keys().next().value as string);
      return result;
    } catch {
      return { problem: 'missing' };
    } finally {
      closeSync(fd);
    }
  }

  exists(absPath: string): boolean {
    const resolved = this.resolve(absPath);
    return 'real' in resolved;
  }

  /** Links and definitions: regular files and folders inside what we may read, never system paths. */
  linkable(absPath: string): boolean {
    const resolved = this.resolve(absPath);
    if ('problem' in resolved) return false;
    if (under(nodePath.resolve(absPath), SYSTEM_DIRS) || under(resolved.real, SYSTEM_DIRS)) return false;
    try {
      const st = statSync(resolved.real);
      return st.isFile() || st.isDirectory();
    } catch {
      return false;
    }
  }
}

/** Reads at most `maxBytes` (a regular file can grow between fstat and read). */
function readBounded(fd: number, sizeHint: number, maxBytes: number): FileRead {
  let buffer = Buffer.allocUnsafe(Math.min(Math.max(sizeHint, 4096), maxBytes + 1));
  let length = 0;
  for (;;) {
    if (length === buffer.length) {
      if (length > maxBytes) return { problem: 'too-large' };
      const bigger = Buffer.allocUnsafe(Math.min(buffer.length * 2, maxBytes + 1));
      buffer.copy(bigger, 0, 0, length);
      buffer = bigger;
    }
    const n = readSync(fd, buffer, length, buffer.length - length, null);
    if (n === 0) break;
    length += n;
  }
  if (length > maxBytes) return { problem: 'too-large' };
  const text = buffer.toString('utf8', 0, length);
  if (looksBinary(text)) return { problem: 'not-text' };
  return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
}

/** A FileHost over the disk; `openText` (the editor's open buffers) wins over it. */
export function createFileHost(access: FileAccess, openText: (absPath: string) => string | undefined = () => undefined): FileHost {
  const read = (absPath: string): FileRead => {
    const open = openText(absPath);
    if (open !== undefined) return { text: open };
    return access.read(absPath);
  };
  return {
    read,
    readFile(absPath) {
      const r = read(absPath);
      return 'text' in r ? r.text : undefined;
    },
    exists(absPath) {
      return openText(absPath) !== undefined || access.exists(absPath);
    },
    linkable(absPath) {
      return access.linkable(absPath);
    },
  };
}
