// Document, range and on-type formatting through the real server over stdio (needs `npm run build`).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Position, TextEdit } from 'vscode-languageserver-types';
import { LspClient } from '../support/lspClient';


let client: LspClient | undefined;
before(async () => {
  client = await LspClient.start({ format: { keepKeywordCasing: false } });
});
after(async () => {
  await client?.stop();
});

function offsetAt(text: string, p: Position): number {
  const lines = text.split('\n');
  let offset = 0;
  for (let i = 0; i < p.line; i++) offset += lines[i].length + 1;
  return offset + p.character;
}

function apply(text: string, edits: TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => offsetAt(text, b.range.start) - offsetAt(text, a.range.start));
  for (const e of sorted) text = text.slice(0, offsetAt(text, e.range.start)) + e.newText + text.slice(offsetAt(text, e.range.end));
  return text;
}

const MESSY = 'from alpine   as   base\nrun   apk add --no-cache \\\n        curl \\\n  && echo done\n\n\n\ncmd [ "sh" ,"-c", "echo hi" ]';
const FORMATTED = 'FROM alpine AS base\nRUN apk add --no-cache \\\n          curl \\\n    && echo done\n\nCMD ["sh", "-c", "echo hi"]\n';

test('LSP: Format Document on a Dockerfile', async () => {
  const uri = 'file:///w/format/Dockerfile';
  await client!.open(uri, MESSY);
  const edits = await client!.request<TextEdit[]>('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 4, insertSpaces: true } });
  assert.equal(apply(MESSY, edits), FORMATTED);
  const tabs = await client!.request<TextEdit[]>('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 2, insertSpaces: false } });
  assert.equal(apply(MESSY, tabs), FORMATTED.replace('          curl', '\t\t\t\tcurl').replace('    && echo', '\t&& echo'));
});

test('LSP: range formatting touches only the instructions in the range', async () => {
  const uri = 'file:///w/format/range.Dockerfile';
  await client!.open(uri, MESSY);
  const edits = await client!.request<TextEdit[]>('textDocument/rangeFormatting', {
    textDocument: { uri },
    range: { start: { line: 1, character: 0 }, end: { line: 1, character: 3 } },
    options: { tabSize: 4, insertSpaces: true },
  });
  assert.equal(apply(MESSY, edits), MESSY.replace('run   apk add --no-cache \\\n        curl \\\n  && echo done', 'RUN apk add --no-cache \\\n          curl \\\n    && echo done'));
});

test('LSP: on-type formatting indents the line after a continued one', async () => {
  const uri = 'file:///w/format/ontype.Dockerfile';
  const text = 'FROM alpine\nRUN apk add \\\n';
  await client!.open(uri, text);
  const edits = await client!.request<TextEdit[]>('textDocument/onTypeFormatting', {
    textDocument: { uri },
    position: { line: 2, character: 0 },
    ch: '\n',
    options: { tabSize: 4, insertSpaces: true },
  });
  assert.equal(apply(text, edits), 'FROM alpine\nRUN apk add \\\n    ');
});

test('LSP: the server offers document, range and on-type formatting', async () => {
  const fresh = new LspClient();
  try {
    const init = await fresh.connection.sendRequest<{ capabilities: Record<string, unknown> }>('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
    assert.equal(init.capabilities.documentFormattingProvider, true);
    assert.equal(init.capabilities.documentRangeFormattingProvider, true);
    assert.deepEqual(init.capabilities.documentOnTypeFormattingProvider, { firstTriggerCharacter: '\n' });
  } finally {
    await fresh.stop();
  }
});

test('LSP: Format Document on a Compose file (whole document; range and on-type answer nothing)', async () => {
  const uri = 'file:///w/format/compose.yaml';
  const text = 'services:\n    web:   # the front\n        image: nginx\n        ports:\n        - "80:80"\n';
  await client!.open(uri, text, 'dockercompose');
  const edits = await client!.request<TextEdit[]>('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } });
  // The yaml printer puts a comment after `key:` of a block mapping on the line below, first in the mapping.
  assert.equal(apply(text, edits), 'services:\n  web:\n    # the front\n    image: nginx\n    ports:\n      - "80:80"\n');
  const range = await client!.request<TextEdit[]>('textDocument/rangeFormatting', {
    textDocument: { uri },
    range: { start: { line: 1, character: 0 }, end: { line: 2, character: 0 } },
    options: { tabSize: 2, insertSpaces: true },
  });
  assert.deepEqual(range, []);
});
