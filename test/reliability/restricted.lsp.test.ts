// Restricted Mode over the real server: the client says the workspace is not trusted, so files
// outside the workspace folders are not read, and the diagnostic does not reveal whether they exist.
// In a trusted workspace a sibling folder (a monorepo's ../common) is read as before.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LspClient } from '../support/lspClient';

const built = existsSync(join(process.cwd(), 'dist', 'server.js'));
const root = mkdtempSync(join(tmpdir(), 'docklens-trust-'));
const project = join(root, 'project');
mkdirSync(project);
mkdirSync(join(root, 'common'));
writeFileSync(join(root, 'common', 'base.yml'), 'services:\n  secret-name: {image: alpine}\n');
const compose = (file: string) => `services:\n  app:\n    image: alpine\n    extends:\n      file: ${file}\n      service: base\n`;
const folders = [{ uri: `file://${project}`, name: 'project' }];

let untrusted: LspClient | undefined;
let trusted: LspClient | undefined;
before(async () => {
  if (!built) return;
  untrusted = await LspClient.start(undefined, { initializationOptions: { workspaceTrusted: false }, workspaceFolders: folders });
  trusted = await LspClient.start(undefined, { initializationOptions: { workspaceTrusted: true }, workspaceFolders: folders });
});
after(async () => {
  await untrusted?.stop();
  await trusted?.stop();
});

test('restricted: extends.file outside the project says "outside the project", not what it defines', { skip: !built }, async () => {
  const existing = await untrusted!.open(`file://${project}/compose.yaml`, compose('../common/base.yml'), 'dockercompose');
  const missing = await untrusted!.open(`file://${project}/compose.other.yaml`, compose('../common/none.yml'), 'dockercompose');
  const texts = (ds: { message: unknown }[]) => ds.map((d) => String(d.message)).join('\n');
  assert.match(texts(existing), /"\.\.\/common\/base\.yml" is outside the project/);
  assert.doesNotMatch(texts(existing), /secret-name/);
  // Same words whether the file exists or not.
  assert.equal(texts(missing).replace('none.yml', 'base.yml'), texts(existing));
});

test('restricted: no link to a file outside the project', { skip: !built }, async () => {
  const links = await untrusted!.request<unknown[]>('textDocument/documentLink', { textDocument: { uri: `file://${project}/compose.yaml` } });
  assert.deepEqual(links, []);
});

test('trusted: a sibling folder is read (monorepo ../common)', { skip: !built }, async () => {
  const ds = await trusted!.open(`file://${project}/compose.yaml`, compose('../common/base.yml'), 'dockercompose');
  const text = ds.map((d) => String(d.message)).join('\n');
  assert.doesNotMatch(text, /outside the project/);
  assert.match(text, /does not define; it defines secret-name/);
});
