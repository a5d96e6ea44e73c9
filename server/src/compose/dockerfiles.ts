// The link from a Compose service to the Dockerfile it builds: where the context and the
// Dockerfile are, the stages inside, and what the image runs (CMD/ENTRYPOINT). All file access
// goes through the host; this module never touches the file system itself.
import * as posix from 'node:path/posix';
import type { DockerfileModel } from '../dockerfile/parser/model';
import { parseDocument as parseDockerfileModel } from '../dockerfile/parser/model';
import {
  isMap,
  isScalar,
  isSeq,
  lookupPair,
  resolveNode,
  spanOf,
  type ComposeModel,
  type Node,
  type ServiceEntry,
  type Span,
} from './model';
import { reportInternalError } from './errors';
import type { FileHost } from '../common/files';
import type { ProjectContext } from './project/projectContext';

/** File access the Compose services need; the server passes one backed by the file system (node/fileAccess.ts). */
export type ComposeHost = FileHost;

export interface ComposeContext {
  host: ComposeHost;
  /** Absolute POSIX path of the Compose file (relative paths in it resolve from its folder). */
  path: string;
  /** The document's URI as the client sent it (locations in this file use it); derived from `path` when absent. */
  uri?: string;
  /** The Compose project the file belongs to, resolved as docker compose would (absent: the file alone). */
  project?: ProjectContext;
}

// common/files.ts (the server takes it from there without loading the Compose side).
export { fileUri } from '../common/files';

export interface BuildInfo {
  service: ServiceEntry;
  /** The `build:` key. */
  keySpan: Span;
  /** The context as written (`.` when only `dockerfile:` or `dockerfile_inline:` is given). */
  context: string;
  contextSpan?: Span;
  /** Absolute context folder; undefined for remote contexts (git URLs, http) or unknown variables. */
  contextDir?: string;
  dockerfile: string;
  dockerfileSpan?: Span;
  /** Absolute Dockerfile path; undefined for inline Dockerfiles and remote contexts. */
  dockerfilePath?: string;
  inline?: string;
  target?: string;
  targetSpan?: Span;
  /** `build.args` (map or `K=V` list); values Compose would interpolate (`${X}`) are left out. */
  args?: Record<string, string>;
}

const REMOTE_CONTEXT = /^(?:https?:\/\/|git@|git:\/\/|github\.com\/|ssh:\/\/)|\.git(?:#|$)/;

export function isRemoteContext(context: string): boolean {
  return REMOTE_CONTEXT.test(context);
}

/** Where a service builds from; undefined for services without `build:`. */
export function buildInfo(model: ComposeModel, service: ServiceEntry, composePath: string): BuildInfo | undefined {
  if (!service.map) return undefined;
  const pair = lookupPair(model, service.map, 'build');
  if (!pair) return undefined;
  const keySpan = spanOf(pair.key as Node);
  const value = resolveNode(model, pair.value as Node | null);
  const info: BuildInfo = { service, keySpan, context: '.', dockerfile: 'Dockerfile' };
  if (isScalar(value)) {
    info.context = String(value.value ?? '.');
    info.contextSpan = spanOf(value);
  } else if (isMap(value)) {
    const field = (name: string) => {
      const p = lookupPair(model, value, name);
      const v = p && resolveNode(model, p.value as Node | null);
      return isScalar(v) && v.value !== null ? { text: String(v.value), span: spanOf(v) } : undefined;
    };
    const context = field('context');
    if (context) {
      info.context = context.text;
      info.contextSpan = context.span;
    }
    const dockerfile = field('dockerfile');
    if (dockerfile) {
      info.dockerfile = dockerfile.text;
      info.dockerfileSpan = dockerfile.span;
    }
    const inline = field('dockerfile_inline');
    if (inline) info.inline = inline.text;
    const args = buildArgsOf(model, value);
    if (args) info.args = args;
    const target = field('target');
    if (target) {
      info.target = target.text;
      info.targetSpan = target.span;
    }
  } else if (value) {
    return undefined;
  }
  if (isRemoteContext(info.context) || info.context.includes('$')) return info;
  const base = posix.dirname(composePath);
  info.contextDir = posix.resolve(base, info.context);
  if (info.inline === undefined && !info.dockerfile.includes('$')) {
    info.dockerfilePath = posix.resolve(info.contextDir, info.dockerfile);
  }
  return info;
}

/** `build.args` as a map or a `K=V` list; a bare `K` (value from Compose's environment) and `${...}` values are unknown here. */
function buildArgsOf(model: ComposeModel, build: Node): Record<string, string> | undefined {
  if (!isMap(build)) return undefined;
  const pair = lookupPair(model, build, 'args');
  const node = pair && resolveNode(model, pair.value as Node | null);
  if (!node) return undefined;
  const out: Record<string, string> = {};
  const put = (key: string, value: unknown) => {
    if (key === '' || value === null || value === undefined || typeof value === 'object') return;
    const text = String(value);
    if (!text.includes('$')) out[key] = text;
  };
  if (isMap(node)) {
    for (const item of node.items) {
      const key = resolveNode(model, item.key as Node | null);
      const value = resolveNode(model, item.value as Node | null);
      if (isScalar(key) && isScalar(value)) put(String(key.value), value.value);
    }
  } else if (isSeq(node)) {
    for (const item of node.items) {
      const v = resolveNode(model, item as Node | null);
      if (!isScalar(v) || typeof v.value !== 'string') continue;
      const eq = v.value.indexOf('=');
      if (eq > 0) put(v.value.slice(0, eq), v.value.slice(eq + 1));
    }
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

const dockerfileCache = new Map<string, { text: string; model: DockerfileModel }>();

/** The parsed Dockerfile a build uses (inline or read through the host), cached by text. */
export function loadDockerfile(ctx: ComposeContext, info: BuildInfo): DockerfileModel | undefined {
  let text: string | undefined;
  let key: string;
  if (info.inline !== undefined) {
    text = info.inline;
    key = 'inline:' + text;
  } else if (info.dockerfilePath) {
    text = ctx.host.readFile(info.dockerfilePath);
    key = info.dockerfilePath;
  } else return undefined;
  if (text === undefined) return undefined;
  const cached = dockerfileCache.get(key);
  if (cached && cached.text === text) return cached.model;
  let model: DockerfileModel;
  try {
    model = parseDockerfileModel(text);
  } catch (error) {
    reportInternalError('dockerfile parse', error);
    return undefined;
  }
  if (dockerfileCache.size > 64) dockerfileCache.clear();
  dockerfileCache.set(key, { text, model });
  return model;
}

/** Every service's build, in document order. */
export function allBuilds(model: ComposeModel, composePath: string): BuildInfo[] {
  const out: BuildInfo[] = [];
  for (const s of model.services) {
    const info = buildInfo(model, s, composePath);
    if (info) out.push(info);
  }
  return out;
}
