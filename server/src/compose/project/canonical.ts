// The merged model in canonical long forms, shaped like `docker compose config --format json`:
// short ports and volumes expanded, lists of names turned into mappings, environment and labels
// as mappings, build as a mapping with an absolute context and a Dockerfile, the implicit
// `default` network, resources named `<project>_<key>`, services outside the active profiles
// left out. Compose doubles every `$` when printing; `dollarsDoubled` does that for output.
import * as posix from 'node:path/posix';
import type { ProjectError } from './loader';
import { parseDotenv } from './dotenv';
import { goFloat } from './casts';
import { float32Value, printedBytes, printedDuration } from './units';
import { originKey, type DerivedOrigin } from './originKey';
import { splitVolume } from './merge';
import { printedFileMode, printedHosts, printedUlimits } from './printedFields';
import { deviceMapping, deviceRequests } from './devices';
import {
  BUILD_ORDER,
  ENV_FILE_ORDER,
  FILE_REFERENCE_ORDER,
  ordered,
  PORT_ORDER,
  RESOURCE_ORDER,
  printedDependency,
  printedFileObject,
  printedMount,
  printedNetwork,
  printedVolume,
  SERVICE_ORDER,
  SERVICE_ZERO_OMITTED,
} from './goTypes';

type Mapping = Record<string, unknown>;
const isMapping = (v: unknown): v is Mapping => !!v && typeof v === 'object' && !Array.isArray(v);

export interface CanonicalOptions {
  name: string;
  projectDir: string;
  environment: ReadonlyMap<string, string>;
  profiles: string[];
  errors: ProjectError[];
  /** Reads a service's env_file (absent: env files are left as they are, not folded into environment). */
  readFile?: (path: string) => string | undefined;
  /** Receives where derived values came from (env_file/label_file keys, implied dependencies). */
  derived?: Map<string, DerivedOrigin>;
}

/** `a b "c d"` → ['a', 'b', 'c d'] (the shellwords splitting compose applies to string commands). */
export function shellSplit(text: string): string[] {
  const out: string[] = [];
  let current = '';
  let has = false;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === quote) quote = undefined;
      else if (ch === '\\' && quote === '"' && i + 1 < text.length && '"\\$`'.includes(text[i + 1])) current += text[++i];
      else current += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      has = true;
    } else if (ch === '\\' && i + 1 < text.length) {
      current += text[++i];
      has = true;
    } else if (/\s/.test(ch)) {
      if (has || current) out.push(current);
      current = '';
      has = false;
    } else current += ch;
  }
  if (has || current) out.push(current);
  return out;
}

function keyValueMapping(v: unknown, env?: ReadonlyMap<string, string>): Mapping | undefined {
  if (isMapping(v)) {
    const out: Mapping = {};
    for (const [k, val] of Object.entries(v)) out[k] = val === null || val === undefined ? (env?.get(k) ?? null) : String(val);
    return out;
  }
  if (Array.isArray(v)) {
    const out: Mapping = {};
    for (const item of v) {
      const s = String(item);
      const at = s.indexOf('=');
      if (at >= 0) out[s.slice(0, at)] = s.slice(at + 1);
      else out[s] = env ? (env.get(s) ?? null) : '';
    }
    return out;
  }
  return undefined;
}

