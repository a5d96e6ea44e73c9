// Document links: each image name (FROM, COPY --from, RUN --mount=from=, the `# syntax=`
// frontend) opens the image's page on its registry. Stage names, `scratch`, names still holding
// `$VARIABLES`, malformed names and registries without a public page get no link.
import { DocumentLink } from 'vscode-languageserver-types';
import type { Span } from '../parser/ast';
import type { DockerfileModel } from '../parser/model';
import { imagePageUrl, parseImageRef, registryDisplayName } from './imageRef';
import { stageIndex } from './stageReferences';
import { t } from '../../l10n';

export function documentLinks(model: DockerfileModel): DocumentLink[] {
  const links: DocumentLink[] = [];
  const add = (text: string, span: Span) => {
    if (text === '' || text.toLowerCase() === 'scratch' || model.stageByName(text)) return;
    const ref = parseImageRef(text);
    const target = imagePageUrl(ref);
    if (!target) return;
    links.push(DocumentLink.create(model.lines.rangeOf(span), target, undefined));
    links[links.length - 1].tooltip = t('link.openImage', { name: ref.familiarName, registry: registryDisplayName(ref) });
  };
  for (const directive of model.ast.directives) {
    if (directive.name === 'syntax') add(directive.value, exact(model, directive.valueSpan, directive.value));
  }
  for (const stage of model.stages) {
    if (stage.baseStage === undefined && stage.baseSpan) add(stage.base, stage.baseSpan);
  }
  for (const image of stageIndex(model).images) add(image.text, image.span);
  return links.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

/** The directive's value span trimmed to the value itself. */
function exact(model: DockerfileModel, span: Span, value: string): Span {
  // Looked for inside the span only (the text after it may be long, and is not this span's).
  const found = model.ast.source.slice(span.start, span.end).indexOf(value);
  return found >= 0 ? { start: span.start + found, end: span.start + found + value.length } : span;
}
