#!/usr/bin/env node
// Runs Docklens' editor tests in a real VS Code workbench (code-server from
// npm, driven by Debian's Chromium through playwright-core):
//   1. the extension-host suite (test/e2e/suite, the run() contract of
//      @vscode/test-electron), with the repository root as the extension
//      under development and test/e2e/workspace as the folder;
//   2. a UI smoke test (test/e2e/ui/smoke.mjs) that looks at the screen.
// Installs nothing: run test/e2e/install-tools.mjs and `npm run build` first
// (`npm run test:e2e` does all three).
//
// Options: --no-ui | --ui-only, --grep <text> (suite tests to run), --ui <check of ui/, default smoke>,
//          --extension <dir> (the extension under test, default the repo root),
//          --timeout <s per phase, default 300>, --keep (keep temp dir), --verbose
// Exit: 0 all passed; 1 a test or check failed, or a phase timed out;
//       2 missing prerequisite; 129/130/143 interrupted (after cleanup).
// Last line: "e2e: N passed, M failed".
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import util, { parseArgs } from 'node:util';
import { bundleSuite } from './lib/bundle.mjs';
import { startCodeServer, workbenchUrl } from './lib/codeServer.mjs';
import { ARTIFACTS, CHROMIUM, CODE_SERVER, E2E_DIR, NODE24, ROOT, SUITE_OUT, TOOLS_DIR, WORKSPACE } from './lib/paths.mjs';

const { values: opt } = parseArgs({
  options: {
    'no-ui': { type: 'boolean', default: false },
    'ui-only': { type: 'boolean', default: false },
    grep: { type: 'string' },
    // Which UI check of ui/ to run (smoke, locale); a check may export `settings` for the workbench.
    ui: { type: 'string', default: 'smoke' },
    extension: { type: 'string', default: ROOT },
    timeout: { type: 'string', default: '300' },
    keep: { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
  },
});
const runSuite = !opt['ui-only'];
const runUi = !opt['no-ui'];
const TIMEOUT_MS = Number(opt.timeout) * 1000;
const EXTENSION = path.resolve(opt.extension);

const T0 = Date.now();
const secs = (t = T0) => ((Date.now() - t) / 1000).toFixed(1);
const say = (m) => console.log(`[e2e +${secs()}s] ${m}`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
// Workbench chatter expected on an offline machine (shown with --verbose).
const NOISE = /ENOTFOUND|Creating a socket|connection token|\[reconnection-grace-time\]|\[Service Worker\]|\[AgentHost|\[AccountPolicyGate\]|builtin extensions cache|additional builtin extensions from gallery|\[lifecycle\] Long running|^Canceled: Canceled|^Creation of workbench contribution '[^']*' took \d+ms|authentication provider 'github'/;
/**
 * Errors of the workbench itself: a message whose stack frames all point into the browser's
 * workbench bundle (`.../static/out/vs/...`), none into an extension (`Aborted
 * onWillSaveTextDocument-event after 1750ms`, timeouts of built-in providers).
 */
function workbenchError(line) {
  const frames = line.split('\n').filter((l) => /^\s+at /.test(l));
  return frames.length > 0 && frames.every((f) => /\/static\/out\/vs\//.test(f));
}

// ------------------------------------------------------------ prerequisites
const missing = [
  ['Node 24 (run: node test/e2e/install-tools.mjs)', NODE24],
  ['code-server (run: node test/e2e/install-tools.mjs)', CODE_SERVER],
  ['chromium (run: node test/e2e/install-tools.mjs)', CHROMIUM],
  ['the built client (run: npm run build)', path.join(EXTENSION, 'dist', 'client.js')],
  ['the built server (run: npm run build)', path.join(EXTENSION, 'dist', 'server.js')],
].filter(([, p]) => !fs.existsSync(p));
if (missing.length) {
  for (const [what, p] of missing) console.error(`[e2e] missing ${what}: ${p}`);
  console.log('e2e: 0 passed, 1 failed');
  process.exit(2);
}
const { chromium } = createRequire(path.join(TOOLS_DIR, 'package.json'))('playwright-core');

const RUN_ID = `docklens-e2e-${process.pid}-${crypto.randomBytes(4).toString('hex')}`;
const TMP = fs.mkdtempSync(path.join(os.tmpdir(), 'docklens-e2e-'));
fs.mkdirSync(ARTIFACTS, { recursive: true });
const SERVER_LOG = path.join(ARTIFACTS, 'code-server.log');
for (const f of fs.readdirSync(ARTIFACTS)) if (f.endsWith('.png')) fs.rmSync(path.join(ARTIFACTS, f)); // no stale screenshots

let srv = null;
let browser = null;
let cleaning = null;
function cleanup() {
  cleaning ??= (async () => {
    if (browser) await Promise.race([browser.close().catch(() => {}), sleep(10_000)]);
    if (srv) await srv.stop();
    // The server side's logs (extension host, the Docklens output channel).
    const logs = path.join(TMP, 'user-data', 'logs');
    if (fs.existsSync(logs)) {
      fs.rmSync(path.join(ARTIFACTS, 'server-logs'), { recursive: true, force: true });
      fs.cpSync(logs, path.join(ARTIFACTS, 'server-logs'), { recursive: true });
    }
    fs.rmSync(path.join(SUITE_OUT, RUN_ID), { recursive: true, force: true });
    if (!opt.keep) fs.rmSync(TMP, { recursive: true, force: true });
    else say(`kept ${TMP}`);
  })();
  return cleaning;
}
for (const [sig, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]]) {
  process.on(sig, () => { say(`${sig}: cleaning up`); cleanup().finally(() => process.exit(code)); });
}

async function newPage() {
  browser ??= await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    timeout: 60_000,
    // Root needs --no-sandbox; the rest keeps Chromium off the (closed) network.
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--disable-quic', '--disable-features=Translate,MediaRouter'],
  });
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  if (opt.verbose) {
    page.on('pageerror', (e) => console.log(`[page error] ${e.message}`));
    page.on('console', (m) => console.log(`[browser ${m.type()}] ${m.text()}`));
  }
  return page;
}

