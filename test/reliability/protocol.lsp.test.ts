// The protocol edge over the real server (stdio): cancelled requests are answered RequestCancelled,
// params of the wrong type InvalidParams (not an internal error), and a message with a broken
// Content-Length header is logged.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { CancellationTokenSource } from 'vscode-jsonrpc/node';
import { LspClient } from '../support/lspClient';

const uri = 'file:///protocol/Dockerfile';
let client: LspClient;
before(async () => {
  client = await LspClient.start();
  await client.open(uri, 'FROM alpine:3.20\nRUN echo hi\n');
});
after(() => client.stop());

async function errorCode(method: string, params: unknown): Promise<number | undefined> {
  try {
    await client.connection.sendRequest(method, params);
    return undefined;
  } catch (e) {
    return (e as { code?: number }).code;
  }
}

const INVALID: [string, unknown][] = [
  ['textDocument/hover', null],
  ['textDocument/hover', { textDocument: { uri }, position: 'x' }],
  ['textDocument/hover', { textDocument: { uri }, position: { line: -1, character: 0 } }],
  ['textDocument/completion', { textDocument: null, position: { line: 0, character: 0 } }],
  ['textDocument/documentSymbol', null],
  ['textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } }],
  ['textDocument/formatting', { textDocument: { uri: 42 }, options: {} }],
  ['textDocument/rename', { textDocument: { uri }, position: { line: 0, character: 1 }, newName: 7 }],
  ['textDocument/selectionRange', { textDocument: { uri }, positions: [null] }],
];

for (const [method, params] of INVALID) {
  test(`protocol: ${method} with params ${JSON.stringify(params)} is InvalidParams (-32602)`, async () => {
    assert.equal(await errorCode(method, params), -32602);
  });
}

test('protocol: valid params still get answers after invalid ones', async () => {
  const hover = await client.request<{ contents: unknown } | null>('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 1 } });
  assert.ok(hover && hover.contents);
  assert.ok(!client.stderr.some((l) => /Request .* failed/.test(l)), 'no internal errors logged');
});

test('protocol: a request cancelled by the client is answered RequestCancelled (-32800)', async () => {
  const codes = await Promise.all(
    Array.from({ length: 20 }, async () => {
      const source = new CancellationTokenSource();
      const answer = client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 1 } }, source.token);
      source.cancel();
      try {
        return (await answer) === null ? 'empty' : 'hover';
      } catch (e) {
        return (e as { code?: number }).code;
      }
    }),
  );
  // A request the server finished before the cancel arrived keeps its answer; none is answered empty.
  assert.ok(codes.includes(-32800), JSON.stringify(codes));
  assert.ok(codes.every((c) => c === -32800 || c === 'hover'), JSON.stringify(codes));
});

test('protocol: a broken Content-Length header is logged, not swallowed', async () => {
  const child = spawn(process.execPath, [join(process.cwd(), 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += String(d)));
  child.stdout.resume();
  child.stdin.write('Content-Length: lots\r\n\r\n{}');
  // Generous: on a loaded CI machine the server can take seconds to start; the loop ends as soon as the line arrives.
  const deadline = Date.now() + 60_000;
  while (!/unreadable message from the client/.test(stderr) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  child.kill();
  assert.match(stderr, /docklens: unreadable message from the client \(Content-Length value must be a number/);
});
