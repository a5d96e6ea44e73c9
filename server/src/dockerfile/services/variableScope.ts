// Which ARG or ENV a `$NAME` refers to at a given place, following BuildKit's scope rules:
// an ARG before the first FROM is visible in FROM lines only, unless the stage redeclares it with
// `ARG NAME`; an ARG is visible from its declaration to the end of its stage; ENV is inherited by
// stages built on this one and wins over an ARG of the same name.
import type { Instruction, KeyValue } from '../parser/ast';
import type { DockerfileModel, Stage } from '../parser/model';
import { getPredefinedArg, type PredefinedArgInfo } from '../data';

export interface Declaration {
  kind: 'ARG' | 'ENV';
  instruction: Instruction;
  declaration: KeyValue;
  /** Stage index; undefined for a global ARG. */
  stage?: number;
  /** The value as written (ARG default or ENV value), undefined for `ARG NAME` without default. */
  value?: string;
}

export type VariableResolution =
  | { kind: 'declared'; declaration: Declaration; /** For `ARG NAME` without default: the global ARG it takes its default from. */ globalDefault?: Declaration; predefined?: PredefinedArgInfo }
  /** A global ARG exists, but this stage does not redeclare it. */
  | { kind: 'globalNotVisible'; declaration: Declaration; predefined?: PredefinedArgInfo }
  | { kind: 'predefined'; info: PredefinedArgInfo }
  | { kind: 'undeclared' };

function globalDeclarations(model: DockerfileModel, name: string): Declaration[] {
  return model.globalArgs
    .filter((a) => a.name === name)
    .map((a) => ({ kind: 'ARG' as const, instruction: a.instruction, declaration: a.declaration, value: a.declaration.value?.value }));
}

function declarationsIn(ins: Instruction, name: string, stage: number): Declaration[] {
  if (ins.keyword !== 'ARG' && ins.keyword !== 'ENV') return [];
  return ins.keyValues
    .filter((kv) => kv.key.value === name)
    .map((kv) => ({ kind: ins.keyword as 'ARG' | 'ENV', instruction: ins, declaration: kv, stage, value: kv.value?.value }));
}

/** The last ENV of `name` in the stage's ancestry (earlier stages it builds on), before `before`. */
function inheritedEnv(model: DockerfileModel, stage: Stage, name: string, before: number, seen: Set<number>): Declaration | undefined {
  seen.add(stage.index);
  let found: Declaration | undefined;
  for (const ins of stage.instructions) {
    if (ins.start >= before) break;
    if (ins.keyword === 'ENV') found = declarationsIn(ins, name, stage.index).pop() ?? found;
  }
  if (found) return found;
  if (stage.baseStage !== undefined && !seen.has(stage.baseStage)) {
    return inheritedEnv(model, model.stages[stage.baseStage], name, Infinity, seen);
  }
  return undefined;
}

/** Resolves `name` as used by the instruction at `offset` (the instruction's own declarations do not count). */
export function resolveVariable(model: DockerfileModel, name: string, offset: number): VariableResolution {
  const predefined = getPredefinedArg(name);
  const ins = model.instructionAt(offset);
  const stage = model.stageAt(offset);
  const globals = globalDeclarations(model, name).filter((d) => d.instruction.start < (ins?.start ?? offset));
  const lastGlobal = globals[globals.length - 1];
  if (!stage || (ins && ins.keyword === 'FROM')) {
    if (lastGlobal) return { kind: 'declared', declaration: lastGlobal, predefined };
    return predefined ? { kind: 'predefined', info: predefined } : { kind: 'undeclared' };
  }
  const before = ins ? ins.start : offset;
  const env = inheritedEnv(model, stage, name, before, new Set());
  if (env) return { kind: 'declared', declaration: env, predefined };
  let arg: Declaration | undefined;
  for (const i of stage.instructions) {
    if (i.start >= before) break;
    if (i.keyword === 'ARG') arg = declarationsIn(i, name, stage.index).pop() ?? arg;
  }
  if (arg) {
    const allGlobals = globalDeclarations(model, name);
    const globalDefault = arg.value === undefined ? allGlobals[allGlobals.length - 1] : undefined;
    return { kind: 'declared', declaration: arg, globalDefault, predefined };
  }
  const allGlobals = globalDeclarations(model, name);
  if (allGlobals.length > 0) return { kind: 'globalNotVisible', declaration: allGlobals[allGlobals.length - 1], predefined };
  return predefined ? { kind: 'predefined', info: predefined } : { kind: 'undeclared' };
}

/** Names visible at `offset`, for completion: declared ARG/ENV (with stage rules), then predefined ARGs. */
export function visibleVariables(model: DockerfileModel, offset: number): Declaration[] {
  const ins = model.instructionAt(offset);
  const stage = model.stageAt(offset);
  const out = new Map<string, Declaration>();
  const before = ins ? ins.start : offset;
  if (!stage || (ins && ins.keyword === 'FROM')) {
    for (const g of model.globalArgs) {
      if (g.instruction.start >= before) continue;
      out.set(g.name, { kind: 'ARG', instruction: g.instruction, declaration: g.declaration, value: g.declaration.value?.value });
    }
    return [...out.values()];
  }
  const chain: Stage[] = [];
  const seen = new Set<number>();
  for (let s: Stage | undefined = stage; s && !seen.has(s.index); s = s.baseStage !== undefined ? model.stages[s.baseStage] : undefined) {
    seen.add(s.index);
    chain.unshift(s);
  }
  for (const s of chain) {
    for (const i of s.instructions) {
      if (s === stage && i.start >= before) break;
      if (i.keyword === 'ENV' || (i.keyword === 'ARG' && s === stage)) {
        for (const kv of i.keyValues) {
          out.set(kv.key.value, { kind: i.keyword as 'ARG' | 'ENV', instruction: i, declaration: kv, stage: s.index, value: kv.value?.value });
        }
      }
    }
  }
  return [...out.values()];
}
