// The Compose model: one `yaml` parse per document version, with the paths and ranges every
// feature asks for. No YAML parsing of our own: `yaml` keeps exact ranges for every node.
import {
  Alias,
  Document,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  parseDocument,
  Scalar,
  YAMLMap,
  YAMLSeq,
  type Node,
  type Pair,
  type ParsedNode,
} from 'yaml';
import { LineIndex } from '../common/lineIndex';
import { readParsedDocument, type YamlSourceDocument } from './project/yamlSource';
import { walkNodes } from './walk';
import { derivedKey, derivedStore, type Derived } from '../common/derived';
import { t } from '../l10n';
import type { Span } from '../common/span';

export type { Span };

/** A path into the Compose document: mapping keys as strings, sequence indexes as numbers. */
export type YamlPath = (string | number)[];

export interface ServiceEntry {
  name: string;
  keySpan: Span;
  /** The service's mapping (through an alias if the service is `web: *x`); undefined when not a mapping. */
  map?: YAMLMap;
  pair: Pair;
}

export interface NamedEntry {
  name: string;
  keySpan: Span;
}

export interface ComposeModel {
  text: string;
  lines: LineIndex;
  doc: Document.Parsed;
  /** The plain value (merge keys and aliases resolved), as Ajv sees it. */
  value: unknown;
  /** True when `yaml` reported errors: the tree may not be what the author meant. */
  hasYamlErrors: boolean;
  /** Aliases naming no anchor defined before them (`yaml` only notices when converting). */
  aliasProblems: { span: Span; message: string }[];
  /** Keys repeating an earlier key of the same mapping (found by our own pass, see `scanNodes`). */
  duplicateKeys: DuplicateKey[];
  services: ServiceEntry[];
  serviceByName: Map<string, ServiceEntry>;
  /** Top-level `networks`, `volumes`, `secrets`, `configs`, `models` entries. */
  declared: Record<TopLevelSection, NamedEntry[]>;
  /** compose's reading of the text (shared with the project loader), when it read without errors. */
  reading?: YamlSourceDocument;
  /**
   * A value computed from this version once, on first use (the anchor index, the schema problems,
   * per-service rule results...). A new version starts with an empty store: what an incremental
   * re-parse carries over it seeds explicitly.
   */
  derived: Derived<ComposeModel>;
}

/** The anchors and aliases of a document, in source order. */
export interface AnchorIndex {
  anchors: Map<string, { start: number; node: Node }[]>;
  aliases: Alias[];
}

export interface DuplicateKey {
  name: string;
  span: Span;
  /** The first definition of the key in that mapping. */
  first: Span;
}

export type TopLevelSection = 'networks' | 'volumes' | 'secrets' | 'configs' | 'models';
export const TOP_LEVEL_SECTIONS: TopLevelSection[] = ['networks', 'volumes', 'secrets', 'configs', 'models'];

let lastModel: ComposeModel | undefined;

export const PARSE_OPTIONS = { merge: true, uniqueKeys: false, prettyErrors: false, keepSourceTokens: false } as const;

/**
 * Parses once; a second call with the same text returns the same model (unless `remember` is false:
 * the warm-up's texts do not take the place of the last document's).
 */
