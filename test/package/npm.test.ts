// The npm package `docklens`: `npm pack` holds only the runtime files, and the tarball installed offline
// into an empty folder runs `docklens check`, `docklens layers` and `docklens-language-server --stdio`
// with nothing else installed (everything is bundled: no dependencies).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';

const FIXTURE = resolve('test/fixtures/package/Dockerfile');
const manifest = JSON.parse(readFileSync('package.json', 'utf8'));
let dir: string;
let app: string;
let packed: string[];

const npm = (args: string[], cwd: string) =>
  execFileSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    // A private cache: offline means offline, and nothing of the developer's cache is needed.
    env: { ...process.env, npm_config_cache: join(dir, 'cache'), npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' },
  });

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'docklens-npm-'));
  // --ignore-scripts: the build (prepack) has run already; the test packs what dist/ holds.
  const report = JSON.parse(npm(['pack', '--ignore-scripts', '--json', '--pack-destination', dir], process.cwd()))[0];
  packed = report.files.map((f: { path: string }) => f.path).sort();
  app = join(dir, 'app');
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), '{ "name": "empty", "private": true }\n');
  npm(['install', '--offline', '--ignore-scripts', '--no-package-lock', join(dir, report.filename)], app);
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('the package: no dependencies, Node 18+, two bins, only runtime files', () => {
  assert.equal(manifest.dependencies, undefined, 'everything is bundled by esbuild');
  assert.equal(manifest.engines.node, '>=18');
  assert.deepEqual(manifest.bin, { docklens: 'dist/cli.js', 'docklens-language-server': 'dist/server.js' });
  const allowed = /^(dist\/(cli|server)\.js|dist\/[^/]+\.wasm|dist\/l10n\/.+\.json|package\.json|README\.md|LICENSE|THIRD_PARTY_NOTICES\.md|CHANGELOG\.md)$/;
  assert.deepEqual(packed.filter((f) => !allowed.test(f)), [], 'nothing but what runs');
  for (const f of ['dist/cli.js', 'dist/server.js', 'dist/tree-sitter-bash.wasm', 'dist/web-tree-sitter.wasm', 'LICENSE']) assert.ok(packed.includes(f), f);
  for (const f of ['dist/cli.js', 'dist/server.js']) assert.ok(readFileSync(f, 'utf8').startsWith('#!/usr/bin/env node\n'), `${f} starts with a shebang`);
});

const bin = (name: string) => join(app, 'node_modules', '.bin', name);

test('docklens check from the installed tarball reports the fixture\'s problems', () => {
  const out = execFileSync(bin('docklens'), ['check', FIXTURE], { encoding: 'utf8' });
  assert.match(out, /Dockerfile:8:1: warning: .*\[MaintainerDeprecated\]/);
  const sarif = JSON.parse(execFileSync(bin('docklens'), ['check', '--format', 'sarif', FIXTURE], { encoding: 'utf8' }));
  assert.equal(sarif.version, '2.1.0');
  assert.ok(sarif.runs[0].results.some((r: { ruleId: string }) => r.ruleId === 'MaintainerDeprecated'));
});

test('docklens layers from the installed tarball counts the final image\'s layers', () => {
  const out = execFileSync(bin('docklens'), ['layers', FIXTURE], { encoding: 'utf8' });
  assert.match(out, /final image: python:3\.12-slim \+ 2 layers/);
});

test('docklens-language-server --stdio: initialize, hover, shutdown, exit', async () => {
  const child = spawn(bin('docklens-language-server'), ['--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => null));
  connection.onRequest('client/registerCapability', () => null);
  connection.listen();
  try {
    const init = await connection.sendRequest<{ capabilities: { hoverProvider?: unknown }; serverInfo?: { name: string } }>('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities: {},
    });
    assert.ok(init.capabilities.hoverProvider, 'hover is offered');
    await connection.sendNotification('initialized', {});
    const uri = pathToFileURL(FIXTURE).href;
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version: 1, text: readFileSync(FIXTURE, 'utf8') } });
    const hover = await connection.sendRequest<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri }, position: { line: 10, character: 1 } });
    assert.match(hover?.contents.value ?? '', /python -m app/, 'the CMD hover says what the image runs');
    await connection.sendRequest('shutdown');
    await connection.sendNotification('exit');
    assert.equal(await exited, 0);
  } finally {
    connection.dispose();
    child.kill();
  }
});
