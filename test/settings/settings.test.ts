// Every `docklens.*` setting is declared with a resource scope (one value per workspace folder) and
// read by the server; the server asks for each document's folder and turns capabilities on and off.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { CAPABILITIES, DEFAULT_SETTINGS, readSettings, registrationPlan } from '../../server/src/settings';
import { LspClient } from '../support/lspClient';

interface Property {
  scope?: string;
  type: string;
  default: unknown;
}
const manifest = JSON.parse(readFileSync('package.json', 'utf8'));
const properties: Record<string, Property> = manifest.contributes.configuration.properties;

/** Settings that cannot be per folder, and why. */
const WINDOW_SCOPED: Record<string, string> = {
  // vscode-languageclient reads it once for the one connection of the window.
  'docklens.trace.server': 'one LSP connection per window',
  // The server has one file-access policy for side files (node/fileAccess.ts).
  'docklens.files.maxSize': 'one file-access policy per server',
  // The server picks one message catalogue at initialize; the client sends it in initializationOptions.
  'docklens.locale': 'one language per server, chosen at start',
};

test('every docklens.* setting has resource scope (read for the document folder), except the listed window-wide ones', () => {
  const wrong = Object.entries(properties)
    .filter(([key]) => key.startsWith('docklens.'))
    .filter(([key, p]) => (key in WINDOW_SCOPED ? p.scope !== 'window' : p.scope !== 'resource'))
    .map(([key, p]) => `${key}: ${p.scope ?? '(none = window)'}`);
  assert.deepEqual(wrong, []);
});

test('every per-feature switch the server reads is declared in package.json, with resource scope', () => {
  const keys = ['docklens.dockerfile.enable', 'docklens.compose.enable', ...CAPABILITIES.map((c) => `docklens.${c}.enable`)];
  assert.deepEqual(keys.filter((k) => properties[k]?.scope !== 'resource'), []);
});

test('the server reads resource-scoped settings per document: window-wide values only for window-scoped keys', () => {
  // `windowSettings.x.y` is the window's value; anything else must go through settingsOf(uri).
  const source = readFileSync('server/src/server.ts', 'utf8');
  const windowReads = [...source.matchAll(/\bwindowSettings\.([\w.]+)/g)].map((m) => `docklens.${m[1]}`);
  assert.ok(source.includes('settingsOf(uri)'), 'the server reads settings per document');
  assert.deepEqual(windowReads.filter((key) => !(key in WINDOW_SCOPED)), [], 'window values read for resource-scoped settings');
});

/** A value unlike the default, for a setting of this type. */
function otherValue(p: Property): unknown {
  if (p.type === 'boolean') return !p.default;
  if (p.type === 'number') return Number(p.default) + 1;
  if (p.type === 'object') return { DL3008: 'off' };
  if (p.type === 'array') return [{ files: ['compose.yaml'] }];
  return undefined;
}

/** `docklens.a.b` = value as the client sends the `docklens` section. */
function section(key: string, value: unknown): Record<string, unknown> {
  const parts = key.split('.').slice(1);
  const root: Record<string, unknown> = {};
  let at = root;
  parts.forEach((part, i) => {
    if (i === parts.length - 1) at[part] = value;
    else at = (at[part] = {}) as Record<string, unknown>;
  });
  return root;
}

test('the server reads every declared docklens.* setting the server uses', () => {
  for (const [key, p] of Object.entries(properties)) {
    if (!key.startsWith('docklens.') || key in WINDOW_SCOPED) continue;
    const value = otherValue(p);
    assert.notEqual(value, undefined, `${key}: a test value for type ${p.type}`);
    assert.notDeepEqual(readSettings(section(key, value)), DEFAULT_SETTINGS, `${key} changes what the server reads`);
  }
});

test('registration plan: a capability stays registered for a language while any folder wants it', () => {
  const off = readSettings({ hover: { enable: false }, compose: { enable: false } });
  const on = readSettings({});
  assert.deepEqual(registrationPlan([off]).hover, []);
  assert.deepEqual(registrationPlan([off]).completion, ['dockerfile']);
  assert.deepEqual(registrationPlan([off, on]).hover, ['dockerfile', 'dockercompose']);
});

