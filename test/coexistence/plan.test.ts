// Coexistence with other Docker extensions: which of their settings "Use Docklens for Dockerfile and
// Compose editing" writes, when it asks, what it says, and how undo restores.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { COMPOSE_SCHEMA_PATTERNS, hadolintIgnored, PEERS } from '../../client/src/coexistence/peers';
import { declaredSettings, doneMessage, InstalledPeer, offerMessage, planTakeover, planUndo, SettingValues, shouldOffer, undoRecord } from '../../client/src/coexistence/plan';
import { RULES_BY_HADOLINT } from '../../server/src/dockerfile/services/diagnostics/table';

const HADOLINT_CODES = [...RULES_BY_HADOLINT.keys()];
const CONTEXT = { emptySchemaPath: '/home/u/.docklens/empty-schema.json', hadolintCodes: HADOLINT_CODES };
const ALL_ON = { dockerfile: true, compose: true, diagnostics: true };

/** A peer with every setting of its table declared (as its real package.json does). */
function installed(id: string, declares?: string[]): InstalledPeer {
  const peer = PEERS.find((p) => p.id === id)!;
  return { id, declares: new Set(declares ?? peer.settings.map((s) => s.key)) };
}

/** Settings as data: key → { user, effective }; missing keys are unset (effective = the peer's default). */
function reader(values: Record<string, Partial<SettingValues>> = {}) {
  return (key: string): SettingValues => ({ user: values[key]?.user, effective: 'effective' in (values[key] ?? {}) ? values[key].effective : values[key]?.user });
}

const cases: { name: string; peers: InstalledPeer[]; values?: Record<string, Partial<SettingValues>>; scope?: typeof ALL_ON; keys: string[] }[] = [
  { name: 'no peer installed', peers: [], keys: [] },
  { name: 'Docker DX: its Compose server', peers: [installed('docker.docker')], keys: ['docker.extension.enableComposeLanguageServer'] },
  {
    name: 'Container Tools: its Compose service and the seven Dockerfile checks Docklens reports too',
    peers: [installed('ms-azuretools.vscode-containers')],
    keys: [
      'containers.enableComposeLanguageService',
      'docker.languageserver.diagnostics.deprecatedMaintainer',
      'docker.languageserver.diagnostics.emptyContinuationLine',
      'docker.languageserver.diagnostics.instructionCasing',
      'docker.languageserver.diagnostics.instructionCmdMultiple',
      'docker.languageserver.diagnostics.instructionEntrypointMultiple',
      'docker.languageserver.diagnostics.instructionHealthcheckMultiple',
      'docker.languageserver.diagnostics.instructionWorkdirRelative',
    ],
  },
  { name: 'Docker 2.x declares no settings: nothing written for it', peers: [installed('ms-azuretools.vscode-docker', [])], keys: [] },
  {
    name: 'Docker 1.x and Container Tools share the Dockerfile checks: each key once',
    peers: [installed('ms-azuretools.vscode-containers'), installed('ms-azuretools.vscode-docker')],
    keys: ['containers.enableComposeLanguageService', ...Array.from({ length: 7 }, () => ''), 'docker.enableDockerComposeLanguageService'],
  },
  { name: 'settings already stepping aside are not written again', peers: [installed('docker.docker')], values: { 'docker.extension.enableComposeLanguageServer': { user: false } }, keys: [] },
  {
    name: 'a workspace value that steps aside counts, user settings untouched',
    peers: [installed('docker.docker')],
    values: { 'docker.extension.enableComposeLanguageServer': { user: undefined, effective: false } },
    keys: [],
  },
  { name: 'Docklens off for Compose: Compose peers keep their files', peers: [installed('docker.docker'), installed('redhat.vscode-yaml')], scope: { ...ALL_ON, compose: false }, keys: [] },
  {
    name: 'Docklens diagnostics off: the peers keep their checks',
    peers: [installed('ms-azuretools.vscode-containers'), installed('exiasr.hadolint')],
    scope: { ...ALL_ON, diagnostics: false },
    keys: ['containers.enableComposeLanguageService'],
  },
  { name: 'Red Hat YAML: the Compose schema mapping', peers: [installed('redhat.vscode-yaml')], keys: ['yaml.schemas'] },
  { name: 'hadolint: the rules Docklens reports too', peers: [installed('exiasr.hadolint')], keys: ['hadolint.cliOptions'] },
];