export function parseCompose(text: string, remember = true): ComposeModel {
  if (lastModel && lastModel.text === text) return lastModel;
  // uniqueKeys off: the library compares every key with every earlier one (quadratic: a 4 MB file
  // took 27 s); scanNodes finds duplicates in one pass with a set per mapping.
  const doc = parseDocument(text, PARSE_OPTIONS);
  const { anchors, aliases, duplicates } = scanNodes((fn) => walkNodes(doc, fn));
  const index: AnchorIndex = { anchors, aliases };
  const aliasProblems = unresolvedAliases(index);
  // A subtree the parser gave up on (nested too deep) is already an error; converting would overflow again.
  const tooDeep = doc.errors.some((e) => e.code === 'RESOURCE_EXHAUSTION');
  let value: unknown;
  let reading: YamlSourceDocument | undefined;
  const lines = new LineIndex(text);
  try {
    if (aliasProblems.length === 0 && !tooDeep) {
      // compose's reading of this text (tags, merge keys), shared with the project loader; where it
      // gives what `yaml` would, it is the value (one conversion of the tree instead of two); the
      // reading counts lines at `\n` only, which are the LSP's lines when the text has no `\r`
      const newlineStarts = text.includes('\r') ? undefined : lines.lineStarts;
      const read = doc.errors.length === 0 ? readParsedDocument(text, doc, PARSE_OPTIONS, newlineStarts) : undefined;
      if (read && read.errors.length === 0) reading = read;
      if (read && read.errors.length === 0 && !read.differsFromYaml) value = read.value;
      else {
        value = doc.toJS({ maxAliasCount: -1 });
        // `key: !reset …` contributes nothing to the file's value (it only removes what earlier files set).
        if (read && read.errors.length === 0 && /!reset\b/.test(text)) value = structuredClone(read.value);
      }
    }
  } catch (e) {
    value = undefined;
    const message = e instanceof RangeError ? NESTING_TOO_DEEP : `The YAML could not be converted: ${(e as Error).message}`;
    aliasProblems.push({ span: { start: 0, end: 0 }, message });
  }
  const model = assembleModel(text, lines, doc, value, aliasProblems, duplicates, reading, index);
  if (remember) lastModel = model;
  return model;
}

/** The model of a parsed document (services and top-level names found from its tree). */
export function assembleModel(
  text: string,
  lines: LineIndex,
  doc: Document.Parsed,
  value: unknown,
  aliasProblems: { span: Span; message: string }[],
  duplicates: DuplicateKey[],
  reading: YamlSourceDocument | undefined,
  anchorIndex: AnchorIndex,
): ComposeModel {
  const services: ServiceEntry[] = [];
  const declared = {} as Record<TopLevelSection, NamedEntry[]>;
  const model: ComposeModel = {
    text,
    lines,
    doc,
    value,
    hasYamlErrors: doc.errors.length > 0 || aliasProblems.length > 0 || duplicates.length > 0,
    aliasProblems,
    duplicateKeys: duplicates,
    services,
    serviceByName: new Map(),
    declared,
    reading,
    derived: derivedStore(() => model),
  };
  model.derived(ANCHOR_INDEX, () => anchorIndex);
  const root = resolveNode(model, doc.contents as Node | null);
  const servicesNode = isMap(root) ? resolveNode(model, mapGet(root, 'services')?.value as Node | null) : undefined;
  if (isMap(servicesNode)) {
    for (const pair of servicesNode.items) {
      const key = pair.key as Node | null;
      if (!isScalar(key) || !key.range) continue;
      if (keyName(key) === '<<') continue;
      const valueNode = resolveNode(model, pair.value as Node | null);
      services.push({
        name: String(key.value),
        keySpan: spanOf(key),
        map: isMap(valueNode) ? valueNode : undefined,
        pair: pair as Pair,
      });
    }
  }
  for (const section of TOP_LEVEL_SECTIONS) {
    declared[section] = [];
    const node = isMap(root) ? resolveNode(model, mapGet(root, section)?.value as Node | null) : undefined;
    if (!isMap(node)) continue;
    for (const pair of node.items) {
      const key = pair.key as Node | null;
      if (isScalar(key) && key.range && keyName(key) !== '<<') {
        declared[section].push({ name: String(key.value), keySpan: spanOf(key) });
      }
    }
  }
  for (const s of services) model.serviceByName.set(s.name, s);
  return model;
}

/** Makes `model` the one a later `parseCompose` of the same text returns. */
export function rememberModel(model: ComposeModel): void {
  lastModel = model;
}

export const NESTING_TOO_DEEP = 'YAML nesting too deep: Docklens reads collections nested up to a few hundred levels; the part below is ignored.';

/** Per model: its anchors and aliases (seeded by whoever made the model: the parse or the incremental re-parse). */
const ANCHOR_INDEX = derivedKey<AnchorIndex>('compose.anchorIndex');

