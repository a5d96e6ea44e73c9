// Finds the shell parser's WebAssembly files on disk and loads them: beside the bundle in dist/
// (the build copies them there, and the .vsix ships them), or in node_modules when running from
// source (tests, bench).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { initShellParser, shellParserFailure } from '../dockerfile/shell/treeSitter';

const FILES = { runtime: ['web-tree-sitter.wasm', 'web-tree-sitter'], bash: ['tree-sitter-bash.wasm', 'tree-sitter-bash'] } as const;

function locate(file: string, pkg: string): string | undefined {
  for (const start of [__dirname, process.cwd()]) {
    for (let dir = start; ; dir = dirname(dir)) {
      for (const candidate of [join(dir, file), join(dir, 'dist', file), join(dir, 'node_modules', pkg, file)]) {
        if (existsSync(candidate)) return candidate;
      }
      if (dirname(dir) === dir) break;
    }
  }
  return undefined;
}

/**
 * Loads the parser. Resolves either way, with the reason when it could not load (shell-based
 * analysis is then empty rather than crashing).
 *
 * The WebAssembly is compiled by V8's baseline compiler only (`--liftoff-only`). By default V8
 * re-compiles the grammar's hot functions with its optimizing compiler in the background, about a
 * CPU second for tree-sitter-bash, and a process that is done waits for that job before it exits:
 * `docklens check` on a small file took 2.0 s instead of 0.4 s, and every language server started
 * paid the second again. The optimized code parses bare scripts ~25% faster (bench/shell.mjs: 210
 * vs 266 ms for 1.26 MB of RUN scripts), which disappears once commands are read (883 vs 829 ms)
 * and in `check` over the corpus (1515 vs 1513 ms).
 */
export async function loadShellParser(): Promise<string | undefined> {
  setFlagsFromString('--liftoff-only');
  const runtime = locate(...FILES.runtime);
  const bash = locate(...FILES.bash);
  if (!runtime || !bash) return `shell parser not found (${!runtime ? FILES.runtime[0] : FILES.bash[0]})`;
  await initShellParser({ runtime: readFileSync(runtime), bash: readFileSync(bash) });
  return shellParserFailure();
}
