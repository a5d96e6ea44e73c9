// Build arguments from their three sources: the CLI's `--build-arg` words, the `docklens.buildArgs`
// setting and a Compose service's `build.args` for the Dockerfile it builds.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseBuildArgList, readBuildArgs } from '../../server/src/dockerfile/services/diagnostics';
import { readSettings } from '../../server/src/settings';
import { ProjectResolver } from '../../server/src/compose/project/resolver';
import { buildArgsFor, composeFilesAbove } from '../../server/src/compose/project/serverSupport';

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

  const files: Record<string, string> = { '/p/compose.yaml': compose, '/p/.env': 'HOST_VALUE=from-dotenv\n', '/p/api/Dockerfile': 'FROM node\n' };
  const host = { readFile: (p: string) => files[p], exists: (p: string) => p in files };

  it('Compose build.args (map or list) of the resolved project feed the Dockerfile the service builds, interpolated from .env', () => {
    const project = new ProjectResolver(host).forDocument('/p/compose.yaml');
    assert.deepEqual(buildArgsFor(project, '/p/api/Dockerfile'), { NODE_VERSION: '20', RETRIES: '3', FROM_ENV: 'from-dotenv' });
    // `- FROM_COMPOSE_ENV` takes its value from the shell at build time: unknown here.
    assert.deepEqual(buildArgsFor(project, '/p/worker/Worker.Dockerfile'), { BASE: 'alpine:3.20' });
    assert.equal(buildArgsFor(project, '/p/other/Dockerfile'), undefined);
  });

  it('the Compose files docker compose would find above a Dockerfile, up to the workspace folder', () => {
    const isFile = (p: string) => ['/w/compose.yaml', '/w/docker-compose.yml', '/w/app/docker-compose.yaml', '/compose.yaml'].includes(p);
    assert.deepEqual(composeFilesAbove('/w/app/src/Dockerfile', isFile, '/w'), ['/w/app/docker-compose.yaml', '/w/compose.yaml']);
    assert.deepEqual(composeFilesAbove('/w/app/src/Dockerfile', isFile, '/w/app'), ['/w/app/docker-compose.yaml']);
    assert.deepEqual(composeFilesAbove('/w/app/src/Dockerfile', isFile, undefined, 1), ['/w/app/docker-compose.yaml']);
  });
});
