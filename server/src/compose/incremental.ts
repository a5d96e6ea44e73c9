// An edit inside one service of a Compose file re-parses that service alone (issue 16). `yaml`'s
// Parser counts offsets from its `offset` field, so the service's text, parsed by itself from where
// it starts, gives nodes with the whole file's ranges (the same nodes a whole parse gives: checked on
// every service of the corpus by test/compose/incremental.test.ts). The new document is the previous
// one with that service's pair replaced: nodes before it are shared, nodes after it are copied with
// their ranges shifted (the previous version's tree is never changed: its reading's spans and any
// request still holding it read the old offsets). compose's reading of the file (the model's value
// and the project loader's source) is the previous reading with that service read again.
//
// The edit is taken as local only when the answer cannot differ from a whole parse: the previous
// version parsed and read without errors or warnings; the changed text lies inside one service's
// value (after its key, before the next service's key or the next top-level key); the service's text
// parses alone as one mapping entry with the same key; the services mapping and the document root are
// plain block mappings without anchors, tags or merge keys; the service defines no anchor before or
// after the edit and has no tag; its aliases name anchors defined once, before it; no `---`, `...`
// or `%` line is in it. Anything else parses the whole text again.
import { Composer, isAlias, isMap, isPair, isScalar, isSeq, Parser, type Alias, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import { LineIndex } from '../common/lineIndex';
import { lastAtMost } from '../common/lineStarts';
import { aliasesOf, anchorsOf, assembleModel, keyName, PARSE_OPTIONS, rememberModel, scanNodes, type ComposeModel } from './model';
import { walkFrom } from './walk';
import { carryServiceResults } from './semantics';
import { carrySchemaErrors } from './schemaPerService';
import { lineCounter, MAX_NODE_VISITS, readSubtree, rememberReading } from './project/yamlSource';

/** The changed part of an edit: `[start, oldEnd)` in the old text became `[start, newEnd)` in the new one. */
export interface TextChange {
  start: number;
  oldEnd: number;
  newEnd: number;
}

/** The smallest change turning `before` into `after` (common head and tail left out). */
export function changeBetween(before: string, after: string): TextChange {
  const shortest = Math.min(before.length, after.length);
  // (halving the part still unknown: the strings compare natively, a few times faster than by character)
  let head = 0;
  let hi = shortest;
  while (head < hi) {
    const mid = (head + hi + 1) >> 1;
    if (before.slice(head, mid) === after.slice(head, mid)) head = mid;
    else hi = mid - 1;
  }
  let tail = 0;
  hi = shortest - head;
  while (tail < hi) {
    const mid = (tail + hi + 1) >> 1;
    if (before.slice(before.length - mid, before.length - tail) === after.slice(after.length - mid, after.length - tail)) tail = mid;
    else hi = mid - 1;
  }
  return { start: head, oldEnd: before.length - tail, newEnd: after.length - tail };
}

/**
 * The model of `text`, made from `previous` by re-parsing the one service the edit is in; undefined
 * when the edit is not local (see the header): the caller parses the whole text.
 */
export function reparseCompose(previous: ComposeModel, text: string, remember = true): ComposeModel | undefined {
  try {
    return reparse(previous, text, remember);
  } catch (e) {
    // a tree nested deeper than the copy's recursion reaches: the whole parse reads it
    if (e instanceof RangeError) return undefined;
    throw e;
  }
}

function reparse(previous: ComposeModel, text: string, remember: boolean): ComposeModel | undefined {
  const reading = previous.reading;
  if (!reading || reading.errors.length > 0 || reading.resetPaths.length > 0 || reading.visits === undefined) return undefined;
  if (previous.hasYamlErrors || previous.value === undefined || previous.doc.warnings.length > 0) return undefined;
  if (previous.text === text) return previous;
  const oldText = previous.text;
  const change = changeBetween(oldText, text);
  if (text.includes('\r') || oldText.includes('\r') || /!reset\b/.test(oldText) !== /!reset\b/.test(text)) return undefined;

  // the document root and the services mapping: plain block mappings holding the service directly
  const doc = previous.doc;
  const root = doc.contents as Node | null;
  if (!isMap(root) || root.flow || root.anchor || root.tag || !root.range) return undefined;
  const rootIndex = root.items.findIndex((p) => isScalar(p.key) && keyName(p.key) === 'services');
  if (rootIndex < 0 || root.items.some((p) => !isScalar(p.key) || keyName(p.key) === '<<')) return undefined;
  const servicesPair = root.items[rootIndex] as Pair<Node, Node>;
  const servicesMap = servicesPair.value;
  if (!isMap(servicesMap) || servicesMap.flow || servicesMap.anchor || servicesMap.tag || !servicesMap.range) return undefined;
  const items = servicesMap.items as Pair<Node, Node | null>[];
  if (items.length !== previous.services.length || items.length === 0) return undefined;

  // the service the edit is in: the last whose key starts before it
  let lo = 0;
  let hi = items.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((items[mid].key.range as number[])[0] <= change.start) lo = mid;
    else hi = mid - 1;
  }
  const index = lo;
  const pair = items[index];
  const key = pair.key;
  if (!isScalar(key) || !key.range || previous.services[index].pair !== pair) return undefined;
  if (change.start <= key.range[1]) return undefined;
  // its text: from its key's line to the next service's key (or the next top-level key, or the end)
  const sliceStart = oldText.lastIndexOf('\n', key.range[0] - 1) + 1;
  if (oldText.slice(sliceStart, key.range[0]).trim() !== '') return undefined;
  const next = index + 1 < items.length ? items[index + 1].key : (root.items[rootIndex + 1]?.key as Node | undefined);
  const oldEnd = next ? next.range?.[0] : oldText.length;
  if (oldEnd === undefined || change.oldEnd > oldEnd) return undefined;
  const delta = text.length - oldText.length;
  const newEnd = oldEnd + delta;
  const slice = text.slice(sliceStart, newEnd);
  // the next key's line is the same, indentation included (the edit ends before it, at a line break)
  if (next) {
    const nextLine = oldText.lastIndexOf('\n', oldEnd - 1) + 1;
    if (nextLine <= sliceStart || change.oldEnd > nextLine || text.charCodeAt(nextLine + delta - 1) !== 10) return undefined;
  }
  if (/(^|\n)(---|\.\.\.|%)/.test(slice) || !indentedUnder(slice, key.range[0] - sliceStart)) return undefined;

  // at the end of the text, `yaml` gives blank lines and comments after the last service to the
  // service or to the document depending on their indentation: the whole parse reads any
  if (!next && contentEnd(slice) !== slice.length) return undefined;
  const parsed = parseAt(slice, sliceStart);
  if (!parsed) return undefined;
  const newPair = parsed.map.items[0] as Pair<Node, Node | null>;
  // a service that is a block mapping before and after (a null or scalar value ends elsewhere in a whole parse)
  const blockMap = (n: Node | null) => isMap(n) && !n.flow;
  if (!blockMap(pair.value) || !blockMap(newPair.value)) return undefined;
  const newKey = newPair.key;
  if (!isScalar(newKey) || newKey.value !== key.value || newKey.type !== key.type || !newKey.range || newKey.range[0] !== key.range[0] || newKey.range[1] !== key.range[1]) return undefined;
  if (newKey.anchor || newKey.tag || key.anchor || key.tag) return undefined;

  // anchors: none in the service (before or after the edit), each alias in it naming one defined once before it
  const anchors = anchorsOf(previous);
  const scannedBefore = scanNodes((fn) => walkFrom(pair.value, fn));
  const scanned = scanNodes((fn) => walkFrom(newPair.value, fn));
  if (scannedBefore.anchors.size > 0 || scanned.anchors.size > 0 || scanned.duplicates.length > 0 || hasTag(newPair.value)) return undefined;
  const seeded = new Map<string, Node>();
  for (const alias of [...scannedBefore.aliases, ...scanned.aliases]) {
    const defined = anchors.get(alias.source);
    if (!defined || defined.length !== 1 || defined[0].start >= sliceStart) return undefined;
    seeded.set(alias.source, defined[0].node);
  }
  for (const list of anchors.values()) if (list.length !== 1) return undefined;

  // compose's reading of the service, then of the document (its node visits counted as a whole reading counts them)
  const lines = new LineIndex(text, shiftedLineStarts(previous.lines.lineStarts, text, sliceStart, oldEnd, newEnd));
  const lineOf = lineCounter(text, lines.lineStarts);
  const path = ['services', String(key.value)];
  const oldLineOf = lineCounter(oldText, previous.lines.lineStarts);
  const before = pair.value ? readSubtree(pair.value, path, new Map(seeded), oldLineOf) : undefined;
  const after = newPair.value ? readSubtree(newPair.value, path, new Map(seeded), lineOf) : undefined;
  if ((pair.value && !before) || (newPair.value && !after)) return undefined;
  if ((after?.resetPaths.length ?? 0) > 0) return undefined;
  const visits = reading.visits - (before?.visits ?? 1) + (after?.visits ?? 1);
  if (visits > MAX_NODE_VISITS) return undefined;

  // the new tree: the edited service's pair replaced, the nodes after it copied with shifted ranges
  const copies = new Copier(delta);
  const newServices = shallow(servicesMap);
  newServices.items = items.map((p, i) => (i < index ? p : i === index ? newPair : copies.pair(p)));
  const newServicesPair = shallow(servicesPair);
  newServicesPair.value = newServices;
  const newRoot = shallow(root);
  newRoot.items = root.items.map((p, i) => (i < rootIndex ? p : i === rootIndex ? newServicesPair : copies.pair(p as Pair<Node, Node | null>)));
  const newDoc = shallow(doc) as Document.Parsed;
  newDoc.contents = newRoot as Document.Parsed['contents'];
  newDoc.errors = [];
  newDoc.warnings = [];
  const shift = (r: readonly number[]): [number, number, number] | undefined => (r[1] >= oldEnd && r[2] >= oldEnd ? [r[0], r[1] + delta, r[2] + delta] : undefined);
  if (next) {
    // the root ends after the service: its ends move with the text; so do the services mapping's
    // when another service follows; when a top-level key follows, the mapping ends where its last
    // service does, as the mapping holding it alone in its own parse does (the previous version must agree)
    const sr = servicesMap.range;
    const vr = pair.value!.range!;
    const [, end1, end2] = parsed.map.range as [number, number, number];
    const servicesRange = index + 1 < items.length ? shift(sr) : sr[1] === vr[1] && sr[2] === vr[2] ? ([sr[0], end1, end2] as [number, number, number]) : undefined;
    const rootRange = shift(root.range);
    const docRange = shift(doc.range);
    if (!servicesRange || !rootRange || !docRange) return undefined;
    newServices.range = servicesRange;
    newRoot.range = rootRange;
    newDoc.range = docRange;
  } else {
    // the last service at the end of the text: the services mapping and the root end where it ends,
    // as the mapping holding it alone in its own parse does (the previous version must agree)
    const sr = servicesMap.range;
    const rr = root.range;
    if (sr[1] !== rr[1] || sr[2] !== rr[2] || doc.range[1] !== rr[1]) return undefined;
    const [, end1, end2] = parsed.map.range as [number, number, number];
    newServices.range = [sr[0], end1, end2];
    newRoot.range = [rr[0], end1, end2];
    newDoc.range = [doc.range[0], parsed.range[1], parsed.range[2]];
  }

  // anchor and alias index: those before the service kept, those after it copied
  const newAnchors = new Map<string, { start: number; node: Node }[]>();
  for (const [name, list] of anchors) {
    newAnchors.set(
      name,
      list.map((a) => (a.start < sliceStart ? a : { start: a.start + delta, node: copies.of(a.node) })),
    );
  }
  const oldAliases = aliasesOf(previous);
  const newAliases: Alias[] = [];
  for (const a of oldAliases) if (a.range && a.range[0] < sliceStart) newAliases.push(a);
  newAliases.push(...scanned.aliases);
  for (const a of oldAliases) if (a.range && a.range[0] >= oldEnd) newAliases.push(copies.of(a) as Alias);

  // the value: the previous one with this service's value replaced
  const name = String(key.value);
  const serviceValue = after ? after.value : null;
  const readValue = withService(reading.value, name, serviceValue);
  const differsFromYaml = !!reading.differsFromYaml || !!after?.differsFromYaml;
  const newReading = rememberReading(text, newRoot, PARSE_OPTIONS, lines.lineStarts, { value: readValue, resetPaths: [], differsFromYaml, visits });
  let value: unknown = readValue;
  // as parseCompose takes it: `yaml`'s conversion where the reading differs from it (the previous
  // value already was, or was the same as the reading's), the reading's own when the text has `!reset`
  if (differsFromYaml && /!reset\b/.test(text)) value = structuredClone(readValue);
  else if (differsFromYaml) {
    const converted = newPair.value ? newPair.value.toJS(newDoc, { maxAliasCount: -1 }) : null;
    value = withService(previous.value, name, converted);
  }
  const model = assembleModel(text, lines, newDoc, value, [], [], newReading, { anchors: newAnchors, aliases: newAliases });
  carryServiceResults(model, previous, index, oldEnd, delta);
  carrySchemaErrors(model, previous, name);
  if (remember) rememberModel(model);
  return model;
}

