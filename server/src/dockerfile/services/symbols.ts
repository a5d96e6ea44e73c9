// Document outline: stages, with their instructions inside; ARGs before the first FROM at the top.
import { DocumentSymbol, SymbolKind } from 'vscode-languageserver-types';
import type { Instruction } from '../parser/ast';
import type { DockerfileModel, Stage } from '../parser/model';
import { stageLabel } from './layers';
import { perStage } from '../parser/stageCarry';
import { currentLocale } from '../../l10n';
import { movedRange } from './movedRange';

const INSTRUCTION_KIND: Record<string, SymbolKind> = {
  ARG: SymbolKind.Variable,
  ENV: SymbolKind.Constant,
  LABEL: SymbolKind.Property,
  EXPOSE: SymbolKind.Interface,
  RUN: SymbolKind.Function,
  CMD: SymbolKind.Event,
  ENTRYPOINT: SymbolKind.Event,
  COPY: SymbolKind.File,
  ADD: SymbolKind.File,
  WORKDIR: SymbolKind.Package,
  VOLUME: SymbolKind.Package,
};

export function documentSymbols(model: DockerfileModel): DocumentSymbol[] {
  const symbols: DocumentSymbol[] = [];
  const list = model.ast.instructionList;
  const firstFrom = model.stages[0]?.fromIndex ?? list.length;
  for (let i = 0; i < firstFrom; i++) symbols.push(instructionSymbol(model, list.at(i)));
  // A stage's symbol depends on its text and label alone: the stages an edit did not touch carry theirs.
  // Frozen, with all they hold: the stdio writer keeps the JSON of a frozen item of an answer (node/keptJsonEncoder.ts),
  // so the outline of a large file is encoded again only for the stages an edit moved or changed.
  const stages = perStage<DocumentSymbol>(model, `documentSymbols ${currentLocale()}`, (stage) => deepFrozen(stageSymbol(model, stage)), (old, move, stage) =>
    old.name !== stageLabel(stage) ? undefined : move.lines === 0 ? old : deepFrozen(movedSymbol(old, move.lines)),
  );
  for (const symbol of stages) symbols.push(symbol);
  return symbols;
}

function deepFrozen(symbol: DocumentSymbol): DocumentSymbol {
  for (const range of [symbol.range, symbol.selectionRange]) {
    Object.freeze(range.start);
    Object.freeze(range.end);
    Object.freeze(range);
  }
  if (symbol.children) {
    for (const child of symbol.children) deepFrozen(child);
    Object.freeze(symbol.children);
  }
  return Object.freeze(symbol);
}

function movedSymbol(symbol: DocumentSymbol, lines: number): DocumentSymbol {
  // The fields in the order instructionSymbol and stageSymbol write them (no spread: a line break moves every symbol below it).
  const moved: DocumentSymbol = { name: symbol.name, detail: symbol.detail, kind: symbol.kind, range: movedRange(symbol.range, lines), selectionRange: movedRange(symbol.selectionRange, lines) };
  if (symbol.children) moved.children = symbol.children.map((child) => movedSymbol(child, lines));
  return moved;
}

function stageSymbol(model: DockerfileModel, stage: Stage): DocumentSymbol {
  const name = stageLabel(stage);
  const selection = stage.nameSpan ?? stage.from.keywordSpan;
  return {
    name,
    detail: `FROM ${stage.base}${stage.platform ? ` (${stage.platform})` : ''}`,
    kind: SymbolKind.Class,
    range: model.lines.rangeOf(stage.span),
    selectionRange: model.lines.rangeOf(selection),
    children: stage.instructions.map((ins) => instructionSymbol(model, ins)),
  };
}

function instructionSymbol(model: DockerfileModel, ins: Instruction): DocumentSymbol {
  const target = ins.inner ?? ins;
  const names = target.keyValues.map((kv) => kv.key.value).join(', ');
  const summary = names || firstLine(target.argsText);
  return {
    name: ins.keyword,
    detail: summary.length > 80 ? summary.slice(0, 79) + '…' : summary,
    kind: INSTRUCTION_KIND[target.keyword] ?? SymbolKind.Method,
    range: model.lines.rangeOf(ins),
    selectionRange: model.lines.rangeOf(ins.keywordSpan),
  };
}

function firstLine(text: string): string {
  const nl = text.indexOf('\n');
  return (nl < 0 ? text : text.slice(0, nl)).trim();
}
