// The base-image table generator, run on a small checked-in sample of its sources (test/fixtures/base-images).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
// @ts-expect-error the generator is a plain script without types
import { generate, parseDockerfile, parseLibraryFile, stageConfig } from '../../scripts/generate-base-images.mjs';

const sample = join(__dirname, '..', '..', 'test', 'fixtures', 'base-images');
const mirrors = ['docker-library+python', 'debuerreotype+docker-debian-artifacts', 'alpinelinux+docker-alpine', 'nginx+docker-nginx', 'docker-library+hello-world'].map((m) =>
  join(sample, m),
);

interface Table {
  profiles: Record<string, unknown>[];
  userSets: string[];
  images: Record<string, { source: string; tags: [string, number][] }>;
  sources: Record<string, [string, string]>;
}

function factsOf(table: Table, repo: string, tag: string): Record<string, unknown> | undefined {
  const family = table.images[repo]?.tags.find(([tags]) => tags.split(' ').includes(tag));
  return family ? table.profiles[family[1]] : undefined;
}

const table: Table = generate({ official: join(sample, 'official-images'), mirrors, date: '2026-01-01' });

test('library files: tags, shared defaults, and the amd64 directory and commit', () => {
  const entries = parseLibraryFile('GitRepo: https://github.com/a/b.git\nGitCommit: 111\n\nTags: 1, latest\nSharedTags: one\nArchitectures: arm64v8, amd64\namd64-Directory: x86_64/\namd64-GitCommit: 222\n');
  assert.equal(entries.length, 1);
  assert.deepEqual(entries[0].tags, ['1', 'latest']);
  assert.deepEqual(entries[0].sharedTags, ['one']);
  assert.equal(entries[0].directory, 'x86_64');
  assert.equal(entries[0].gitCommit, '222');
  assert.equal(entries[0].gitRepo, 'https://github.com/a/b.git');
});

test('Dockerfiles: the last stage, shell form stored with the shell, ENTRYPOINT resets CMD, ENV expanded', () => {
  const df = parseDockerfile('ARG V=3\nFROM alpine:${V} AS a\nFROM debian\nENV HOME_DIR=/srv\nWORKDIR $HOME_DIR\nCMD echo hi\nENTRYPOINT ["tini"]\nUSER app\n');
  assert.equal(df.stages[0].from, 'alpine:3');
  const c = stageConfig(df.stages[1], ['/bin/sh', '-c']);
  assert.equal(c.set.workdir, '/srv');
  assert.deepEqual(c.set.cmd, ['/bin/sh', '-c', 'echo hi']);
  assert.deepEqual(c.set.entrypoint, ['tini']);
  assert.equal(c.set.user, 'app');
  const reset = stageConfig(parseDockerfile('FROM x\nENTRYPOINT ["a"]\n').stages[0], ['/bin/sh', '-c']);
  assert.equal(reset.set.cmd, null);
});

test('the FROM chain: python:3.12-slim inherits Debian trixie, apt and its users from debian:trixie-slim', () => {
  assert.deepEqual(factsOf(table, 'python', '3.12-slim'), {
    os: 'debian',
    release: 'trixie',
    pm: 'apt',
    cmd: ['python3'],
    users: (factsOf(table, 'python', '3.12-slim') as { users: number }).users,
    from: 'debian:trixie-slim',
  });
  const users = table.userSets[(factsOf(table, 'python', '3.12-slim') as { users: number }).users].split(' ');
  assert.ok(users.includes('root') && users.includes('www-data'));
  assert.deepEqual(factsOf(table, 'python', '3.12-alpine'), {
    os: 'alpine',
    release: '3.24',
    pm: 'apk',
    cmd: ['python3'],
    users: (factsOf(table, 'python', '3.12-alpine') as { users: number }).users,
    from: 'alpine:3.24',
  });
});

test('entrypoint, stop signal, ports and created users (nginx)', () => {
  const nginx = factsOf(table, 'nginx', 'latest') as Record<string, unknown> & { users: number };
  assert.deepEqual(nginx.entrypoint, ['/docker-entrypoint.sh']);
  assert.deepEqual(nginx.cmd, ['nginx', '-g', 'daemon off;']);
  assert.equal(nginx.stopsignal, 'SIGQUIT');
  assert.deepEqual(nginx.expose, ['80']);
  assert.ok(table.userSets[nginx.users].split(' ').includes('nginx'));
});

test('roots: a root file system gives the OS; scratch without one has no shell', () => {
  assert.deepEqual(factsOf(table, 'debian', 'trixie-slim')?.cmd, ['bash']);
  assert.equal(factsOf(table, 'debian', 'trixie-slim')?.os, 'debian');
  assert.equal(factsOf(table, 'alpine', '3.24')?.release, '3.24');
  assert.deepEqual(factsOf(table, 'alpine', 'latest')?.cmd, ['/bin/sh']);
  assert.equal(factsOf(table, 'hello-world', 'latest')?.sh, false);
  assert.equal(factsOf(table, 'hello-world', 'latest')?.os, undefined);
});

test('every tag of an entry is listed, in the file order, and the sources are recorded', () => {
  assert.deepEqual(table.images.python.tags.map(([t]) => t.split(' ')[0]), ['3.15.0rc1-slim-trixie', '3.12.11-slim-trixie', '3.12.11-alpine3.24']);
  assert.equal(table.images.python.source, 'docker-library/python');
  assert.ok(table.sources['docker-library/official-images']);
});
