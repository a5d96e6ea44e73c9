// Loads the shell parser (WebAssembly, asynchronous) before a test file's tests run: every test of
// a rule, merge-RUN or hover that reads RUN scripts needs it. Call once at the top of the file.
import { before } from 'node:test';
import { loadShellParser } from '../../server/src/node/shellParser';

export function useShellParser(): void {
  before(async () => {
    const problem = await loadShellParser();
    if (problem) throw new Error(problem);
  });
}
