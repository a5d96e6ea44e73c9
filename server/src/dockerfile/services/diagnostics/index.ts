// The diagnostics engine: runs every rule of the table over a parsed Dockerfile, applies the user's
// settings, the file's `# check=` directive and inline ignore comments, and turns fixes into code
// actions. Pure: no LSP connection, no file system (the host reads `.dockerignore`).
import { CodeActionKind } from 'vscode-languageserver-types';
import type { CodeAction, Diagnostic, Range, TextEdit as LspTextEdit } from 'vscode-languageserver-types';
import type { Instruction, Span } from '../../parser/ast';
import type { DockerfileModel } from '../../parser/model';
import { keepingReads } from '../../parser/instructionNode';
import type { Finding, Fix, ReportedFinding, Rule, RuleHost, RuleSeverity, TextEdit } from './rule';
import { RULES, RULES_BY_HADOLINT } from './table';
import { localCheckOptions, mergeCheckOptions, parseCheckDirective, pinnedFrontend, type CheckOptions } from './checkDirective';
import { commentBlockAbove } from './rules/helpers';
import { resolveStageBases } from './buildArgs';
import type { HadolintConfig } from './hadolintConfig';
import { currentLocale, t } from '../../../l10n';
import { localizeFinding } from '../../../l10n/patterns';
import { runRules } from './runRules';
import type { RuleResultCache } from './ruleCache';
import { assembleFindings, type Diagnosed } from './findingGroups';
import { toLspDiagnostic } from './lspDiagnostic';
import { FILE_IGNORES, fileIgnores as fileIgnoreCodes } from './fileIgnores';

export type { Finding, Fix, ReportedFinding, Rule, RuleSeverity, TextEdit } from './rule';
export { RULES, RULE_BY_CODE } from './table';
export { parseBuildArgList, readBuildArgs, type BuildArgs } from './buildArgs';
export { parseHadolintConfig, hadolintConfigCandidates, type HadolintConfig } from './hadolintConfig';
export { RuleResultCache } from './ruleCache';
export type { Diagnosed } from './findingGroups';
export { SOURCE, toLspDiagnostic } from './lspDiagnostic';

/** A rule's setting: `docklens.rules.<code>`. */
export type RuleSetting = RuleSeverity | 'off';

export interface DiagnosticsOptions {
  /** Absolute path of the Dockerfile (for `.dockerignore` beside it). */
  filePath?: string;
  host?: RuleHost;
  /** Per-rule overrides, keyed by rule code or hadolint code (the `docklens.rules` setting). */
  rules?: Record<string, RuleSetting | undefined>;
  /**
   * Build arguments (`--build-arg K=V`, the `docklens.buildArgs` setting, Compose `build.args`).
   * `BUILDKIT_DOCKERFILE_CHECK` replaces the file's `# check=` directive, as in BuildKit.
   */
  buildArgs?: Record<string, string>;
  /** A `.hadolint.yaml` found for the file: its ignored codes and overrides apply before `rules`. */
  hadolint?: HadolintConfig;
  /** Told when a rule throws (the rule's findings are dropped, the others still run). */
  onRuleError?: (code: string, error: unknown) => void;
  /**
   * The document's rule results from its previous version: rules re-run only on the instructions
   * and stages the edit changed (one cache per document; results equal a run without it).
   */
  cache?: RuleResultCache;
}


const NO_FILES: RuleHost = { readFile: () => undefined };
export const FIX_ALL_KIND = 'source.fixAll.docklens';

function isSetting(v: unknown): v is RuleSetting {
  return v === 'off' || v === 'hint' || v === 'info' || v === 'warning' || v === 'error';
}

/** Whether a rule's finding is shown, following BuildKit for its own checks and extending `skip=` to ours. */
function enabled(rule: Rule, experimental: boolean, check: CheckOptions, setting: RuleSetting | undefined): boolean {
  if (setting === 'off') return false;
  if (experimental) return check.experimentalAll || check.experimental.includes(rule.code) || setting !== undefined;
  if (check.skip.includes(rule.code)) return false;
  return !(rule.buildkit && check.skipAll);
}

