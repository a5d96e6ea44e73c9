// Runs the table's rules by scope: instruction rules once per top-level instruction, stage rules
// once per stage, file rules over the whole model, and passes each finding through the engine's
// report (settings, `# check=`, ignore comments). With a cache, units an edit did not touch give
// back their kept reports instead of running the rules again; each unit's results stay at the
// offsets they were made at (findingGroups.ts puts them in place).
import type { Instruction, Span } from '../../parser/ast';
import type { DockerfileModel, Stage } from '../../parser/model';
import type { FileSum } from '../../parser/fileSum';
import type { Finding, ReportedFinding, RuleContext } from './rule';
import { RULES } from './table';
import { insideUnit, moveFinding, type CacheRound, type KeptResults, type Results, type RuleResultCache } from './ruleCache';

export interface RunOptions {
  cache?: RuleResultCache;
  onRuleError?: (code: string, error: unknown) => void;
}

/** How the engine turns a rule's finding into what is shown (undefined: not shown). */
export interface Reporter {
  /**
   * What every decision depends on besides the text of the finding's unit and the comments above
   * its instructions (settings, global ignores, locale...): kept reports hold while it is the same.
   */
  key(): string;
  /** File-wide totals the key reads (carried from the previous version before it is read). */
  carried: readonly FileSum<any>[];
  report(rule: number, f: Finding): ReportedFinding | undefined;
  /**
   * Instruction rules run only on the instructions `enabledIn` names (an experimental rule that the
   * instruction's own `# check=` comment turns on): their findings anywhere else are not shown.
   */
  optIn?: ReadonlySet<number>;
  enabledIn?(rule: number, ins: Instruction): boolean;
}

const hostIds = new WeakMap<object, number>();
/** The reports of a unit that has none: one map shared by all of them, never written to. */
const NO_REPORTS: ReadonlyMap<number, ReportedFinding[]> = new Map();
let nextHostId = 1;
/**
 * The results of every unit that reports nothing and names no line: its start and line are never
 * read (nothing to move), so one frozen object serves them all.
 */
const NOTHING_KEPT: KeptResults = Object.freeze({ byRule: NO_REPORTS, start: 0, line: 0 });

function allInsideUnit(found: readonly Finding[], span: Span): boolean {
  for (const f of found) if (!insideUnit(f, span)) return false;
  return true;
}

/**
 * What every kept result depends on besides the text: a change of any of these drops the cache. In
 * parts, so that a long one carried from the previous version (the shipping stages, the file style) is not copied.
 */
function environmentKey(model: DockerfileModel, ctx: RuleContext, active: readonly boolean[], reporter: Reporter): string[] {
  let host = hostIds.get(ctx.host);
  if (host === undefined) hostIds.set(ctx.host, (host = nextHostId++));
  const directives = model.ast.directives.map((d) => `${d.name}=${d.value}`);
  const fileContext = RULES.map((r, i) => (active[i] && r.fileContext ? r.fileContext(model) : ''));
  const settings = JSON.stringify([host, ctx.filePath ?? '', ctx.buildArgs ?? {}, ctx.hadolint ?? null, model.ast.escapeChar, directives, active.map((a) => (a ? 1 : 0)).join('')]);
  return [settings, reporter.key(), ...fileContext];
}

/** What the rules found in one version: per unit, its kept or new results; the file rules' reports. */
export interface RuleRun {
  /** Per top-level instruction (undefined: no instruction rule is on). */
  instructions: Results[];
  /** Per stage (undefined: no stage rule is on). */
  stages: Results[];
  /** Instructions whose results were made or moved to other lines this round (in order). */
  freshInstructions: number[];
  /** Stages whose results were made or moved to other lines this round. */
  freshStages: Set<number>;
  /** Reports of the file rules, by rule. */
  file: Map<number, ReportedFinding[]>;
  /** Rules that threw this round: none of their findings is shown, kept ones included. */
  failed: Set<number>;
  /** A report starts outside its unit (results reaching outside their unit are not kept). */
  strayed: boolean;
  round?: CacheRound;
  /** Kept results of a unit now at `start` on `line`, with the findings that name lines moved and reported again (when the line changed). */
  relocate(kept: KeptResults, start: number, line: number): KeptResults;
}

