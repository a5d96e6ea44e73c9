// Document links to the files a Compose file names, and go-to-definition from a reference to
// what it names: a service, a top-level network/volume/secret/config, or the Dockerfile a build uses.
import type { DocumentLink, Location, Position } from 'vscode-languageserver-types';
import * as posix from 'node:path/posix';
import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  lookupPair,
  nodeAtOffset,
  resolveNode,
  spanOf,
  type ComposeModel,
  type Node,
  type Span,
  type TopLevelSection,
  type YAMLMap,
  type YamlPath,
} from './model';
import { allBuilds, buildInfo, fileUri, isRemoteContext, loadDockerfile, type ComposeContext } from './dockerfiles';
import { hasVariables, parseShortVolume } from './values';
import { reportInternalError } from './errors';
import { canLink } from '../common/files';
import { t } from '../l10n';

interface PathRef {
  value: string;
  span: Span;
  /** Absolute target. */
  target: string;
  tooltip: string;
}

function scalar(model: ComposeModel, node: Node | null | undefined): { value: string; span: Span } | undefined {
  const n = resolveNode(model, node);
  if (!isScalar(n) || n.value === null || !n.range || typeof n.value === 'object') return undefined;
  return { value: String(n.value), span: spanOf(n) };
}

function child(model: ComposeModel, map: YAMLMap | undefined, key: string): Node | undefined {
  if (!map) return undefined;
  const pair = lookupPair(model, map, key);
  return pair ? resolveNode(model, pair.value as Node | null) : undefined;
}

/** Strings of a scalar-or-list value. */
function stringsOf(model: ComposeModel, node: Node | undefined, objectKey?: string): { value: string; span: Span }[] {
  if (!node) return [];
  if (isSeq(node)) {
    return node.items.flatMap((i) => {
      const item = resolveNode(model, i as Node);
      if (isMap(item) && objectKey) return stringsOf(model, child(model, item, objectKey));
      const s = scalar(model, item);
      return s ? [s] : [];
    });
  }
  const s = scalar(model, node);
  return s ? [s] : [];
}

function usable(value: string): boolean {
  return value !== '' && !hasVariables(value) && !isRemoteContext(value) && !/^[a-z][a-z0-9+.-]+:/i.test(value);
}

/** Every file path the Compose file names, resolved. */
export function pathReferences(model: ComposeModel, composePath: string): PathRef[] {
  const dir = posix.dirname(composePath);
  const refs: PathRef[] = [];
  const add = (s: { value: string; span: Span } | undefined, base: string, tooltip: string) => {
    if (s && usable(s.value)) refs.push({ ...s, target: posix.resolve(base, s.value), tooltip });
  };
  for (const info of allBuilds(model, composePath)) {
    if (info.contextSpan && info.contextDir) {
      add({ value: info.context, span: info.contextSpan }, dir, t('link.buildContext'));
    }
    if (info.dockerfileSpan && info.contextDir) add({ value: info.dockerfile, span: info.dockerfileSpan }, info.contextDir, 'Dockerfile');
  }
  for (const service of model.services) {
    for (const s of stringsOf(model, child(model, service.map, 'env_file'), 'path')) add(s, dir, t('link.envFile'));
    for (const s of stringsOf(model, child(model, service.map, 'label_file'))) add(s, dir, t('link.labelFile'));
    const ext = child(model, service.map, 'extends');
    if (isMap(ext)) add(scalar(model, child(model, ext, 'file')), dir, t('link.extendsFile'));
    const volumes = child(model, service.map, 'volumes');
    for (const i of isSeq(volumes) ? volumes.items : []) {
      const item = resolveNode(model, i as Node);
      const s = scalar(model, item);
      if (s) {
        const mount = parseShortVolume(s.value);
        if (mount.kind !== 'bind' || !mount.source || mount.source.startsWith('~')) continue;
        const start = s.span.start + (model.text[s.span.start] === '"' || model.text[s.span.start] === "'" ? 1 : 0);
        add({ value: mount.source, span: { start, end: start + mount.source.length } }, dir, t('link.bindSource'));
      } else if (isMap(item) && scalar(model, child(model, item, 'type'))?.value === 'bind') {
        add(scalar(model, child(model, item, 'source')), dir, t('link.bindSource'));
      }
    }
  }
  const root = resolveNode(model, model.doc.contents as Node | null);
  const include = isMap(root) ? child(model, root, 'include') : undefined;
  if (isSeq(include)) {
    for (const i of include.items) {
      const item = resolveNode(model, i as Node);
      if (isMap(item)) {
        for (const s of stringsOf(model, child(model, item, 'path'))) add(s, dir, t('link.included'));
        for (const s of stringsOf(model, child(model, item, 'env_file'))) add(s, dir, t('link.envFile'));
      } else add(scalar(model, item), dir, t('link.included'));
    }
  }
  return refs;
}