/** `[IP:][HOST[-HOST]:]CONTAINER[-CONTAINER][/PROTOCOL]` → long-form ports (ranges expanded). */
export function parsePortSpec(spec: string): Mapping[] | undefined {
  let rest = spec;
  let protocol = 'tcp';
  const slash = rest.lastIndexOf('/');
  if (slash >= 0) {
    protocol = rest.slice(slash + 1);
    rest = rest.slice(0, slash);
  }
  let hostIp: string | undefined;
  const bracket = /^\[([^\]]*)\]:(.*)$/.exec(rest);
  let parts: string[];
  if (bracket) {
    hostIp = bracket[1];
    parts = bracket[2].split(':');
  } else {
    parts = rest.split(':');
    if (parts.length > 3) {
      // unbracketed IPv6 host: everything but the last two parts
      hostIp = parts.slice(0, -2).join(':');
      parts = parts.slice(-2);
    } else if (parts.length === 3) {
      hostIp = parts[0];
      parts = parts.slice(1);
    }
  }
  const [published, target] = parts.length === 1 ? ['', parts[0]] : parts;
  const range = (r: string) => {
    const m = /^(\d+)(?:-(\d+))?$/.exec(r);
    if (!m) return undefined;
    const a = Number(m[1]);
    const b = m[2] ? Number(m[2]) : a;
    return b >= a ? [a, b] : undefined;
  };
  const targets = range(target);
  if (!targets) return undefined;
  const pubs = published ? range(published) : undefined;
  if (published && !pubs) return undefined;
  const count = targets[1] - targets[0] + 1;
  const out: Mapping[] = [];
  for (let i = 0; i < count; i++) {
    const port: Mapping = { mode: 'ingress' };
    if (hostIp) port.host_ip = hostIp;
    port.target = targets[0] + i;
    if (pubs) {
      const pubCount = pubs[1] - pubs[0] + 1;
      port.published = pubCount === count ? String(pubs[0] + i) : pubCount === 1 ? String(pubs[0]) : `${pubs[0]}-${pubs[1]}`;
    }
    port.protocol = protocol;
    out.push(port);
  }
  return out;
}

const isPathLike = (s: string) => s.startsWith('.') || s.startsWith('/') || s.startsWith('~') || /^[A-Za-z]:[\\/]/.test(s);

function resolvePath(dir: string, p: string): string {
  if (p.startsWith('~') || posix.isAbsolute(p) || /^[A-Za-z]:[\\/]/.test(p)) return p;
  return posix.resolve(dir, p);
}

function volumeMount(v: unknown, dir: string): unknown {
  if (isMapping(v)) {
    const out = { ...v };
    if (out.type === 'bind' && typeof out.source === 'string') {
      out.source = resolvePath(dir, out.source);
      out.bind = { create_host_path: true, ...(isMapping(out.bind) ? out.bind : {}) };
    }
    return out;
  }
  if (typeof v !== 'string') return v;
  const parts = splitVolume(v);
  if (parts.length === 1) return { type: 'volume', target: parts[0], volume: {} };
  const [source, target, mode] = parts;
  const bind = isPathLike(source);
  const out: Mapping = { type: bind ? 'bind' : 'volume', source: bind ? resolvePath(dir, source) : source, target };
  const options = (mode ?? '').split(',').filter(Boolean);
  if (options.includes('ro')) out.read_only = true;
  if (bind) {
    const bindOptions: Mapping = { create_host_path: true };
    const selinux = options.find((o) => o === 'z' || o === 'Z');
    if (selinux) bindOptions.selinux = selinux;
    const propagation = options.find((o) => /^r?(?:shared|slave|private)$/.test(o));
    if (propagation) bindOptions.propagation = propagation;
    out.bind = bindOptions;
  } else {
    out.volume = options.includes('nocopy') ? { nocopy: true } : {};
  }
  return out;
}

