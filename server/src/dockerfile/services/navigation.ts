// Go to definition, find references and document highlight for stage names and variables.
//
// A variable "symbol" is the set of declarations and references that are the same variable under
// BuildKit's scope rules (see scopes.ts): a reference belongs with the declaration it resolves to,
// `ARG NAME` in a stage with the global ARG it takes its default from, and a re-declaration with
// the declaration it replaces. Names nobody declares (`$HOME` from the base image) group by name;
// so do predefined ARGs. A stage symbol is the stage's `AS name` and every place naming it.
import { DocumentHighlight, DocumentHighlightKind, Location } from 'vscode-languageserver-types';
import type { Span } from '../parser/ast';
import { derivedKey, type DockerfileModel, type Stage } from '../parser/model';
import { variableAt, variableIndex, type VariableDeclaration, type VariableOccurrence } from './scopes';
import { occurrencesOfStage, stageOccurrenceAt, type StageOccurrence } from './stageReferences';

export type NavigationSymbol =
  | { kind: 'variable'; name: string; at: VariableOccurrence; occurrences: VariableOccurrence[] }
  | { kind: 'stage'; name: string; stage: Stage; at: StageOccurrence; occurrences: StageOccurrence[] };

/** The stage or variable under the cursor, with every occurrence of the same symbol. */
export function symbolAt(model: DockerfileModel, offset: number): NavigationSymbol | undefined {
  const variable = variableAt(model, offset);
  if (variable) return { kind: 'variable', name: variable.name, at: variable, occurrences: variableSymbol(model, variable) };
  const stage = stageOccurrenceAt(model, offset);
  if (stage) {
    const name = stage.stage.name ?? String(stage.stage.index);
    return { kind: 'stage', name, stage: stage.stage, at: stage, occurrences: occurrencesOfStage(model, stage.stage) };
  }
  return undefined;
}

export function definition(model: DockerfileModel, uri: string, offset: number): Location[] {
  const symbol = symbolAt(model, offset);
  if (!symbol) return [];
  const loc = (span: Span) => Location.create(uri, model.lines.rangeOf(span));
  if (symbol.kind === 'stage') {
    const stage = symbol.stage;
    return [loc(stage.nameSpan ?? stage.baseSpan ?? stage.from.keywordSpan)];
  }
  const { binding, role, declaration } = symbol.at;
  // On a bare `ARG NAME`, the definition is where its default comes from.
  if (role === 'declaration' && declaration) return [loc((binding.defaultFrom ?? declaration).nameSpan)];
  if (!binding.declaration) return [];
  const out = [loc(binding.declaration.nameSpan)];
  if (binding.defaultFrom && binding.declaration.value === undefined) out.push(loc(binding.defaultFrom.nameSpan));
  return out;
}

export function references(model: DockerfileModel, uri: string, offset: number, includeDeclaration: boolean): Location[] {
  const symbol = symbolAt(model, offset);
  if (!symbol) return [];
  return symbolSpans(symbol)
    .filter((s) => includeDeclaration || !s.write)
    .map((s) => Location.create(uri, model.lines.rangeOf(s.span)));
}

export function documentHighlights(model: DockerfileModel, offset: number): DocumentHighlight[] {
  const symbol = symbolAt(model, offset);
  if (!symbol) return [];
  return symbolSpans(symbol).map((s) =>
    DocumentHighlight.create(model.lines.rangeOf(s.span), s.write ? DocumentHighlightKind.Write : DocumentHighlightKind.Read),
  );
}

/** Every span of the symbol in document order; `write` marks declarations and stage definitions. */
export function symbolSpans(symbol: NavigationSymbol): { span: Span; write: boolean }[] {
  if (symbol.kind === 'stage') return symbol.occurrences.map((o) => ({ span: o.span, write: o.role === 'definition' }));
  return symbol.occurrences.map((o) => ({ span: o.nameSpan, write: o.role === 'declaration' }));
}

// --- variable symbols ------------------------------------------------------------------------

interface Groups {
  groupOf: Map<VariableOccurrence, number>;
  members: Map<number, VariableOccurrence[]>;
}

const GROUPS = derivedKey<Groups>('variableGroups');

/** The occurrences that are the same variable as `occurrence`, in document order. */
export function variableSymbol(model: DockerfileModel, occurrence: VariableOccurrence): VariableOccurrence[] {
  const groups = model.derived(GROUPS, groupVariables);
  const id = groups.groupOf.get(occurrence);
  return id === undefined ? [occurrence] : groups.members.get(id) ?? [occurrence];
}

function groupVariables(model: DockerfileModel): Groups {
  const index = variableIndex(model);
  const parent: number[] = [];
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  };
  const union = (a: number, b: number) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };
  const nodes = new Map<VariableDeclaration | string, number>();
  const node = (key: VariableDeclaration | string): number => {
    let id = nodes.get(key);
    if (id === undefined) {
      id = parent.length;
      parent.push(id);
      nodes.set(key, id);
    }
    return id;
  };
  for (const d of index.declarations) {
    const id = node(d);
    const previous = index.redeclares.get(d);
    if (previous) union(id, node(previous));
  }
  const occurrenceNode = new Map<VariableOccurrence, number>();
  for (const o of index.occurrences) {
    let id: number;
    if (o.role === 'declaration' && o.declaration) {
      id = node(o.declaration);
      if (o.binding.defaultFrom) union(id, node(o.binding.defaultFrom));
      if (o.binding.predefined) union(id, node(`predefined:${o.name}`));
    } else if (o.binding.declaration) {
      id = node(o.binding.declaration);
    } else {
      id = node(`${o.binding.kind}:${o.name}`);
    }
    occurrenceNode.set(o, id);
  }
  const groupOf = new Map<VariableOccurrence, number>();
  const members = new Map<number, VariableOccurrence[]>();
  for (const o of index.occurrences) {
    const root = find(occurrenceNode.get(o)!);
    groupOf.set(o, root);
    const list = members.get(root);
    if (list) list.push(o);
    else members.set(root, [o]);
  }
  return { groupOf, members };
}
