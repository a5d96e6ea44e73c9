// Rename for stage names and variables. A stage rename edits its `AS name` and every `FROM name`,
// `COPY --from=name` and `RUN --mount=from=name` (references by index stay as they are). A
// variable rename edits the declarations and references of that one variable (see navigation.ts),
// and refuses names that would change what other references mean.
import { Range, TextEdit, type WorkspaceEdit } from 'vscode-languageserver-types';
import type { Instruction } from '../parser/ast';
import type { DockerfileModel } from '../parser/model';
import { getPredefinedArg } from '../data';
import { symbolAt, symbolSpans, type NavigationSymbol } from './navigation';
import { variableIndex } from './scopes';

/** Why a rename cannot happen, worded for the user. */
export interface RenameError {
  error: string;
}

export type PrepareRenameResult = { range: Range; placeholder: string } | RenameError;

/** BuildKit lower-cases stage names and then requires this shape. */
const STAGE_NAME = /^[a-z][a-z0-9_.-]*$/i;
const RESERVED_STAGE_NAMES = new Set(['scratch', 'context']);
/** What `$NAME` can refer to. */
const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Undefined when there is nothing renameable at `offset` (the editor then says so itself); an
 * error when there is a name that cannot be renamed.
 */
export function prepareRename(model: DockerfileModel, offset: number): PrepareRenameResult | undefined {
  const symbol = symbolAt(model, offset);
  if (!symbol) return undefined;
  const problem = cannotRename(symbol);
  if (problem) return { error: problem };
  const span = symbol.kind === 'stage' ? symbol.at.span : symbol.at.nameSpan;
  return { range: model.lines.rangeOf(span), placeholder: model.ast.source.slice(span.start, span.end) };
}

export function rename(model: DockerfileModel, uri: string, offset: number, newName: string): WorkspaceEdit | RenameError | undefined {
  const symbol = symbolAt(model, offset);
  if (!symbol) return undefined;
  const problem = cannotRename(symbol) ?? (symbol.kind === 'stage' ? badStageName(model, symbol, newName) : badVariableName(model, symbol, newName));
  if (problem) return { error: problem };
  const spans = symbolSpans(symbol).filter((_, i) => symbol.kind !== 'stage' || !symbol.occurrences[i].byIndex);
  const edits = spans.map((s) => TextEdit.replace(model.lines.rangeOf(s.span), newName));
  return { changes: { [uri]: edits } };
}

function cannotRename(symbol: NavigationSymbol): string | undefined {
  if (symbol.kind === 'stage') {
    if (symbol.at.byIndex) return `This refers to stage ${symbol.stage.index} by its position; rename the stage where it is named (FROM … AS name).`;
    return undefined;
  }
  if (getPredefinedArg(symbol.name)) return `${symbol.name} is a predefined build argument: BuildKit sets it by this name, so it cannot be renamed.`;
  if (!symbol.occurrences.some((o) => o.role === 'declaration')) {
    return `${symbol.name} is not declared in this Dockerfile (it comes from the base image or the shell), so there is no declaration to rename.`;
  }
  return undefined;
}

function badStageName(model: DockerfileModel, symbol: Extract<NavigationSymbol, { kind: 'stage' }>, newName: string): string | undefined {
  if (!STAGE_NAME.test(newName)) {
    return `"${newName}" is not a valid stage name: start with a letter, then letters, digits, '-', '_' or '.'.`;
  }
  if (RESERVED_STAGE_NAMES.has(newName.toLowerCase())) return `"${newName}" is reserved and cannot name a stage.`;
  const other = model.stageByName(newName);
  if (other && other !== symbol.stage) return `Another stage is already named "${other.name}" (stage names ignore case).`;
  return undefined;
}

function badVariableName(model: DockerfileModel, symbol: Extract<NavigationSymbol, { kind: 'variable' }>, newName: string): string | undefined {
  if (!VARIABLE_NAME.test(newName)) {
    return `"${newName}" cannot be used as $${newName}: use letters, digits and '_', not starting with a digit.`;
  }
  if (newName === symbol.name) return undefined;
  if (getPredefinedArg(newName)) return `${newName} is a predefined build argument; a variable of that name would take BuildKit's value.`;
  // Scopes the variable lives in: stage indices, or -1 for the global scope and FROM lines.
  const index = variableIndex(model);
  const scopeOf = (ins: Instruction) => (ins.keyword === 'FROM' ? -1 : index.stageOf.get(ins) ?? -1);
  const scopes = new Set(symbol.occurrences.map((o) => scopeOf(o.instruction)));
  const clash = index.occurrences.find((o) => o.name === newName && scopes.has(scopeOf(o.instruction)));
  if (clash) {
    const line = model.lines.positionAt(clash.nameSpan.start).line + 1;
    return `${newName} is already used in the same scope (line ${line}); renaming would merge two variables.`;
  }
  return undefined;
}
