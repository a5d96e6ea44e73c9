// The stdio writer (node/partsWriter.ts): each message goes out as Content-Length and the JSON that
// JSON.stringify writes, the parts written one after another, messages in the order written.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import type { Message } from 'vscode-languageserver/node';
import { PartsMessageWriter } from '../../server/src/node/partsWriter';
import { keptJsonEncoder } from '../../server/src/node/keptJsonEncoder';

const framed = (msg: object) => {
  const json = Buffer.from(JSON.stringify(msg), 'utf-8');
  return Buffer.concat([Buffer.from(`Content-Length: ${json.byteLength}\r\n\r\n`, 'ascii'), json]);
};

test('messages written at once go out whole, in order, each as JSON.stringify writes it', async () => {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  const writer = new PartsMessageWriter(stream, keptJsonEncoder().parts);
  const item = Object.freeze({ name: 'stage ✓', range: Object.freeze({ start: 1 }) });
  const messages = [
    { jsonrpc: '2.0', id: 1, result: [item, { name: 'open' }, item] },
    { jsonrpc: '2.0', method: 'window/logMessage', params: { type: 3, message: 'héllo' } },
    { jsonrpc: '2.0', id: 2, result: [] },
    { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///x', diagnostics: [item] } },
  ];
  await Promise.all(messages.map((m) => writer.write(m as unknown as Message)));
  assert.deepEqual(Buffer.concat(chunks), Buffer.concat(messages.map(framed)));
});

test('a message that cannot be encoded is reported and rejected; the next ones still go out', async () => {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  const writer = new PartsMessageWriter(stream, keptJsonEncoder().parts);
  const errors: unknown[] = [];
  writer.onError(([error]) => errors.push(error));
  const cyclic: Record<string, unknown> = { jsonrpc: '2.0', id: 1 };
  cyclic.result = cyclic;
  const next = { jsonrpc: '2.0', id: 2, result: null };
  await assert.rejects(writer.write(cyclic as unknown as Message));
  await writer.write(next as unknown as Message);
  assert.equal(errors.length, 1);
  assert.deepEqual(Buffer.concat(chunks), framed(next));
});