export function canonicalService(name: string, s: Mapping, o: CanonicalOptions): Mapping {
  const out: Mapping = { ...s };
  out.command = typeof s.command === 'string' ? shellSplit(s.command) : (s.command ?? null);
  out.entrypoint = typeof s.entrypoint === 'string' ? shellSplit(s.entrypoint) : (s.entrypoint ?? null);
  if (s.build !== undefined && s.build !== null) {
    const build: Mapping = typeof s.build === 'string' ? { context: s.build } : isMapping(s.build) ? { ...s.build } : {};
    const context = typeof build.context === 'string' ? build.context : '.';
    build.context = /^(?:https?:\/\/|git@|git:\/\/|github\.com\/|ssh:\/\/)|\.git(?:#|$)/.test(context) ? context : resolvePath(o.projectDir, context);
    if (build.dockerfile === undefined && build.dockerfile_inline === undefined) build.dockerfile = 'Dockerfile';
    // a build arg without a value takes the project's, and is dropped when the project has none
    if (build.args !== undefined) build.args = withoutUnknown(keyValueMapping(build.args, o.environment));
    if (build.labels !== undefined) build.labels = keyValueMapping(build.labels);
    if (build.extra_hosts !== undefined) build.extra_hosts = printedHosts(build.extra_hosts, o.errors);
    if (isMapping(build.ulimits)) build.ulimits = printedUlimits(build.ulimits);
    out.build = build;
  }
  for (const key of ['environment']) if (s[key] !== undefined) out[key] = keyValueMapping(s[key], o.environment);
  for (const key of ['labels', 'annotations', 'sysctls']) if (s[key] !== undefined) out[key] = keyValueMapping(s[key]);
  const dependsOn = impliedDependencies(s, (dep, attribute) => {
    o.derived?.set(originKey('services', name, 'depends_on', dep), { attribute });
    // depends_on compose wrote itself: it comes from the first attribute implying it
    if (s.depends_on === undefined && !o.derived?.has(originKey('services', name, 'depends_on'))) o.derived?.set(originKey('services', name, 'depends_on'), { attribute });
  });
  if (Object.keys(dependsOn).length > 0) out.depends_on = dependsOn;
  if (Array.isArray(s.networks)) out.networks = Object.fromEntries(s.networks.map((n) => [String(n), null]));
  // the implicit `default` network (loader/normalize.go): not for providers nor a network_mode; `networks: {}` counts as none
  else if (s.provider === undefined && s.network_mode === undefined && (s.networks === undefined || s.networks === null || (isMapping(s.networks) && Object.keys(s.networks).length === 0))) {
    out.networks = { default: null };
  }
  if (s.env_file !== undefined) {
    const list = typeof s.env_file === 'string' ? [s.env_file] : Array.isArray(s.env_file) ? s.env_file : [];
    out.env_file = list.map((e) =>
      isMapping(e) ? ordered({ ...e, path: resolvePath(o.projectDir, String(e.path)), required: e.required ?? true }, ENV_FILE_ORDER) : { path: resolvePath(o.projectDir, String(e)), required: true },
    );
    if (o.readFile) foldEnvFiles(name, out, o);
  }
  if (s.label_file !== undefined) {
    const files = (Array.isArray(s.label_file) ? s.label_file : [s.label_file]).map((f) => resolvePath(o.projectDir, String(f)));
    out.label_file = files;
    if (o.readFile) foldLabelFiles(name, out, files, o);
  }
  if (Array.isArray(s.ports)) {
    const ports: unknown[] = [];
    for (const p of s.ports) {
      if (isMapping(p)) ports.push({ mode: 'ingress', protocol: 'tcp', ...p, ...(p.published !== undefined ? { published: String(p.published) } : {}) });
      else {
        const parsed = parsePortSpec(String(p));
        if (parsed) ports.push(...parsed);
        else o.errors.push({ message: `Invalid containerPort: ${String(p)}`, severity: 'error' });
      }
    }
    out.ports = dedupePorts(ports).map((p) => ordered(p, PORT_ORDER));
  }
  if (Array.isArray(s.expose)) out.expose = s.expose.map(String);
  if (Array.isArray(s.volumes)) out.volumes = s.volumes.map((v) => printedMount(cleanTarget(volumeMount(v, o.projectDir))));
  if (typeof s.dns === 'string') out.dns = [s.dns];
  if (s.extra_hosts !== undefined) out.extra_hosts = printedHosts(s.extra_hosts, o.errors);
  if (Array.isArray(s.devices)) out.devices = s.devices.map((d) => deviceMapping(d, o.errors));
  if (s.gpus !== undefined && s.gpus !== null) out.gpus = deviceRequests(s.gpus, o.errors);
  if (isMapping(s.ulimits)) out.ulimits = printedUlimits(s.ulimits);
  for (const key of ['secrets', 'configs'] as const) {
    if (!Array.isArray(s[key])) continue;
    out[key] = (s[key] as unknown[]).map((v) => {
      const mount = typeof v === 'string' ? { source: v } : isMapping(v) ? { ...v } : v;
      // a secret without a target is mounted at /run/secrets/<source> (transform/defaults.go)
      if (key === 'secrets' && isMapping(mount) && mount.target === undefined) mount.target = `/run/secrets/${String(mount.source)}`;
      if (isMapping(mount) && mount.mode !== undefined) mount.mode = printedFileMode(mount.mode);
      return ordered(mount, FILE_REFERENCE_ORDER);
    });
  }
  inheritPreStartImage(out);
  printTypedValues(out, o.errors);
  if (s.pull_policy === 'if_not_present') out.pull_policy = 'missing';
  if (isMapping(out.build)) {
    for (const key of ['args', 'labels', 'additional_contexts']) if (isMapping(out.build[key])) out.build[key] = sortedKeys(out.build[key]);
    out.build = ordered(out.build, BUILD_ORDER);
  }
  // Go prints maps with their keys sorted
  for (const key of ['annotations', 'depends_on', 'environment', 'labels', 'networks', 'sysctls', 'ulimits']) if (isMapping(out[key])) out[key] = sortedKeys(out[key]);
  return ordered(out, SERVICE_ORDER, SERVICE_ZERO_OMITTED);
}

function sortedKeys(value: Mapping): Mapping {
  const out: Mapping = {};
  for (const k of Object.keys(value).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) out[k] = value[k];
  return out;
}

/** A path as Go's path.Clean writes it (`/data/` → `/data`, `/a/./b/../c` → `/a/c`). */
export function cleanPath(path: string): string {
  const rooted = path.startsWith('/');
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
      else if (!rooted) parts.push('..');
    } else parts.push(part);
  }
  return (rooted ? '/' : '') + parts.join('/') || (rooted ? '/' : '.');
}

