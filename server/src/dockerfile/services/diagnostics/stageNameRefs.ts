// Which stages' rule results read which stage names, so that renaming a stage re-runs only the
// stages that name it (issue 16). Stage rules look other stages up by name (DuplicateStageName,
// CopyFromUnknownStage, CopyWholeFilesystem, InvalidDefaultArgInFrom) and through the base chain
// (a FROM naming a stage). A stage's references are read from its own text (its name, its FROM base,
// the `--from` values of its COPY and ADD lines, ONBUILD ones included) and from whether each
// `--from` name is a stage's: that changes only when a stage of that name is renamed, and then the
// stage is re-run and read again. So the index is carried across edits, and only the stages an edit
// touched or re-ran are read again. A reference is a lower-case name, or `#k` for `--from=k`.
import type { Instruction } from '../../parser/ast';
import type { DockerfileModel, Stage } from '../../parser/model';
import { fromLineValues } from './rules/fromLine';
import { expandWord, nameShare, unquote } from './rules/helpers';

/** One stage's references: names (and `#k`), or every name (`all`: the stage reads the list of names). */
type Refs = { names: readonly string[]; all: boolean };

/** Per stage, what names its results read; and per name, the stages reading it. */
export class StageNameRefs {
  private readonly byStage: Refs[];
  private readonly byName = new Map<string, Set<number>>();
  /** Stages whose results read every stage name. */
  private readonly readsAll = new Set<number>();

  /** `baseNames`: what a FROM base with a variable expands to (see `fromBaseNames`). */
  constructor(
    model: DockerfileModel,
    private baseNames: (base: string) => string[],
  ) {
    this.byStage = new Array(model.stages.length);
    for (const stage of model.stages) this.add(stage.index, refsOf(model, stage, baseNames));
  }

  /** Reads `stages` of `model` again (the others are unchanged, at the same index). */
  update(model: DockerfileModel, stages: Iterable<number>): void {
    for (const k of stages) {
      this.remove(k);
      this.add(k, refsOf(model, model.stages[k], this.baseNames));
    }
  }

  /**
   * FROM bases are expanded with `baseNames` from now on (the global ARGs changed): the stages whose
   * base reads a changed one must be read again (`update`).
   */
  rebase(baseNames: (base: string) => string[]): void {
    this.baseNames = baseNames;
  }

  /** The stages whose results read one of `names` (every stage reading all names, when there is any). */
  readers(names: ReadonlySet<string>): Set<number> {
    const out = new Set<number>();
    if (names.size === 0) return out;
    for (const name of names) for (const k of this.byName.get(name) ?? []) out.add(k);
    for (const k of this.readsAll) out.add(k);
    return out;
  }

  private add(k: number, refs: Refs): void {
    this.byStage[k] = refs;
    if (refs.all) this.readsAll.add(k);
    for (const name of refs.names) {
      const set = this.byName.get(name);
      if (set) set.add(k);
      else this.byName.set(name, new Set([k]));
    }
  }

  private remove(k: number): void {
    const refs = this.byStage[k];
    if (!refs) return;
    this.readsAll.delete(k);
    for (const name of refs.names) this.byName.get(name)?.delete(k);
  }
}

/**
 * The names (and `#k`) whose stage changed between two versions with the same number of stages, where
 * only the stages in [lo, hi) can differ: a stage's old and new name when its share changed.
 */
export function changedNames(before: DockerfileModel, now: DockerfileModel, lo: number, hi: number): Set<string> {
  const out = new Set<string>();
  for (let k = lo; k < hi; k++) {
    const a = before.stages[k];
    const b = now.stages[k];
    if (nameShare(a) === nameShare(b)) continue;
    out.add(`#${k}`);
    if (a.name) out.add(a.name.toLowerCase());
    if (b.name) out.add(b.name.toLowerCase());
  }
  return out;
}

const NUMBER = /^\d+$/;
/** A `--from` value that is an image reference, not a name: CopyFromUnknownStage reads no names for it. */
const IMAGE_LIKE = /[/:@.]/;

/**
 * The names a FROM base with a variable reads: its expansion with the global ARGs' defaults
 * (InvalidDefaultArgInFrom) and with the build arguments too (the stage it builds on: buildArgs.ts).
 * Both stay the same while the stage cache's results are carried (same global ARGs, same settings).
 */
export function fromBaseNames(model: DockerfileModel, buildArgs: Readonly<Record<string, string>>): (base: string) => string[] {
  const defaults = fromLineValues(model, buildArgs, false);
  const given = fromLineValues(model, buildArgs, true);
  return (base) => [defaults, given].map((values) => unquote(expandWord(base, (n) => values.get(n))).toLowerCase());
}

function refsOf(model: DockerfileModel, stage: Stage, baseNames: (base: string) => string[]): Refs {
  const names: string[] = [];
  if (stage.name) names.push(stage.name.toLowerCase());
  let all = false;
  if (stage.base.includes('$')) names.push(...baseNames(stage.base));
  else if (stage.base !== '') names.push(stage.base.toLowerCase());
  const list = model.ast.instructionList;
  // The first stage also answers for instructions before the first FROM (CopyWholeFilesystem).
  const first = stage.index === 0 ? 0 : stage.fromIndex + 1;
  const end = stage.fromIndex + 1 + stage.instructionCount;
  const read = (ins: Instruction) => {
    if ((ins.keyword !== 'COPY' && ins.keyword !== 'ADD') || ins.flags.length === 0) return;
    for (const flag of ins.flags) {
      if (flag.name.toLowerCase() !== 'from' || flag.value === undefined) continue;
      const value = flag.value;
      if (NUMBER.test(value)) names.push(`#${Number(value)}`);
      else {
        names.push(value.toLowerCase());
        // A name no stage has gets a suggestion from the earlier stages' names (CopyFromUnknownStage).
        if (!IMAGE_LIKE.test(value) && !value.includes('$') && model.stageByName(value) === undefined) all = true;
      }
    }
  };
  for (let i = first; i < end; i++) {
    if (i === stage.fromIndex) continue;
    const ins = list.at(i);
    read(ins);
    if (ins.inner) read(ins.inner);
  }
  return { names, all };
}
