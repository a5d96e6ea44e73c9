// Bundles every test/**/*.test.ts into dist-test/ and runs them with Node's built-in test runner.
// Usage: node scripts/test.mjs [substring filter...]
import { build } from 'esbuild';
import { readdirSync, rmSync, statSync } from 'node:fs';
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

const tests = findTests('test').filter((t) => filters.length === 0 || filters.some((f) => t.includes(f)));
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
});
const files = tests.map((t) => join(outdir, relative('test', t)).replace(/\.ts$/, '.js'));
const result = spawnSync(process.execPath, ['--enable-source-maps', '--test', '--test-reporter=spec', ...files], {
  stdio: 'inherit',
});
rmSync(outdir, { recursive: true, force: true });
process.exit(result.status ?? 1);
