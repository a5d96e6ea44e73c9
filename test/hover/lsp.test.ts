// Hover, completion and signature help through the real server over stdio. Completion and
// signature help are checked once the server advertises them (the lead wires them in server.ts).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CompletionItem, CompletionList, Hover, MarkupContent, SignatureHelp } from 'vscode-languageserver-types';
import { LspClient, cursor } from '../support/lspClient';

let client: LspClient;
let capabilities: Record<string, unknown> = {};
before(async () => {
  client = new LspClient();
  const result = (await client.connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: null,
    capabilities: { textDocument: { completion: { completionItem: { snippetSupport: true } } } },
  })) as { capabilities: Record<string, unknown> };
  capabilities = result.capabilities;
  await client.connection.sendNotification('initialized', {});
});
after(async () => {
  await client.stop();
});

async function openAt(name: string, marked: string) {
  const { text, position } = cursor(marked);
  const uri = `file:///w/${name}/Dockerfile`;
  await client.open(uri, text);
  return { textDocument: { uri }, position };
}

test('hover on CMD over stdio says what the image runs', async () => {
  const params = await openAt('hover-cmd', 'FROM python:3.12\nENTRYPOINT ["python"]\nC|MD ["app.py"]\n');
  const hover = await client.request<Hover | null>('textDocument/hover', params);
  assert.ok(hover);
  const value = (hover.contents as MarkupContent).value;
  assert.ok(value.includes('`docker run IMAGE` runs `python app.py`'), value);
  assert.ok(value.includes('`docker run IMAGE x.py` runs `python x.py`'), value);
  assert.deepEqual(hover.range, { start: { line: 2, character: 0 }, end: { line: 2, character: 3 } });
});

test('completion over stdio offers RUN flags', async () => {
  assert.ok(capabilities.completionProvider, 'the server advertises completion');
  const params = await openAt('complete-run', 'FROM alpine\nRUN --|\n');
  const result = await client.request<CompletionItem[] | CompletionList | null>('textDocument/completion', params);
  const items = Array.isArray(result) ? result : result?.items ?? [];
  assert.deepEqual(items.map((i) => i.label).sort(), ['--mount', '--network', '--security']);
});

test('signature help over stdio for COPY', async () => {
  assert.ok(capabilities.signatureHelpProvider, 'the server advertises signature help');
  const params = await openAt('signature-copy', 'FROM alpine\nCOPY a.txt |\n');
  const help = await client.request<SignatureHelp | null>('textDocument/signatureHelp', params);
  assert.ok(help);
  assert.equal(help.signatures[help.activeSignature ?? 0].label, 'COPY [OPTIONS] <src> ... <dest>');
});
