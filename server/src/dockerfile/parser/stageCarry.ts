// What a model version carries from the versions before it: the per-stage results (outline, folding,
// links, lenses...) of the stages an edit did not touch, so that the requests an editor sends after
// every edit cost the edited stages and a loop over the stages, not a walk over every instruction.
//
// buildModel links a version made from a previous one to that version's store of per-stage results,
// with a map from the new stage indexes to the old ones. A stage maps when its text from its FROM to
// the next FROM reads the same, moved by `by` characters and `lines` lines (for the last stage: up to
// the end of its last instruction; what follows it may differ). Versions nobody asked anything of
// are passed through: each computation is found in the last version that made it, the maps composed
// (at most MAX_DEPTH versions back).
import type { Alignment } from './alignment';
import { derivedKey, type DerivedKey } from '../../common/derived';
import type { DockerfileModel, Stage } from './model';

/** Where a stage of this version was in an earlier one, and how far it moved since. */
export interface StageMove {
  /** The stage's index in the earlier version. */
  old: number;
  /** Characters the stage moved by (0 above the edit). */
  by: number;
  /** Lines the stage moved by. */
  lines: number;
}

type StageMap = (k: number) => StageMove | undefined;

/** Where a version finds one computation's values: the last earlier version that made them, and the map to its stages. */
interface Source {
  values: unknown[];
  map: StageMap;
  /** Versions between (maps composed). */
  depth: number;
}

/** Versions a computation nobody asks for is followed through at most (one composed map each). */
const MAX_DEPTH = 64;

const STORE: DerivedKey<Map<string, unknown[]>> = derivedKey('stageCarryStore');
const SOURCES: DerivedKey<Map<string, Source>> = derivedKey('stageCarrySources');

function storeOf(model: DockerfileModel): Map<string, unknown[]> {
  return model.derived(STORE, () => new Map());
}

/**
 * Called by buildModel: `model` was made from `previous` (aligned by `a`); `froms`/`oldFroms` are
 * the two versions' FROM indexes among their instructions. Per computation: the previous version's
 * values when it made them, else the source it had, one map further (each computation is found in
 * the last version that made it, whichever others were asked in between).
 */
export function linkVersions(model: DockerfileModel, previous: DockerfileModel, a: Alignment, froms: readonly number[], oldFroms: readonly number[]): void {
  const lines = model.lines.lineCount - previous.lines.lineCount;
  const map = stageMap(a, froms, oldFroms, model.ast.instructionList.length, previous.ast.instructionList.length, lines);
  const sources = new Map<string, Source>();
  for (const [key, values] of storeOf(previous)) sources.set(key, { values, map, depth: 1 });
  for (const [key, older] of previous.derived(SOURCES, () => new Map())) {
    if (!sources.has(key) && older.depth < MAX_DEPTH) sources.set(key, { values: older.values, map: compose(map, older.map), depth: older.depth + 1 });
  }
  model.derived(SOURCES, () => sources);
}

/** Made apart from linkVersions: a closure keeps its function's variables, and the map must keep no version's sources. */
function stageMap(a: Alignment, froms: readonly number[], oldFroms: readonly number[], n: number, oldN: number, lines: number): StageMap {
  const stageShift = froms.length - oldFroms.length;
  const suffixStart = n - a.suffix;
  return (k) => {
    const f = froms[k];
    const end = k + 1 < froms.length ? froms[k + 1] : n;
    // Above the edit: the stage and the FROM after it (or, for the last, every instruction) are unchanged.
    if (end < a.prefix || (end === n && n <= a.prefix && oldN === n)) return { old: k, by: 0, lines: 0 };
    // Below it: everything from the FROM on is the old text, moved.
    if (f >= suffixStart && k - stageShift >= 0) return { old: k - stageShift, by: a.delta, lines };
    return undefined;
  };
}

function compose(newer: StageMap, older: StageMap): StageMap {
  return (k) => {
    const m = newer(k);
    const o = m && older(m.old);
    return o && { old: o.old, by: m.by + o.by, lines: m.lines + o.lines };
  };
}

/**
 * One value per stage of `model` (kept for the version: asked twice, made once): `make`'s for the
 * stages an edit touched, and for the others `carry`'s, given the value an earlier version made and
 * how far the stage moved since (undefined when it cannot be carried: then `make`'s). `key` names the
 * computation: one key, one `make` and `carry`. The values must not depend on other stages unless
 * `carry` checks that what they depend on is as before.
 */
export function perStage<T>(model: DockerfileModel, key: string, make: (stage: Stage) => T, carry: (value: T, move: StageMove, stage: Stage) => T | undefined): T[] {
  const store = storeOf(model);
  const known = store.get(key) as T[] | undefined;
  if (known) return known;
  const earlier = model.derived(SOURCES, () => new Map()).get(key);
  const values = model.stages.map((stage) => {
    const move = earlier?.map(stage.index);
    const old = move && (earlier!.values[move.old] as T | undefined);
    const carried = old === undefined ? undefined : carry(old, move!, stage);
    return carried === undefined ? make(stage) : carried;
  });
  store.set(key, values);
  return values;
}

/**
 * A copy of `text` that does not hold on to the text it was cut from (V8 keeps a slice of 13 or more
 * characters as a view of its parent): for strings cut from a version's whole source and carried to
 * later versions, which would otherwise keep that version's text alive.
 */
export function ownString(text: string): string {
  return text.length < 13 ? text : (text + ' ').slice(0, -1);
}
