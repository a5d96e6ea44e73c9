// `npm ci` on the Node the README names (20) prints no EBADENGINE warning: every package in the lock
// that states `engines.node` admits Node 20.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const NODE = [20, 19, 0];

/** Whether a version satisfies one comparator set such as `>=18 <23`, `^20.19.0`, `20.x`, `>= 20`. */
function satisfiesSet(set: string, v: number[]): boolean {
  const cmp = (a: number[], b: number[]) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
  const parts = set.replace(/([<>=^~]+)\s+/g, '$1').trim().split(/\s+/).filter(Boolean);
  return parts.every((part) => {
    const m = /^(>=|<=|>|<|=|\^|~)?v?(\d+|x|\*)(?:\.(\d+|x|\*))?(?:\.(\d+|x|\*))?/.exec(part);
    if (!m) return true; // an unknown form: do not fail on it
    const num = (s?: string) => (s === undefined || s === 'x' || s === '*' ? undefined : Number(s));
    const [major, minor, patch] = [num(m[2]), num(m[3]), num(m[4])];
    if (major === undefined) return true;
    const target = [major, minor ?? 0, patch ?? 0];
    switch (m[1]) {
      case '>=': return cmp(v, target) >= 0;
      case '>': return cmp(v, target) > 0;
      case '<=': return cmp(v, target) <= 0;
      case '<': return cmp(v, target) < 0;
      case '^': return v[0] === major && cmp(v, target) >= 0;
      case '~': return v[0] === major && (minor === undefined || v[1] === minor) && cmp(v, target) >= 0;
      default: return v[0] === major && (minor === undefined || v[1] === minor) && (patch === undefined || v[2] === patch);
    }
  });
}
const satisfies = (range: string, v: number[]) => range.split('||').some((set) => satisfiesSet(set, v));

test('the range reader', () => {
  for (const [range, ok] of [['>=18', true], ['>= 22', false], ['>=22.0.0', false], ['18 || 20 || >=22', true], ['^20.19.0 || >=22.12.0', true], ['^20.20.0', false], ['>=16 <21', true], ['20.x', true], ['*', true]] as const) {
    assert.equal(satisfies(range, NODE), ok, range);
  }
});

test('every package in package-lock.json admits Node 20.19', () => {
  const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
  const wrong = Object.entries(lock.packages as Record<string, { engines?: unknown }>)
    .map(([name, p]) => [name, p.engines && typeof p.engines === 'object' ? (p.engines as { node?: string }).node : undefined] as const)
    .filter(([, node]) => typeof node === 'string' && !satisfies(node, NODE))
    .map(([name, node]) => `${name}: ${node}`);
  assert.deepEqual(wrong, []);
});
