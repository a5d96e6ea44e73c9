// `docklens check` as CI runs it: the built CLI, spawned, with its output formats and exit codes.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = process.cwd();
const dir = 'test/fixtures/diagnostics/cli';
const update = process.env.UPDATE_FIXTURES === '1';

function check(args: string[], input?: string) {
  const r = spawnSync(process.execPath, ['dist/cli.js', 'check', ...args], { cwd: root, encoding: 'utf8', input });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function expectFile(name: string, actual: string) {
  const path = join(root, dir, name);
  if (update) writeFileSync(path, actual);
  assert.equal(actual, readFileSync(path, 'utf8'));
}

describe('docklens check', () => {
  before(() => {
    const b = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, encoding: 'utf8' });
    assert.equal(b.status, 0, b.stderr);
  });

  it('prints file:line:column: severity: message [code] and exits 0 without errors', () => {
    const r = check([`${dir}/app.Dockerfile`]);
    expectFile('app.expected.txt', r.out);
    assert.equal(r.code, 0);
  });

  it('json: 1-based records with file, range, code, severity and message', () => {
    const r = check(['--format', 'json', `${dir}/app.Dockerfile`, `${dir}/clean.Dockerfile`]);
    expectFile('app.expected.json', r.out);
    const records = JSON.parse(r.out) as Record<string, unknown>[];
    assert.deepEqual(Object.keys(records[0]), ['file', 'line', 'column', 'endLine', 'endColumn', 'code', 'severity', 'message']);
  });

  it('reads <Dockerfile>.dockerignore beside the file for CopyIgnoredFile', () => {
    const records = JSON.parse(check(['--format=json', `${dir}/app.Dockerfile`]).out) as { code: string; line: number }[];
    assert.ok(records.some((x) => x.code === 'CopyIgnoredFile' && x.line === 4));
  });

  it('exits 1 when any error is reported', () => {
    const r = check([`${dir}/clean.Dockerfile`, `${dir}/broken.Dockerfile`]);
    assert.equal(r.code, 1);
    assert.match(r.out, /broken\.Dockerfile:2:1: error: Unknown instruction 'COPPY' \(did you mean COPY\?\) \[UnknownInstruction\]/);
  });

  it('--severity keeps only findings at least that severe', () => {
    const records = JSON.parse(check(['--format', 'json', '--severity', 'warning', `${dir}/app.Dockerfile`]).out) as { severity: string }[];
    assert.ok(records.length > 0);
    assert.ok(records.every((x) => x.severity === 'warning' || x.severity === 'error'));
  });

  it('a clean file says so', () => {
    const r = check([`${dir}/clean.Dockerfile`]);
    assert.deepEqual([r.code, r.out], [0, 'no problems\n']);
  });

  it('sarif: the driver has name, version, semanticVersion and informationUri; one result per finding, rules described once', () => {
    const json = JSON.parse(check(['--format', 'json', `${dir}/app.Dockerfile`]).out) as unknown[];
    const sarif = JSON.parse(check(['--format', 'sarif', `${dir}/app.Dockerfile`]).out);
    assert.equal(sarif.version, '2.1.0');
    const driver = sarif.runs[0].tool.driver;
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
    assert.deepEqual([driver.name, driver.version, driver.semanticVersion], ['docklens', pkg.version, pkg.version]);
    assert.match(driver.informationUri, /^https:\/\//);
    assert.equal(sarif.runs[0].results.length, json.length);
    const ids = sarif.runs[0].tool.driver.rules.map((r: { id: string }) => r.id);
    assert.equal(new Set(ids).size, ids.length);
    assert.deepEqual(sarif.runs[0].results[0].locations[0].physicalLocation.region, { startLine: 2, startColumn: 14, endLine: 2, endColumn: 16 });
  });

  it('reads standard input with -', () => {
    const r = check(['--format', 'json', '-'], 'FROM alpine:3.20\nCMD echo hi\n');
    assert.deepEqual(JSON.parse(r.out).map((x: { file: string; code: string }) => [x.file, x.code]), [['<stdin>', 'JSONArgsRecommended']]);
  });

  it('--list-rules lists every rule with its origin and hadolint codes', () => {
    const rows = JSON.parse(check(['--list-rules', '--format', 'json']).out) as { code: string; origin: string; hadolint: string[] }[];
    assert.ok(rows.length >= 40);
    assert.deepEqual(rows.find((r) => r.code === 'InvalidDefinitionDescription')?.origin, 'buildkit-experimental');
    assert.deepEqual(rows.find((r) => r.code === 'JSONArgsRecommended')?.hadolint, ['DL3025']);
  });

  it('--build-arg K=V feeds the analysis (repeatable; a bare K reads the environment)', () => {
    const file = 'ARG PLATFORM\nARG BASE=alpine:3.20\nFROM --platform=$PLATFORM ${BASE}\nRUN true\n';
    const codes = (args: string[], env?: Record<string, string>) => {
      const r = spawnSync(process.execPath, ['dist/cli.js', 'check', '--format', 'json', ...args, '-'], { cwd: root, encoding: 'utf8', input: file, env: { ...process.env, ...env } });
      return (JSON.parse(r.stdout) as { code: string; message: string }[]).map((x) => `${x.code}: ${x.message}`);
    };
    assert.deepEqual(codes([]), ['InvalidFromExpansion: empty platform value from expression $PLATFORM']);
    assert.deepEqual(codes(['--build-arg', 'PLATFORM=linux/arm64']), []);
    assert.deepEqual(codes(['--build-arg=PLATFORM=linux/arm64', '--build-arg', 'BASE=']), ['InvalidFromExpansion: base name (${BASE}) should not be blank']);
    assert.deepEqual(codes(['--build-arg', 'PLATFORM'], { PLATFORM: 'linux/arm64' }), []);
  });

  it('bad usage exits 2 with a message', () => {
    assert.equal(check([]).code, 2);
    const r = check(['--format', 'xml', `${dir}/clean.Dockerfile`]);
    assert.equal(r.code, 2);
    assert.match(r.err, /unknown format "xml"/);
  });
});
