// The Compose language service facade: pure functions over a parsed model.
//
// Conventions (for server.ts):
// - `parseCompose(text)` parses once; keep the model per document version and pass it to every call.
// - Positions in and out are LSP positions (line/character, UTF-16) converted once through the
//   model's LineIndex; everything inside works on offsets.
// - `validateCompose` returns LSP `Diagnostic`s (source `docklens`, `code` a stable rule id). Quick
//   fixes travel in `diagnostic.data.fixes` (LSP ranges) so `composeCodeActions` needs no re-validation.
// - File access only through `ctx.host` (see ComposeHost); `ctx.path` is the Compose file's absolute
//   POSIX path. Without a ctx, file-based checks (build context, Dockerfile, stages) are skipped.
// - No function throws: each catches, answers empty and reports to `setComposeErrorSink` (log it).
//
// LSP request → function (language id `dockercompose`):
//   publishDiagnostics → validateCompose(model, ctx)        hover → composeHover(model, pos, ctx)
//   completion → composeCompletion(model, pos, ctx)          documentSymbol → composeSymbols(model)
//   foldingRange → composeFolding(model)                      documentLink → composeLinks(model, ctx)
//   definition → composeDefinition(model, pos, ctx)          codeLens → composeCodeLenses(model, ctx)
//   codeAction → composeCodeActions(uri, range, context.diagnostics)
import {
  CodeAction,
  CodeActionKind,
  DiagnosticSeverity,
  DiagnosticTag,
  type Diagnostic,
  type Range,
  type TextEdit,
} from 'vscode-languageserver-types';
import { parseCompose, type ComposeModel } from './model';
import type { ComposeContext } from './dockerfiles';
import type { ComposeProblem } from './problems';
import { yamlProblems } from './yamlProblems';
import { validateSchema } from './schemaValidation';
import { semanticProblems } from './semantics';
import { localizeFinding } from '../l10n/patterns';
import { reportInternalError } from './errors';
import { projectProblems } from './project/projectContext';
import { derivedKey } from '../common/derived';

export { parseCompose };
export type { ComposeModel };
export type { ComposeContext, ComposeHost } from './dockerfiles';
export type { ComposeProblem } from './problems';
export { composeHover } from './hover';
export { composeCompletion } from './completion';
export { composeSymbols, composeFolding } from './structure';
export { composeLinks, composeDefinition } from './navigation';
export { composeCodeLenses } from './lenses';
export { setComposeErrorSink } from './errors';

export const COMPOSE_LANGUAGE_ID = 'dockercompose';

/**
 * Schema problems per parsed version: a document re-validated because another file of its project
 * changed is not validated against the schema again.
 */
const SCHEMA_PROBLEMS = derivedKey<ComposeProblem[]>('compose.schemaProblems');

/** Every problem in offsets: YAML first; schema and semantic checks only when the YAML parsed. */
export function composeProblems(model: ComposeModel, ctx?: ComposeContext): ComposeProblem[] {
  const yaml = yamlProblems(model);
  if (model.hasYamlErrors) return yaml;
  let schema: ComposeProblem[] = [];
  try {
    schema = model.derived(SCHEMA_PROBLEMS, validateSchema);
  } catch (error) {
    reportInternalError('schema validation', error);
    schema = [];
  }
  // env-file errors are reported on the first line: nothing in the document names its .env
  const firstLine = model.text.search(/\r?\n|$/);
  const project = ctx?.project ? projectProblems(ctx.project, { start: 0, end: firstLine }) : [];
  // Our semantic checks speak the user's language (YAML problems in our words are translated where
  // they are made); schema errors and the yaml package's own messages keep their words.
  return [...yaml, ...schema, ...semanticProblems(model, ctx).map(localizeFinding), ...project].sort((a, b) => a.span.start - b.span.start);
}

const SEVERITY: Record<ComposeProblem['severity'], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
};

export interface FixData {
  fixes: { title: string; preferred?: boolean; edits: TextEdit[] }[];
}

export function validateCompose(model: ComposeModel, ctx?: ComposeContext): Diagnostic[] {
  return composeProblems(model, ctx).map((p) => {
    const d: Diagnostic = {
      range: model.lines.rangeOf(p.span),
      severity: SEVERITY[p.severity],
      code: p.code,
      source: 'docklens',
      message: p.message,
    };
    if (p.unnecessary) d.tags = [DiagnosticTag.Unnecessary];
    if (p.fixes?.length) {
      const data: FixData = {
        fixes: p.fixes.map((f) => ({
          title: f.title,
          preferred: f.preferred,
          edits: f.edits.map((e) => ({ range: model.lines.rangeOf(e.span), newText: e.newText })),
        })),
      };
      d.data = data;
    }
    return d;
  });
}

/** Quick fixes for the diagnostics the client sends back (from `validateCompose`'s `data`). */
export function composeCodeActions(uri: string, _range: Range, diagnostics: Diagnostic[]): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const d of diagnostics) {
    const data = d.data as FixData | undefined;
    if (!data || !Array.isArray(data.fixes)) continue;
    for (const fix of data.fixes) {
      const action = CodeAction.create(fix.title, { changes: { [uri]: fix.edits } }, CodeActionKind.QuickFix);
      action.diagnostics = [d];
      if (fix.preferred) action.isPreferred = true;
      actions.push(action);
    }
  }
  return actions;
}
