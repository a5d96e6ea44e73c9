// Rule results kept between versions of one document, so that an edit re-runs only what it can
// have changed. Instruction rules are kept per top-level instruction, stage rules per stage; a
// kept result is re-used when its unit is unchanged (parser/alignment.ts: the same objects or parse
// data moved by the edit, else equal text; the same comment lines and text above), and for a stage
// also the same stages it builds on and the same global ARGs.
// What is kept is the engine's report of each finding (shown or not, severity, message), with the
// offsets of the version that made it: nothing is moved when the unit moves (findingGroups.ts places
// a stage's findings where its FROM is now). Findings that name line numbers are moved and reported
// again when their unit moves to other lines (Rule.moveLines). The engine's ordered findings of
// each stage are kept too (findingGroups.ts).
import type { DockerfileAst, Instruction, Span } from '../../parser/ast';
import { alignInstructions, type Alignment } from '../../parser/alignment';
import { carryFileSum, type FileSum } from '../../parser/fileSum';
import type { DockerfileModel } from '../../parser/model';
import type { Finding, Fix, ReportedFinding } from './rule';
import type { FindingGroup } from './findingGroups';

/** One unit's reports, per rule (the rule's index in the table), where the unit was when they were made. */
export interface KeptResults {
  byRule: Map<number, ReportedFinding[]>;
  /** Where the unit started then: a report moves by how far the unit moved since. */
  start: number;
  /** The unit's first line when computed (for rules whose messages name lines). */
  line: number;
  /** The findings of rules whose messages name lines (`Rule.moveLines`), before the engine's report: moved and reported again when the unit's line changes. */
  lineFindings?: Map<number, Finding[]>;
}

interface Version {
  ast: DockerfileAst;
  model: DockerfileModel;
  /** What every result depends on besides the text (build arguments, directives, enabled rules...). */
  env: string;
  instructions: (KeptResults | undefined)[];
  stages: (KeptResults | undefined)[];
  /** The engine's findings per stage, made from the results above (findingGroups.ts). */
  groups: (FindingGroup | undefined)[];
}

export class RuleResultCache {
  private last: Version | undefined;
  /** How much the last run re-used (for tests and the edit benchmark). */
  lastRound: CacheRound | undefined;

  /**
   * The results of the previous version that can serve `model` (nothing after a change of the
   * environment). The file-wide totals in `sums` are carried from the previous version first, so
   * that `environment` (which reads them) does not count the whole file again.
   */
  begin(model: DockerfileModel, environment: () => string, sums: readonly FileSum<unknown>[] = []): CacheRound {
    const last = this.last;
    const align = last ? alignInstructions(last.ast, model.ast) : undefined;
    if (last && align) for (const sum of sums) carryFileSum(sum, last.model, model, align);
    const env = environment();
    const previous = last && last.env === env ? last : undefined;
    const round = new CacheRound(model, previous, previous && align);
    this.last = { ast: model.ast, model, env, instructions: round.instructions, stages: round.stages, groups: round.groups };
    this.lastRound = round;
    return round;
  }

  clear(): void {
    this.last = undefined;
  }
}

export class CacheRound {
  /** Units whose kept results were re-used. */
  readonly reused = { instructions: 0, stages: 0, groups: 0 };
  /** What this version keeps for the next one (filled by the engine). */
  readonly instructions: (KeptResults | undefined)[];
  readonly stages: (KeptResults | undefined)[];
  readonly groups: (FindingGroup | undefined)[];

  constructor(
    private readonly model: DockerfileModel,
    private readonly previous: Version | undefined,
    private readonly align: Alignment | undefined,
  ) {
    this.instructions = new Array(model.ast.instructions.length);
    this.stages = new Array(model.stages.length);
    this.groups = new Array(model.stages.length);
    if (previous && this.align) this.matchStages(previous, this.align);
  }

