// Bundles test/e2e/suite/*.ts for the extension host: one CommonJS file per
// test file plus index.js (the run() entry), with `vscode` and mocha left to
// the host and the repository's node_modules.
import { build } from 'esbuild';
import { yamlBrowserBuild } from '../../../scripts/yamlBuild.mjs';
import fs from 'node:fs';
import path from 'node:path';
import { E2E_DIR, SUITE_OUT } from './paths.mjs';

/** Bundles into SUITE_OUT/<name>/ (one folder per run, so runs in one work tree don't clash); returns index.js. */
export async function bundleSuite(name = 'suite') {
  const src = path.join(E2E_DIR, 'suite');
  const entries = fs.readdirSync(src).filter((f) => f === 'index.ts' || f.endsWith('.test.ts')).map((f) => path.join(src, f));
  const outdir = path.join(SUITE_OUT, name);
  fs.rmSync(outdir, { recursive: true, force: true });
  await build({
    entryPoints: entries,
    outdir,
    bundle: true,
    platform: 'node',
    target: 'node18',
    format: 'cjs',
    sourcemap: 'inline',
    logLevel: 'warning',
    external: ['vscode', 'mocha', 'mocha/*'],
    ...yamlBrowserBuild,
  });
  return path.join(outdir, 'index.js');
}
