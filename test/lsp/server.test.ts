// The real server over stdio, driven by a real JSON-RPC client: diagnostics, symbols, folding,
// selection ranges, incremental edits, and survival on bad input.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { DocumentSymbol, FoldingRange, SelectionRange } from 'vscode-languageserver-types';
import { LspClient } from '../support/lspClient';

let client: LspClient;
before(async () => {
  client = await LspClient.start();
});
after(async () => {
  await client.stop();
});

const MULTI_STAGE = [
  '# syntax=docker/dockerfile:1',
  'ARG GO_VERSION=1.22',
  'FROM golang:${GO_VERSION} AS build',
  'WORKDIR /src',
  'RUN go build \\',
  '    -o /out/app .',
  'FROM alpine:3.20',
  'COPY --from=build /out/app /app',
  'CMD ["/app"]',
  '',
].join('\n');

test('publishes a syntax error for ENV without a value, with its range', async () => {
  const diagnostics = await client.open('file:///w/env.Dockerfile', 'FROM alpine\nENV ONLYKEY\n');
  const errors = diagnostics.filter((d) => d.severity === 1);
  assert.equal(errors.length, 1);
  assert.match(String(errors[0].message), /ENV must have two arguments/);
  assert.deepEqual(errors[0].range.start, { line: 1, character: 0 });
});

test('document symbols: stages with their instructions, names shown', async () => {
  const uri = 'file:///w/multi/Dockerfile';
  await client.open(uri, MULTI_STAGE);
  const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
  assert.deepEqual(symbols.map((s) => s.name), ['ARG', 'build', 'stage 1']);
  assert.deepEqual(symbols[1].children!.map((c) => c.name), ['WORKDIR', 'RUN']);
  assert.equal(symbols[1].detail, 'FROM golang:${GO_VERSION}');
  assert.deepEqual(symbols[1].range, { start: { line: 2, character: 0 }, end: { line: 5, character: 17 } });
  assert.deepEqual(symbols[2].children!.map((c) => c.name), ['COPY', 'CMD']);
});

test('folding ranges: stages and continued instructions', async () => {
  const uri = 'file:///w/multi/Dockerfile';
  const ranges = await client.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri } });
  const pairs = ranges.map((r) => [r.startLine, r.endLine]);
  assert.deepEqual(pairs, [
    [2, 5],
    [4, 5],
    [6, 8],
  ]);
});

test('selection ranges grow from a word to the instruction, the stage and the file', async () => {
  const uri = 'file:///w/multi/Dockerfile';
  const [range] = await client.request<SelectionRange[]>('textDocument/selectionRange', {
    textDocument: { uri },
    positions: [{ line: 7, character: 14 }],
  });
  const chain: string[] = [];
  for (let r: SelectionRange | undefined = range; r; r = r.parent) chain.push(`${r.range.start.line}:${r.range.start.character}-${r.range.end.line}:${r.range.end.character}`);
  assert.deepEqual(chain, ['7:12-7:17', '7:5-7:17', '7:0-7:31', '6:0-8:12', '0:0-9:0']);
});

test('incremental edits are applied and re-validated', async () => {
  const uri = 'file:///w/edit.Dockerfile';
  await client.open(uri, 'FROM alpine\nENV A=1\n');
  const broken = await client.change(uri, [{ range: { start: { line: 1, character: 5 }, end: { line: 1, character: 7 } }, text: '' }]);
  assert.ok(broken.some((d) => /two arguments/.test(String(d.message))), 'ENV A is an error');
  const fixed = await client.change(uri, [{ range: { start: { line: 1, character: 5 }, end: { line: 1, character: 5 } }, text: '=2' }]);
  assert.ok(!fixed.some((d) => d.severity === 1));
});

test('garbage, binary and huge documents get answers, never a crash', async () => {
  const garbage = Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7919) % 256)).toString('latin1');
  await client.open('file:///w/garbage.Dockerfile', garbage);
  const huge = 'FROM a\n' + 'RUN echo hi \\\n  && true\n'.repeat(20000);
  await client.open('file:///w/huge.Dockerfile', huge);
  const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: 'file:///w/huge.Dockerfile' } });
  assert.equal(symbols[0].children!.length, 20000);
  const again = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: 'file:///w/multi/Dockerfile' } });
  assert.equal(again.length, 3);
});

test('requests for unknown documents answer empty', async () => {
  const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: 'file:///nowhere' } });
  assert.deepEqual(symbols, []);
});

test('a burst of closes (the server collects its garbage after them) leaves it answering', async () => {
  const uris = [1, 2, 3].map((i) => `file:///w/closed/${i}/Dockerfile`);
  const logged = client.stderr.length;
  for (const uri of uris) await client.open(uri, MULTI_STAGE);
  for (const uri of uris) await client.close(uri);
  const diagnostics = await client.open(uris[0], 'FROM alpine\nENV ONLYKEY\n');
  assert.ok(diagnostics.some((d) => /two arguments/.test(String(d.message))));
  const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: 'file:///w/multi/Dockerfile' } });
  assert.equal(symbols.length, 3);
  assert.deepEqual(client.stderr.slice(logged), []);
});
