// One Compose file as compose-go reads it: each YAML document becomes a plain value (aliases and
// `<<` merge keys resolved), `!reset` / `!override` tags are recorded by path (a `!reset` value
// itself is dropped, an `!override` value kept), duplicate keys and runaway aliasing are errors with
// compose-go's wording, and the source range of every mapping entry is kept for origins (found by a
// second reading of the same tree when first asked for: only hovers, links and some errors need them).
import { isAlias, isMap, isScalar, isSeq, parseAllDocuments, parseDocument, type Document, type DocumentOptions, type Node, type ParseOptions, type SchemaOptions } from 'yaml';
import type { Span } from '../model';
import { lastAtMost } from '../../common/lineStarts';
import { computeNewlineStarts } from '../../common/lineIndex';

export type Path = (string | number)[];

/** compose-go's cap on node visits per document (loader/reset.go). */
export const MAX_NODE_VISITS = 100_000;

export interface SourceError {
  message: string;
  span: Span;
}

export interface YamlSourceDocument {
  /** The plain value; undefined for an empty document. */
  value: unknown;
  /** Paths tagged `!reset` or `!override` (with `<<` segments removed). */
  resetPaths: { path: Path; tag: '!reset' | '!override'; span: Span }[];
  /** Source range of each mapping key and value, and of each list item, by path key (see pathKey). */
  spans: SpanMap;
  errors: SourceError[];
  /**
   * The value may differ from the `yaml` package's own conversion (`toJS`): a `<<` key (merged or
   * not), an integer read as octal, a key that is not a scalar, a `__proto__` key, a dropped value.
   */
  differsFromYaml?: boolean;
  /** How many nodes the reading visited (aliases counted again), against MAX_NODE_VISITS. */
  visits?: number;
}

export const pathKey = (path: Path): string => path.join('\u0001');

export type SourceSpans = { key?: Span; value: Span };

/**
 * The spans of a document, recorded on first use by reading its tree again (the same Reader, so
 * the same entries, up to the same error if the first reading stopped at one). Until then only a
 * weak reference to the tree is kept; when the tree is gone, the text is parsed again.
 */
export class SpanMap extends Map<string, SourceSpans> {
  private fill?: () => void;

  constructor(tree: Node | null | undefined, reparse: () => Node | null | undefined, lineOf: (offset: number) => number) {
    super();
    // (the closure must not hold `tree` itself)
    const held = tree ? new WeakRef(tree) : undefined;
    this.fill = () => {
      const scratch: YamlSourceDocument = { value: undefined, resetPaths: [], spans: this, errors: [] };
      const alive = held?.deref();
      const root = held ? (alive ?? reparse()) : undefined;
      try {
        new Reader(scratch, lineOf, this).read(root, []);
      } catch (e) {
        if (!(e instanceof SourceFailure)) throw e;
      }
    };
  }

  private filled(): this {
    const fill = this.fill;
    if (fill) {
      this.fill = undefined;
      fill();
    }
    return this;
  }

  override get(key: string): SourceSpans | undefined {
    return super.get.call(this.filled(), key);
  }

  override has(key: string): boolean {
    return super.has.call(this.filled(), key);
  }

  override get size(): number {
    return this.filled() && super.size;
  }

  override forEach(fn: (value: SourceSpans, key: string, map: Map<string, SourceSpans>) => void, thisArg?: unknown): void {
    super.forEach.call(this.filled(), fn, thisArg);
  }

  override entries(): MapIterator<[string, SourceSpans]> {
    return super.entries.call(this.filled());
  }

  override keys(): MapIterator<string> {
    return super.keys.call(this.filled());
  }

  override values(): MapIterator<SourceSpans> {
    return super.values.call(this.filled());
  }

  override [Symbol.iterator](): MapIterator<[string, SourceSpans]> {
    return this.entries();
  }

  /** What the Reader records (straight into the map, before it is filled). */
  record(key: string, spans: SourceSpans): void {
    super.set(key, spans);
  }
}

const spanOf = (node: { range?: [number, number, number] | null } | null | undefined): Span =>
  node?.range ? { start: node.range[0], end: node.range[1] } : { start: 0, end: 0 };

class SourceFailure extends Error {
  constructor(
    message: string,
    readonly span: Span,
  ) {
    super(message);
  }
}

const remembered = new Map<string, YamlSourceDocument[]>();

function remember(text: string, docs: YamlSourceDocument[]): YamlSourceDocument[] {
  remembered.delete(text);
  remembered.set(text, docs);
  if (remembered.size > 64) remembered.delete(remembered.keys().next().value as string);
  return docs;
}