/**
 * The new text's line starts from the previous one's (no `\r` in either): those up to the service's
 * line kept, those in its new text found, those after it shifted.
 */
function shiftedLineStarts(old: readonly number[], text: string, sliceStart: number, oldEnd: number, newEnd: number): number[] {
  const delta = newEnd - oldEnd;
  const kept = lastAtMost(old, sliceStart) + 1;
  const out = old.slice(0, kept);
  for (let at = text.indexOf('\n', sliceStart); at !== -1 && at < newEnd; at = text.indexOf('\n', at + 1)) out.push(at + 1);
  for (let i = lastAtMost(old, oldEnd) + 1; i < old.length; i++) out.push(old[i] + delta);
  return out;
}

/** `{...root, services: {...services, [name]: value}}`, keeping the key order. */
function withService(root: unknown, name: string, value: unknown): unknown {
  const r = root as Record<string, unknown>;
  const services = { ...(r.services as Record<string, unknown>) };
  services[name] = value;
  const out = { ...r };
  out.services = services;
  return out;
}

/** The end of the last line holding more than blanks or a comment (after its line break). */
function contentEnd(slice: string): number {
  let end = 0;
  let start = 0;
  while (start < slice.length) {
    const lf = slice.indexOf('\n', start);
    const stop = lf < 0 ? slice.length : lf + 1;
    const line = slice.slice(start, stop).trim();
    if (line !== '' && !line.startsWith('#')) end = stop;
    start = stop;
  }
  return end;
}