/** Runs the active rules by scope, re-using kept results where the round has them. */
export function runRules(ctx: RuleContext, active: readonly boolean[], options: RunOptions, reporter: Reporter): RuleRun {
  // The context's model: the one whose stages follow `FROM ${ARG}` to the stage a build argument names.
  const model = ctx.model;
  const failed = new Set<number>();
  let strayed = false;
  const sums = new Set([...reporter.carried, ...RULES.flatMap((r, i) => (active[i] && r.carried) || [])]);
  const round: CacheRound | undefined = options.cache?.begin(model, () => environmentKey(model, ctx, active, reporter), [...sums], ctx.buildArgs);
  const byScope = (scope: string) => RULES.map((r, i) => i).filter((i) => active[i] && (RULES[i].scope ?? 'file') === scope);

  /** A rule's findings, or none when it throws (a broken rule must not take the others down). */
  const attempt = (r: number, run: () => Finding[]): Finding[] | undefined => {
    try {
      return run();
    } catch (error) {
      if (!failed.has(r)) options.onRuleError?.(RULES[r].code, error);
      failed.add(r);
      return undefined;
    }
  };
  const reported = (r: number, found: readonly Finding[]): ReportedFinding[] => {
    const list: ReportedFinding[] = [];
    for (const f of found) {
      const shown = reporter.report(r, f);
      if (shown) list.push(shown);
    }
    return list;
  };

  /** Runs `rules` on the unit at `span`: its results, kept only when every finding lies inside the unit. */
  const compute = (rules: readonly number[], span: Span, line: number, ins: Instruction | undefined, stage: Stage | undefined): KeptResults => {
    let byRule: Map<number, ReportedFinding[]> | undefined;
    let lineFindings: Map<number, Finding[]> | undefined;
    let keepable = true;
    for (let k = 0; k < rules.length; k++) {
      const r = rules[k];
      // As `attempt`, without a closure per rule and unit (tens of thousands of calls on an open).
      let found: Finding[] | undefined;
      try {
        found = ins ? RULES[r].checkInstruction!(ins, ctx) : RULES[r].checkStage!(stage!, ctx);
      } catch (error) {
        if (!failed.has(r)) options.onRuleError?.(RULES[r].code, error);
        failed.add(r);
      }
      if (!found) keepable = false;
      if (!found || found.length === 0) continue;
      if (!allInsideUnit(found, span)) {
        keepable = false;
        // A report starting outside its unit may be in another stage's group (findingGroups.ts).
        if (found.some((f) => f.span.start < span.start || f.span.start > span.end)) strayed = true;
      }
      const shown = reported(r, found);
      if (shown.length > 0) (byRule ??= new Map()).set(r, shown);
      if (RULES[r].moveLines) (lineFindings ??= new Map()).set(r, found);
    }
    // A unit with nothing to report or move (almost all of them): the one shared result.
    if (!byRule && !lineFindings && keepable) return NOTHING_KEPT;
    const kept: KeptResults = { byRule: byRule ?? NO_REPORTS, start: span.start, line };
    if (lineFindings) kept.lineFindings = lineFindings;
    if (!keepable) kept.transient = true;
    return kept;
  };

  /**
   * Kept results whose unit moved to other lines, when some of them name lines: every report moved
   * to the unit's new place, and the line-naming findings moved by their rule and reported again.
   */
  const relocate = (kept: KeptResults, start: number, line: number): KeptResults => {
    if (!kept.lineFindings || line === kept.line) return kept;
    const by = start - kept.start;
    const lines = line - kept.line;
    const byRule = new Map<number, ReportedFinding[]>();
    const moved: KeptResults = { byRule, start, line, lineFindings: new Map() };
    for (const [r, list] of kept.byRule) if (!RULES[r].moveLines) byRule.set(r, list.map((f) => moveFinding(f, by)));
    for (const [r, list] of kept.lineFindings!) {
      const found = list.map((f) => RULES[r].moveLines!(moveFinding(f, by), lines));
      moved.lineFindings!.set(r, found);
      const shown = reported(r, found);
      if (shown.length > 0) byRule.set(r, shown);
    }
    return moved;
  };

  /**
   * The units at `visit` of one scope: kept results where `keptAt` has them, else the rules run. The
   * results go to `results`. Kept results whose unit moved to other lines stay as they were made
   * (placed and, when they name lines, moved when their group is made: findingGroups.ts).
   */
  const runScope = (rules: readonly number[], visit: Iterable<number>, results: Results[], keptAt: (i: number) => Results, run: (i: number) => KeptResults, fresh: (i: number) => void): void => {
    if (rules.length === 0) return;
    const one = (i: number) => {
      const kept = keptAt(i);
      if (kept) results[i] = kept;
      else {
        fresh(i);
        results[i] = run(i);
      }
    };
    // An array (every instruction on an open) by index: no iterator result per unit.
    if (Array.isArray(visit)) for (let k = 0; k < visit.length; k++) one(visit[k]);
    else for (const i of visit) one(i);
  };

  // Read by index: after an edit only the instructions visited are made in this version's offsets.
  const instructions = model.ast.instructionList;
  const instructionRules = byScope('instruction');
  const optIn = reporter.optIn ?? new Set<number>();
  /**
   * The instruction rules for one keyword (an ONBUILD's: its own and its wrapped instruction's),
   * made on first use: `all` with the opt-in ones, `everywhere` without them.
   */
  const byKeyword = new Map<string, { all: number[]; everywhere: number[] }>();
  const rulesOfKeyword = (ins: Instruction) => {
    const inner = ins.inner?.keyword;
    const key = inner === undefined ? ins.keyword : `${ins.keyword} ${inner}`;
    let found = byKeyword.get(key);
    if (!found) {
      const all = instructionRules.filter((r) => {
        const keywords = RULES[r].keywords;
        return keywords === undefined || keywords.includes(ins.keyword) || (inner !== undefined && keywords.includes(inner));
      });
      byKeyword.set(key, (found = { all, everywhere: all.filter((r) => !optIn.has(r)) }));
    }
    return found;
  };
  /** The instruction rules that run on `ins`: those for its keyword, the opt-in ones only where it turns them on (a comment above it). */
  const rulesFor = (ins: Instruction): readonly number[] => {
    const rules = rulesOfKeyword(ins);
    if (optIn.size === 0 || ins.prevComments.length === 0 || rules.all.length === rules.everywhere.length) return rules.everywhere;
    return rules.all.filter((r) => !optIn.has(r) || reporter.enabledIn!(r, ins));
  };
  const instructionResults: Results[] = round?.instructions ?? new Array(instructions.length);
  const freshInstructions: number[] = [];
  runScope(
    instructionRules,
    round?.visit ?? Array.from({ length: instructions.length }, (_, i) => i),
    instructionResults,
    (i) => (instructionResults[i]?.transient ? undefined : instructionResults[i]),
    (i) => {
      const ins = instructions.at(i);
      return compute(rulesFor(ins), ins, ins.startLine, ins, undefined);
    },
    (i) => freshInstructions.push(i),
  );
  if (round) round.revisit = round.visit.filter((i) => instructionResults[i]?.transient);
  const stages = model.stages;
  const stageRules = byScope('stage');
  const stageResults: Results[] = round?.stages ?? new Array(stages.length);
  const freshStages = new Set<number>();
  const stageVisit = round?.stageVisit ?? stages.keys();
  let ran = 0;
  runScope(
    stageRules,
    stageVisit,
    stageResults,
    (i) => round?.stage(i),
    (i) => {
      ran++;
      const stage = stages[i];
      return compute(stageRules, { start: stage.from.start, end: stage.span.end }, stage.from.startLine, undefined, stage);
    },
    (i) => freshStages.add(i),
  );
  if (round) {
    if (stageRules.length > 0) round.reused.stages = stages.length - ran;
    round.stageRevisit = (round.stageVisit ?? [...stages.keys()]).filter((i) => stageResults[i]?.transient);
  }
  const file = new Map<number, ReportedFinding[]>();
  for (const r of byScope('file')) file.set(r, reported(r, attempt(r, () => RULES[r].check(ctx)) ?? []));
  return { instructions: instructionResults, stages: stageResults, freshInstructions, freshStages, file, failed, strayed, round, relocate };
}