// ------------------------------------------------------------ the server, per folder and dynamically
const FOLDER_A = 'file:///ws/a';
const FOLDER_B = 'file:///ws/b';
let folderSettings: Record<string, unknown> = {};
let client: LspClient;
const registrations: { id: string; method: string; languages: string[] }[] = [];
const unregistered: string[] = [];

before(async () => {
  client = new LspClient();
  client.connection.onRequest('workspace/configuration', (p: { items: { scopeUri?: string }[] }) =>
    p.items.map((item) => {
      const folder = Object.keys(folderSettings).find((f) => item.scopeUri?.startsWith(f + '/'));
      return folder ? folderSettings[folder] : {};
    }),
  );
  client.connection.onRequest('client/registerCapability', (p: { registrations: { id: string; method: string; registerOptions?: { documentSelector?: { language: string }[] } }[] }) => {
    for (const r of p.registrations) registrations.push({ id: r.id, method: r.method, languages: (r.registerOptions?.documentSelector ?? []).map((d) => d.language) });
    return null;
  });
  client.connection.onRequest('client/unregisterCapability', (p: { unregisterations: { id: string }[] }) => {
    for (const u of p.unregisterations) unregistered.push(u.id);
    return null;
  });
  await client.connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: null,
    workspaceFolders: [{ uri: FOLDER_A, name: 'a' }, { uri: FOLDER_B, name: 'b' }],
    capabilities: {
      workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } },
      textDocument: { hover: { dynamicRegistration: true }, completion: { dynamicRegistration: true }, codeLens: { dynamicRegistration: true }, publishDiagnostics: { versionSupport: true } },
    },
  });
  folderSettings = { [FOLDER_A]: { hover: { enable: false }, diagnostics: { enable: false } }, [FOLDER_B]: {} };
  await client.connection.sendNotification('initialized', {});
});
after(() => client.stop());

const active = (method: string) => registrations.filter((r) => r.method === method && !unregistered.includes(r.id));
const waitFor = async (ok: () => boolean) => {
  for (let i = 0; i < 100 && !ok(); i++) await new Promise((r) => setTimeout(r, 20));
};

test('hover, completion and code lens are registered dynamically for both languages', async () => {
  await waitFor(() => active('textDocument/codeLens').length > 0);
  for (const method of ['textDocument/hover', 'textDocument/completion', 'textDocument/codeLens']) {
    assert.deepEqual(active(method).map((r) => r.languages), [['dockerfile', 'dockercompose']], method);
  }
});

test('settings are read per document folder: hover and problems off in folder a only', async () => {
  const text = 'FROM alpine\nRUN echo hi\nENV ONLYKEY\n';
  const inA = await client.open(`${FOLDER_A}/Dockerfile`, text);
  const inB = await client.open(`${FOLDER_B}/Dockerfile`, text);
  assert.deepEqual(inA, [], 'diagnostics off in a');
  assert.ok(inB.length > 0, 'diagnostics on in b');
  const hover = (uri: string) => client.request<{ contents: unknown } | null>('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 1 } });
  assert.equal(await hover(`${FOLDER_A}/Dockerfile`), null);
  assert.ok(await hover(`${FOLDER_B}/Dockerfile`));
});

test('a capability off everywhere is unregistered; back on, registered again', async () => {
  folderSettings = { [FOLDER_A]: { hover: { enable: false } }, [FOLDER_B]: { hover: { enable: false } } };
  // The window-level answer (no scopeUri) is {} = on; turn it off too.
  client.connection.onRequest('workspace/configuration', (p: { items: { scopeUri?: string }[] }) => p.items.map(() => ({ hover: { enable: false }, dockerfile: { enable: true } })));
  await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
  await waitFor(() => active('textDocument/hover').length === 0);
  assert.deepEqual(active('textDocument/hover'), []);
  assert.equal(active('textDocument/completion').length, 1, 'completion untouched');

  client.connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({ compose: { enable: false } })));
  await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
  await waitFor(() => active('textDocument/hover').length === 1);
  assert.deepEqual(active('textDocument/hover').map((r) => r.languages), [['dockerfile']], 'hover back, Dockerfiles only');
});
