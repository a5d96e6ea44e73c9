// A team's .hadolint.yaml over the real server: in a trusted workspace its `ignored` and `override`
// apply and Compose `build.args` reach the Dockerfile; in Restricted Mode the folder's config is not
// read (an untrusted repository does not decide what is reported).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LspClient } from '../support/lspClient';

const built = existsSync(join(process.cwd(), 'dist', 'server.js'));
const project = mkdtempSync(join(tmpdir(), 'docklens-hadolint-'));
mkdirSync(join(project, 'app'));
writeFileSync(join(project, '.hadolint.yaml'), 'ignored:\n  - DL3025\noverride:\n  error:\n    - DL3006\n');
const folders = [{ uri: `file://${project}`, name: 'project' }];
const dockerfile = 'FROM ubuntu\nCMD echo hi\n';

let untrusted: LspClient | undefined;
let trusted: LspClient | undefined;
before(async () => {
  if (!built) return;
  untrusted = await LspClient.start(undefined, { initializationOptions: { workspaceTrusted: false }, workspaceFolders: folders });
  trusted = await LspClient.start(undefined, { initializationOptions: { workspaceTrusted: true }, workspaceFolders: folders });
});
after(async () => {
  await untrusted?.stop();
  await trusted?.stop();
});

const summary = (ds: { code?: unknown; severity?: unknown }[]) => ds.map((d) => `${String(d.code)}:${String(d.severity)}`).sort();

test('trusted: the nearest .hadolint.yaml above the Dockerfile ignores and overrides by hadolint code', { skip: !built }, async () => {
  const ds = await trusted!.open(`file://${project}/app/Dockerfile`, dockerfile, 'dockerfile');
  assert.deepEqual(summary(ds), ['BaseImageUnpinned:1']);
});

test('restricted: the folder\'s .hadolint.yaml is not read', { skip: !built }, async () => {
  const ds = await untrusted!.open(`file://${project}/app/Dockerfile`, dockerfile, 'dockerfile');
  assert.deepEqual(summary(ds), ['BaseImageUnpinned:2', 'JSONArgsRecommended:2']);
});

test("an open Compose file's build.args reach the Dockerfile its service builds", { skip: !built }, async () => {
  const df = 'ARG PLATFORM\nFROM --platform=$PLATFORM alpine:3.20\nRUN true\n';
  const before = await trusted!.open(`file://${project}/app/Platform.Dockerfile`, df, 'dockerfile');
  assert.ok(before.some((d) => d.code === 'InvalidFromExpansion'));
  const compose = 'services:\n  app:\n    build:\n      context: ./app\n      dockerfile: Platform.Dockerfile\n      args:\n        PLATFORM: linux/arm64\n';
  const republished = trusted!.waitForDiagnostics(`file://${project}/app/Platform.Dockerfile`);
  await trusted!.open(`file://${project}/compose.yaml`, compose, 'dockercompose');
  const after = await republished;
  assert.ok(!after.some((d) => d.code === 'InvalidFromExpansion'), JSON.stringify(after));
});

test('the docklens.buildArgs setting feeds the Dockerfile analysis', { skip: !built }, async () => {
  const client = await LspClient.start({ buildArgs: { PLATFORM: 'linux/arm64' } });
  try {
    const df = 'ARG PLATFORM\nFROM --platform=$PLATFORM alpine:3.20\nRUN true\n';
    const uri = 'file:///tmp/docklens-build-args/Dockerfile';
    // The first answer may come before the settings are read; the next version is checked with them.
    await client.open(uri, df, 'dockerfile');
    const ds = await client.change(uri, [{ text: df }]);
    assert.deepEqual(ds.filter((d) => d.code === 'InvalidFromExpansion'), []);
  } finally {
    await client.stop();
  }
});

