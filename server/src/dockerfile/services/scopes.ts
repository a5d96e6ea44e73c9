// Which ARG or ENV a `$NAME` means at a given place: BuildKit's scope rules, written once.
//
// - Global scope (before the first FROM, and every FROM line): the global ARGs declared before,
//   plus the platform ARGs BuildKit sets automatically (TARGETPLATFORM, BUILDPLATFORM, …).
// - A stage starts empty. A global ARG reaches it only through `ARG NAME` (no value), which takes
//   the global default. Predefined ARGs likewise need `ARG NAME` inside a stage.
// - ARG and ENV in a stage are visible from the next instruction on. Inside one ARG instruction a
//   value sees the names declared before it in that instruction (BuildKit adds each to the
//   environment as it goes); inside one ENV instruction every value sees the environment from
//   before the instruction ("ENV abc=bye def=$abc" gives def the old abc).
// - The latest declaration wins, ARG or ENV (an ARG declared after an ENV overrides it in BuildKit).
// - `FROM <earlier stage>` inherits that stage's whole environment: its ENVs and its ARGs with
//   their values (BuildKit copies the state, and the Docker docs say so), plus the declarations of
//   that stage's ONBUILD triggers, which run at the start of the child.
// - ONBUILD triggers run after the stage is finished, so `$X` in a trigger sees every declaration
//   of its stage, and the declarations of earlier triggers; ONBUILD ARG/ENV declare nothing in
//   their own stage.
import type { SourceText } from '../../common/sourceText';
import { EMPTY, type Instruction, type KeyValue, type Span, type VariableRef } from '../parser/ast';
import { derivedKey, type DockerfileModel, type Stage } from '../parser/model';
import { EXPANDED, getPredefinedArg, predefinedArgs, type PredefinedArgInfo } from '../data';
import { baseOf, stageValue } from '../parser/stageChain';

export type DeclarationKind = 'arg' | 'env';

export interface VariableDeclaration {
  kind: DeclarationKind;
  name: string;
  /** The top-level instruction (the ONBUILD instruction for a trigger's declaration). */
  instruction: Instruction;
  keyValue: KeyValue;
  /** Where the name is written (inside the key, quotes excluded when possible). */
  nameSpan: Span;
  /** The value as written; undefined for `ARG NAME` without a default. */
  value?: string;
  /** Stage index; undefined in the global scope. */
  stage?: number;
  /** Declared by an ONBUILD trigger: takes effect in stages built on this one. */
  onbuild: boolean;
}

export type BindingKind = 'arg' | 'env' | 'predefined' | 'undeclared';

/** What a variable name means at one place. */
export interface VariableBinding {
  name: string;
  kind: BindingKind;
  /** The declaration in effect (the latest one), for `arg` and `env`. */
  declaration?: VariableDeclaration;
  /**
   * For `ARG NAME` without a value: where its default comes from (the global ARG of that name, or
   * the declaration that was in effect before it).
   */
  defaultFrom?: VariableDeclaration;
  /** The default/value as written: the declaration's, else its `defaultFrom`'s. */
  value?: string;
  /** Knowledge about a predefined ARG of this name (set even when the name is also declared). */
  predefined?: PredefinedArgInfo;
  /** True when a predefined ARG has a value here without any declaration (platform ARGs in FROM lines). */
  automatic?: boolean;
  /** A global ARG of this name that this stage does not redeclare (so `$NAME` is empty here). */
  hiddenGlobal?: VariableDeclaration;
}

/** A name written in the document: a `$NAME` reference or a declared ARG/ENV key. */
export interface VariableOccurrence {
  name: string;
  nameSpan: Span;
  role: 'reference' | 'declaration';
  /** What the name means here. For a declaration: the declaration itself (kind arg/env). */
  binding: VariableBinding;
  reference?: VariableRef;
  declaration?: VariableDeclaration;
  /** The top-level instruction it is in. */
  instruction: Instruction;
}

export interface VariableIndex {
  declarations: VariableDeclaration[];
  /** A declaration of a name that was already in effect there (the same variable set again). */
  redeclares: Map<VariableDeclaration, VariableDeclaration>;
  /** Every reference and declaration, in document order. */
  occurrences: VariableOccurrence[];
  /** The stage index of each top-level instruction; absent before the first FROM. */
  stageOf: Map<Instruction, number>;
  /** The ARGs before the first FROM, in order. */
  globals: VariableDeclaration[];
  /** Each stage's declarations (ONBUILD ones included), in document order. */
  byStage: VariableDeclaration[][];
}