/** Anchors, aliases and duplicate keys of the nodes `walk` visits (a document, or one subtree). */
export function scanNodes(walk: (fn: (node: Node) => void) => void): {
  anchors: Map<string, { start: number; node: Node }[]>;
  aliases: Alias[];
  duplicates: DuplicateKey[];
} {
  const anchors = new Map<string, { start: number; node: Node }[]>();
  const aliases: Alias[] = [];
  const duplicates: DuplicateKey[] = [];
  walk((node) => {
    if (isAlias(node)) {
      aliases.push(node);
      return;
    }
    const anchor = (node as { anchor?: string }).anchor;
    if (anchor && node.range) {
      const list = anchors.get(anchor) ?? [];
      list.push({ start: node.range[0], node });
      anchors.set(anchor, list);
    }
    if (!isMap(node) || node.items.length < 2) return;
    const items = node.items;
    if (items.length <= SMALL_MAP) {
      // a few keys: each compared with those before it (no set made for each of the file's small mappings)
      for (let i = 1; i < items.length; i++) {
        const k = items[i].key as Node | null;
        if (!isScalar(k) || !k.range) continue;
        const name = keyName(k);
        if (name === '<<') continue;
        for (let j = 0; j < i; j++) {
          const e = items[j].key as Node | null;
          if (isScalar(e) && e.range && keyName(e) === name) {
            duplicates.push({ name, span: spanOf(k), first: spanOf(e) });
            break;
          }
        }
      }
      return;
    }
    const first = new Map<string, Scalar>();
    for (const pair of items) {
      const k = pair.key as Node | null;
      if (!isScalar(k) || !k.range) continue;
      const name = keyName(k);
      if (name === '<<') continue;
      const seen = first.get(name);
      if (seen) duplicates.push({ name, span: spanOf(k), first: spanOf(seen) });
      else first.set(name, k);
    }
  });
  return { anchors, aliases, duplicates };
}

function unresolvedAliases(index: AnchorIndex): { span: Span; message: string }[] {
  const out: { span: Span; message: string }[] = [];
  for (const alias of index.aliases) {
    if (alias.range && resolveAlias(index.anchors, alias) === undefined) {
      out.push({
        span: { start: alias.range[0], end: alias.range[1] },
        message: t('yaml.unknownAlias', { name: alias.source }),
      });
    }
  }
  return out;
}

/** A mapping key as text; `<<` for merge keys (which `yaml` holds as a symbol). */
export function keyName(key: Scalar): string {
  return typeof key.value === 'symbol' ? '<<' : String(key.value);
}

export function spanOf(node: { range?: [number, number, number] | null }): Span {
  const r = node.range;
  if (!r) return { start: 0, end: 0 };
  return { start: r[0], end: r[1] };
}

/** The document's aliases, in source order. */
export function aliasesOf(model: ComposeModel): Alias[] {
  return anchorIndexOf(model).aliases;
}

/** Every anchor of the document, in source order (collected once: `Alias.resolve` walks the whole tree per call). */
export function anchorsOf(model: ComposeModel): Map<string, { start: number; node: Node }[]> {
  return anchorIndexOf(model).anchors;
}

function anchorIndexOf(model: ComposeModel): AnchorIndex {
  return model.derived(ANCHOR_INDEX, (m) => {
    const { anchors, aliases } = scanNodes((fn) => walkNodes(m.doc, fn));
    return { anchors, aliases };
  });
}

/** The node an alias names: the last anchor of that name before it, as YAML defines. */
function resolveAlias(anchors: AnchorIndex['anchors'], alias: Alias): Node | undefined {
  const list = anchors.get(alias.source);
  if (!list) return undefined;
  const at = alias.range ? alias.range[0] : Infinity;
  let found: Node | undefined;
  for (const a of list) if (a.start < at) found = a.node;
  return found;
}

/** Follows aliases to the node they name. */
export function resolveNode(model: ComposeModel, node: Node | null | undefined): Node | undefined {
  let current = node ?? undefined;
  for (let guard = 0; current && isAlias(current) && guard < 50; guard++) {
    current = resolveAlias(anchorsOf(model), current as Alias);
  }
  return current;
}

export function mapGet(map: YAMLMap, key: string): Pair | undefined {
  if (map.items.length > SMALL_MAP) return pairIndex(map).pairs.get(key);
  for (const pair of map.items) {
    const k = pair.key as Node | null;
    if (isScalar(k) && keyName(k) === key) return pair as Pair;
  }
  return undefined;
}

