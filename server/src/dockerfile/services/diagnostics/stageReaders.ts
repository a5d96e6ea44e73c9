// The index StageNameRefs and StageArgRefs both keep: per stage, what it reads (its entry, with the
// names in it); per name, the stages reading it. Carried across edits: `set` reads a stage again,
// `renumber` moves the stages after an added or removed FROM line to their new index.

/** Per stage an entry naming what the stage reads, and per name the stages reading it. */
export class StageReaders<T> {
  private byStage: (T | undefined)[];
  private readonly byName = new Map<string, Set<number>>();

  constructor(
    count: number,
    private readonly namesOf: (entry: T) => readonly string[],
  ) {
    this.byStage = new Array(count);
  }

  /** Stage `k` reads what `entry` names (what it read before is forgotten). */
  set(k: number, entry: T): void {
    const old = this.byStage[k];
    if (old !== undefined) for (const name of this.namesOf(old)) this.byName.get(name)?.delete(k);
    this.add(k, entry);
  }

  /** Stages [lo, oldHi) were replaced by [lo, hi): the ones after them move to their new index, the new ones have no entry until `set`. */
  renumber(lo: number, oldHi: number, hi: number): void {
    this.byStage = renumbered(this.byStage, lo, oldHi, hi);
    this.byName.clear();
    this.byStage.forEach((entry, k) => entry !== undefined && this.add(k, entry));
  }

  /** The stages reading one of `names`, added to `out`. */
  readers(names: Iterable<string>, out = new Set<number>()): Set<number> {
    for (const name of names) for (const k of this.byName.get(name) ?? []) out.add(k);
    return out;
  }

  /** The stages reading a name that passes `test`. */
  readersOf(test: (name: string) => boolean): Set<number> {
    const out = new Set<number>();
    for (const [name, set] of this.byName) if (test(name)) for (const k of set) out.add(k);
    return out;
  }

  /** The stages whose entry passes `test`. */
  stagesWhere(test: (entry: T) => boolean): number[] {
    const out: number[] = [];
    this.byStage.forEach((entry, k) => entry !== undefined && test(entry) && out.push(k));
    return out;
  }

  private add(k: number, entry: T): void {
    this.byStage[k] = entry;
    for (const name of this.namesOf(entry)) {
      const set = this.byName.get(name);
      if (set) set.add(k);
      else this.byName.set(name, new Set([k]));
    }
  }
}

/** `list` with the items [lo, oldHi) replaced by hi - lo empty ones. */
export function renumbered<T>(list: readonly (T | undefined)[], lo: number, oldHi: number, hi: number): (T | undefined)[] {
  const out: (T | undefined)[] = list.slice(0, lo);
  for (let k = lo; k < hi; k++) out.push(undefined);
  for (let j = oldHi; j < list.length; j++) out.push(list[j]);
  return out;
}
