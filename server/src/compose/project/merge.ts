// Merging a later Compose model onto an earlier one, attribute by attribute, with compose-go's
// rules (override/merge.go), then the de-duplication of lists by key (override/uncity.go), and the
// removal of `!reset` / `!override` paths from what earlier files defined (loader/reset.go).
import type { Path } from './yamlSource';

type Value = unknown;
type Mapping = Record<string, Value>;
type Merger = (earlier: Value, later: Value, path: string[]) => Value;

export class MergeError extends Error {}

const isMapping = (v: Value): v is Mapping => !!v && typeof v === 'object' && !Array.isArray(v);

/** `a.*.b` patterns against a path of keys ("*" matches any one key). */
function matches(path: readonly string[], pattern: readonly string[]): boolean {
  if (path.length !== pattern.length) return false;
  for (let i = 0; i < path.length; i++) if (pattern[i] !== '*' && pattern[i] !== path[i]) return false;
  return true;
}

const P = (s: string) => s.split('.');

const DEPENDS_ON_DEFAULT = { condition: 'service_started', required: true };

const SPECIAL: [string[], Merger][] = [
  [P('networks.*.ipam.config'), mergeIpamConfig],
  [P('networks.*.labels'), toSequence],
  [P('volumes.*.labels'), toSequence],
  [P('services.*.annotations'), toSequence],
  [P('services.*.build'), (a, b, p) => mergeMappings(buildMapping(a), buildMapping(b), p)],
  [P('services.*.build.args'), toSequence],
  [P('services.*.build.additional_contexts'), toSequence],
  [P('services.*.build.extra_hosts'), extraHosts],
  [P('services.*.build.labels'), toSequence],
  [P('services.*.command'), (_a, b) => b],
  [P('services.*.depends_on'), (a, b, p) => mergeMappings(asMapping(a, DEPENDS_ON_DEFAULT), asMapping(b, DEPENDS_ON_DEFAULT), p)],
  [P('services.*.deploy.labels'), toSequence],
  [P('services.*.dns'), toSequence],
  [P('services.*.dns_opt'), toSequence],
  [P('services.*.dns_search'), toSequence],
  [P('services.*.entrypoint'), (_a, b) => b],
  [P('services.*.env_file'), toSequence],
  [P('services.*.label_file'), toSequence],
  [P('services.*.environment'), toSequence],
  [P('services.*.extra_hosts'), extraHosts],
  [P('services.*.healthcheck.test'), (_a, b) => b],
  [P('services.*.labels'), toSequence],
  [P('services.*.volumes.*.volume.labels'), toSequence],
  [P('services.*.logging'), mergeLogging],
  [P('services.*.models'), (a, b, p) => mergeMappings(asMapping(a), asMapping(b), p)],
  [P('services.*.networks'), (a, b, p) => mergeMappings(asMapping(a), asMapping(b), p)],
  [P('services.*.sysctls'), toSequence],
  [P('services.*.tmpfs'), toSequence],
  [P('services.*.ulimits.*'), (_a, b) => b],
];

/** Merges `later` onto `earlier` (both are modified or reused; pass copies when that matters). */
export function mergeModels(earlier: Mapping, later: Mapping): Mapping {
  return mergeValue(earlier, later, []) as Mapping;
}

function mergeValue(earlier: Value, later: Value, path: string[]): Value {
  for (const [pattern, merger] of SPECIAL) if (matches(path, pattern)) return merger(earlier, later, path);
  if (later === null || later === undefined) return earlier;
  if (isMapping(earlier)) {
    if (!isMapping(later)) throw new MergeError(`cannot override ${path.join('.')}`);
    return mergeMappings(earlier, later, path);
  }
  if (Array.isArray(earlier)) {
    if (!Array.isArray(later)) throw new MergeError(`cannot override ${path.join('.')}`);
    return [...earlier, ...later];
  }
  return later;
}