/** A mount's target cleaned (loader/normalize.go). */
function cleanTarget(volume: unknown): unknown {
  if (!isMapping(volume) || typeof volume.target !== 'string' || volume.target === '') return volume;
  return { ...volume, target: cleanPath(volume.target) };
}

const STARTED = 'service_started';

/**
 * `depends_on` in long form, plus the dependencies compose adds (loader/normalize.go): `links`,
 * `service:` in network_mode/ipc/pid/uts/cgroup (restart: true), `volumes_from` a service (restart: false).
 */
function impliedDependencies(s: Mapping, implied: (dep: string, attribute: string) => void): Mapping {
  const out: Mapping = {};
  if (Array.isArray(s.depends_on)) for (const d of s.depends_on) out[String(d)] = { condition: STARTED, required: true };
  else if (isMapping(s.depends_on)) {
    for (const [k, v] of Object.entries(s.depends_on)) out[k] = printedDependency({ condition: STARTED, required: true, ...(isMapping(v) ? v : {}) });
  }
  const add = (name: string, restart: boolean, attribute: string) => {
    if (!name || name in out) return;
    out[name] = restart ? { condition: STARTED, restart: true, required: true } : { condition: STARTED, required: true };
    implied(name, attribute);
  };
  if (Array.isArray(s.links)) {
    for (const link of s.links) {
      const parts = String(link).split(':');
      add(parts.length === 2 ? parts[0] : String(link), true, 'links');
    }
  }
  for (const namespace of ['network_mode', 'ipc', 'pid', 'uts', 'cgroup']) {
    const ref = s[namespace];
    if (typeof ref === 'string' && ref.startsWith('service:')) add(ref.slice('service:'.length), true, namespace);
  }
  if (Array.isArray(s.volumes_from)) {
    for (const v of s.volumes_from) if (!String(v).startsWith('container:')) add(String(v).split(':')[0], false, 'volumes_from');
  }
  return out;
}

