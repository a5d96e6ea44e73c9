// The stage/variable model: what every feature asks of a parsed Dockerfile.
import { LineIndex } from '../../common/lineIndex';
import { lastAtMost } from '../../common/lineStarts';
import { EMPTY, type DockerfileAst, type Instruction, type KeyValue, type Span, type Word } from './ast';
import { parseDockerfile } from './parser';
import { alignInstructions, type Alignment } from './alignment';

export interface Stage {
  index: number;
  from: Instruction;
  /** The `AS name` of the stage, as written. */
  name?: string;
  nameSpan?: Span;
  /** The image reference or earlier stage name after FROM (variables not expanded). */
  base: string;
  baseSpan?: Span;
  /** Index of the earlier stage this one builds on (`FROM build`), matched case-insensitively. */
  baseStage?: number;
  /** `--platform=` value, if any. */
  platform?: string;
  /** Instructions after FROM, up to the next FROM. */
  instructions: Instruction[];
  /** From the FROM keyword to the end of the stage's last instruction. */
  span: Span;
}

export interface ArgDeclaration {
  instruction: Instruction;
  declaration: KeyValue;
  name: string;
  /** Undefined for global ARGs (before the first FROM). */
  stage?: number;
}

export interface DockerfileModel {
  ast: DockerfileAst;
  lines: LineIndex;
  stages: Stage[];
  /** ARG instructions before the first FROM: visible in FROM lines only, unless redeclared in a stage. */
  globalArgs: ArgDeclaration[];
  /** The stage (index) whose name matches, case-insensitively. */
  stageByName(name: string): Stage | undefined;
  /** The stage containing the offset; undefined before the first FROM. */
  stageAt(offset: number): Stage | undefined;
  /** Top-level instruction containing the offset (the offset may be at its end). */
  instructionAt(offset: number): Instruction | undefined;
  /**
   * A value computed from this model version once, on first use: indexes and analyses every
   * feature shares (the stage analysis, the variable index...). The cache lives as long as the
   * model, so a new version starts empty. `key` names the computation: one key, one `compute`.
   */
  derived<T>(key: DerivedKey<T>, compute: (model: DockerfileModel) => T): T;
}

/** Names one derived value of a model (see `DockerfileModel.derived`); make one per computation, at module level. */
export interface DerivedKey<T> {
  readonly name: string;
  /** Never set: carries the value's type. */
  readonly type?: T;
}

export function derivedKey<T>(name: string): DerivedKey<T> {
  return { name };
}

export function parseDocument(text: string): DockerfileModel {
  return buildModel(parseDockerfile(text));
}

/** Per model: the index in `ast.instructions` of each stage's FROM. */
const FROM_INDEXES: DerivedKey<number[]> = derivedKey('fromIndexes');

/**
 * The model of a tree. With the model of the version before an edit, only the instructions the edit
 * re-parsed are read: the FROMs before and after them are found from the previous version's stages
 * (moved), and a stage keeps its base stage when the edit added, removed or renamed no stage. The
 * stages wholly before the re-parsed instructions are the previous version's objects (nothing in
 * them can differ); the others are new, so a model never changes an object an older one holds.
 */