for (const c of cases) {
  test(`plan: ${c.name}`, () => {
    const plan = planTakeover(c.peers, reader(c.values), c.scope ?? ALL_ON, CONTEXT);
    const keys = plan.changes.map((ch) => ch.key);
    assert.deepEqual(
      keys.filter((_, i) => c.keys[i] !== ''),
      c.keys.filter((k) => k !== ''),
    );
    assert.equal(keys.length, c.keys.length);
    assert.equal(new Set(keys).size, keys.length, 'each key once');
  });
}

test('every key the table writes is declared by the real peer (package.json contributes.configuration)', () => {
  // The declared keys as read from each peer's package.json (versions named in peers.ts).
  const real: Record<string, string[]> = {
    'docker.docker': ['docker.extension.enableComposeLanguageServer'],
    'ms-azuretools.vscode-containers': ['containers.enableComposeLanguageService', 'docker.languageserver.diagnostics.deprecatedMaintainer', 'docker.languageserver.diagnostics.emptyContinuationLine', 'docker.languageserver.diagnostics.directiveCasing', 'docker.languageserver.diagnostics.instructionCasing', 'docker.languageserver.diagnostics.instructionCmdMultiple', 'docker.languageserver.diagnostics.instructionEntrypointMultiple', 'docker.languageserver.diagnostics.instructionHealthcheckMultiple', 'docker.languageserver.diagnostics.instructionJSONInSingleQuotes', 'docker.languageserver.diagnostics.instructionWorkdirRelative'],
    'ms-azuretools.vscode-docker': ['docker.enableDockerComposeLanguageService', 'docker.languageserver.diagnostics.deprecatedMaintainer', 'docker.languageserver.diagnostics.emptyContinuationLine', 'docker.languageserver.diagnostics.directiveCasing', 'docker.languageserver.diagnostics.instructionCasing', 'docker.languageserver.diagnostics.instructionCmdMultiple', 'docker.languageserver.diagnostics.instructionEntrypointMultiple', 'docker.languageserver.diagnostics.instructionHealthcheckMultiple', 'docker.languageserver.diagnostics.instructionJSONInSingleQuotes', 'docker.languageserver.diagnostics.instructionWorkdirRelative'],
    'redhat.vscode-yaml': ['yaml.schemas'],
    'exiasr.hadolint': ['hadolint.cliOptions'],
  };
  for (const peer of PEERS) for (const s of peer.settings) assert.ok(real[peer.id].includes(s.key), `${peer.id}: ${s.key}`);
});

test('values: booleans off, checks ignored, schemas merged into the user value, hadolint options appended', () => {
  const plan = planTakeover(
    [installed('docker.docker'), installed('ms-azuretools.vscode-containers'), installed('redhat.vscode-yaml'), installed('exiasr.hadolint')],
    reader({
      'yaml.schemas': { user: { '/mine.json': ['*.mine.yaml'] }, effective: { '/mine.json': ['*.mine.yaml'], '/ws.json': 'x.yaml' } },
      'hadolint.cliOptions': { user: ['--no-color', '--ignore', 'DL3000', '--ignore=DL3002'] },
    }),
    ALL_ON,
    CONTEXT,
  );
  const after = Object.fromEntries(plan.changes.map((c) => [c.key, c.after]));
  assert.equal(after['docker.extension.enableComposeLanguageServer'], false);
  assert.equal(after['docker.languageserver.diagnostics.deprecatedMaintainer'], 'ignore');
  assert.deepEqual(after['yaml.schemas'], { '/mine.json': ['*.mine.yaml'], [CONTEXT.emptySchemaPath]: COMPOSE_SCHEMA_PATTERNS }, 'the workspace mapping is not copied');
  const options = after['hadolint.cliOptions'] as string[];
  assert.deepEqual(options.slice(0, 4), ['--no-color', '--ignore', 'DL3000', '--ignore=DL3002']);
  assert.deepEqual([...hadolintIgnored(options)].sort(), [...HADOLINT_CODES].sort());
  assert.equal(plan.changes.find((c) => c.key === 'yaml.schemas')!.before!.constructor, Object);
  assert.deepEqual(plan.changes.filter((c) => c.needsRestart).map((c) => c.key), ['docker.extension.enableComposeLanguageServer', 'containers.enableComposeLanguageService']);
  assert.deepEqual(plan.peers, ['Docker DX', 'Container Tools', 'YAML (Red Hat)', 'hadolint']);
  assert.equal(plan.remains.length, 2, 'Docker DX and Container Tools keep their Dockerfile hovers');
});

