// The stdio writer's encoder: what it writes equals vscode-jsonrpc's JSON of the same message, for
// publishDiagnostics (frozen diagnostics kept, others not) and for every other message.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Message } from 'vscode-languageserver/node';
import { keptJsonEncoder } from '../../server/src/node/keptJsonEncoder';
import { diagnose } from '../../server/src/dockerfile/services/diagnostics';
import { buildModel, parseDocument } from '../../server/src/dockerfile/parser/model';
import { reparse } from '../../server/src/dockerfile/parser/incremental';
import { RuleResultCache } from '../../server/src/dockerfile/services/diagnostics';

const plain = (msg: object) => Buffer.from(JSON.stringify(msg), 'utf-8');
/** The bytes the writer puts on the wire: the message's parts one after the other. */
const encode = (encoder: ReturnType<typeof keptJsonEncoder>, msg: Message) => Buffer.concat(encoder.parts(msg));

function publish(diagnostics: object[], version?: number): Message {
  const params: Record<string, unknown> = { uri: 'file:///tmp/d%C3%A9j%C3%A0/Dockerfile', diagnostics };
  if (version !== undefined) params.version = version;
  return { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params } as unknown as Message;
}

test('a publish is written as JSON.stringify writes it, with the kept bytes of unchanged diagnostics', () => {
  const encoder = keptJsonEncoder();
  const stage = (i: number) => `FROM alpine AS s${i}\nMAINTAINER me\nRUN apk add curl\nRUN echo "héllo ✓ ${i}"\n`;
  const text = Array.from({ length: 8 }, (_, i) => stage(i)).join('');
  const cache = new RuleResultCache();
  let model = parseDocument(text);
  let list = diagnose(model, { cache }).lspDiagnostics();
  assert.ok(list.length > 8 && list.every((d) => Object.isFrozen(d) && Object.isFrozen(d.range)));
  assert.deepEqual(encode(encoder, publish(list, 1)), plain(publish(list, 1)));
  // An edit: the list re-uses most objects, moves some; each is written as it is now.
  const reused: boolean[] = [];
  for (const [at, insert] of [[text.indexOf('curl'), 'x'], [text.indexOf('FROM alpine AS s4'), '\n'], [0, '# top\n'], [text.indexOf('s4'), 'x']] as const) {
    model = buildModel(reparse(model.ast, [{ start: at, end: at, text: insert }]), model);
    const next = diagnose(model, { cache }).lspDiagnostics();
    reused.push(next.some((d) => list.includes(d)));
    list = next;
    assert.deepEqual(encode(encoder, publish(list, 2)), plain(publish(list, 2)));
  }
  assert.ok(reused.some((r) => r), 'objects re-used');
  assert.deepEqual(encode(encoder, publish([])), plain(publish([])));
});

test('diagnostics that are not frozen are written as they are at each publish', () => {
  const encoder = keptJsonEncoder();
  const d = { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, message: 'one' };
  assert.deepEqual(encode(encoder, publish([d])), plain(publish([d])));
  d.message = 'two';
  assert.deepEqual(encode(encoder, publish([d])), plain(publish([d])));
});

test('a response whose result is a list keeps its frozen items, and is written as JSON.stringify writes it', () => {
  const encoder = keptJsonEncoder();
  const item = Object.freeze({ name: 'build', range: Object.freeze({ start: 1 }), children: Object.freeze([]) });
  const open = { name: 'open', detail: 'x' };
  const response = (id: number) => ({ jsonrpc: '2.0', id, result: [item, open, 'text', 3, null] });
  assert.deepEqual(encode(encoder, response(1) as unknown as Message), plain(response(1)));
  open.detail = 'y';
  assert.deepEqual(encode(encoder, response(2) as unknown as Message), plain(response(2)));
  // Items that are not kept, before, between and after kept ones.
  const mixed = { jsonrpc: '2.0', id: 3, result: [open, { a: 1 }, item, 'text', item, null] };
  assert.deepEqual(encode(encoder, mixed as unknown as Message), plain(mixed));
});

test('other messages are written as vscode-jsonrpc writes them', () => {
  const encoder = keptJsonEncoder();
  const messages = [
    { jsonrpc: '2.0', id: 7, result: [] },
    { jsonrpc: '2.0', id: 8, result: null },
    { jsonrpc: '2.0', id: 1, result: { contents: 'ünïcode "quoted" docklens:diagnostics' } },
    { jsonrpc: '2.0', method: 'window/logMessage', params: { type: 3, message: 'x' } },
    { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///x' } },
  ];
  for (const msg of messages) assert.deepEqual(encode(encoder, msg as unknown as Message), plain(msg));
});
