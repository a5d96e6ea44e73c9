// `docklens graph`: mermaid, dot and json for a 4-stage Dockerfile and a Compose project, against files beside the inputs.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';

const root = process.cwd();
const dir = join(root, 'test', 'fixtures', 'graph');

function graph(...args: string[]) {
  return spawnSync(process.execPath, [join(root, 'dist', 'cli.js'), 'graph', ...args], { cwd: dir, encoding: 'utf8' });
}

describe('docklens graph', () => {
  before(() => {
    if (!existsSync(join(root, 'dist', 'cli.js'))) spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root });
  });
  const cases: [string[], string][] = [
    [['four-stages.Dockerfile'], 'four-stages.Dockerfile.mmd'],
    [['--format', 'dot', 'four-stages.Dockerfile'], 'four-stages.Dockerfile.dot'],
    [['--format', 'json', 'four-stages.Dockerfile'], 'four-stages.Dockerfile.json'],
    [['--target', 'test', 'four-stages.Dockerfile'], 'four-stages.target-test.mmd'],
    [['compose.yaml'], 'compose.yaml.mmd'],
    [['--format', 'dot', 'compose.yaml'], 'compose.yaml.dot'],
  ];
  for (const [args, expected] of cases) {
    it(`graph ${args.join(' ')} prints ${expected}`, () => {
      const r = graph(...args);
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stdout, readFileSync(join(dir, expected), 'utf8'));
    });
  }

  it('the final stage is highlighted, unused stages greyed, and every edge kind is drawn', () => {
    const json = JSON.parse(graph('--format', 'json', 'four-stages.Dockerfile').stdout);
    assert.deepEqual(json.nodes.filter((n: { final?: boolean }) => n.final).map((n: { label: string }) => n.label), ['final']);
    assert.deepEqual(json.nodes.filter((n: { unused?: boolean }) => n.unused).map((n: { label: string }) => n.label), ['test']);
    assert.deepEqual([...new Set(json.edges.map((e: { kind: string }) => e.kind))].sort(), ['COPY --from', 'FROM']);
  });

  it('compose: built services name their Dockerfile (absolute) so the editor can open its graph', () => {
    const json = JSON.parse(graph('--format', 'json', 'compose.yaml').stdout);
    const web = json.nodes.find((n: { label: string }) => n.label === 'web');
    assert.equal(web.dockerfile, join(dir, 'four-stages.Dockerfile'));
    assert.equal(web.target, 'final');
  });

  it('an unknown target and a bad format are errors', () => {
    assert.equal(graph('--target', 'nope', 'four-stages.Dockerfile').status, 1);
    assert.equal(graph('--format', 'svg', 'four-stages.Dockerfile').status, 2);
  });
});