// The checks look up a few dozen keys in every service: big mappings get an index on first use
// (the parsed document is never modified; the index is rebuilt if its items change anyway).
const SMALL_MAP = 8;
interface PairIndex {
  items: unknown[];
  length: number;
  /** The first pair of each scalar key, as mapGet's scan finds it. */
  pairs: Map<string, Pair>;
  hasMerge: boolean;
}
const pairIndexes = new WeakMap<YAMLMap, PairIndex>();

function pairIndex(map: YAMLMap): PairIndex {
  const known = pairIndexes.get(map);
  if (known && known.items === map.items && known.length === map.items.length) return known;
  const pairs = new Map<string, Pair>();
  for (const pair of map.items) {
    const k = pair.key as Node | null;
    if (!isScalar(k)) continue;
    const name = keyName(k);
    if (!pairs.has(name)) pairs.set(name, pair as Pair);
  }
  const index = { items: map.items, length: map.items.length, pairs, hasMerge: pairs.has('<<') };
  pairIndexes.set(map, index);
  return index;
}

/** The pairs a merge key (`<<: *x` or `<<: [*x, *y]`) brings into a mapping, nearest first (lookupPair asks only a mapping that has one). */
function mergedMaps(model: ComposeModel, map: YAMLMap): YAMLMap[] {
  const out: YAMLMap[] = [];
  for (const pair of map.items) {
    const k = pair.key as Node | null;
    if (!isScalar(k) || keyName(k) !== '<<') continue;
    const v = pair.value as Node | null;
    const sources = isSeq(v) ? (v.items as Node[]) : [v];
    for (const s of sources) {
      const target = resolveNode(model, s);
      if (isMap(target)) out.push(target);
    }
  }
  return out;
}

/** Finds a key in a mapping, looking through merge keys the way `yaml` resolves them. */
export function lookupPair(model: ComposeModel, map: YAMLMap, key: string, depth = 0): Pair | undefined {
  let hasMerge: boolean;
  if (map.items.length > SMALL_MAP) {
    const index = pairIndex(map);
    const own = index.pairs.get(key);
    if (own) return own;
    hasMerge = index.hasMerge;
  } else {
    // one scan for the key and for a merge key (most lookups miss: the checks ask every service for
    // a few dozen keys it does not have, and a miss scanned the items a second time for `<<`)
    hasMerge = false;
    for (const pair of map.items) {
      const k = pair.key as Node | null;
      if (!isScalar(k)) continue;
      const name = keyName(k);
      if (name === key) return pair as Pair;
      if (name === '<<') hasMerge = true;
    }
  }
  if (!hasMerge || depth > 10) return undefined;
  for (const merged of mergedMaps(model, map)) {
    const found = lookupPair(model, merged, key, depth + 1);
    if (found) return found;
  }
  return undefined;
}

export interface PathHit {
  /** The deepest node reached (the value at the path, or the nearest ancestor that exists). */
  node?: Node;
  /** The key of the last mapping step, when the path ends at a mapping entry. */
  key?: Scalar;
  /** How many path segments were matched. */
  matched: number;
}

/** Walks a JSON-pointer-like path through mappings, sequences, aliases and merge keys. */
export function nodeAtPath(model: ComposeModel, path: YamlPath): PathHit {
  let node = resolveNode(model, model.doc.contents as Node | null);
  let key: Scalar | undefined;
  let matched = 0;
  for (const seg of path) {
    if (isMap(node)) {
      const pair = lookupPair(model, node, String(seg));
      if (!pair) break;
      key = isScalar(pair.key) ? (pair.key as Scalar) : undefined;
      const next = resolveNode(model, pair.value as Node | null);
      matched++;
      if (!next) {
        node = undefined;
        break;
      }
      node = next;
    } else if (isSeq(node) && /^\d+$/.test(String(seg))) {
      const item = resolveNode(model, (node as YAMLSeq).items[Number(seg)] as Node | null);
      if (!item) break;
      key = undefined;
      node = item;
      matched++;
    } else break;
  }
  return { node, key, matched };
}

export interface NodeAtOffset {
  /** The path from the root to the innermost node containing the offset. */
  path: YamlPath;
  /** Innermost scalar/collection under the offset. */
  node?: Node;
  /** True when the offset is on a mapping key (then `node` is that key). */
  onKey: boolean;
  /** The mapping pair whose key or value holds the offset, if any. */
  pair?: Pair;
  /** Chain of ancestor nodes, outermost first (parallel to path). */
  ancestors: Node[];
}