/** Drops what is remembered of a text (the warm-up's generated files). */
export function forgetYamlSource(text: string): void {
  remembered.delete(text);
}

/**
 * The reading of a document the editor already parsed (one document, no errors), remembered by
 * text so resolving the project does not parse the open file a second time.
 */
export function readParsedDocument(
  text: string,
  doc: Document.Parsed,
  options: ParseOptions & DocumentOptions & SchemaOptions,
  /** The text's `\n` line starts when the caller has them (computeNewlineStarts), so they are not made twice. */
  newlineStarts?: readonly number[],
): YamlSourceDocument {
  const known = remembered.get(text);
  if (known && known.length === 1) return known[0];
  const lineOf = lineCounter(text, newlineStarts);
  const contents = doc.contents as Node | null;
  const spans = new SpanMap(contents, () => parseDocument(text, options).contents as Node | null, lineOf);
  const result: YamlSourceDocument = { value: undefined, resetPaths: [], spans, errors: [] };
  const reader = new Reader(result, lineOf);
  try {
    result.value = reader.read(contents, []);
  } catch (e) {
    if (e instanceof SourceFailure) result.errors.push({ message: e.message, span: e.span });
    else throw e;
  }
  result.visits = reader.visitCount;
  remember(text, [result]);
  return result;
}

/** One subtree read as the whole document's reading reads it, with the anchors defined before it. */
export interface SubtreeReading {
  value: unknown;
  visits: number;
  differsFromYaml: boolean;
  resetPaths: YamlSourceDocument['resetPaths'];
}

/**
 * Reads one node at `path` (a Compose service) the way `readParsedDocument` reads it inside its
 * document, `anchors` being the anchors defined before it; undefined when the reading stops at an
 * error (the caller then reads the whole document).
 */
export function readSubtree(node: Node, path: Path, anchors: Map<string, Node>, lineOf: (offset: number) => number): SubtreeReading | undefined {
  const out: YamlSourceDocument = { value: undefined, resetPaths: [], spans: undefined as unknown as SpanMap, errors: [] };
  const reader = new Reader(out, lineOf, undefined, anchors);
  try {
    const value = reader.read(node, path);
    return { value, visits: reader.visitCount, differsFromYaml: !!out.differsFromYaml, resetPaths: out.resetPaths };
  } catch (e) {
    if (e instanceof SourceFailure) return undefined;
    throw e;
  }
}

/**
 * The reading of a document made by an incremental parse (compose/incremental.ts): its value is put
 * together by the caller; its spans are recorded on first use from the new tree, like any other's.
 */
export function rememberReading(
  text: string,
  contents: Node | null,
  options: ParseOptions & DocumentOptions & SchemaOptions,
  newlineStarts: readonly number[],
  fields: Pick<YamlSourceDocument, 'value' | 'resetPaths' | 'differsFromYaml' | 'visits'>,
): YamlSourceDocument {
  const lineOf = lineCounter(text, newlineStarts);
  const spans = new SpanMap(contents, () => parseDocument(text, options).contents as Node | null, lineOf);
  const result: YamlSourceDocument = { ...fields, spans, errors: [] };
  remember(text, [result]);
  return result;
}

/** Reads every YAML document of a file. A YAML syntax error stops at that document. */
export function readYamlSource(text: string): YamlSourceDocument[] {
  const known = remembered.get(text);
  if (known) return known;
  return remember(text, readAll(text));
}

const READ_ALL_OPTIONS = { merge: false, uniqueKeys: false, prettyErrors: false };

function readAll(text: string): YamlSourceDocument[] {
  const docs = parseAllDocuments(text, READ_ALL_OPTIONS);
  const list = Array.isArray(docs) ? docs : [docs];
  const out: YamlSourceDocument[] = [];
  const lineOf = lineCounter(text);
  for (let index = 0; index < list.length; index++) {
    const doc = list[index];
    const reparse = () => {
      const again = parseAllDocuments(text, READ_ALL_OPTIONS);
      return ((Array.isArray(again) ? again : [again])[index]?.contents ?? null) as Node | null;
    };
    // (a document with a syntax error is not read: it has no spans)
    const spans = new SpanMap(doc.errors.length > 0 ? undefined : (doc.contents as Node | null), reparse, lineOf);
    const result: YamlSourceDocument = { value: undefined, resetPaths: [], spans, errors: [] };
    out.push(result);
    if (doc.errors.length > 0) {
      const e = doc.errors[0];
      result.errors.push({ message: `yaml: ${e.message.split('\n')[0]}`, span: { start: e.pos[0], end: e.pos[1] } });
      break;
    }
    try {
      result.value = new Reader(result, lineOf).read(doc.contents as Node | null, []);
    } catch (e) {
      if (e instanceof SourceFailure) result.errors.push({ message: e.message, span: e.span });
      else throw e;
    }
  }
  return out;
}

