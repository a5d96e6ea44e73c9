// A multi-file Compose project through the real server over stdio (dist/server.js): an override
// file opened alone is checked as part of its project, `${VAR}` hover and definition read `.env`,
// a `.env` changed on disk re-validates the open Compose files, untitled documents touch no disk.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CodeLens, CompletionList, Diagnostic, Hover, Location } from 'vscode-languageserver-types';
import { LspClient } from '../support/lspClient';

const built = existsSync(join(process.cwd(), 'dist', 'server.js'));
const dir = mkdtempSync(join(tmpdir(), 'docklens-project-'));
const uriOf = (name: string) => `file://${dir}/${name}`;

const BASE = ['services:', '  web:', '    image: example/api:${TAG}', '    ports:', '      - "8080:80"', '  cli:', '    build: .', '    command: hello base', 'networks:', '  back: {}', ''].join('\n');
const OVERRIDE = [
  'services:',
  '  web:',
  '    ports: !reset []',
  '    environment:',
  '      MODE: !override dev',
  '  worker:',
  '    image: example/worker:${TAG:?set TAG}',
  '    depends_on: [web]',
  '    networks: [back]',
  '  cli:',
  '    command: ["hello", "${TAG}"]',
  '',
].join('\n');

let client: LspClient | undefined;
let overrideDiagnostics: Diagnostic[] = [];
before(async () => {
  if (!built) return;
  writeFileSync(join(dir, 'compose.yaml'), BASE);
  writeFileSync(join(dir, 'compose.override.yaml'), OVERRIDE);
  writeFileSync(join(dir, '.env'), '# versions\nTAG=1.2\n');
  writeFileSync(join(dir, 'Dockerfile'), 'FROM alpine:3.20\nENTRYPOINT ["/bin/echo"]\n');
  client = await LspClient.start(undefined, { workspaceFolders: [{ uri: `file://${dir}`, name: 'p' }] });
  overrideDiagnostics = await client.open(uriOf('compose.override.yaml'), OVERRIDE, 'dockercompose');
});
after(async () => {
  await client?.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('project over stdio: an override file opened alone is checked with its base file (tags, partial services, names from the base)', { skip: !built }, () => {
  assert.deepEqual(overrideDiagnostics.map((d) => `${d.code}: ${d.message}`), []);
});

test('project over stdio: hover on ${VAR} shows the value and the .env line', { skip: !built }, async () => {
  const hover = await client!.request<Hover>('textDocument/hover', { textDocument: { uri: uriOf('compose.override.yaml') }, position: { line: 6, character: 27 } });
  const text = JSON.stringify(hover?.contents);
  assert.match(text, /TAG.*1\.2.*\.env line 2/, text);
});

test('project over stdio: go to definition from ${VAR} to its .env line, and from an override service to the base', { skip: !built }, async () => {
  const toEnv = await client!.request<Location[]>('textDocument/definition', { textDocument: { uri: uriOf('compose.override.yaml') }, position: { line: 6, character: 26 } });
  assert.deepEqual(toEnv, [{ uri: uriOf('.env'), range: { start: { line: 1, character: 0 }, end: { line: 1, character: 3 } } }]);
  const toBase = await client!.request<Location[]>('textDocument/definition', { textDocument: { uri: uriOf('compose.override.yaml') }, position: { line: 1, character: 3 } });
  assert.deepEqual(toBase, [{ uri: uriOf('compose.yaml'), range: { start: { line: 1, character: 2 }, end: { line: 1, character: 5 } } }]);
});

test('project over stdio: hover on a service key of the override shows the merged definition with file:line per value', { skip: !built }, async () => {
  const hover = await client!.request<Hover>('textDocument/hover', { textDocument: { uri: uriOf('compose.override.yaml') }, position: { line: 1, character: 3 } });
  const value = (hover.contents as { value: string }).value;
  assert.match(value, /Runs image `example\/api:1\.2`/, value);
  assert.match(value, /image: example\/api:1\.2 # compose\.yaml:3\n/, value);
  assert.match(value, /environment: # compose\.override\.yaml:4\n\s+MODE: dev # compose\.override\.yaml:5\n/, value);
  assert.doesNotMatch(value, /ports:/, 'ports were reset by the override');
});

test('project over stdio: command hover in the base file runs what the override sets, ${VAR} resolved; the lens follows the merged build', { skip: !built }, async () => {
  const uri = uriOf('compose.yaml');
  await client!.open(uri, BASE, 'dockercompose');
  const hover = await client!.request<Hover>('textDocument/hover', { textDocument: { uri }, position: { line: 7, character: 6 } });
  const value = (hover.contents as { value: string }).value;
  assert.match(value, /the `command:` that counts is the one in `compose\.override\.yaml:11`/, value);
  assert.match(value, /the container runs:\*\* `\/bin\/echo hello 1\.2`/, value);
  const lenses = await client!.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: uriOf('compose.override.yaml') } });
  const titles = lenses.map((l) => l.command?.title);
  assert.ok(titles.includes('builds Dockerfile → 0 layers'), JSON.stringify(titles));
});

test('project over stdio: completion after ${ offers the .env variables', { skip: !built }, async () => {
  const uri = uriOf('compose.yaml');
  await client!.open(uri, BASE.replace('${TAG}', '${'), 'dockercompose');
  const list = await client!.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: { line: 2, character: 25 } });
  const tag = list.items.find((i) => i.label === 'TAG');
  assert.ok(tag, JSON.stringify(list.items.map((i) => i.label)));
  assert.equal((tag.textEdit as { newText: string }).newText, 'TAG}');
  await client!.change(uri, [{ text: BASE }]);
});