/** Build args: entries the project environment could not fill are dropped (compose's normalisation). */
function withoutUnknown(args: Mapping | undefined): Mapping | undefined {
  if (!args) return args;
  return Object.fromEntries(Object.entries(args).filter(([, v]) => v !== null));
}

const notFound = (what: string, path: string) => `${what} ${path} not found: stat ${path}: no such file or directory`;

/**
 * `env_file` contents folded into `environment` (types/project.go WithServicesEnvironmentResolved):
 * each file in order, `$X` looked up in the project environment and then the service's own
 * `environment`; explicit `environment` entries win (also unset ones); `env_file` itself is then
 * dropped, as `docker compose config` prints it (it resolves with discardEnvFiles).
 */
function foldEnvFiles(name: string, out: Mapping, o: CanonicalOptions): void {
  const own = isMapping(out.environment) ? (out.environment as Mapping) : {};
  const fromFiles = new Map<string, string>();
  const lookup = (k: string) => o.environment.get(k) ?? (typeof own[k] === 'string' ? (own[k] as string) : undefined);
  for (const entry of out.env_file as Mapping[]) {
    const path = String(entry.path);
    if (entry.format !== undefined && entry.format !== '' && entry.format !== '.env') {
      o.errors.push({ message: `unsupported env_file format ${JSON.stringify(String(entry.format))}`, severity: 'error' });
      continue;
    }
    const text = o.readFile!(path);
    if (text === undefined) {
      if (entry.required !== false) o.errors.push({ message: notFound('env file', path), severity: 'error' });
      continue;
    }
    try {
      noteLines(o, name, 'environment', path, parseDotenv(text, lookup, fromFiles).entries);
    } catch (e) {
      o.errors.push({ message: `failed to read ${path}: ${(e as Error).message}`, severity: 'error' });
    }
  }
  const environment: Mapping = Object.fromEntries(fromFiles);
  Object.assign(environment, own);
  if (out.environment === undefined && fromFiles.size > 0) o.derived?.set(originKey('services', name, 'environment'), { attribute: 'env_file' });
  for (const k of Object.keys(own)) o.derived?.delete(originKey('services', name, 'environment', k));
  if (Object.keys(environment).length > 0) out.environment = environment;
  else delete out.environment;
  delete out.env_file;
}

/**
 * `label_file` contents folded into `labels` (types/project.go WithServicesLabelsResolved): `$X`
 * in a label file sees only labels of the files before it and its own earlier lines; explicit
 * `labels` win; `label_file` is dropped.
 */
function foldLabelFiles(name: string, out: Mapping, files: string[], o: CanonicalOptions): void {
  const fromFiles = new Map<string, string>();
  for (const path of files) {
    const text = o.readFile!(path);
    if (text === undefined) {
      o.errors.push({ message: notFound('label file', path), severity: 'error' });
      continue;
    }
    try {
      const seen = new Map(fromFiles);
      const parsed = parseDotenv(text, (k) => seen.get(k));
      for (const [k, v] of parsed.values) fromFiles.set(k, v);
      noteLines(o, name, 'labels', path, parsed.entries);
    } catch (e) {
      o.errors.push({ message: `failed to read ${path}: ${(e as Error).message}`, severity: 'error' });
    }
  }
  const labels: Mapping = Object.fromEntries(fromFiles);
  if (out.labels === undefined && fromFiles.size > 0) o.derived?.set(originKey('services', name, 'labels'), { attribute: 'label_file' });
  Object.assign(labels, isMapping(out.labels) ? out.labels : {});
  for (const k of Object.keys(isMapping(out.labels) ? out.labels : {})) o.derived?.delete(originKey('services', name, 'labels', k));
  if (Object.keys(labels).length > 0) out.labels = labels;
  delete out.label_file;
}