test('editing .hadolint.yaml on disk re-validates the open Dockerfiles (workspace/didChangeWatchedFiles)', { skip: !built }, async () => {
  mkdirSync(join(project, 'watched'));
  const config = join(project, 'watched', '.hadolint.yaml');
  writeFileSync(config, 'ignored: []\n');
  const uri = `file://${project}/watched/Dockerfile`;
  assert.deepEqual(summary(await trusted!.open(uri, dockerfile, 'dockerfile')), ['BaseImageUnpinned:2', 'JSONArgsRecommended:2']);
  writeFileSync(config, 'ignored:\n  - DL3025\n');
  const republished = trusted!.waitForDiagnostics(uri);
  await trusted!.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: `file://${config}`, type: 2 }] });
  assert.deepEqual(summary(await republished), ['BaseImageUnpinned:2']);
});

test("a closed Compose file's build.args reach the Dockerfile its service builds (the resolved project, .env interpolated)", { skip: !built }, async () => {
  mkdirSync(join(project, 'closed', 'svc'), { recursive: true });
  writeFileSync(join(project, 'closed', '.env'), 'TARGET_PLATFORM=linux/arm64\n');
  writeFileSync(join(project, 'closed', 'docker-compose.yml'), 'services:\n  svc:\n    build:\n      context: ./svc\n      args:\n        PLATFORM: ${TARGET_PLATFORM}\n');
  const df = 'ARG PLATFORM\nFROM --platform=$PLATFORM alpine:3.20\nRUN true\n';
  const ds = await trusted!.open(`file://${project}/closed/svc/Dockerfile`, df, 'dockerfile');
  assert.ok(!ds.some((d) => d.code === 'InvalidFromExpansion'), JSON.stringify(ds));
  const other = await trusted!.open(`file://${project}/closed/Other.Dockerfile`, df, 'dockerfile');
  assert.ok(other.some((d) => d.code === 'InvalidFromExpansion'), 'a Dockerfile no service builds gets no args');
});

test('with a file watcher, Dockerfile build args are reused per keystroke and follow Compose and .env changes', { skip: !built }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'docklens-build-args-'));
  mkdirSync(join(dir, 'svc'));
  writeFileSync(join(dir, '.env'), 'TARGET_PLATFORM=linux/arm64\n');
  writeFileSync(join(dir, 'compose.yaml'), 'services:\n  svc:\n    build:\n      context: ./svc\n      args:\n        PLATFORM: ${TARGET_PLATFORM}\n');
  const client = await LspClient.start(undefined, { workspaceFolders: [{ uri: `file://${dir}`, name: 'w' }], watchesFiles: true });
  try {
    const uri = `file://${dir}/svc/Dockerfile`;
    const df = 'ARG PLATFORM\nFROM --platform=$PLATFORM alpine:3.20\nRUN true\n';
    const hasInvalid = (ds: { code?: unknown }[]) => ds.some((d) => d.code === 'InvalidFromExpansion');
    assert.equal(hasInvalid(await client.open(uri, df, 'dockerfile')), false);
    assert.equal(hasInvalid(await client.change(uri, [{ text: df + '# typed\n' }])), false);
    // .env changed on disk: the arg now expands to nothing until the client reports the change
    writeFileSync(join(dir, '.env'), 'TARGET_PLATFORM=\n');
    const republished = client.waitForDiagnostics(uri);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: `file://${dir}/.env`, type: 2 }] });
    assert.equal(hasInvalid(await republished), true);
    // an open Compose buffer wins over the disk, and each edit of it is seen
    const compose = 'services:\n  svc:\n    build:\n      context: ./svc\n      args:\n        PLATFORM: linux/amd64\n';
    const afterOpen = client.waitForDiagnostics(uri);
    await client.open(`file://${dir}/compose.yaml`, compose, 'dockercompose');
    assert.equal(hasInvalid(await afterOpen), false);
    const afterEdit = client.waitForDiagnostics(uri);
    await client.change(`file://${dir}/compose.yaml`, [{ text: compose.replace('linux/amd64', '${TARGET_PLATFORM}') }]);
    assert.equal(hasInvalid(await afterEdit), true);
  } finally {
    await client.stop();
  }
});
