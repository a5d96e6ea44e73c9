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
 * `shortLived` (the CLI, test processes): compile the WebAssembly with V8's baseline compiler only.
 * Otherwise V8 re-compiles the grammar's hot functions with its optimizing compiler in the
 * background, about a CPU second for tree-sitter-bash, and a process that is done waits for that
 * job before it can exit: `docklens check` on a small file took 2.0 s instead of 0.4 s, and a
 * 5,000-RUN file 4.5 s of CPU instead of 3.5 s. The language server lives long and keeps it.
 */
export async function loadShellParser(options: { shortLived?: boolean } = {}): Promise<string | undefined> {
  if (options.shortLived) setFlagsFromString('--liftoff-only');
  const runtime = locate(...FILES.runtime);
  const bash = locate(...FILES.bash);
  if (!runtime || !bash) return `shell parser not found (${!runtime ? FILES.runtime[0] : FILES.bash[0]})`;
  await initShellParser({ runtime: readFileSync(runtime), bash: readFileSync(bash) });
  return shellParserFailure();
}
