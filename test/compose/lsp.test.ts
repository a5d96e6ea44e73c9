// The Compose features through the real server over stdio (dist/server.js, built by `npm run build`):
// a Compose file of the fixture project opened as `dockercompose`, with its Dockerfiles on disk.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { CodeAction, CodeLens, CompletionList, Diagnostic, Hover, Location } from 'vscode-languageserver-types';
import { LspClient, cursor } from '../support/lspClient';
import { PROJECT } from './helpers';

const built = existsSync(join(process.cwd(), 'dist', 'server.js'));
const uri = `file://${PROJECT}/compose.yaml`;
const SOURCE = [
  'version: "3.9"',
  'services:',
  '  app:',
  '    build:',
  '      context: .',
  '      target: runtim',
  '    command: ["dist/other.js"]',
  '    depends_on:',
  '      - db',
  '  db:',
  '    image: postgres:17',
  '    ports:',
  '      - "80800:5432"',
  '',
].join('\n');

let client: LspClient | undefined;
let diagnostics: Diagnostic[] = [];
before(async () => {
  if (!built) return;
  client = await LspClient.start();
  diagnostics = await client.open(uri, SOURCE, 'dockercompose');
});
after(async () => {
  await client?.stop();
});

test('compose over stdio: diagnostics for the schema, ports, version and the Dockerfile stage', { skip: !built }, () => {
  const byCode = new Map(diagnostics.map((d) => [String(d.code), d]));
  assert.ok(byCode.has('ObsoleteVersion'), JSON.stringify(diagnostics));
  assert.equal(byCode.get('InvalidPort')?.range.start.line, 12);
  const target = byCode.get('UnknownBuildTarget');
  assert.ok(target);
  assert.match(String(target.message), /Did you mean "runtime"\?/);
  assert.deepEqual(target.range.start, { line: 5, character: 14 });
});

test('compose over stdio: quick fix removes the obsolete version', { skip: !built }, async () => {
  const version = diagnostics.find((d) => d.code === 'ObsoleteVersion')!;
  const actions = await client!.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri },
    range: version.range,
    context: { diagnostics: [version] },
  });
  const remove = actions.find((a) => a.title === 'Remove the obsolete "version"');
  assert.ok(remove, JSON.stringify(actions));
  assert.deepEqual(remove.edit?.changes?.[uri], [{ range: { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } }, newText: '' }]);
});

test('compose over stdio: completion of build.target lists the Dockerfile stages', { skip: !built }, async () => {
  const { text, position } = cursor(SOURCE.replace('target: runtim', 'target: |'));
  // not named like an override (compose.dev.yaml would be merged onto compose.yaml, whose target wins)
  const other = `file://${PROJECT}/stack.yaml`;
  await client!.open(other, text, 'dockercompose');
  const list = await client!.request<CompletionList>('textDocument/completion', { textDocument: { uri: other }, position });
  const labels = (Array.isArray(list) ? list : list.items).map((i) => i.label);
  assert.deepEqual(labels.sort(), ['build', 'deps', 'runtime']);
  // With no target the last stage is built: hover on command shows what the container runs.
  const hover = await client!.request<Hover>('textDocument/hover', { textDocument: { uri: other }, position: { line: 6, character: 6 } });
  const value = (hover.contents as { value: string }).value;
  assert.match(value, /Replaces the image's \*\*CMD\*\*/);
  assert.match(value, /the container runs:\*\* `node dist\/other.js`/);
});

test('compose over stdio: hover on command with an unknown build target says so', { skip: !built }, async () => {
  const hover = await client!.request<Hover>('textDocument/hover', { textDocument: { uri }, position: { line: 6, character: 6 } });
  assert.match((hover.contents as { value: string }).value, /`runtim` is not a stage of `Dockerfile`/);
});

test('compose over stdio: definition from depends_on to the service; lens on the built service', { skip: !built }, async () => {
  const locations = await client!.request<Location[] | Location>('textDocument/definition', {
    textDocument: { uri },
    position: { line: 8, character: 9 },
  });
  const first = Array.isArray(locations) ? locations[0] : locations;
  assert.equal(first.range.start.line, 9);
  const lenses = await client!.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
  assert.ok(lenses.some((l) => l.range.start.line === 2 && /^builds Dockerfile/.test(l.command?.title ?? '')), JSON.stringify(lenses));
});

test('compose over stdio: edits inside a service (re-parsed alone) publish what a fresh open of the text does', { skip: !built }, async () => {
  const editUri = `file://${PROJECT}/compose.edited.yaml`;
  const freshUri = `file://${PROJECT}/compose.fresh.yaml`;
  let text = SOURCE;
  await client!.open(editUri, text, 'dockercompose');
  // typed into db's port, a new key in app, then a line of app deleted: each a ranged change
  const steps: { line: number; character: number; endLine?: number; endCharacter?: number; insert: string }[] = [
    { line: 12, character: 16, insert: '1' },
    { line: 6, character: 0, insert: '    restart: sometimes\n' },
    { line: 9, character: 0, endLine: 10, endCharacter: 0, insert: '' },
  ];
  for (const s of steps) {
    const lines = text.split('\n');
    const start = lines.slice(0, s.line).reduce((n, l) => n + l.length + 1, 0) + s.character;
    const end = lines.slice(0, s.endLine ?? s.line).reduce((n, l) => n + l.length + 1, 0) + (s.endCharacter ?? s.character);
    text = text.slice(0, start) + s.insert + text.slice(end);
    const range = { start: { line: s.line, character: s.character }, end: { line: s.endLine ?? s.line, character: s.endCharacter ?? s.character } };
    const edited = await client!.change(editUri, [{ range, text: s.insert }]);
    const fresh = await client!.open(freshUri, text, 'dockercompose');
    await client!.connection.sendNotification('textDocument/didClose', { textDocument: { uri: freshUri } });
    assert.deepEqual(edited, fresh, `after inserting ${JSON.stringify(s.insert)} at ${s.line}:${s.character}`);
  }
  assert.ok(text.includes('restart: sometimes') && text.includes('"80800:51432"'), text);
});
