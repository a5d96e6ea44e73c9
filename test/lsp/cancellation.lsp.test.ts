// Cancellation over stdio: a request runs on the turn after it arrives, so a $/cancelRequest sent
// right behind it is seen before any work and answered RequestCancelled (-32800), including the
// long ones (references, rename, fix-all), which also check between their stages. And validation
// of a large Dockerfile edited several times in a row publishes the last version's diagnostics.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { CancellationTokenSource } from 'vscode-jsonrpc/node';
import { LspClient } from '../support/lspClient';

const uri = 'file:///cancel/Dockerfile';
const text = Array.from({ length: 400 }, (_, i) => `FROM alpine:3.20 AS s${i}\nARG V${i}=1\nRUN apt-get install curl && echo $V${i}\nMAINTAINER me\n`).join('');
let client: LspClient;
before(async () => {
  client = await LspClient.start();
  await client.open(uri, text);
});
after(() => client.stop());

const at = { line: 2, character: 42 };
const range = { start: { line: 0, character: 0 }, end: { line: 3, character: 0 } };
const REQUESTS: [string, unknown][] = [
  ['textDocument/hover', { textDocument: { uri }, position: at }],
  ['textDocument/references', { textDocument: { uri }, position: at, context: { includeDeclaration: true } }],
  ['textDocument/rename', { textDocument: { uri }, position: at, newName: 'W' }],
  ['textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: [], only: ['source.fixAll'] } }],
];

for (const [method, params] of REQUESTS) {
  test(`cancel: ${method} cancelled right after it is sent is answered RequestCancelled`, async () => {
    const answers = await Promise.all(
      Array.from({ length: 10 }, async () => {
        const source = new CancellationTokenSource();
        const answer = client.connection.sendRequest(method, params, source.token);
        source.cancel();
        try {
          const result = await answer;
          return result === null || (Array.isArray(result) && result.length === 0) ? 'empty' : 'answer';
        } catch (e) {
          return (e as { code?: number }).code;
        }
      }),
    );
    // One the server finished before the cancel arrived keeps its (full) answer.
    assert.ok(answers.every((a) => a === -32800 || a === 'answer'), JSON.stringify(answers));
    assert.ok(answers.filter((a) => a === -32800).length >= 5, JSON.stringify(answers));
  });
}

test('cancel: the same requests not cancelled get their answers', async () => {
  for (const [method, params] of REQUESTS) {
    const result = await client.request<unknown>(method, params);
    assert.ok(result !== null && !(Array.isArray(result) && result.length === 0), method);
  }
});

test('cancel: edits in a row on a large Dockerfile end with the last version diagnostics', async () => {
  const edited = 'file:///cancel/edited/Dockerfile';
  await client.open(edited, text);
  let last: Promise<unknown> = Promise.resolve();
  let now = text;
  for (let i = 0; i < 6; i++) {
    const line = 4 * (i * 50) + 3;
    last = client.change(edited, [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: 'RUN cd /x\n' }]);
    now = now.split('\n').map((l, k) => (k === line ? `RUN cd /x\n${l}` : l)).join('\n');
  }
  const kept = (await last) as { code?: unknown; range: unknown }[];
  const fresh = await client.open('file:///cancel/fresh/Dockerfile', now);
  assert.deepEqual(kept.map((d) => [d.code, d.range]), fresh.map((d) => [d.code, d.range]));
});
