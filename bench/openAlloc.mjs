#!/usr/bin/env node
// Bytes allocated by a 5k open (issue 16), two checkouts alternated in one process: the open's
// scavenges (~20 at the server's 2 x 1 MB young generation) follow from what it allocates, and a
// sampling heap profile is too coarse to tell small cuts apart. Here the young generation is 64 MB,
// so that no GC runs inside an open; a full GC runs before each open, and the new, old and
// large-object spaces' used bytes are read before and after parse + model and after diagnose + LSP
// conversion (code space left out: the JIT's, not the open's). Each text is opened by both sides,
// the order swapped every open, after a warm-up: the JIT's state moves one open by up to ~1 MB, so
// medians over many texts, and the per-text difference, are printed. Nothing is asserted.
//
//   node bench/openAlloc.mjs --root DIR [--other DIR] [--lines 5000] [--opens 30] [--warmup 20]
//
// (It starts itself again with --expose-gc --min-semi-space-size=64 --max-semi-space-size=64.)
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getHeapSpaceStatistics } from 'node:v8';

if (typeof globalThis.gc !== 'function') {
  const flags = ['--expose-gc', '--min-semi-space-size=64', '--max-semi-space-size=64'];
  const run = spawnSync(process.execPath, [...flags, fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(run.status ?? 1);
}

const { generateDockerfile } = await import('./generate.mjs');
const { loadServer, option, optionText, ROOT } = await import('./inprocess.mjs');

const lines = option('lines', 5000);
const opens = option('opens', 30);
const warmup = option('warmup', 20);
const rootA = optionText('root', undefined);
if (!rootA) {
  console.error('--root DIR: the checkout to compare with (git archive <commit> | tar -x -C bench/out/<name>)');
  process.exit(2);
}
const rootB = optionText('other', undefined);
const extra = ["export { parseDockerfile } from './server/src/dockerfile/parser/parser';"];
const sides = [
  { name: resolve(rootA), m: await loadServer('allocA', resolve(rootA), extra) },
  { name: rootB ? resolve(rootB) : 'this checkout', m: await loadServer('allocB', rootB ? resolve(rootB) : ROOT, extra) },
];

/** Used bytes of the spaces an open allocates in. */
function used() {
  let total = 0;
  for (const s of getHeapSpaceStatistics()) if (!/code|read_only/.test(s.space_name)) total += s.space_used_size;
  return total;
}

const bytes = sides.map(() => ({ parse: [], rules: [] }));
for (let i = 0; i < warmup + opens; i++) {
  const text = generateDockerfile(lines, lines * 1000 + i).text;
  for (const s of i % 2 === 0 ? [0, 1] : [1, 0]) {
    const m = sides[s].m;
    globalThis.gc();
    const u0 = used();
    const model = m.buildModel(m.parseDockerfile(text));
    const u1 = used();
    m.diagnose(model, { cache: new m.RuleResultCache() }).lspDiagnostics();
    const u2 = used();
    if (i < warmup) continue;
    bytes[s].parse.push(u1 - u0);
    bytes[s].rules.push(u2 - u1);
  }
}

const mb = (n) => (n / 1e6).toFixed(2);
const median = (list) => [...list].sort((a, b) => a - b)[list.length >> 1];
console.log(`${lines} lines, ${opens} texts opened by each side after ${warmup}, alternating; MB allocated per open, median (min - max)`);
for (const [i, s] of sides.entries()) {
  const b = bytes[i];
  const total = b.parse.map((p, k) => p + b.rules[k]);
  console.log(s.name);
  for (const [label, list] of [['parse + model', b.parse], ['rules + LSP', b.rules], ['total', total]]) {
    console.log(`  ${label.padEnd(13)} ${mb(median(list))} (${mb(Math.min(...list))} - ${mb(Math.max(...list))})`);
  }
}
const diff = bytes[1].rules.map((r, k) => r + bytes[1].parse[k] - bytes[0].rules[k] - bytes[0].parse[k]);
console.log(`second - first, per text, total: median ${mb(median(diff))} (${mb(Math.min(...diff))} - ${mb(Math.max(...diff))})`);
