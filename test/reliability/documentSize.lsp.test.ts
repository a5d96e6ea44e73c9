// docklens.files.maxDocumentSize over the real server: a larger document gets one information
// diagnostic and syntax features only (a Dockerfile keeps its outline; hover is off).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { LspClient } from '../support/lspClient';

let client: LspClient;
before(async () => {
  client = await LspClient.start({ files: { maxDocumentSize: 200 } });
  // Documents opened before the server has read the settings are checked again once it has: open after.
  await new Promise((r) => setTimeout(r, 500));
});
after(() => client.stop());

test('document size: a Dockerfile over the limit gets one information diagnostic, its outline, no hover', async () => {
  const uri = 'file:///size/Dockerfile';
  const text = 'from alpine as base\n' + 'RUN echo hello world\n'.repeat(20);
  const diagnostics = await client.open(uri, text);
  assert.equal(diagnostics.length, 1);
  assert.equal(diagnostics[0].code, 'DocumentTooLarge');
  assert.equal(diagnostics[0].severity, 3);
  const symbols = await client.request<unknown[]>('textDocument/documentSymbol', { textDocument: { uri } });
  assert.ok(symbols.length > 0);
  const hover = await client.request<unknown>('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 1 } });
  assert.equal(hover, null);
});

test('document size: a document under the limit is checked as usual', async () => {
  const diagnostics = await client.open('file:///size/small/Dockerfile', 'from alpine as base\n');
  assert.ok(diagnostics.length > 0 && diagnostics.every((d) => d.code !== 'DocumentTooLarge'), JSON.stringify(diagnostics.map((d) => d.code)));
});

test('document size: a Compose file over the limit gets the diagnostic and nothing else', async () => {
  const uri = 'file:///size/compose.yaml';
  const diagnostics = await client.open(uri, 'services:\n' + '  app:\n    image: alpine\n'.repeat(1).padEnd(300, ' ') + '\n', 'dockercompose');
  assert.deepEqual(diagnostics.map((d) => d.code), ['DocumentTooLarge']);
});
