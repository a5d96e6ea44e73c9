// Completion: keys valid at the cursor (from the schema), enum values, and the names a value may
// refer to (services, networks, volumes, secrets, configs, Dockerfile stages).
//
// The cursor is usually in a half-written document (`    |` under a service), where the YAML tree
// has nothing at that spot, so the path at the cursor comes from indentation, line by line.
import {
  CompletionItemKind,
  InsertTextFormat,
  type CompletionItem,
  type CompletionList,
  type Position,
} from 'vscode-languageserver-types';
import { LineIndex } from '../common/lineIndex';
import { isMap, isScalar, keyName, nodeAtOffset, nodeAtPath, schemaPathOf, type ComposeModel, type Node, type TopLevelSection, type YamlPath } from './model';
import { enumAt, keysAt, typesAt, alternatives, type KeyInfo } from './schema';
import { buildInfo, loadDockerfile, type ComposeContext } from './dockerfiles';
import { RESTART_POLICIES } from './values';
import { reportInternalError } from './errors';
import { currentLocale, t, type MessageKey } from '../l10n';
import { typeNames } from './typeWords';
import { localizeDetails } from '../l10n/patterns';
import { inlineCode } from '../common/markdown';
import { snippetItems } from './snippets';
import { imageSuggestions } from '../dockerfile/services/baseImage';

export interface CursorContext {
  /** Path of the mapping (key position) or of the value (value position) at the cursor. */
  path: YamlPath;
  kind: 'key' | 'value' | 'item';
  /** What is typed so far, and where it starts. */
  prefix: string;
  prefixStart: number;
  /** Column where a key at the cursor starts (for indenting inserted blocks). */
  column: number;
}

interface LineSource {
  line(index: number): string;
}

interface LineShape {
  blank: boolean;
  dash: boolean;
  dashCol: number;
  /** Column of the first character after indentation and `- `. */
  contentCol: number;
  key?: string;
  /** True when text follows `key:` on the same line. */
  hasValue: boolean;
}