/** BuildKit's rule: experimental, or experimental in the frontend the file pins with `# syntax=`. */
function isExperimental(rule: Rule, pin: [number, number] | undefined): boolean {
  if (rule.experimental) return true;
  const before = rule.experimentalBefore;
  return before !== undefined && pin !== undefined && (pin[0] < before[0] || (pin[0] === before[0] && pin[1] < before[1]));
}

const NO_CHECKS: CheckOptions = { skip: [], skipAll: false, experimental: [], experimentalAll: false, errorOnWarning: false };

/** The file-wide `# check=` configuration: the `BUILDKIT_DOCKERFILE_CHECK` build argument replaces the directive. */
export function fileCheckOptions(model: DockerfileModel, buildArgs: Readonly<Record<string, string>> = {}): CheckOptions {
  const fromArg = buildArgs.BUILDKIT_DOCKERFILE_CHECK;
  const directive = model.ast.directives.find((d) => d.name === 'check');
  const parsed = fromArg !== undefined ? parseCheckDirective(fromArg) : directive ? parseCheckDirective(directive.value) : undefined;
  return parsed && !parsed.error ? parsed : NO_CHECKS;
}

/** Codes silenced by the comment block directly above an instruction. */
/** The codes an instruction without comments above it ignores: none (one set for all of them, never written to). */
const NO_CODES: ReadonlySet<string> = new Set<string>();

function ignoredBy(comments: string[], hadolintPragmas: boolean): ReadonlySet<string> {
  if (comments.length === 0) return NO_CODES;
  const codes = new Set<string>();
  for (const c of comments) {
    let m = /^docklens-ignore(?:\s+|$)(.*)$/i.exec(c.trim());
    if (m) {
      const list = m[1].split(/[\s,]+/).filter(Boolean);
      for (const code of list.length ? list : ['all']) codes.add(code);
      continue;
    }
    m = /^hadolint\s+ignore=(\S+)/i.exec(c.trim());
    if (m && hadolintPragmas) for (const h of m[1].split(',')) for (const code of RULES_BY_HADOLINT.get(h.trim()) ?? [h.trim()]) codes.add(code);
  }
  return codes;
}

/** Every finding of the file, in file order (then table order). */
export function runDiagnostics(model: DockerfileModel, options: DiagnosticsOptions = {}): ReportedFinding[] {
  return diagnose(model, options).findings;
}

/**
 * The file's findings, and their LSP diagnostics on demand. With `options.cache`, what an edit did
 * not touch is taken from the previous version: findings, their order and their diagnostics.
 */
export function diagnose(model: DockerfileModel, options: DiagnosticsOptions = {}): Diagnosed {
  // The rules read each instruction's lists several times: the lists made are kept for the run.
  return keepingReads(() => diagnoseModel(model, options));
}

