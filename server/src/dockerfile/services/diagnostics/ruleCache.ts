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
import type { DockerfileAst, Span } from '../../parser/ast';
import { alignInstructions, type Alignment } from '../../parser/alignment';
import { carryFileSum, type FileSum } from '../../parser/fileSum';
import type { DockerfileModel } from '../../parser/model';
import type { Finding, Fix, ReportedFinding } from './rule';
import type { Diagnosed, FindingGroup } from './findingGroups';
import { carryShippingStages, carryStageNamesKey, shippingStages, stageNamesKey } from './rules/helpers';
import { changedNames, changedNamesMoved, fromBaseNames, StageNameRefs } from './stageNameRefs';
import { renumbered } from './stageReaders';
import { globalArgChange, StageArgRefs, type GlobalArgChange } from './stageArgRefs';
import { RULES } from './table';
import type { StageBases } from './buildArgs';
import { carryLineEndings } from '../mergeRun/fileStyle';

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
  /** What every result depends on besides the text (build arguments, directives, enabled rules...), in parts. */
  env: readonly string[];
  instructions: Results[];
  stages: Results[];
  /** The engine's findings per stage, made from the results above (findingGroups.ts). */
  groups: (FindingGroup | undefined)[];
  /** Instructions whose results the next version looks at again: transient, or naming lines. */
  revisit: number[];
  /** Stages whose results the next version looks at again: transient ones. */
  stageRevisit: number[];
  /** Groups whose findings name lines (in order): moved when an edit above them moves lines. */
  lineGroups: number[];
  /** Groups (stage index + 1) made this version but not kept in `groups`: the next version makes them again. */
  unkeptGroups: number[];
  /** The version's findings (their LSP diagnostics serve the next version's kept groups). */
  diagnosed?: Diagnosed;
  /** Per stage, the stages built FROM it (made when first asked for, and carried while no base changes). */
  dependants?: Map<number, number[]>;
  /** Which stages read which stage names (made at the first rename, then carried). */
  nameRefs?: StageNameRefs;
  /** Which stages read which global ARGs (made at the first edit of them, then carried). */
  argRefs?: StageArgRefs;
}

/**
 * Where an edit falls among the stages: stages [0, lo) lie wholly in the alignment's unchanged
 * prefix (the same index before), stages [hi, count) wholly in its unchanged suffix (index k - shift
 * before); the ones between hold an instruction the edit changed.
 */
export interface StageWindow {
  lo: number;
  hi: number;
  shift: number;
}

/**
 * The stage window of an edit, found by binary searches at each end of the changed instructions: a
 * stage reaching into them in either version (one may have none there) is in the window.
 */
export function stageWindow(before: DockerfileModel, model: DockerfileModel, a: Alignment): StageWindow {
  const list = model.ast.instructionList;
  const n = list.length;
  const count = model.stages.length;
  const firstChanged = (m: DockerfileModel) => {
    const all = m.ast.instructionList;
    return a.prefix >= all.length ? m.stages.length : (m.stageAt(all.at(a.prefix).start)?.index ?? 0);
  };
  const lo = Math.min(firstChanged(model), firstChanged(before));
  // The stages whose FROM lies in the unchanged suffix are the same in both versions.
  const below = n - a.suffix;
  let hi = count;
  if (below < n) {
    const stage = model.stageAt(list.at(below).start);
    hi = stage === undefined ? 0 : stage.fromIndex === below ? stage.index : stage.index + 1;
  }
  return { lo, hi: Math.max(lo, hi), shift: count - before.stages.length };
}

/**
 * The index of the first FROM when the instructions before it (the global ARGs) are unchanged,
 * else -1: they feed every FROM line.
 */
function globalArgsKept(before: DockerfileModel, now: DockerfileModel, a: Alignment): number {
  const firstFrom = now.stages.length > 0 ? now.stages[0].fromIndex : -1;
  const oldFirstFrom = before.stages.length > 0 ? before.stages[0].fromIndex : -1;
  return firstFrom < 0 || firstFrom !== oldFirstFrom || a.prefix < firstFrom ? -1 : firstFrom;
}

/**
 * The edit's stage window when every stage outside it is the stage it was: at the same index, or,
 * when the edit added or removed FROM lines, the stages after the window moved by `shift`. A stage
 * in the window may have been renamed (or emptied, or given its first instruction), or the window
 * added or removed a named stage: `names` are then the names whose stage changed, and the stages
 * outside the window that read one of them are run again too (stageNameRefs.ts). An edit before the first FROM
 * gives `args`, what it changed of the global ARGs: the stages reading a changed one are run again
 * (stageArgRefs.ts), and the first stage (it answers for the instructions before the first FROM).
 */