interface Entry {
  declaration: VariableDeclaration;
  defaultFrom?: VariableDeclaration;
  /** What a reference bound to it knows (`stageReferences`), made at the first such reference: every reference to one declaration shares it. */
  known: StageRef | undefined;
}

type Env = Map<string, Entry>;

const VARIABLE_INDEX = derivedKey<VariableIndex>('variableIndex');

/** Every variable occurrence with what it means; computed once per model. */
export function variableIndex(model: DockerfileModel): VariableIndex {
  return model.derived(VARIABLE_INDEX, buildIndex);
}

/** The variable at `offset` (on a `$NAME`/`${NAME}` reference, or on a declared ARG/ENV name). */
export function variableAt(model: DockerfileModel, offset: number): VariableOccurrence | undefined {
  const { occurrences } = variableIndex(model);
  let lo = 0;
  let hi = occurrences.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const o = occurrences[mid];
    if (offset < o.nameSpan.start) hi = mid - 1;
    else if (offset > o.nameSpan.end) lo = mid + 1;
    else {
      // Adjacent names (`$A$B`): prefer the one that starts at the offset.
      const next = occurrences[mid + 1];
      return next && next.nameSpan.start === offset ? next : o;
    }
  }
  // The `$` or `{` before a name belongs to the reference too. That prefix is at most `${`, so only
  // names starting within two characters after the offset can own it (a scan of the whole list here
  // made every FROM-line lookup linear: 9 s of diagnostics at 100k lines).
  lo = 0;
  hi = occurrences.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (occurrences[mid].nameSpan.start <= offset) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < occurrences.length && occurrences[i].nameSpan.start <= offset + 2; i++) {
    const o = occurrences[i];
    if (o.reference && offset >= o.reference.start) return o;
  }
  return undefined;
}

/**
 * What the variable at `offset` resolves to: the declaration in effect (kind `arg`/`env`), a
 * predefined ARG, or nothing declared. Undefined when the offset is not on a variable name.
 */
export function resolveVariable(model: DockerfileModel, offset: number): VariableBinding | undefined {
  return variableAt(model, offset)?.binding;
}

/**
 * What `name` means at `offset`, whether or not a reference is written there (for diagnostics and
 * hover that know the name already). Same rules as `resolveVariable`.
 */
export function bindingAt(model: DockerfileModel, name: string, offset: number): VariableBinding {
  const here = variableAt(model, offset);
  if (here && here.name === name) return here.binding;
  const visible = variablesInScope(model, offset).find((b) => b.name === name);
  if (visible && visible.kind !== 'predefined') return visible;
  const ins = model.instructionAt(offset);
  const inStage = model.stageAt(offset) !== undefined && ins?.keyword !== 'FROM';
  return unboundBinding(name, inStage, variableIndex(model).globals);
}

/**
 * The variables a `$` typed at `offset` can use, with the same rules: each visible name once, with
 * its declaration in effect; then the predefined ARGs not declared (marked `automatic` where they
 * have a value without declaration).
 */
export function variablesInScope(model: DockerfileModel, offset: number): VariableBinding[] {
  const ins = model.instructionAt(offset);
  const stage = model.stageAt(offset);
  const index = variableIndex(model);
  const { globals } = index;
  const inGlobalScope = !stage || (ins !== undefined && ins.keyword === 'FROM');
  let env: Env;
  if (inGlobalScope) {
    env = new Map();
    for (const d of globals) if (d.instruction.end < offset || (d.instruction === ins && d.keyValue.end < offset)) declare(env, d, globals);
  } else {
    const onbuild = ins?.keyword === 'ONBUILD' && ins.inner !== undefined;
    env = stageEnv(model, stage, onbuild ? Infinity : offset, index);
    if (onbuild) applyOnbuild(env, stage, index, (d) => d.instruction.end < offset || (d.instruction === ins && d.keyValue.end < offset && d.kind === 'arg'));
    else if (ins?.keyword === 'ARG') for (const d of index.byStage[stage.index] ?? []) if (d.instruction === ins && !d.onbuild && d.keyValue.end < offset) declare(env, d, globals);
  }
  const out: VariableBinding[] = [];
  for (const [name, entry] of env) out.push(bindingOf(name, entry));
  for (const info of predefinedArgs) {
    if (env.has(info.name)) continue;
    out.push({ name: info.name, kind: 'predefined', predefined: info, automatic: inGlobalScope && info.group === 'platform' });
  }
  return out;
}