export function buildModel(ast: DockerfileAst, previous?: DockerfileModel): DockerfileModel {
  const all = ast.instructions;
  const a = previous ? alignInstructions(previous.ast, ast) : undefined;
  const kept = previous && a ? keptLayout(previous, ast, a) : undefined;
  const fromIndexes = kept ? kept.fromIndexes : fromIndexesOf(all, 0, all.length);
  const stages: Stage[] = new Array(fromIndexes.length);
  // Stages before the re-parsed instructions, next FROM included: the previous version's, unchanged.
  const same = kept ? kept.unchangedStages : 0;
  for (let k = 0; k < same; k++) stages[k] = previous!.stages[k];
  for (let k = same; k < fromIndexes.length; k++) {
    const f = fromIndexes[k];
    const end = k + 1 < fromIndexes.length ? fromIndexes[k + 1] : all.length;
    const old = kept?.oldStage(k);
    const stage = old ? movedStage(old, all[f], k) : stageFromInstruction(all[f], k);
    // A re-parsed FROM when the names are as before: the earliest stage of that name, if earlier.
    if (!old && kept?.sameNames) stage.baseStage = earlierStage(stageNames(previous!), stage.base, k);
    stage.instructions = all.slice(f + 1, end);
    const last = stage.instructions[stage.instructions.length - 1];
    if (last) stage.span.end = last.end;
    stages[k] = stage;
  }
  // Base stages: the old ones when the stages' names read as before; else by name, earliest first.
  if (!kept?.sameNames) {
    const earliest = new Map<string, number>();
    for (const stage of stages) {
      if (stage.index >= same) stage.baseStage = earliest.get(stage.base.toLowerCase());
      if (stage.name && !earliest.has(stage.name.toLowerCase())) earliest.set(stage.name.toLowerCase(), stage.index);
    }
  }
  const firstFrom = fromIndexes.length > 0 ? fromIndexes[0] : all.length;
  const globalArgs = kept && firstFrom <= a!.prefix && previous!.ast.instructions[firstFrom] === all[firstFrom] ? previous!.globalArgs : globalArgsOf(all, firstFrom);
  const stageByName = (name: string): Stage | undefined => {
    const index = stageNames(model).get(name.toLowerCase());
    return index === undefined ? undefined : stages[index];
  };
  const lines = new LineIndex(ast.text, ast.lineTable);
  const model: DockerfileModel = {
    ast,
    lines,
    stages,
    globalArgs,
    stageByName,
    stageAt: (offset) => {
      // The last stage whose FROM starts at or before the offset (stages are in file order).
      let lo = 0;
      let hi = stages.length - 1;
      let found: Stage | undefined;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (stages[mid].from.start <= offset) {
          found = stages[mid];
          lo = mid + 1;
        } else hi = mid - 1;
      }
      return found;
    },
    instructionAt: (offset) => {
      let lo = 0;
      let hi = all.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const ins = all[mid];
        if (offset < ins.start) hi = mid - 1;
        else if (offset > ins.end) lo = mid + 1;
        else return ins;
      }
      return undefined;
    },
    derived: derivedStore(() => model),
  };
  model.derived(FROM_INDEXES, () => fromIndexes);
  // The same names in the same order: the previous version's index of names serves this one too.
  if (kept?.sameNames) model.derived(STAGE_NAMES, () => stageNames(previous!));
  return model;
}

/** Per model: each stage name, lowercased, to the first stage of that name. */
const STAGE_NAMES: DerivedKey<Map<string, number>> = derivedKey('stageNames');

function stageNames(model: DockerfileModel): Map<string, number> {
  return model.derived(STAGE_NAMES, (m) => {
    const names = new Map<string, number>();
    for (const stage of m.stages) if (stage.name && !names.has(stage.name.toLowerCase())) names.set(stage.name.toLowerCase(), stage.index);
    return names;
  });
}

function earlierStage(names: Map<string, number>, base: string, before: number): number | undefined {
  const index = names.get(base.toLowerCase());
  return index !== undefined && index < before ? index : undefined;
}

/** Indexes of the FROM instructions in `all[from, to)`. */
function fromIndexesOf(all: readonly Instruction[], from: number, to: number, out: number[] = []): number[] {
  for (let i = from; i < to; i++) if (all[i].keyword === 'FROM') out.push(i);
  return out;
}

function globalArgsOf(all: readonly Instruction[], firstFrom: number): ArgDeclaration[] {
  const out: ArgDeclaration[] = [];
  for (let i = 0; i < firstFrom; i++) {
    const ins = all[i];
    if (ins.keyword === 'ARG') for (const kv of ins.keyValues) out.push({ instruction: ins, declaration: kv, name: kv.key.value });
  }
  return out;
}

interface KeptLayout {
  fromIndexes: number[];
  /** The previous version's stage for new stage `k` when its FROM is one the edit did not touch. */
  oldStage(k: number): Stage | undefined;
  /** The stages' names, lowercased, read as before in the same order: every base stage stays. */
  sameNames: boolean;
  /** Stages [0, unchangedStages) and the next stage's FROM are the same objects as before (an incremental re-parse's kept part). */
  unchangedStages: number;
}

/**
 * Where the stages of `ast` start, from the previous version's: its FROMs before and after the
 * re-parsed instructions (moved by the change in count), and the FROMs among those re-parsed.
 */