export function carriedWindow(before: DockerfileModel, now: DockerfileModel, a: Alignment, buildArgs: Readonly<Record<string, string>> = {}): RenameWindow | undefined {
  const window = stageWindow(before, now, a);
  const { lo, hi, shift } = window;
  if (now.stages.length === 0 || before.stages.length === 0 || hi - shift < lo) return undefined;
  const args = globalArgsKept(before, now, a) < 0 ? globalArgChange(before, now, buildArgs) : undefined;
  const names = shift === 0 ? changedNames(before, now, lo, hi) : changedNamesMoved(before, now, lo, hi - shift, hi);
  return { ...window, names, buildArgs, args };
}

/** A stage window with the names an edit in it renamed, and the build arguments FROM lines expand with. */
export interface RenameWindow extends StageWindow {
  names: ReadonlySet<string>;
  buildArgs: Readonly<Record<string, string>>;
  /** What an edit before the first FROM changed of the global ARGs (undefined: it is not there). */
  args?: GlobalArgChange;
}

/** Per stage of `version`, the stages whose FROM names it. */
function dependantsOf(version: Version): Map<number, number[]> {
  if (!version.dependants) {
    const map = new Map<number, number[]>();
    for (const stage of version.model.stages) {
      if (stage.baseStage === undefined) continue;
      const list = map.get(stage.baseStage);
      if (list) list.push(stage.index);
      else map.set(stage.baseStage, [stage.index]);
    }
    version.dependants = map;
  }
  return version.dependants;
}

export class RuleResultCache {
  private last: CacheRound | undefined;
  /** The last version's FROM lines with a variable, as resolved (buildArgs.ts). */
  bases: StageBases | undefined;
  /** How much the last run re-used (for tests and the edit benchmark). */
  lastRound: CacheRound | undefined;

  /**
   * The results of the previous version that can serve `model` (nothing after a change of the
   * environment). The file-wide totals in `sums` are carried from the previous version first, so
   * that `environment` (which reads them) does not count the whole file again.
   */
  begin(model: DockerfileModel, environment: () => readonly string[], sums: readonly FileSum<unknown>[] = [], buildArgs: Readonly<Record<string, string>> = {}): CacheRound {
    const last = this.last;
    // The last round needs no older version any more (nothing older is kept alive through it).
    last?.release();
    const align = last ? alignInstructions(last.ast, model.ast) : undefined;
    let window: ReturnType<typeof carriedWindow>;
    if (last && align) {
      for (const sum of sums) carryFileSum(sum, last.model, model, align);
      carryStageNamesKey(last.model, model, align);
      carryLineEndings(last.model, model, align);
      window = carriedWindow(last.model, model, align, buildArgs);
      if (window) carryShippingStages(last.model, model, window);
    }
    const env = environment();
    const previous = last && sameParts(last.env, env) ? last : undefined;
    const round = new CacheRound(model, env, previous, previous && align, window);
    this.last = round;
    this.lastRound = round;
    return round;
  }

  clear(): void {
    this.last = undefined;
    this.bases = undefined;
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
  /**
   * Per stage: the previous version's results where the stage, the stages it builds on and the
   * global ARGs are unchanged (see `stage`); the engine fills the rest.
   */
  stages: Results[];
  /** Stages the engine must run the rules on or look at again (undefined: every stage). */
  stageVisit: number[] | undefined;
  stageRevisit: number[] = [];
  lineGroups: number[] = [];
  groups: (FindingGroup | undefined)[];
  unkeptGroups: number[] = [];
  diagnosed?: Diagnosed;
  dependants?: Map<number, number[]>;
  nameRefs?: StageNameRefs;
  argRefs?: StageArgRefs;
  /**
   * When the edit added or removed no stage: the stages whose results and groups are not carried
   * (those holding a changed instruction, those reading a name it renamed, and the ones built on them); the stages
   * below `window.hi` moved by `lineDelta` lines. Undefined when the stages were matched one by one.
   */
  carried: { window: StageWindow; changed: number[]; lineDelta: number; previousGroups: number[]; previousLineGroups: number[]; previous?: Diagnosed } | undefined;

  constructor(
    readonly model: DockerfileModel,
    readonly env: readonly string[],
    private previous: Version | undefined,
    align: Alignment | undefined,
    /** The edit's stage window, when every stage outside it is kept (see carriedWindow). */
    stagesKept?: RenameWindow,
  ) {
    this.ast = model.ast;
    const n = model.ast.instructionList.length;
    const count = model.stages.length;
    this.stages = new Array(count);
    this.groups = new Array(count);
    this.stageVisit = undefined;
    this.carried = undefined;
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
      if (stagesKept) this.carryStages(previous, stagesKept);
      else this.matchStages(previous, align);
    } else {
      this.instructions = new Array(n);
      this.visit = range(0, n);
    }
  }