// --- building the index -------------------------------------------------------------------

function buildIndex(model: DockerfileModel): VariableIndex {
  const text = model.ast.source;
  const declarations: VariableDeclaration[] = [];
  const stageOf = new Map<Instruction, number>();
  for (const stage of model.stages) {
    stageOf.set(stage.from, stage.index);
    for (const ins of stage.instructions) stageOf.set(ins, stage.index);
  }
  const firstFrom = model.stages[0]?.from.start ?? Infinity;
  for (const ins of model.ast.instructions) {
    const stage = stageOf.get(ins);
    collectDeclarations(text, ins, ins, stage, false, declarations);
    if (ins.keyword === 'ONBUILD' && ins.inner) collectDeclarations(text, ins, ins.inner, stage, true, declarations);
  }
  const globals = globalDeclarations(declarations);
  const links: Links = { defaultSources: new Map(), redeclares: new Map() };
  const byInstruction = new Map<Instruction, VariableDeclaration[]>();
  for (const d of declarations) {
    const list = byInstruction.get(d.instruction);
    if (list) list.push(d);
    else byInstruction.set(d.instruction, [d]);
  }
  const own = (ins: Instruction, onbuild: boolean) => (byInstruction.get(ins) ?? []).filter((d) => d.onbuild === onbuild);
  const occurrences: VariableOccurrence[] = [];
  const bind = (ins: Instruction, ref: VariableRef, env: Env, inStage: boolean) => {
    const entry = env.get(ref.name);
    const binding: VariableBinding = entry ? bindingOf(ref.name, entry) : unboundBinding(ref.name, inStage, globals);
    occurrences.push({ name: ref.name, nameSpan: ref.nameSpan, role: 'reference', binding, reference: ref, instruction: ins });
  };

  // Global scope: ARG instructions before the first FROM, and the FROM lines.
  const globalEnv: Env = new Map();
  for (const ins of model.ast.instructions) {
    if (ins.start >= firstFrom) break;
    walkInstruction(ins, own(ins, false), globalEnv, globals, (ref, env) => bind(ins, ref, env, false), links);
  }
  // Each stage: FROM line in the global scope, then the stage's own environment.
  const exitEnvs: Env[] = [];
  for (const stage of model.stages) {
    for (const ref of stage.from.variables) bind(stage.from, ref, globalEnv, false);
    const env: Env = stage.baseStage !== undefined && exitEnvs[stage.baseStage] ? new Map(exitEnvs[stage.baseStage]) : new Map();
    for (const ins of stage.instructions) {
      if (ins.keyword === 'ONBUILD' && ins.inner) continue;
      walkInstruction(ins, own(ins, false), env, globals, (ref, e) => bind(ins, ref, e, true), links);
    }
    // Triggers run after the stage: they see all of it, and the triggers before them.
    for (const ins of stage.instructions) {
      if (ins.keyword !== 'ONBUILD' || !ins.inner) continue;
      walkInstruction(ins.inner, own(ins, true), env, globals, (ref, e) => bind(ins, ref, e, true), links, ins.variables);
    }
    exitEnvs[stage.index] = env;
  }
  for (const d of declarations) {
    const source = links.defaultSources.get(d);
    const binding: VariableBinding = {
      name: d.name,
      kind: d.kind,
      declaration: d,
      defaultFrom: source,
      value: d.value ?? source?.value,
      predefined: getPredefinedArg(d.name),
    };
    occurrences.push({ name: d.name, nameSpan: d.nameSpan, role: 'declaration', binding, declaration: d, instruction: d.instruction });
  }
  occurrences.sort((a, b) => a.nameSpan.start - b.nameSpan.start || a.nameSpan.end - b.nameSpan.end);
  const byStage: VariableDeclaration[][] = model.stages.map(() => []);
  for (const d of declarations) if (d.stage !== undefined) byStage[d.stage]?.push(d);
  return { declarations, redeclares: links.redeclares, occurrences, stageOf, globals, byStage };
}

/**
 * Binds the references of one instruction against `env`, then applies its declarations. ARG
 * values see the keys declared before them in the same instruction; everything else sees the
 * environment from before the instruction.
 */
function walkInstruction(
  ins: Instruction,
  own: VariableDeclaration[],
  env: Env,
  globals: VariableDeclaration[],
  onRef: (ref: VariableRef, env: Env) => void,
  links: Links | undefined,
  refs: readonly VariableRef[] = ins.variables,
): void {
  if (ins.keyword === 'ARG' && own.length > 0) {
    let next = 0;
    for (const ref of refs) {
      while (next < own.length && own[next].keyValue.end <= ref.start) declare(env, own[next++], globals, links);
      onRef(ref, env);
    }
    while (next < own.length) declare(env, own[next++], globals, links);
    return;
  }
  for (const ref of refs) onRef(ref, env);
  for (const d of own) declare(env, d, globals, links);
}

