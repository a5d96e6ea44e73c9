// The resolved project as text: what `docker compose config` prints (canonical YAML, `$` doubled),
// with a comment above each service attribute and resource saying where it came from
// (file:line, via extends or include) and a header naming the files and env files used.
import * as posix from 'node:path/posix';
import { Document, isScalar } from 'yaml';
import { dollarsDoubled } from './canonical';
import { configYamlValue } from './configOutput';
import { entryOrigins, keyOriginText, originOf, originText } from './mergedService';
import type { ResolvedProject } from './projects';
import { keyOf, pairs, seqItems } from './yamlPairs';
import { t } from '../../l10n';

/** Origins of the keys below an attribute, where they differ from the one written above them. */
function annotateKeys(project: ResolvedProject, map: unknown, path: string[], above: string | undefined): void {
  for (const pair of pairs(map)) {
    const here = [...path, keyOf(pair)];
    const from = keyOriginText(project, ...here);
    if (from && from !== above && isScalar(pair.key)) pair.key.commentBefore = ` ${from}`;
    annotateKeys(project, pair.value, here, from ?? above);
  }
}

export function resolvedProjectText(project: ResolvedProject): string {
  const rel = (p: string) => posix.relative(project.spec.projectDir, p) || posix.basename(p);
  const envFiles = project.spec.envFiles.length ? project.spec.envFiles.map(rel).join(', ') : t('compose.view.none');
  const header = [
    ' ' + t('compose.view.title', { name: project.name }),
    ' ' + t('compose.view.files', { files: project.spec.files.map(rel).join(', '), dir: project.spec.projectDir }),
    ' ' + (project.profiles.length ? t('compose.view.envFilesProfiles', { files: envFiles, profiles: project.profiles.join(', ') }) : t('compose.view.envFiles', { files: envFiles })),
  ];
  const used = [...project.loaded.variables.keys()].sort();
  if (used.length) {
    header.push(
      ' ' +
        t('compose.view.variables', {
          list: used
            .map((name) => {
              const v = project.environment.get(name);
              const from = v ? (v.source === 'shell' ? t('compose.view.fromEnvironment') : `${rel(v.file!)}:${(v.line ?? 0) + 1}`) : t('compose.view.notSet');
              return `${name} (${from})`;
            })
            .join(', '),
        }),
    );
  }
  for (const e of project.errors) header.push(' ' + t('compose.view.error', { message: e.message.replace(/\n/g, ' ') }));
  const doc = new Document(dollarsDoubled(configYamlValue(project.canonical)));
  doc.commentBefore = header.join('\n');
  const root = doc.contents;
  for (const section of pairs(root)) {
    const name = keyOf(section);
    if (name === 'services') {
      for (const service of pairs(section.value)) {
        const s = keyOf(service);
        const origin = originText(project, originOf(project, 'services', s));
        if (origin && isScalar(service.key)) service.key.commentBefore = ` ${origin}`;
        for (const attr of pairs(service.value)) {
          const a = keyOf(attr);
          const from = keyOriginText(project, 'services', s, a);
          if (isScalar(attr.key)) attr.key.commentBefore = ` ${from ?? t('compose.merged.default')}`;
          annotateKeys(project, attr.value, ['services', s, a], from);
          const entries = entryOrigins(project, s, a, (project.canonical.services as Record<string, Record<string, unknown>>)[s]?.[a]);
          seqItems(attr.value).forEach((item, i) => {
            if (entries[i] && entries[i] !== from) item.commentBefore = ` ${entries[i]}`;
          });
        }
      }
    } else if (['networks', 'volumes', 'secrets', 'configs', 'models'].includes(name)) {
      for (const entry of pairs(section.value)) {
        const from = originText(project, originOf(project, name, keyOf(entry)));
        if (isScalar(entry.key)) entry.key.commentBefore = ` ${from ?? t('compose.merged.default')}`;
      }
    }
  }
  return doc.toString({ lineWidth: 0 });
}