  release(): void {
    this.previous = undefined;
    // The version before this one's findings are not read any more (its LSP list served this version's).
    if (this.carried) {
      this.carried.previous = undefined;
      this.carried.previousLineGroups = [];
    }
  }

  /** Kept results for stage `index` when the stage, its base chain and the global ARGs are unchanged. */
  stage(index: number): KeptResults | undefined {
    if (this.carried) {
      const kept = this.stages[index];
      return kept && !kept.transient ? kept : undefined;
    }
    const old = this.oldStage[index];
    if (old === undefined || old < 0 || !this.previous) return undefined;
    const kept = this.previous.stages[old];
    if (!kept || kept.transient) return undefined;
    return kept;
  }

  /** The previous version's findings of stage `index`, when the stage is unchanged (its results may still have been made again). */
  group(index: number): FindingGroup | undefined {
    if (this.carried) return this.groups[index];
    const old = this.oldStage[index];
    if (old === undefined || old < 0 || !this.previous) return undefined;
    return this.previous.groups[old];
  }

  /** Per new stage: the index of the same stage in the previous version, or -1 when it changed. */
  private readonly oldStage: number[] = [];

  private matchStages(previous: Version, a: Alignment): void {
    const now = this.model;
    const before = previous.model;
    const list = now.ast.instructionList;
    const firstFrom = globalArgsKept(before, now, a);
    if (firstFrom < 0) return;
    // Stage rules read other stages' names: after a rename (with stages added or removed) every stage runs again.
    if (stageNamesKey(now) !== stageNamesKey(before)) return;
    const suffixStart = list.length - a.suffix;
    const stageShift = now.stages.length - before.stages.length;
    // AptListsNotCleaned reads whether the stage is one of the shipping stages (the last one and its bases).
    const ships = shippingStages(now);
    const shipped = shippingStages(before);
    for (const stage of now.stages) {
      const from = stage.fromIndex;
      const last = from + stage.instructionCount;
      // The whole stage, FROM to last instruction, on one side of the change.
      // Stage rules may name the stage's number, so a stage that moved to another number runs again
      // (only an added or removed FROM does that).
      const oldIndex = last < a.prefix || (from >= suffixStart && stageShift === 0) ? stage.index : -1;
      const old = oldIndex >= 0 ? before.stages[oldIndex] : undefined;
      let ok = old !== undefined && old.instructionCount === stage.instructionCount && ships.has(stage.index) === shipped.has(oldIndex);
      if (ok && old) {
        const base = stage.baseStage;
        ok = base === undefined ? old.baseStage === undefined : base < stage.index && this.oldStage[base] >= 0 && this.oldStage[base] === old.baseStage;
      }
      this.oldStage[stage.index] = ok ? oldIndex : -1;
    }
  }

