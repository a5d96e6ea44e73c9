// The typed values compose-go decodes sizes and durations into, as it prints them: a UnitBytes
// (mem_limit, shm_size, memory, tmpfs size) is printed as its number of bytes in a string
// (`512m` → "536870912"), a Duration as Go's time.Duration.String (`90s` → "1m30s").
// A value that does not parse is left as written (the schema checks report it).

const BINARY = { k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4, p: 1024 ** 5 } as Record<string, number>;

/** go-units RAMInBytes, after a plain integer: `1g`, `512 MiB`, `1.5k`, `-1`. */
export function bytesOf(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  if (/^[+-]?\d+$/.test(value)) return Number(value);
  const m = /^(\d+(?:\.\d+)*) ?([kKmMgGtTpP])?[iI]?[bB]?$/.exec(value);
  if (!m || !/^\d+(?:\.\d+)?$/.test(m[1])) return undefined;
  return Math.trunc(Number(m[1]) * (m[2] ? BINARY[m[2].toLowerCase()] : 1));
}

const NS: Record<string, bigint> = {
  ns: 1n,
  us: 1000n,
  'µs': 1000n,
  'μs': 1000n,
  ms: 1000000n,
  s: 1000000000n,
  m: 60000000000n,
  h: 3600000000000n,
  d: 86400000000000n,
  w: 604800000000000n,
};

/** Nanoseconds of a Go duration (time.ParseDuration, plus the `d` and `w` units compose accepts). */
export function durationNanos(text: string): bigint | undefined {
  let rest = text;
  let sign = 1n;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    if (rest[0] === '-') sign = -1n;
    rest = rest.slice(1);
  }
  if (rest === '0') return 0n;
  if (rest === '') return undefined;
  let total = 0n;
  const part = /^(\d*)(?:\.(\d*))?(ns|us|\u00b5s|\u03bcs|ms|s|m|h|d|w)/;
  while (rest) {
    const p = part.exec(rest);
    if (!p || (p[1] === '' && !p[2])) return undefined;
    const unit = NS[p[3]];
    total += BigInt(p[1] || '0') * unit;
    if (p[2]) total += (BigInt(p[2]) * unit) / 10n ** BigInt(p[2].length);
    rest = rest.slice(p[0].length);
  }
  return sign * total;
}

/** Go's time.Duration.String: `1h0m0s`, `1m30s`, `1.5s`, `500ms`, `2µs`, `0s`. */
export function durationText(nanos: bigint): string {
  const negative = nanos < 0n;
  let n = negative ? -nanos : nanos;
  if (n === 0n) return '0s';
  const fraction = (value: bigint, digits: number) => {
    const scale = 10n ** BigInt(digits);
    const whole = value / scale;
    const frac = (value % scale).toString().padStart(digits, '0').replace(/0+$/, '');
    return frac ? `${whole}.${frac}` : `${whole}`;
  };
  let out: string;
  if (n < 1000n) out = `${n}ns`;
  else if (n < 1000000n) out = `${fraction(n, 3)}µs`;
  else if (n < 1000000000n) out = `${fraction(n, 6)}ms`;
  else {
    const hours = n / NS.h;
    n %= NS.h;
    const minutes = n / NS.m;
    n %= NS.m;
    out = `${fraction(n, 9)}s`;
    if (hours > 0n || minutes > 0n) out = `${minutes}m${out}`;
    if (hours > 0n) out = `${hours}h${out}`;
  }
  return negative ? `-${out}` : out;
}

/** A duration as compose prints it; the value itself when it is not a duration. */
export function printedDuration(value: unknown): unknown {
  // a YAML number is read as its text (only `0` has no unit to miss)
  const nanos = typeof value === 'string' || typeof value === 'number' ? durationNanos(String(value)) : undefined;
  return nanos === undefined ? value : durationText(nanos);
}

/** A size as compose prints it ("<bytes>"); the value itself when it is not a size. */
export function printedBytes(value: unknown): unknown {
  const bytes = bytesOf(value);
  return bytes === undefined ? value : String(bytes);
}

/**
 * A number held in a Go float32 field (cpus, cpu_percent, max_failure_ratio, NanoCPUs): rounded to
 * float32 and given the shortest decimal that reads back as the same float32, which is what Go
 * prints for it (`0.123456789` → `0.12345679`).
 */
export function float32Value(value: unknown): unknown {
  if (typeof value !== 'number' || !Number.isFinite(value)) return value;
  const f = Math.fround(value);
  for (let digits = 1; digits < 9; digits++) {
    const shortest = Number(f.toPrecision(digits));
    if (Math.fround(shortest) === f) return shortest;
  }
  return Number(f.toPrecision(9));
}
