// Finds the shell parser's WebAssembly files on disk and loads them: beside the bundle in dist/
// (the build copies them there, and the .vsix ships them), or in node_modules when running from
// source (tests, bench).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
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
 */
export async function loadShellParser(): Promise<string | undefined> {
  const runtime = locate(...FILES.runtime);
  const bash = locate(...FILES.bash);
  if (!runtime || !bash) return `shell parser not found (${!runtime ? FILES.runtime[0] : FILES.bash[0]})`;
  await initShellParser({ runtime: readFileSync(runtime), bash: readFileSync(bash) });
  return shellParserFailure();
}