  /**
   * The previous version's stage results and groups, spliced in place: those of the stages in the
   * window, of the stages reading what the edit changed (a stage name, a global ARG, a stage number
   * when stages were renumbered, which stages ship) and of the stages built on them (found through
   * the index of dependants, not by a scan) are dropped; the others are kept, at their new index.
   */
  private carryStages(previous: Version, window: RenameWindow): void {
    const { lo, hi, shift } = window;
    const oldHi = hi - shift;
    // Old and new indexes of the stages outside the window (-1: in the window).
    const toOld = (k: number) => (k < lo ? k : k >= hi ? k - shift : -1);
    const toNew = (j: number) => (j < lo ? j : j >= oldHi ? j + shift : -1);
    const dependants = dependantsOf(previous);
    const changed: number[] = [];
    for (let k = lo; k < hi; k++) changed.push(k);
    const listed = new Set(changed);
    const also = (stages: Iterable<number>) => {
      const more = [...stages].filter((k) => k >= 0 && !listed.has(k)).sort((x, y) => x - y);
      for (const k of more) listed.add(k);
      changed.push(...more);
    };
    // After a rename, the stages that read an old or new name (a FROM or COPY --from naming it...);
    // after stages were renumbered, those reading a stage by number too.
    let refs = previous.nameRefs;
    if (window.names.size > 0 || shift !== 0) {
      refs ??= new StageNameRefs(previous.model, fromBaseNames(previous.model, window.buildArgs));
      if (shift !== 0) refs.renumber(lo, oldHi, hi);
      also(refs.readers(window.names));
      if (shift !== 0) also(refs.numberReaders());
    }
    // After an edit before the first FROM: the first stage, the stages reading a global ARG it
    // changed, and when the list of names changed, those whose "did you mean" lists them.
    let argRefs = previous.argRefs;
    if (argRefs && shift !== 0) argRefs.renumber(lo, oldHi, hi);
    const args = window.args;
    if (args) {
      also([0]);
      if (args.names.size > 0) {
        if (!argRefs) {
          argRefs = new StageArgRefs(previous.model);
          if (shift !== 0) argRefs.renumber(lo, oldHi, hi);
        }
        also(argRefs.readers(args.names));
      }
      if (args.list) also(stagesReporting(previous.stages, NAME_LIST_RULES).map(toNew));
    }
    // The stages that now ship and did not, or the reverse (the last stage and its bases).
    const ships = shippingStages(this.model);
    const shipped = shippingStages(previous.model);
    if (ships !== shipped) {
      also([...ships].filter((k) => !shipped.has(toOld(k))));
      also([...shipped].map(toNew).filter((k) => !ships.has(k)));
    }
    // The FROM bases the index of names read expand with the global ARGs: the stages reading a changed one are read again below.
    if (refs && args && args.names.size > 0) refs.rebase(fromBaseNames(this.model, window.buildArgs));
    refs?.update(this.model, changed);
    argRefs?.update(this.model, changed);
    this.nameRefs = refs;
    this.argRefs = argRefs;
    const named = changed.length;
    // A stage has one base: following dependants from the changed stages reaches each stage once (a
    // stage reading a renamed name may also be built on a changed one: it is listed once). The index
    // is the previous version's: the stages built on those the window replaced are followed too.
    const follow = (j: number) => {
      for (const d of dependants.get(j) ?? []) {
        const k = toNew(d);
        if (k < 0 || listed.has(k)) continue;
        listed.add(k);
        changed.push(k);
      }
    };
    for (let j = lo; j < oldHi; j++) follow(j);
    for (let i = 0; i < changed.length; i++) {
      const j = toOld(changed[i]);
      if (j >= 0) follow(j);
    }
    if (shift === 0) {
      this.stages = previous.stages;
      this.groups = previous.groups;
    } else {
      this.stages = renumbered(previous.stages, lo, oldHi, hi);
      this.groups = renumbered(previous.groups, lo, oldHi, hi);
    }
    for (const k of changed) {
      this.stages[k] = undefined;
      this.groups[k] = undefined;
    }
    const visit = new Set(changed);
    for (const j of previous.stageRevisit) if (toNew(j) >= 0) visit.add(toNew(j));
    this.stageVisit = [...visit].sort((x, y) => x - y);
    // The index of dependants holds while the stages in the window build on what they built on.
    const now = this.model.stages;
    const before = previous.model.stages;
    let sameBases = shift === 0;
    for (let j = 0; sameBases && j < named; j++) sameBases = now[changed[j]].baseStage === before[changed[j]].baseStage;
    if (sameBases) this.dependants = dependants;
    const lineDelta = this.model.lines.lineCount - previous.model.lines.lineCount;
    // Groups are numbered from 1 for the stages (0: before the first FROM).
    const groupToNew = (g: number) => (g === 0 ? 0 : toNew(g - 1) + 1);
    const previousGroups = shift === 0 ? previous.unkeptGroups : previous.unkeptGroups.map(groupToNew).filter((g) => g > 0);
    const previousLineGroups = shift === 0 ? previous.lineGroups : previous.lineGroups.map(groupToNew).filter((g) => g > 0);
    this.carried = { window, changed, lineDelta, previousGroups, previousLineGroups, previous: previous.diagnosed };
  }

}

/** Equal keys part by part: a long part carried from the previous version (the shipping stages, the file style) is the same string, compared without reading it. */
function sameParts(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** The rules whose findings read the list of global ARG names (Rule.readsGlobalArgNames), by index. */
const NAME_LIST_RULES = RULES.flatMap((r, i) => (r.readsGlobalArgNames ? [i] : []));

/** The stages whose kept results hold a report of one of `rules`. */
function stagesReporting(stages: readonly Results[], rules: readonly number[]): number[] {
  const out: number[] = [];
  stages.forEach((kept, k) => {
    if (kept && rules.some((r) => kept.byRule.has(r))) out.push(k);
  });
  return out;
}

function range(from: number, to: number): number[] {
  const list: number[] = [];
  for (let i = from; i < to; i++) list.push(i);
  return list;
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
