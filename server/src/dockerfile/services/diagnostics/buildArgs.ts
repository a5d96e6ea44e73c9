// Build arguments (`--build-arg K=V`, the `docklens.buildArgs` setting, Compose `build.args`) as the
// rules see them. BuildKit gives a build argument to a declared ARG only; a name the file never
// declares stays undefined, so UndefinedVar and UndefinedArgInFrom do not change. What changes is the
// value: FROM lines (the base image, `--platform`) and which earlier stage a `FROM ${BASE}` builds on.
import { derivedStore, type DockerfileModel, type Stage } from '../../parser/model';
import { fromLineValues } from './rules/fromLine';
import { expandWord, unquote } from './rules/helpers';

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
 * The model with `FROM ${NAME}` lines resolved to the earlier stage they name once expanded with the
 * global ARGs' defaults and the build arguments, as BuildKit resolves them. The model itself is shared
 * by every feature and stays as parsed; an unchanged model is returned when nothing resolves.
 */
export function resolveStageBases(model: DockerfileModel, buildArgs: BuildArgs): DockerfileModel {
  let stages: Stage[] | undefined;
  let stageOf: ((base: string) => number) | undefined;
  for (const stage of model.stages) {
    if (stage.baseStage !== undefined || !stage.base.includes('$')) continue;
    stageOf ??= resolver(model, buildArgs);
    const base = stageOf(stage.base);
    if (base < 0 || base >= stage.index) continue;
    (stages ??= model.stages.slice())[stage.index] = { ...stage, baseStage: base };
  }
  if (!stages) return model;
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
  return resolved;
}

/** The index of the stage a FROM base names once expanded (-1: none); expansions are remembered while the values stay the same. */
function resolver(model: DockerfileModel, buildArgs: BuildArgs): (base: string) => number {
  const values = fromLineValues(model, buildArgs, true);
  const key = JSON.stringify([...values]);
  if (expansions?.key !== key || expansions.names.size > 10_000) expansions = { key, names: new Map() };
  const names = expansions.names;
  return (base) => {
    let name = names.get(base);
    if (name === undefined) names.set(base, (name = unquote(expandWord(base, (n) => values.get(n))).toLowerCase()));
    // stageByName gives the first stage of that name: an earlier one exists only if that one is.
    return (name === '' ? undefined : model.stageByName(name))?.index ?? -1;
  };
}
