// Context-aware completion from the knowledge table: what may be typed at the cursor, with its docs.
import type { SourceText } from '../../common/sourceText';
import {
  CompletionItemKind,
  CompletionItemTag,
  InsertTextFormat,
  MarkupKind,
  TextEdit,
  type CompletionItem,
} from 'vscode-languageserver-types';
import { imageSuggestions } from './baseImage';
import type { Instruction, Span } from '../parser/ast';
import { derivedKey, type DockerfileModel } from '../parser/model';
import {
  directives,
  flagsFor,
  getInstructionInfo,
  getMountType,
  instructions,
  NOT_IN_ONBUILD,
  mountTypes,
  predefinedArgs,
  signals,
  type FlagInfo,
  type InstructionInfo,
  type ValueInfo,
} from '../data';
import {
  codeBlock,
  directiveMarkdown,
  firstSentence,
  flagMarkdown,
  instructionMarkdown,
  mountOptionMarkdown,
  mountTypeMarkdown,
  predefinedArgMarkdown,
  signalMarkdown,
} from '../data/markdown';
import { parseMountValue } from './mountOptions';
import { variablesInScope } from './scopes';
import { localizeDetails } from '../../l10n/patterns';
import { t } from '../../l10n';
import { snippetCompletions } from './snippets';

const markdown = (value: string) => ({ kind: MarkupKind.Markdown, value });

const instructionDocs = new WeakMap<InstructionInfo, string>();
function cachedInstructionMarkdown(info: InstructionInfo): string {
  let doc = instructionDocs.get(info);
  if (doc === undefined) instructionDocs.set(info, (doc = instructionMarkdown(info)));
  return doc;
}

interface Context {
  model: DockerfileModel;
  offset: number;
  text: SourceText;
}

/** Completions at `offset`. Errors are not swallowed here: the server's request wrapper logs them and answers empty. */
export function getCompletions(model: DockerfileModel, offset: number): CompletionItem[] {
  return localizeDetails(complete({ model, offset, text: model.ast.source }));
}

