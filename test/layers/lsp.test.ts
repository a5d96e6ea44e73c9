// Layer lenses, hints and the merge-RUN fix through the real server over stdio, and the real CLI
// (`node dist/cli.js layers`). Both need `npm run build` first (npm test does it).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { CodeAction, CodeLens, InlayHint } from 'vscode-languageserver-types';
import { LspClient } from '../support/lspClient';

const CLI = join(process.cwd(), 'dist', 'cli.js');
const FIXTURE = join(process.cwd(), 'test', 'fixtures', 'layers', 'multistage.Dockerfile');

let client: LspClient | undefined;
before(async () => {
  client = await LspClient.start();
});
after(async () => {
  await client?.stop();
});

const TEXT = ['FROM debian:12 AS base', 'RUN apt-get update', 'RUN apt-get install -y curl', '', 'FROM base', 'COPY . /app', ''].join('\n');

test('code lenses above each FROM, with the showLayers command', async () => {
  const uri = 'file:///w/layers/Dockerfile';
  await client!.open(uri, TEXT);
  const lenses = await client!.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
  assert.deepEqual(
    lenses.map((l) => [l.range.start.line, l.command?.title, l.command?.command]),
    [
      [0, '2 layers · not shipped (used by: stage 1)', 'docklens.showLayers'],
      [4, 'final image: debian:12 + 3 layers', 'docklens.showLayers'],
      [0, 'graph', 'docklens.showBuildGraph'],
    ],
  );
  assert.deepEqual(lenses[1].command?.arguments, [uri, 1, [{ line: 5, text: 'COPY . /app', layer: 3 }]]);
});

test('inlay hints on layer-adding instructions', async () => {
  const uri = 'file:///w/layers/hints/Dockerfile';
  await client!.open(uri, TEXT);
  const hints = await client!.request<InlayHint[]>('textDocument/inlayHint', {
    textDocument: { uri },
    range: { start: { line: 0, character: 0 }, end: { line: 6, character: 0 } },
  });
  assert.deepEqual(
    hints.map((h) => [h.position.line, h.label]),
    [
      [1, 'layer 1 of 2 in stage base'],
      [2, 'layer 2 of 2 in stage base'],
      [5, 'layer 3 of 3 in stage 1'],
    ],
  );
});

test(
  'the ConsecutiveRunInstructions hint comes with "Merge with previous RUN"',
  async () => {
    const uri = 'file:///w/layers/merge/Dockerfile';
    const diagnostics = await client!.open(uri, TEXT);
    const hint = diagnostics.find((d) => d.code === 'ConsecutiveRunInstructions');
    assert.ok(hint, JSON.stringify(diagnostics));
    const actions = await client!.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: hint.range,
      context: { diagnostics: [hint] },
    });
    const merge = actions.find((a) => a.title === 'Merge with previous RUN');
    assert.ok(merge, JSON.stringify(actions.map((a) => a.title)));
    assert.deepEqual(merge.edit?.changes?.[uri], [
      {
        range: { start: { line: 1, character: 0 }, end: { line: 2, character: 27 } },
        newText: 'RUN apt-get update && \\\n    apt-get install -y curl',
      },
    ]);
  },
);

test('node dist/cli.js layers --format json prints exactly the documented line', () => {
  const result = spawnSync(process.execPath, [CLI, 'layers', '--format', 'json', FIXTURE], { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  assert.equal(
    result.stdout,
    '{"stages":[{"name":"build","label":"build","line":3,"base":"golang:${GO}","layers":5,"final":false},{"name":"test","label":"test","line":10,"base":"build","layers":1,"final":false},' +
      '{"name":"debug-tools","label":"debug-tools","line":13,"base":"alpine:3.20","layers":1,"final":false},{"name":null,"label":"stage 3","line":16,"base":"scratch","layers":1,"final":true}],"finalLayers":1}\n',
  );
  const target = spawnSync(process.execPath, [CLI, 'layers', '--format', 'json', '--target', 'test', FIXTURE], { encoding: 'utf8' });
  assert.match(target.stdout, /"finalLayers":6}\n$/);
  const missing = spawnSync(process.execPath, [CLI, 'layers', '--target', 'nope', FIXTURE], { encoding: 'utf8' });
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /target stage "nope" could not be found/);
  const text = spawnSync(process.execPath, [CLI, 'layers', FIXTURE], { encoding: 'utf8' });
  assert.match(text.stdout, /^stage {8}line {2}base/);
  assert.match(text.stdout, /final image: scratch \+ 1 layer\n$/);
  const usage = spawnSync(process.execPath, [CLI, 'layers', '--format', 'xml', FIXTURE], { encoding: 'utf8' });
  assert.equal(usage.status, 2);
});

test('a stage without AS is "stage N" everywhere: CLI text and JSON, outline, lens, hint and hover', async () => {
  const text = 'FROM alpine:3.20\nRUN echo one\nFROM alpine:3.20\nCOPY --from=0 /etc/hostname /x\n';
  const table = spawnSync(process.execPath, [CLI, 'layers', '-'], { input: text, encoding: 'utf8' }).stdout;
  assert.match(table, /^stage 0 +1 +alpine:3\.20 \(image\) +1 +1 +used by stage 1$/m);
  assert.match(table, /^stage 1 +3 +alpine:3\.20 \(image\) +1 +1 +final$/m);
  const json = JSON.parse(spawnSync(process.execPath, [CLI, 'layers', '--format', 'json', '-'], { input: text, encoding: 'utf8' }).stdout);
  assert.deepEqual(json.stages.map((s: { name: string | null; label: string }) => [s.name, s.label]), [[null, 'stage 0'], [null, 'stage 1']]);
  const uri = 'file:///w/layers/unnamed/Dockerfile';
  await client!.open(uri, text);
  const symbols = await client!.request<{ name: string }[]>('textDocument/documentSymbol', { textDocument: { uri } });
  assert.deepEqual(symbols.map((s) => s.name), ['stage 0', 'stage 1']);
  const lenses = await client!.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
  assert.ok(lenses.some((l) => l.command?.title.includes('(used by: stage 1)')), JSON.stringify(lenses.map((l) => l.command?.title)));
  const hints = await client!.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 4, character: 0 } } });
  assert.ok(hints.some((h) => String(typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join('')).includes('in stage 0')));
  const hover = await client!.request<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri }, position: { line: 3, character: 12 } });
  assert.match(hover?.contents.value ?? '', /stage 0/);
  assert.doesNotMatch(hover?.contents.value ?? '', /stage #|stage-0/);
});
