// One iterative walk over the YAML source tree. `yaml`'s own `visit` recurses once per level, so a
// document nested a few thousand levels deep would overflow the stack; this walk keeps its own stack
// and visits every node once, in document order (aliases are not followed).
import { isMap, isPair, isSeq, type Document, type Node } from 'yaml';

/** Calls `fn` for every node under the document's contents (keys included), with its depth. */
export function walkNodes(doc: Document, fn: (node: Node, depth: number) => void): void {
  const root = doc.contents as Node | null;
  if (!root) return;
  const stack: [Node, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    fn(node, depth);
    if (isMap(node)) {
      for (let i = node.items.length - 1; i >= 0; i--) {
        const pair = node.items[i];
        if (pair.value) stack.push([pair.value as Node, depth + 1]);
        if (pair.key) stack.push([pair.key as Node, depth + 1]);
      }
    } else if (isSeq(node)) {
      for (let i = node.items.length - 1; i >= 0; i--) {
        const item = node.items[i] as unknown;
        if (isPair(item)) {
          if (item.value) stack.push([item.value as Node, depth + 1]);
          if (item.key) stack.push([item.key as Node, depth + 1]);
        } else if (item) stack.push([item as Node, depth + 1]);
      }
    }
  }
}