/** The innermost node at an offset, with its path. Uses the source tree: aliases are not followed. */
export function nodeAtOffset(doc: Document, offset: number): NodeAtOffset {
  const path: YamlPath = [];
  const ancestors: Node[] = [];
  let node = doc.contents as Node | null;
  let pairHit: Pair | undefined;
  let onKey = false;
  const inside = (n: Node | null | undefined) => !!n && !!n.range && offset >= n.range[0] && offset <= n.range[1];
  for (let guard = 0; node && guard < 200; guard++) {
    if (isMap(node)) {
      let next: Node | undefined;
      for (const pair of node.items) {
        const k = pair.key as Node | null;
        const v = pair.value as Node | null;
        if (inside(k)) {
          ancestors.push(node);
          path.push(isScalar(k) ? keyName(k) : '?');
          return { path, node: k ?? undefined, onKey: true, pair: pair as Pair, ancestors };
        }
        if (inside(v)) {
          ancestors.push(node);
          path.push(isScalar(k) ? keyName(k) : '?');
          pairHit = pair as Pair;
          next = v ?? undefined;
          break;
        }
      }
      if (!next) break;
      node = next;
      onKey = false;
      continue;
    }
    if (isSeq(node)) {
      let next: Node | undefined;
      node.items.forEach((item, i) => {
        if (!next && inside(item as Node)) {
          next = item as Node;
          path.push(i);
        }
      });
      if (!next) break;
      ancestors.push(node);
      pairHit = undefined;
      node = next;
      continue;
    }
    break;
  }
  return { path, node: node ?? undefined, onKey, pair: pairHit, ancestors };
}

export { isMap, isSeq, isScalar, isPair, isAlias };
export type { Node, Pair, ParsedNode, YAMLMap, YAMLSeq, Scalar };


interface AliasUse {
  anchor: string;
  /** Where the anchored node's content lands: the mapping holding `<<: *a`, or the alias's own path. */
  path: YamlPath;
}

const ALIAS_USES = derivedKey<AliasUse[]>('compose.aliasUses');

function aliasUses(model: ComposeModel): AliasUse[] {
  return model.derived(ALIAS_USES, (m) => findAliasUses(m.doc));
}

function findAliasUses(doc: Document): AliasUse[] {
  const found: AliasUse[] = [];
  const walk = (node: Node | null | undefined, path: YamlPath, depth: number) => {
    if (!node || depth > 64) return;
    if (isAlias(node)) {
      found.push({ anchor: node.source, path });
    } else if (isMap(node)) {
      for (const pair of node.items) {
        const k = pair.key as Node | null;
        if (!isScalar(k)) continue;
        const name = keyName(k);
        if (name === '<<') {
          const v = pair.value as Node | null;
          for (const a of isSeq(v) ? (v.items as Node[]) : [v]) if (isAlias(a)) found.push({ anchor: a.source, path });
        } else walk(pair.value as Node | null, [...path, name], depth + 1);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => walk(item as Node, [...path, i], depth + 1));
    }
  };
  walk(doc.contents as Node | null, [], 0);
  return found;
}

/**
 * The path whose schema applies to a document path. Inside an `x-` block that is anchored and used
 * elsewhere (`x-common: &c` … `<<: *c` in a service), that is where the content is used.
 */
export function schemaPathOf(model: ComposeModel, path: YamlPath): YamlPath {
  if (typeof path[0] !== 'string' || !path[0].startsWith('x-')) return path;
  const uses = aliasUses(model);
  if (uses.length === 0) return path;
  for (let i = path.length; i >= 1; i--) {
    const hit = nodeAtPath(model, path.slice(0, i));
    const anchor = hit.matched === i ? (hit.node as { anchor?: string } | undefined)?.anchor : undefined;
    if (!anchor) continue;
    const matching = uses.filter((u) => u.anchor === anchor && !(typeof u.path[0] === 'string' && u.path[0].startsWith('x-')));
    const use = matching.find((u) => u.path[0] === 'services') ?? matching[0];
    if (use) return [...use.path, ...path.slice(i)];
  }
  return path;
}
