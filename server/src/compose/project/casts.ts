// The typed attributes compose-go casts after interpolation (loader/interpolate.go): a string at one
// of these paths — written quoted, or produced by `${VAR}` — becomes a number or a boolean, and a
// value that does not parse stops compose with Go's own words
// (`failed to cast to expected type: strconv.Atoi: parsing "x": invalid syntax`).
import type { Path } from './yamlSource';

type Cast = (value: string) => unknown;

class CastError extends Error {}

const goQuote = (s: string) => JSON.stringify(s);

// Go's ParseInt in base 10: an optional sign and decimal digits, nothing else, within int64
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const integer =
  (fn: string): Cast =>
  (value) => {
    if (!/^[+-]?\d+$/.test(value)) throw new CastError(`${fn}: parsing ${goQuote(value)}: invalid syntax`);
    const n = BigInt(value);
    if (n < INT64_MIN || n > INT64_MAX) throw new CastError(`${fn}: parsing ${goQuote(value)}: value out of range`);
    return Number(n);
  };

// Go's ParseFloat: decimal (`1`, `.5`, `5.`, `1e3`), hexadecimal with a `p` exponent, inf/infinity/nan
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const HEXADECIMAL = /^([+-]?)0[xX]([0-9a-fA-F]*)\.?([0-9a-fA-F]*)[pP]([+-]?\d+)$/;
const float =
  (bits: 32 | 64): Cast =>
  (value) => {
    if (/^[+-]?(?:inf|infinity)$/i.test(value)) return value.startsWith('-') ? -Infinity : Infinity;
    if (/^[+-]?nan$/i.test(value)) return Number.NaN;
    let n: number;
    const hex = HEXADECIMAL.exec(value);
    if (DECIMAL.test(value)) n = Number(value);
    else if (hex && (hex[2] || hex[3])) n = (hex[1] === '-' ? -1 : 1) * (parseInt(hex[2] + hex[3] || '0', 16) / 16 ** hex[3].length) * 2 ** Number(hex[4]);
    else throw new CastError(`strconv.ParseFloat: parsing ${goQuote(value)}: invalid syntax`);
    if (!Number.isFinite(n) || (bits === 32 && !Number.isFinite(Math.fround(n)))) throw new CastError(`strconv.ParseFloat: parsing ${goQuote(value)}: value out of range`);
    return n;
  };
const toFloat = float(64);

/** Go's ParseFloat(s, 64) (decimal, hexadecimal, inf, nan), or undefined where it fails. */
export function goFloat(value: string): number | undefined {
  try {
    return toFloat(value) as number;
  } catch {
    return undefined;
  }
}
const toFloat32 = float(32);

const boolean: Cast = (value) => {
  switch (value.toLowerCase()) {
    case 'true':
    case 'y':
    case 'yes':
    case 'on':
      return true;
    case 'false':
    case 'n':
    case 'no':
    case 'off':
      return false;
    default:
      throw new CastError(`invalid boolean: ${value}`);
  }
};

const toInt = integer('strconv.Atoi');
const toInt64 = integer('strconv.ParseInt');

/** `*` any mapping key, `[]` any list item (compose-go's tree.PathMatchAll / PathMatchList). */
const CASTS: [string[], Cast][] = [
  ...(
    [
      ['cpu_count', toInt64],
      ['cpu_percent', toFloat],
      ['cpu_period', toInt64],
      ['cpu_quota', toInt64],
      ['cpu_rt_period', toInt64],
      ['cpu_rt_runtime', toInt64],
      ['cpus', toFloat32],
      ['cpu_shares', toInt64],
      ['init', boolean],
      ['depends_on.*.required', boolean],
      ['depends_on.*.restart', boolean],
      ['deploy.replicas', toInt],
      ['deploy.update_config.parallelism', toInt],
      ['deploy.update_config.max_failure_ratio', toFloat],
      ['deploy.rollback_config.parallelism', toInt],
      ['deploy.rollback_config.max_failure_ratio', toFloat],
      ['deploy.restart_policy.max_attempts', toInt],
      ['deploy.placement.max_replicas_per_node', toInt],
      ['healthcheck.retries', toInt],
      ['healthcheck.disable', boolean],
      ['oom_kill_disable', boolean],
      ['oom_score_adj', toInt64],
      ['pids_limit', toInt64],
      ['ports.[].target', toInt],
      ['privileged', boolean],
      ['read_only', boolean],
      ['scale', toInt],
      ['stdin_open', boolean],
      ['tty', boolean],
      ['ulimits.*', toInt],
      ['ulimits.*.hard', toInt],
      ['ulimits.*.soft', toInt],
      ['volumes.[].read_only', boolean],
      ['volumes.[].volume.nocopy', boolean],
    ] as [string, Cast][]
  ).map(([p, cast]): [string[], Cast] => [['services', '*', ...p.split('.')], cast]),
  [['networks', '*', 'external'], boolean],
  [['networks', '*', 'internal'], boolean],
  [['networks', '*', 'attachable'], boolean],
  [['networks', '*', 'enable_ipv4'], boolean],
  [['networks', '*', 'enable_ipv6'], boolean],
  [['volumes', '*', 'external'], boolean],
  [['secrets', '*', 'external'], boolean],
  [['configs', '*', 'external'], boolean],
];

function matches(path: Path, pattern: string[]): boolean {
  if (path.length !== pattern.length) return false;
  for (let i = 0; i < path.length; i++) {
    const p = pattern[i];
    const seg = path[i];
    // `*` matches any segment, list items too (tree.Path.Matches); `[]` only a list item
    if (p === '*') continue;
    if (p === '[]' ? typeof seg !== 'number' : typeof seg === 'number' || p !== seg) return false;
  }
  return true;
}

/** Patterns by their last key (every string of every file is looked up: keep it cheap). */
const BY_LAST = new Map<string, [string[], Cast][]>();
for (const entry of CASTS) {
  const last = entry[0][entry[0].length - 1];
  BY_LAST.set(last, [...(BY_LAST.get(last) ?? []), entry]);
}

/** The cast for a path, if compose-go types it. */
function castFor(path: Path): Cast | undefined {
  const last = path[path.length - 1];
  if (typeof last === 'number') return undefined;
  for (const [pattern, cast] of BY_LAST.get(last) ?? []) if (matches(path, pattern)) return cast;
  if (path.length === 4) for (const [pattern, cast] of BY_LAST.get('*') ?? []) if (matches(path, pattern)) return cast;
  return undefined;
}

/**
 * The value compose-go keeps for an interpolated string at `path`: cast when the path is typed.
 * Throws an Error with Go's message (`invalid boolean: x`, `strconv.Atoi: parsing "x": invalid syntax`).
 */
export function castValue(path: Path, value: string): unknown {
  const cast = castFor(path);
  return cast ? cast(value) : value;
}

export { CastError };
