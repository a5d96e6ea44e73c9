// `npm run package` output: the .vsix holds only what runs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// @ts-expect-error a plain script without types
import { baseUrlArgs, readmeLinkProblems, readZipEntry } from '../../scripts/packageReadme.mjs';

/** File names from a zip's central directory. */
function zipEntries(zip: Buffer): string[] {
  let eocd = zip.length - 22;
  while (eocd >= 0 && zip.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  assert.ok(eocd >= 0, 'a zip file');
  const count = zip.readUInt16LE(eocd + 10);
  let pos = zip.readUInt32LE(eocd + 16);
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    const nameLength = zip.readUInt16LE(pos + 28);
    const extra = zip.readUInt16LE(pos + 30);
    const comment = zip.readUInt16LE(pos + 32);
    names.push(zip.toString('utf8', pos + 46, pos + 46 + nameLength));
    pos += 46 + nameLength + extra + comment;
  }
  return names;
}

test('the .vsix contains only dist/, syntaxes/, snippets/, language configuration, manifest and docs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'docklens-vsix-'));
  try {
    const out = join(dir, 'docklens.vsix');
    // What `npm run package` runs, without the build (the test runner built dist/). It fails on a vsce
    // warning or a packaged README link that is not absolute https (it prints why).
    const run = spawnSync(process.execPath, ['scripts/package.mjs', '--no-build', '--out', out], { encoding: 'utf8', env: { ...process.env, DOCKLENS_BASE_URL: '' } });
    assert.equal(run.status, 0, run.stdout + run.stderr);
    // The Marketplace manifest is complete: vsce has nothing to warn about (icon, repository, licence, links).
    assert.doesNotMatch(run.stdout + run.stderr, /WARNING|\bwarn/i, 'vsce package prints no warning');
    // The README's pictures are in it, as absolute https URLs of files that docs/images/ has.
    const readme = readZipEntry(readFileSync(out), 'extension/readme.md')?.toString('utf8') ?? '';
    const pictures = [...readme.matchAll(/!\[[^\]]*\]\((\S+)\)/g)].map((m) => m[1]).filter((src) => src.endsWith('.png'));
    for (const name of ['cmd-hover', 'layer-lens', 'layer-list', 'merge-before', 'merge-after', 'compose-command-hover', 'problems']) {
      assert.ok(pictures.some((src) => src.endsWith(`/docs/images/${name}.png`)), `the packaged README shows ${name}.png`);
    }
    assert.deepEqual(readmeLinkProblems(readme), []);
    const files = zipEntries(readFileSync(out))
      .filter((f) => f.startsWith('extension/'))
      .map((f) => f.slice('extension/'.length))
      .sort();
    const allowed = /^(dist\/(client|server|cli)\.js|dist\/(web-tree-sitter|tree-sitter-bash)\.wasm|syntaxes\/[^/]+\.json|snippets\/[^/]+\.json|language-configuration\/[^/]+\.json|dist\/l10n\/[a-z-]+\/[^/]+\.json|l10n\/bundle\.l10n\.[a-z-]+\.json|package\.nls(\.[a-z-]+)?\.json|images\/icon\.png|package\.json|README\.md|LICENSE(\.txt)?|CHANGELOG\.md|THIRD_PARTY_NOTICES\.md)$/i;
    const unexpected = files.filter((f) => !allowed.test(f));
    assert.deepEqual(unexpected, [], 'nothing but what runs');
    const lower = files.map((f) => f.toLowerCase());
    for (const required of ['dist/client.js', 'dist/server.js', 'dist/cli.js', 'dist/web-tree-sitter.wasm', 'dist/tree-sitter-bash.wasm', 'package.json', 'readme.md', 'changelog.md', 'package.nls.json', 'package.nls.zh-cn.json', 'l10n/bundle.l10n.zh-cn.json', 'dist/l10n/zh-cn/messages.json']) {
      assert.ok(lower.includes(required), `${required} is packaged`);
    }
    assert.ok(lower.some((f) => f.startsWith('license')), 'the licence is packaged');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('README base URLs: vsce\'s own for GitHub/GitLab, DOCKLENS_BASE_URL, else the repository in GitHub\'s layout', () => {
  assert.deepEqual(baseUrlArgs({ repository: { url: 'https://github.com/o/docklens.git' } }, {}), []);
  assert.deepEqual(baseUrlArgs({ repository: 'https://example.invalid/docklens.git' }, { DOCKLENS_BASE_URL: 'https://h/r/raw/main/' }), ['--baseContentUrl', 'https://h/r/raw/main', '--baseImagesUrl', 'https://h/r/raw/main']);
  assert.deepEqual(baseUrlArgs({ repository: { url: 'https://example.invalid/docklens.git' } }, {}), ['--baseContentUrl', 'https://example.invalid/docklens/blob/HEAD', '--baseImagesUrl', 'https://example.invalid/docklens/raw/HEAD']);
  assert.throws(() => baseUrlArgs({}, {}), /DOCKLENS_BASE_URL/);
  assert.deepEqual(readmeLinkProblems('![a](docs/images/x.png) [b](#x) [c](https://h/y)'), ['image not absolute https: docs/images/x.png']);
});
