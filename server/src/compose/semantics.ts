// Checks the schema cannot express: references between services and top-level definitions,
// port numbers, durations and sizes inside strings, the obsolete `version:`, and builds that
// point at missing files or stages. Each rule is one small function registered in RULES.
import { parseDocument as parseYaml } from 'yaml';
import * as posix from 'node:path/posix';
import {
  isMap,
  keyName,
  isScalar,
  isSeq,
  lookupPair,
  mapGet,
  resolveNode,
  spanOf,
  type ComposeModel,
  type Node,
  type Pair,
  type ServiceEntry,
  type Span,
  type TopLevelSection,
  type YAMLMap,
} from './model';
import { allBuilds, isRemoteContext, loadDockerfile, type ComposeContext } from './dockerfiles';
import { closest, listNames, type ComposeProblem, type ProblemSeverity } from './problems';
import {
  checkPortRange,
  checkShortPort,
  hasVariables,
  interpolateKnown,
  isByteSize,
  isGoDuration,
  isRestartPolicy,
  parsePortMapping,
  parseShortVolume,
  PORT_PROTOCOLS,
  RESTART_POLICIES,
} from './values';
import { reportInternalError } from './errors';
import { describeFileProblem, type FileRead } from '../common/files';
import { derivedKey } from '../common/derived';

export interface SemanticRule {
  id: string;
  check(model: ComposeModel, ctx: ComposeContext | undefined): ComposeProblem[];
}

interface Field {
  pair: Pair;
  keySpan: Span;
  value?: Node;
}

function field(model: ComposeModel, map: YAMLMap | undefined, key: string): Field | undefined {
  if (!map) return undefined;
  const pair = lookupPair(model, map, key);
  if (!pair) return undefined;
  return { pair, keySpan: spanOf(pair.key as Node), value: resolveNode(model, pair.value as Node | null) };
}

function asMap(model: ComposeModel, node: Node | undefined): YAMLMap | undefined {
  const n = resolveNode(model, node);
  return isMap(n) ? n : undefined;
}

/** Items of a sequence, aliases resolved. */
function items(model: ComposeModel, node: Node | undefined): Node[] {
  if (!isSeq(node)) return [];
  return node.items.map((i) => resolveNode(model, i as Node)).filter((i): i is Node => !!i);
}

/** Keys of a mapping with their spans (merge keys skipped). */
function keys(node: Node | undefined): { name: string; span: Span }[] {
  if (!isMap(node)) return [];
  const out: { name: string; span: Span }[] = [];
  for (const pair of node.items) {
    const k = pair.key as Node | null;
    if (isScalar(k) && k.range && keyName(k) !== '<<') out.push({ name: keyName(k), span: spanOf(k) });
  }
  return out;
}

/** A string scalar with its span; numbers become their text. */
function text(node: Node | undefined): { value: string; span: Span } | undefined {
  if (!isScalar(node) || node.value === null || node.value === undefined || !node.range) return undefined;
  if (typeof node.value === 'object') return undefined;
  return { value: String(node.value), span: spanOf(node) };
}

/** Where the characters of a string scalar start in the source (past an opening quote). */
function contentStart(model: ComposeModel, node: Node): number {
  const start = node.range![0];
  const c = model.text[start];
  return c === '"' || c === "'" ? start + 1 : start;
}

function problem(span: Span, severity: ProblemSeverity, code: string, message: string): ComposeProblem {
  return { span, severity, code, message };
}

// ---- references ---------------------------------------------------------------------------

const SECTION_WORD: Record<TopLevelSection, string> = {
  networks: 'network',
  volumes: 'volume',
  secrets: 'secret',
  configs: 'config',
  models: 'model',
};

function declaredNames(model: ComposeModel, section: TopLevelSection): string[] {
  return model.declared[section].map((d) => d.name);
}

function undefinedInSection(
  model: ComposeModel,
  service: ServiceEntry,
  section: TopLevelSection,
  name: string,
  span: Span,
): ComposeProblem | undefined {
  if (hasVariables(name)) return undefined;
  const names = declaredNames(model, section);
  if (names.includes(name) || activeProject?.declared[section]?.has(name)) return undefined;
  const word = SECTION_WORD[section];
  const declared =
    names.length === 0
      ? `no top-level "${section}" are declared`
      : `only ${names.map((n) => `"${n}"`).join(', ')} ${names.length === 1 ? 'is' : 'are'} declared under top-level ${section}`;
  const suggestion = closest(name, names);
  const p = problem(
    span,
    'error',
    `Undefined${word[0].toUpperCase()}${word.slice(1)}`,
    `Service "${service.name}" refers to undefined ${word} "${name}"; ${declared}.` + (suggestion ? ` Did you mean "${suggestion}"?` : ''),
  );
  p.fixes = [];
  if (suggestion) p.fixes.push({ title: `Change to "${suggestion}"`, edits: [{ span, newText: suggestion }], preferred: true });
  const declare = declareEdit(model, section, name);
  if (declare) p.fixes.push({ title: `Declare ${word} "${name}" under top-level ${section}`, edits: [declare] });
  return p;
}

