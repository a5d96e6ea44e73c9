// tree-sitter's tree copied into plain JavaScript objects in one cursor walk. Every property of a
// web-tree-sitter Node (`type`, `endIndex`, `isNamed`, `children`) is a call into WebAssembly that
// copies the node through a transfer buffer, and the reader asks for each several times; walking
// once with a cursor and keeping plain objects made reading the corpus' RUN scripts about 3x
// cheaper (bench/shell.mjs).
import type { Node, Tree } from 'web-tree-sitter';

/** The children of every leaf (most nodes): one shared list, never added to. */
const NO_CHILDREN: SyntaxNode[] = [];

export class SyntaxNode {
  children: SyntaxNode[] = NO_CHILDREN;
  /** The field the node fills in its parent (`name`, `value`, `body`), when the reader needs it. */
  field?: string;
  private named?: SyntaxNode[];

  constructor(
    readonly type: string,
    readonly isNamed: boolean,
    readonly startIndex: number,
    readonly endIndex: number,
    readonly isMissing: boolean,
  ) {}

  get namedChildren(): SyntaxNode[] {
    return (this.named ??= this.children === NO_CHILDREN ? NO_CHILDREN : this.children.filter((c) => c.isNamed));
  }

  childForFieldName(name: string): SyntaxNode | null {
    return this.children.find((c) => c.field === name) ?? null;
  }
}

/** Parents whose children's field names the reader asks for. */
const FIELD_PARENTS = new Set(['variable_assignment', 'case_statement', 'function_definition']);

/** The whole tree as plain objects; `hasError` of the root is kept on the result. */
export function copyTree(tree: Tree): { root: SyntaxNode; hasError: boolean } {
  const language = tree.language;
  const types = language.types;
  const namedByType = new Map<number, boolean>();
  const cursor = tree.walk();
  try {
    const read = (parent?: SyntaxNode): SyntaxNode => {
      const typeId = cursor.nodeTypeId;
      let named = namedByType.get(typeId);
      if (named === undefined) namedByType.set(typeId, (named = cursor.nodeIsNamed));
      const start = cursor.startIndex;
      const end = cursor.endIndex;
      // A missing node is one the parser inserted to recover: it is empty.
      const missing = start === end && cursor.nodeIsMissing;
      const node = new SyntaxNode(types[typeId] || 'ERROR', named, start, end, missing);
      if (parent && FIELD_PARENTS.has(parent.type)) node.field = cursor.currentFieldName ?? undefined;
      return node;
    };
    const root = read();
    // Depth-first, iterative: scripts can nest deeply.
    const stack: SyntaxNode[] = [root];
    let node = root;
    for (;;) {
      if (cursor.gotoFirstChild()) {
        const child = read(node);
        node.children = [child];
        stack.push(child);
        node = child;
        continue;
      }
      for (;;) {
        if (stack.length === 1) return { root, hasError: (tree.rootNode as Node).hasError };
        stack.pop();
        const parent = stack[stack.length - 1];
        if (cursor.gotoNextSibling()) {
          const sibling = read(parent);
          parent.children.push(sibling);
          stack.push(sibling);
          node = sibling;
          break;
        }
        cursor.gotoParent();
      }
    }
  } finally {
    cursor.delete();
  }
}