function diagnoseModel(model: DockerfileModel, options: DiagnosticsOptions): Diagnosed {
  const buildArgs = options.buildArgs ?? {};
  const check = fileCheckOptions(model, buildArgs);
  const pin = pinnedFrontend(model.ast.directives.find((d) => d.name === 'syntax')?.value);
  // `FROM ${BASE}` naming an earlier stage builds on it: the rules see the stage chain BuildKit builds.
  const hadolint = options.hadolint;
  const resolved = resolveStageBases(model, buildArgs, options.cache?.bases);
  if (options.cache) options.cache.bases = resolved.bases;
  const ctx = { model: resolved.model, filePath: options.filePath, host: options.host ?? NO_FILES, buildArgs, hadolint };
  // An instruction's own `# check=` comment adds skips and experiments for that instruction only.
  const localCache = new Map<Instruction, CheckOptions>();
  // A finding's `# check=` and its ignore comments are read at the same offset, and a unit's findings
  // mostly start at a few: the instruction there is looked up once per offset.
  const instructionAtOffset = new Map<number, Instruction | undefined>();
  const instructionAt = (offset: number): Instruction | undefined => {
    if (instructionAtOffset.has(offset)) return instructionAtOffset.get(offset);
    const ins = model.instructionAt(offset);
    instructionAtOffset.set(offset, ins);
    return ins;
  };
  const checkFor = (offset: number): CheckOptions => {
    const ins = instructionAt(offset);
    // Only a comment above the instruction can hold its own `# check=` (most instructions have none).
    if (!ins || ins.prevComments.length === 0) return check;
    let merged = localCache.get(ins);
    if (!merged) localCache.set(ins, (merged = mergeCheckOptions(check, localCheckOptions(ins.prevComments))));
    return merged;
  };
  const pragmas = !hadolint?.disableIgnorePragma;
  // Read after the rule cache carried the file's counts of ignore comments from the previous version.
  let ignoredInFile: Set<string> | undefined;
  const fileIgnores = () => (ignoredInFile ??= fileIgnoreCodes(ctx.model, pragmas));
  const ignoreCache = new Map<Instruction, ReadonlySet<string>>();
  const ignored = (code: string, span: Span): boolean => {
    if (fileIgnores().has(code)) return true;
    const ins = instructionAt(span.start);
    if (!ins) return false;
    let set = ignoreCache.get(ins);
    if (!set) ignoreCache.set(ins, (set = ignoredBy(commentBlockAbove(model, ins), pragmas)));
    return set.has(code) || set.has('all');
  };

  // Settings may name hadolint codes (`"DL3008": "off"`); a setting by our own code wins.
  // A .hadolint.yaml comes first (its codes are hadolint's or ours); the user's settings win over it.
  const configured: Record<string, RuleSetting> = {};
  for (const code of hadolint?.ignored ?? []) configured[code] = 'off';
  Object.assign(configured, hadolint?.override ?? {});
  const settings: Record<string, RuleSetting | undefined> = {};
  for (const layer of [configured, options.rules ?? {}]) {
    for (const [key, value] of Object.entries(layer)) for (const code of RULES_BY_HADOLINT.get(key) ?? []) settings[code] = value;
    Object.assign(settings, layer);
  }

  // Which rules run, then their findings: kept ones from `options.cache` where the text they read is unchanged.
  const active = RULES.map((rule) => {
    const raw = settings[rule.code];
    const setting = isSetting(raw) ? raw : undefined;
    if (setting === 'off') return undefined;
    const experimental = isExperimental(rule, pin);
    // A rule every check configuration turns off is not run at all (an instruction's own `# check=`
    // only adds skips); the others are filtered per finding.
    if (!experimental && !enabled(rule, experimental, check, setting)) return undefined;
    return { setting, experimental };
  });
  // Experimental instruction rules the file and the settings leave off run only on instructions
  // whose own `# check=` comment turns them on: elsewhere every finding of theirs would be dropped.
  const optIn = new Set<number>();
  RULES.forEach((rule, i) => {
    const a = active[i];
    if (a?.experimental && rule.scope === 'instruction' && !enabled(rule, true, check, a.setting)) optIn.add(i);
  });
  /** Whether a finding is shown and how: its unit's reports are kept with the rule results. */
  const report = (index: number, f: Finding): ReportedFinding | undefined => {
    const rule = RULES[index];
    const { setting, experimental } = active[index]!;
    const code = f.code ?? rule.code;
    const local = rule.fileWideOnly ? check : checkFor(f.checkAt ?? f.span.start);
    if (!enabled(rule, experimental, local, setting)) return undefined;
    if (ignored(code, f.span)) return undefined;
    let severity: RuleSeverity = setting ? setting : f.severity ?? rule.defaultSeverity;
    // `# check=error=true` makes any build check fail the build.
    if (rule.buildkit && check.errorOnWarning) severity = 'error';
    return localizeFinding(reportedOf(f, code, severity, rule.url));
  };
  // The directives, build arguments and .hadolint.yaml are in the rule results' own key.
  const key = () => JSON.stringify([settings, [...fileIgnores()].sort(), currentLocale()]);
  const enabledIn = (index: number, ins: Instruction): boolean => enabled(RULES[index], true, checkFor(ins.start), active[index]!.setting);
  return assembleFindings(model, runRules(ctx, active.map((a) => a !== undefined), options, { key, carried: [FILE_IGNORES], report, optIn, enabledIn }));
}

/**
 * A finding as reported: its own fields with code, severity and documentation link set. Made field
 * by field (a spread of findings of every shape was the slowest step of reporting).
 */
