// Which stages' rule results read which global ARGs, so that an edit of a global ARG re-runs only
// the stages that read it (issue 16). A stage reads the global ARGs by name only: its FROM line
// expands them (the base image, `--platform`, the stage it builds on), an `ARG NAME` without a value
// in it (or in an ONBUILD trigger) takes the global default, and a `$NAME` nothing in the stage
// declares is reported as a global ARG not redeclared (scopes.ts: `hiddenGlobal`). So a stage's
// names are the variables written in it and the ARG names it declares; the stages built on a stage
// that reads a name are re-run with it (ruleCache.ts follows the base chains). The "did you mean"
// of a few rules lists every global name (`Rule.readsGlobalArgNames`): their stages are re-run when
// the list changes (ruleCache.ts). Like StageNameRefs, the index is carried across edits and only
// the stages an edit touched or re-ran are read again.
import type { Instruction } from '../../parser/ast';
import type { ArgDeclaration, DockerfileModel, Stage } from '../../parser/model';
import { fromLineValues } from './rules/fromLine';
import { StageReaders } from './stageReaders';

/** Per stage, the global ARG names its results may read; and per name, the stages reading it. */
export class StageArgRefs {
  private readonly index: StageReaders<readonly string[]>;

  constructor(model: DockerfileModel) {
    this.index = new StageReaders(model.stages.length, (names) => names);
    for (const stage of model.stages) this.index.set(stage.index, namesOf(model, stage));
  }

  /** Reads `stages` of `model` again (the others are unchanged, at the same index). */
  update(model: DockerfileModel, stages: Iterable<number>): void {
    for (const k of stages) this.index.set(k, namesOf(model, model.stages[k]));
  }

  /** Stages [lo, oldHi) were replaced by [lo, hi): the ones after them move to their new index, the new ones are unread (`update` reads them). */
  renumber(lo: number, oldHi: number, hi: number): void {
    this.index.renumber(lo, oldHi, hi);
  }

  /** The stages reading one of `names`. */
  readers(names: ReadonlySet<string>): Set<number> {
    return this.index.readers(names);
  }
}

/** `$NAME` / `${NAME}` anywhere in a FROM line's text (a superset of what its expansion reads). */
const WRITTEN = /\$\{?([A-Za-z_][A-Za-z0-9_]*)/g;

function namesOf(model: DockerfileModel, stage: Stage): string[] {
  const names = new Set<string>();
  for (const v of stage.from.variables) names.add(v.name);
  for (const m of model.ast.source.slice(stage.from.start, stage.from.end).matchAll(WRITTEN)) names.add(m[1]);
  const list = model.ast.instructionList;
  const read = (ins: Instruction) => {
    for (const v of ins.variables) names.add(v.name);
    if (ins.keyword === 'ARG') for (const kv of ins.keyValues) names.add(kv.key.value);
  };
  const end = stage.fromIndex + 1 + stage.instructionCount;
  for (let i = stage.fromIndex + 1; i < end; i++) {
    const ins = list.at(i);
    read(ins);
    if (ins.inner) read(ins.inner);
  }
  return [...names];
}

/** What an edit changed of the global ARGs: the names whose declarations or values differ, and whether the list of names did. */
export interface GlobalArgChange {
  names: ReadonlySet<string>;
  /** The global ARG names, in order, are not the same list. */
  list: boolean;
}

/**
 * The global ARGs of two versions compared name by name: each name's declarations as written (in
 * order), and the values FROM lines see, with and without the build arguments (a value written
 * `${OTHER}` changes with OTHER).
 */
export function globalArgChange(before: DockerfileModel, now: DockerfileModel, buildArgs: Readonly<Record<string, string>>): GlobalArgChange {
  const a = signatures(before, buildArgs);
  const b = signatures(now, buildArgs);
  const names = new Set<string>();
  for (const [name, sig] of a) if (b.get(name) !== sig) names.add(name);
  for (const name of b.keys()) if (!a.has(name)) names.add(name);
  return { names, list: nameList(before.globalArgs) !== nameList(now.globalArgs) };
}

function nameList(args: readonly ArgDeclaration[]): string {
  return [...new Set(args.map((a) => a.name))].join('\u0000');
}

function signatures(model: DockerfileModel, buildArgs: Readonly<Record<string, string>>): Map<string, string> {
  const written = new Map<string, string[]>();
  for (const a of model.globalArgs) {
    const value = a.declaration.value?.value;
    const list = written.get(a.name);
    const entry = value === undefined ? '\u0001' : `=${value}`;
    if (list) list.push(entry);
    else written.set(a.name, [entry]);
  }
  const defaults = fromLineValues(model, buildArgs, false);
  const given = fromLineValues(model, buildArgs, true);
  const out = new Map<string, string>();
  for (const [name, list] of written) out.set(name, JSON.stringify([list, defaults.get(name) ?? null, given.get(name) ?? null]));
  return out;
}
