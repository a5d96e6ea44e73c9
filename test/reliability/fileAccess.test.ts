// Side-file access is bounded: regular files only (checked on the open descriptor), a size cap,
// links resolved then checked, nothing that can block, and Restricted Mode confinement that does not
// reveal whether an outside path exists.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFileHost, FileAccess } from '../../server/src/node/fileAccess';

const root = mkdtempSync(join(tmpdir(), 'docklens-files-'));
const project = join(root, 'project');
const outside = join(root, 'outside');
mkdirSync(project);
mkdirSync(outside);
writeFileSync(join(project, 'Dockerfile'), 'FROM alpine\n');
writeFileSync(join(outside, 'secret.yml'), 'services:\n  hidden: {image: x}\n');
writeFileSync(join(project, 'big.txt'), 'x'.repeat(2048));
writeFileSync(join(project, 'binary.bin'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2]));
symlinkSync('/dev/zero', join(project, '.dockerignore'));
symlinkSync(join(outside, 'secret.yml'), join(project, 'inside-link.yml'));
const fifo = join(project, 'Dockerfile.dockerignore');
let haveFifo = true;
try {
  execFileSync('mkfifo', [fifo]);
} catch {
  haveFifo = false;
}

const open = new FileAccess({ maxBytes: 1024 });

const cases: { name: string; path: string; access?: FileAccess; expect: string }[] = [
  { name: 'a regular file is read', path: join(project, 'Dockerfile'), expect: 'text' },
  { name: '/dev/zero is not a regular file (no read, no abort)', path: '/dev/zero', expect: 'not-a-file' },
  { name: '/dev/urandom is not a regular file', path: '/dev/urandom', expect: 'not-a-file' },
  { name: 'a link to /dev/zero is resolved, then refused', path: join(project, '.dockerignore'), expect: 'not-a-file' },
  { name: '/proc files are never read (size 0, content secret)', path: '/proc/self/environ', expect: 'not-a-file' },
  { name: 'a file over the cap is not read', path: join(project, 'big.txt'), expect: 'too-large' },
  { name: 'a binary file is not text', path: join(project, 'binary.bin'), expect: 'not-text' },
  { name: 'a directory is a directory', path: project, expect: 'directory' },
  { name: 'a missing file is missing', path: join(project, 'nope'), expect: 'missing' },
];
const restricted = new FileAccess({ maxBytes: 1024, confinedTo: [project] });
cases.push(
  { name: 'restricted: an existing outside file is "outside"', path: join(outside, 'secret.yml'), access: restricted, expect: 'outside-project' },
  { name: 'restricted: a missing outside file is "outside" too', path: join(outside, 'nope.yml'), access: restricted, expect: 'outside-project' },
  { name: 'restricted: a link inside pointing outside is "outside"', path: join(project, 'inside-link.yml'), access: restricted, expect: 'outside-project' },
  { name: 'restricted: ../ out of the project is "outside"', path: join(project, '../outside/secret.yml'), access: restricted, expect: 'outside-project' },
  { name: 'restricted: inside reads', path: join(project, 'Dockerfile'), access: restricted, expect: 'text' },
  { name: 'trusted: a sibling folder reads', path: join(project, '../outside/secret.yml'), expect: 'text' },
);
if (haveFifo) cases.push({ name: 'a FIFO is not read (the read would block forever)', path: fifo, expect: 'not-a-file' });

for (const c of cases) {
  test(`file access: ${c.name}`, () => {
    const r = (c.access ?? open).read(c.path);
    assert.equal('text' in r ? 'text' : r.problem, c.expect);
  });
}

test('file access: exists() is false outside the project in Restricted Mode, whether or not the file exists', () => {
  assert.equal(restricted.exists(join(outside, 'secret.yml')), false);
  assert.equal(restricted.exists(join(outside, 'nope')), false);
  assert.equal(open.exists(join(outside, 'secret.yml')), true);
});

test('file access: links are never offered to system paths, devices or outside files', () => {
  for (const p of ['/etc/passwd', '/proc/self/environ', '/dev/zero', '/dev/null']) assert.equal(open.linkable(p), false, p);
  assert.equal(open.linkable(join(project, 'Dockerfile')), true);
  assert.equal(restricted.linkable(join(outside, 'secret.yml')), false);
});

test('file access: the cache follows mtime (an edited file is read again)', () => {
  const p = join(project, 'changing.txt');
  writeFileSync(p, 'one');
  assert.deepEqual(open.read(p), { text: 'one' });
  writeFileSync(p, 'two');
  utimesSync(p, new Date(), new Date(Date.now() + 5000));
  assert.deepEqual(open.read(p), { text: 'two' });
});

test('file access: open editor buffers win over the disk', () => {
  const host = createFileHost(open, (p) => (p === '/dev/zero' ? 'FROM buffer\n' : undefined));
  assert.equal(host.readFile('/dev/zero'), 'FROM buffer\n');
  assert.equal(host.readFile(join(project, 'Dockerfile')), 'FROM alpine\n');
});
