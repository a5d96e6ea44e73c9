// A team's `.hadolint.yaml`, read so that an existing hadolint setup keeps working: `ignored`,
// `override` (severities), `trustedRegistries`, `label-schema` with `strict-labels`,
// `disable-ignore-pragma` and `failure-threshold`. Pure: the host finds and reads the file.
import { parse } from 'yaml';
import type { RuleSeverity } from './rule';
import { t } from '../../../l10n';

export type LabelType = 'text' | 'url' | 'hash' | 'spdx' | 'rfc3339' | 'semver' | 'email';

export interface HadolintConfig {
  /** Codes switched off (hadolint's `DLxxxx`/`SCxxxx`, or ours). */
  ignored: string[];
  /** Severity per code, from `override: {error, warning, info, style}`. */
  override: Record<string, RuleSeverity>;
  /** Registries FROM may use (`docker.io`, `*.corp.example`); empty = any. */
  trustedRegistries: string[];
  /** Labels every stage should carry, with the kind of value each holds. */
  labelSchema: Record<string, LabelType>;
  /** Labels outside the schema are reported. */
  strictLabels: boolean;
  /** `# hadolint ignore=` comments are not honoured. */
  disableIgnorePragma: boolean;
  /** The CLI fails when a finding is at least this severe (`none` never fails). */
  failureThreshold?: RuleSeverity | 'none';
  /** What could not be read, for the log. */
  problems: string[];
}

/** hadolint's severities as ours: `style` is a hint, `ignore`/`none` switch the rule off. */
const SEVERITY: Record<string, RuleSeverity | 'off'> = { error: 'error', warning: 'warning', info: 'info', style: 'hint', ignore: 'off', none: 'off' };
const LABEL_TYPES = new Set<string>(['text', 'url', 'hash', 'spdx', 'rfc3339', 'semver', 'email']);

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string').map((v) => v.trim()).filter(Boolean) : [];
}

export function parseHadolintConfig(text: string): HadolintConfig {
  const config: HadolintConfig = { ignored: [], override: {}, trustedRegistries: [], labelSchema: {}, strictLabels: false, disableIgnorePragma: false, problems: [] };
  let doc: unknown;
  try {
    doc = parse(text, { maxAliasCount: 100 });
  } catch (e) {
    config.problems.push(t('hadolintConfig.notYaml', { error: e instanceof Error ? e.message.split('\n')[0] : String(e) }));
    return config;
  }
  if (doc === null || doc === undefined) return config;
  if (typeof doc !== 'object' || Array.isArray(doc)) {
    config.problems.push(t('hadolintConfig.notMapping'));
    return config;
  }
  const m = doc as Record<string, unknown>;
  config.ignored = strings(m.ignored);
  if (m.override && typeof m.override === 'object') {
    for (const [level, codes] of Object.entries(m.override as Record<string, unknown>)) {
      const severity = SEVERITY[level];
      if (!severity) {
        config.problems.push(t('hadolintConfig.unknownLevel', { level }));
        continue;
      }
      for (const code of strings(codes)) {
        if (severity === 'off') config.ignored.push(code);
        else config.override[code] = severity;
      }
    }
  }
  config.trustedRegistries = strings(m.trustedRegistries);
  if (m['label-schema'] && typeof m['label-schema'] === 'object' && !Array.isArray(m['label-schema'])) {
    for (const [label, type] of Object.entries(m['label-schema'] as Record<string, unknown>)) {
      const kind = typeof type === 'string' ? (type === '' ? 'text' : type) : undefined;
      if (kind && LABEL_TYPES.has(kind)) config.labelSchema[label] = kind as LabelType;
      else config.problems.push(t('hadolintConfig.unknownLabelType', { label, type: JSON.stringify(type) ?? 'undefined' }));
    }
  }
  config.strictLabels = m['strict-labels'] === true;
  config.disableIgnorePragma = m['disable-ignore-pragma'] === true;
  const threshold = m['failure-threshold'];
  if (typeof threshold === 'string') {
    const s = SEVERITY[threshold];
    if (s) config.failureThreshold = s === 'off' ? 'none' : s;
    else config.problems.push(t('hadolintConfig.unknownThreshold', { threshold }));
  }
  if (m['no-fail'] === true) config.failureThreshold = 'none';
  return config;
}

/** Where hadolint's config may be, nearest first: `.hadolint.yaml`/`.hadolint.yml` in each folder from the Dockerfile's up to `stopAt`. */
export function hadolintConfigCandidates(dir: string, stopAt: string | undefined, join: (a: string, b: string) => string, dirname: (p: string) => string): string[] {
  const out: string[] = [];
  for (let d = dir, i = 0; i < 64; i++) {
    out.push(join(d, '.hadolint.yaml'), join(d, '.hadolint.yml'));
    if (stopAt !== undefined && d === stopAt) break;
    const parent = dirname(d);
    if (parent === d) break;
    d = parent;
  }
  return out;
}