test('the client build puts the rule table’s hadolint codes into the client', () => {
  const client = readFileSync('dist/client.js', 'utf8');
  for (const code of HADOLINT_CODES) assert.ok(client.includes(JSON.stringify(code)), code);
});

test('asks once per workspace, never after "Don\'t ask again", only with something to change', () => {
  const plan = planTakeover([installed('docker.docker')], reader(), ALL_ON, CONTEXT);
  const empty = planTakeover([], reader(), ALL_ON, CONTEXT);
  assert.equal(shouldOffer(plan, { dontAskAgain: false, askedInWorkspace: false }), true);
  assert.equal(shouldOffer(plan, { dontAskAgain: false, askedInWorkspace: true }), false);
  assert.equal(shouldOffer(plan, { dontAskAgain: true, askedInWorkspace: false }), false);
  assert.equal(shouldOffer(empty, { dontAskAgain: false, askedInWorkspace: false }), false);
});

test('messages name the peers, count the changes, list every key written and what remains', () => {
  const plan = planTakeover([installed('docker.docker'), installed('redhat.vscode-yaml')], reader(), ALL_ON, CONTEXT);
  assert.match(offerMessage(plan), /^Docker DX and YAML \(Red Hat\) also serve Dockerfiles or Compose files/);
  assert.match(offerMessage(plan), /change 2 of their settings/);
  const done = doneMessage(plan.changes, plan.remains);
  assert.match(done, /changed 2 user settings: docker\.extension\.enableComposeLanguageServer = false; yaml\.schemas = \{… 1 keys\}\./);
  assert.match(done, /Docker DX keeps its Dockerfile hovers/);
  assert.match(done, /Reload the window/);
});

test('undo restores the values from before, leaves keys changed since, and unwinds two changes of one key', () => {
  const record = undoRecord([
    { peer: 'p', key: 'a', before: undefined, after: false, effect: '', needsRestart: false },
    { peer: 'p', key: 'b', before: 'warning', after: 'ignore', effect: '', needsRestart: false },
    { peer: 'p', key: 'c', before: ['x'], after: ['x', 'y'], effect: '', needsRestart: false },
  ]);
  record.changes.push({ key: 'a', before: false, after: true });
  const user: Record<string, unknown> = { a: true, b: 'error', c: ['x', 'y'] };
  const { restore, kept } = planUndo(record, (k) => user[k]);
  assert.deepEqual(restore, [{ key: 'a', value: undefined }, { key: 'c', value: ['x'] }]);
  assert.deepEqual(kept, ['b']);
});

test('declared settings are read from an object or a list of configuration sections, and bad manifests give none', () => {
  assert.deepEqual([...declaredSettings({ contributes: { configuration: { properties: { a: {}, b: {} } } } })], ['a', 'b']);
  assert.deepEqual([...declaredSettings({ contributes: { configuration: [{ properties: { a: {} } }, { title: 'x' }, null] } })], ['a']);
  for (const bad of [undefined, null, 1, {}, { contributes: null }, { contributes: { configuration: 'x' } }]) assert.deepEqual([...declaredSettings(bad)], []);
});
