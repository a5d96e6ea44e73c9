// LABEL checks as hadolint does them: key spelling (DL3048) and, with a `label-schema` in the
// team's `.hadolint.yaml`, missing labels (DL3049), labels outside the schema with `strict-labels`
// (DL3050), empty values (DL3051) and values of the wrong kind (DL3052-DL3058).
import type { KeyValue } from '../../../parser/ast';
import { type Finding, type Rule, instructionRule } from '../rule';
import type { LabelType } from '../hadolintConfig';
import { hasKeyword, NO_FINDINGS, finding, hadolintWiki, unquote, withInner } from './helpers';

/** Docker's guidance for keys: lowercase letters, digits, `.`, `-`, `_`, `/`; no reserved namespace, no doubled separators. */
function keyProblem(key: string): string | undefined {
  if (!/^[a-z]/.test(key)) return 'it should start with a lowercase letter';
  if (!/[a-z0-9]$/.test(key)) return 'it should end with a lowercase letter or a digit';
  if (/[^a-z0-9._\-/]/.test(key)) return 'it should use lowercase letters, digits, ".", "-", "_" and "/" only';
  if (/^(?:com\.docker\.|io\.docker\.|org\.dockerproject\.)/.test(key)) return 'the com.docker., io.docker. and org.dockerproject. namespaces are reserved';
  if (key.includes('..') || key.includes('--')) return 'it should not repeat "." or "-"';
  return undefined;
}

export const invalidLabelKey: Rule = instructionRule({
  code: 'InvalidLabelKey',
  defaultSeverity: 'hint',
  url: hadolintWiki('DL3048'),
  description: 'LABEL keys: lowercase letters, digits, ".", "-", "_" and "/", outside the reserved Docker namespaces',
  hadolint: ['DL3048'],
  keywords: ['LABEL'],
  checkInstruction(outer, { model }) {
    if (!hasKeyword(outer, 'LABEL')) return NO_FINDINGS;
    let out: Finding[] | undefined;
    for (const ins of withInner(outer)) {
      if (ins.keyword !== 'LABEL') continue;
      for (const kv of ins.keyValues) {
        const key = unquote(kv.key.value);
        if (key.includes('$')) continue;
        const why = keyProblem(key);
        if (why) (out ??= []).push(finding(kv.key, `Label key '${key}': ${why}`));
      }
    }
    return out ?? NO_FINDINGS;
  },
});

const VALID: Record<Exclude<LabelType, 'text'>, { code: string; ok: (v: string) => boolean; what: string }> = {
  url: { code: 'DL3052', ok: (v) => /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^\s/?#]+[^\s]*$/.test(v), what: 'a URL' },
  rfc3339: { code: 'DL3053', ok: (v) => /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/.test(v), what: 'an RFC 3339 time' },
  spdx: { code: 'DL3054', ok: (v) => /^[A-Za-z0-9.+-]+(?:\s+(?:AND|OR|WITH)\s+[A-Za-z0-9.+-]+)*$/.test(v.replace(/[()]/g, ' ').trim()), what: 'an SPDX license expression' },
  hash: { code: 'DL3055', ok: (v) => /^[0-9a-f]{40}$|^[0-9a-f]{7}$/.test(v), what: 'a git hash (7 or 40 hex digits)' },
  semver: { code: 'DL3056', ok: (v) => /^v?\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/.test(v), what: 'a semantic version' },
  email: { code: 'DL3058', ok: (v) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), what: 'an email address' },
};

export const labelSchema: Rule = {
  code: 'LabelSchema',
  defaultSeverity: 'warning',
  url: hadolintWiki('DL3049'),
  description: "LABELs against the label-schema of the team's .hadolint.yaml: missing, outside the schema (strict-labels), empty, or not the kind of value the schema names",
  hadolint: ['DL3049', 'DL3050', 'DL3051', 'DL3052', 'DL3053', 'DL3054', 'DL3055', 'DL3056', 'DL3058'],
  check({ model, hadolint }) {
    const schema = hadolint?.labelSchema ?? {};
    const names = Object.keys(schema);
    if (names.length === 0) return NO_FINDINGS;
    let out: Finding[] | undefined;
    // Labels carry over to stages built FROM a stage that set them (hadolint tracks them by alias too).
    const labelled = new Map<number, Set<string>>();
    // A stage only copied from (COPY --from) is not an image anyone runs: hadolint keeps quiet on it.
    const copiedFrom = new Set<number>();
    for (const ins of model.ast.instructions) {
      const from = ins.keyword === 'COPY' ? ins.flags.find((f) => f.name.toLowerCase() === 'from')?.value : undefined;
      const stage = from === undefined ? undefined : /^\d+$/.test(from) ? model.stages[Number(from)] : model.stageByName(from);
      if (stage) copiedFrom.add(stage.index);
    }
    for (const stage of model.stages) {
      const here = new Set<string>(stage.baseStage !== undefined ? labelled.get(stage.baseStage) ?? [] : []);
      for (const ins of stage.instructions) {
        if (ins.keyword !== 'LABEL') continue;
        for (const kv of ins.keyValues) {
          const key = unquote(kv.key.value);
          here.add(key);
          const type = schema[key];
          if (type === undefined) {
            if (hadolint?.strictLabels) (out ??= []).push({ ...finding(kv.key, `Label '${key}' is not in the label-schema (strict-labels)`), severity: 'info' });
            continue;
          }
          (out ??= []).push(...valueProblems(kv, key, type));
        }
      }
      labelled.set(stage.index, here);
      const missing = names.filter((n) => !here.has(n));
      if (missing.length > 0 && !copiedFrom.has(stage.index)) {
        (out ??= []).push({ ...finding(stage.from.keywordSpan, `Label${missing.length > 1 ? 's' : ''} ${missing.map((m) => `'${m}'`).join(', ')} missing (label-schema)`), severity: 'info' });
      }
    }
    return out ?? NO_FINDINGS;
  },
};

function valueProblems(kv: KeyValue, key: string, type: LabelType): Finding[] {
  const value = kv.value ? unquote(kv.value.value) : '';
  const at = kv.value ?? kv.key;
  if (value === '') return [finding(at, `Label '${key}' is empty`)];
  if (type === 'text' || value.includes('$')) return [];
  const check = VALID[type];
  return check.ok(value) ? [] : [finding(at, `Label '${key}' should be ${check.what} (label-schema: ${type}), not '${value}'`)];
}