export function lineCounter(text: string, newlineStarts?: readonly number[]): (offset: number) => number {
  const starts = newlineStarts ?? computeNewlineStarts(text);
  // The 1-based line of an offset.
  return (offset) => Math.max(0, lastAtMost(starts, offset)) + 1;
}

const DROPPED = Symbol('reset');

/**
 * A path while reading: each step links to its parent, so entering a child allocates one small
 * object instead of a copy of the whole path; the array is made only where one is kept (a `!reset`
 * path, a span's key, an error message).
 */
type Step = { up: Step | undefined; key: string | number } | undefined;

function pathOf(step: Step): Path {
  const out: Path = [];
  for (let s = step; s; s = s.up) out.push(s.key);
  return out.reverse();
}

class Reader {
  private visits = 0;
  private readonly resolving = new Map<Node, Step>();
  private aliasDepth = 0;

  constructor(
    private readonly out: YamlSourceDocument,
    private readonly lineOf: (offset: number) => number,
    /** Where to record the spans (the second reading only). */
    private readonly spans?: SpanMap,
    /** The anchors defined before the node read (a subtree read alone); the reading adds its own. */
    private readonly anchors = new Map<string, Node>(),
  ) {}

  get visitCount(): number {
    return this.visits;
  }

  read(node: Node | null | undefined, path: Path): unknown {
    let step: Step;
    for (const key of path) step = { up: step, key };
    const v = this.node(node, step);
    return v === DROPPED ? undefined : v;
  }

  private node(node: Node | null | undefined, path: Step): unknown {
    if (++this.visits > MAX_NODE_VISITS) {
      const message = this.aliasDepth > 0 ? 'yaml: document contains excessive aliasing' : `compose file exceeds maximum node visit limit (${MAX_NODE_VISITS})`;
      throw new SourceFailure(message, spanOf(node));
    }
    if (!node) return null;
    const anchor = (node as { anchor?: string }).anchor;
    if (anchor && !isAlias(node)) this.anchors.set(anchor, node);
    if (isAlias(node)) {
      const target = this.anchors.get(node.source);
      if (!target) throw new SourceFailure(`yaml: unknown anchor '${node.source}' referenced`, spanOf(node));
      const entered = this.resolving.has(target) ? this.resolving.get(target) : this.open.has(target) ? this.open.get(target) : null;
      if (entered !== null) {
        throw new SourceFailure(`cycle detected: node at path ${pathOf(path).join('.')} references node at path ${pathOf(entered).join('.')}`, spanOf(node));
      }
      this.resolving.set(target, path);
      this.aliasDepth++;
      try {
        return this.tagged(target, path, node);
      } finally {
        this.aliasDepth--;
        this.resolving.delete(target);
      }
    }
    return this.tagged(node, path, node);
  }

  /** Containers being read, with their paths (an alias to one of them is a cycle). */
  private readonly open = new Map<Node, Step>();

  /** `written`: the node as written (the alias, for an aliased node), whose span a `!reset` records. */
  private tagged(node: Node, path: Step, written: Node): unknown {
    if (isSeq(node) || isMap(node)) {
      this.open.set(node, path);
      try {
        return this.taggedInner(node, path, written);
      } finally {
        this.open.delete(node);
      }
    }
    return this.taggedInner(node, path, written);
  }

  private taggedInner(node: Node, path: Step, written: Node): unknown {
    const tag = (node as { tag?: string }).tag;
    if (tag === '!reset') {
      this.out.resetPaths.push({ path: pathOf(path), tag, span: spanOf(written) });
      this.out.differsFromYaml = true;
      return DROPPED;
    }
    if (tag === '!override') this.out.resetPaths.push({ path: pathOf(path), tag, span: spanOf(written) });
    if (isScalar(node)) {
      const v = scalarValue(node);
      if (v !== node.value) this.out.differsFromYaml = true;
      return v;
    }
    if (isSeq(node)) {
      const list: unknown[] = [];
      const items = node.items as Node[];
      for (let i = 0; i < items.length; i++) {
        const item = items[i];
        const childPath: Step = { up: path, key: i };
        this.spans?.record(pathKey(pathOf(childPath)), { value: spanOf(item) });
        const v = this.node(item, childPath);
        if (v !== DROPPED) list.push(v);
      }
      return list;
    }
    if (isMap(node)) return this.mapping(node, path);
    return null;
  }

