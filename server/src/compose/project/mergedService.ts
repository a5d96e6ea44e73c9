// One service of the resolved project, for the features of a single document: the merged and
// interpolated value, its canonical form (also for a service the active profiles leave out), the
// build it really uses (context, Dockerfile, target after merge and `${VAR}`), its command and
// entrypoint, and where each value came from as `file:line`.
import * as posix from 'node:path/posix';
import { LineIndex } from '../../common/lineIndex';
import { buildInfo, type BuildInfo, type ComposeContext } from '../dockerfiles';
import type { ComposeModel, ServiceEntry } from '../model';
import { canonicalService, serviceEnabled } from './canonical';
import { KEYED_LISTS, printedEntryKey } from './listEntries';
import { originKey, type LoadedFile, type Origin } from './loader';
import type { ProjectContext } from './projectContext';
import type { ResolvedProject } from './projects';

type Mapping = Record<string, unknown>;
const isMapping = (v: unknown): v is Mapping => !!v && typeof v === 'object' && !Array.isArray(v);

export interface MergedService {
  name: string;
  /** Merged and interpolated, before canonical forms (`command` still a string when written so). */
  raw: Mapping;
  /** As `docker compose config` prints it. */
  canonical: Mapping;
  /** Started with the active profiles. */
  enabled: boolean;
}

/** The service as the whole project defines it; undefined when no file of the project defines it. */
export function mergedService(project: ResolvedProject, name: string): MergedService | undefined {
  const services = project.loaded.model.services;
  if (!isMapping(services) || !Object.prototype.hasOwnProperty.call(services, name)) return undefined;
  const raw = isMapping(services[name]) ? (services[name] as Mapping) : {};
  const enabled = serviceEnabled(raw, project.profiles);
  const printed = isMapping(project.canonical.services) ? (project.canonical.services as Mapping)[name] : undefined;
  const canonical = enabled && isMapping(printed) ? printed : canonicalService(name, raw, canonicalOptions(project));
  return { name, raw, canonical, enabled };
}

function canonicalOptions(project: ResolvedProject) {
  const environment = new Map([...project.environment].map(([k, v]) => [k, v.value]));
  return { name: project.name, projectDir: project.spec.projectDir, environment, profiles: project.profiles, errors: [] };
}

/** `command:` / `entrypoint:` of the merged service: a string or a list; null when written empty; undefined when unset. */
export function mergedCommand(service: MergedService, key: 'command' | 'entrypoint'): string | string[] | null | undefined {
  const v = service.raw[key];
  if (v === undefined) return undefined;
  if (v === null) return null;
  if (Array.isArray(v)) return v.map((w) => (w === null || w === undefined ? '' : String(w)));
  return String(v);
}

export interface MergedBuild {
  /** The context as compose resolves it: an absolute folder, or a remote URL. */
  context: string;
  contextDir?: string;
  dockerfile: string;
  dockerfilePath?: string;
  inline?: string;
  target?: string;
  args?: Record<string, string>;
}