const KEY_LINE = /^((?:"[^"]*"|'[^']*'|[^\s:#"'][^:#]*?)):(?:\s+(.*))?$/;

function shape(line: string): LineShape {
  const indent = line.length - line.trimStart().length;
  const rest = line.slice(indent);
  if (rest === '' || rest.startsWith('#')) return { blank: true, dash: false, dashCol: indent, contentCol: indent, hasValue: false };
  const dashMatch = /^-(\s+|$)/.exec(rest);
  const dash = !!dashMatch;
  const content = dash ? rest.slice(dashMatch![0].length) : rest;
  const contentCol = indent + (dash ? dashMatch![0].length : 0);
  const m = KEY_LINE.exec(content.replace(/\s+#.*$/, ''));
  const key = m ? m[1].replace(/^["']|["']$/g, '') : undefined;
  // An anchor or tag alone (`x-common: &common`) still opens a block on the next lines.
  const value = (m?.[2] ?? '').replace(/^(?:[&!]\S*\s*)+/, '').trim();
  return { blank: false, dash, dashCol: indent, contentCol, key, hasValue: value !== '' && !value.startsWith('#') && value !== '|' && value !== '>' };
}

/** The mapping path that owns a line starting at `col` (a dash item when `dashCol` is given). */
function ownerPath(lines: LineSource, lineNo: number, col: number, dashCol: number | undefined): YamlPath | undefined {
  const path: YamlPath = [];
  let target = col;
  let seqDash = dashCol;
  if (seqDash !== undefined) path.unshift(0);
  for (let l = lineNo - 1; l >= 0; l--) {
    if (seqDash === undefined && target === 0) break; // reached the top level
    const text = lines.line(l);
    // Deeper lines cannot own the cursor: skip them before the (costlier) shape regexes.
    let indent = 0;
    while (indent < text.length && text.charCodeAt(indent) === 32) indent++;
    // (Without a pending list, a line at the target column is a sibling, never the owner.)
    if (seqDash === undefined ? indent >= target : indent > seqDash) continue;
    const s = shape(text);
    if (s.blank) continue;
    if (seqDash !== undefined) {
      if (s.dash && s.dashCol === seqDash) continue; // an earlier item of the same list
      if (s.contentCol > seqDash) continue; // inside an earlier item
      if (!s.key || s.hasValue) return undefined;
      path.unshift(s.key);
      target = s.contentCol;
      seqDash = s.dash ? s.dashCol : undefined;
      if (seqDash !== undefined) path.unshift(0);
      continue;
    }
    if (s.contentCol > target) continue;
    if (s.contentCol === target) {
      if (s.dash) {
        // A key inside a list item whose first key sits on the dash line.
        path.unshift(0);
        seqDash = s.dashCol;
        target = s.dashCol;
      }
      continue;
    }
    if (!s.key || s.hasValue) return undefined;
    path.unshift(s.key);
    target = s.contentCol;
    if (s.dash) {
      seqDash = s.dashCol;
      path.unshift(0);
    }
  }
  return path;
}

export function cursorContext(text: string, offset: number, index: LineIndex = new LineIndex(text)): CursorContext | undefined {
  const lineNo = index.lineOf(offset);
  const lineStart = index.lineStarts[lineNo];
  const before = text.slice(lineStart, offset);
  const lines: LineSource = { line: (i) => index.lineText(i) };
  const indent = before.length - before.trimStart().length;
  const dash = /^(\s*)-(\s+)(.*)$/.exec(before) ?? /^(\s*)-()$/.exec(before);
  const dashCol = dash ? indent : undefined;
  const body = dash ? dash[3] ?? '' : before.slice(indent);
  const bodyCol = dash ? indent + 1 + (dash[2]?.length ?? 0) : indent;
  const keyValue = /^((?:"[^"]*"|'[^']*'|[^\s:#"'][^:#]*?)):(\s+)(.*)$/.exec(body);
  if (keyValue) {
    const owner = ownerPath(lines, lineNo, bodyCol, dashCol);
    if (!owner) return undefined;
    const key = keyValue[1].replace(/^["']|["']$/g, '');
    let value = keyValue[3];
    let valueStart = offset - value.length;
    const flow = /^\[(?:[^\]]*,)?\s*(.*)$/.exec(value);
    if (flow) {
      valueStart = offset - flow[1].length;
      value = flow[1];
      return { path: [...owner, key, 0], kind: 'item', ...unquote(value, valueStart), column: bodyCol };
    }
    return { path: [...owner, key], kind: 'value', ...unquote(value, valueStart), column: bodyCol };
  }
  if (/^[^\s:#]*$|^["'][^"']*$/.test(body)) {
    const owner = ownerPath(lines, lineNo, bodyCol, dashCol);
    if (!owner) return undefined;
    const prefixStart = offset - body.length;
    return { path: owner, kind: dash ? 'item' : 'key', ...unquote(body, prefixStart), column: bodyCol };
  }
  return undefined;
}

function unquote(value: string, start: number): { prefix: string; prefixStart: number } {
  if (value.startsWith('"') || value.startsWith("'")) return { prefix: value.slice(1), prefixStart: start + 1 };
  return { prefix: value, prefixStart: start };
}

type NameSource = 'services' | TopLevelSection | 'stages' | 'networkModes' | 'restart' | 'pullPolicy';

/** Where names come from for values at a path (`*` any name, `#` any list index). */
const NAME_SOURCES: { pattern: string[]; kind: CursorContext['kind'][]; source: NameSource }[] = [
  { pattern: ['services', '*', 'depends_on', '#'], kind: ['item'], source: 'services' },
  { pattern: ['services', '*', 'depends_on'], kind: ['key'], source: 'services' },
  { pattern: ['services', '*', 'links', '#'], kind: ['item'], source: 'services' },
  { pattern: ['services', '*', 'extends'], kind: ['value'], source: 'services' },
  { pattern: ['services', '*', 'extends', 'service'], kind: ['value'], source: 'services' },
  { pattern: ['services', '*', 'networks', '#'], kind: ['item'], source: 'networks' },
  { pattern: ['services', '*', 'networks'], kind: ['key'], source: 'networks' },
  { pattern: ['services', '*', 'volumes', '#'], kind: ['item'], source: 'volumes' },
  { pattern: ['services', '*', 'volumes', '#', 'source'], kind: ['value'], source: 'volumes' },
  { pattern: ['services', '*', 'secrets', '#'], kind: ['item'], source: 'secrets' },
  { pattern: ['services', '*', 'secrets', '#', 'source'], kind: ['value'], source: 'secrets' },
  { pattern: ['services', '*', 'build', 'secrets', '#'], kind: ['item'], source: 'secrets' },
  { pattern: ['services', '*', 'configs', '#'], kind: ['item'], source: 'configs' },
  { pattern: ['services', '*', 'configs', '#', 'source'], kind: ['value'], source: 'configs' },
  { pattern: ['services', '*', 'build', 'target'], kind: ['value'], source: 'stages' },
  { pattern: ['services', '*', 'network_mode'], kind: ['value'], source: 'networkModes' },
  { pattern: ['services', '*', 'restart'], kind: ['value'], source: 'restart' },
  { pattern: ['services', '*', 'pull_policy'], kind: ['value'], source: 'pullPolicy' },
];

/** Values the schema only names in its descriptions. */
const FIXED_VALUES: Partial<Record<NameSource, { value: string; doc: MessageKey }[]>> = {
  restart: RESTART_POLICIES,
  pullPolicy: [
    { value: 'always', doc: 'composeValue.pull.always' },
    { value: 'never', doc: 'composeValue.pull.never' },
    { value: 'missing', doc: 'composeValue.pull.missing' },
    { value: 'build', doc: 'composeValue.pull.build' },
    { value: 'daily', doc: 'composeValue.pull.daily' },
    { value: 'weekly', doc: 'composeValue.pull.weekly' },
  ],
  networkModes: [
    { value: 'bridge', doc: 'composeValue.network.bridge' },
    { value: 'host', doc: 'composeValue.network.host' },
    { value: 'none', doc: 'composeValue.network.none' },
  ],
};

function matches(pattern: string[], path: YamlPath): boolean {
  if (pattern.length !== path.length) return false;
  return pattern.every((p, i) => (p === '*' ? typeof path[i] === 'string' : p === '#' ? typeof path[i] === 'number' : p === path[i]));
}

export function composeCompletion(model: ComposeModel, position: Position, ctx?: ComposeContext): CompletionList {
  const empty: CompletionList = { isIncomplete: false, items: [] };
  try {
    const offset = model.lines.offsetAt(position);
    if (inCommentOrBlockScalar(model, offset)) return empty;
    const cursor = cursorContext(model.text, offset, model.lines);
    if (!cursor) return empty;
    // Inside an anchored `x-` block, complete for where the block is merged in.
    cursor.path = schemaPathOf(model, cursor.path);
    return { isIncomplete: false, items: localizeDetails(completionsFor(model, cursor, offset, ctx)) };
  } catch (error) {
    reportInternalError('completion', error);
    return empty;
  }
}

/** No completion inside a comment or a `|`/`>` block (a script, a config file…). */
function inCommentOrBlockScalar(model: ComposeModel, offset: number): boolean {
  const line = model.lines.lineOf(offset);
  const before = model.text.slice(model.lines.lineStarts[line], offset);
  if (/(^|\s)#/.test(before.replace(/"[^"]*"|'[^']*'/g, '""'))) return true;
  const hit = nodeAtOffset(model.doc, offset);
  const node = hit.node;
  return isScalar(node) && (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') && !!node.range && offset > node.range[0];
}

export function completionsFor(model: ComposeModel, cursor: CursorContext, offset: number, ctx?: ComposeContext): CompletionItem[] {
  const range = model.lines.rangeOf({ start: cursor.prefixStart, end: offset });
  const items: CompletionItem[] = [];
  const source = NAME_SOURCES.find((s) => s.kind.includes(cursor.kind) && matches(s.pattern, cursor.path))?.source;
  // Names first, then keys, then schema values.
  const ranked = (list: CompletionItem[], rank: string) => list.map((i) => ({ ...i, sortText: rank + i.label }));
  if (source) items.push(...ranked(nameItems(model, cursor, source, ctx), '0'));
  if (cursor.kind === 'key' || cursor.kind === 'item') {
    if (!(source && cursor.kind === 'key')) items.push(...ranked(keyItems(model, cursor), '1'));
  }
  if (cursor.kind === 'value' || cursor.kind === 'item') items.push(...ranked(valueItems(cursor.path, items), '2'));
  if (cursor.kind === 'value' && matches(['services', '*', 'image'], cursor.path)) items.push(...imageItems(cursor.prefix));
  if (cursor.kind === 'key') items.push(...ranked(snippetItems(cursor.path), '3'));
  for (const item of items) {
    const newText = item.insertText ?? item.label;
    item.textEdit = { range, newText };
    delete item.insertText;
  }
  return items;
}

function nameItems(model: ComposeModel, cursor: CursorContext, source: NameSource, ctx?: ComposeContext): CompletionItem[] {
  const fixed = FIXED_VALUES[source];
  if (fixed) {
    const out = fixed.map((f) => ({
      label: f.value,
      kind: CompletionItemKind.EnumMember,
      documentation: { kind: 'markdown' as const, value: t(f.doc) },
    }));
    if (source === 'networkModes') {
      for (const s of model.services) {
        if (s.name !== cursor.path[1]) out.push({ label: `service:${s.name}`, kind: CompletionItemKind.EnumMember, documentation: { kind: 'markdown', value: t('composeValue.network.service', { service: inlineCode(s.name) }) } });
      }
    }
    return out;
  }
  const self = typeof cursor.path[1] === 'string' ? cursor.path[1] : undefined;
  if (source === 'services') {
    const listed = new Set(siblingValues(model, cursor));
    return model.services
      .filter((s) => s.name !== self && !listed.has(s.name))
      .map((s) => ({
        label: s.name,
        kind: CompletionItemKind.Module,
        detail: 'service',
        insertText: cursor.kind === 'key' ? `${s.name}:\n${' '.repeat(cursor.column + 2)}condition: service_started` : s.name,
      }));
  }
  if (source === 'stages') {
    if (!ctx || !self) return [];
    const service = model.serviceByName.get(self);
    const info = service && buildInfo(model, service, ctx.path);
    const dockerfile = info && loadDockerfile(ctx, info);
    if (!dockerfile) return [];
    return dockerfile.stages
      .filter((s) => s.name)
      .map((s) => ({
        label: s.name!,
        kind: CompletionItemKind.Class,
        detail: `stage ${s.index}`,
        documentation: {
          kind: 'markdown' as const,
          value: t('composeValue.target', {
            stage: inlineCode(s.name!),
            line: t('common.line', { line: dockerfile.lines.lineOf(s.from.start) + 1 }),
            dockerfile: info.inline !== undefined ? t('frag.compose.inlineDockerfile') : info.dockerfile,
          }),
        },
      }));
  }
  if (!(source in model.declared)) return [];
  const listed = new Set(siblingValues(model, cursor));
  return model.declared[source as TopLevelSection]
    .filter((d) => !listed.has(d.name))
    .map((d) => ({
      label: d.name,
      kind: CompletionItemKind.Reference,
      detail: `top-level ${source}`,
      insertText: source === 'volumes' && cursor.kind === 'item' ? `${d.name}:` : cursor.kind === 'key' ? `${d.name}:` : d.name,
    }));
}

/** Values already listed in the sequence or mapping at the cursor (not offered twice). */
function siblingValues(model: ComposeModel, cursor: CursorContext): string[] {
  const listPath = cursor.kind === 'item' ? cursor.path.slice(0, -1) : cursor.path;
  const hit = nodeAtPath(model, listPath);
  if (hit.matched !== listPath.length || !hit.node) return [];
  const node = hit.node as Node;
  if (isMap(node)) return node.items.map((p) => (isScalar(p.key) ? keyName(p.key) : '')).filter(Boolean);
  if ('items' in node && Array.isArray((node as { items: unknown[] }).items)) {
    return (node as { items: unknown[] }).items.map((i) => (isScalar(i) ? String(i.value) : '')).filter(Boolean);
  }
  return [];
}

const keyCache = new Map<string, { key: KeyInfo; types: Set<string>; detail: string }[]>();

/** The keys for a schema path with their type facts, computed once per path (and language). */
function keysWithTypes(path: YamlPath) {
  const id = currentLocale() + JSON.stringify(path);
  let cached = keyCache.get(id);
  if (!cached) {
    cached = keysAt(path).map((key) => ({
      key,
      types: new Set(alternatives(key.schema).flatMap((a) => [a.type ?? (a.properties || a.patternProperties ? 'object' : [])].flat())),
      detail: typeNames(key.schema),
    }));
    if (keyCache.size > 500) keyCache.clear();
    keyCache.set(id, cached);
  }
  return cached;
}

function keyItems(model: ComposeModel, cursor: CursorContext): CompletionItem[] {
  const keys = keysWithTypes(cursor.path);
  if (keys.length === 0) return [];
  const hit = nodeAtPath(model, cursor.path);
  const present = new Set<string>();
  if (hit.matched === cursor.path.length && isMap(hit.node)) {
    for (const p of hit.node.items) if (isScalar(p.key) && p.key.range && !(p.key.range[0] <= cursor.prefixStart && cursor.prefixStart <= p.key.range[1])) present.add(keyName(p.key));
  }
  const indent = ' '.repeat(cursor.column + 2);
  return keys
    // Deprecated keys (the top-level `version`) are not offered.
    .filter(({ key }) => !present.has(key.name) && !key.deprecated)
    .map(({ key, types, detail }) => {
      let insertText = `${key.name}: `;
      if (types.size === 1 && types.has('object')) insertText = `${key.name}:\n${indent}`;
      else if (types.size === 1 && types.has('array')) insertText = `${key.name}:\n${indent}- `;
      const item: CompletionItem = {
        label: key.name,
        kind: CompletionItemKind.Property,
        detail,
        insertText,
        insertTextFormat: InsertTextFormat.PlainText,
      };
      if (key.description) item.documentation = { kind: 'markdown', value: key.description };
      return item;
    });
}

/** `image:` values: official image names, then a name's current tags (offline table, newest first). */
function imageItems(prefix: string): CompletionItem[] {
  if (prefix.includes('$')) return [];
  return imageSuggestions(prefix).map((s) => ({
    label: s.label,
    kind: s.kind === 'tag' ? CompletionItemKind.Constant : CompletionItemKind.Module,
    detail: s.detail,
    filterText: s.text,
    sortText: '4' + s.sortText,
    insertText: s.text,
  }));
}

function valueItems(path: YamlPath, already: CompletionItem[]): CompletionItem[] {
  const taken = new Set(already.map((i) => i.label));
  const out: CompletionItem[] = [];
  for (const v of enumAt(path)) if (!taken.has(v)) out.push({ label: v, kind: CompletionItemKind.EnumMember });
  const types = typesAt(path);
  if (types.has('boolean') && out.length === 0) {
    for (const v of ['true', 'false']) if (!taken.has(v)) out.push({ label: v, kind: CompletionItemKind.Value });
  }
  return out;
}
