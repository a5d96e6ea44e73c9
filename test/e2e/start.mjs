#!/usr/bin/env node
// `npm start`: try Docklens in a browser VS Code on this machine. Starts
// code-server with the repository as the extension under development and
// test/e2e/workspace open, prints the URL, and runs until Ctrl-C.
// After `npm run build` (or `node scripts/build.mjs --watch` in another
// terminal), "Developer: Reload Window" in the browser loads the new build.
//
// Options: --port <n> (default: a free one), --host <addr> (default 127.0.0.1),
//          --folder <dir> (default test/e2e/workspace); through npm: `npm start -- --folder DIR`.
// code-server runs in its own process group. It is stopped, and the temporary folder removed, on
// SIGINT, SIGTERM and SIGHUP, and when a process this one was started from goes away (`kill` of the
// npm process leaves `sh -c` and this script behind, and nobody would send them a signal).
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startCodeServer, workbenchUrl } from './lib/codeServer.mjs';
import { CODE_SERVER, NODE24, ROOT, WORKSPACE } from './lib/paths.mjs';

const { values: opt } = parseArgs({
  options: {
    port: { type: 'string' },
    host: { type: 'string', default: '127.0.0.1' },
    folder: { type: 'string', default: WORKSPACE },
  },
});
for (const [what, p] of [['code-server (node test/e2e/install-tools.mjs)', CODE_SERVER], ['Node 24 (node test/e2e/install-tools.mjs)', NODE24],
  ['dist/client.js (npm run build)', path.join(ROOT, 'dist', 'client.js')]]) {
  if (!fs.existsSync(p)) { console.error(`missing ${what}: ${p}`); process.exit(2); }
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'docklens-start-'));
const log = path.join(tmp, 'code-server.log');
let srv;
let stopping = null;
let watch;
const stop = (code) => (stopping ??= (async () => {
  clearInterval(watch);
  if (srv) await srv.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
  process.exit(code);
})());
for (const [sig, code] of [['SIGINT', 0], ['SIGTERM', 143], ['SIGHUP', 129]]) process.on(sig, () => { void stop(code); });

/** `/proc/<pid>/stat`: the parent and the start time (which tells a reused pid apart). */
function procStat(pid) {
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(fields[1]), started: fields[19] };
  } catch {
    return undefined;
  }
}

/** The processes this one was started from, parent first, up to (not including) init. */
function ancestors() {
  const chain = [];
  for (let pid = process.ppid; pid > 1 && chain.length < 32; ) {
    const stat = procStat(pid);
    if (!stat) break;
    chain.push({ pid, started: stat.started });
    pid = stat.ppid;
  }
  return chain;
}

const startedFrom = ancestors();
const parent = process.ppid;
watch = setInterval(() => {
  const gone = startedFrom.length > 0 ? startedFrom.find((a) => procStat(a.pid)?.started !== a.started) : process.ppid !== parent && { pid: parent };
  if (gone) {
    console.log(`process ${gone.pid} (which started this one) went away: stopping`);
    void stop(129);
  }
}, 1000);

try {
  srv = await startCodeServer({
    tmp, logFile: log, host: opt.host, port: opt.port ? Number(opt.port) : undefined,
    runId: `docklens-start-${process.pid}-${crypto.randomBytes(4).toString('hex')}`,
  });
} catch (e) {
  console.error(e.message);
  await stop(1);
}
const url = workbenchUrl(srv, { folder: opt.folder, payload: [['extensionDevelopmentPath', ROOT]] });
console.log(`
Docklens in a browser VS Code (code-server), extension loaded from ${ROOT}
Open this URL in a browser on this machine:

  ${url}

Folder: ${path.resolve(opt.folder)}
Server log: ${log}
Server pid: ${srv.child.pid} (process group)
Press Ctrl-C to stop.`);
const { code } = await srv.exited;
if (!stopping) {
  console.error(`code-server exited (${code}); see ${log}`);
  await stop(1);
}
