// Build arguments from their three sources: the CLI's `--build-arg` words, the `docklens.buildArgs`
// setting and a Compose service's `build.args` for the Dockerfile it builds.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseBuildArgList, readBuildArgs } from '../../server/src/dockerfile/services/diagnostics';
import { readSettings } from '../../server/src/settings';
import { parseCompose } from '../../server/src/compose/model';
import { composeBuildArgsFor } from '../../server/src/compose/dockerfiles';

describe('build arguments', () => {
  it('--build-arg words: K=V, K= (empty), bare K from the environment or left out', () => {
    assert.deepEqual(parseBuildArgList(['A=1', 'B=', 'C', 'D', 'E=x=y', '=z'], { C: 'env' }), { A: '1', B: '', C: 'env', E: 'x=y' });
  });

  it('the setting keeps strings, numbers and booleans as text; anything else is dropped', () => {
    assert.deepEqual(readBuildArgs({ A: 'x', B: 20, C: true, D: null, E: { x: 1 } }), { A: 'x', B: '20', C: 'true' });
    assert.deepEqual(readBuildArgs(['A=1']), {});
    assert.deepEqual(readSettings({ buildArgs: { NODE_VERSION: '20' } }).buildArgs, { NODE_VERSION: '20' });
    assert.deepEqual(readSettings({}).buildArgs, {});
  });

  const compose = [
    'services:',
    '  api:',
    '    build:',
    '      context: ./api',
    '      args:',
    '        NODE_VERSION: "20"',
    '        RETRIES: 3',
    '        FROM_ENV: ${HOST_VALUE}',
    '  worker:',
    '    build:',
    '      context: ./worker',
    '      dockerfile: Worker.Dockerfile',
    '      args:',
    '        - BASE=alpine:3.20',
    '        - FROM_COMPOSE_ENV',
    '  db:',
    '    image: postgres:16',
    '',
  ].join('\n');

  it("Compose build.args (map or list) feed the Dockerfile the service builds; interpolated values are unknown", () => {
    const model = parseCompose(compose);
    assert.deepEqual(composeBuildArgsFor(model, '/p/compose.yaml', '/p/api/Dockerfile'), { NODE_VERSION: '20', RETRIES: '3' });
    assert.deepEqual(composeBuildArgsFor(model, '/p/compose.yaml', '/p/worker/Worker.Dockerfile'), { BASE: 'alpine:3.20' });
    assert.equal(composeBuildArgsFor(model, '/p/compose.yaml', '/p/other/Dockerfile'), undefined);
  });
});
