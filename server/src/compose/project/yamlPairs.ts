// Reading the pairs of a YAML document built from the resolved project (to write origins beside them).
import { isMap, isScalar, isSeq, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';

/** The pairs of a map node; none for anything else. */
export function pairs(map: unknown): Pair[] {
  return isMap(map) ? ((map as YAMLMap).items as Pair[]) : [];
}

/** A pair's key as text ('' for a key that is not a scalar). */
export function keyOf(pair: Pair): string {
  return isScalar(pair.key) ? String(pair.key.value) : '';
}

/** The items of a sequence node; none for anything else. */
export function seqItems(seq: unknown): Node[] {
  return isSeq(seq) ? ((seq as YAMLSeq).items as Node[]) : [];
}
