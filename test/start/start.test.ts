// `npm start` (test/e2e/start.mjs) as processes: it stops the editor's whole process group and
// removes its temporary folder on SIGTERM, SIGINT and SIGHUP, and when the process it was started
// from (npm) is killed. A stand-in code-server (a small HTTP server with a child of its own) takes
// the place of the real one through E2E_TOOLS_DIR and E2E_NODE, so the test needs no editor.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = process.cwd();
const START = join(root, 'test', 'e2e', 'start.mjs');
const built = existsSync(join(root, 'dist', 'client.js'));

// Serves /healthz on --bind-addr and keeps a child process, as code-server keeps its extension host.
const FAKE_CODE_SERVER = `
const http = require('http');
const { spawn } = require('child_process');
const addr = process.argv[process.argv.indexOf('--bind-addr') + 1];
const [host, port] = [addr.slice(0, addr.lastIndexOf(':')), Number(addr.slice(addr.lastIndexOf(':') + 1))];
const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
console.log('helper pid ' + child.pid);
http.createServer((req, res) => res.end('ok')).listen(port, host);
`;

let tools: string;
before(() => {
  tools = mkdtempSync(join(tmpdir(), 'docklens-start-test-'));
  const entry = join(tools, 'node_modules', 'code-server', 'out', 'node');
  mkdirSync(entry, { recursive: true });
  writeFileSync(join(entry, 'entry.js'), FAKE_CODE_SERVER);
});
after(() => rmSync(tools, { recursive: true, force: true }));

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Started {
  /** The process that was started (start.mjs itself, or the stand-in for npm). */
  proc: ChildProcess;
  tmp: string;
  serverPid: number;
  helperPid: number;
}

/** Runs `command` (which runs start.mjs) and waits for start.mjs to print its URL. */
async function startThrough(command: string[]): Promise<Started> {
  const proc = spawn(command[0], command.slice(1), {
    cwd: root,
    env: { ...process.env, E2E_TOOLS_DIR: tools, E2E_NODE: process.execPath },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout!.on('data', (d) => (out += d));
  proc.stderr!.on('data', (d) => (out += d));
  for (let i = 0; i < 300 && !/Server pid: \d+/.test(out); i++) await sleep(100);
  const log = /Server log: (.*)code-server\.log/.exec(out);
  const pid = /Server pid: (\d+)/.exec(out);
  assert.ok(log && pid, `start.mjs did not start:\n${out}`);
  const tmp = log[1].replace(/\/$/, '');
  const logText = () => (existsSync(join(tmp, 'code-server.log')) ? require('node:fs').readFileSync(join(tmp, 'code-server.log'), 'utf8') : '');
  let helper: RegExpExecArray | null = null;
  for (let i = 0; i < 100 && !(helper = /helper pid (\d+)/.exec(logText())); i++) await sleep(100);
  assert.ok(helper, 'the stand-in code-server started its helper');
  return { proc, tmp, serverPid: Number(pid[1]), helperPid: Number(helper[1]) };
}

async function assertCleanedUp(s: Started): Promise<void> {
  for (let i = 0; i < 150 && (existsSync(s.tmp) || alive(s.serverPid) || alive(s.helperPid)); i++) await sleep(100);
  try {
    assert.equal(alive(s.serverPid), false, 'code-server still runs');
    assert.equal(alive(s.helperPid), false, "code-server's child still runs");
    assert.equal(existsSync(s.tmp), false, `${s.tmp} still exists`);
  } finally {
    for (const pid of [s.serverPid, s.helperPid]) if (alive(pid)) process.kill(pid, 'SIGKILL');
    rmSync(s.tmp, { recursive: true, force: true });
  }
}

describe('npm start stops the editor and cleans up', { concurrency: true, skip: !built && 'dist/client.js missing (npm run build)' }, () => {
  for (const [signal, code] of [['SIGTERM', 143], ['SIGINT', 0], ['SIGHUP', 129]] as const) {
    it(`on ${signal}`, async () => {
      const s = await startThrough([process.execPath, START]);
      const exited = new Promise<number | null>((r) => s.proc.once('exit', (c) => r(c)));
      s.proc.kill(signal);
      assert.equal(await exited, code);
      await assertCleanedUp(s);
    });
  }

  it('when the npm process that ran it is killed (sh -c and start.mjs are left without a signal)', async () => {
    // The stand-in for npm: runs start.mjs through `sh -c` as npm does, and is then killed.
    const npm = `require('child_process').spawn('sh', ['-c', ${JSON.stringify(`"${process.execPath}" "${START}"; true`)}], { stdio: 'inherit' }); setInterval(() => {}, 1000);`;
    const s = await startThrough([process.execPath, '-e', npm]);
    s.proc.kill('SIGKILL');
    await assertCleanedUp(s);
  });
});