// ------------------------------------------------------------ the suite
const counts = { passed: 0, failed: 0, pending: 0 };
const failedNames = [];
let epilogue = false;

async function runExtensionTests(testsModule) {
  const page = await newPage();
  let finished = false;
  let reportExit;
  const exitReported = new Promise((r) => { reportExit = r; });
  // The workbench sends every extension-host log line here (mocha's reporter
  // included), as console-style arguments: a format string and its values.
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    // Without escape codes: with CI=true, mocha's symbols arrive coloured.
    const line = util.format(...(Array.isArray(args) ? args : [args])).replace(/\x1b\[[0-9;]*m/g, '');
    if (!opt.verbose && (finished || NOISE.test(line) || workbenchError(line) || line.trim() === '')) return;
    const m = /^\s*(\d+) (passing|failing|pending)\b/.exec(line);
    if (m) { counts[{ passing: 'passed', failing: 'failed', pending: 'pending' }[m[2]]] += Number(m[1]); epilogue = true; }
    const f = !epilogue && /^\s+\d+\) (.*)$/.exec(line); // a failing test in spec's list
    if (f) failedNames.push(f[1]);
    (type === 'error' ? console.error : console.log)(line);
  });
  await page.exposeFunction('codeAutomationExit', (code, logs) => {
    for (const l of Array.isArray(logs) ? logs : []) {
      if (!l?.relativePath) continue;
      const dest = path.join(ARTIFACTS, 'vscode-logs', l.relativePath);
      fs.mkdirSync(path.dirname(dest), { recursive: true });
      fs.writeFileSync(dest, l.contents ?? '');
    }
    finished = true;
    reportExit(code);
  });
  const url = workbenchUrl(srv, {
    folder: WORKSPACE,
    payload: [['extensionDevelopmentPath', EXTENSION], ['extensionTestsPath', testsModule]],
  });
  const t = Date.now();
  say('opening the workbench with the extension and the suite');
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
  try {
    const code = await Promise.race([
      exitReported,
      srv.exited.then(({ code: c }) => { throw new Error(`code-server died (exit ${c}) during the suite`); }),
      sleep(TIMEOUT_MS).then(() => { throw new Error(`the suite did not finish in ${opt.timeout}s`); }),
    ]);
    say(`suite finished with exit code ${code} in ${secs(t)}s`);
    return code;
  } catch (e) {
    await page.screenshot({ path: path.join(ARTIFACTS, 'suite-timeout.png') }).catch(() => {});
    throw e;
  } finally {
    await page.context().close().catch(() => {});
  }
}

