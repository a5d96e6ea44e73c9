// Starts code-server (a complete VS Code workbench from npm) on a free
// loopback port, isolated from the user's own settings, and stops it with its
// whole process group. Used by run-code-server.mjs and start.mjs.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { CODE_SERVER, NODE24 } from './paths.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export function freePort(host = '127.0.0.1') {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, host, () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

const DEFAULT_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'chat.disableAIFeatures': true,
  'git.enabled': false,
  'files.autoSave': 'off',
  'editor.hover.delay': 150,
};

/** Processes whose environment carries E2E_RUN_ID=<runId>: whatever escaped the process group. */
export function pidsWithRunId(runId) {
  const mark = Buffer.from(`E2E_RUN_ID=${runId}\0`);
  const found = [];
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d) || Number(d) === process.pid) continue;
    try { if (fs.readFileSync(`/proc/${d}/environ`).includes(mark)) found.push(Number(d)); } catch { /* gone or not ours */ }
  }
  return found;
}

/**
 * @param {object} o
 * @param {string} o.tmp      a private folder for user data, XDG dirs and TMPDIR
 * @param {string} o.runId    marker put into the server's environment
 * @param {string} o.logFile  code-server's stdout and stderr
 * @param {object} [o.settings] user settings merged over the defaults
 * @param {object} [o.env]    extra environment (e.g. E2E_GREP for the suite)
 * @param {string} [o.host]   bind address (default 127.0.0.1)
 * @param {number} [o.port]   fixed port (default: a free one, retried on EADDRINUSE)
 * @param {(m: string) => void} [o.say]
 */
export async function startCodeServer({ tmp, runId, logFile, settings = {}, env: extraEnv = {}, host = '127.0.0.1', port: fixedPort, say = () => {} }) {
  const dir = (name) => { const p = path.join(tmp, name); fs.mkdirSync(p, { recursive: true }); return p; };
  const userData = dir('user-data');
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify({ ...DEFAULT_SETTINGS, ...settings }, null, 2));
  const config = path.join(tmp, 'config.yaml');
  fs.writeFileSync(config, 'auth: none\n'); // an empty config file is rejected

  const env = { ...process.env };
  // code-server reads these from a developer's shell ($PORT even beats --bind-addr).
  for (const k of Object.keys(env)) {
    if (/^(PORT|PASSWORD|HASHED_PASSWORD|GITHUB_TOKEN|CODE_SERVER_.*|VSCODE_.*|ELECTRON_.*|NODE_OPTIONS|npm_.*)$/i.test(k)) delete env[k];
  }
  Object.assign(env, {
    XDG_CONFIG_HOME: dir('xdg-config'), XDG_DATA_HOME: dir('xdg-data'),
    XDG_CACHE_HOME: dir('xdg-cache'), XDG_STATE_HOME: dir('xdg-state'),
    TMPDIR: dir('tmp'),
    E2E_RUN_ID: runId,
    EXTENSIONS_GALLERY: '{}', // no marketplace: nothing to reach on an offline machine
    ...extraEnv,
  });

  for (let attempt = 1; attempt <= 3; attempt++) {
    const port = fixedPort ?? await freePort(host);
    const fd = fs.openSync(logFile, attempt === 1 ? 'w' : 'a');
    const started = Date.now();
    const child = spawn(NODE24, [CODE_SERVER,
      '--bind-addr', `${host}:${port}`, '--auth', 'none', '--config', config,
      '--user-data-dir', userData, '--extensions-dir', dir('extensions'),
      '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
      '--disable-getting-started-override', '--disable-proxy', '--ignore-last-opened',
      '--reconnection-grace-time', '5',
      // Makes the workbench honour extensionDevelopmentPath / extensionTestsPath
      // in the ?payload= query and report back through window.codeAutomationExit.
      '--vscode-option', 'enable-smoke-test-driver',
    ], { env, detached: true, stdio: ['ignore', fd, fd] });
    fs.closeSync(fd);
    const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    const alive = () => child.exitCode === null && child.signalCode === null;
    const base = `http://${host}:${port}`;

    let stopping = null;
    const stop = () => (stopping ??= (async () => {
      if (alive()) {
        try { process.kill(-child.pid, 'SIGTERM'); } catch { /* already gone */ }
        const done = await Promise.race([exited.then(() => true), sleep(5000).then(() => false)]);
        if (!done) { try { process.kill(-child.pid, 'SIGKILL'); } catch { /* already gone */ } }
      }
      // Anything that left the group still carries the run id: kill it by pid.
      for (const pid of pidsWithRunId(runId)) { try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ } }
    })());

    const deadline = Date.now() + 90_000;
    while (Date.now() < deadline && alive()) {
      try {
        const res = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(2000) });
        if (res.ok) {
          say(`code-server ready on ${base} in ${((Date.now() - started) / 1000).toFixed(1)}s (pid ${child.pid})`);
          const remote = (p) => `vscode-remote://${host}:${port}${path.resolve(p)}`;
          return { base, port, child, exited, stop, remote };
        }
      } catch { /* not listening yet */ }
      await sleep(250);
    }
    const log = fs.readFileSync(logFile, 'utf8');
    await stop();
    if (!alive() && /EADDRINUSE/.test(log) && attempt < 3 && fixedPort === undefined) { say('port taken, retrying'); continue; }
    throw new Error(`code-server ${alive() ? 'did not answer /healthz in 90s' : `exited (${child.exitCode ?? child.signalCode})`}; last log lines:\n${log.split('\n').slice(-30).join('\n')}`);
  }
  throw new Error('could not start code-server');
}

/** The workbench URL: open `folder`, with the payload pairs' paths as vscode-remote URIs. */
export function workbenchUrl(srv, { folder, payload = [] }) {
  const q = new URLSearchParams();
  if (folder) q.set('folder', path.resolve(folder)); else q.set('ew', 'true');
  if (payload.length) q.set('payload', JSON.stringify(payload.map(([k, p]) => [k, srv.remote(p)])));
  return `${srv.base}/?${q}`;
}