const SIZE_PATHS = ['mem_limit', 'mem_reservation', 'memswap_limit', 'mem_swappiness', 'shm_size', 'build.shm_size', 'deploy.resources.limits.memory', 'deploy.resources.reservations.memory'];
const DURATION_PATHS = [
  'stop_grace_period',
  'healthcheck.interval',
  'healthcheck.timeout',
  'healthcheck.start_period',
  'healthcheck.start_interval',
  'deploy.update_config.delay',
  'deploy.update_config.monitor',
  'deploy.rollback_config.delay',
  'deploy.rollback_config.monitor',
  'deploy.restart_policy.delay',
  'deploy.restart_policy.window',
].map((p) => p.split('.'));

/** Replaces the value at `path`, or deletes it for undefined (copying the mappings on the way: they belong to the merged model). */
function replaceAt(target: Mapping, path: string[], fn: (value: unknown) => unknown): void {
  let at = target;
  for (let i = 0; i < path.length - 1; i++) {
    const next = at[path[i]];
    if (!isMapping(next)) return;
    at = at[path[i]] = { ...next };
  }
  const last = path[path.length - 1];
  if (at[last] === undefined || at[last] === null) return;
  const value = fn(at[last]);
  if (value === undefined) delete at[last];
  else at[last] = value;
}

const FLOAT32_PATHS = [['cpus'], ['cpu_percent'], ['deploy', 'update_config', 'max_failure_ratio'], ['deploy', 'rollback_config', 'max_failure_ratio']];

/** A UnitBytes field: zero is not printed (`omitempty` on an int64). */
function printedSize(value: unknown): unknown {
  const printed = printedBytes(value);
  return printed === '0' ? undefined : printed;
}

/** Sizes and durations as compose-go's UnitBytes and Duration print them (units.ts). */
function printTypedValues(out: Mapping, errors: ProjectError[]): void {
  for (const path of SIZE_PATHS) replaceAt(out, path.split('.'), printedSize);
  for (const path of DURATION_PATHS) replaceAt(out, path, printedDuration);
  // update/rollback delay and monitor are plain Durations (not pointers): zero is not printed
  for (const kind of ['update_config', 'rollback_config']) {
    replaceAt(out, ['deploy', kind], (c) => (isMapping(c) ? Object.fromEntries(Object.entries(c).filter(([k, v]) => !((k === 'delay' || k === 'monitor') && v === '0s'))) : c));
  }
  for (const path of FLOAT32_PATHS) replaceAt(out, path, float32Value);
  // deploy.resources cpus is a float (NanoCPUs) even when written as a string
  replaceAt(out, ['deploy', 'resources', 'reservations', 'devices'], (d) => (Array.isArray(d) ? deviceRequests(d, errors) : d));
  for (const kind of ['limits', 'reservations']) {
    replaceAt(out, ['deploy', 'resources', kind, 'cpus'], (v) => float32Value(typeof v === 'string' ? (goFloat(v) ?? v) : v));
    replaceAt(out, ['deploy', 'resources', kind], (r) => ordered(r, RESOURCE_ORDER));
  }
  if (Array.isArray(out.volumes)) {
    out.volumes = out.volumes.map((v) => {
      if (!isMapping(v) || !isMapping(v.tmpfs) || v.tmpfs.size === undefined) return v;
      const { size, ...tmpfs } = v.tmpfs;
      const printed = printedSize(size);
      return { ...v, tmpfs: printed === undefined ? tmpfs : { ...tmpfs, size: printed } };
    });
  }
}

/** `file:line` of each key an env/label file defined (the last definition wins). */
function noteLines(o: CanonicalOptions, service: string, attr: string, path: string, entries: readonly { key: string; line: number }[]): void {
  if (!o.derived) return;
  const rel = posix.relative(o.projectDir, path);
  const file = rel && !rel.startsWith('../') ? rel : posix.basename(path);
  for (const e of entries) o.derived.set(originKey('services', service, attr, e.key), { text: `${file}:${e.line + 1}` });
}

