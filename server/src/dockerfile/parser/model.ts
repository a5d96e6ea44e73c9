// The stage/variable model: what every feature asks of a parsed Dockerfile.
import { LineIndex } from '../../common/lineIndex';
import type { DockerfileAst, Instruction, KeyValue, Span } from './ast';
import { parseDockerfile } from './parser';
import { alignInstructions } from './alignment';

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

/**
 * The model of a tree. With the model of the version before an edit, a FROM the edit did not touch
 * takes its stage's name, base and platform from there (moved), instead of reading its words again.
 */
export function buildModel(ast: DockerfileAst, previous?: DockerfileModel): DockerfileModel {
  const stages: Stage[] = [];
  const globalArgs: ArgDeclaration[] = [];
  const byName = new Map<string, Stage>();
  const keptStage = previous ? keptStages(previous, ast) : undefined;
  const all = ast.instructions;
  for (let i = 0; i < all.length; i++) {
    const ins = all[i];
    if (ins.keyword === 'FROM') {
      const old = keptStage?.(i);
      const stage = old ? movedStage(old, ins, stages.length, byName) : stageFromInstruction(ins, stages.length, byName);
      stages.push(stage);
      if (stage.name && !byName.has(stage.name.toLowerCase())) byName.set(stage.name.toLowerCase(), stage);
      continue;
    }
    const current = stages[stages.length - 1];
    if (current) current.instructions.push(ins);
    else if (ins.keyword === 'ARG') {
      for (const kv of ins.keyValues) globalArgs.push({ instruction: ins, declaration: kv, name: kv.key.value });
    }
  }
  for (const stage of stages) {
    const last = stage.instructions[stage.instructions.length - 1];
    if (last) stage.span = { start: stage.span.start, end: last.end };
  }
  const lines = new LineIndex(ast.text, ast.lineStarts);
  const instructions = ast.instructions;
  const model: DockerfileModel = {
    ast,
    lines,
    stages,
    globalArgs,
    stageByName: (name) => byName.get(name.toLowerCase()),
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
      let hi = instructions.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const ins = instructions[mid];
        if (offset < ins.start) hi = mid - 1;
        else if (offset > ins.end) lo = mid + 1;
        else return ins;
      }
      return undefined;
    },
    derived: derivedStore(() => model),
  };
  return model;
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

/** For instruction `i` of `ast`: the previous version's stage when `i` is its unchanged FROM. */
function keptStages(previous: DockerfileModel, ast: DockerfileAst): ((i: number) => Stage | undefined) | undefined {
  const a = alignInstructions(previous.ast, ast);
  if (!a) return undefined;
  const byFrom = new Map(previous.stages.map((s) => [s.from, s]));
  const before = previous.ast.instructions;
  const n = ast.instructions.length;
  return (i) => (i < a.prefix ? byFrom.get(before[i]) : i >= n - a.suffix ? byFrom.get(before[i - a.indexShift]) : undefined);
}

/** `old`'s stage for its FROM moved to `from` (same text): only its offsets and its base stage can differ. */
function movedStage(old: Stage, from: Instruction, index: number, earlier: Map<string, Stage>): Stage {
  const by = from.start - old.from.start;
  const move = (span: Span | undefined) => span && { start: span.start + by, end: span.end + by };
  return {
    index,
    from,
    name: old.name,
    nameSpan: move(old.nameSpan),
    base: old.base,
    baseSpan: move(old.baseSpan),
    baseStage: earlier.get(old.base.toLowerCase())?.index,
    platform: old.platform,
    instructions: [],
    span: { start: from.start, end: from.end },
  };
}

function stageFromInstruction(from: Instruction, index: number, earlier: Map<string, Stage>): Stage {
  const [baseWord, asWord, nameWord] = from.args;
  const named = asWord && asWord.value.toLowerCase() === 'as' && nameWord ? nameWord : undefined;
  const base = baseWord?.value ?? '';
  // Every field written at once (absent ones as undefined): one object shape for every stage.
  return {
    index,
    from,
    name: named?.value,
    nameSpan: named && { start: named.start, end: named.end },
    base,
    baseSpan: baseWord && { start: baseWord.start, end: baseWord.end },
    baseStage: earlier.get(base.toLowerCase())?.index,
    platform: from.flags.find((f) => f.name.toLowerCase() === 'platform')?.value,
    instructions: [],
    span: { start: from.start, end: from.end },
  };
}
