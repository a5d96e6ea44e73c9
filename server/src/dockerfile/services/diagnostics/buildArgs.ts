// Build arguments (`--build-arg K=V`, the `docklens.buildArgs` setting, Compose `build.args`) as the
// rules see them. BuildKit gives a build argument to a declared ARG only; a name the file never
// declares stays undefined, so UndefinedVar and UndefinedArgInFrom do not change. What changes is the
// value: FROM lines (the base image, `--platform`) and which earlier stage a `FROM ${BASE}` builds on.
import { derivedStore, withBaseStage, type DockerfileModel } from '../../parser/model';
import { fromLineValues } from './rules/fromLine';
import { expandWord, unquote } from './rules/helpers';
import { alignInstructions } from '../../parser/alignment';
import { stageWindow } from './ruleCache';

export type BuildArgs = Readonly<Record<string, string>>;

/**
 * Reads `K=V` words (the CLI's `--build-arg`, Compose's list form). A bare `K` takes the value from
 * `env` as `docker build` does, and is left out when `env` has none.
 */
export function parseBuildArgList(words: readonly string[], env: Readonly<Record<string, string | undefined>> = {}): Record<string, string> {
  const out: Record<string, string> = {};
  for (const word of words) {
    const eq = word.indexOf('=');
    const key = (eq < 0 ? word : word.slice(0, eq)).trim();
    if (key === '') continue;
    const value = eq < 0 ? env[key] : word.slice(eq + 1);
    if (value !== undefined) out[key] = value;
  }
  return out;
}

/** Keeps the string values of a settings object (`{"NODE_VERSION": "20"}`); numbers and booleans become text. */
export function readBuildArgs(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!value || typeof value !== 'object' || Array.isArray(value)) return out;
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (typeof v === 'string') out[k] = v;
    else if (typeof v === 'number' || typeof v === 'boolean') out[k] = String(v);
  }
  return out;
}

/**
 * FROM bases as expanded with the last values seen (the global ARGs and build arguments): an edit
 * rarely changes them, and a long file repeats the same few bases.
 */
let expansions: { key: string; names: Map<string, string> } | undefined;

/**
 * What one version's FROM lines with a variable resolve to: kept by the document's rule cache, so
 * that the next version reads only the FROM lines an edit touched.
 */
export interface StageBases {
  /** The model as parsed (not the resolved copy). */
  model: DockerfileModel;
  /** The values the bases were expanded with. */
  key: string;
  /** The stages whose FROM base holds a variable, in order. */
  variable: number[];
  /** Those of them that build on an earlier stage once expanded: [stage, base stage], in order. */
  resolved: [number, number][];
}

/**
 * The model with `FROM ${NAME}` lines resolved to the earlier stage they name once expanded with the
 * global ARGs' defaults and the build arguments, as BuildKit resolves them. The model itself is shared
 * by every feature and stays as parsed; an unchanged model is returned when nothing resolves. With
 * the previous version's `StageBases`, only the stages an edit changed are read again, unless the
 * edit added, removed or renamed a stage or changed the values.
 */
export function resolveStageBases(model: DockerfileModel, buildArgs: BuildArgs, last?: StageBases): { model: DockerfileModel; bases: StageBases } {
  const values = fromLineValues(model, buildArgs, true);
  const key = JSON.stringify([...values]);
  const bases = (last && carriedBases(last, model, key, values)) ?? findBases(model, key, values, 0, model.stages.length, { model, key, variable: [], resolved: [] });
  if (bases.resolved.length === 0) return { model, bases };
  const stages = model.stages.slice();
  for (const [index, base] of bases.resolved) stages[index] = withBaseStage(stages[index], base);
  const resolved: DockerfileModel = {
    ...model,
    stages,
    // Derived values (stage analysis, indexes) follow the stages: this copy computes its own.
    derived: derivedStore(() => resolved),
    stageByName: (name) => {
      const s = model.stageByName(name);
      return s && stages[s.index];
    },
    stageAt: (offset) => {
      const s = model.stageAt(offset);
      return s && stages[s.index];
    },
  };
  return { model: resolved, bases };
}

/** `into` with the variable bases of stages [from, to) added. */
function findBases(model: DockerfileModel, key: string, values: ReadonlyMap<string, string | undefined>, from: number, to: number, into: StageBases): StageBases {
  let stageOf: ((base: string) => number) | undefined;
  for (let k = from; k < to; k++) {
    const stage = model.stages[k];
    if (stage.baseStage !== undefined || !stage.base.includes('$')) continue;
    into.variable.push(k);
    stageOf ??= resolver(model, key, values);
    const base = stageOf(stage.base);
    if (base >= 0 && base < k) into.resolved.push([k, base]);
  }
  return into;
}

/**
 * The previous version's bases for the stages outside the edit's window, when the values are the
 * same and no stage was added, removed or renamed (a name decides what a base resolves to).
 */
function carriedBases(last: StageBases, model: DockerfileModel, key: string, values: ReadonlyMap<string, string | undefined>): StageBases | undefined {
  if (last.key !== key) return undefined;
  const before = last.model;
  if (before === model) return last;
  const a = alignInstructions(before.ast, model.ast);
  if (!a) return undefined;
  const { lo, hi, shift } = stageWindow(before, model, a);
  if (shift !== 0) return undefined;
  for (let k = lo; k < hi; k++) if ((model.stages[k].name?.toLowerCase() ?? '') !== (before.stages[k].name?.toLowerCase() ?? '')) return undefined;
  const bases: StageBases = { model, key, variable: last.variable.filter((k) => k < lo), resolved: last.resolved.filter(([k]) => k < lo) };
  findBases(model, key, values, lo, hi, bases);
  for (const k of last.variable) if (k >= hi) bases.variable.push(k);
  for (const pair of last.resolved) if (pair[0] >= hi) bases.resolved.push(pair);
  return bases;
}

/** The index of the stage a FROM base names once expanded (-1: none); expansions are remembered while the values stay the same. */
function resolver(model: DockerfileModel, key: string, values: ReadonlyMap<string, string | undefined>): (base: string) => number {
  if (expansions?.key !== key || expansions.names.size > 10_000) expansions = { key, names: new Map() };
  const names = expansions.names;
  return (base) => {
    let name = names.get(base);
    if (name === undefined) names.set(base, (name = unquote(expandWord(base, (n) => values.get(n))).toLowerCase()));
    // stageByName gives the first stage of that name: an earlier one exists only if that one is.
    return (name === '' ? undefined : model.stageByName(name))?.index ?? -1;
  };
}
