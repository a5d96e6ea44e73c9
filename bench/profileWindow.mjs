#!/usr/bin/env node
// Self time by function within a window of a V8 .cpuprofile (the main thread), e.g. the first open
// that bench/compose-first-open.mjs --profile recorded in <profile>.windows.json next to it.
//
//   node bench/profileWindow.mjs FILE.cpuprofile [--window first|second] [--top 40] [--by self|file|total]
//
// --by total: time with the function anywhere on the stack (counted once per sample).
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const { values: opt, positionals } = parseArgs({
  allowPositionals: true,
  options: { window: { type: 'string', default: 'first' }, top: { type: 'string', default: '40' }, by: { type: 'string', default: 'self' } },
});
const file = positionals[0];
const profile = JSON.parse(readFileSync(file, 'utf8'));
const windowsFile = file.replace(/\.cpuprofile$/, '.windows.json');
const [from, to] = existsSync(windowsFile) ? JSON.parse(readFileSync(windowsFile, 'utf8'))[opt.window] : [-Infinity, Infinity];
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const keyOf = (frame) =>
  opt.by === 'file' ? frame.url.split('/').slice(-1)[0] || frame.functionName : `${frame.functionName || '(anon)'} ${frame.url.split('/').slice(-2).join('/')}:${frame.lineNumber + 1}`;
const sums = new Map();
let total = 0;
let t = profile.startTime;
for (let i = 0; i < profile.samples.length; i++) {
  t += profile.timeDeltas[i];
  if (t < from || t > to) continue;
  const d = profile.timeDeltas[i + 1] ?? 0; // the sample stands for the time until the next one
  const keys = new Set();
  for (let id = profile.samples[i]; id !== undefined; id = opt.by === 'total' ? parent.get(id) : undefined) keys.add(keyOf(byId.get(id).callFrame));
  for (const key of keys) sums.set(key, (sums.get(key) ?? 0) + d);
  total += d;
}
console.log(`window ${opt.window}: ${(total / 1000).toFixed(1)} ms sampled`);
for (const [k, v] of [...sums].sort((a, b) => b[1] - a[1]).slice(0, Number(opt.top))) {
  console.log(`${(v / 1000).toFixed(1).padStart(8)} ms ${((100 * v) / total).toFixed(1).padStart(5)}%  ${k}`);
}
