// Features that read the resolved project: `${VAR}` hover (value and where it came from),
// go to definition (`${VAR}` → its `.env` line, a service → its definitions in the project's other
// files), variable completion after `$` / `${`. Offsets inside; LSP positions only at the edges.
import * as posix from 'node:path/posix';
import { CompletionItemKind, type CompletionItem, type Hover, type Location, type Position } from 'vscode-languageserver-types';
import { LineIndex } from '../../common/lineIndex';
import { fileUri } from '../dockerfiles';
import { isScalar, nodeAtOffset, spanOf, type ComposeModel, type Span } from '../model';
import type { ProjectContext } from './projectContext';
import { substitute, TemplateError, variableUses, type VariableUse } from './template';
import { pathKey } from './yamlSource';

interface VariableHit {
  use: VariableUse;
  /** The whole scalar's source span. */
  scalar: Span;
}

/** The innermost `$NAME` / `${…}` under the offset, in a scalar value's source text. */
export function variableAt(model: ComposeModel, offset: number): VariableHit | undefined {
  const hit = nodeAtOffset(model.doc, offset);
  if (!hit.node || !isScalar(hit.node) || !hit.node.range) return undefined;
  const scalar = spanOf(hit.node);
  const source = model.text.slice(scalar.start, scalar.end);
  let found: VariableUse | undefined;
  for (const use of variableUses(source, scalar.start)) {
    if (offset >= use.start && offset <= use.end && (!found || use.end - use.start <= found.end - found.start)) found = use;
  }
  return found ? { use: found, scalar } : undefined;
}

function relative(ctx: ProjectContext, path: string): string {
  const rel = posix.relative(posix.dirname(ctx.docPath), path);
  return rel && !rel.startsWith('..') ? rel : path;
}

/** Where a variable's value comes from, in words. */
export function describeVariable(ctx: ProjectContext, name: string): string {
  const v = ctx.resolved.environment.get(name);
  if (!v) return `\`${name}\` is not set (no env file of the project defines it${ctx.resolved.spec.envFiles.length ? '' : '; the project has no .env file'}).`;
  const value = v.value === '' ? 'an empty string' : `\`${v.value.replace(/`/g, "'")}\``;
  if (v.source === 'shell') return `\`${name}\` = ${value}, from the environment Docklens was started with.`;
  return `\`${name}\` = ${value}, from ${relative(ctx, v.file!)} line ${(v.line ?? 0) + 1}.`;
}

export function variableHover(model: ComposeModel, position: Position, ctx: ProjectContext): Hover | null {
  const offset = model.lines.offsetAt(position);
  const hit = variableAt(model, offset);
  if (!hit) return null;
  const { use } = hit;
  const lines = [describeVariable(ctx, use.name)];
  const token = model.text.slice(use.start, use.end);
  const lookup = (n: string) => ctx.resolved.environment.get(n)?.value;
  if (use.operator) {
    try {
      const result = substitute(token, lookup);
      lines.push(`\`${token}\` → ${result === '' ? 'an empty string' : `\`${result}\``}.`);
    } catch (e) {
      if (e instanceof TemplateError) lines.push(`\`${token}\`: ${e.message} (docker compose stops here).`);
    }
  }
  return { contents: { kind: 'markdown', value: lines.join('\n\n') }, range: model.lines.rangeOf({ start: use.start, end: use.end }) };
}

/** `${VAR}` → the env-file line that defines it; a service key → its definitions in the project's other files. */
export function projectDefinition(model: ComposeModel, position: Position, ctx: ProjectContext): Location[] {
  const offset = model.lines.offsetAt(position);
  const variable = variableAt(model, offset);
  if (variable) {
    const v = ctx.resolved.environment.get(variable.use.name);
    if (!v || v.source !== 'env-file' || !v.file || !v.keySpan) return [];
    const text = ctx.resolved.loaded.files.get(v.file)?.text;
    const lines = new LineIndex(text ?? '');
    const range = text !== undefined ? lines.rangeOf(v.keySpan) : { start: { line: v.line ?? 0, character: 0 }, end: { line: v.line ?? 0, character: variable.use.name.length } };
    return [{ uri: fileUri(v.file), range }];
  }
  const hit = nodeAtOffset(model.doc, offset);
  if (hit.onKey && hit.path.length === 2 && hit.path[0] === 'services') {
    return serviceDefinitions(ctx, String(hit.path[1])).filter((l) => l.uri !== fileUri(ctx.docPath));
  }
  return [];
}

/** Every file of the project that defines the service, in load order. */
export function serviceDefinitions(ctx: ProjectContext, name: string): Location[] {
  const out: Location[] = [];
  for (const file of ctx.resolved.loaded.files.values()) {
    for (const doc of file.documents) {
      const span = doc.spans.get(pathKey(['services', name]))?.key;
      if (!span) continue;
      out.push({ uri: fileUri(file.path), range: new LineIndex(file.text).rangeOf(span) });
    }
  }
  return out;
}

/** Variable names of the project environment after `$` or `${` in a value. */
export function variableCompletions(model: ComposeModel, position: Position, ctx: ProjectContext): CompletionItem[] {
  const offset = model.lines.offsetAt(position);
  const lineStart = model.text.lastIndexOf('\n', offset - 1) + 1;
  const before = model.text.slice(lineStart, offset);
  const m = /(?<!\$)\$(\{?)([A-Za-z_][A-Za-z0-9_]*)?$/.exec(before);
  if (!m) return [];
  const braced = m[1] === '{';
  const typed = m[2] ?? '';
  const start = model.lines.positionAt(offset - typed.length);
  const closeAfter = braced && model.text[offset] !== '}';
  const items: CompletionItem[] = [];
  for (const [name, v] of ctx.resolved.environment) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) continue;
    items.push({
      label: name,
      kind: CompletionItemKind.Variable,
      detail: v.source === 'shell' ? 'environment' : relative(ctx, v.file!),
      documentation: { kind: 'markdown', value: describeVariable(ctx, name) },
      textEdit: { range: { start, end: position }, newText: closeAfter ? `${name}}` : name },
    });
  }
  return items;
}