  private mapping(node: import('yaml').YAMLMap, path: Step): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    const items = node.items;
    /**
     * Each key's first node (its line is found only for the message of a duplicate); a mapping of a
     * few keys compares each key with those before it instead (no set made for each of them).
     */
    const seen = items.length > SMALL_MAPPING ? new Map<string, Node | null>() : undefined;
    let merged: Record<string, unknown>[] | undefined;
    for (let index = 0; index < items.length; index++) {
      const pair = items[index];
      const keyNode = pair.key as Node | null;
      const key = keyText(keyNode);
      if (key === '<<' || key === '__proto__' || !isScalar(keyNode)) this.out.differsFromYaml = true;
      const first = seen ? (seen.has(key) ? { node: seen.get(key) } : undefined) : earlierKey(items, index, key);
      if (first) {
        const line = this.lineOf(spanOf(keyNode).start);
        const previous = this.lineOf(spanOf(first.node).start);
        throw new SourceFailure(`line ${line}: mapping key ${JSON.stringify(key)} already defined at line ${previous}`, spanOf(keyNode));
      }
      seen?.set(key, keyNode);
      if (key === '<<' && isMergeKey(keyNode)) {
        // merge key: the path of what it brings in is the mapping's own path
        // (a mapping, a sequence of mappings, or an alias to either; anything else stops go-yaml)
        const value = pair.value as Node | null;
        const read = isSeq(value) ? (value.items as Node[]).map((item) => this.node(item, path)) : this.node(value, path);
        for (const v of Array.isArray(read) ? read : [read]) {
          if (v === DROPPED) continue;
          if (!v || typeof v !== 'object' || Array.isArray(v)) throw new SourceFailure('yaml: map merge requires map or sequence of maps as the value', spanOf(value));
          (merged ??= []).push(v as Record<string, unknown>);
        }
        continue;
      }
      const childPath: Step = { up: path, key };
      const v = this.node(pair.value as Node | null, childPath);
      this.spans?.record(pathKey(pathOf(childPath)), { key: spanOf(keyNode), value: spanOf(pair.value as Node | null) });
      if (v !== DROPPED) result[key] = v;
    }
    if (!merged) return result;
    // own keys win over merged ones; among merged mappings the first wins
    const combined: Record<string, unknown> = {};
    for (let i = merged.length - 1; i >= 0; i--) Object.assign(combined, merged[i]);
    return Object.assign(combined, result);
  }
}

/** Mappings of up to this many keys find a repeated key by comparing it with the keys before it. */
const SMALL_MAPPING = 8;

/** The first key before `items[index]` that reads as `key`. */
function earlierKey(items: readonly { key: unknown }[], index: number, key: string): { node: Node | null } | undefined {
  for (let j = 0; j < index; j++) {
    const node = items[j].key as Node | null;
    if (keyText(node) === key) return { node };
  }
  return undefined;
}

/**
 * `<<` is a merge key when written plain without a tag, or tagged `!!merge`; a quoted `"<<"` (or
 * `!!str <<`) is an ordinary key, as go-yaml resolves it.
 */
function isMergeKey(node: Node | null): boolean {
  if (!isScalar(node)) return false;
  if (node.tag) return node.tag === 'tag:yaml.org,2002:merge';
  return node.type === 'PLAIN' || node.type === undefined;
}

function keyText(node: Node | null | undefined): string {
  if (!node) return '';
  if (isScalar(node)) {
    const v = node.value;
    if (typeof v === 'symbol') return '<<';
    return v === null || v === undefined ? '' : String(v);
  }
  return String((node as { toJSON?: () => unknown }).toJSON?.() ?? '');
}

function scalarValue(node: import('yaml').Scalar): unknown {
  const v = node.value;
  // go-yaml reads a plain integer with a leading 0 as octal (`mode: 0440` is 288), the YAML 1.1 way
  if (typeof v === 'number' && node.type === 'PLAIN' && typeof node.source === 'string' && /^[-+]?0[0-7]+$/.test(node.source)) return parseInt(node.source, 8);
  if (typeof v === 'bigint') return Number(v);
  return v ?? null;
}
