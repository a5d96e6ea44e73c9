// Structure and navigation on test/fixtures/compose/navigation/compose.yaml, read as if it were the
// fixture project's compose.yaml: symbols, folding, links, definitions, lenses and quick fixes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  parseCompose,
  validateCompose,
  composeSymbols,
  composeFolding,
  composeLinks,
  composeDefinition,
  composeCodeLenses,
  composeCodeActions,
} from '../../server/src/compose/index';
import { FIXTURES, PROJECT, projectContext } from './helpers';

const text = readFileSync(join(FIXTURES, 'navigation/compose.yaml'), 'utf8');
const model = parseCompose(text);
const ctx = projectContext();
const lineOf = (needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length - 1;
/** Position inside the n-th occurrence of `needle`, `delta` characters in. */
function at(needle: string, delta = 1, nth = 0) {
  let i = -1;
  for (let k = 0; k <= nth; k++) i = text.indexOf(needle, i + 1);
  assert.ok(i >= 0, needle);
  return model.lines.positionAt(i + delta);
}

test('compose symbols: sections with their services, networks and volumes', () => {
  const symbols = composeSymbols(model);
  assert.deepEqual(
    symbols.map((s) => s.name),
    ['version', 'x-common', 'include', 'services', 'networks', 'volumes'],
  );
  const services = symbols.find((s) => s.name === 'services')!;
  assert.deepEqual(
    services.children!.map((c) => `${c.name}:${c.detail}`),
    ['app:build', 'api:build', 'web:build', 'cache:redis:7'],
  );
  const app = services.children![0];
  assert.equal(app.range.start.line, lineOf('  app:'));
  assert.equal(app.range.end.line, lineOf('      - front'));
});

test('compose folding: every multi-line mapping and list folds from its key', () => {
  const folds = composeFolding(model).map((f) => `${f.startLine}-${f.endLine}`);
  assert.ok(folds.includes(`${lineOf('services:')}-${lineOf('      service: common')}`), folds.join(' '));
  assert.ok(folds.includes(`${lineOf('  app:')}-${lineOf('      - front')}`));
  assert.ok(folds.includes(`${lineOf('    env_file:')}-${lineOf('missing.env')}`));
  assert.ok(!folds.some((f) => f.startsWith(`${lineOf('version')}-`)));
});

test('compose links: build context, dockerfile, env_file, extends.file and include; missing files left out', () => {
  const links = composeLinks(model, ctx).map((l) => `${l.range.start.line}:${l.target!.replace(`file://${PROJECT}`, '')}`);
  assert.deepEqual(links.sort(), [
    `${lineOf('  - base.yaml')}:/base.yaml`,
    `${lineOf('context: .')}:`,
    `${lineOf('context: api')}:/api`,
    `${lineOf('Dockerfile.dev')}:/api/Dockerfile.dev`,
    `${lineOf('build: web')}:/web`,
    `${lineOf('app.env')}:/app.env`,
    `${lineOf('file: base.yaml')}:/base.yaml`,
    `${lineOf('./api:/src')}:/api`,
  ].sort());
});

test('compose definition: depends_on item and key go to the service', () => {
  const [toApi] = composeDefinition(model, at('- api', 3), ctx);
  assert.equal(toApi.uri, ctx.uri);
  assert.equal(toApi.range.start.line, lineOf('  api:'));
  const [toApp] = composeDefinition(model, at('app:', 1, 1), ctx);
  assert.equal(toApp.range.start.line, lineOf('  app:'));
});

test('compose definition: network and volume references go to the top-level declaration', () => {
  const [net] = composeDefinition(model, at('- front', 3), ctx);
  assert.equal(net.range.start.line, lineOf('  front: {}'));
  const [vol] = composeDefinition(model, at('- data', 3), ctx);
  assert.equal(vol.range.start.line, lineOf('  data: {}'));
});

test('compose definition: build goes to the Dockerfile, build.target to the stage', () => {
  const [dockerfile] = composeDefinition(model, at('build:', 2), ctx);
  assert.equal(dockerfile.uri, `file://${PROJECT}/Dockerfile`);
  const [stage] = composeDefinition(model, at('runtime', 2), ctx);
  assert.equal(stage.uri, `file://${PROJECT}/Dockerfile`);
  assert.equal(stage.range.start.line, 9);
  const [dev] = composeDefinition(model, at('Dockerfile.dev', 2), ctx);
  assert.equal(dev.uri, `file://${PROJECT}/api/Dockerfile.dev`);
});

test('compose definition: an alias goes to its anchor', () => {
  const [anchor] = composeDefinition(model, at('*common', 2), ctx);
  assert.equal(anchor.range.start.line, lineOf('&common'));
  assert.equal(text.slice(model.lines.offsetAt(anchor.range.start), model.lines.offsetAt(anchor.range.end)), '&common');
});

test('compose definition: nothing on a plain value', () => {
  assert.deepEqual(composeDefinition(model, at('redis:7', 2), ctx), []);
});

test('compose code lens: one per service with build, naming the Dockerfile and its layers', () => {
  const all = composeCodeLenses(model, ctx);
  const lenses = all.map((l) => `${l.range.start.line}:${l.command!.title}`);
  // The counts are the Dockerfile layer service's: RUN, COPY, ADD, and WORKDIR creating a folder.
  assert.deepEqual(lenses, [
    `${lineOf('  app:')}:builds Dockerfile (stage runtime) → 2 layers`,
    `${lineOf('  api:')}:builds api/Dockerfile.dev → 3 layers`,
    `${lineOf('  web:')}:builds web/Dockerfile → 1 layer`,
  ]);
  // Clicking lists the layer-adding instructions in the Dockerfile (the client's docklens.showLayers).
  const app = all[0].command!;
  assert.equal(app.command, 'docklens.showLayers');
  const [uri, stage, items] = app.arguments as [string, number, { line: number; text: string; layer: number }[]];
  assert.equal(uri, `file://${PROJECT}/Dockerfile`);
  assert.equal(stage, 2);
  assert.deepEqual(items.map((i) => `${i.layer}:${i.line}:${i.text}`), ['1:10:WORKDIR /app', '2:11:COPY --from=build /app/dist ./dist']);
});

function applyEdits(source: string, edits: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[]): string {
  const lines = parseCompose(source).lines;
  let out = source;
  for (const e of [...edits].sort((a, b) => lines.offsetAt(b.range.start) - lines.offsetAt(a.range.start))) {
    out = out.slice(0, lines.offsetAt(e.range.start)) + e.newText + out.slice(lines.offsetAt(e.range.end));
  }
  return out;
}

test('compose quick fix: removing the obsolete version', () => {
  const diags = validateCompose(model, ctx);
  const version = diags.find((d) => d.code === 'ObsoleteVersion');
  assert.ok(version);
  assert.equal(version.severity, 2);
  const actions = composeCodeActions(ctx.uri!, version.range, [version]);
  assert.equal(actions.length, 1);
  assert.equal(actions[0].title, 'Remove the obsolete "version"');
  const fixed = applyEdits(text, actions[0].edit!.changes![ctx.uri!]);
  assert.ok(fixed.startsWith('x-common: &common\n'));
  assert.deepEqual(validateCompose(parseCompose(fixed), ctx).filter((d) => d.code === 'ObsoleteVersion'), []);
});

test('compose quick fix: "did you mean" replaces the unknown key', () => {
  const source = 'services:\n  web:\n    imgae: nginx\n';
  const m = parseCompose(source);
  const diags = validateCompose(m, ctx);
  const unknown = diags.find((d) => d.code === 'UnknownKey')!;
  const [action] = composeCodeActions('file:///x/compose.yaml', unknown.range, [unknown]);
  assert.equal(action.title, 'Change to "image"');
  assert.equal(action.isPreferred, true);
  assert.equal(applyEdits(source, action.edit!.changes!['file:///x/compose.yaml']), 'services:\n  web:\n    image: nginx\n');
});

test('compose quick fix: a misspelt depends_on service', () => {
  const source = 'services:\n  web:\n    image: nginx\n    depends_on: [dbb]\n  db:\n    image: postgres\n';
  const m = parseCompose(source);
  const diag = validateCompose(m, ctx).find((d) => d.code === 'UndefinedService')!;
  const [action] = composeCodeActions('file:///x/compose.yaml', diag.range, [diag]);
  assert.match(applyEdits(source, action.edit!.changes!['file:///x/compose.yaml']), /depends_on: \[db\]/);
});

test('compose: parsing the same text twice returns the cached model', () => {
  assert.equal(parseCompose(text), parseCompose(text));
});

for (const [name, source, expected] of [
  [
    'into an existing section',
    'services:\n  web:\n    image: nginx\n    networks: [back]\nnetworks:\n  front: {}\n\n# end\n',
    'services:\n  web:\n    image: nginx\n    networks: [back]\nnetworks:\n  front: {}\n  back: {}\n\n# end\n',
  ],
  [
    'as a new section at the end',
    'services:\n  web:\n    image: nginx\n    networks:\n      - back',
    'services:\n  web:\n    image: nginx\n    networks:\n      - back\nnetworks:\n  back: {}\n',
  ],
  [
    'under an empty section',
    'networks:\nservices:\n  web:\n    image: nginx\n    networks: [back]\n',
    'networks:\n  back: {}\nservices:\n  web:\n    image: nginx\n    networks: [back]\n',
  ],
] as const) {
  test(`compose quick fix: declare an undefined network ${name}`, () => {
    const m = parseCompose(source);
    const diag = validateCompose(m, ctx).find((d) => d.code === 'UndefinedNetwork')!;
    const action = composeCodeActions('file:///x/compose.yaml', diag.range, [diag]).find((a) => a.title === 'Declare network "back" under top-level networks');
    assert.ok(action);
    const fixed = applyEdits(source, action.edit!.changes!['file:///x/compose.yaml']);
    assert.equal(fixed, expected);
    assert.deepEqual(validateCompose(parseCompose(fixed), ctx).filter((d) => d.code === 'UndefinedNetwork'), []);
  });
}