function mergeMappings(earlier: Mapping | undefined, later: Mapping | undefined, path: string[]): Mapping {
  const out: Mapping = earlier ?? {};
  if (!later) return out;
  for (const [k, v] of Object.entries(later)) {
    if (!(k in out)) out[k] = v;
    else out[k] = mergeValue(out[k], v, [...path, k]);
  }
  return out;
}

function buildMapping(v: Value): Mapping | undefined {
  if (typeof v === 'string') return { context: v };
  return isMapping(v) ? v : undefined;
}

function asMapping(v: Value, defaults?: Mapping): Mapping | undefined {
  if (isMapping(v)) return v;
  if (Array.isArray(v)) {
    const out: Mapping = {};
    for (const item of v) out[String(item)] = defaults ? { ...defaults } : null;
    return out;
  }
  return undefined;
}

function mergeLogging(earlier: Value, later: Value, path: string[]): Value {
  const a = isMapping(earlier) ? earlier : {};
  const b = isMapping(later) ? later : {};
  if (!('driver' in b) || !('driver' in a) || a.driver === b.driver) return mergeMappings(a, b, path);
  return b;
}

/** Go's `%v` of a scalar for `KEY=VALUE` entries. */
function goText(v: Value): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

export function toSequenceValue(v: Value): Value[] {
  if (isMapping(v)) {
    const seq: string[] = [];
    for (const [k, val] of Object.entries(v)) {
      if (val === null || val === undefined) seq.push(k);
      else if (Array.isArray(val)) for (const item of val) seq.push(`${k}=${goText(item)}`);
      else seq.push(`${k}=${goText(val)}`);
    }
    return seq.sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  }
  if (Array.isArray(v)) return v;
  if (typeof v === 'string') return [v];
  return [];
}

function toSequence(earlier: Value, later: Value): Value {
  return [...toSequenceValue(earlier), ...toSequenceValue(later)];
}

function extraHosts(earlier: Value, later: Value): Value {
  const a = toSequenceValue(earlier);
  const b = toSequenceValue(later).filter((v) => !a.some((x) => deepEqual(x, v)));
  return [...a, ...b];
}

function mergeIpamConfig(earlier: Value, later: Value, path: string[]): Value {
  if (!Array.isArray(earlier) || !Array.isArray(later)) throw new MergeError(`${path.join('.')}: unexpected type`);
  const configs: Mapping[] = [];
  for (const original of earlier) {
    const right = asMapping(original) ?? {};
    for (const override of later) {
      const left = asMapping(override) ?? {};
      if (left.subnet !== right.subnet && !configs.some((c) => c.subnet === left.subnet)) {
        configs.push(left);
        continue;
      }
      const merged = mergeMappings(right, left, path);
      const at = configs.findIndex((c) => c.subnet === merged.subnet);
      if (at >= 0) configs[at] = merged;
      else configs.push(merged);
    }
  }
  return configs;
}

export function deepEqual(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || !a || !b || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as Value[];
    return a.length === bb.length && a.every((x, i) => deepEqual(x, bb[i]));
  }
  const ka = Object.keys(a as Mapping);
  const kb = Object.keys(b as Mapping);
  return ka.length === kb.length && ka.every((k) => deepEqual((a as Mapping)[k], (b as Mapping)[k]));
}

// ---- de-duplication (EnforceUnicity) ----

/** An entry's key; `path` makes the entry's path text, for an error's message only. */
type Indexer = (entry: Value, path: () => string) => string;

const keyValue: Indexer = (v, p) => {
  if (typeof v !== 'string') throw new MergeError(`${p()}: unexpected type ${goType(v)}`);
  const at = v.indexOf('=');
  return at < 0 ? v : v.slice(0, at);
};

function goType(v: Value): string {
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float64';
  if (typeof v === 'boolean') return 'bool';
  if (Array.isArray(v)) return '[]interface {}';
  if (isMapping(v)) return 'map[string]interface {}';
  return 'string';
}

const volumeTarget: Indexer = (v, p) => {
  if (isMapping(v)) {
    if (typeof v.target !== 'string') throw new MergeError(`service volume ${p()} is missing a mount target`);
    return v.target;
  }
  if (typeof v === 'string') return shortVolumeTarget(v);
  return '';
};