/**
 * An edit adding `name: {}` to a top-level `networks:`/`volumes:` (created at the end when absent).
 * Secrets and configs need a source (`file:`, `environment:`), so they get no such fix.
 */
function declareEdit(model: ComposeModel, section: TopLevelSection, name: string): { span: Span; newText: string } | undefined {
  if (section !== 'networks' && section !== 'volumes') return undefined;
  if (!/^[a-zA-Z0-9._-]+$/.test(name)) return undefined;
  const root = resolveNode(model, model.doc.contents as Node | null);
  if (!isMap(root)) return undefined;
  const pair = mapGet(root, section);
  const lineAfter = (offset: number) => {
    const line = model.lines.lineOf(offset);
    return line + 1 < model.lines.lineCount ? model.lines.lineStarts[line + 1] : model.text.length;
  };
  const newline = model.text.includes('\r\n') ? '\r\n' : '\n';
  if (!pair) {
    const end = model.text.length;
    const lead = end > 0 && !model.text.endsWith('\n') ? newline : '';
    return { span: { start: end, end }, newText: `${lead}${section}:${newline}  ${name}: {}${newline}` };
  }
  const value = pair.value as Node | null;
  if (isMap(value) && value.items.length > 0 && !value.flow) {
    const first = value.items[0].key as Node;
    const indent = first.range ? first.range[0] - model.lines.lineStarts[model.lines.lineOf(first.range[0])] : 2;
    const last = value.items[value.items.length - 1];
    const lastEnd = ((last.value as Node | null)?.range ?? (last.key as Node).range)![1];
    // After the last entry's content (trailing blank lines and comments stay below the new entry).
    let end = lastEnd;
    while (end > 0 && /\s/.test(model.text[end - 1])) end--;
    const at = lineAfter(end - 1);
    const lead = at === model.text.length && !model.text.endsWith('\n') ? newline : '';
    return { span: { start: at, end: at }, newText: `${lead}${' '.repeat(indent)}${name}: {}${newline}` };
  }
  if (!value || (isScalar(value) && value.value === null)) {
    // `networks:` with nothing under it.
    const at = lineAfter((pair.key as Node).range![0]);
    const lead = at === model.text.length && !model.text.endsWith('\n') ? newline : '';
    return { span: { start: at, end: at }, newText: `${lead}  ${name}: {}${newline}` };
  }
  return undefined;
}

function undefinedService(model: ComposeModel, service: ServiceEntry, name: string, span: Span, relation: string): ComposeProblem | undefined {
  if (model.serviceByName.has(name) || hasVariables(name)) return undefined;
  // Another file of the project defines it (extends without a file looks in this file only).
  if (relation !== 'extends' && activeProject?.serviceNames.has(name)) return undefined;
  const names = model.services.map((s) => s.name);
  const suggestion = closest(name, names);
  const p = problem(
    span,
    'error',
    'UndefinedService',
    `Service "${service.name}" ${relation} undefined service "${name}"; defined services are ${listNames(names)}.` +
      (suggestion ? ` Did you mean "${suggestion}"?` : ''),
  );
  if (suggestion) p.fixes = [{ title: `Change to "${suggestion}"`, edits: [{ span, newText: suggestion }], preferred: true }];
  return p;
}

function serviceReferences(model: ComposeModel, service: ServiceEntry, ctx: ComposeContext | undefined): ComposeProblem[] {
  const out: ComposeProblem[] = [];
  const push = (p: ComposeProblem | undefined) => p && out.push(p);
  const map = service.map;
  if (!map) return out;
  const dependsOn = field(model, map, 'depends_on')?.value;
  for (const item of items(model, dependsOn)) {
    const t = text(item);
    if (t) push(undefinedService(model, service, t.value, t.span, 'depends on'));
  }
  for (const k of keys(dependsOn)) push(undefinedService(model, service, k.name, k.span, 'depends on'));

  for (const item of items(model, field(model, map, 'links')?.value)) {
    const t = text(item);
    if (!t) continue;
    const name = t.value.split(':')[0];
    const start = contentStart(model, item);
    push(undefinedService(model, service, name, { start, end: start + name.length }, 'links to'));
  }

  const networkModeNode = field(model, map, 'network_mode')?.value;
  const networkMode = text(networkModeNode);
  if (networkModeNode && networkMode?.value.startsWith('service:')) {
    const name = networkMode.value.slice('service:'.length);
    const start = contentStart(model, networkModeNode) + 'service:'.length;
    push(undefinedService(model, service, name, { start, end: start + name.length }, 'shares the network stack of'));
  }

  const ext = field(model, map, 'extends');
  if (ext) out.push(...extendsProblems(model, ctx, service, ext));

  const networks = field(model, map, 'networks')?.value;
  for (const item of items(model, networks)) {
    const t = text(item);
    if (t && t.value !== 'default') push(undefinedInSection(model, service, 'networks', t.value, t.span));
  }
  for (const k of keys(networks)) if (k.name !== 'default') push(undefinedInSection(model, service, 'networks', k.name, k.span));

  for (const item of items(model, field(model, map, 'volumes')?.value)) {
    const t = text(item);
    if (t) {
      const mount = parseShortVolume(t.value);
      if (mount.kind === 'volume' && mount.source) {
        const start = contentStart(model, item);
        push(undefinedInSection(model, service, 'volumes', mount.source, { start, end: start + mount.source.length }));
      }
      continue;
    }
    const long = asMap(model, item);
    const type = text(field(model, long, 'type')?.value)?.value;
    const source = text(field(model, long, 'source')?.value);
    if (type === 'volume' && source) push(undefinedInSection(model, service, 'volumes', source.value, source.span));
  }

  for (const section of ['secrets', 'configs'] as const) {
    out.push(...grantReferences(model, service, section, field(model, map, section)?.value));
  }
  const build = asMap(model, field(model, map, 'build')?.value);
  out.push(...grantReferences(model, service, 'secrets', field(model, build, 'secrets')?.value));
  return out;
}

