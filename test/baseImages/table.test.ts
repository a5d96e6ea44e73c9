// The committed table: its size, coverage and a few facts people rely on; completion order.
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { knownRepositories, baseImageFacts, retiredOn } from '../../server/src/dockerfile/data/baseImages';
import { imageSuggestions, isPrerelease, lookupBaseImage } from '../../server/src/dockerfile/services/baseImage';

test('the table stays under 300 KB and covers at least 100 official images plus distroless', () => {
  const size = statSync(join(process.cwd(), 'server', 'src', 'dockerfile', 'data', 'baseImages.json')).size;
  assert.ok(size < 300 * 1024, `${size} bytes`);
  const repos = knownRepositories();
  assert.ok(repos.filter((r) => !r.includes('/')).length >= 100);
  assert.ok(repos.some((r) => r.startsWith('gcr.io/distroless/')));
});

test('facts: python slim, node, nginx, distroless, alpine', () => {
  assert.deepEqual(baseImageFacts('python', '3.12-slim')?.cmd, ['python3']);
  assert.equal(baseImageFacts('python', '3.12-slim')?.entrypoint, undefined);
  assert.deepEqual(baseImageFacts('node', '22')?.entrypoint, ['docker-entrypoint.sh']);
  assert.ok(baseImageFacts('node', '22')?.users?.includes('node'));
  assert.deepEqual(baseImageFacts('nginx', 'latest')?.cmd, ['nginx', '-g', 'daemon off;']);
  assert.equal(baseImageFacts('gcr.io/distroless/static-debian12', 'nonroot')?.hasShell, false);
  assert.equal(baseImageFacts('alpine', 'latest')?.packageManager, 'apk');
});

test('references: Docker Hub spellings, digests, retired images, pre-releases', () => {
  assert.equal(lookupBaseImage('docker.io/library/python:3.12-slim').kind, 'known');
  assert.equal(lookupBaseImage('python').kind, 'known');
  assert.equal(lookupBaseImage('python:0.1-nope').kind, 'unknownTag');
  assert.equal(lookupBaseImage('registry.example.com/python:3.12').kind, 'unknown');
  assert.ok(retiredOn('centos'));
  assert.equal(lookupBaseImage('centos:8').kind, 'unknownTag');
  for (const t of ['3.15.0rc1', '3.14.0b1-slim', '3.15-rc-slim', '19beta3-alpine3.23']) assert.ok(isPrerelease(t), t);
  for (const t of ['3.12-slim', 'bookworm', '22-alpine', 'latest', 'trixie', '1.31.4']) assert.ok(!isPrerelease(t), t);
});

test('tag completion: the newest stable tags first, pre-releases after them', () => {
  const tags = imageSuggestions('python:');
  assert.ok(tags.length > 50);
  const sorted = [...tags].sort((a, b) => a.sortText.localeCompare(b.sortText));
  assert.ok(!isPrerelease(sorted[0].label), sorted[0].label);
  assert.ok(isPrerelease(sorted[sorted.length - 1].label));
  assert.equal(sorted[0].text, `python:${sorted[0].label}`);
});
