#!/usr/bin/env node
// Where `docklens check` over the Dockerfile corpus spends its CPU time.
//
//   node bench/check.mjs [--runs 5] [--cli-runs 3] [--top 20] [--cli dist/cli.js]
//
// 1. The CLI as users run it (`npm run build` first): `node dist/cli.js check --format json` over all
//    1,227 corpus files in one process, and over one small file (start-up), `--cli-runs` times each;
//    CPU (user + system) of the child, read at its exit by a preload (bench/cpuAtExit.cjs).
// 2. The same work in phases, each in a fresh process (`--runs` of them) so that every phase is
//    measured cold, as a one-shot `check` pays it: loading the server modules, loading the shell
//    parser (WebAssembly compile and grammar), reading the files, parsing them, reading every shell
//    instruction (tree-sitter parse of RUN/CMD/ENTRYPOINT/HEALTHCHECK bodies into commands), the
//    .hadolint.yaml and .dockerignore look-ups, then every rule; then the same phases again in the
//    same process on fresh models (warm: the JIT has compiled the code). Per-rule totals: each
//    rule's calls timed with performance.now (thread time is not available per call), summed over
//    the corpus; shared per-stage analyses are charged to the first rule that asks for them.
// Medians over the processes. Nothing is asserted.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { BENCH, loadModules, option, optionText, ROOT } from './inprocess.mjs';

const corpus = process.env.DOCKLENS_CORPORA ?? join(ROOT, '..', 'shared', 'corpora');
const dir = join(corpus, 'dockerfiles');
if (!existsSync(dir)) {
  console.error(`corpus not found: ${dir} (set DOCKLENS_CORPORA)`);
  process.exit(1);
}
const files = readdirSync(dir).filter((f) => f.endsWith('.Dockerfile')).sort();

const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** One fresh process: the phases cold, then warm. Prints JSON on stdout. */
async function child(bundle) {
  const phases = {};
  let t = cpuNow();
  const lap = (name) => {
    const now = cpuNow();
    phases[name] = now - t;
    t = now;
  };
  const lib = require(bundle);
  lap('load modules');
  const problem = await lib.loadShellParser();
  if (problem) throw new Error(problem);
  lap('load shell parser');
  const ruleMs = new Map();
  for (const rule of lib.RULES) {
    const name = rule.scope === 'instruction' ? 'checkInstruction' : rule.scope === 'stage' ? 'checkStage' : 'check';
    const fn = rule[name];
    rule[name] = (...args) => {
      const s = performance.now();
      try {
        return fn.apply(rule, args);
      } finally {
        ruleMs.set(rule.code, (ruleMs.get(rule.code) ?? 0) + performance.now() - s);
      }
    };
  }
  const host = lib.sideFileHost(1 << 20);
  let findings = 0;
  const pass = (suffix) => {
    t = cpuNow();
    const texts = files.map((f) => lib.readInput(join(dir, f)));
    lap(`read files${suffix}`);
    const models = texts.map((text) => lib.parseDocument(text));
    lap(`parse${suffix}`);
    for (const model of models) for (const ins of model.ast.instructions) lib.shellOf(model, ins);
    lap(`shell: read every shell instruction${suffix}`);
    const found = files.map((f) => {
      const path = join(dir, f);
      return { path, hadolint: lib.findHadolintConfig(path, host)?.config, ignore: lib.dockerignoreFor(path, host) };
    });
    lap(`.hadolint.yaml and .dockerignore look-ups${suffix}`);
    findings = 0;
    models.forEach((model, i) => (findings += lib.runDiagnostics(model, { filePath: found[i].path, host, buildArgs: {}, hadolint: found[i].hadolint }).length));
    lap(`rules${suffix}`);
  };
  pass('');
  const rules = Object.fromEntries(ruleMs);
  ruleMs.clear();
  pass(' (warm)');
  process.stdout.write(JSON.stringify({ phases, rules, warmRules: Object.fromEntries(ruleMs), findings }));
}

