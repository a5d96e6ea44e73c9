// Document links: each image name (FROM, COPY --from, RUN --mount=from=, the `# syntax=`
// frontend) opens the image's page on its registry. Stage names, `scratch`, names still holding
// `$VARIABLES`, malformed names and registries without a public page get no link.
import { DocumentLink } from 'vscode-languageserver-types';
import type { Span } from '../parser/ast';
import { stageNames, type DockerfileModel, type Stage } from '../parser/model';
import { perStage } from '../parser/stageCarry';
import { movedRange } from './movedRange';
import { imagePageUrl, parseImageRef, registryDisplayName } from './imageRef';
import { imageUsesIn } from './stageReferences';
import { currentLocale, t } from '../../l10n';

export function documentLinks(model: DockerfileModel): DocumentLink[] {
  const links: DocumentLink[] = [];
  for (const directive of model.ast.directives) {
    if (directive.name === 'syntax') addLink(model, links, directive.value, exact(model, directive.valueSpan, directive.value));
  }
  const list = model.ast.instructionList;
  const firstFrom = model.stages[0]?.fromIndex ?? list.length;
  for (let i = 0; i < firstFrom; i++) for (const image of imageUsesIn(model, list.at(i))) addLink(model, links, image.text, image.span);
  sortLinks(links);
  // A stage's links depend on its text and on which names are stages: carried while the names read the same.
  const names = stageNames(model);
  const stages = perStage<StageLinks>(model, `documentLinks ${currentLocale()}`, (stage) => ({ names, links: stageLinks(model, stage) }), (old, move) =>
    old.names !== names ? undefined : move.lines === 0 ? old : { names, links: old.links.map((link) => movedLink(link, move.lines)) },
  );
  for (const stage of stages) for (const link of stage.links) links.push(link);
  return links;
}

interface StageLinks {
  /** The stage names they were made with (the same object while the names read the same). */
  names: Map<string, number>;
  links: DocumentLink[];
}

function stageLinks(model: DockerfileModel, stage: Stage): DocumentLink[] {
  const links: DocumentLink[] = [];
  if (stage.baseStage === undefined && stage.baseSpan) addLink(model, links, stage.base, stage.baseSpan);
  const list = model.ast.instructionList;
  const end = stage.fromIndex + 1 + stage.instructionCount;
  for (let i = stage.fromIndex; i < end; i++) for (const image of imageUsesIn(model, list.at(i))) addLink(model, links, image.text, image.span);
  return sortLinks(links);
}

function addLink(model: DockerfileModel, links: DocumentLink[], text: string, span: Span): void {
  if (text === '' || text.toLowerCase() === 'scratch' || model.stageByName(text)) return;
  const ref = parseImageRef(text);
  const target = imagePageUrl(ref);
  if (!target) return;
  const link = DocumentLink.create(model.lines.rangeOf(span), target, undefined);
  link.tooltip = t('link.openImage', { name: ref.familiarName, registry: registryDisplayName(ref) });
  links.push(link);
}

function movedLink(link: DocumentLink, lines: number): DocumentLink {
  return { ...link, range: movedRange(link.range, lines) };
}

function sortLinks(links: DocumentLink[]): DocumentLink[] {
  return links.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

/** The directive's value span trimmed to the value itself. */
function exact(model: DockerfileModel, span: Span, value: string): Span {
  // Looked for inside the span only (the text after it may be long, and is not this span's).
  const found = model.ast.source.slice(span.start, span.end).indexOf(value);
  return found >= 0 ? { start: span.start + found, end: span.start + found + value.length } : span;
}