/** A `pre_start` hook without an image runs the service's image (loader/normalize.go). */
function inheritPreStartImage(out: Mapping): void {
  if (!Array.isArray(out.pre_start) || typeof out.image !== 'string' || out.image === '') return;
  out.pre_start = out.pre_start.map((hook) => (isMapping(hook) && hook.image === undefined ? { ...hook, image: out.image } : hook));
}

function dedupePorts(ports: unknown[]): unknown[] {
  const seen = new Map<string, number>();
  const out: unknown[] = [];
  for (const p of ports) {
    const m = p as Mapping;
    const key = `${m.host_ip ?? '0.0.0.0'}:${m.published}:${m.target}/${m.protocol ?? 'tcp'}`;
    const at = seen.get(key);
    if (at !== undefined) out[at] = p;
    else {
      seen.set(key, out.length);
      out.push(p);
    }
  }
  return out;
}

/** Whether a service runs with the active profiles (no profiles: always). */
export function serviceEnabled(service: unknown, profiles: readonly string[]): boolean {
  if (!isMapping(service) || !Array.isArray(service.profiles) || service.profiles.length === 0) return true;
  return service.profiles.some((p) => profiles.includes('*') || profiles.includes(String(p)));
}

export function canonicalProject(model: Mapping, o: CanonicalOptions): Mapping {
  const out: Mapping = { name: o.name };
  const services: Mapping = {};
  let usesDefaultNetwork = false;
  if (isMapping(model.services)) {
    for (const name of Object.keys(model.services).sort()) {
      const s = model.services[name];
      if (!serviceEnabled(s, o.profiles)) continue;
      const c = canonicalService(name, isMapping(s) ? s : {}, o);
      if (isMapping(c.networks) && 'default' in c.networks) usesDefaultNetwork = true;
      services[name] = c;
    }
  }
  out.services = services;
  const named = (section: string, implicitDefault: boolean) => {
    const entries: Mapping = isMapping(model[section]) ? { ...(model[section] as Mapping) } : {};
    if (implicitDefault && !('default' in entries)) entries.default = {};
    const result: Mapping = {};
    for (const key of Object.keys(entries).sort()) {
      const e = isMapping(entries[key]) ? { ...(entries[key] as Mapping) } : {};
      if (e.name === undefined) e.name = e.external === true ? key : `${o.name}_${key}`;
      if (section === 'networks' && e.ipam === undefined) e.ipam = {};
      result[key] = section === 'networks' ? printedNetwork(e) : printedVolume(e);
    }
    if (Object.keys(result).length > 0) out[section] = result;
  };
  named('networks', usesDefaultNetwork);
  named('volumes', false);
  for (const section of ['secrets', 'configs', 'models']) {
    if (!isMapping(model[section])) continue;
    const result: Mapping = {};
    for (const key of Object.keys(model[section] as Mapping).sort()) {
      const e = { ...((model[section] as Mapping)[key] as Mapping) };
      if (typeof e.file === 'string') e.file = resolvePath(o.projectDir, e.file);
      if (section === 'models') {
        result[key] = e;
        continue;
      }
      if (e.name === undefined) e.name = e.external === true ? key : `${o.name}_${key}`;
      // a secret's content is never printed, a config's only when it does not come from the environment
      if (section === 'secrets' || e.environment !== undefined) delete e.content;
      result[key] = printedFileObject(e);
    }
    out[section] = result;
  }
  for (const [k, v] of Object.entries(model)) if (k.startsWith('x-')) out[k] = v;
  // the Project struct's field order (configOutput.ts prints JSON with its keys sorted)
  return out;
}

/** Every `$` in string values doubled, as `docker compose config` prints them. */
export function dollarsDoubled(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(/\$/g, '$$$$');
  if (Array.isArray(value)) return value.map(dollarsDoubled);
  if (isMapping(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, dollarsDoubled(v)]));
  return value;
}