function keptLayout(previous: DockerfileModel, ast: DockerfileAst, a: Alignment): KeptLayout {
  const oldFroms = previous.derived(FROM_INDEXES, (m) => fromIndexesOf(m.ast.instructions, 0, m.ast.instructions.length));
  const n = ast.instructions.length;
  const suffixStart = n - a.suffix;
  const oldSuffixStart = previous.ast.instructions.length - a.suffix;
  const before = firstAtLeast(oldFroms, a.prefix);
  const after = firstAtLeast(oldFroms, oldSuffixStart);
  const fromIndexes = oldFroms.slice(0, before);
  fromIndexesOf(ast.instructions, a.prefix, suffixStart, fromIndexes);
  const inWindow = fromIndexes.length - before;
  for (let k = after; k < oldFroms.length; k++) fromIndexes.push(oldFroms[k] + a.indexShift);
  const stageShift = inWindow - (after - before);
  const oldStage = (k: number): Stage | undefined => (k < before ? previous.stages[k] : k >= before + inWindow ? previous.stages[k - stageShift] : undefined);
  let sameNames = stageShift === 0;
  for (let k = before; sameNames && k < before + inWindow; k++) {
    const now = ast.instructions[fromIndexes[k]];
    sameNames = (stageNameWord(now)?.value.toLowerCase() ?? '') === (previous.stages[k].name?.toLowerCase() ?? '');
  }
  // The alignment's prefix may go on past the instructions kept as objects (re-parsed ones that read
  // the same), and objects can be the same past the edit too (unmoved): a stage is kept only when it
  // and the FROM after it lie in the run of same objects at the start.
  const was = previous.ast.instructions;
  let same = 0;
  while (same < n && same < was.length && ast.instructions[same] === was[same]) same++;
  const unchangedStages = Math.max(0, firstAtLeast(oldFroms, same) - 1);
  return { fromIndexes, oldStage, sameNames, unchangedStages };
}

/** The first index of the ascending integer `list` whose value is at least `value` (list.length when none). */
function firstAtLeast(list: readonly number[], value: number): number {
  return lastAtMost(list, value - 1) + 1;
}

/** A fresh `derived` for a model (a copy of a model with other stages must not share its cache). */
export function derivedStore(owner: () => DockerfileModel): DockerfileModel['derived'] {
  const values = new Map<DerivedKey<unknown>, unknown>();
  return <T>(key: DerivedKey<T>, compute: (model: DockerfileModel) => T): T => {
    if (values.has(key)) return values.get(key) as T;
    const value = compute(owner());
    values.set(key, value);
    return value;
  };
}

/** `old`'s stage for its FROM moved to `from` (same text): only its offsets, index and base stage can differ. */
function movedStage(old: Stage, from: Instruction, index: number): Stage {
  const by = from.start - old.from.start;
  const move = (span: Span | undefined) => (span && by !== 0 ? { start: span.start + by, end: span.end + by } : span);
  return {
    index,
    from,
    name: old.name,
    nameSpan: move(old.nameSpan),
    base: old.base,
    baseSpan: move(old.baseSpan),
    baseStage: old.baseStage,
    platform: old.platform,
    instructions: EMPTY,
    span: { start: from.start, end: from.end },
  };
}

/** The `AS name` word of a FROM, when it has one. */
function stageNameWord(from: Instruction): Word | undefined {
  const [, asWord, nameWord] = from.args;
  return asWord && asWord.value.toLowerCase() === 'as' && nameWord ? nameWord : undefined;
}

function stageFromInstruction(from: Instruction, index: number): Stage {
  const baseWord = from.args[0];
  const named = stageNameWord(from);
  // Every field written at once (absent ones as undefined): one object shape for every stage.
  return {
    index,
    from,
    name: named?.value,
    nameSpan: named && { start: named.start, end: named.end },
    base: baseWord?.value ?? '',
    baseSpan: baseWord && { start: baseWord.start, end: baseWord.end },
    baseStage: undefined,
    platform: from.flags.find((f) => f.name.toLowerCase() === 'platform')?.value,
    instructions: EMPTY,
    span: { start: from.start, end: from.end },
  };
}