interface Links {
  defaultSources: Map<VariableDeclaration, VariableDeclaration>;
  redeclares: Map<VariableDeclaration, VariableDeclaration>;
}

function declare(env: Env, d: VariableDeclaration, globals: VariableDeclaration[], links?: Links): void {
  const previous = env.get(d.name);
  if (previous) links?.redeclares.set(d, previous.declaration);
  let defaultFrom: VariableDeclaration | undefined;
  if (d.kind === 'arg' && d.value === undefined) {
    // BuildKit: `ARG NAME` in a stage takes the global default; without one the earlier value stays.
    const global = d.stage !== undefined ? lastBefore(globals, d.name, Infinity) : undefined;
    defaultFrom = global ?? previous?.declaration;
    if (defaultFrom) links?.defaultSources.set(d, defaultFrom);
  }
  env.set(d.name, { declaration: d, defaultFrom, known: undefined });
}

function bindingOf(name: string, entry: Entry): VariableBinding {
  const d = entry.declaration;
  return {
    name,
    kind: d.kind,
    declaration: d,
    defaultFrom: entry.defaultFrom,
    value: d.value ?? entry.defaultFrom?.value,
    predefined: getPredefinedArg(name),
  };
}

function unboundBinding(name: string, inStage: boolean, globals: VariableDeclaration[]): VariableBinding {
  const predefined = getPredefinedArg(name);
  const hiddenGlobal = inStage ? lastBefore(globals, name, Infinity) : undefined;
  if (predefined) return { name, kind: 'predefined', predefined, automatic: !inStage && predefined.group === 'platform', hiddenGlobal };
  return { name, kind: 'undeclared', hiddenGlobal };
}

function lastBefore(decls: VariableDeclaration[], name: string, offset: number): VariableDeclaration | undefined {
  let found: VariableDeclaration | undefined;
  for (const d of decls) if (d.name === name && d.keyValue.start < offset) found = d;
  return found;
}

const GLOBAL_ARGS = derivedKey<VariableDeclaration[]>('globalArgDeclarations');

/** The ARGs before the first FROM, read without the rest of the file (all a FROM line can see). */
function globalArgDeclarations(model: DockerfileModel): VariableDeclaration[] {
  return model.derived(GLOBAL_ARGS, readGlobalArgs);
}

/** (One function for every call: an arrow here would be a new closure per call.) */
function readGlobalArgs(m: DockerfileModel): VariableDeclaration[] {
  const found: VariableDeclaration[] = [];
  const firstFrom = m.stages[0]?.from.start ?? Infinity;
  // The list, not the array: only the instructions before the first FROM are read.
  for (const ins of m.ast.instructionList) {
    if (ins.start >= firstFrom) break;
    collectDeclarations(m.ast.source, ins, ins, undefined, false, found);
  }
  return globalDeclarations(found);
}

/**
 * What `name` means on the FROM line `from`: `bindingAt(model, name, from.start)`, from the global
 * ARGs alone. The stage analysis asks this for every stage's image; an edit must not pay for the
 * whole file's variable index to answer it.
 */
export function fromLineBinding(model: DockerfileModel, name: string, from: Instruction): VariableBinding {
  const globals = globalArgDeclarations(model);
  const env: Env = new Map();
  for (const d of globals) if (d.instruction.end < from.start) declare(env, d, globals);
  const entry = env.get(name);
  return entry ? bindingOf(name, entry) : unboundBinding(name, false, globals);
}

/** What a reference of a stage means (`stageReference`); shared by the references that mean the same, not to be changed. */
export interface StageRef {
  readonly binding: VariableBinding;
  /** For a name nothing declares: the declared names in effect before its instruction. */
  readonly namesBefore?: readonly string[];
}

/** One stage's references BuildKit expands (`expandedRefs`) with what they mean, and the environment it leaves to stages built on it. */
interface StageScope {
  /** By the reference's start offset: the tree makes its references anew on each read. */
  refs: Map<number, StageRef>;
  exit: Env;
}

/**
 * A reference nothing declares. Its names before are the first `count` names of the stage's exit
 * environment, read when asked (a report of an undefined name, rare): names are only ever added to
 * an environment (a name set again keeps its place), so those are the names in effect then.
 */