const REMOTE = /^(?:https?:\/\/|git@|git:\/\/|github\.com\/|ssh:\/\/)|\.git(?:#|$)/;

/** The merged service's build; undefined when it does not build. */
export function mergedBuild(service: MergedService): MergedBuild | undefined {
  const build = service.canonical.build;
  if (!isMapping(build)) return undefined;
  const context = typeof build.context === 'string' ? build.context : '.';
  const out: MergedBuild = { context, dockerfile: typeof build.dockerfile === 'string' ? build.dockerfile : 'Dockerfile' };
  if (typeof build.dockerfile_inline === 'string') out.inline = build.dockerfile_inline;
  if (typeof build.target === 'string') out.target = build.target;
  if (isMapping(build.args)) {
    const args: Record<string, string> = {};
    for (const [k, v] of Object.entries(build.args)) if (typeof v === 'string') args[k] = v;
    if (Object.keys(args).length > 0) out.args = args;
  }
  if (!REMOTE.test(context) && posix.isAbsolute(context)) {
    out.contextDir = context;
    if (out.inline === undefined) out.dockerfilePath = posix.resolve(context, out.dockerfile);
  }
  return out;
}

/** Where the value at `path` (below the project root: `services`, name, attribute, keys…) came from. */
export function originOf(project: ResolvedProject, ...path: (string | number)[]): Origin | undefined {
  return project.loaded.origins.get(originKey(...path));
}

const lineIndexes = new WeakMap<LoadedFile, LineIndex>();

/** Zero-based line of an origin in its file. */
export function originLine(project: ResolvedProject, origin: Origin): number | undefined {
  const file = project.loaded.files.get(origin.file);
  if (!file || !origin.span) return undefined;
  let lines = lineIndexes.get(file);
  if (!lines) lineIndexes.set(file, (lines = new LineIndex(file.text)));
  return lines.positionAt(origin.span.start).line;
}

/** A project file's name relative to the project directory (its base name when outside). */
export function projectRelative(project: ResolvedProject, path: string): string {
  const rel = posix.relative(project.spec.projectDir, path);
  return rel && !rel.startsWith('../') ? rel : posix.basename(path);
}

/** `compose.override.yaml:4`, with ` (extends)` / ` (include)` when it came that way. */
export function originText(project: ResolvedProject, origin: Origin | undefined): string | undefined {
  if (!origin) return undefined;
  const line = originLine(project, origin);
  return `${projectRelative(project, origin.file)}${line !== undefined ? `:${line + 1}` : ''}${origin.via ? ` (${origin.via})` : ''}`;
}

/**
 * Where the value at `path` came from: its own origin, else what the canonical form derived it
 * from (an env_file's line, or the attribute implying a dependency: `compose.yaml:5 (links)`).
 */
export function keyOriginText(project: ResolvedProject, ...path: string[]): string | undefined {
  const own = originText(project, originOf(project, ...path));
  if (own) return own;
  const derived = project.derivedOrigins?.get(originKey(...path));
  if (!derived) return undefined;
  if ('text' in derived) return derived.text;
  const via = originText(project, originOf(project, path[0], path[1], derived.attribute));
  return via ? `${via} (${derived.attribute})` : undefined;
}

/**
 * `file:line` of each entry of a keyed list (ports, volumes, secrets, configs) of a printed
 * service, by index; entries a later file merged in name that file.
 */
export function entryOrigins(project: ResolvedProject, service: string, attr: string, list: unknown): (string | undefined)[] {
  if (!KEYED_LISTS.has(attr) || !Array.isArray(list)) return [];
  return list.map((entry) => {
    const key = printedEntryKey(attr, entry);
    return key === undefined ? undefined : originText(project, originOf(project, 'services', service, attr, key));
  });
}

/** The files that define the service, in load order (relative names). */
export function definingFiles(ctx: ProjectContext, name: string): string[] {
  const out: string[] = [];
  for (const file of ctx.resolved.loaded.files.values()) {
    const services = file.documents.some((d) => isMapping(d.value) && isMapping(d.value.services) && Object.prototype.hasOwnProperty.call(d.value.services, name));
    if (services) out.push(projectRelative(ctx.resolved, file.path));
  }
  return out;
}

/**
 * The build a service of this document really uses: with a project, the merged build (after every
 * file, `!reset` and `${VAR}`); without one, what this file says. Undefined when it does not build.
 */
export function serviceBuild(model: ComposeModel, service: ServiceEntry, ctx: ComposeContext): BuildInfo | undefined {
  const merged = ctx.project && mergedService(ctx.project.resolved, service.name);
  const local = buildInfo(model, service, ctx.path);
  if (!merged) return local;
  const build = mergedBuild(merged);
  if (!build) return undefined;
  return {
    service,
    keySpan: local?.keySpan ?? service.keySpan,
    context: build.context,
    contextSpan: local?.contextSpan,
    contextDir: build.contextDir,
    dockerfile: build.dockerfile,
    dockerfileSpan: local?.dockerfileSpan,
    dockerfilePath: build.dockerfilePath,
    inline: build.inline,
    target: build.target,
    targetSpan: local?.targetSpan,
    args: build.args,
  };
}
