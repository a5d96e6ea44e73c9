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
