// One iterative walk over the YAML source tree. `yaml`'s own `visit` recurses once per level, so a
// document nested a few thousand levels deep would overflow the stack; this walk keeps its own stack
// and visits every node once, in document order (aliases are not followed).
import { isMap, isPair, isSeq, type Document, type Node } from 'yaml';

/** Calls `fn` for every node under the document's contents (keys included), with its depth. */
export function walkNodes(doc: Document, fn: (node: Node, depth: number) => void): void {
  walkFrom(doc.contents as Node | null, fn);
}

/** `walkNodes` from any node: `root` itself (depth 0), then every node under it. */
export function walkFrom(root: Node | null, fn: (node: Node, depth: number) => void): void {
  if (!root) return;
  // two stacks side by side (no pair allocated per node)
  const nodes: Node[] = [root];
  const depths: number[] = [0];
  const push = (child: Node, depth: number) => {
    nodes.push(child);
    depths.push(depth);
  };
  while (nodes.length > 0) {
    const node = nodes.pop()!;
    const depth = depths.pop()!;
    fn(node, depth);
    if (isMap(node)) {
      for (let i = node.items.length - 1; i >= 0; i--) {
        const pair = node.items[i];
        if (pair.value) push(pair.value as Node, depth + 1);
        if (pair.key) push(pair.key as Node, depth + 1);
      }
    } else if (isSeq(node)) {
      for (let i = node.items.length - 1; i >= 0; i--) {
        const item = node.items[i] as unknown;
        if (isPair(item)) {
          if (item.value) push(item.value as Node, depth + 1);
          if (item.key) push(item.key as Node, depth + 1);
        } else if (item) push(item as Node, depth + 1);
      }
    }
  }
}