/**
 * What References reads beyond the service's own nodes and the file's names (which an edit inside
 * one service leaves as they were): the project's service and declared names, whether there is a
 * context, and whether the text ends with a line break (a "declare" fix appended at the end says so).
 */
function referenceInputs(model: ComposeModel, ctx: ComposeContext | undefined): string {
  const project = ctx?.project;
  const parts = [ctx ? ctx.path : '', model.text.endsWith('\n') ? 'lf' : ''];
  if (project) {
    parts.push([...project.serviceNames].join('\u0001'));
    for (const section of Object.keys(project.declared).sort()) parts.push(section, [...project.declared[section]].join('\u0001'));
  }
  return parts.join('\u0000');
}

/** A service whose References read a file (`extends` with a `file`): checked again after every edit. */
function readsFiles(model: ComposeModel, service: ServiceEntry): boolean {
  const ext = field(model, service.map, 'extends');
  return !!ext && !!field(model, asMap(model, ext.value), 'file');
}

function grantReferences(model: ComposeModel, service: ServiceEntry, section: 'secrets' | 'configs', node: Node | undefined): ComposeProblem[] {
  const out: ComposeProblem[] = [];
  for (const item of items(model, node)) {
    const t = text(item) ?? text(field(model, asMap(model, item), 'source')?.value);
    if (!t) continue;
    const p = undefinedInSection(model, service, section, t.value, t.span);
    if (p) out.push(p);
  }
  return out;
}

function extendsProblems(model: ComposeModel, ctx: ComposeContext | undefined, service: ServiceEntry, ext: Field): ComposeProblem[] {
  const direct = text(ext.value);
  if (direct) {
    const p = undefinedService(model, service, direct.value, direct.span, 'extends');
    return p ? [p] : [];
  }
  const m = asMap(model, ext.value);
  const target = text(field(model, m, 'service')?.value);
  const file = text(field(model, m, 'file')?.value);
  if (!target) return [];
  if (!file) {
    const p = undefinedService(model, service, target.value, target.span, 'extends');
    return p ? [p] : [];
  }
  if (!ctx || hasVariables(file.value) || /^[a-z][a-z0-9+.-]+:/i.test(file.value)) return [];
  const path = posix.resolve(posix.dirname(ctx.path), file.value);
  const read: FileRead = ctx.host.read?.(path) ?? fromReadFile(ctx.host.readFile(path));
  const other = 'text' in read ? read.text : undefined;
  if (other === undefined) {
    if ('problem' in read && read.problem !== 'missing') {
      return [problem(file.span, 'error', 'UnreadableFile', `extends.file ${describeFileProblem(read.problem, `"${file.value}"`)}.`)];
    }
    return [problem(file.span, 'error', 'MissingFile', `extends.file "${file.value}" does not exist (no file ${relativeTo(ctx, path)}).`)];
  }
  let names: string[] = [];
  try {
    // uniqueKeys off: the library's duplicate check is quadratic, and duplicates are not this check's business.
    const value = parseYaml(other, { merge: true, uniqueKeys: false }).toJS() as { services?: Record<string, unknown> } | null;
    names = Object.keys(value?.services ?? {});
  } catch (error) {
    reportInternalError('extends file', error);
    return [];
  }
  if (names.includes(target.value)) return [];
  return [
    problem(
      target.span,
      'error',
      'UndefinedService',
      `Service "${service.name}" extends "${target.value}", which ${file.value} does not define; it defines ${listNames(names)}.`,
    ),
  ];
}

// ---- values inside strings ------------------------------------------------------------------