if (process.argv.includes('--child')) {
  const { createRequire } = await import('node:module');
  globalThis.require = createRequire(import.meta.url);
  await child(optionText('bundle'));
  process.exit(0);
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const fmt = (ms) => (ms >= 100 ? ms.toFixed(0) : ms.toFixed(1));
const load = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');

const runs = option('runs', 5);
const cliRuns = option('cli-runs', 3);
const top = option('top', 20);
const cli = resolve(optionText('cli', join(ROOT, 'dist', 'cli.js')));
console.log(`node ${process.version}, ${os.cpus().length} CPUs, load ${load()} at the start; ${files.length} files`);

// 1. The CLI, cold, as a user runs it.
if (cliRuns > 0 && existsSync(cli)) {
  const tmp = mkdtempSync(join(os.tmpdir(), 'docklens-check-bench-'));
  const cliCpu = (args) => {
    const out = join(tmp, 'cpu.json');
    spawnSync(process.execPath, ['-r', join(BENCH, 'cpuAtExit.cjs'), cli, ...args], { cwd: dir, env: { ...process.env, DOCKLENS_BENCH_CPU: out }, stdio: 'ignore', maxBuffer: 1 << 28 });
    return JSON.parse(readFileSync(out, 'utf8'));
  };
  const small = files.find((f) => readFileSync(join(dir, f), 'utf8').includes('RUN ')) ?? files[0];
  const rows = [
    [`check --format json, all ${files.length} files`, ['check', '--format', 'json', ...files]],
    [`check --format json, one file (${small})`, ['check', '--format', 'json', small]],
    ['--help (node start-up and module load only)', ['--help']],
  ];
  console.log(`\n| CLI (${cli.replace(ROOT + '/', '')}), one process each | CPU s (median of ${cliRuns}) | user | system | peak RSS MB |\n| --- | ---: | ---: | ---: | ---: |`);
  for (const [what, args] of rows) {
    const samples = Array.from({ length: cliRuns }, () => cliCpu(args));
    const m = (k) => median(samples.map((s) => s[k]));
    console.log(`| ${what} | ${(m('cpu') / 1000).toFixed(2)} | ${(m('user') / 1000).toFixed(2)} | ${(m('system') / 1000).toFixed(2)} | ${m('maxRssMB').toFixed(0)} |`);
  }
  rmSync(tmp, { recursive: true, force: true });
}

// 2. Phases, each process cold then warm.
const bundle = join(BENCH, 'out', 'check.cjs');
await loadModules('check', [
  "export { parseDocument } from './server/src/dockerfile/parser/model';",
  "export { shellOf } from './server/src/dockerfile/services/instructionShell';",
  "export { loadShellParser } from './server/src/node/shellParser';",
  "export { runDiagnostics, RULES } from './server/src/dockerfile/services/diagnostics';",
  "export { findHadolintConfig } from './server/src/node/hadolintConfigFile';",
  "export { dockerignoreFor } from './server/src/dockerfile/services/diagnostics/rules/dockerignore';",
  "export { readInput, sideFileHost } from './server/src/cli/io';",
]);
const results = [];
for (let i = 0; i < runs; i++) {
  const out = execFileSync(process.execPath, [join(BENCH, 'check.mjs'), '--child', '--bundle', bundle], { maxBuffer: 1 << 26 });
  results.push(JSON.parse(out.toString()));
}
const phaseNames = Object.keys(results[0].phases);
const coldNames = phaseNames.filter((n) => !n.endsWith('(warm)'));
console.log(`\n| phase (in process, CPU ms, median of ${runs} fresh processes) | cold (first pass) | warm (second pass) |\n| --- | ---: | ---: |`);
let coldTotal = 0;
let warmTotal = 0;
for (const name of coldNames) {
  const cold = median(results.map((r) => r.phases[name]));
  const warmName = `${name} (warm)`;
  const warm = warmName in results[0].phases ? median(results.map((r) => r.phases[warmName])) : undefined;
  coldTotal += cold;
  warmTotal += warm ?? 0;
  console.log(`| ${name} | ${fmt(cold)} | ${warm === undefined ? '–' : fmt(warm)} |`);
}
console.log(`| total | ${fmt(coldTotal)} | ${fmt(warmTotal)} |`);
console.log(`findings: ${results[0].findings}`);

const codes = Object.keys(results[0].rules);
const ruleRows = codes.map((code) => [code, median(results.map((r) => r.rules[code] ?? 0)), median(results.map((r) => r.warmRules[code] ?? 0))]).sort((a, b) => b[1] - a[1]);
const sum = (k) => ruleRows.reduce((n, r) => n + r[k], 0);
console.log(`\n| rule (ms in its calls, median) | cold | warm |\n| --- | ---: | ---: |`);
for (const [code, cold, warm] of ruleRows.slice(0, top)) console.log(`| ${code} | ${fmt(cold)} | ${fmt(warm)} |`);
console.log(`| ${ruleRows.length - top} other rules | ${fmt(ruleRows.slice(top).reduce((n, r) => n + r[1], 0))} | ${fmt(ruleRows.slice(top).reduce((n, r) => n + r[2], 0))} |`);
console.log(`| all ${ruleRows.length} rules | ${fmt(sum(1))} | ${fmt(sum(2))} |`);
console.log(`\nload ${load()} at the end`);
