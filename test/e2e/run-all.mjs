#!/usr/bin/env node
// The whole editor-test run of `npm test`: the extension-host suite with the UI smoke test, then
// every other UI check of ui/ (graph, locale, resolved, coexistence...), each in a workbench of its
// own (a check may bring its own settings or extensions). Options are passed to every run.
// Last line: "e2e: N passed, M failed" over all runs; exit 1 when any run failed.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const runner = path.join(here, 'run-code-server.mjs');
const extra = process.argv.slice(2);
const checks = fs.readdirSync(path.join(here, 'ui')).filter((f) => f.endsWith('.mjs') && f !== 'smoke.mjs').map((f) => f.replace(/\.mjs$/, '')).sort();

let passed = 0;
let failed = 0;
const failures = [];
for (const args of [[], ...checks.map((c) => ['--ui-only', '--ui', c])]) {
  const name = args.length ? `UI check ${args[2]}` : 'suite + UI smoke test';
  const run = spawnSync(process.execPath, [runner, ...args, ...extra], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
  process.stdout.write(run.stdout ?? '');
  const last = /e2e: (\d+) passed, (\d+) failed\s*$/.exec(run.stdout ?? '');
  passed += last ? Number(last[1]) : 0;
  failed += last ? Number(last[2]) : 1;
  if (run.status !== 0) failures.push(name);
  if (run.signal) break;
}
for (const name of failures) console.log(`[e2e] failed: ${name}`);
console.log(`e2e: ${passed} passed, ${failed} failed (suite and ${checks.length + 1} UI checks)`);
process.exit(failures.length ? 1 : 0);