function ports(model: ComposeModel, service: ServiceEntry): ComposeProblem[] {
  const out: ComposeProblem[] = [];
  for (const item of items(model, field(model, service.map, 'ports')?.value)) {
    if (isScalar(item) && typeof item.value === 'number') {
      const msg = checkPortRange(String(item.value), 'container port', false);
      if (msg) out.push(problem(spanOf(item), 'error', 'InvalidPort', cap(msg) + '.'));
      continue;
    }
    const t = text(item);
    if (t) {
      const start = contentStart(model, item);
      const raw = model.text.slice(start, start + t.value.length) === t.value;
      for (const p of checkShortPort(t.value)) {
        const span = raw ? { start: start + p.start, end: start + p.end } : t.span;
        out.push(problem(span, 'error', 'InvalidPort', `Port "${t.value}": ${p.message}.`));
      }
      continue;
    }
    const long = asMap(model, item);
    if (!long) continue;
    const target = text(field(model, long, 'target')?.value);
    if (target && !hasVariables(target.value)) {
      const msg = checkPortRange(target.value, 'container port (target)', false);
      if (msg || target.value.includes('-')) {
        out.push(
          problem(target.span, 'error', 'InvalidPort', `The container port (target) must be a number 1-65535; "${target.value}" is not.`),
        );
      }
    }
    const published = text(field(model, long, 'published')?.value);
    const publishedValue = published && interpolateKnown(published.value);
    if (published && publishedValue !== undefined) {
      const msg = checkPortRange(publishedValue, 'published port', false);
      if (msg) out.push(problem(published.span, 'error', 'InvalidPort', cap(msg) + '.'));
    }
    const protocol = text(field(model, long, 'protocol')?.value);
    if (protocol && !hasVariables(protocol.value) && !PORT_PROTOCOLS.includes(protocol.value.toLowerCase())) {
      out.push(
        problem(protocol.span, 'error', 'InvalidPort', `Unknown protocol "${protocol.value}" (only ${PORT_PROTOCOLS.join(', ')}).`),
      );
    }
    const mode = text(field(model, long, 'mode')?.value);
    if (mode && !hasVariables(mode.value) && !['host', 'ingress'].includes(mode.value)) {
      out.push(problem(mode.span, 'error', 'InvalidValue', `Port mode must be "host" or "ingress"; found "${mode.value}".`));
    }
  }
  return out;
}

function cap(s: string): string {
  return s[0].toUpperCase() + s.slice(1);
}

/** Service paths whose string value is a Go duration. */
const DURATION_PATHS: string[][] = [
  ['healthcheck', 'interval'],
  ['healthcheck', 'timeout'],
  ['healthcheck', 'start_period'],
  ['healthcheck', 'start_interval'],
  ['stop_grace_period'],
  ['deploy', 'restart_policy', 'delay'],
  ['deploy', 'restart_policy', 'window'],
  ['deploy', 'update_config', 'delay'],
  ['deploy', 'update_config', 'monitor'],
  ['deploy', 'rollback_config', 'delay'],
  ['deploy', 'rollback_config', 'monitor'],
];

/** Service paths whose value is a byte size (`512m`, `2g`). */
const BYTE_SIZE_PATHS: string[][] = [
  ['mem_limit'],
  ['mem_reservation'],
  ['memswap_limit'],
  ['shm_size'],
  ['build', 'shm_size'],
  ['deploy', 'resources', 'limits', 'memory'],
  ['deploy', 'resources', 'reservations', 'memory'],
];

function valueAt(model: ComposeModel, map: YAMLMap | undefined, path: string[]): Node | undefined {
  let current: YAMLMap | undefined = map;
  let node: Node | undefined;
  for (const seg of path) {
    node = field(model, current, seg)?.value;
    current = asMap(model, node);
  }
  return node;
}

function durationsAndSizes(model: ComposeModel, service: ServiceEntry): ComposeProblem[] {
  const out: ComposeProblem[] = [];
  for (const path of DURATION_PATHS) {
    const node = valueAt(model, service.map, path);
    if (!isScalar(node) || typeof node.value !== 'string') continue;
    const known = interpolateKnown(node.value);
    if (known === undefined || isGoDuration(known)) continue;
    out.push(
      problem(
        spanOf(node),
        'error',
        'InvalidDuration',
        `"${path[path.length - 1]}" must be a duration such as "10s", "1m30s" or "500ms"; "${node.value}" is not.`,
      ),
    );
  }
  for (const path of BYTE_SIZE_PATHS) {
    const node = valueAt(model, service.map, path);
    if (!isScalar(node) || typeof node.value !== 'string') continue;
    const known = interpolateKnown(node.value);
    if (known === undefined || isByteSize(known) || known === '-1') continue;
    out.push(
      problem(
        spanOf(node),
        'error',
        'InvalidByteSize',
        `"${path[path.length - 1]}" must be a size in bytes, optionally with a unit: "512m", "2g", "1024k"; "${node.value}" is not.`,
      ),
    );
  }
  return out;
}

