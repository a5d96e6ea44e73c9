// Values a stage inherits along `FROM <earlier stage>` chains (its SHELL, WORKDIR, environment, image
// config...). A file may chain 10,000 stages: recursion would overflow the stack and a walk down the
// chain per question would be quadratic. Here each stage's value is computed once per model (kept by
// `model.derived`), from its base stage's value, by a loop that first collects the stages not yet known.
import { derivedKey, type DerivedKey, type DockerfileModel, type Stage } from './model';

/** Per model: computation name → stage index → value. */
const CHAIN_VALUES: DerivedKey<Map<string, Map<number, unknown>>> = derivedKey('stageValue');

const newKeyMap = (): Map<string, Map<number, unknown>> => new Map();

/**
 * The value `compute` gives each stage at its end, where `inherited` is the base stage's value
 * (undefined for a stage built on an image), and `model` the model asked (so that a caller asking
 * often can pass one function made once, not a closure made per call). `key` names the computation: the same key must always
 * mean the same `compute`. A chain that loops back (never produced by the parser) ends the walk:
 * that stage inherits nothing.
 */
export function stageValue<T>(model: DockerfileModel, stage: Stage, key: string, compute: (stage: Stage, inherited: T | undefined, model: DockerfileModel) => T): T {
  const byKey = model.derived(CHAIN_VALUES, newKeyMap);
  let memo = byKey.get(key) as Map<number, T> | undefined;
  if (!memo) byKey.set(key, (memo = new Map()));
  if (memo.has(stage.index)) return memo.get(stage.index)!;
  const stages = model.stages;
  const pending: Stage[] = [];
  const seen = new Set<number>();
  let s: Stage | undefined = stage;
  while (s && !memo.has(s.index) && !seen.has(s.index)) {
    seen.add(s.index);
    pending.push(s);
    s = baseOf(stages, s);
  }
  let inherited = s && memo.has(s.index) ? memo.get(s.index) : undefined;
  for (let i = pending.length - 1; i >= 0; i--) {
    inherited = compute(pending[i], inherited, model);
    memo.set(pending[i].index, inherited);
  }
  return memo.get(stage.index)!;
}

/** The stage `stage` builds on, when it builds on an earlier stage of the file. */
export function baseOf(stages: readonly Stage[], stage: Stage): Stage | undefined {
  return stage.baseStage !== undefined && stage.baseStage < stage.index ? stages[stage.baseStage] : undefined;
}

/** The first stage of the chain `stage` builds on: the one whose FROM names an image. */
export function rootStage(model: DockerfileModel, stage: Stage): Stage {
  return stageValue<Stage>(model, stage, 'rootStage', (s, inherited) => inherited ?? s);
}