/** Every line after the first, unless blank or a comment, is indented past the key's column. */
function indentedUnder(slice: string, keyColumn: number): boolean {
  let at = slice.indexOf('\n');
  while (at >= 0 && at < slice.length - 1) {
    let i = at + 1;
    while (i < slice.length && slice.charCodeAt(i) === 32) i++;
    const c = slice.charCodeAt(i);
    // (a blank line, a comment, or the end)
    if (!(i === slice.length || c === 10 || c === 35 || (c === 9 && /^\t*\s*(#|\n|$)/.test(slice.slice(i, i + 80)))) && i - at - 1 <= keyColumn) return false;
    at = slice.indexOf('\n', i);
  }
  return true;
}

/** One service's text parsed from `offset`: its mapping (one entry), or undefined if anything is off. */
function parseAt(slice: string, offset: number): { map: YAMLMap; range: [number, number, number] } | undefined {
  const parser = new Parser();
  parser.offset = offset;
  const composer = new Composer(PARSE_OPTIONS);
  const docs = [...composer.compose(parser.parse(slice), true, offset + slice.length)];
  if (docs.length !== 1) return undefined;
  const doc = docs[0];
  if (doc.errors.length > 0 || doc.warnings.length > 0) return undefined;
  const map = doc.contents as Node | null;
  if (!isMap(map) || map.flow || map.anchor || map.tag || map.items.length !== 1) return undefined;
  return { map, range: doc.range };
}

/** A copy of a node or pair with the same prototype and own properties (the node type included). */
function shallow<T extends object>(node: T): T {
  return Object.create(Object.getPrototypeOf(node), Object.getOwnPropertyDescriptors(node)) as T;
}

/** Deep copies of the nodes after the edit, ranges shifted; remembers each copied anchor or alias. */
class Copier {
  private readonly copied = new Map<Node, Node>();

  constructor(private readonly delta: number) {}

  of(node: Node): Node {
    const copy = this.copied.get(node);
    if (!copy) throw new Error('incremental Compose parse: an anchor or alias after the edit was not copied');
    return copy;
  }

  pair(p: Pair<Node, Node | null>): Pair<Node, Node | null> {
    const copy = construct(p);
    copy.key = this.node(p.key) as Node;
    copy.value = this.node(p.value);
    return copy;
  }

  node(node: Node | null): Node | null {
    if (!node) return node;
    const copy = construct(node);
    const r = node.range;
    if (r) copy.range = [r[0] + this.delta, r[1] + this.delta, r[2] + this.delta];
    if (isMap(node) || isSeq(node)) {
      (copy as YAMLMap).items = (node.items as unknown[]).map((item) =>
        isPair(item) ? this.pair(item as Pair<Node, Node | null>) : this.node(item as Node | null),
      ) as YAMLMap['items'];
    }
    if (isAlias(node) || (node as { anchor?: string }).anchor) this.copied.set(node, copy);
    return copy;
  }
}

/**
 * A copy of a node or pair: its own fields copied onto an object whose prototype is a template of
 * its class holding what `yaml` sets per instance as non-enumerable properties (the node type, a
 * collection's schema), so a copy costs one allocation and no property definitions.
 */
function construct<T extends Node | Pair>(node: T): T {
  return Object.assign(Object.create(templateOf(node)) as T, node);
}

const NODE_TYPE = Symbol.for('yaml.node.type');
const NO_SCHEMA = {};
const templates = new WeakMap<object, WeakMap<object, object>>();
const isTemplate = new WeakSet<object>();

function templateOf(node: object): object {
  const proto = Object.getPrototypeOf(node) as object;
  if (isTemplate.has(proto)) return proto;
  const schema = ((node as { schema?: object }).schema ?? NO_SCHEMA) as object;
  let bySchema = templates.get(proto);
  if (!bySchema) templates.set(proto, (bySchema = new WeakMap()));
  let template = bySchema.get(schema);
  if (!template) {
    const props: PropertyDescriptorMap = { [NODE_TYPE]: { value: (node as Record<symbol, unknown>)[NODE_TYPE] } };
    if (schema !== NO_SCHEMA) props.schema = { value: schema, writable: true, configurable: true };
    template = Object.create(proto, props) as object;
    isTemplate.add(template);
    bySchema.set(schema, template);
  }
  return template;
}

function hasTag(node: Node | null): boolean {
  let found = false;
  walkFrom(node, (n) => {
    if ((n as { tag?: string }).tag) found = true;
  });
  return found;
}