/** The container path of a short volume spec (`src:dst[:mode]`, `dst`), Windows drives allowed in the source. */
export function shortVolumeTarget(spec: string): string {
  const parts = splitVolume(spec);
  return parts.length === 1 ? parts[0] : parts[1];
}

export function splitVolume(spec: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < spec.length; i++) {
    const ch = spec[i];
    // a drive letter (`C:\…`, `C:/…`) is not a separator
    if (ch === ':' && !(current.length === 1 && /[A-Za-z]/.test(current) && /[\\/]/.test(spec[i + 1] ?? ''))) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts;
}

const deviceTarget: Indexer = (v, p) => {
  if (isMapping(v)) {
    if (typeof v.target !== 'string') throw new MergeError(`service device ${p()} is missing a mount target`);
    return v.target;
  }
  if (typeof v === 'string') {
    const parts = v.split(':');
    return parts.length === 1 ? parts[0] : parts[1];
  }
  return '';
};

const mountTarget =
  (base: string): Indexer =>
  (v, p) => {
    if (typeof v === 'string') return `${base}/${v}`;
    if (isMapping(v)) return 'target' in v ? String(v.target) : `${base}/${goText(v.source)}`;
    throw new MergeError(`${p()}: unsupported expose value ${goText(v)}`);
  };

const portKey: Indexer = (v, p) => {
  if (typeof v === 'number') return String(v);
  if (isMapping(v)) {
    if (!('target' in v)) throw new MergeError(`service ports ${p()} is missing a target port`);
    return `${'host_ip' in v ? goText(v.host_ip) : '0.0.0.0'}:${goText(v.published)}:${goText(v.target)}/${'protocol' in v ? goText(v.protocol) : 'tcp'}`;
  }
  return typeof v === 'string' ? v : '';
};

const exposeKey: Indexer = (v, p) => {
  if (typeof v === 'string' || typeof v === 'number') return String(v);
  throw new MergeError(`${p()}: unsupported expose value ${goText(v)}`);
};

const envFileKey: Indexer = (v, p) => {
  if (typeof v === 'string') return v;
  if (isMapping(v)) {
    if ('path' in v) return String(v.path);
    throw new MergeError(`environment path attribute ${p()} is missing`);
  }
  return '';
};

const UNIQUE: [string[], Indexer][] = [
  [P('networks.*.labels'), keyValue],
  [P('networks.*.ipam.options'), keyValue],
  [P('services.*.annotations'), keyValue],
  [P('services.*.build.args'), keyValue],
  [P('services.*.build.additional_contexts'), keyValue],
  [P('services.*.build.platform'), keyValue],
  [P('services.*.build.tags'), keyValue],
  [P('services.*.build.labels'), keyValue],
  [P('services.*.cap_add'), keyValue],
  [P('services.*.cap_drop'), keyValue],
  [P('services.*.configs'), mountTarget('')],
  [P('services.*.deploy.labels'), keyValue],
  [P('services.*.dns'), keyValue],
  [P('services.*.dns_opt'), keyValue],
  [P('services.*.dns_search'), keyValue],
  [P('services.*.environment'), keyValue],
  [P('services.*.env_file'), envFileKey],
  [P('services.*.expose'), exposeKey],
  [P('services.*.labels'), keyValue],
  [P('services.*.links'), keyValue],
  [P('services.*.networks.*.aliases'), keyValue],
  [P('services.*.networks.*.link_local_ips'), keyValue],
  [P('services.*.ports'), portKey],
  [P('services.*.profiles'), keyValue],
  [P('services.*.secrets'), mountTarget('/run/secrets')],
  [P('services.*.sysctls'), keyValue],
  [P('services.*.tmpfs'), keyValue],
  [P('services.*.volumes'), volumeTarget],
  [P('services.*.devices'), deviceTarget],
];