function restartPolicies(model: ComposeModel, service: ServiceEntry): ComposeProblem[] {
  const out: ComposeProblem[] = [];
  const node = field(model, service.map, 'restart')?.value;
  if (!isScalar(node) || typeof node.value !== 'string') return out;
  const known = interpolateKnown(node.value);
  if (known === undefined || isRestartPolicy(known)) return out;
  const names = RESTART_POLICIES.map((r) => r.value);
  const suggestion = closest(known, names);
  const p = problem(
    spanOf(node),
    'error',
    'InvalidRestartPolicy',
    `Unknown restart policy "${node.value}": use ${names.map((n) => `"${n}"`).join(', ')} (or "on-failure:N").` +
      (suggestion ? ` Did you mean "${suggestion}"?` : ''),
  );
  if (suggestion) p.fixes = [{ title: `Change to "${suggestion}"`, edits: [{ span: spanOf(node), newText: suggestion }], preferred: true }];
  out.push(p);
  return out;
}

/** `depends_on` edges, with the span of each reference. */
interface Edge {
  to: string;
  span: Span;
}

/** One service's `depends_on` names, where written. */
function serviceEdges(model: ComposeModel, service: ServiceEntry): Edge[] {
  const list: Edge[] = [];
  const dependsOn = field(model, service.map, 'depends_on')?.value;
  for (const item of items(model, dependsOn)) {
    const t = text(item);
    if (t) list.push({ to: t.value, span: t.span });
  }
  for (const k of keys(dependsOn)) list.push({ to: k.name, span: k.span });
  return list;
}

/** The list with its spans moved (itself when none moves). */
const movedSpans = <T extends { span: Span }>(list: T[], move: (span: Span) => Span): T[] =>
  list.some((x) => move(x.span) !== x.span) ? list.map((x) => ({ ...x, span: move(x.span) })) : list;

function dependencyEdges(model: ComposeModel): Map<string, Edge[]> {
  const perService = factsPerService(model, 'dependsOn', serviceEdges, movedSpans);
  const edges = new Map<string, Edge[]>();
  model.services.forEach((service, i) => edges.set(service.name, perService[i]));
  return edges;
}

/** Compose refuses `depends_on` cycles ("dependency cycle detected"); report the edge that closes each. */
function dependencyCycles(model: ComposeModel): ComposeProblem[] {
  const edges = dependencyEdges(model);
  const out: ComposeProblem[] = [];
  const state = new Map<string, 'active' | 'done'>();
  const stack: string[] = [];
  const walk = (name: string) => {
    state.set(name, 'active');
    stack.push(name);
    for (const edge of edges.get(name) ?? []) {
      if (!edges.has(edge.to)) continue;
      const s = state.get(edge.to);
      if (s === 'active') {
        const cycle = [...stack.slice(stack.indexOf(edge.to)), edge.to];
        out.push(
          problem(
            edge.span,
            'error',
            'DependencyCycle',
            edge.to === name
              ? `Service "${name}" depends on itself.`
              : `depends_on cycle: ${cycle.join(' → ')}. Compose cannot decide which service to start first.`,
          ),
        );
      } else if (s === undefined) walk(edge.to);
    }
    stack.pop();
    state.set(name, 'done');
  };
  for (const name of edges.keys()) if (!state.has(name)) walk(name);
  return out;
}

/** Two services publishing the same host port (same address and protocol) cannot both start. */
interface HostPort {
  /** ip, host port and protocol. */
  id: string;
  host: string;
  span: Span;
}

/** One service's published host ports (short syntax, numbers only), where written. */
function serviceHostPorts(model: ComposeModel, service: ServiceEntry): HostPort[] {
  const out: HostPort[] = [];
  for (const item of items(model, field(model, service.map, 'ports')?.value)) {
    const t = text(item);
    if (!t || t.value.includes('$')) continue;
    const p = parsePortMapping(t.value);
    if (!p.host || !/^\d+$/.test(p.host)) continue;
    out.push({ id: `${p.ip ?? '*'}|${p.host}|${(p.protocol ?? 'tcp').toLowerCase()}`, host: p.host, span: t.span });
  }
  return out;
}

function duplicateHostPorts(model: ComposeModel): ComposeProblem[] {
  const out: ComposeProblem[] = [];
  const seen = new Map<string, string>();
  const perService = factsPerService(model, 'hostPorts', serviceHostPorts, movedSpans);
  model.services.forEach((service, i) => {
    for (const port of perService[i]) {
      const first = seen.get(port.id);
      if (first !== undefined && first !== service.name) {
        out.push(
          problem(port.span, 'warning', 'DuplicateHostPort', `Host port ${port.host} is already published by service "${first}"; both cannot bind it at the same time.`),
        );
      } else seen.set(port.id, service.name);
    }
  });
  return out;
}