// ------------------------------------------------------------ the UI smoke test
async function runUiCheck(modulePath) {
  const page = await newPage();
  // A check may install extensions beside Docklens (`extensions`: folders, copied into code-server's
  // extensions folder as publisher.name-version; the workbench takes one development path only) and
  // open another file (`openFile`).
  const spec = await import(pathToFileURL(modulePath).href);
  for (const dir of spec.extensions ?? []) {
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
    fs.cpSync(dir, path.join(TMP, 'extensions', `${manifest.publisher}.${manifest.name}-${manifest.version}`), { recursive: true });
  }
  const url = workbenchUrl(srv, {
    folder: WORKSPACE,
    payload: [['extensionDevelopmentPath', EXTENSION], ['openFile', path.join(WORKSPACE, spec.openFile ?? 'Dockerfile')]],
  });
  const t = Date.now();
  say('opening the workbench for the UI smoke test');
  try {
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    say(`workbench visible in ${secs(t)}s`);
    const check = await import(pathToFileURL(modulePath).href);
    await Promise.race([
      check.default({ page, out: ARTIFACTS, log: say, settingsFile: path.join(TMP, 'user-data', 'User', 'settings.json') }),
      sleep(TIMEOUT_MS).then(() => { throw new Error(`the UI smoke test did not finish in ${opt.timeout}s`); }),
    ]);
    say(`UI smoke test passed in ${secs(t)}s`);
    return true;
  } catch (e) {
    console.error(`[e2e] UI smoke test failed: ${e?.message ?? e}`);
    await page.screenshot({ path: path.join(ARTIFACTS, 'ui-failure.png') }).catch(() => {});
    return false;
  } finally {
    await page.context().close().catch(() => {});
  }
}

// ------------------------------------------------------------ main
let exitCode = 1;
try {
  say(`run ${RUN_ID}; tools ${TOOLS_DIR}; artifacts ${ARTIFACTS}`);
  const testsModule = runSuite ? await bundleSuite(RUN_ID) : null;
  const uiModule = path.join(E2E_DIR, 'ui', `${opt.ui}.mjs`);
  const uiSettings = runUi ? (await import(pathToFileURL(uiModule).href)).settings ?? {} : {};
  srv = await startCodeServer({
    tmp: TMP, runId: RUN_ID, logFile: SERVER_LOG, say, settings: uiSettings,
    env: opt.grep ? { E2E_GREP: opt.grep } : {},
  });
  let failed = false;
  if (runSuite) {
    const code = await runExtensionTests(testsModule);
    if (code !== 0) {
      failed = true;
      if (counts.failed === 0) counts.failed = 1; // run() rejected before mocha counted anything
    }
  }
  if (runUi) {
    const ok = await runUiCheck(uiModule);
    counts[ok ? 'passed' : 'failed']++;
    if (!ok) { failed = true; failedNames.push('UI smoke test'); }
  }
  exitCode = failed ? 1 : 0;
} catch (e) {
  console.error(`[e2e] ERROR: ${e?.stack ?? e}`);
  exitCode = 1;
} finally {
  await cleanup();
}
say(`done, exit ${exitCode}; logs in ${path.relative(ROOT, ARTIFACTS)}/ (code-server.log, server-logs/, vscode-logs/)`);
if (counts.pending) say(`${counts.pending} test(s) pending`);
for (const name of failedNames) say(`failed: ${name}`);
console.log(`e2e: ${counts.passed} passed, ${exitCode && !counts.failed ? 1 : counts.failed} failed`);
process.exit(exitCode);
