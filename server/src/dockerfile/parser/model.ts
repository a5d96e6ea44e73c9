// The stage/variable model: what every feature asks of a parsed Dockerfile.
import { LineIndex } from '../../common/lineIndex';
import { lastAtMost } from '../../common/lineStarts';
import { derivedKey, derivedStore, type Derived, type DerivedKey } from '../../common/derived';
import { EMPTY, type DockerfileAst, type Instruction, type KeyValue, type Span, type Word } from './ast';
import { parseDockerfile } from './parser';
import { alignInstructions, type Alignment } from './alignment';
import type { NodeList } from './nodeList';
import { linkVersions } from './stageCarry';

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
  /** Instructions after FROM, up to the next FROM (an array made on first read: code run on every edit reads `instructionCount`). */
  instructions: Instruction[];
  /** The FROM's index in `ast.instructionList`; the stage's instructions follow it. */
  fromIndex: number;
  /** How many instructions follow the FROM in the stage (`instructions.length`, without making the array). */
  instructionCount: number;
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
  derived: Derived<DockerfileModel>;
}

// Keys (`derivedKey`, one per computation, at module level) and the store are common/derived.ts', shared with the Compose model.
export { derivedKey, derivedStore, type DerivedKey };

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
  const all = ast.instructionList;
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
    // A FROM the edit did not touch reads as before: its facts are the previous stage's, only the place moved.
    const stage = new ModelStage(all, k, f, end, old ? factsOf(old) : fromFacts(all.at(f)), old?.baseStage);
    // A re-parsed FROM when the names are as before: the earliest stage of that name, if earlier.
    if (!old && kept?.sameNames) stage.baseStage = earlierStage(stageNames(previous!), stage.base, k);
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
  // The global ARGs and the first FROM are the same objects: the previous version's global ARGs.
  const globalArgs = kept && firstFrom < a!.sameObjects ? previous!.globalArgs : globalArgsOf(all, firstFrom);
  const stageByName = (name: string): Stage | undefined => {
    const index = stageNames(model).get(name.toLowerCase());
    return index === undefined ? undefined : stages[index];
  };
  const lines = new LineIndex(ast.source, ast.lineTable);
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
        const ins = all.at(mid);
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
  // (The map is read here, not in the closure: a closure naming `previous` would keep it, and through
  // the model's closures every version before it, alive as long as this model.)
  if (kept?.sameNames) {
    const names = stageNames(previous!);
    model.derived(STAGE_NAMES, () => names);
  }
  // Per-stage results of the stages the edit did not touch carry over (stageCarry.ts).
  if (kept) linkVersions(model, previous!, a!, fromIndexes, previous!.derived(FROM_INDEXES, () => []));
  return model;
}

/** Per model: each stage name, lowercased, to the first stage of that name. */
const STAGE_NAMES: DerivedKey<Map<string, number>> = derivedKey('stageNames');

