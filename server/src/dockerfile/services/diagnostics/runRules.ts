// Runs the table's rules by scope: instruction rules once per top-level instruction, stage rules
// once per stage, file rules over the whole model, and passes each finding through the engine's
// report (settings, `# check=`, ignore comments). With a cache, units an edit did not touch give
// back their kept reports instead of running the rules again.
import type { Span } from '../../parser/ast';
import type { DockerfileModel } from '../../parser/model';
import type { Finding, ReportedFinding, RuleContext } from './rule';
import { RULES } from './table';
import { insideUnit, moveFinding, type CacheRound, type KeptResults, type RuleResultCache } from './ruleCache';

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
  key: string;
  report(rule: number, f: Finding): ReportedFinding | undefined;
}

const hostIds = new WeakMap<object, number>();
let nextHostId = 1;

/** What every kept result depends on besides the text: a change of any of these drops the cache. */
function environmentKey(model: DockerfileModel, ctx: RuleContext, active: readonly boolean[], reporter: Reporter): string {
  let host = hostIds.get(ctx.host);
  if (host === undefined) hostIds.set(ctx.host, (host = nextHostId++));
  const directives = model.ast.directives.map((d) => `${d.name}=${d.value}`);
  const fileContext = RULES.map((r, i) => (active[i] && r.fileContext ? r.fileContext(model) : ''));
  return JSON.stringify([host, ctx.filePath ?? '', ctx.buildArgs ?? {}, ctx.hadolint ?? null, model.ast.escapeChar, directives, active.map((a) => (a ? 1 : 0)).join(''), fileContext, reporter.key]);
}

/** A unit of kept results: one top-level instruction or one stage. */
interface Unit {
  span: Span;
  line: number;
  run(rule: number): Finding[];
}

/** Reports per rule (index in RULES), in file order within each unit. */
export function runRules(ctx: RuleContext, active: readonly boolean[], options: RunOptions, reporter: Reporter): ReportedFinding[][] {
  // The context's model: the one whose stages follow `FROM ${ARG}` to the stage a build argument names.
  const model = ctx.model;
  const out: ReportedFinding[][] = RULES.map(() => []);
  const failed = new Set<number>();
  const sums = new Set(RULES.flatMap((r, i) => (active[i] && r.carried) || []));
  const round: CacheRound | undefined = options.cache?.begin(model, () => environmentKey(model, ctx, active, reporter), [...sums]);
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

  /** Runs `rules` on one unit; the result is kept only when every finding lies inside the unit. */
  const compute = (rules: number[], unit: Unit): { kept: KeptResults; keepable: boolean } => {
    const kept: KeptResults = { byRule: new Map(), start: unit.span.start, line: unit.line, lineSensitive: false };
    let keepable = true;
    for (const r of rules) {
      const found = attempt(r, () => unit.run(r));
      if (!found) keepable = false;
      if (!found || found.length === 0) continue;
      if (!found.every((f) => insideUnit(f, unit.span))) keepable = false;
      const shown = reported(r, found);
      if (shown.length > 0) kept.byRule.set(r, shown);
      if (RULES[r].mentionsLines) kept.lineSensitive = true;
    }
    return { kept, keepable };
  };

  /**
   * Every unit of one scope: kept reports where the round has them, else the rules run. A unit
   * object is made only to run the rules; a kept one needs just its start (`startAt`).
   */
  const runScope = (rules: number[], count: number, startAt: (i: number) => number, unitAt: (i: number) => Unit, keptAt: (i: number) => KeptResults | undefined, keep: (KeptResults | undefined)[]) => {
    if (rules.length === 0) return;
    for (let i = 0; i < count; i++) {
      let kept = keptAt(i);
      if (!kept) {
        const made = compute(rules, unitAt(i));
        kept = made.kept;
        if (made.keepable) keep[i] = kept;
      } else keep[i] = kept;
      if (kept.byRule.size === 0) continue;
      // Kept reports are where their unit was: moved only when it moved.
      const by = startAt(i) - kept.start;
      for (const [r, list] of kept.byRule) for (const f of list) out[r].push(moveFinding(f, by));
    }
  };

  const instructions = model.ast.instructions;
  const instructionUnit = (i: number): Unit => {
    const ins = instructions[i];
    return { span: ins, line: ins.startLine, run: (r) => RULES[r].checkInstruction!(ins, ctx) };
  };
  runScope(byScope('instruction'), instructions.length, (i) => instructions[i].start, instructionUnit, (i) => round?.instruction(i), round?.instructions ?? []);
  const stageUnit = (i: number): Unit => {
    const stage = model.stages[i];
    return { span: { start: stage.from.start, end: stage.span.end }, line: stage.from.startLine, run: (r) => RULES[r].checkStage!(stage, ctx) };
  };
  runScope(byScope('stage'), model.stages.length, (i) => model.stages[i].from.start, stageUnit, (i) => round?.stage(i), round?.stages ?? []);
  for (const r of byScope('file')) out[r] = reported(r, attempt(r, () => RULES[r].check(ctx)) ?? []);
  for (const r of failed) out[r] = [];
  return out;
}
