// The extension-test entry point shared by both runners (run-code-server.mjs
// and run-electron.mjs): the extension host require()s the bundled file and
// awaits run(); resolving means every test passed.
import * as fs from 'node:fs';
import * as path from 'node:path';

// mocha 12's package entry is an ES module; its CommonJS build is the one a
// require() from the extension host can load on every Node version.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Mocha: typeof import('mocha') = require('mocha/lib/mocha.cjs');

export function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'tdd',
    color: false,
    reporter: 'spec',
    timeout: 120_000,
    // E2E_GREP=<text> (set in the runner's environment) runs only matching tests.
    ...(process.env.E2E_GREP ? { grep: process.env.E2E_GREP } : {}),
  });
  const files = fs.readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort();
  for (const f of files) mocha.addFile(path.join(__dirname, f));
  return new Promise((resolve, reject) => {
    try {
      mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} editor test(s) failed`)) : resolve()));
    } catch (err) {
      reject(err);
    }
  });
}
