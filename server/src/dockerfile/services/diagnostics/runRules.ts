// Runs the table's rules by scope: instruction rules once per top-level instruction, stage rules
// once per stage, file rules over the whole model. With a cache, units an edit did not touch give
// back their kept findings instead of running the rules again.
import type { Span } from '../../parser/ast';
import type { DockerfileModel } from '../../parser/model';
import type { Finding, RuleContext } from './rule';
import { RULES } from './table';
import { insideUnit, moveFinding, type CacheRound, type KeptResults, type RuleResultCache } from './ruleCache';

export interface RunOptions {
  cache?: RuleResultCache;
  onRuleError?: (code: string, error: unknown) => void;
}

const hostIds = new WeakMap<object, number>();
let nextHostId = 1;

/** What every kept result depends on besides the text: a change of any of these drops the cache. */
function environmentKey(model: DockerfileModel, ctx: RuleContext, active: readonly boolean[]): string {
  let host = hostIds.get(ctx.host);
  if (host === undefined) hostIds.set(ctx.host, (host = nextHostId++));
  const directives = model.ast.directives.map((d) => `${d.name}=${d.value}`);
  const fileContext = RULES.map((r, i) => (active[i] && r.fileContext ? r.fileContext(model) : ''));
  return JSON.stringify([host, ctx.filePath ?? '', ctx.buildArgs ?? {}, ctx.hadolint ?? null, model.ast.escapeChar, directives, active.map((a) => (a ? 1 : 0)).join(''), fileContext]);
}

/** Findings per rule (index in RULES), in file order within each unit. */
export function runRules(ctx: RuleContext, active: readonly boolean[], options: RunOptions): Finding[][] {
  // The context's model: the one whose stages follow `FROM ${ARG}` to the stage a build argument names.
  const model = ctx.model;
  const out: Finding[][] = RULES.map(() => []);
  const failed = new Set<number>();
  const sums = new Set(RULES.flatMap((r, i) => (active[i] && r.carried) || []));
  const round: CacheRound | undefined = options.cache?.begin(model, () => environmentKey(model, ctx, active), [...sums]);
  const byScope = (scope: string) => RULES.map((r, i) => i).filter((i) => active[i] && (RULES[i].scope ?? 'file') === scope);
  const instructionRules = byScope('instruction');
  const stageRules = byScope('stage');

  /** Runs `rules` on one unit; the result is kept only when every finding lies inside the unit. */
  const compute = (rules: number[], unit: Span, line: number, run: (rule: number) => Finding[]): { kept: KeptResults; keepable: boolean } => {
    const kept: KeptResults = { byRule: new Map(), line, lineSensitive: false };
    let keepable = true;
    for (const r of rules) {
      let found: Finding[];
      try {
        found = run(r);
      } catch (error) {
        if (!failed.has(r)) options.onRuleError?.(RULES[r].code, error); // a broken rule must not take the others down
        failed.add(r);
        keepable = false;
        continue;
      }
      if (found.length === 0) continue;
      if (!found.every((f) => insideUnit(f, unit))) keepable = false;
      kept.byRule.set(r, found.map((f) => moveFinding(f, -unit.start)));
      if (RULES[r].mentionsLines) kept.lineSensitive = true;
    }
    return { kept, keepable };
  };
  const collect = (kept: KeptResults, at: number) => {
    for (const [r, list] of kept.byRule) for (const f of list) out[r].push(moveFinding(f, at));
  };

  if (instructionRules.length > 0) {
    const list = model.ast.instructions;
    for (let i = 0; i < list.length; i++) {
      const ins = list[i];
      let kept = round?.instruction(i);
      if (!kept) {
        const made = compute(instructionRules, ins, ins.startLine, (r) => RULES[r].checkInstruction!(ins, ctx));
        kept = made.kept;
        if (round && made.keepable) round.instructions[i] = kept;
      } else if (round) round.instructions[i] = kept;
      collect(kept, ins.start);
    }
  }
  if (stageRules.length > 0) {
    for (const stage of model.stages) {
      let kept = round?.stage(stage.index);
      const unit = { start: stage.from.start, end: stage.span.end };
      if (!kept) {
        const made = compute(stageRules, unit, stage.from.startLine, (r) => RULES[r].checkStage!(stage, ctx));
        kept = made.kept;
        if (round && made.keepable) round.stages[stage.index] = kept;
      } else if (round) round.stages[stage.index] = kept;
      collect(kept, unit.start);
    }
  }
  RULES.forEach((rule, r) => {
    if (!active[r] || (rule.scope ?? 'file') !== 'file') return;
    try {
      out[r] = rule.check(ctx);
    } catch (error) {
      options.onRuleError?.(rule.code, error);
      failed.add(r);
    }
  });
  for (const r of failed) out[r] = [];
  return out;
}