class UnboundRef implements StageRef {
  constructor(
    readonly binding: VariableBinding,
    private readonly env: Env,
    private readonly count: number,
  ) {}

  get namesBefore(): string[] {
    const names: string[] = [];
    for (const name of this.env.keys()) {
      if (names.length === this.count) break;
      names.push(name);
    }
    return names;
  }
}

/** Per model, by name: the binding of a name nothing in a stage declares (it depends on the global ARGs alone). */
const UNBOUND_IN_STAGE = derivedKey<Map<string, VariableBinding>>('unboundInStage');
const newBindings = (): Map<string, VariableBinding> => new Map();

/**
 * What a reference in `stage` means, from the stage, the stages it builds on and the global ARGs
 * alone: the binding the whole file's index gives it (`bindingAt` on its name), and for a name
 * nothing declares, the declared names in effect before its instruction (what `variablesInScope`
 * at the instruction's start lists). Undefined for a reference the walk does not see (FROM lines)
 * and for one BuildKit does not expand (`expandedRefs`: a RUN's script is the shell's).
 * Rules kept per stage ask this, so that an edit reads one stage chain, not the file.
 */
export function stageReference(model: DockerfileModel, stage: Stage, ref: VariableRef): StageRef | undefined {
  return stageReferences(model, stage).get(ref.start);
}

/** `stageReference` for every reference of the stage at once, by where each starts (a rule reading them all looks the stage up once). */
export function stageReferences(model: DockerfileModel, stage: Stage): ReadonlyMap<number, StageRef> {
  return stageValue<StageScope>(model, stage, 'stageScope', walkScope).refs;
}

/**
 * What `name` means just before `before`, an instruction of `stage` (an ONBUILD trigger sees the
 * whole stage and the triggers before it): `bindingAt(model, name, before.start)` from the stage,
 * the stages it builds on and the global ARGs alone. A rule asking this at a RUN does not build the
 * whole file's variable index (PipNoCacheDir at every `pip install`).
 */
export function bindingBefore(model: DockerfileModel, stage: Stage, before: Instruction, name: string): VariableBinding {
  const globals = globalArgDeclarations(model);
  const base = baseOf(model.stages, stage);
  const env: Env = new Map(base ? stageValue<StageScope>(model, base, 'stageScope', walkScope).exit : undefined);
  const apply = (top: Instruction, ins: Instruction, onbuild: boolean) => {
    const own: VariableDeclaration[] = [];
    collectDeclarations(model.ast.source, top, ins, stage.index, onbuild, own);
    for (const d of own) declare(env, d, globals);
  };
  const trigger = before.keyword === 'ONBUILD' && before.inner !== undefined;
  for (const ins of stage.instructions) {
    if (!trigger && ins.end >= before.start) break;
    if (!(ins.keyword === 'ONBUILD' && ins.inner)) apply(ins, ins, false);
  }
  if (trigger) for (const ins of stage.instructions) if (ins.keyword === 'ONBUILD' && ins.inner && ins.end < before.start) apply(ins, ins.inner, true);
  const entry = env.get(name);
  return entry ? bindingOf(name, entry) : unboundBinding(name, true, globals);
}

/** Variable references BuildKit expands in this instruction (not shell-evaluated parts, not heredoc bodies). */
export function expandedRefs(ins: Instruction): readonly VariableRef[] {
  // Most instructions refer to no variable: their list (the shared empty one) as it is. The list
  // and the flags are made on each read: read once.
  const variables = ins.variables;
  if (variables.length === 0) return variables;
  if (EXPANDED.has(ins.keyword)) {
    const heredocs = ins.heredocs;
    return heredocs.length === 0 ? variables : variables.filter((v) => !heredocs.some((h) => v.start >= h.body.start && v.start < h.end));
  }
  // RUN/CMD/... arguments belong to the shell; their flags (`--mount=...,target=$DIR`) are BuildKit's.
  const flags = ins.flags;
  if (flags.length === 0) return EMPTY;
  const argsStart = ins.argsSpan.start;
  return variables.filter((v) => v.start < argsStart && flags.some((f) => v.start >= f.start && v.end <= f.end));
}

const walkScope = (stage: Stage, base: StageScope | undefined, model: DockerfileModel): StageScope => walkStage(model, stage, base?.exit);

/**
 * The stage's part of `buildIndex`: the same walk, started from the base stage's exit environment.
 * Only the references BuildKit expands are kept (the others' meaning is the shell's at run time).
 */