function reportedOf(f: Finding, code: string, severity: RuleSeverity, url: string): ReportedFinding {
  const shown: ReportedFinding = { span: f.span, message: f.message, code, severity, url };
  if ('fixes' in f) shown.fixes = f.fixes;
  if ('data' in f) shown.data = f.data;
  if ('checkAt' in f) shown.checkAt = f.checkAt;
  return shown;
}

export function toLspDiagnostics(model: DockerfileModel, findings: ReportedFinding[]): Diagnostic[] {
  return findings.map((f) => toLspDiagnostic(model, f));
}

function toLspEdits(model: DockerfileModel, edits: TextEdit[]): LspTextEdit[] {
  return edits.map((e) => ({ range: model.lines.rangeOf(e), newText: e.newText }));
}

const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;

/** The edits of several fixes that can be applied together: a fix overlapping an earlier one is left out whole. */
export function mergeFixes(fixes: Fix[]): TextEdit[] {
  const taken: TextEdit[] = [];
  for (const f of fixes) {
    if (f.edits.some((e) => taken.some((t) => overlaps(e, t) || (e.start === e.end && e.start > t.start && e.start < t.end)))) continue;
    taken.push(...f.edits);
  }
  return taken.sort((a, b) => a.start - b.start);
}

/** Applies non-overlapping edits to a text (used by fix-all, the CLI and tests). */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const sorted = edits.map((e, i) => ({ e, i })).sort((a, b) => b.e.start - a.e.start || b.i - a.i);
  let out = text;
  for (const { e } of sorted) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

/** The fix "fix all" uses for a finding: its preferred fix, when it has one. */
function safeFix(f: Finding): Fix | undefined {
  return f.fixes?.find((x) => x.preferred);
}

/** Every safe fix in the file at once (what source.fixAll.docklens applies). */
export function fixAllEdits(findings: ReportedFinding[]): TextEdit[] {
  return mergeFixes(findings.map(safeFix).filter((x): x is Fix => x !== undefined));
}

export interface CodeActionOptions {
  uri: string;
  /** `context.only` of the request: kinds the client asked for. */
  only?: string[];
}

function wants(only: string[] | undefined, kind: string): boolean {
  if (!only || only.length === 0) return !kind.startsWith('source');
  return only.some((o) => kind === o || kind.startsWith(o + '.'));
}

/**
 * Quick fixes for the findings touching `range`, "fix all of this kind" when the file has more than
 * one, and source.fixAll.docklens for the whole file.
 */
export function codeActions(model: DockerfileModel, range: Range, findings: ReportedFinding[], options: CodeActionOptions): CodeAction[] {
  const actions: CodeAction[] = [];
  const start = model.lines.offsetAt(range.start);
  const end = model.lines.offsetAt(range.end);
  const edit = (edits: TextEdit[]) => ({ changes: { [options.uri]: toLspEdits(model, edits) } });
  if (wants(options.only, CodeActionKind.QuickFix)) {
    const here = findings.filter((f) => f.fixes && f.fixes.length > 0 && f.span.start <= end && start <= f.span.end);
    const kindsDone = new Set<string>();
    for (const f of here) {
      const diagnostic = toLspDiagnostic(model, f);
      for (const fx of f.fixes!) {
        actions.push({ title: fx.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: fx.preferred === true, edit: edit(fx.edits) });
      }
      if (kindsDone.has(f.code)) continue;
      kindsDone.add(f.code);
      const sameKind = findings.filter((g) => g.code === f.code && safeFix(g));
      if (sameKind.length > 1) {
        actions.push({
          title: t('action.fixAllOfCode', { code: f.code, count: sameKind.length }),
          kind: CodeActionKind.QuickFix,
          diagnostics: sameKind.map((g) => toLspDiagnostic(model, g)),
          edit: edit(mergeFixes(sameKind.map((g) => safeFix(g)!))),
        });
      }
    }
  }
  if (wants(options.only, FIX_ALL_KIND)) {
    const edits = fixAllEdits(findings);
    if (edits.length > 0) actions.push({ title: t('action.fixAll'), kind: FIX_ALL_KIND, edit: edit(edits) });
  }
  return actions;
}
