// Navigation through the real server over stdio: definition, references, highlights, prepare
// rename (with its error), rename and document links. DOCKLENS_SERVER picks another build.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { DocumentHighlight, DocumentLink, Location, Range, WorkspaceEdit } from 'vscode-languageserver-types';
import { cursor, LspClient } from '../support/lspClient';

const serverPath = process.env.DOCKLENS_SERVER ?? join(process.cwd(), 'dist', 'server.js');

const DOCKERFILE = cursor(
  [
    '# syntax=docker/dockerfile:1',
    'ARG GO_VERSION=1.22',
    'FROM golang:${GO_VERSION} AS build',
    'ARG GO_VERSION',
    'RUN echo $GO_VERSION > /v',
    'FROM alpine:3.20',
    'COPY --from=bu|ild /v /v',
    'RUN echo $TARGETARCH',
    '',
  ].join('\n'),
);
const URI = 'file:///w/nav/Dockerfile';

let client: LspClient | undefined;

before(async () => {
  client = new LspClient(serverPath);
  const init = (await client.connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} })) as {
    capabilities: { referencesProvider?: unknown; renameProvider?: unknown; documentHighlightProvider?: unknown };
  };
  await client.connection.sendNotification('initialized', {});
  assert.ok(init.capabilities.referencesProvider && init.capabilities.renameProvider && init.capabilities.documentHighlightProvider, 'the server advertises references, rename and highlights');
  await client.open(URI, DOCKERFILE.text);
});
after(async () => {
  await client?.stop();
});

const at = (position: { line: number; character: number }) => ({ textDocument: { uri: URI }, position });
const text = (range: Range) => {
  const lines = DOCKERFILE.text.split('\n');
  return lines[range.start.line].slice(range.start.character, range.start.line === range.end.line ? range.end.character : undefined);
};

describe('navigation over LSP', () => {
  it('definition of COPY --from=build is the AS name', async () => {
    const locations = await client!.request<Location[]>('textDocument/definition', at(DOCKERFILE.position));
    assert.deepEqual(locations.map((l) => [l.range.start.line, text(l.range)]), [[2, 'build']]);
  });

  it('references and highlights of a variable follow the scope rules', async () => {
    const position = { line: 4, character: 12 };
    const refs = await client!.request<Location[]>('textDocument/references', { ...at(position), context: { includeDeclaration: true } });
    assert.deepEqual(refs.map((l) => l.range.start.line).sort(), [1, 2, 3, 4]);
    const highlights = await client!.request<DocumentHighlight[]>('textDocument/documentHighlight', at(position));
    assert.equal(highlights.length, 4);
  });

  it('prepare rename answers the name, or an error the editor shows', async () => {
    const ok = await client!.request<{ range: Range; placeholder: string }>('textDocument/prepareRename', at(DOCKERFILE.position));
    assert.equal(ok.placeholder, 'build');
    assert.equal(await client!.request('textDocument/prepareRename', at({ line: 5, character: 2 })), null);
    await assert.rejects(client!.request('textDocument/prepareRename', at({ line: 7, character: 12 })), /predefined build argument/);
  });

  it('rename edits every use of the stage; invalid names are refused', async () => {
    const edit = await client!.request<WorkspaceEdit>('textDocument/rename', { ...at(DOCKERFILE.position), newName: 'compile' });
    assert.deepEqual(edit.changes?.[URI]?.map((e) => [e.range.start.line, e.newText]), [[2, 'compile'], [6, 'compile']]);
    await assert.rejects(client!.request('textDocument/rename', { ...at(DOCKERFILE.position), newName: '1bad' }), /not a valid stage name/);
  });

  it('document links: image names and the syntax directive', async () => {
    const links = await client!.request<DocumentLink[]>('textDocument/documentLink', { textDocument: { uri: URI } });
    assert.deepEqual(links.map((l) => l.target), ['https://hub.docker.com/r/docker/dockerfile', 'https://hub.docker.com/_/alpine']);
  });
});