/** Links for the paths in the file; targets that do not exist are left out. */
export function composeLinks(model: ComposeModel, ctx: ComposeContext): DocumentLink[] {
  try {
    return pathReferences(model, ctx.path)
      .filter((r) => canLink(ctx.host, r.target))
      .map((r) => ({ range: model.lines.rangeOf(r.span), target: fileUri(r.target), tooltip: r.tooltip }));
  } catch (error) {
    reportInternalError('links', error);
    return [];
  }
}

/** Paths whose scalar names a service, and the section whose names other paths use. */
const SERVICE_REFERENCES: string[][] = [
  ['services', '*', 'depends_on', '#'],
  ['services', '*', 'depends_on', '*'],
  ['services', '*', 'links', '#'],
  ['services', '*', 'extends'],
  ['services', '*', 'extends', 'service'],
  ['services', '*', 'network_mode'],
];
const SECTION_REFERENCES: { pattern: string[]; section: TopLevelSection }[] = [
  { pattern: ['services', '*', 'networks', '#'], section: 'networks' },
  { pattern: ['services', '*', 'networks', '*'], section: 'networks' },
  { pattern: ['services', '*', 'volumes', '#'], section: 'volumes' },
  { pattern: ['services', '*', 'volumes', '#', 'source'], section: 'volumes' },
  { pattern: ['services', '*', 'secrets', '#'], section: 'secrets' },
  { pattern: ['services', '*', 'secrets', '#', 'source'], section: 'secrets' },
  { pattern: ['services', '*', 'build', 'secrets', '#'], section: 'secrets' },
  { pattern: ['services', '*', 'configs', '#'], section: 'configs' },
  { pattern: ['services', '*', 'configs', '#', 'source'], section: 'configs' },
];

function matches(pattern: string[], path: YamlPath): boolean {
  if (pattern.length !== path.length) return false;
  return pattern.every((p, i) => (p === '*' ? typeof path[i] === 'string' : p === '#' ? typeof path[i] === 'number' : p === path[i]));
}

/** The `&name` marker before a node (the node's own range starts after it). */
function anchorSpan(model: ComposeModel, node: Node): Span {
  const start = node.range![0];
  const anchor = (node as { anchor?: string }).anchor;
  if (anchor) {
    const at = model.text.lastIndexOf('&' + anchor, start);
    if (at !== -1) return { start: at, end: at + anchor.length + 1 };
  }
  return { start, end: start };
}

export function composeDefinition(model: ComposeModel, position: Position, ctx?: ComposeContext): Location[] {
  try {
    const offset = model.lines.offsetAt(position);
    const hit = nodeAtOffset(model.doc, offset);
    const uri = ctx?.uri ?? (ctx ? fileUri(ctx.path) : '');
    const here = (span: Span): Location => ({ uri, range: model.lines.rangeOf(span) });
    if (isAlias(hit.node)) {
      // `*name` (also in `<<: *name`) goes to the node carrying `&name`.
      const target = resolveNode(model, hit.node);
      return target?.range ? [here(anchorSpan(model, target))] : [];
    }
    if (!isScalar(hit.node) || hit.node.value === null) return [];
    const text = String(hit.node.value);
    const path = hit.path;
    if (SERVICE_REFERENCES.some((p) => matches(p, path))) {
      const name = path[2] === 'links' ? text.split(':')[0] : path[2] === 'network_mode' ? text.replace(/^service:/, '') : text;
      if (path[2] === 'network_mode' && !text.startsWith('service:')) return [];
      const target = model.serviceByName.get(name);
      return target ? [here(target.keySpan)] : [];
    }
    const ref = SECTION_REFERENCES.find((r) => matches(r.pattern, path));
    if (ref) {
      const name = ref.section === 'volumes' && typeof path[path.length - 1] === 'number' ? parseShortVolume(text).source ?? '' : text;
      const target = model.declared[ref.section].find((d) => d.name === name);
      return target ? [here(target.keySpan)] : [];
    }
    if (!ctx) return [];
    if (path[0] === 'services' && typeof path[1] === 'string' && path[2] === 'build') {
      const service = model.serviceByName.get(path[1]);
      const info = service && buildInfo(model, service, ctx.path);
      if (!info) return [];
      if (path[3] === 'target' && info.target !== undefined) {
        const dockerfile = loadDockerfile(ctx, info);
        const stage = dockerfile?.stageByName(info.target);
        if (dockerfile && stage && info.dockerfilePath && canLink(ctx.host, info.dockerfilePath)) {
          return [{ uri: fileUri(info.dockerfilePath), range: dockerfile.lines.rangeOf(stage.nameSpan ?? stage.from.keywordSpan) }];
        }
      }
      if (info.dockerfilePath && canLink(ctx.host, info.dockerfilePath)) {
        return [{ uri: fileUri(info.dockerfilePath), range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }];
      }
      return [];
    }
    const link = pathReferences(model, ctx.path).find((r) => r.span.start <= offset && offset <= r.span.end);
    if (link && canLink(ctx.host, link.target)) {
      return [{ uri: fileUri(link.target), range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }];
    }
    return [];
  } catch (error) {
    reportInternalError('definition', error);
    return [];
  }
}