/** The patterns that can still match below `path`: those that match it so far and are longer. */
function below<T>(patterns: readonly [string[], T][], depth: number, key: string): [string[], T][] {
  return patterns.filter(([p]) => p.length > depth && (p[depth] === '*' || p[depth] === key));
}

type Patterns = readonly [string[], Indexer][];

/**
 * `below` for the unicity patterns, each answer made once: the same few lists serve every key of a
 * large model (a key no pattern names at that depth, a service's name for one, gets the list of `*`
 * patterns), where filtering anew made two lists per key (1000 services: thousands per resolve).
 * A list met at another depth than its first is filtered as before.
 */
const belowKnown = new WeakMap<Patterns, { depth: number; named: Map<string, Patterns>; names: Set<string>; other?: Patterns }>();

function belowUnique(patterns: Patterns, depth: number, key: string): Patterns {
  let known = belowKnown.get(patterns);
  if (!known) {
    const names = new Set(patterns.filter(([p]) => p.length > depth && p[depth] !== '*').map(([p]) => p[depth]));
    belowKnown.set(patterns, (known = { depth, named: new Map(), names }));
  }
  if (known.depth !== depth) return below(patterns, depth, key);
  if (!known.names.has(key)) return (known.other ??= below(patterns, depth, key));
  let next = known.named.get(key);
  if (!next) known.named.set(key, (next = below(patterns, depth, key)));
  return next;
}

/**
 * Keeps the first position and the last value of entries with the same key. `beforeDrop` runs
 * before the first list that loses an entry is replaced (the loader records deferred origins then).
 */
export function enforceUnicity(value: Value, path: string[] = [], beforeDrop?: () => void): Value {
  let patterns: Patterns = UNIQUE;
  for (let i = 0; i < path.length; i++) patterns = belowUnique(patterns, i, path[i]);
  return unique(value, [...path], patterns, beforeDrop);
}

// Only the subtrees some pattern can reach are visited (the lists are a few levels down in services
// and networks; the rest of a big model is left alone). `path` is one list, grown and shrunk on the
// way (read only while the key it ends with is visited: an error message names it then).
function unique(value: Value, path: string[], patterns: Patterns, beforeDrop?: () => void): Value {
  if (isMapping(value)) {
    for (const k of Object.keys(value)) {
      const next = belowUnique(patterns, path.length, k);
      if (next.length === 0) continue;
      path.push(k);
      value[k] = unique(value[k], path, next, beforeDrop);
      path.pop();
    }
    return value;
  }
  if (Array.isArray(value)) {
    const found = patterns.find(([pattern]) => pattern.length === path.length);
    if (!found) return value;
    const indexer = found[1];
    const seq: Value[] = [];
    const at = new Map<string, number>();
    let i = 0;
    const where = () => `${path.join('.')}.[${i}]`;
    for (; i < value.length; i++) {
      const entry = value[i];
      const key = indexer(entry, where);
      const j = at.get(key);
      if (j !== undefined) seq[j] = entry;
      else {
        at.set(key, seq.length);
        seq.push(entry);
      }
    }
    if (seq.length < value.length) beforeDrop?.();
    return seq;
  }
  return value;
}

/** Removes from `model` every mapping key at a recorded path (list items are never removed). */
export function applyResets(model: Value, paths: readonly Path[]): void {
  if (paths.length === 0) return;
  const wanted: [string[], true][] = paths.map((p) => [p.map(String), true]);
  // `candidates`: the recorded paths that match the path so far and go deeper
  const walk = (v: Value, depth: number, candidates: [string[], true][]) => {
    if (isMapping(v)) {
      for (const k of Object.keys(v)) {
        const next = below(candidates, depth, k);
        if (next.some(([w]) => w.length === depth + 1)) delete v[k];
        else if (next.length > 0) walk(v[k], depth + 1, next);
      }
    } else if (Array.isArray(v)) {
      v.forEach((item, i) => {
        const next = below(candidates, depth, `[${i}]`);
        if (next.length > 0 && !next.some(([w]) => w.length === depth + 1)) walk(item, depth + 1, next);
      });
    }
  };
  walk(model, 0, wanted);
}
