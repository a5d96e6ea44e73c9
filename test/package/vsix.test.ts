// `npm run package` output: the .vsix holds only what runs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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
    const run = spawnSync(process.execPath, [join('node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--no-dependencies', '--out', out], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    // The Marketplace manifest is complete: vsce has nothing to warn about (icon, repository, licence, links).
    assert.doesNotMatch(run.stdout + run.stderr, /WARNING|\bwarn/i, 'vsce package prints no warning');
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