/** Each stage name, lowercased, to the first stage of that name (the same object from version to version while the names read the same). */
export function stageNames(model: DockerfileModel): Map<string, number> {
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
function fromIndexesOf(all: NodeList<Instruction>, from: number, to: number, out: number[] = []): number[] {
  for (let i = from; i < to; i++) if (all.at(i).keyword === 'FROM') out.push(i);
  return out;
}

function globalArgsOf(all: NodeList<Instruction>, firstFrom: number): ArgDeclaration[] {
  const out: ArgDeclaration[] = [];
  for (let i = 0; i < firstFrom; i++) {
    const ins = all.at(i);
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
  const oldFroms = previous.derived(FROM_INDEXES, (m) => fromIndexesOf(m.ast.instructionList, 0, m.ast.instructionList.length));
  const n = ast.instructionList.length;
  const suffixStart = n - a.suffix;
  const oldSuffixStart = previous.ast.instructionList.length - a.suffix;
  const before = firstAtLeast(oldFroms, a.prefix);
  const after = firstAtLeast(oldFroms, oldSuffixStart);
  const fromIndexes = oldFroms.slice(0, before);
  fromIndexesOf(ast.instructionList, a.prefix, suffixStart, fromIndexes);
  const inWindow = fromIndexes.length - before;
  for (let k = after; k < oldFroms.length; k++) fromIndexes.push(oldFroms[k] + a.indexShift);
  const stageShift = inWindow - (after - before);
  const oldStage = (k: number): Stage | undefined => (k < before ? previous.stages[k] : k >= before + inWindow ? previous.stages[k - stageShift] : undefined);
  let sameNames = stageShift === 0;
  for (let k = before; sameNames && k < before + inWindow; k++) {
    const now = ast.instructionList.at(fromIndexes[k]);
    sameNames = (stageNameWord(now)?.value.toLowerCase() ?? '') === (previous.stages[k].name?.toLowerCase() ?? '');
  }
  // The alignment's prefix may go on past the instructions kept as objects (re-parsed ones that read
  // the same), and objects can be the same past the edit too (unmoved): a stage is kept only when it
  // and the FROM after it lie in the run of same objects at the start.
  const unchangedStages = Math.max(0, firstAtLeast(oldFroms, a.sameObjects) - 1);
  return { fromIndexes, oldStage, sameNames, unchangedStages };
}

/** The first index of the ascending integer `list` whose value is at least `value` (list.length when none). */
function firstAtLeast(list: readonly number[], value: number): number {
  return lastAtMost(list, value - 1) + 1;
}

/** A fresh `derived` for a model (a copy of a model with other stages must not share its cache). */
/** The `AS name` word of a FROM, when it has one. */
function stageNameWord(from: Instruction): Word | undefined {
  const [, asWord, nameWord] = from.args;
  return asWord && asWord.value.toLowerCase() === 'as' && nameWord ? nameWord : undefined;
}

/**
 * What a stage is from its FROM line alone: the same for the moved FROM of a later version (offsets
 * relative to the FROM's start, numbers rather than span objects; -1 when there is no such word).
 */
interface FromFacts {
  name: string | undefined;
  nameStart: number;
  nameEnd: number;
  base: string;
  baseStart: number;
  baseEnd: number;
  platform: string | undefined;
}

function fromFacts(from: Instruction): FromFacts {
  const baseWord = from.args[0];
  const named = stageNameWord(from);
  const at = from.start;
  return {
    name: named?.value,
    nameStart: named ? named.start - at : -1,
    nameEnd: named ? named.end - at : -1,
    base: baseWord?.value ?? '',
    baseStart: baseWord ? baseWord.start - at : -1,
    baseEnd: baseWord ? baseWord.end - at : -1,
    platform: from.flags.find((f) => f.name.toLowerCase() === 'platform')?.value,
  };
}

function factsOf(stage: Stage): FromFacts {
  return stage instanceof ModelStage ? stage.facts : fromFacts(stage.from);
}

/**
 * A stage of one model version: which instructions it spans in the version's list and the facts of
 * its FROM line. Its offsets and instructions are read through the list when asked (then kept), so
 * a stage the edit only moved costs one small object and nothing under it.
 */
class ModelStage implements Stage {
  private fromNode: Instruction | undefined = undefined;
  private ownInstructions: Instruction[] | undefined = undefined;
  private ownSpan: Span | undefined = undefined;
  private ownNameSpan: Span | undefined = undefined;
  private ownBaseSpan: Span | undefined = undefined;

  constructor(
    private readonly list: NodeList<Instruction>,
    readonly index: number,
    /** The FROM's index in the version's instructions. */
    readonly fromIndex: number,
    /** The index after the stage's last instruction. */
    readonly endIndex: number,
    readonly facts: FromFacts,
    public baseStage: number | undefined,
  ) {}

  get from(): Instruction {
    return (this.fromNode ??= this.list.at(this.fromIndex));
  }
  get name(): string | undefined {
    return this.facts.name;
  }
  get base(): string {
    return this.facts.base;
  }
  get platform(): string | undefined {
    return this.facts.platform;
  }
  get nameSpan(): Span | undefined {
    const f = this.facts;
    if (f.nameStart < 0) return undefined;
    return (this.ownNameSpan ??= { start: f.nameStart + this.from.start, end: f.nameEnd + this.from.start });
  }
  get baseSpan(): Span | undefined {
    const f = this.facts;
    if (f.baseStart < 0) return undefined;
    return (this.ownBaseSpan ??= { start: f.baseStart + this.from.start, end: f.baseEnd + this.from.start });
  }
  get instructionCount(): number {
    return this.endIndex - this.fromIndex - 1;
  }
  get instructions(): Instruction[] {
    return (this.ownInstructions ??= this.endIndex > this.fromIndex + 1 ? this.list.slice(this.fromIndex + 1, this.endIndex) : EMPTY);
  }
  get span(): Span {
    const last = this.endIndex > this.fromIndex + 1 ? this.list.at(this.endIndex - 1) : this.from;
    return (this.ownSpan ??= { start: this.from.start, end: last.end });
  }

  /** The same stage with another base stage (a `FROM ${NAME}` resolved with build arguments). */
  withBaseStage(baseStage: number | undefined): Stage {
    return new ModelStage(this.list, this.index, this.fromIndex, this.endIndex, this.facts, baseStage);
  }

  toJSON(): object {
    return stageFields(this);
  }
}

/** A stage's public fields as a plain object (what tests compare and JSON prints). */
export function stageFields(stage: Stage): object {
  const { index, from, name, nameSpan, base, baseSpan, baseStage, platform, instructions, span, fromIndex } = stage;
  return { index, from, name, nameSpan, base, baseSpan, baseStage, platform, instructions, span, fromIndex };
}

/** `stage` with another base stage, every other field as it is. */
export function withBaseStage(stage: Stage, baseStage: number | undefined): Stage {
  return stage instanceof ModelStage ? stage.withBaseStage(baseStage) : { ...stage, baseStage };
}
