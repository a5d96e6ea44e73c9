// The `# check=` parser directive, read the way BuildKit reads it:
// `skip=A,B|all`, `experimental=A,B|all`, `error=<bool>`, separated by `;` (at most three parts).

/** Go's strconv.ParseBool. */
function parseBool(v: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(v)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(v)) return false;
  return undefined;
}

export interface CheckOptions {
  skip: string[];
  skipAll: boolean;
  experimental: string[];
  experimentalAll: boolean;
  errorOnWarning: boolean;
  /** Set when BuildKit would refuse the directive. */
  error?: string;
}

export function parseCheckDirective(value: string): CheckOptions {
  const result: CheckOptions = { skip: [], skipAll: false, experimental: [], experimentalAll: false, errorOnWarning: false };
  const text = value.trim();
  if (text === '') return result;
  // Go's strings.SplitN(s, ";", 3): the third part keeps any further `;`.
  const parts: string[] = [];
  let rest = text;
  while (parts.length < 2) {
    const i = rest.indexOf(';');
    if (i < 0) break;
    parts.push(rest.slice(0, i));
    rest = rest.slice(i + 1);
  }
  parts.push(rest);
  for (const p of parts) {
    const eq = p.indexOf('=');
    if (eq < 0) return { ...result, error: `invalid check option "${p}"` };
    const key = p.slice(0, eq).trim();
    const v = p.slice(eq + 1).trim();
    if (key === 'skip') {
      if (v === 'all') result.skipAll = true;
      else result.skip = v.split(',').map((s) => s.trim());
    } else if (key === 'experimental') {
      if (v === 'all') result.experimentalAll = true;
      else result.experimental = v.split(',').map((s) => s.trim());
    } else if (key === 'error') {
      const b = parseBool(v);
      if (b === undefined) return { ...result, error: `failed to parse check option "${p}": invalid syntax` };
      result.errorOnWarning = b;
    } else return { ...result, error: `invalid check option "${key}"` };
  }
  return result;
}

/** Go's `^([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$`, BuildKit's directive line. */
const DIRECTIVE_LINE = /^([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$/;

/**
 * The `# check=` comment above one instruction, read as BuildKit's WithMergedConfigFromComments
 * does: the first comment of the block that is a `check` directive counts, its value ends at the
 * first space (so `# check=skip=all // why` works), and an unreadable value is ignored.
 * Comments are the instruction's PrevComment (text after `#`, trimmed).
 */
export function localCheckOptions(comments: readonly string[]): CheckOptions | undefined {
  for (const comment of comments) {
    const m = DIRECTIVE_LINE.exec(comment.replace(/^\s+/, ''));
    if (!m || m[1].toLowerCase() !== 'check') continue;
    const value = m[2].split(' ')[0];
    const parsed = parseCheckDirective(value);
    return parsed.error ? undefined : parsed;
  }
  return undefined;
}

/** A file-wide configuration with an instruction's own `# check=` added: skips and experiments only (never `error=`). */
export function mergeCheckOptions(base: CheckOptions, local: CheckOptions | undefined): CheckOptions {
  if (!local) return base;
  return {
    skip: [...base.skip, ...local.skip],
    skipAll: base.skipAll || local.skipAll,
    experimental: [...base.experimental, ...local.experimental],
    experimentalAll: base.experimentalAll || local.experimentalAll,
    errorOnWarning: base.errorOnWarning,
  };
}

/**
 * The Dockerfile frontend a `# syntax=` directive pins, as [major, minor]: `docker/dockerfile:1.7`
 * → [1, 7]. Undefined when there is no pin to a numbered release (`:1`, `:latest`, another frontend).
 */
export function pinnedFrontend(syntax: string | undefined): [number, number] | undefined {
  if (!syntax) return undefined;
  const m = /^(?:docker\.io\/)?docker\/dockerfile(?:-upstream)?:(\d+)\.(\d+)(?:\.\d+)?(?:-[a-z0-9.]+)?(?:@sha256:[0-9a-f]+)?$/i.exec(syntax.trim());
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}
