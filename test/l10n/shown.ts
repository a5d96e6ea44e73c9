// Everything Docklens shows for a Dockerfile or a Compose file, gathered as texts with where they
// came from: hovers at every word, completion details and documentation and signature help at the
// start and end of every line, lenses, inlay hints, link tooltips, Compose outline details,
// diagnostics, quick-fix and code-action titles. (A Dockerfile's outline shows instruction text.) The l10n tests
// render these in a language and look for English sentences of ours left in them.
import { parseDocument } from '../../server/src/dockerfile/parser/model';
import { getHover } from '../../server/src/dockerfile/services/hover';
import { getCompletions } from '../../server/src/dockerfile/services/completion';
import { layerCodeLenses, layerInlayHints } from '../../server/src/dockerfile/services/layers';
import { codeActions, RULE_BY_CODE, runDiagnostics } from '../../server/src/dockerfile/services/diagnostics';
import { documentLinks } from '../../server/src/dockerfile/services/links';
import { getSignatureHelp } from '../../server/src/dockerfile/services/signatureHelp';
import { composeCodeActions, composeCodeLenses, composeCompletion, composeHover, composeLinks, composeSymbols, parseCompose, validateCompose } from '../../server/src/compose/index';
import type { ComposeContext } from '../../server/src/compose/dockerfiles';
import { semanticProblems } from '../../server/src/compose/semantics';
import { localizeFinding } from '../../server/src/l10n/patterns';
import { composeSchema, type JsonSchema } from '../../server/src/compose/schema';

export interface Shown {
  /** What produced it: `hover`, `completion.detail`, `diagnostic(Code)`, … */
  what: string;
  text: string;
}

function wordStarts(text: string): number[] {
  return [...text.matchAll(/[A-Za-z_$-][\w$.-]*/g)].map((m) => m.index! + 1);
}

function lineEdges(text: string): number[] {
  const out: number[] = [];
  let start = 0;
  for (const line of text.split('\n')) {
    const indent = line.length - line.trimStart().length;
    out.push(start + indent, start + line.length);
    start += line.length + 1;
  }
  return out;
}

const documentation = (d: unknown) => (typeof d === 'string' ? d : (d as { value?: string } | undefined)?.value);

/**
 * The build errors BuildKit stops on, in the words BuildKit prints (users search for them), like
 * BuildKit's checks. InstructionBeforeFrom and InvalidCheckDirective wrap BuildKit's words in ours; UnknownFlag,
 * InvalidArguments and InvalidBaseImageName add a clause of ours, translated by template (test/l10n/diagnostics.test.ts).
 */
const BUILDKIT_ERRORS = new Set(['SyntaxError', 'UnknownInstruction', 'UnknownFlag', 'InvalidArguments', 'InvalidBaseImageName', 'InvalidFromExpansion', 'InvalidMount', 'InvalidExposePort']);

/** Our own diagnostics only: BuildKit's checks and build errors keep BuildKit's words. */
function oursDockerfile(code: string): boolean {
  const rule = RULE_BY_CODE.get(code);
  return !!rule && !rule.buildkit && !BUILDKIT_ERRORS.has(code);
}

export function shownForDockerfile(text: string): Shown[] {
  const out: Shown[] = [];
  const model = parseDocument(text);
  for (const offset of wordStarts(text)) {
    const hover = getHover(model, offset);
    if (hover) out.push({ what: 'hover', text: hover.contents });
  }
  for (const offset of lineEdges(text)) {
    for (const item of getCompletions(model, offset)) {
      if (item.detail) out.push({ what: 'completion.detail', text: item.detail });
      const doc = documentation(item.documentation);
      if (doc) out.push({ what: 'completion.documentation', text: doc });
    }
    for (const signature of getSignatureHelp(model, offset)?.signatures ?? []) {
      const doc = documentation(signature.documentation);
      if (doc) out.push({ what: 'signatureHelp', text: doc });
      for (const p of signature.parameters ?? []) {
        const pdoc = documentation(p.documentation);
        if (pdoc) out.push({ what: 'signatureHelp.parameter', text: pdoc });
      }
    }
  }
  for (const link of documentLinks(model)) if (link.tooltip) out.push({ what: 'link.tooltip', text: link.tooltip });
  for (const lens of layerCodeLenses(model, 'file:///w/Dockerfile')) {
    if (lens.command?.title) out.push({ what: 'lens', text: lens.command.title });
    const tooltip = (lens.command as { tooltip?: string } | undefined)?.tooltip;
    if (tooltip) out.push({ what: 'lens.tooltip', text: tooltip });
  }
  for (const hint of layerInlayHints(model)) {
    out.push({ what: 'inlayHint', text: typeof hint.label === 'string' ? hint.label : hint.label.map((p) => p.value).join('') });
    const tooltip = documentation(hint.tooltip);
    if (tooltip) out.push({ what: 'inlayHint.tooltip', text: tooltip });
  }
  const findings = runDiagnostics(model, { filePath: '/w/Dockerfile' });
  for (const f of findings) {
    if (!oursDockerfile(f.code)) continue;
    out.push({ what: `diagnostic(${f.code})`, text: f.message });
  }
  const whole = { start: { line: 0, character: 0 }, end: model.lines.positionAt(text.length) };
  for (const action of codeActions(model, whole, findings, { uri: 'file:///w/Dockerfile' })) {
    const code = String(action.diagnostics?.[0]?.code ?? '');
    if (code && !oursDockerfile(code)) continue;
    out.push({ what: 'codeAction', text: action.title });
  }
  return out;
}

