// The part of a service hover that reads the whole project: the service as `docker compose config`
// resolves it (every file merged, `${VAR}` replaced, canonical long forms), with the `file:line`
// each attribute and each key came from written beside it.
import { Document, isMap, isScalar, type YAMLMap } from 'yaml';
import { fencedCode } from '../../common/markdown';
import { t } from '../../l10n';
import { definingFiles, entryOrigins, keyOriginText, mergedService } from './mergedService';
import type { ProjectContext } from './projectContext';
import { keyOf, pairs, seqItems } from './yamlPairs';

/** Longest YAML shown in a hover; the resolved-project view has the rest. */
const MAX_LINES = 60;

/** Writes `# file:line` beside every key below `map` that has an origin of its own. */
function annotate(ctx: ProjectContext, map: YAMLMap, path: string[], canonical?: Record<string, unknown>): void {
  for (const pair of pairs(map)) {
    const key = keyOf(pair);
    const here = [...path, key];
    const where = keyOriginText(ctx.resolved, ...here) ?? (here.length === 3 ? t('compose.merged.default') : undefined);
    if (where) {
      if (isScalar(pair.value)) pair.value.comment = ` ${where}`;
      else if (isScalar(pair.key)) pair.key.comment = ` ${where}`;
    }
    if (isMap(pair.value)) annotate(ctx, pair.value as YAMLMap, here);
    // a list entry merged in from another file than the attribute's last writer says where
    if (here.length === 3 && canonical) {
      const entries = entryOrigins(ctx.resolved, here[1], key, canonical[key]);
      seqItems(pair.value).forEach((item, i) => {
        if (!entries[i] || entries[i] === where) return;
        const first = isMap(item) ? pairs(item)[0] : undefined;
        if (first && isScalar(first.value)) first.value.comment = ` ${entries[i]}`;
        else item.comment = ` ${entries[i]}`;
      });
    }
  }
}

/** Markdown for the merged definition of service `name`; undefined when no file defines it. */
export function mergedServiceMarkdown(ctx: ProjectContext, name: string): string | undefined {
  const service = mergedService(ctx.resolved, name);
  if (!service) return undefined;
  const shown: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(service.canonical)) {
    // unset command/entrypoint print as null in compose's JSON: noise in a hover
    if ((k === 'command' || k === 'entrypoint') && v === null) continue;
    shown[k] = v;
  }
  const doc = new Document(shown);
  if (isMap(doc.contents)) annotate(ctx, doc.contents as YAMLMap, ['services', name], shown);
  let lines = doc.toString({ lineWidth: 0 }).replace(/\n$/, '').split('\n');
  const more = lines.length - MAX_LINES;
  if (more > 0) lines = lines.slice(0, MAX_LINES);
  const out = [t('compose.merged.title', { files: definingFiles(ctx, name).join(' + ') }), '', fencedCode(lines.join('\n'), 'yaml')];
  if (more > 0) out.push('', t('compose.merged.more', { count: more }));
  if (!service.enabled) {
    const profiles = Array.isArray(service.raw.profiles) ? service.raw.profiles.map(String).join(', ') : '';
    out.push('', t('compose.merged.disabled', { profiles }));
  }
  const stop = ctx.resolved.errors.find((e) => e.severity === 'error');
  if (stop) out.push('', t('compose.merged.error', { message: stop.message.split('\n')[0] }));
  return out.join('\n');
}
