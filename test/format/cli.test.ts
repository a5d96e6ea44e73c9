// `node dist/cli.js format` (needs `npm run build`): stdout, --check, --write, stdin, Compose by name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CLI = join(process.cwd(), 'dist', 'cli.js');

function run(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [CLI, 'format', ...args], { input, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const MESSY_DOCKERFILE = 'from alpine\nrun   echo hi \\\n  && echo there\n';
const DOCKERFILE = 'FROM alpine\nRUN echo hi \\\n    && echo there\n';
const MESSY_COMPOSE = 'services:\n    web:\n        image: nginx   # pinned later\n';
const COMPOSE = 'services:\n  web:\n    image: nginx # pinned later\n';

test('CLI format: one file to stdout, stdin with -, and --compose for stdin', () => {
  const dir = mkdtempSync(join(tmpdir(), 'docklens-format-'));
  try {
    writeFileSync(join(dir, 'Dockerfile'), MESSY_DOCKERFILE);
    assert.deepEqual(run([join(dir, 'Dockerfile')]), { code: 0, out: DOCKERFILE, err: '' });
    assert.equal(readFileSync(join(dir, 'Dockerfile'), 'utf8'), MESSY_DOCKERFILE, 'printing leaves the file alone');
    assert.deepEqual(run(['-'], MESSY_DOCKERFILE), { code: 0, out: DOCKERFILE, err: '' });
    assert.deepEqual(run(['--compose', '-'], MESSY_COMPOSE), { code: 0, out: COMPOSE, err: '' });
    assert.deepEqual(run(['--use-tabs', '-'], MESSY_DOCKERFILE).out, DOCKERFILE.replace('    &&', '\t&&'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('CLI format --check lists what would change and exits 1; --write rewrites in place, keeping the mode', () => {
  const dir = mkdtempSync(join(tmpdir(), 'docklens-format-'));
  try {
    const dockerfile = join(dir, 'Dockerfile');
    const compose = join(dir, 'docker-compose.yml');
    writeFileSync(dockerfile, MESSY_DOCKERFILE);
    writeFileSync(compose, MESSY_COMPOSE);
    chmodSync(dockerfile, 0o640);
    assert.deepEqual(run(['--check', dockerfile, compose]), { code: 1, out: `${dockerfile}\n${compose}\n`, err: '' });
    assert.deepEqual(run(['--write', dockerfile, compose]), { code: 0, out: '', err: '' });
    assert.equal(readFileSync(dockerfile, 'utf8'), DOCKERFILE);
    assert.equal(readFileSync(compose, 'utf8'), COMPOSE, 'recognised as Compose by its name');
    assert.equal(statSync(dockerfile).mode & 0o777, 0o640);
    assert.deepEqual(readdirSync(dir).sort(), ['Dockerfile', 'docker-compose.yml'], 'no temporary file left behind');
    assert.deepEqual(run(['--check', dockerfile, compose]), { code: 0, out: '', err: '' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('CLI format: usage errors exit 2, missing files 1', () => {
  assert.equal(run([]).code, 2);
  assert.equal(run(['a', 'b']).code, 2);
  assert.equal(run(['--write', '-'], '').code, 2);
  assert.equal(run(['--tab-size', 'x', '-'], '').code, 2);
  assert.equal(run(['/nonexistent/Dockerfile']).code, 1);
});