/** env_file and include entries that point at missing files (env_file entries may be `required: false`). */
function missingFiles(model: ComposeModel, ctx: ComposeContext | undefined): ComposeProblem[] {
  if (!ctx) return [];
  const out: ComposeProblem[] = [];
  const dir = posix.dirname(ctx.path);
  const check = (t: { value: string; span: Span } | undefined, what: string) => {
    if (!t || t.value === '' || hasVariables(t.value) || /^[a-z][a-z0-9+.-]+:/i.test(t.value)) return;
    const abs = posix.resolve(dir, t.value);
    if (ctx.host.exists(abs)) return;
    if (outsideProject(ctx, abs)) {
      out.push(problem(t.span, 'error', 'UnreadableFile', `${what} ${describeFileProblem('outside-project', `"${t.value}"`)}.`));
      return;
    }
    const rel = relativeTo(ctx, abs);
    out.push(problem(t.span, 'error', 'MissingFile', `${what} "${t.value}" does not exist${rel === t.value ? '' : ` (${rel})`}.`));
  };
  for (const service of model.services) {
    const envFile = field(model, service.map, 'env_file')?.value;
    check(text(envFile), 'The env_file');
    for (const item of items(model, envFile)) {
      const m = asMap(model, item);
      if (!m) {
        check(text(item), 'The env_file');
        continue;
      }
      const required = field(model, m, 'required')?.value;
      if (isScalar(required) && (required.value === false || required.value === 'false')) continue;
      check(text(field(model, m, 'path')?.value), 'The env_file');
    }
  }
  const root = asMap(model, (model.doc.contents as Node | null) ?? undefined);
  for (const item of items(model, field(model, root, 'include')?.value)) {
    const m = asMap(model, item);
    if (!m) {
      check(text(item), 'The included file');
      continue;
    }
    const path = field(model, m, 'path')?.value;
    check(text(path), 'The included file');
    for (const p of items(model, path)) check(text(p), 'The included file');
  }
  return out;
}

// ---- file-level ---------------------------------------------------------------------------

function obsoleteVersion(model: ComposeModel): ComposeProblem[] {
  const root = resolveNode(model, model.doc.contents as Node | null);
  if (!isMap(root)) return [];
  const pair = mapGet(root, 'version');
  if (!pair || !isScalar(pair.key)) return [];
  const keySpan = spanOf(pair.key as Node);
  const value = pair.value as Node | null;
  const end = value?.range ? value.range[1] : keySpan.end;
  // Remove whole lines: from the start of the key's line to the start of the line after the value.
  const lineStart = model.lines.lineStarts[model.lines.lineOf(keySpan.start)];
  const lastLine = model.lines.lineOf(end);
  const removeEnd = lastLine + 1 < model.lines.lineCount ? model.lines.lineStarts[lastLine + 1] : model.text.length;
  const onlyOnLine = model.text.slice(lineStart, keySpan.start).trim() === '';
  const removal = onlyOnLine ? { start: lineStart, end: removeEnd } : { start: keySpan.start, end };
  return [
    {
      span: { start: keySpan.start, end },
      severity: 'warning',
      code: 'ObsoleteVersion',
      message: 'The top-level "version" is obsolete: Compose ignores it and always uses the latest Compose Specification. Remove it.',
      unnecessary: true,
      fixes: [{ title: 'Remove the obsolete "version"', edits: [{ span: removal, newText: '' }], preferred: true }],
    },
  ];
}

const PRIMARY_FILE = /^(?:docker-)?compose\.ya?ml$/;

function imageOrBuild(model: ComposeModel, ctx: ComposeContext | undefined): ComposeProblem[] {
  const project = ctx?.project;
  // Without the project, override files (`-f a.yml -f b.yml`) may hold partial services: check only the main file.
  if (!ctx || (!project?.multiFile && !PRIMARY_FILE.test(posix.basename(ctx.path)))) return [];
  const out: ComposeProblem[] = [];
  for (const s of model.services) {
    if (!s.map) continue;
    // Part of a project: judge the service as the files merge it.
    if (project?.multiFile) {
      if (!project.serviceComplete(s.name)) {
        out.push(problem(s.keySpan, 'warning', 'NoImageOrBuild', `Service "${s.name}" has neither "image" nor "build" in any file of its project; Compose cannot create its container.`));
      }
      continue;
    }
    if (['image', 'build', 'extends', 'provider'].some((k) => lookupPair(model, s.map!, k))) continue;
    out.push(
      problem(s.keySpan, 'warning', 'NoImageOrBuild', `Service "${s.name}" has neither "image" nor "build"; Compose cannot create its container.`),
    );
  }
  return out;
}

