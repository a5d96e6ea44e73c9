// File-wide totals made of one share per instruction (how continuation lines are indented, how
// many keywords are upper case...), computed once per model version. After an edit the total is
// carried from the previous version: the shares of the instructions the edit replaced are taken
// out and the new ones' added, so an edit does not read every instruction of the file again.
import type { Instruction } from './ast';
import type { Alignment } from './alignment';
import type { DerivedKey, DockerfileModel } from './model';

export interface FileSum<S> {
  key: DerivedKey<S>;
  empty(): S;
  copy(total: S): S;
  /** Adds `ins`'s share (read from `model`, the version it belongs to) to `total`, or takes it out (`sign` -1). */
  add(total: S, model: DockerfileModel, ins: Instruction, sign: 1 | -1): void;
}

/** The total over every instruction of `model` (made once per version). */
export function fileSum<S>(model: DockerfileModel, sum: FileSum<S>): S {
  return model.derived(sum.key, (m) => {
    const total = sum.empty();
    // By index: this runs once per model, mostly unoptimised, where an array's iterator makes a result object per step.
    const list = m.ast.instructions;
    for (let i = 0; i < list.length; i++) sum.add(total, m, list[i], 1);
    return total;
  });
}

/**
 * Makes `model`'s total from `previous`'s: the instructions outside the alignment's unchanged
 * prefix and suffix are taken out and added in. Call it before anything reads the new total.
 */
export function carryFileSum<S>(sum: FileSum<S>, previous: DockerfileModel, model: DockerfileModel, a: Alignment): void {
  const old = previous.ast.instructionList;
  const now = model.ast.instructionList;
  const total = sum.copy(fileSum(previous, sum));
  for (let i = a.prefix; i < old.length - a.suffix; i++) sum.add(total, previous, old.at(i), -1);
  for (let i = a.prefix; i < now.length - a.suffix; i++) sum.add(total, model, now.at(i), 1);
  model.derived(sum.key, () => total);
}
