// Bundles every test/**/*.test.ts into dist-test/ and runs them with Node's built-in test runner.
// Usage: node scripts/test.mjs [substring filter...]
//
// Test files run side by side (DOCKLENS_TEST_CONCURRENCY, default 4): many of them mostly wait
// (for a language server, a spawned CLI, bash), so more files than cores keeps the cores busy.
// Tests that spawn dist/ (the LSP and CLI tests) need it fresh, and must not rebuild it under each
// other: dist/ is built here once, when older than its sources, and the build script is told to
// skip the rebuilds those tests ask for (DOCKLENS_SKIP_BUILD=1).
import { build } from 'esbuild';
import { yamlBrowserBuild } from './yamlBuild.mjs';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';

const filters = process.argv.slice(2);

function findTests(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'fixtures' || name === 'e2e') continue;
    if (statSync(path).isDirectory()) out.push(...findTests(path));
    else if (name.endsWith('.test.ts')) out.push(path);
  }
  return out;
}

/** Newest modification time of the files under `paths` (folders walked). */
function newest(paths) {
  let latest = 0;
  for (const p of paths) {
    let s;
    try {
      s = statSync(p);
    } catch {
      continue;
    }
    if (s.isDirectory()) latest = Math.max(latest, newest(readdirSync(p).map((n) => join(p, n))));
    else latest = Math.max(latest, s.mtimeMs);
  }
  return latest;
}

/** Builds dist/ unless every bundle is newer than every source it is made from. */
function ensureDist() {
  const bundles = ['dist/client.js', 'dist/server.js', 'dist/cli.js'];
  const oldest = Math.min(...bundles.map((b) => newest([b]) || 0));
  const sources = newest(['server/src', 'client/src', 'l10n', 'scripts/build.mjs', 'package.json', 'package-lock.json']);
  if (oldest > sources) return;
  const r = spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const tests = findTests('test').filter((t) => filters.length === 0 || filters.some((f) => t.includes(f)));
const usesDist = tests.some((t) => /dist\/|lspClient|scripts\/build\.mjs/.test(readFileSync(t, 'utf8')));
if (usesDist) ensureDist();

// One output folder per run, so runs side by side do not delete each other's bundles.
const outdir = `dist-test-${process.pid}`;
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: tests,
  outdir,
  outbase: 'test',
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  sourcemap: 'inline',
  logLevel: 'warning',
  external: ['vscode'],
  ...yamlBrowserBuild,
});
const files = tests.map((t) => join(outdir, relative('test', t)).replace(/\.ts$/, '.js'));
const concurrency = Math.max(1, Number(process.env.DOCKLENS_TEST_CONCURRENCY) || 4);
const result = spawnSync(process.execPath, ['--enable-source-maps', '--test', `--test-concurrency=${concurrency}`, '--test-reporter=spec', ...files], {
  stdio: 'inherit',
  env: { ...process.env, ...(usesDist ? { DOCKLENS_SKIP_BUILD: '1' } : {}) },
});
rmSync(outdir, { recursive: true, force: true });
process.exit(result.status ?? 1);
