// What the in-process benchmarks share (format, shell, edit, stages, compose-project...): command-line
// options, bundling the server modules they call with esbuild, and timing a function over runs.
import { build } from 'esbuild';
import { yamlBrowserBuild } from '../scripts/yamlBuild.mjs';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

export const BENCH = dirname(fileURLToPath(import.meta.url));
export const ROOT = resolve(BENCH, '..');
const OUT = join(BENCH, 'out');

/** `--name value` as written, or the fallback. */
export function optionText(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

/** `--name N` as a number, or the fallback. */
export function option(name, fallback) {
  return Number(optionText(name, fallback));
}

/**
 * Bundles `exports` (lines such as `export { parseDocument } from './server/src/...'`, relative to
 * `root`: this repository, or another checkout to compare with) into bench/out/<name>.cjs and loads it;
 * `buildOptions` are esbuild's (e.g. `{ minify: true, keepNames: true }` to bundle as dist/server.js is).
 */
export async function loadModules(name, exports, root = ROOT, buildOptions = {}) {
  mkdirSync(OUT, { recursive: true });
  const outfile = join(OUT, `${name}.cjs`);
  await build({
    stdin: { contents: exports.map((line) => line + '\n').join(''), resolveDir: root, loader: 'ts', sourcefile: `bench-${name}.ts` },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node18',
    outfile,
    logLevel: 'silent',
    ...yamlBrowserBuild,
    ...buildOptions,
  });
  return createRequire(import.meta.url)(outfile);
}

/** What the edit and open benchmarks call: model, re-parse, diagnostics and the shell parser. */
const SERVER_EXPORTS = [
  "export { parseDocument, buildModel } from './server/src/dockerfile/parser/model';",
  "export { reparse } from './server/src/dockerfile/parser/incremental';",
  "export * from './server/src/dockerfile/services/diagnostics';",
  "export { loadShellParser } from './server/src/node/shellParser';",
];

/**
 * The server's model, re-parse and diagnostics (and `extra` export lines) bundled from `root` as
 * bench/out/<name>-here.cjs (this checkout) or <name>-root.cjs (another), with the shell parser
 * loaded; a checkout without one says so.
 */
export async function loadServer(name, root = ROOT, extra = []) {
  const m = await loadModules(`${name}-${root === ROOT ? 'here' : 'root'}`, [...SERVER_EXPORTS, ...extra], root);
  const problem = m.loadShellParser ? await m.loadShellParser() : 'no shell parser';
  if (problem) console.log(`shell parser: ${problem}`);
  return m;
}

/** Wall-clock milliseconds of `fn(i)` over `runs` runs after two warm-ups: p50, p95 and min. */
export function wallTimes(fn, runs) {
  fn(0);
  fn(1);
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn(i + 2);
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  const at = (q) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))];
  return { p50: at(0.5), p95: at(0.95), min: samples[0] };
}

/** CPU milliseconds `fn()` took in this process (user + system, V8's helper threads included). */
export function cpuTime(fn) {
  const t = process.cpuUsage();
  fn();
  const d = process.cpuUsage(t);
  return (d.user + d.system) / 1000;
}
