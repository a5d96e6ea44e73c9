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
import { carryStageNamesKey } from './rules/helpers';

/** One unit's reports, per rule (the rule's index in the table), where the unit was when they were made. */
export interface KeptResults {
  /** Never changed once made: units without reports share one empty map (most instructions of a large file). */
  byRule: ReadonlyMap<number, ReportedFinding[]>;
  /** Where the unit started then: a report moves by how far the unit moved since. */
  start: number;
  /** The unit's first line when computed (for rules whose messages name lines). */
  line: number;
  /** The findings of rules whose messages name lines (`Rule.moveLines`), before the engine's report: moved and reported again when the unit's line changes. */
  lineFindings?: Map<number, Finding[]>;
  /** Some finding reaches outside the unit: used in its own version only, made again in the next. */
  transient?: true;
}

/** Results of one unit, or none (no rule of its scope is on). */
export type Results = KeptResults | undefined;

interface Version {
  ast: DockerfileAst;
  model: DockerfileModel;
  /** What every result depends on besides the text (build arguments, directives, enabled rules...). */
  env: string;
  instructions: Results[];
  stages: Results[];
  /** The engine's findings per stage, made from the results above (findingGroups.ts). */
  groups: (FindingGroup | undefined)[];
  /** Instructions whose results the next version looks at again: transient, or naming lines. */
  revisit: number[];
}

export class RuleResultCache {
  private last: CacheRound | undefined;
  /** How much the last run re-used (for tests and the edit benchmark). */
  lastRound: CacheRound | undefined;

  /**
   * The results of the previous version that can serve `model` (nothing after a change of the
   * environment). The file-wide totals in `sums` are carried from the previous version first, so
   * that `environment` (which reads them) does not count the whole file again.
   */
  begin(model: DockerfileModel, environment: () => string, sums: readonly FileSum<unknown>[] = []): CacheRound {
    const last = this.last;
    // The last round needs no older version any more (nothing older is kept alive through it).
    last?.release();
    const align = last ? alignInstructions(last.ast, model.ast) : undefined;
    if (last && align) {
      for (const sum of sums) carryFileSum(sum, last.model, model, align);
      carryStageNamesKey(last.model, model, align);
    }
    const env = environment();
    const previous = last && last.env === env ? last : undefined;
    const round = new CacheRound(model, env, previous, previous && align);
    this.last = round;
    this.lastRound = round;
    return round;
  }

  clear(): void {
    this.last = undefined;
  }
}

/** One version's rule results: what it carries from the previous version, then what the engine adds. */
export class CacheRound implements Version {
  /** Units whose kept results were re-used (instructions: those aligned with the previous version's). */
  readonly reused = { instructions: 0, stages: 0, groups: 0 };
  readonly ast: DockerfileAst;
  /** Per top-level instruction: the previous version's results where the instruction is aligned with one; the engine fills the rest. */
  readonly instructions: Results[];
  /** Instructions the engine must run the rules on or look at again (the others hold kept results). */
  readonly visit: number[];
  revisit: number[] = [];
  readonly stages: Results[];
  readonly groups: (FindingGroup | undefined)[];

  constructor(
    readonly model: DockerfileModel,
    readonly env: string,
    private previous: Version | undefined,
    align: Alignment | undefined,
  ) {
    this.ast = model.ast;
    const n = model.ast.instructions.length;
    this.stages = new Array(model.stages.length);
    this.groups = new Array(model.stages.length);
    if (previous && align) {
      // The aligned runs at both ends keep their results; the window between them is run again.
      const { prefix, suffix, indexShift } = align;
      const old = previous.instructions;
      // The previous version's list, spliced in place: a copy of a list this long costs more than the rest of an edit.
      const window = n - prefix - suffix;
      if (window <= 4096) {
        old.splice(prefix, old.length - prefix - suffix, ...new Array<Results>(window).fill(undefined));
        this.instructions = old;
      } else {
        this.instructions = old.slice(0, prefix);
        for (let i = prefix; i < n - suffix; i++) this.instructions.push(undefined);
        for (let i = old.length - suffix; i < old.length; i++) this.instructions.push(old[i]);
      }
      this.visit = range(prefix, n - suffix);
      for (const i of previous.revisit) {
        if (i < prefix) this.visit.push(i);
        else if (i >= n - suffix - indexShift) this.visit.push(i + indexShift);
      }
      this.reused.instructions = prefix + suffix;
      this.linesMoved = model.lines.lineCount !== previous.model.lines.lineCount;
      this.instructionsBelow = n - suffix;
      this.matchStages(previous, align);
    } else {
      this.instructions = new Array(n);
      this.visit = range(0, n);
    }
  }

  release(): void {
    this.previous = undefined;
  }

  /** Kept results for stage `index` when the stage, its base chain and the global ARGs are unchanged. */
  stage(index: number): KeptResults | undefined {
    const old = this.oldStage[index];
    if (old === undefined || old < 0 || !this.previous) return undefined;
    const kept = this.previous.stages[old];
    if (!kept || kept.transient) return undefined;
    this.reused.stages++;
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
      if (ok && from >= suffixStart) this.belowEdit.add(stage.index);
    }
  }

  /** Stages kept from below the edit (those that move to other lines when the edit adds or removes lines). */
  private readonly belowEdit = new Set<number>();
  private linesMoved = false;
  private instructionsBelow = Infinity;

  /** Whether the kept results of instruction `i` may be on other lines than when they were made. */
  instructionMayHaveMoved(i: number): boolean {
    return this.linesMoved && i >= this.instructionsBelow;
  }

  /** Whether the kept results of stage `index` may be on other lines than when they were made. */
  stageMayHaveMoved(index: number): boolean {
    return this.linesMoved && this.belowEdit.has(index);
  }
}

function range(from: number, to: number): number[] {
  const list: number[] = [];
  for (let i = from; i < to; i++) list.push(i);
  return list;
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
