// Layer model, lenses, inlay hints and the `layers` CLI, as data: each `<name>.Dockerfile` in
// test/fixtures/layers has `<name>.expected.json` with the CLI's JSON line (exact string), the lens
// titles (one per FROM), the inlay hints ("line: label", 1-based lines) and the text table.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from '../../server/src/dockerfile/parser/model';
import { computeLayers, layerCodeLenses, layerInlayHints, resolveWorkdir, SHOW_LAYERS_COMMAND, type ShowLayersArguments } from '../../server/src/dockerfile/services/layers';
import { layersCommand, layersJson, layersTable } from '../../server/src/cli/layersCommand';
import { mergeAllEdits } from '../../server/src/dockerfile/services/mergeRun';
import { useShellParser } from '../support/shellParser';

useShellParser();

const fixtures = join(process.cwd(), 'test', 'fixtures', 'layers');
const UPDATE = process.env.UPDATE_FIXTURES === '1';
const URI = 'file:///project/Dockerfile';

interface Expected {
  json: string;
  lenses: string[];
  hints: string[];
  table: string[];
  /** Optional: the JSON with `--target`. */
  targets?: Record<string, string>;
}

function actual(name: string, text: string, targets: string[] = []): Expected {
  const model = parseDocument(text);
  return {
    json: layersJson(computeLayers(model)),
    lenses: layerCodeLenses(model, URI).map((l) => l.command!.title),
    hints: layerInlayHints(model).map((h) => `${h.position.line + 1}: ${h.label as string}`),
    table: layersTable(computeLayers(model)).trimEnd().split('\n'),
    ...(targets.length > 0 ? { targets: Object.fromEntries(targets.map((t) => [t, layersJson(computeLayers(model, t))])) } : {}),
  };
}

function captureStdout(run: () => number): { code: number; out: string } {
  const write = process.stdout.write;
  let out = '';
  process.stdout.write = ((chunk: string) => {
    out += chunk;
    return true;
  }) as typeof process.stdout.write;
  try {
    return { code: run(), out };
  } finally {
    process.stdout.write = write;
  }
}

describe('layers of each fixture: CLI JSON, lenses, hints, table', () => {
  const names = readdirSync(fixtures).filter((f) => f.endsWith('.Dockerfile'));
  for (const file of names) {
    it(file, () => {
      const text = readFileSync(join(fixtures, file), 'utf8');
      const expectedPath = join(fixtures, file.replace(/\.Dockerfile$/, '.expected.json'));
      const previous = existsSync(expectedPath) ? (JSON.parse(readFileSync(expectedPath, 'utf8')) as Expected) : undefined;
      const got = actual(file, text, Object.keys(previous?.targets ?? {}));
      if (UPDATE) writeFileSync(expectedPath, JSON.stringify(got, null, 2) + '\n');
      assert.ok(previous || UPDATE, `missing ${expectedPath}`);
      assert.deepEqual(got, UPDATE ? got : previous);
      // The CLI prints exactly the JSON line.
      const cli = captureStdout(() => layersCommand(['--format', 'json', join(fixtures, file)]));
      assert.equal(cli.code, 0);
      assert.equal(cli.out, got.json + '\n');
    });
  }
});

describe('layer rules', () => {
  it('WORKDIR counts unless it resolves to /', () => {
    assert.equal(resolveWorkdir('/', '/'), '/');
    assert.equal(resolveWorkdir('/app', '..'), '/');
    assert.equal(resolveWorkdir('/app', 'data'), '/app/data');
    assert.equal(resolveWorkdir('/app', '/srv/../'), '/');
    assert.equal(resolveWorkdir('/app', '$HOME'), undefined);
    assert.equal(resolveWorkdir(undefined, 'x'), undefined);
  });

  it('a --target that names no stage is an error, not a guess', () => {
    const image = computeLayers(parseDocument('FROM alpine AS a\nRUN true\n'), 'nope');
    assert.equal(image.finalStage, undefined);
    assert.match(image.targetError ?? '', /target stage "nope" could not be found/);
    assert.equal(image.finalLayers, 0);
  });

  it('--target picks the shipped stage, case-insensitively', () => {
    const model = parseDocument(readFileSync(join(fixtures, 'multistage.Dockerfile'), 'utf8'));
    const image = computeLayers(model, 'TEST');
    assert.deepEqual(image.stages.map((s) => s.final), [false, true, false, false]);
    assert.equal(image.finalLayers, 6);
  });

  it('the lens command opens the stage\'s layer-adding instructions', () => {
    const model = parseDocument(readFileSync(join(fixtures, 'multistage.Dockerfile'), 'utf8'));
    const lenses = layerCodeLenses(model, URI);
    assert.equal(lenses.length, 4);
    assert.deepEqual(lenses[0].range, { start: { line: 2, character: 0 }, end: { line: 2, character: 26 } });
    assert.equal(lenses[0].command!.command, SHOW_LAYERS_COMMAND);
    const [uri, stage, items] = lenses[0].command!.arguments as ShowLayersArguments;
    assert.equal(uri, URI);
    assert.equal(stage, 0);
    assert.deepEqual(items, [
      { line: 3, text: 'WORKDIR /src', layer: 1 },
      { line: 4, text: 'COPY go.mod go.sum ./', layer: 2 },
      { line: 5, text: 'RUN go mod download', layer: 3 },
      { line: 6, text: 'COPY . .', layer: 4 },
      { line: 7, text: 'RUN go build -o /out/app ./cmd/app', layer: 5 },
    ]);
    const test = lenses[1].command!.arguments as ShowLayersArguments;
    assert.deepEqual(test[2], [{ line: 10, text: 'RUN go test ./...', layer: 6 }]);
  });

  it('inlay hints only inside the requested range', () => {
    const model = parseDocument(readFileSync(join(fixtures, 'multistage.Dockerfile'), 'utf8'));
    const hints = layerInlayHints(model, { start: { line: 5, character: 0 }, end: { line: 6, character: 0 } });
    assert.deepEqual(hints.map((h) => [h.position, h.label]), [
      [{ line: 5, character: 19 }, 'layer 3 of 5 in stage build'],
      [{ line: 6, character: 8 }, 'layer 4 of 5 in stage build'],
    ]);
    assert.equal(hints[0].paddingLeft, true);
  });

  it('merging RUNs takes one layer off the lens', () => {
    const text = 'FROM debian:12\nRUN apt-get update\nRUN apt-get install -y curl\n';
    const before = parseDocument(text);
    assert.deepEqual(layerCodeLenses(before, URI).map((l) => l.command!.title), ['final image: debian:12 + 2 layers']);
    const [edit] = mergeAllEdits(before);
    const after = parseDocument(text.slice(0, edit.start) + edit.newText + text.slice(edit.end));
    assert.deepEqual(layerCodeLenses(after, URI).map((l) => l.command!.title), ['final image: debian:12 + 1 layer']);
  });

  it('never throws on odd input', () => {
    for (const text of ['', 'RUN x\n', 'FROM\n', 'FROM a AS a\nFROM a\n', 'FROM b AS a\nFROM a AS b\nFROM b\n', 'FROM x\nWORKDIR\nONBUILD\n']) {
      const model = parseDocument(text);
      computeLayers(model);
      layerCodeLenses(model, URI);
      layerInlayHints(model);
      layersTable(computeLayers(model));
    }
  });
});
