// `docklens compose config` and `docklens check` on Compose files, as a shell runs them (the built CLI).
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const root = process.cwd();
const dir = resolve('test/fixtures/compose-project/cli');
const env = { PATH: process.env.PATH ?? '' };

function run(args: string[], cwd = dir) {
  const r = spawnSync(process.execPath, [resolve(root, 'dist/cli.js'), ...args], { cwd, encoding: 'utf8', env });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('docklens compose config', () => {
  before(() => {
    const b = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, encoding: 'utf8' });
    assert.equal(b.status, 0, b.stderr);
  });

  it('loads compose.yaml + compose.override.yaml + .env from the current folder, canonical JSON with $ doubled', () => {
    const r = run(['compose', 'config', '--format', 'json']);
    assert.equal(r.code, 0, r.err);
    const p = JSON.parse(r.out);
    assert.equal(p.name, 'cli');
    assert.equal(p.services.web.image, 'example/api:1.2');
    assert.equal(p.services.web.ports, undefined);
    assert.deepEqual(p.services.web.environment, { A: '1', B: '2' });
    assert.deepEqual(p.services.web.command, ['echo', 'hello world', '$$HOME']);
    assert.deepEqual(p.services.web.build, { context: dir, dockerfile: 'Dockerfile' });
    assert.deepEqual(p.services.db.labels, { tier: 'data' });
    assert.deepEqual(p.services.db.environment, { PASSWORD: 'secret' });
    assert.deepEqual(p.networks, { default: { name: 'cli_default', ipam: {} } });
  });

  it('takes -f, --env-file, --project-directory and -p like docker compose', () => {
    // An absolute path: Node 20 also reads a `--env-file` given after the script, relative to the cwd.
    const r = run(['compose', 'config', '-f', `${dir}/compose.yaml`, '--env-file', `${dir}/other.env`, '-p', 'Demo', '--format=json'], root);
    assert.equal(r.code, 0, r.err);
    const p = JSON.parse(r.out.replace(/^[^{]*/, ''));
    assert.equal(p.name, 'demo');
    assert.equal(p.services.web.image, 'example/api:from-env-file');
    assert.deepEqual(p.services.web.ports, [{ mode: 'ingress', target: 80, published: '8080', protocol: 'tcp' }]);
  });

  it('prints YAML by default', () => {
    const r = run(['compose', 'config', '-f', 'compose.yaml']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^name: cli\nservices:\n/);
  });

  it("stops with compose's message on stderr when a required variable is missing", () => {
    const r = run(['compose', 'config', '-f', 'required.yaml']);
    assert.equal(r.code, 1);
    assert.equal(r.out, '');
    assert.equal(r.err, 'error while interpolating services.web.image: required variable MISSING_TAG is missing a value: set MISSING_TAG\n');
  });

  it('reports a missing file and unknown options', () => {
    assert.equal(run(['compose', 'config', '-f', 'nope.yaml']).code, 1);
    assert.equal(run(['compose', 'config', '--bogus']).code, 2);
    assert.equal(run(['compose', 'up']).code, 2);
  });
});

describe('docklens check on Compose files', () => {
  it('recognises compose*.yaml by name and checks it with its project (override with its base, .env)', () => {
    const r = run(['check', 'compose.override.yaml', '--format', 'json']);
    const records = JSON.parse(r.out) as { code: string }[];
    assert.ok(!records.some((x) => x.code === 'UnknownInstruction'), r.out);
    assert.deepEqual(records.map((x) => x.code), []);
    assert.equal(r.code, 0, r.err);
  });

  it('reports required variables in compose wording, exit 1; --lang compose for other names; sarif', () => {
    const r = run(['check', '--lang', 'compose', 'required.yaml']);
    assert.equal(r.code, 1);
    assert.match(r.out, /required\.yaml:3:12: error: error while interpolating services\.web\.image: required variable MISSING_TAG is missing a value: set MISSING_TAG \[RequiredVariable\]/);
    const sarif = JSON.parse(run(['check', '--lang', 'compose', '--format', 'sarif', 'required.yaml']).out);
    assert.equal(sarif.runs[0].results[0].ruleId, 'RequiredVariable');
    assert.equal(run(['check', '--lang', 'yaml', 'required.yaml']).code, 2);
  });
});