function builds(model: ComposeModel, ctx: ComposeContext | undefined): ComposeProblem[] {
  if (!ctx) return [];
  const out: ComposeProblem[] = [];
  for (const info of allBuilds(model, ctx.path)) {
    if (isRemoteContext(info.context) || !info.contextDir) continue;
    if (!ctx.host.exists(info.contextDir)) {
      const span = info.contextSpan ?? info.keySpan;
      if (outsideProject(ctx, info.contextDir)) {
        out.push(problem(span, 'error', 'UnreadableFile', `The build context ${describeFileProblem('outside-project', `"${info.context}"`)}.`));
        continue;
      }
      out.push(problem(span, 'error', 'MissingBuildContext', `The build context "${info.context}" does not exist (no folder ${relativeTo(ctx, info.contextDir)}).`));
      continue;
    }
    if (info.dockerfilePath && !ctx.host.exists(info.dockerfilePath)) {
      const span = info.dockerfileSpan ?? info.contextSpan ?? info.keySpan;
      if (outsideProject(ctx, info.dockerfilePath)) {
        out.push(problem(span, 'error', 'UnreadableFile', `The Dockerfile ${describeFileProblem('outside-project', `"${info.dockerfile}"`)}.`));
        continue;
      }
      out.push(
        problem(span, 'error', 'MissingDockerfile', `No Dockerfile at ${relativeTo(ctx, info.dockerfilePath)} ("${info.dockerfile}" in the build context "${info.context}").`),
      );
      continue;
    }
    if (info.target === undefined || !info.targetSpan || hasVariables(info.target)) continue;
    const dockerfile = loadDockerfile(ctx, info);
    if (!dockerfile) continue;
    if (dockerfile.stageByName(info.target)) continue;
    const names = dockerfile.stages.map((s) => s.name).filter((n): n is string => !!n);
    const suggestion = closest(info.target, names);
    const p = problem(
      info.targetSpan,
      'error',
      'UnknownBuildTarget',
      `No stage named "${info.target}" in ${info.inline !== undefined ? 'the inline Dockerfile' : info.dockerfile}; ` +
        (names.length ? `its named stages are ${listNames(names)}.` : 'it has no named stages ("FROM image AS name").') +
        (suggestion ? ` Did you mean "${suggestion}"?` : ''),
    );
    if (suggestion) p.fixes = [{ title: `Change to "${suggestion}"`, edits: [{ span: info.targetSpan, newText: suggestion }], preferred: true }];
    out.push(p);
  }
  return out;
}

function fromReadFile(text: string | undefined): FileRead {
  return text === undefined ? { problem: 'missing' } : { text };
}

/** Restricted Mode: the host refuses to look outside the workspace folders (and says so instead of "missing"). */
function outsideProject(ctx: ComposeContext, absPath: string): boolean {
  const r = ctx.host.read?.(absPath);
  return !!r && 'problem' in r && r.problem === 'outside-project';
}

/** A path as the author wrote it: relative to the Compose file's folder when inside it. */
function relativeTo(ctx: ComposeContext, absPath: string): string {
  const rel = posix.relative(posix.dirname(ctx.path), absPath);
  return rel === '' ? '.' : rel.startsWith('..') ? absPath : rel;
}

/**
 * Rules that read one service's own nodes (and anchors defined before it: an edit inside another
 * service cannot change them), plus for some what `inputs` names: their problems are kept per
 * service and model, and a model made by an edit inside one service (compose/incremental.ts) takes
 * the other services' from the previous model's when the inputs are the same, spans past the edit
 * moved.
 */
interface ServiceResults {
  /** The rule's inputs beyond the service (`inputs`), as they were when the results were made. */
  inputs: string;
  results: ComposeProblem[][];
  /** Services whose results may not be carried (they read files). */
  fresh: Set<number>;
}
const SERVICE_RESULTS = derivedKey<Map<string, ServiceResults>>('compose.perServiceResults');

interface ServiceCarry {
  /** The previous model's results (filled when its rules run, if they have not yet). */
  results: Map<string, ServiceResults>;
  /** The previous model's facts per service (`factsPerService`). */
  facts: Map<string, unknown[]>;
  /** The edited service's index; the old text from `at` on moved by `delta`. */
  index: number;
  at: number;
  delta: number;
}
/** Seeded by `carryServiceResults` on a model made by an edit; absent (undefined) on any other model. */
const SERVICE_CARRY = derivedKey<ServiceCarry | undefined>('compose.serviceCarry');

const newResults = (): Map<string, ServiceResults> => new Map();

/**
 * Records that `next` is `previous` with the service at `index` re-parsed: the old text from `at`
 * (the end of that service's text) on moved by `delta`.
 */
export function carryServiceResults(next: ComposeModel, previous: ComposeModel, index: number, at: number, delta: number): void {
  const results = previous.derived(SERVICE_RESULTS, newResults);
  const facts = previous.derived(SERVICE_FACTS, newFacts);
  next.derived(SERVICE_CARRY, () => ({ results, facts, index, at, delta }));
}

/**
 * What a whole-file rule reads of each service (its own nodes only), kept per service and model
 * like the per-service results: after an edit inside one service, the others' facts are the
 * previous version's with their spans moved (`move` makes the moved copy).
 */
const SERVICE_FACTS = derivedKey<Map<string, unknown[]>>('compose.perServiceFacts');
const newFacts = (): Map<string, unknown[]> => new Map();

