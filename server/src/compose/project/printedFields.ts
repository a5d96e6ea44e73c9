// Fields compose-go prints through their own marshallers (types/hostList.go, types/types.go FileMode):
// extra_hosts as a HostsList (sorted `host=ip` entries), a secret's or config's mode as `0` + octal.
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
