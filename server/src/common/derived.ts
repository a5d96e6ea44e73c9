// A value computed once per model version, on first use (issue 16: derived indexes hang off the model
// instead of module-level WeakMaps): the Dockerfile model's and the Compose model's `derived`.

/** Names one derived value of a model; make one per computation, at module level. */
export interface DerivedKey<T> {
  readonly name: string;
  /** Never set: carries the value's type. */
  readonly type?: T;
}

export function derivedKey<T>(name: string): DerivedKey<T> {
  return { name };
}

/** `derived(key, compute)`: the value stored under `key`, else `compute(owner)`, stored. */
export type Derived<M> = <T>(key: DerivedKey<T>, compute: (model: M) => T) => T;

/** A fresh store for one model (a new version starts empty: what carries over is seeded explicitly). */
export function derivedStore<M>(owner: () => M): Derived<M> {
  const values = new Map<DerivedKey<unknown>, unknown>();
  return <T>(key: DerivedKey<T>, compute: (model: M) => T): T => {
    if (values.has(key)) return values.get(key) as T;
    const value = compute(owner());
    values.set(key, value);
    return value;
  };
}