function factsPerService<T>(
  model: ComposeModel,
  id: string,
  extract: (model: ComposeModel, service: ServiceEntry) => T,
  move: (fact: T, move: (span: Span) => Span) => T,
): T[] {
  const byId = model.derived(SERVICE_FACTS, newFacts);
  let facts = byId.get(id) as T[] | undefined;
  if (!facts) {
    const carry = model.derived(SERVICE_CARRY, () => undefined);
    const before = carry?.facts.get(id) as T[] | undefined;
    const kept = carry && before && before.length === model.services.length ? carry : undefined;
    const shift = kept ? (span: Span): Span => (span.start >= kept.at ? { start: span.start + kept.delta, end: span.end + kept.delta } : span) : undefined;
    facts = model.services.map((service, i) => (kept && i !== kept.index ? (kept.delta === 0 ? before![i] : move(before![i], shift!)) : extract(model, service)));
    byId.set(id, facts);
  }
  return facts;
}

interface PerServiceOptions {
  inputs?: (model: ComposeModel, ctx: ComposeContext | undefined) => string;
  /** A service whose results are never carried (asked when its results are made). */
  fresh?: (model: ComposeModel, service: ServiceEntry) => boolean;
}

function perService(
  id: string,
  check: (model: ComposeModel, service: ServiceEntry, ctx: ComposeContext | undefined) => ComposeProblem[],
  options: PerServiceOptions = {},
): SemanticRule['check'] {
  return (model, ctx) => {
    const byRule = model.derived(SERVICE_RESULTS, newResults);
    const inputs = options.inputs ? options.inputs(model, ctx) : '';
    let entry = byRule.get(id);
    if (!entry || entry.inputs !== inputs) {
      const carry = model.derived(SERVICE_CARRY, () => undefined);
      const before = carry?.results.get(id);
      const kept = carry && before && before.inputs === inputs && before.results.length === model.services.length ? carry : undefined;
      const fresh = new Set<number>();
      const results = model.services.map((service, i) => {
        if (kept && i !== kept.index && !before!.fresh.has(i)) return before!.results[i].map((p) => moved(p, kept.at, kept.delta));
        if (options.fresh?.(model, service)) fresh.add(i);
        return check(model, service, ctx);
      });
      entry = { inputs, results, fresh };
      byRule.set(id, entry);
    }
    return entry.results.flat();
  };
}

/**
 * A problem of a service the edit did not touch, spans from `at` on moved by `delta` (a new object
 * when one moves: the previous model's stay as they were).
 */
function moved(p: ComposeProblem, at: number, delta: number): ComposeProblem {
  const moves = (span: Span) => span.start >= at;
  if (delta === 0 || !(moves(p.span) || p.fixes?.some((f) => f.edits.some((e) => moves(e.span))))) return p;
  const move = (span: Span): Span => (moves(span) ? { start: span.start + delta, end: span.end + delta } : span);
  const out: ComposeProblem = { ...p, span: move(p.span) };
  if (p.fixes) out.fixes = p.fixes.map((f) => ({ ...f, edits: f.edits.map((e) => ({ ...e, span: move(e.span) })) }));
  return out;
}

export const RULES: SemanticRule[] = [
  { id: 'ObsoleteVersion', check: obsoleteVersion },
  { id: 'References', check: perService('References', serviceReferences, { inputs: referenceInputs, fresh: readsFiles }) },
  { id: 'Ports', check: perService('Ports', ports) },
  { id: 'DurationsAndSizes', check: perService('DurationsAndSizes', durationsAndSizes) },
  { id: 'RestartPolicy', check: perService('RestartPolicy', restartPolicies) },
  { id: 'DependencyCycle', check: dependencyCycles },
  { id: 'DuplicateHostPort', check: duplicateHostPorts },
  { id: 'MissingFile', check: missingFiles },
  { id: 'NoImageOrBuild', check: imageOrBuild },
  { id: 'Builds', check: builds },
];

/** The project of the document being checked (set for the duration of semanticProblems). */
let activeProject: ComposeContext['project'];

export function semanticProblems(model: ComposeModel, ctx: ComposeContext | undefined): ComposeProblem[] {
  activeProject = ctx?.project;
  try {
    return semanticProblemsOf(model, ctx);
  } finally {
    activeProject = undefined;
  }
}

function semanticProblemsOf(model: ComposeModel, ctx: ComposeContext | undefined): ComposeProblem[] {
  if (model.hasYamlErrors || !isMap(resolveNode(model, model.doc.contents as Node | null))) return [];
  const out: ComposeProblem[] = [];
  for (const rule of RULES) {
    try {
      out.push(...rule.check(model, ctx));
    } catch (error) {
      reportInternalError(`semantic rule ${rule.id}`, error);
      // A rule that trips over an odd document reports nothing rather than breaking validation.
    }
  }
  if (ctx && !ctx.project?.multiFile && !PRIMARY_FILE.test(posix.basename(ctx.path))) {
    // An override or fragment file (`-f base.yml -f this.yml`) may use names another file defines.
    // (copies: the problems may be kept per service for the next version)
    return out.map((p) =>
      p.code.startsWith('Undefined') && p.severity === 'error'
        ? { ...p, severity: 'warning', message: p.message + ' (If another Compose file merged with this one defines it, ignore this.)' }
        : p,
    );
  }
  return out;
}
