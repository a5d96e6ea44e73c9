// CLI hygiene with hostile inputs: devices, directories, binaries, huge files, unknown options and a
// reader that goes away. Each case: arguments → exit code and the one line on stderr.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = process.cwd();
const tmp = mkdtempSync(join(tmpdir(), 'docklens-cli-'));
const good = join(tmp, 'Dockerfile');
writeFileSync(good, 'FROM alpine:3.20\nRUN echo hi\n');
const binary = join(tmp, 'tool.bin');
writeFileSync(binary, Buffer.concat([Buffer.from('\x7fELF'), Buffer.alloc(64 * 1024)]));
const ignoring = join(tmp, 'ignoring');
mkdirSync(ignoring);
writeFileSync(join(ignoring, 'Dockerfile'), 'FROM alpine:3.20\nCOPY . .\n');
writeFileSync(join(ignoring, '.dockerignore'), 'node_modules\n[z-a]\n');
const big = join(tmp, 'big.Dockerfile');
writeFileSync(big, 'FROM alpine\n' + ('# ' + 'x'.repeat(1000) + '\n').repeat(1500));

function cli(args: string[], input?: string) {
  const r = spawnSync(process.execPath, ['dist/cli.js', ...args], { cwd: root, encoding: 'utf8', input, timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

before(() => {
  const b = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, encoding: 'utf8' });
  assert.equal(b.status, 0, b.stderr);
});

const CASES: { name: string; args: string[]; code: number; err: RegExp; out?: RegExp }[] = [
  { name: '/dev/zero is refused at once (no abort)', args: ['check', '/dev/zero'], code: 1, err: /^docklens check: \/dev\/zero is not a regular file/ },
  { name: 'a directory is "a directory"', args: ['check', tmp], code: 1, err: /is a directory/ },
  { name: 'a path through a file is "no such file" (ENOTDIR)', args: ['check', `${good}/x`], code: 1, err: /: no such file/ },
  { name: 'a missing file is "no such file"', args: ['parse', join(tmp, 'none')], code: 1, err: /: no such file/ },
  { name: 'a binary file is one "not a text file" error', args: ['check', binary], code: 1, err: /^docklens check: \S+ is not a text file\n$/ },
  { name: 'a file over --max-size is refused', args: ['check', '--max-size', '1M', big], code: 1, err: /larger than 1 MB \(raise the limit with --max-size\)/ },
  { name: '--max-size=… raises the limit', args: ['layers', '--max-size=8M', big], code: 0, err: /^$/, out: /final image/ },
  { name: 'a malformed --max-size is a usage error', args: ['check', '--max-size', 'lots', good], code: 2, err: /--max-size needs a size/ },
  { name: 'an unknown option is a usage error (exit 2)', args: ['check', '--bogus-flag', good], code: 2, err: /unknown option --bogus-flag/ },
  { name: 'an unknown short option is a usage error', args: ['layers', '-x', good], code: 2, err: /unknown option -x/ },
  { name: 'a flag given a value is a usage error', args: ['check', '--list-rules=yes'], code: 2, err: /takes no value/ },
  { name: 'one unreadable file does not stop the others', args: ['check', binary, good], code: 1, err: /not a text file/, out: /no problems/ },
  {
    name: 'an invalid .dockerignore pattern is an error on its line',
    args: ['check', join(ignoring, 'Dockerfile')],
    code: 1,
    err: /^$/,
    out: /\.dockerignore:2:1: error: Invalid \.dockerignore pattern "\[z-a\]": invalid character class range "z-a".*\[InvalidIgnorePattern\]/,
  },
  { name: '-- ends the options', args: ['check', '--', good], code: 0, err: /^$/ },
];

for (const c of CASES) {
  test(`cli: ${c.name}`, () => {
    const r = cli(c.args);
    assert.equal(r.code, c.code, r.err);
    assert.match(r.err, c.err);
    if (c.out) assert.match(r.out, c.out);
    assert.doesNotMatch(r.err, /\n\s+at /, 'no stack trace');
  });
}

test('cli: binary on stdin is "not a text file"', () => {
  const r = cli(['check', '-'], 'FROM a\0\0\0');
  assert.equal(r.code, 1);
  assert.match(r.err, /standard input is not a text file/);
});

test('cli: a closed stdout (check … | head -1) exits quietly', async () => {
  const many = join(tmp, 'many.Dockerfile');
  writeFileSync(many, 'from alpine as base\n' + 'RUN cd /x && sudo apt-get install y\n'.repeat(5_000));
  const child = spawn(process.execPath, ['dist/cli.js', 'check', many], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d) => (err += String(d)));
  child.stdout.once('data', () => child.stdout.destroy());
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  assert.equal(err, '');
  assert.notEqual(code, null);
});
