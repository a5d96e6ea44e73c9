// `.hadolint.yaml` as hadolint reads it, and `docklens check` with one: ignored codes, severity
// overrides, trustedRegistries, label-schema, disable-ignore-pragma and failure-threshold (exit code).
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseHadolintConfig } from '../../server/src/dockerfile/services/diagnostics/hadolintConfig';
import { parseDocument } from '../../server/src/dockerfile/parser/model';
import { runDiagnostics } from '../../server/src/dockerfile/services/diagnostics';

describe('.hadolint.yaml', () => {
  it('reads every key hadolint documents; style is a hint, ignore/none switch off', () => {
    const c = parseHadolintConfig(
      [
        'ignored: [DL3008, SC2086]',
        'override:',
        '  error: [DL3006]',
        '  warning: [DL3015]',
        '  info: [DL3025]',
        '  style: [DL3059]',
        '  ignore: [DL3003]',
        'trustedRegistries: [docker.io, "*.corp.example"]',
        'label-schema: {author: text, version: semver, odd: money}',
        'strict-labels: true',
        'disable-ignore-pragma: true',
        'failure-threshold: warning',
        'format: json',
      ].join('\n'),
    );
    assert.deepEqual(c.ignored, ['DL3008', 'SC2086', 'DL3003']);
    assert.deepEqual(c.override, { DL3006: 'error', DL3015: 'warning', DL3025: 'info', DL3059: 'hint' });
    assert.deepEqual(c.trustedRegistries, ['docker.io', '*.corp.example']);
    assert.deepEqual(c.labelSchema, { author: 'text', version: 'semver' });
    assert.deepEqual([c.strictLabels, c.disableIgnorePragma, c.failureThreshold], [true, true, 'warning']);
    assert.deepEqual(c.problems, ["label 'odd': unknown type \"money\""]);
  });

  it('bad input gives an empty config and a problem, never a throw', () => {
    for (const text of ['ignored: [', '- a\n- b', '42', '', 'override: 3\nignored: nope', 'a: &a [*a]']) {
      const c = parseHadolintConfig(text);
      assert.deepEqual(c.ignored, []);
    }
    assert.equal(parseHadolintConfig('no-fail: true\nfailure-threshold: error').failureThreshold, 'none');
  });

  it('disable-ignore-pragma: # hadolint ignore= no longer silences, # docklens-ignore still does', () => {
    const model = parseDocument('FROM ubuntu\n# hadolint ignore=DL3025\nCMD echo hi\n# docklens-ignore JSONArgsRecommended\nENTRYPOINT echo hi\n');
    const codes = (text: string) => runDiagnostics(model, { hadolint: parseHadolintConfig(text) }).map((f) => `${f.code}@${model.lines.positionAt(f.span.start).line + 1}`);
    assert.deepEqual(codes(''), ['BaseImageUnpinned@1']);
    assert.deepEqual(codes('disable-ignore-pragma: true'), ['BaseImageUnpinned@1', 'JSONArgsRecommended@3']);
  });

  it('the user\'s docklens.rules win over the config', () => {
    const model = parseDocument('FROM ubuntu\nCMD echo hi\n');
    const found = runDiagnostics(model, { hadolint: parseHadolintConfig('ignored: [DL3006]\noverride: {error: [DL3025]}'), rules: { BaseImageUnpinned: 'info' } });
    assert.deepEqual(found.map((f) => `${f.code}:${f.severity}`), ['BaseImageUnpinned:info', 'JSONArgsRecommended:error']);
  });
});

describe('docklens check with a .hadolint.yaml', () => {
  const root = process.cwd();
  const dir = mkdtempSync(join(tmpdir(), 'docklens-hadolint-cli-'));
  mkdirSync(join(dir, 'svc'));
  writeFileSync(join(dir, 'svc', 'Dockerfile'), 'FROM ghcr.io/acme/base:1.0\nCMD echo hi\n');
  const check = (args: string[], env: Record<string, string> = {}) => {
    const r = spawnSync(process.execPath, [join(root, 'dist/cli.js'), 'check', '--format', 'json', ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, HADOLINT_CONFIG: '', ...env } });
    return { code: r.status, found: (JSON.parse(r.stdout || '[]') as { code: string; severity: string }[]).map((x) => `${x.code}:${x.severity}`), err: r.stderr };
  };
  before(() => {
    const b = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, encoding: 'utf8' });
    assert.equal(b.status, 0, b.stderr);
  });

  it('without a config: warnings only, exit 0', () => {
    assert.deepEqual(check(['svc/Dockerfile']), { code: 0, found: ['JSONArgsRecommended:warning'], err: '' });
  });

  it('the nearest config above the file applies: trustedRegistries, ignored, failure-threshold', () => {
    writeFileSync(join(dir, '.hadolint.yaml'), 'trustedRegistries: [docker.io]\nignored: [DL3025]\nfailure-threshold: error\n');
    assert.deepEqual(check(['svc/Dockerfile']), { code: 1, found: ['UntrustedRegistry:error'], err: '' });
    writeFileSync(join(dir, '.hadolint.yaml'), 'failure-threshold: warning\n');
    assert.deepEqual(check(['svc/Dockerfile']), { code: 1, found: ['JSONArgsRecommended:warning'], err: '' });
    writeFileSync(join(dir, '.hadolint.yaml'), 'override: {error: [DL3025]}\nfailure-threshold: none\n');
    assert.deepEqual(check(['svc/Dockerfile']), { code: 0, found: ['JSONArgsRecommended:error'], err: '' });
  });

  it('--hadolint-config and HADOLINT_CONFIG name the file; problems go to stderr', () => {
    writeFileSync(join(dir, 'other.yaml'), 'ignored: [JSONArgsRecommended]\nfailure-threshold: loud\n');
    const named = check(['--hadolint-config', 'other.yaml', 'svc/Dockerfile']);
    assert.deepEqual(named.found, []);
    assert.match(named.err, /other\.yaml: unknown failure-threshold 'loud'/);
    assert.deepEqual(check(['svc/Dockerfile'], { HADOLINT_CONFIG: join(dir, 'other.yaml') }).found, []);
  });
});
