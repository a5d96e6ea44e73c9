// The one place that knows the shell parser: tree-sitter's bash grammar running as WebAssembly
// (web-tree-sitter + tree-sitter-bash). Loading WebAssembly is asynchronous, so a process awaits
// `initShellParser` once at start-up (server, CLI, tests, bench); after that every parse is a plain
// synchronous call, which is what the language services are.
// Why this parser and not sh-syntax (mvdan/sh as WebAssembly): see README "Design notes" and bench/README.md.
import type { Node, Parser as ParserType, Tree } from 'web-tree-sitter';
import { copyTree, type SyntaxNode } from './syntaxTree';

// Through `require` so that bundlers pick the package's CommonJS build: its ES module build finds
// its own files with `import.meta.url`, which a CommonJS bundle does not have.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Language, Parser } = require('web-tree-sitter') as typeof import('web-tree-sitter');

export type { Node as ShellSyntaxNode } from 'web-tree-sitter';

export interface ShellParserBinaries {
  /** web-tree-sitter's runtime (`web-tree-sitter.wasm`). */
  runtime: Uint8Array;
  /** The bash grammar (`tree-sitter-bash.wasm`). */
  bash: Uint8Array;
}

let parser: ParserType | undefined;
let loading: Promise<void> | undefined;
let failure: string | undefined;

/** Loads the parser once; later calls return the same promise. Never rejects: see `shellParserFailure`. */
export function initShellParser(binaries: ShellParserBinaries): Promise<void> {
  loading ??= (async () => {
    try {
      await Parser.init({ wasmBinary: binaries.runtime } as object);
      const bash = await Language.load(binaries.bash);
      const p = new Parser();
      p.setLanguage(bash);
      parser = p;
    } catch (err) {
      failure = err instanceof Error ? err.message : String(err);
    }
  })();
  return loading;
}

export function shellParserReady(): boolean {
  return parser !== undefined;
}

/** Why the parser could not be loaded (undefined when it loaded or was never asked to). */
export function shellParserFailure(): string | undefined {
  return failure;
}

/**
 * Parses a script and hands its tree to `read`; the tree lives in WebAssembly memory and is freed
 * as soon as `read` returns, so `read` must copy out what it keeps. Undefined when the parser is
 * not loaded.
 */
export function withShellTree<T>(script: string, read: (root: Node) => T): T | undefined {
  if (!parser) return undefined;
  let tree: Tree | null = null;
  try {
    tree = parser.parse(script);
    return tree ? read(tree.rootNode) : undefined;
  } finally {
    tree?.delete();
  }
}

/** A script's tree copied into plain objects, with the `hasError` of its root. */
interface CopiedTree {
  root: SyntaxNode;
  hasError: boolean;
}

/**
 * Copied trees by script text, least recently used first. A tree depends on the text alone, and the
 * copy is never changed by its readers, so the same text gets the same tree in any document and any
 * version: a file opened again, instructions moved by an edit (the incremental re-parse copies the
 * instructions after the edit, so their scripts are read again), a full re-parse after an edit.
 * Bounded by the scripts' total length: a copy takes about 30 bytes of heap per character of
 * script, so ~4 MB at the bound; the scripts of a 20k-line file (~110k characters) fit.
 */
const trees = new Map<string, CopiedTree>();
const TREE_CACHE_CHARS = 128 * 1024;
let cachedChars = 0;

function copiedTree(script: string, p: ParserType): CopiedTree | undefined {
  const kept = trees.get(script);
  if (kept) {
    trees.delete(script);
    trees.set(script, kept);
    return kept;
  }
  let tree: Tree | null = null;
  let copy: CopiedTree | undefined;
  try {
    tree = p.parse(script);
    if (tree) copy = copyTree(tree);
  } finally {
    tree?.delete();
  }
  if (!copy || script.length > TREE_CACHE_CHARS / 4) return copy;
  trees.set(script, copy);
  cachedChars += script.length;
  for (const old of trees.keys()) {
    if (cachedChars <= TREE_CACHE_CHARS) break;
    trees.delete(old);
    cachedChars -= old.length;
  }
  return copy;
}

/**
 * Hands `read` the tree of a script as plain objects (syntaxTree.ts), which are much cheaper to walk
 * than web-tree-sitter's nodes: parsed and copied, and then shared with every other read of the same
 * text, so `read` must not change it. Undefined when the parser is not loaded. Scripts of plain
 * commands do not come here: shell/plainRead.ts reads them without a tree.
 */
export function withShellSyntax<T>(script: string, read: (root: SyntaxNode, hasError: boolean) => T): T | undefined {
  if (!parser) return undefined;
  const copy = copiedTree(script, parser);
  return copy ? read(copy.root, copy.hasError) : undefined;
}
