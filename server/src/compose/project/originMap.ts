// The origins of a load (loader.ts), written when first read. Recording where every key of a large
// file came from costs a span lookup and a map entry per key (about a fifth of the first open of a
// 1000-service file, bench/README.md "Issue 16"), and only a hover on a service reads them. The
// loader hands over a recording it may run later; any use of the map runs the recordings first, in
// the order they were made, so the map always answers as if they had run at once.
import type { Origin } from './loader';

export class OriginMap extends Map<string, Origin> {
  private pending: (() => void)[] = [];

  /** Runs `record` (which writes origins) before the map is next used. */
  defer(record: () => void): void {
    this.pending.push(record);
  }

  /** Runs the deferred recordings now (before the model they read is changed). */
  flush(): void {
    while (this.pending.length > 0) {
      const records = this.pending;
      this.pending = [];
      for (const record of records) record();
    }
  }

  override get(key: string): Origin | undefined {
    this.flush();
    return super.get(key);
  }

  override has(key: string): boolean {
    this.flush();
    return super.has(key);
  }

  override set(key: string, value: Origin): this {
    this.flush();
    return super.set(key, value);
  }

  override delete(key: string): boolean {
    this.flush();
    return super.delete(key);
  }

  override clear(): void {
    this.pending = [];
    super.clear();
  }

  override forEach(fn: (value: Origin, key: string, map: Map<string, Origin>) => void, thisArg?: unknown): void {
    this.flush();
    super.forEach(fn, thisArg);
  }

  override entries(): MapIterator<[string, Origin]> {
    this.flush();
    return super.entries();
  }

  override keys(): MapIterator<string> {
    this.flush();
    return super.keys();
  }

  override values(): MapIterator<Origin> {
    this.flush();
    return super.values();
  }

  override [Symbol.iterator](): MapIterator<[string, Origin]> {
    return this.entries();
  }

  override get size(): number {
    this.flush();
    return super.size;
  }
}

/**
 * Records what the project's load deferred (its origins, and with them the spans they read): the
 * server calls it in idle time after a Compose document's diagnostics, so a hover does not wait.
 */
export function recordDeferredOrigins(origins: Map<string, Origin> | undefined): void {
  if (origins instanceof OriginMap) origins.flush();
}
