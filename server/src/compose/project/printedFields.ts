// Fields compose-go prints through their own marshallers (types/hostList.go, types/types.go FileMode):
// extra_hosts as a HostsList (sorted `host=ip` entries), a secret's or config's mode as `0` + octal,
// ulimits as UlimitsConfig (a non-zero single number, otherwise soft and hard).
import type { ProjectError } from './loader';

/** extra_hosts (a list of `host=ip` / `host:ip`, or a mapping host → ip or ips) as HostsList prints it: sorted `host=ip`. */
export function printedHosts(value: unknown, errors: ProjectError[]): unknown {
  const hosts = new Map<string, string[]>();
  const add = (host: string, ips: string[]): void => void hosts.set(host, [...(hosts.get(host) ?? []), ...ips]);
  if (Array.isArray(value)) {
    for (const item of value) {
      const text = String(item);
      // `=` is tried first, then `:` (so `h=::1` keeps its IPv6 address whole)
      const at = text.includes('=') ? text.indexOf('=') : text.indexOf(':');
      if (at < 0) {
        errors.push({ message: `invalid additional host, missing IP: ${text}`, severity: 'error' });
        return value;
      }
      add(text.slice(0, at), text.slice(at + 1).split(','));
    }
  } else if (value && typeof value === 'object') {
    for (const [host, ips] of Object.entries(value)) add(host, Array.isArray(ips) ? ips.map(String) : [ips === null || ips === undefined ? '' : String(ips)]);
  } else return value;
  const out: string[] = [];
  for (const [host, ips] of hosts) {
    if (host === '' || /[:=]/.test(host)) {
      errors.push({ message: `bad host name '${host}'`, severity: 'error' });
      return value;
    }
    // brackets around an address are dropped ([::1] → ::1)
    for (const ip of ips) out.push(`${host}=${ip.length > 2 && ip.startsWith('[') && ip.endsWith(']') ? ip.slice(1, -1) : ip}`);
  }
  return out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** A FileMode as printed: `0` and the octal digits. A string is read as octal (`"0440"`), a number as its value. */
export function printedFileMode(value: unknown): unknown {
  const mode = typeof value === 'string' && /^[0-7]+$/.test(value) ? parseInt(value, 8) : typeof value === 'number' && Number.isInteger(value) ? value : undefined;
  return mode === undefined ? value : `0${mode.toString(8)}`;
}

/**
 * A `ulimits` entry as UlimitsConfig's YAML marshaller prints it: a non-zero single number as it is,
 * anything else as soft and hard, 0 where unset (`nproc: 0` → soft 0, hard 0). JSON leaves the zeros
 * out (`ulimitJson`).
 */
function printedUlimit(value: unknown): unknown {
  if (typeof value === 'number') return value !== 0 ? value : { soft: 0, hard: 0 };
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  const { soft, hard } = value as Record<string, unknown>;
  return { soft: soft ?? 0, hard: hard ?? 0 };
}

/** The JSON form of a printed ulimit: encoding/json leaves zero soft/hard out (`omitempty`). */
export function ulimitJson(value: unknown): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== 0));
}

/** A `ulimits` mapping with each entry printed (`printedUlimit`). */
export function printedUlimits(ulimits: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(ulimits).map(([k, v]) => [k, printedUlimit(v)]));
}
