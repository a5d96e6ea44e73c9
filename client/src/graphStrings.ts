// The build graph webview's words in the user's language. The webview cannot load the l10n bundle
// itself, so the extension sends these with every graph; the webview fills in `{0}`, `{1}`.
import * as l10n from '@vscode/l10n';

export function graphStrings() {
  return {
    layer: l10n.t('{0} layer'),
    layers: l10n.t('{0} layers'),
    ships: l10n.t('{0} · ships (final image)'),
    unused: l10n.t('{0} · unused: not built'),
    notShipped: l10n.t('{0} · not shipped'),
    stage: l10n.t('{0}: {1} stage'),
    stages: l10n.t('{0}: {1} stages'),
    final: l10n.t(' · final: {0}'),
    unusedCount: l10n.t(' · {0} unused'),
    service: l10n.t('{0}: {1} service'),
    services: l10n.t('{0}: {1} services'),
    line: l10n.t('line {0}'),
    edgeLine: l10n.t('{0} (line {1})'),
    dockerfileGraph: l10n.t('→ Dockerfile graph'),
    noGraph: l10n.t('No graph: the file is not a Dockerfile or Compose file Docklens has open.'),
  };
}

export type GraphStrings = ReturnType<typeof graphStrings>;
