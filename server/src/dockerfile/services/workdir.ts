// WORKDIR paths: BuildKit's resolution (what the layer list counts) and the lenient one the hover
// and the relative-COPY check use (a variable is kept as written, a Windows drive path is absolute).

/**
 * BuildKit's WORKDIR resolution: an absolute path replaces, a relative one is joined onto the
 * current directory, both normalised. Undefined when a variable makes the result unknowable.
 */
export function resolveWorkdir(current: string | undefined, path: string): string | undefined {
  const written = path.trim();
  if (written.includes('$')) return undefined;
  if (written.startsWith('/')) return normalizePosix(written);
  if (current === undefined) return undefined;
  return normalizePosix(`/${current}/${written}`);
}

/** `path` joined onto `base` for display: undefined when relative to a directory not known here. */
export function joinWorkdir(base: string | undefined, path: string): string | undefined {
  if (path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path)) return normalizePosix(path);
  if (base === undefined) return undefined;
  return normalizePosix(base.replace(/\/$/, '') + '/' + path);
}

function normalizePosix(path: string): string {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return '/' + parts.join('/');
}
