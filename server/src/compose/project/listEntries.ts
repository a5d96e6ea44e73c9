// Entries of the service lists compose merges by key (ports, volumes, secrets, configs): the key an
// entry is known by, computed the same way from what a file wrote and from the canonical entry, so
// the file:line an entry came from survives the merge (the last file writing a key wins, as
// override/uncity.go keeps the last value).
import { cleanPath, parsePortSpec } from './canonical';
import { splitVolume } from './merge';

type Mapping = Record<string, unknown>;
const isMapping = (v: unknown): v is Mapping => !!v && typeof v === 'object' && !Array.isArray(v);

/** The service attributes whose entries carry their own origin. */
export const KEYED_LISTS = new Set(['ports', 'volumes', 'secrets', 'configs']);

const portKey = (p: Mapping) => `${p.host_ip ?? ''}|${p.published ?? ''}|${p.target}|${p.protocol ?? 'tcp'}`;

function mountKey(attr: string, m: Mapping): string | undefined {
  if (typeof m.target === 'string' && m.target) return m.target;
  if (m.source === undefined) return undefined;
  return attr === 'secrets' ? `/run/secrets/${String(m.source)}` : `/${String(m.source)}`;
}

/** Keys of an entry as a file wrote it (a port range stands for several entries). */
export function writtenEntryKeys(attr: string, item: unknown): string[] {
  if (attr === 'ports') {
    const ports = isMapping(item) ? [item] : typeof item === 'string' || typeof item === 'number' ? (parsePortSpec(String(item)) ?? []) : [];
    return ports.map((p) => portKey({ ...p, ...(p.published !== undefined ? { published: String(p.published) } : {}) }));
  }
  if (attr === 'volumes') {
    if (isMapping(item)) return typeof item.target === 'string' ? [cleanPath(item.target)] : [];
    if (typeof item !== 'string') return [];
    const parts = splitVolume(item);
    return [cleanPath(parts.length === 1 ? parts[0] : parts[1])];
  }
  const key = mountKey(attr, typeof item === 'string' ? { source: item } : isMapping(item) ? item : {});
  return key ? [key] : [];
}

/** The key of an entry of the canonical (printed) list. */
export function printedEntryKey(attr: string, entry: unknown): string | undefined {
  if (!isMapping(entry)) return undefined;
  if (attr === 'ports') return portKey(entry);
  if (attr === 'volumes') return typeof entry.target === 'string' ? entry.target : undefined;
  return mountKey(attr, entry);
}
