#!/usr/bin/env node
// The same editor suite through the standard runner, @vscode/test-electron:
// it downloads a VS Code build (cached in .vscode-test/) and runs the suite in
// its extension host. For machines that can reach VS Code's download host (a
// contributor's laptop); this project's machines and CI cannot, and use
// run-code-server.mjs instead. Needs `npm run build` first.
//
// Options: --grep <text> (tests to run), --version <VS Code version, default stable>
// On a Linux machine without a display, run it under xvfb-run.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { bundleSuite } from './lib/bundle.mjs';
import { ROOT, WORKSPACE } from './lib/paths.mjs';

const { values: opt } = parseArgs({
  options: { grep: { type: 'string' }, version: { type: 'string', default: process.env.VSCODE_VERSION || 'stable' } },
});
for (const f of ['dist/client.js', 'dist/server.js']) {
  if (!fs.existsSync(path.join(ROOT, f))) { console.error(`[e2e] missing ${f}: run npm run build`); process.exit(2); }
}

const { runTests } = await import('@vscode/test-electron');
try {
  const extensionTestsPath = await bundleSuite();
  await runTests({
    version: opt.version,
    extensionDevelopmentPath: ROOT,
    extensionTestsPath,
    extensionTestsEnv: opt.grep ? { E2E_GREP: opt.grep } : {},
    // Only the extension under development and the built-in ones.
    launchArgs: [WORKSPACE, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
  });
  console.log('[e2e] all editor tests passed (VS Code desktop)');
} catch (err) {
  console.error(`[e2e] editor tests failed: ${err?.message ?? err}`);
  process.exit(1);
}