export function shownForCompose(text: string, ctx?: ComposeContext): Shown[] {
  const out: Shown[] = [];
  const model = parseCompose(text);
  for (const offset of wordStarts(text)) {
    const hover = composeHover(model, model.lines.positionAt(offset), ctx);
    if (hover) out.push({ what: 'hover', text: (hover.contents as { value: string }).value });
  }
  for (const offset of lineEdges(text)) {
    for (const item of composeCompletion(model, model.lines.positionAt(offset), ctx).items) {
      if (item.detail) out.push({ what: 'completion.detail', text: item.detail });
      const doc = documentation(item.documentation);
      if (doc) out.push({ what: 'completion.documentation', text: doc });
    }
  }
  // A service's outline detail is its image as written; the other sections' say what kind of entry it is.
  for (const symbol of composeSymbols(model).filter((x) => x.name !== 'services')) {
    for (const child of symbol.children ?? []) if (child.detail) out.push({ what: 'symbol.detail', text: child.detail });
  }
  if (ctx) {
    for (const link of composeLinks(model, ctx)) if (link.tooltip) out.push({ what: 'link.tooltip', text: link.tooltip });
    for (const lens of composeCodeLenses(model, ctx)) {
      if (lens.command?.title) out.push({ what: 'lens', text: lens.command.title });
      const tooltip = (lens.command as { tooltip?: string } | undefined)?.tooltip;
      if (tooltip) out.push({ what: 'lens.tooltip', text: tooltip });
    }
  }
  // Messages of our checks; schema errors, the yaml package's and docker compose's messages keep their words.
  for (const p of semanticProblems(model, ctx).map(localizeFinding)) out.push({ what: `diagnostic(${p.code})`, text: p.message });
  const diagnostics = validateCompose(model, ctx);
  for (const action of composeCodeActions('file:///w/compose.yaml', { start: { line: 0, character: 0 }, end: model.lines.positionAt(text.length) }, diagnostics)) {
    out.push({ what: 'codeAction', text: action.title });
  }
  return out;
}

let descriptions: string[] | undefined;

/** The compose-spec schema's descriptions: kept in English on purpose. */
export function schemaDescriptions(): string[] {
  if (!descriptions) {
    const found = new Set<string>();
    const walk = (s: unknown) => {
      if (!s || typeof s !== 'object') return;
      if (Array.isArray(s)) return s.forEach(walk);
      const o = s as JsonSchema;
      if (typeof o.description === 'string') found.add(o.description);
      for (const v of Object.values(o)) walk(v);
    };
    walk(composeSchema());
    descriptions = [...found].sort((a, b) => b.length - a.length);
  }
  return descriptions;
}

/**
 * English sentences left in a text: runs of three or more English words outside code (spans,
 * blocks, quoted names), links' targets and the schema's descriptions.
 */
export function englishLeft(text: string): string[] {
  // Hover headings name what is under the cursor as written: `**name** — what it is`.
  let rest = text.replace(/```[\s\S]*?```/g, ' ').replace(/^\*\*[^*\n]+\*\*(?= — )/gm, ' ');
  for (const d of schemaDescriptions()) if (rest.includes(d)) rest = rest.split(d).join(' ');
  rest = rest
    .replace(/(`+)([\s\S]*?[^`])\1(?!`)/g, ' ')
    .replace(/\]\([^)]*\)/g, ']')
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/"[^"\n]*"|'[^'\n]*'/g, ' ');
  return [...rest.matchAll(/[A-Za-z][A-Za-z’'-]*(?:[ ,]+[A-Za-z][A-Za-z’'-]*){2,}/g)]
    .map((m) => m[0])
    .filter((phrase) => !/^[^ ,]+(?:, [^ ,]+)+$/.test(phrase)); // a list of names: "curl, git, make"
}
