// Outline and folding from the YAML tree.
import { SymbolKind, type DocumentSymbol, type FoldingRange } from 'vscode-languageserver-types';
import { isMap, isScalar, isSeq, type Node, type Pair } from 'yaml';
import { keyName, resolveNode, spanOf, type ComposeModel, type Span } from './model';
import { reportInternalError } from './errors';
import { walkNodes } from './walk';
import { t, type MessageKey } from '../l10n';

const SECTION_KINDS: Record<string, { section: SymbolKind; entry: SymbolKind; detail: MessageKey }> = {
  services: { section: SymbolKind.Module, entry: SymbolKind.Class, detail: 'symbol.service' },
  networks: { section: SymbolKind.Module, entry: SymbolKind.Interface, detail: 'symbol.network' },
  volumes: { section: SymbolKind.Module, entry: SymbolKind.Struct, detail: 'symbol.volume' },
  secrets: { section: SymbolKind.Module, entry: SymbolKind.Key, detail: 'symbol.secret' },
  configs: { section: SymbolKind.Module, entry: SymbolKind.File, detail: 'symbol.config' },
  models: { section: SymbolKind.Module, entry: SymbolKind.Object, detail: 'symbol.model' },
};

/** End of a node's own text (trailing blank lines and comments excluded). */
function contentEnd(model: ComposeModel, node: Node | null | undefined, fallback: number): number {
  if (!node?.range) return fallback;
  let end = node.range[1];
  while (end > fallback && /\s/.test(model.text[end - 1])) end--;
  return Math.max(end, fallback);
}

function pairSpan(model: ComposeModel, pair: Pair): { full: Span; key: Span } {
  const key = spanOf(pair.key as Node);
  return { key, full: { start: key.start, end: contentEnd(model, pair.value as Node | null, key.end) } };
}

export function composeSymbols(model: ComposeModel): DocumentSymbol[] {
  try {
    const root = resolveNode(model, model.doc.contents as Node | null);
    if (!isMap(root)) return [];
    const out: DocumentSymbol[] = [];
    for (const pair of root.items) {
      if (!isScalar(pair.key) || !pair.key.range) continue;
      const name = keyName(pair.key);
      const spans = pairSpan(model, pair as Pair);
      const kinds = SECTION_KINDS[name];
      const symbol: DocumentSymbol = {
        name: symbolName(name),
        kind: kinds ? kinds.section : SymbolKind.Property,
        range: model.lines.rangeOf(spans.full),
        selectionRange: model.lines.rangeOf(spans.key),
      };
      const value = resolveNode(model, pair.value as Node | null);
      if (kinds && isMap(value)) {
        symbol.children = [];
        for (const entry of value.items) {
          if (!isScalar(entry.key) || !entry.key.range || keyName(entry.key) === '<<') continue;
          const e = pairSpan(model, entry as Pair);
          symbol.children.push({
            name: symbolName(String(entry.key.value ?? '')),
            detail: entryDetail(model, kinds.detail, entry as Pair),
            kind: kinds.entry,
            range: model.lines.rangeOf(e.full),
            selectionRange: model.lines.rangeOf(e.key),
          });
        }
      } else if (isScalar(value) && value.value !== null) {
        symbol.detail = String(value.value);
      }
      out.push(symbol);
    }
    return out;
  } catch (error) {
    reportInternalError('symbols', error);
    return [];
  }
}

/** Editors reject symbols with empty names (and drop the whole outline): show an empty key as `""`. */
function symbolName(key: string): string {
  return key.trim() === '' ? JSON.stringify(key) : key;
}

/** A service's image (or that it builds); the kind of entry for the other sections. */
function entryDetail(model: ComposeModel, kind: MessageKey, pair: Pair): string {
  if (kind !== 'symbol.service') return t(kind);
  const v = resolveNode(model, pair.value as Node | null);
  if (!isMap(v)) return t(kind);
  for (const p of v.items) {
    if (isScalar(p.key) && p.key.value === 'image' && isScalar(p.value)) return String(p.value.value);
  }
  return t(v.items.some((p) => isScalar(p.key) && p.key.value === 'build') ? 'symbol.build' : kind);
}

export function composeFolding(model: ComposeModel): FoldingRange[] {
  const out: FoldingRange[] = [];
  const seen = new Set<number>();
  const add = (start: number, end: number) => {
    const startLine = model.lines.lineOf(start);
    const endLine = model.lines.lineOf(end);
    if (endLine > startLine && !seen.has(startLine)) {
      seen.add(startLine);
      out.push({ startLine, endLine });
    }
  };
  try {
    walkNodes(model.doc, (node) => {
      if (isMap(node)) {
        for (const pair of node.items) {
          if (!isScalar(pair.key) || !pair.key.range) continue;
          const value = pair.value as Node | null;
          if (value?.range) add(pair.key.range[0], contentEnd(model, value, pair.key.range[1]));
        }
      } else if (isSeq(node)) {
        for (const item of node.items as Node[]) {
          if ((isMap(item) || isSeq(item)) && item.range) add(item.range[0], contentEnd(model, item, item.range[0]));
        }
      }
    });
    addCommentBlocks(model, add);
  } catch (error) {
    reportInternalError('folding', error);
    return out;
  }
  return out.sort((a, b) => a.startLine - b.startLine);
}

/** Runs of three or more full-line comments fold too. */
function addCommentBlocks(model: ComposeModel, add: (start: number, end: number) => void): void {
  let runStart = -1;
  let runEnd = -1;
  let count = 0;
  for (let line = 0; line < model.lines.lineCount; line++) {
    if (model.lines.lineText(line).trimStart().startsWith('#')) {
      if (count === 0) runStart = model.lines.lineStarts[line];
      runEnd = model.lines.lineEnd(line);
      count++;
    } else {
      if (count >= 3) add(runStart, runEnd);
      count = 0;
    }
  }
  if (count >= 3) add(runStart, runEnd);
}
