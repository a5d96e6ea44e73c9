// The Marketplace manifest and the files that go with it: one CHANGELOG section per version, the
// version the server reports, and the workspace capabilities described in every language.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const manifest = JSON.parse(readFileSync('package.json', 'utf8'));

test('CHANGELOG.md has a section for the package version, and every section names a version', () => {
  const headings = [...readFileSync('CHANGELOG.md', 'utf8').matchAll(/^## (.+)$/gm)].map((m) => m[1]);
  assert.ok(headings.length > 0, 'CHANGELOG.md has version sections');
  assert.ok(headings.some((h) => h.split(/\s/)[0] === manifest.version), `a "## ${manifest.version}" section`);
  assert.deepEqual(headings.filter((h) => !/^\d+\.\d+\.\d+(-[\w.]+)?( \(.+\))?$/.test(h)), [], 'section headings are "## x.y.z" or "## x.y.z (note)"');
  const versions = headings.map((h) => h.split(/\s/)[0]);
  assert.equal(new Set(versions).size, versions.length, 'one section per version');
});

test('the language server reports the package version', () => {
  const server = readFileSync('server/src/server.ts', 'utf8');
  const reported = /serverInfo: \{ name: 'docklens', version: '([^']+)' \}/.exec(server)?.[1];
  assert.equal(reported, manifest.version);
});

test('untrusted and virtual workspaces: declared limited, described in English and Chinese', () => {
  const en = JSON.parse(readFileSync('package.nls.json', 'utf8'));
  const zh = JSON.parse(readFileSync('package.nls.zh-cn.json', 'utf8'));
  for (const kind of ['untrustedWorkspaces', 'virtualWorkspaces']) {
    const capability = manifest.capabilities?.[kind];
    assert.equal(capability?.supported, 'limited', kind);
    const key = /^%(.+)%$/.exec(capability.description)?.[1];
    assert.ok(key && en[key] && zh[key], `${kind} description in package.nls.json and package.nls.zh-cn.json`);
  }
});

test('virtual workspaces are "limited" because the client serves only file: and untitled: documents', () => {
  const client = readFileSync('client/src/extension.ts', 'utf8');
  const schemes = new Set([...client.matchAll(/\{ scheme: '([^']+)', language: '[^']+' \}/g)].map((m) => m[1]));
  assert.deepEqual([...schemes].sort(), ['file', 'untitled']);
});