  /** Kept results for top-level instruction `i` of the new version, where they were made. */
  instruction(i: number): KeptResults | undefined {
    const a = this.align;
    if (!a || !this.previous) return undefined;
    let kept: KeptResults | undefined;
    const n = this.model.ast.instructions.length;
    if (i < a.prefix) kept = this.previous.instructions[i];
    else if (i >= n - a.suffix) kept = this.previous.instructions[i - a.indexShift];
    if (kept) this.reused.instructions++;
    return kept;
  }

  /** Kept results for stage `index` when the stage, its base chain and the global ARGs are unchanged. */
  stage(index: number): KeptResults | undefined {
    const old = this.oldStage[index];
    if (old === undefined || old < 0 || !this.previous) return undefined;
    const kept = this.previous.stages[old];
    if (kept) this.reused.stages++;
    return kept;
  }

  /** The previous version's findings of stage `index`, when the stage is unchanged (its results may still have been made again). */
  group(index: number): FindingGroup | undefined {
    const old = this.oldStage[index];
    if (old === undefined || old < 0 || !this.previous) return undefined;
    return this.previous.groups[old];
  }

/** Per new stage: the index of the same stage in the previous version, or -1 when it changed. */
  private readonly oldStage: number[] = [];

  private matchStages(previous: Version, a: Alignment): void {
    const now = this.model;
    const before = previous.model;
    const list = now.ast.instructions;
    // Global ARGs (before the first FROM) feed every FROM line: all of them must be kept.
    const firstFrom = now.stages.length > 0 ? indexOf(list, now.stages[0].from, 0) : -1;
    const oldFirstFrom = before.stages.length > 0 ? indexOf(before.ast.instructions, before.stages[0].from, 0) : -1;
    if (firstFrom < 0 || firstFrom !== oldFirstFrom || a.prefix < firstFrom) return;
    const suffixStart = list.length - a.suffix;
    const stageShift = now.stages.length - before.stages.length;
    let from = firstFrom;
    for (const stage of now.stages) {
      from = indexOf(list, stage.from, from);
      const last = from + stage.instructions.length;
      // The whole stage, FROM to last instruction, on one side of the change.
      // Stage rules may name the stage's number, so a stage that moved to another number runs again
      // (only an added or removed FROM does that).
      const oldIndex = last < a.prefix || (from >= suffixStart && stageShift === 0) ? stage.index : -1;
      const old = oldIndex >= 0 ? before.stages[oldIndex] : undefined;
      let ok = old !== undefined && old.instructions.length === stage.instructions.length;
      if (ok && old) {
        const base = stage.baseStage;
        ok = base === undefined ? old.baseStage === undefined : base < stage.index && this.oldStage[base] >= 0 && this.oldStage[base] === old.baseStage;
      }
      this.oldStage[stage.index] = ok ? oldIndex : -1;
    }
  }
}

/** Where `ins` is in `list`, searching forward from `from` (instructions are visited in order). */
function indexOf(list: readonly Instruction[], ins: Instruction, from: number): number {
  for (let i = from; i < list.length; i++) if (list[i] === ins) return i;
  return list.indexOf(ins);
}

/** Whether every offset a finding carries lies inside the unit (only then can it move with it). */
export function insideUnit(f: Finding, unit: Span): boolean {
  const inside = (s: Span) => s.start >= unit.start && s.end <= unit.end;
  if (!inside(f.span)) return false;
  if (f.checkAt !== undefined && (f.checkAt < unit.start || f.checkAt > unit.end)) return false;
  return !f.fixes || f.fixes.every((x) => x.edits.every(inside));
}

/** The finding with every offset moved by `by`. */
export function moveFinding<T extends Finding>(f: T, by: number): T {
  if (by === 0) return f;
  const moved: T = { ...f, span: { start: f.span.start + by, end: f.span.end + by } };
  if (f.checkAt !== undefined) moved.checkAt = f.checkAt + by;
  if (f.fixes) moved.fixes = f.fixes.map((x): Fix => ({ ...x, edits: x.edits.map((e) => ({ ...e, start: e.start + by, end: e.end + by })) }));
  return moved;
}