function complete(ctx: Context): CompletionItem[] {
  const { model, offset, text } = ctx;
  const line = model.lines.lineOf(offset);
  const lineStart = model.lines.lineStart(line);
  const beforeOnLine = text.slice(lineStart, offset);

  const top = model.instructionAt(offset);
  for (const h of [...(top?.heredocs ?? []), ...(top?.inner?.heredocs ?? [])]) {
    if (offset >= h.body.start && offset <= (h.terminator?.end ?? h.body.end) && h.body.start > h.marker.end) return [];
  }

  const inInstruction = top && line >= top.startLine && line <= top.endLine && offset >= top.start;

  if (!inInstruction) {
    if (/^\s*#/.test(beforeOnLine)) return directiveCompletions(ctx, line, lineStart, beforeOnLine);
    if (/^\s*[A-Za-z]*$/.test(beforeOnLine)) {
      const span = wordSpanAround(text, offset);
      return [...keywordCompletions(ctx, span, instructions), ...snippetCompletions(model.lines.rangeOf(span), beforeInstructions(model, span.start))];
    }
    return [];
  }
  if (offset < top.keywordSpan.start && line === top.startLine) return [];
  if (offset <= top.keywordSpan.end && line === top.startLine) {
    const span = { start: top.keywordSpan.start, end: top.keywordSpan.end };
    const keywords = keywordCompletions(ctx, span, instructions, top);
    // A word alone on its line may also be the start of a snippet's name (`multistage-go`).
    const alone = top.flags.length === 0 && top.argsText.trim() === '';
    return alone ? [...keywords, ...snippetCompletions(model.lines.rangeOf(span), beforeInstructions(model, span.start))] : keywords;
  }
  if (top.keyword === 'ONBUILD') {
    const inner = top.inner;
    if (!inner || offset <= inner.keywordSpan.end) {
      const span = inner ? inner.keywordSpan : wordSpanAround(text, offset);
      if (!inner && !/^[A-Za-z]*$/.test(text.slice(span.start, offset))) return [];
      return keywordCompletions(ctx, span, instructions.filter((i) => !NOT_IN_ONBUILD.has(i.keyword)), top);
    }
    return argumentCompletions(ctx, inner);
  }
  return argumentCompletions(ctx, top);
}

// ---------------------------------------------------------------------------------------------
// Instruction keywords

interface KeywordCasing {
  lower: number;
  upper: number;
  known: number;
}

const CASING = derivedKey<KeywordCasing>('keywordCasing');

function casingOf(ins: Instruction): 'lower' | 'upper' | undefined {
  if (!ins.known) return undefined;
  if (ins.keywordText === ins.keywordText.toLowerCase()) return 'lower';
  if (ins.keywordText === ins.keywordText.toUpperCase()) return 'upper';
  return undefined;
}

/** How the file's known keywords are cased, counted once per model. */
function keywordCasing(model: DockerfileModel, exclude?: Instruction): KeywordCasing {
  const counts = model.derived(CASING, (m) => {
    const found: KeywordCasing = { lower: 0, upper: 0, known: 0 };
    for (const ins of m.ast.instructions) {
      if (ins.known) found.known++;
      const c = casingOf(ins);
      if (c) found[c]++;
    }
    return found;
  });
  if (!exclude) return counts;
  const c = casingOf(exclude);
  return {
    lower: counts.lower - (c === 'lower' ? 1 : 0),
    upper: counts.upper - (c === 'upper' ? 1 : 0),
    known: counts.known - (exclude.known ? 1 : 0),
  };
}

function keywordCompletions(ctx: Context, span: Span, list: readonly InstructionInfo[], current?: Instruction): CompletionItem[] {
  const { model } = ctx;
  const typed = ctx.text.slice(span.start, ctx.offset);
  const casing = keywordCasing(model, current);
  const lower = casing.known > 0 ? casing.lower > casing.upper : typed !== '' && typed === typed.toLowerCase();
  const range = model.lines.rangeOf(span);
  const noStageYet = model.stages.length === 0 || (model.stages[0].from.start >= span.start);
  // Renaming the keyword of a line that already has arguments: insert the keyword alone.
  const edited = [current, current?.inner].find((i) => i && i.keywordSpan.start === span.start);
  const keepArguments = !!edited && (edited.flags.length > 0 || edited.argsText.trim() !== '');
  return list.map((info, index) => {
    const keyword = lower ? info.keyword.toLowerCase() : info.keyword;
    const item: CompletionItem = {
      label: keyword,
      kind: CompletionItemKind.Keyword,
      // A few words only: VS Code shows `detail` in a monospace line that wraps inside words.
      detail: info.deprecated ? 'deprecated instruction' : 'instruction',
      documentation: markdown(cachedInstructionMarkdown(info)),
      insertTextFormat: InsertTextFormat.Snippet,
      textEdit: TextEdit.replace(range, keepArguments ? keyword : `${keyword} ${info.snippet}`),
      filterText: keyword,
      sortText: String(noStageYet && (info.keyword === 'FROM' || info.keyword === 'ARG') ? index : 100 + index).padStart(3, '0'),
    };
    if (info.deprecated) item.tags = [CompletionItemTag.Deprecated];
    return item;
  });
}

/** No instruction starts before `offset` (a parser directive may still be written there). */
function beforeInstructions(model: DockerfileModel, offset: number): boolean {
  const first = model.ast.instructions[0];
  return !first || first.start >= offset;
}

// ---------------------------------------------------------------------------------------------
// Parser directives

function directiveCompletions(ctx: Context, line: number, lineStart: number, beforeOnLine: string): CompletionItem[] {
  const { model } = ctx;
  const directiveLines = new Set(model.ast.directives.map((d) => d.line));
  let onlyDirectivesBefore = true;
  for (let l = 0; l < line && onlyDirectivesBefore; l++) onlyDirectivesBefore = directiveLines.has(l);
  if (!onlyDirectivesBefore) return [];
  const range = (start: number, end: number) => model.lines.rangeOf({ start, end });
  const name = /^(\s*#\s*)([A-Za-z]*)$/.exec(beforeOnLine);
  if (name) {
    const start = lineStart + name[1].length;
    const end = model.lines.lineEnd(line);
    const used = new Set(model.ast.directives.filter((d) => d.line !== line).map((d) => d.name));
    return directives
      .filter((d) => !used.has(d.name))
      .map((d) => ({
        label: d.name,
        kind: CompletionItemKind.Keyword,
        detail: 'parser directive',
        documentation: markdown(directiveMarkdown(d)),
        insertTextFormat: InsertTextFormat.Snippet,
        textEdit: TextEdit.replace(range(start, end), `${d.name}=\${1:${d.values?.[0]?.value.replace(/[$}\\]/g, '\\$&') ?? ''}}`),
      }));
  }
  const value = /^(\s*#\s*([A-Za-z]+)\s*=\s*)(\S*)$/.exec(beforeOnLine);
  if (value) {
    const info = directives.find((d) => d.name === value[2].toLowerCase());
    if (!info?.values) return [];
    const start = lineStart + value[1].length;
    return valueItems(info.values, range(start, model.lines.lineEnd(line)), `${info.name} value`, directiveMarkdown(info));
  }
  return [];
}

/** `detail` says what the value is for in a few words (`network value`); the summary goes in the documentation. */
function valueItems(values: readonly ValueInfo[], range: ReturnType<DockerfileModel['lines']['rangeOf']>, detail: string, docs?: string): CompletionItem[] {
  return values.map((v) => ({
    label: v.value,
    kind: CompletionItemKind.EnumMember,
    detail,
    documentation: markdown(`\`${v.value}\`: ${v.summary}${docs ? '\n\n---\n\n' + docs : ''}`),
    textEdit: TextEdit.replace(range, v.value),
  }));
}

// ---------------------------------------------------------------------------------------------
// Arguments

function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r';
}

/** The whitespace-delimited word around the offset. */
function wordSpanAround(text: SourceText, offset: number): Span {
  let start = offset;
  while (start > 0 && !isSpace(text.charAt(start - 1))) start--;
  let end = offset;
  while (end < text.length && !isSpace(text.charAt(end))) end++;
  return { start, end };
}

/** Whether `offset` is inside a JSON array that starts at `from` (first non-blank char `[`), and inside a string. */
function jsonState(text: SourceText, from: number, offset: number): 'none' | 'outside-string' | 'in-string' {
  let i = from;
  while (i < offset && isSpace(text.charAt(i))) i++;
  if (text.charAt(i) !== '[' || i >= offset) return 'none';
  let inString = false;
  for (i++; i < offset; i++) {
    const c = text.charAt(i);
    if (inString && c === '\\') i++;
    else if (c === '"') inString = !inString;
  }
  return inString ? 'in-string' : 'outside-string';
}

function argumentCompletions(ctx: Context, ins: Instruction): CompletionItem[] {
  const { model, offset, text } = ctx;
  const info = getInstructionInfo(ins.keyword);
  if (!info) return [];
  const word = wordSpanAround(text, offset);
  const typed = text.slice(word.start, offset);
  const inFlagRegion = !ins.args.some((a) => a.start < word.start) && !ins.flags.some((f) => f.start > word.start);

  if (inFlagRegion && typed.startsWith('--')) return flagCompletions(ctx, ins, info, word, typed);

  // Exec form: JSON strings are taken literally; nothing we could offer is valid inside.
  const jsonFrom = ins.keyword === 'HEALTHCHECK' ? healthcheckCommandStart(ins) : argumentsStart(ins);
  if (jsonFrom !== undefined && jsonState(text, jsonFrom, offset) !== 'none') return [];

  const variable = /\$(\{?)([A-Za-z_][A-Za-z0-9_]*)?$/.exec(typed);
  if (variable) {
    const nameStart = offset - (variable[2]?.length ?? 0);
    let nameEnd = offset;
    while (nameEnd < text.length && /[A-Za-z0-9_]/.test(text.charAt(nameEnd))) nameEnd++;
    const closing = variable[1] === '{' && text.charAt(nameEnd) !== '}' ? '}' : '';
    return variableCompletions(ctx, { start: nameStart, end: nameEnd }, closing);
  }

  const positional = ins.args.filter((a) => a.start < word.start);
  const items: CompletionItem[] = [];
  const range = model.lines.rangeOf(word);
  switch (ins.keyword) {
    case 'FROM': {
      if (positional.length === 0) {
        const current = model.stageAt(ins.start);
        for (const s of model.stages) {
          if (!s.name || (current && s.index >= current.index)) continue;
          items.push({
            label: s.name,
            kind: CompletionItemKind.Reference,
            detail: `stage ${s.index}`,
            documentation: markdown(codeBlock(s.from.original)),
            textEdit: TextEdit.replace(range, s.name),
          });
        }
        items.push({ label: 'scratch', kind: CompletionItemKind.Value, detail: 'the empty image', textEdit: TextEdit.replace(range, 'scratch') });
        if (!typed.includes('$')) {
          for (const s of imageSuggestions(typed)) {
            items.push({
              label: s.label,
              kind: s.kind === 'tag' ? CompletionItemKind.Constant : CompletionItemKind.Module,
              detail: s.detail,
              filterText: s.text,
              sortText: 'z' + s.sortText,
              textEdit: TextEdit.replace(range, s.text),
            });
          }
        }
      } else if (positional.length === 1) {
        items.push({ label: 'AS', kind: CompletionItemKind.Keyword, detail: 'name this stage', insertTextFormat: InsertTextFormat.Snippet, textEdit: TextEdit.replace(range, ins.keywordText === 'from' ? 'as ${1:name}' : 'AS ${1:name}') });
      }
      break;
    }
    case 'STOPSIGNAL':
      if (positional.length === 0) {
        for (const s of signals) {
          items.push({ label: s.name, kind: CompletionItemKind.EnumMember, detail: 'signal', documentation: markdown(signalMarkdown(s)), textEdit: TextEdit.replace(range, s.name) });
        }
      }
      break;
    case 'HEALTHCHECK':
      if (positional.length === 0) {
        if (inFlagRegion) items.push(...flagCompletions(ctx, ins, info, word, typed));
        const form = (p: string) => info.forms.find((f) => f.params.some((x) => x.label === p));
        items.push({
          label: 'CMD',
          kind: CompletionItemKind.Keyword,
          detail: 'the check command',
          documentation: markdown(codeBlock(form('CMD')?.example ?? '')),
          insertTextFormat: InsertTextFormat.Snippet,
          textEdit: TextEdit.replace(range, 'CMD ${1:curl -f http://localhost/ || exit 1}'),
        });
        items.push({ label: 'NONE', kind: CompletionItemKind.Keyword, detail: 'no health check', documentation: markdown(codeBlock('HEALTHCHECK NONE')), textEdit: TextEdit.replace(range, 'NONE') });
      } else if (positional.length === 1 && /^cmd$/i.test(positional[0].value)) {
        items.push(execSkeleton(range, 'curl', '-f'));
      }
      break;
    case 'ARG':
      if (!typed.includes('=')) {
        for (const a of predefinedArgs) {
          items.push({ label: a.name, kind: CompletionItemKind.Variable, detail: 'predefined build argument', documentation: markdown(predefinedArgMarkdown(a)), textEdit: TextEdit.replace(range, a.name) });
        }
      }
      break;
    case 'SHELL':
      if (positional.length === 0) {
        const shells = [
          ['/bin/bash', '-o', 'pipefail', '-c'],
          ['/bin/sh', '-c'],
          ['/bin/ash', '-eo', 'pipefail', '-c'],
          ['powershell', '-Command', "$ErrorActionPreference = 'Stop';"],
          ['cmd', '/S', '/C'],
        ];
        shells.forEach((argv, i) => {
          const value = '[' + argv.map((a) => JSON.stringify(a)).join(', ') + ']';
          items.push({ label: value, kind: CompletionItemKind.Snippet, detail: 'SHELL exec form', documentation: markdown(instructionMarkdown(info, { traps: false })), textEdit: TextEdit.replace(range, value), sortText: String(i) });
        });
      }
      break;
    case 'CMD':
    case 'ENTRYPOINT':
    case 'RUN':
      if (positional.length === 0) {
        if (ins.keyword === 'RUN' && inFlagRegion) items.push(...flagCompletions(ctx, ins, info, word, typed));
        items.push(execSkeleton(range, 'executable', 'param'));
      }
      break;
    default:
      if (inFlagRegion && positional.length === 0 && info.flags.length > 0) items.push(...flagCompletions(ctx, ins, info, word, typed));
  }
  return items;
}

function argumentsStart(ins: Instruction): number | undefined {
  return ins.form === 'json' || /^\s*\[/.test(ins.argsText) || ins.args.length === 0 ? ins.argsSpan.start : ins.args[0].start;
}

function healthcheckCommandStart(ins: Instruction): number | undefined {
  const cmd = ins.args[0];
  return cmd && /^cmd$/i.test(cmd.value) ? cmd.end : undefined;
}

function execSkeleton(range: ReturnType<DockerfileModel['lines']['rangeOf']>, exe: string, param: string): CompletionItem {
  return {
    label: `["${exe}", "${param}"]`,
    kind: CompletionItemKind.Snippet,
    detail: 'exec form (JSON array)',
    documentation: markdown(t('completion.execSkeleton')),
    insertTextFormat: InsertTextFormat.Snippet,
    textEdit: TextEdit.replace(range, `["\${1:${exe}}", "\${2:${param}}"]`),
    sortText: 'z',
  };
}

// ---------------------------------------------------------------------------------------------
// Flags and their values

function flagCompletions(ctx: Context, ins: Instruction, info: InstructionInfo, word: Span, typed: string): CompletionItem[] {
  const { model } = ctx;
  const eq = typed.indexOf('=');
  if (eq < 0) {
    const used = new Set(ins.flags.filter((f) => f.start !== word.start).map((f) => f.name.toLowerCase()));
    const range = model.lines.rangeOf(word);
    return flagsFor(info.keyword)
      .filter((f) => f.repeatable || !used.has(f.name))
      .map((f) => flagItem(info.keyword, f, range));
  }
  const name = typed.slice(2, eq).toLowerCase();
  const flag = flagsFor(info.keyword).find((f) => f.name === name);
  if (!flag) return [];
  const valueStart = word.start + eq + 1;
  const valueTyped = ctx.text.slice(valueStart, ctx.offset);
  const valueRange = model.lines.rangeOf({ start: valueStart, end: word.end });
  switch (flag.name) {
    case 'mount':
      return mountCompletions(ctx, valueStart, valueTyped, word.end);
    case 'from':
      return stageNameItems(ctx, ins, valueRange);
    case 'platform':
      return ['$BUILDPLATFORM', '$TARGETPLATFORM', 'linux/amd64', 'linux/arm64', 'linux/arm/v7', 'windows/amd64'].map((p, i) => ({
        label: p,
        kind: p.startsWith('$') ? CompletionItemKind.Variable : CompletionItemKind.Value,
        textEdit: TextEdit.replace(valueRange, p),
        sortText: String(i),
      }));
  }
  if (flag.values) return valueItems(flag.values, valueRange, `--${flag.name} value`, flagMarkdown(info.keyword, flag));
  if (flag.bare) return valueItems([{ value: 'true', summary: 'Enable.' }, { value: 'false', summary: 'Disable (the default).' }], valueRange, `--${flag.name} value`);
  return [];
}

function flagItem(keyword: string, f: FlagInfo, range: ReturnType<DockerfileModel['lines']['rangeOf']>): CompletionItem {
  const snippet = f.bare ? `--${f.name}` : f.name === 'mount' ? '--mount=type=${1|bind,cache,tmpfs,secret,ssh|},${2:target}=${3:/path}' : `--${f.name}=\${1:${(f.defaultValue ?? f.valueHint ?? '').replace(/[$}\\|]/g, '\\$&')}}`;
  return {
    label: `--${f.name}`,
    kind: CompletionItemKind.Property,
    detail: `flag of ${keyword}`,
    documentation: markdown(flagMarkdown(keyword, f)),
    insertTextFormat: InsertTextFormat.Snippet,
    textEdit: TextEdit.replace(range, snippet),
  };
}

function stageNameItems(ctx: Context, ins: Instruction, range: ReturnType<DockerfileModel['lines']['rangeOf']>): CompletionItem[] {
  const current = ctx.model.stageAt(ins.start);
  return ctx.model.stages
    .filter((s) => s.name && (!current || s.index < current.index))
    .map((s) => ({
      label: s.name!,
      kind: CompletionItemKind.Reference,
      detail: `stage ${s.index}`,
      documentation: markdown(codeBlock(s.from.original)),
      textEdit: TextEdit.replace(range, s.name!),
    }));
}

function mountCompletions(ctx: Context, valueStart: number, valueTyped: string, wordEnd: number): CompletionItem[] {
  const { model, text } = ctx;
  const mount = parseMountValue(text.slice(valueStart, wordEnd), valueStart);
  const segmentStart = valueStart + valueTyped.lastIndexOf(',') + 1;
  let segmentEnd = ctx.offset;
  while (segmentEnd < wordEnd && text.charAt(segmentEnd) !== ',') segmentEnd++;
  const segment = text.slice(segmentStart, ctx.offset);
  const eq = segment.indexOf('=');
  if (eq < 0) {
    const range = model.lines.rangeOf({ start: segmentStart, end: segmentEnd });
    const hasType = mount.options.some((o) => o.key.toLowerCase() === 'type' && o.start !== segmentStart);
    const items: CompletionItem[] = [];
    if (!hasType) {
      items.push({
        label: 'type',
        kind: CompletionItemKind.Property,
        detail: 'mount type',
        documentation: markdown(mountTypes.map((m) => `- \`${m.type}\`: ${firstSentence(m.summary)}`).join('\n')),
        insertTextFormat: InsertTextFormat.Snippet,
        textEdit: TextEdit.replace(range, 'type=${1|bind,cache,tmpfs,secret,ssh|}'),
        sortText: '0',
      });
    }
    const type = getMountType(mount.type);
    if (!type) return items;
    const used = new Set(mount.options.filter((o) => o.start !== segmentStart).map((o) => o.key.toLowerCase()));
    for (const o of type.options) {
      if (used.has(o.name) || (o.aliases ?? []).some((a) => used.has(a))) continue;
      const value = o.values ? `\${1|${o.values.map((v) => v.value).join(',')}|}` : `\${1:${(o.defaultValue ?? o.valueHint ?? '').replace(/[$}\\|,]/g, '\\$&')}}`;
      items.push({
        label: o.name,
        kind: CompletionItemKind.Property,
        detail: o.required ? `${type.type} mount, required` : `${type.type} mount option`,
        documentation: markdown(mountOptionMarkdown(type, o)),
        insertTextFormat: InsertTextFormat.Snippet,
        textEdit: TextEdit.replace(range, o.bare ? o.name : `${o.name}=${value}`),
        sortText: o.required ? '1' : '2',
      });
    }
    return items;
  }
  const key = segment.slice(0, eq).trim().toLowerCase();
  const range = model.lines.rangeOf({ start: segmentStart + eq + 1, end: segmentEnd });
  if (key === 'type') {
    return mountTypes.map((m) => ({
      label: m.type,
      kind: CompletionItemKind.EnumMember,
      detail: 'mount type',
      documentation: markdown(mountTypeMarkdown(m)),
      textEdit: TextEdit.replace(range, m.type),
    }));
  }
  const type = getMountType(mount.type);
  const option = type?.options.find((o) => o.name === key || (o.aliases ?? []).includes(key));
  if (!type || !option) return [];
  if (option.name === 'from') {
    const ins = model.instructionAt(ctx.offset);
    return ins ? stageNameItems(ctx, ins, range) : [];
  }
  if (option.values) return valueItems(option.values, range, `${option.name} value`, mountOptionMarkdown(type, option));
  return [];
}

// ---------------------------------------------------------------------------------------------
// Variables

function variableCompletions(ctx: Context, nameSpan: Span, closing: string): CompletionItem[] {
  const { model, offset } = ctx;
  const range = model.lines.rangeOf(nameSpan);
  const items: CompletionItem[] = [];
  const ins = model.instructionAt(offset);
  for (const b of variablesInScope(model, offset)) {
    const d = b.declaration;
    if (d) {
      const value = b.value !== undefined ? `Value here:\n\n${codeBlock(b.value)}\n\n` : '';
      items.push({
        label: b.name,
        kind: d.kind === 'env' ? CompletionItemKind.Variable : CompletionItemKind.Constant,
        detail: `${d.kind.toUpperCase()}, line ${d.instruction.startLine + 1}`,
        documentation: markdown(`${value}Declared by:\n\n${codeBlock(d.instruction.original)}`),
        textEdit: TextEdit.replace(range, b.name + closing),
        sortText: '0',
      });
      continue;
    }
    // Predefined ARGs not declared here: platform ARGs have a value by themselves only in FROM lines;
    // proxies reach RUN as environment.
    const info = b.predefined;
    const usable = info && (b.automatic || (info.group === 'proxy' && ins?.keyword === 'RUN'));
    if (!info || !usable) continue;
    items.push({
      label: info.name,
      kind: CompletionItemKind.Constant,
      detail: 'predefined build argument',
      documentation: markdown(predefinedArgMarkdown(info)),
      textEdit: TextEdit.replace(range, info.name + closing),
      sortText: '1',
    });
  }
  return items;
}