function walkStage(model: DockerfileModel, stage: Stage, baseExit: Env | undefined): StageScope {
  const globals = globalArgDeclarations(model);
  const unbound = model.derived(UNBOUND_IN_STAGE, newBindings);
  const text = model.ast.source;
  const env: Env = new Map(baseExit);
  const refs: StageScope['refs'] = new Map();
  const walk = (top: Instruction, ins: Instruction, onbuild: boolean, variables: readonly VariableRef[]) => {
    // Nothing to bind or declare (most instructions): left before anything is made for them.
    if (variables.length === 0 && ins.keyword !== 'ARG' && ins.keyword !== 'ENV') return;
    const own: VariableDeclaration[] = [];
    collectDeclarations(text, top, ins, stage.index, onbuild, own);
    // The names in effect before the instruction (an ARG declares while it binds): the first this many of the environment.
    const before = env.size;
    walkInstruction(ins, own, env, globals, (ref, e) => {
      const entry = e.get(ref.name);
      if (entry) refs.set(ref.start, (entry.known ??= { binding: bindingOf(ref.name, entry) }));
      else {
        let binding = unbound.get(ref.name);
        if (!binding) unbound.set(ref.name, (binding = unboundBinding(ref.name, true, globals)));
        refs.set(ref.start, new UnboundRef(binding, env, before));
      }
    }, undefined, variables);
  };
  for (const ins of stage.instructions) if (!(ins.keyword === 'ONBUILD' && ins.inner)) walk(ins, ins, false, expandedRefs(ins));
  // Triggers run after the stage: they see all of it, and the triggers before them.
  for (const ins of stage.instructions) if (ins.keyword === 'ONBUILD' && ins.inner) walk(ins, ins.inner, true, expandedRefs(ins));
  return { refs, exit: env };
}

function globalDeclarations(declarations: VariableDeclaration[]): VariableDeclaration[] {
  return declarations.filter((d) => d.stage === undefined && d.kind === 'arg' && !d.onbuild);
}

function collectDeclarations(
  text: SourceText,
  top: Instruction,
  ins: Instruction,
  stage: number | undefined,
  onbuild: boolean,
  out: VariableDeclaration[],
): void {
  if (ins.keyword !== 'ARG' && ins.keyword !== 'ENV') return;
  for (const kv of ins.keyValues) {
    const name = kv.key.value;
    if (name === '') continue;
    out.push({
      kind: ins.keyword === 'ARG' ? 'arg' : 'env',
      name,
      instruction: top,
      keyValue: kv,
      nameSpan: nameSpanIn(text, kv.key, name),
      value: kv.value?.value,
      stage,
      onbuild,
    });
  }
}

/** The span of `name` inside a key word (which may carry quotes or a line continuation). */
function nameSpanIn(text: SourceText, key: Span, name: string): Span {
  // Most keys are the name as written: compared in place, without a copy of the key's text.
  if (key.end - key.start === name.length && text.startsWith(name, key.start)) return { start: key.start, end: key.end };
  const written = text.slice(key.start, key.end);
  const at = written.indexOf(name);
  return at >= 0 ? { start: key.start + at, end: key.start + at + name.length } : { start: key.start, end: key.end };
}

/** The environment of `stage` just before `offset` (its base stages' environments included). */
function stageEnv(model: DockerfileModel, stage: Stage, offset: number, index: VariableIndex): Env {
  const base = baseOf(model.stages, stage);
  const env: Env = new Map(base ? inheritedEnv(model, base, index) : undefined);
  for (const d of index.byStage[stage.index] ?? []) {
    if (d.instruction.end >= offset) break;
    if (!d.onbuild) declare(env, d, index.globals);
  }
  return env;
}

/** What a stage built on `stage` starts with: the whole stage's environment, then its ONBUILD declarations. */
function inheritedEnv(model: DockerfileModel, stage: Stage, index: VariableIndex): Env {
  return stageValue<Env>(model, stage, 'inheritedEnv', (s, inherited) => {
    const env: Env = new Map(inherited);
    for (const d of index.byStage[s.index] ?? []) if (!d.onbuild) declare(env, d, index.globals);
    applyOnbuild(env, s, index, () => true);
    return env;
  });
}

function applyOnbuild(env: Env, stage: Stage, index: VariableIndex, include: (d: VariableDeclaration) => boolean): void {
  for (const d of index.byStage[stage.index] ?? []) if (d.onbuild && include(d)) declare(env, d, index.globals);
}
