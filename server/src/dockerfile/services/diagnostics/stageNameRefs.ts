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
import { StageReaders } from './stageReaders';

/** One stage's references: names (and `#k`), or every name (`all`: the stage reads the list of names). */
type Refs = { names: readonly string[]; all: boolean };

/** Per stage, what names its results read; and per name, the stages reading it. */
export class StageNameRefs {
  private readonly index: StageReaders<Refs>;

  /** `baseNames`: what a FROM base with a variable expands to (see `fromBaseNames`). */
  constructor(
    model: DockerfileModel,
    private baseNames: (base: string) => string[],
  ) {
    this.index = new StageReaders(model.stages.length, (refs) => refs.names);
    for (const stage of model.stages) this.index.set(stage.index, refsOf(model, stage, baseNames));
  }

  /** Reads `stages` of `model` again (the others are unchanged, at the same index). */
  update(model: DockerfileModel, stages: Iterable<number>): void {
    for (const k of stages) this.index.set(k, refsOf(model, model.stages[k], this.baseNames));
  }

  /**
   * FROM bases are expanded with `baseNames` from now on (the global ARGs changed): the stages whose
   * base reads a changed one must be read again (`update`).
   */
  rebase(baseNames: (base: string) => string[]): void {
    this.baseNames = baseNames;
  }

  /**
   * Stages [lo, oldHi) were replaced by [lo, hi) (a FROM line added or removed): the ones after
   * them move to their new index, the new ones are unread (`update` reads them).
   */
  renumber(lo: number, oldHi: number, hi: number): void {
    this.index.renumber(lo, oldHi, hi);
  }

  /** The stages reading a stage by number (`--from=1`): what it names changes when stages are renumbered. */
  numberReaders(): Set<number> {
    return this.index.readersOf((name) => name.startsWith('#'));
  }

  /** The stages whose results read one of `names` (every stage reading all names, when there is any). */
  readers(names: ReadonlySet<string>): Set<number> {
    const out = new Set<number>();
    if (names.size === 0) return out;
    this.index.readers(names, out);
    for (const k of this.index.stagesWhere((refs) => refs.all)) out.add(k);
    return out;
  }
}

/**
 * After stages [lo, oldHi) of `before` became [lo, hi) of `now` (the others the same stages, those
 * after moved by hi - oldHi): the names of the stages in either window whose first stage changed
 * (another stage, none, one in the window with another share). A stage in the window stays between
 * the same stages outside it, so references from outside compare with it as before.
 */
export function changedNamesMoved(before: DockerfileModel, now: DockerfileModel, lo: number, oldHi: number, hi: number): Set<string> {
  const names = new Set<string>();
  for (let k = lo; k < oldHi; k++) if (before.stages[k].name) names.add(before.stages[k].name!.toLowerCase());
  for (let k = lo; k < hi; k++) if (now.stages[k].name) names.add(now.stages[k].name!.toLowerCase());
  const out = new Set<string>();
  for (const name of names) {
    const a = before.stageByName(name);
    const b = now.stageByName(name);
    // Where the first stage of the name is, in the new numbering (-1: in the window).
    const at = a === undefined ? undefined : a.index < lo ? a.index : a.index >= oldHi ? a.index + hi - oldHi : -1;
    const now_ = b === undefined ? undefined : b.index < lo || b.index >= hi ? b.index : -1;
    if (at !== now_ || (at === -1 && nameShare(a!) !== nameShare(b!))) out.add(name);
  }
  return out;
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