test('project over stdio: .env changed on disk re-validates the open Compose files (workspace/didChangeWatchedFiles)', { skip: !built }, async () => {
  writeFileSync(join(dir, '.env'), '# versions\nOTHER_VALUE=1\n');
  let next = client!.waitForDiagnostics(uriOf('compose.override.yaml'));
  await client!.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf('.env'), type: 2 }] });
  // a publish caused by the previous test's edit may still be on its way: take the first one that changed
  let diagnostics = await next;
  for (let i = 0; i < 3 && diagnostics.length === 0; i++) {
    next = client!.waitForDiagnostics(uriOf('compose.override.yaml'));
    diagnostics = await Promise.race([next, new Promise<Diagnostic[]>((r) => setTimeout(() => r([]), 2000))]);
  }
  const required = diagnostics.find((d) => d.code === 'RequiredVariable');
  assert.ok(required, JSON.stringify(diagnostics));
  assert.equal(required.message, 'error while interpolating services.worker.image: required variable TAG is missing a value: set TAG');
  assert.equal(required.range.start.line, 6);
});

test('project over stdio: the resolved project as text, with origins (Show Resolved Compose Project)', { skip: !built }, async () => {
  const result = await client!.request<{ text: string; name: string } | null>('docklens/resolvedComposeProject', { uri: uriOf('compose.override.yaml') });
  assert.ok(result);
  assert.match(result.text, /^# Resolved Compose project "docklens-project-/);
  assert.match(result.text, /# Files: compose\.yaml, compose\.override\.yaml/);
  assert.match(result.text, /  # compose\.override\.yaml:6\n  worker:\n/);
  assert.match(result.text, /    # compose\.yaml:3\n    image: "example\/api:"\n/);
});

test('project over stdio: an untitled Compose document gets no file-system errors', { skip: !built }, async () => {
  const diagnostics = await client!.open('untitled:Untitled-1', 'services:\n  app:\n    build: ./nowhere\n    env_file: missing.env\n', 'dockercompose');
  assert.deepEqual(diagnostics.map((d) => d.code), []);
});

test('project over stdio: a .env syntax error is published on the .env file (its line) and on the open Compose documents', { skip: !built }, async () => {
  writeFileSync(join(dir, '.env'), '# versions\nTAG=1.2\nBAD KEY=1\n');
  const onEnv = client!.waitForDiagnostics(uriOf('.env'));
  const onCompose = client!.waitForDiagnostics(uriOf('compose.override.yaml'));
  await client!.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf('.env'), type: 2 }] });
  const env = await onEnv;
  assert.deepEqual(
    env.map((d) => [d.range.start.line, d.code, d.message]),
    [[2, 'EnvFileError', 'line 3: key cannot contain a space']],
  );
  const compose = await onCompose;
  const error = compose.find((d) => d.code === 'EnvFileError');
  assert.ok(error, JSON.stringify(compose));
  assert.equal(error.range.start.line, 0);
  assert.match(String(error.message), /^The env file \.env:3 cannot be read, so docker compose stops: failed to read .*\/\.env: line 3: key cannot contain a space$/);
  // fixed on disk: the .env diagnostics are cleared
  writeFileSync(join(dir, '.env'), '# versions\nTAG=1.2\n');
  const cleared = client!.waitForDiagnostics(uriOf('.env'));
  await client!.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf('.env'), type: 2 }] });
  assert.deepEqual(await cleared, []);
});
