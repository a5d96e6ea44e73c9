#!/usr/bin/env node
// Docklens benchmark: our language server against the established ones, side by side, over stdio.
//
//   npm run bench                    build, then run everything and print the tables
//   npm run bench -- --write         … and update bench/README.md between the marker comments
//   node bench/run.mjs --sizes 1000,5000 --no-compose --quick      a short run while developing
//   node bench/run.mjs --help        every option (profiles, one server only, another server build)
//
// Every request has a timeout, a watchdog bounds the whole run, and every server process this script
// starts is killed on the way out (normal end, error, or signal). Nothing here is asserted: the
// targets are printed and checked in the README.
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { build } from 'esbuild';
import { yamlBrowserBuild } from '../scripts/yamlBuild.mjs';
import { generateCompose, generateDockerfile } from './generate.mjs';
import { cpuTime } from './inprocess.mjs';

const BENCH = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(BENCH, '..');
const OUT = join(BENCH, 'out');
const README = join(BENCH, 'README.md');
const MARK_START = '<!-- bench:results:start -->';
const MARK_END = '<!-- bench:results:end -->';

// ---------------------------------------------------------------------------------------------
// Options

function parseArgs(argv) {
  const opts = {
    write: false,
    quick: false,
    sizes: [1000, 5000, 20000, 100000],
    composeSizes: [50, 200, 1000],
    compose: true,
    dockerfile: true,
    servers: null,
    json: join(OUT, 'results.json'),
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--write') opts.write = true;
    else if (a === '--quick') opts.quick = true;
    else if (a === '--no-compose') opts.compose = false;
    else if (a === '--no-dockerfile') opts.dockerfile = false;
    else if (a === '--sizes') opts.sizes = argv[++i].split(',').map(Number);
    else if (a === '--compose-sizes') opts.composeSizes = argv[++i].split(',').map(Number);
    else if (a === '--servers') opts.servers = argv[++i].split(',');
    else if (a === '--profile') opts.profile = true;
    else if (a === '--server-script') opts.serverScript = resolve(argv[++i]);
    else if (a === '--as-client') opts.asClient = true;
    else if (a === '--node-args') opts.nodeArgs = argv[++i].split(' ').filter(Boolean);
    else if (a === '--help' || a === '-h') {
      console.log(
        'usage: node bench/run.mjs [--write] [--quick] [--sizes 1000,5000] [--compose-sizes 50,200] [--no-compose] [--no-dockerfile]\n' +
          '                          [--servers docklens,baseline] [--profile (V8 CPU profiles of the servers into bench/out/profiles)]\n' +
          '                          [--server-script FILE (another build of our server instead of dist/server.js, to compare)]\n' +
          '                          [--as-client (start our server with the node flags and environment the VS Code client gives it: client/src/serverExecArgv.ts)]\n' +
          '                          [--node-args "FLAGS" (more node flags for our server, to try them)]',
      );
      process.exit(0);
    } else {
      console.error(`unknown option ${a}`);
      process.exit(2);
    }
  }
  return opts;
}
const opts = parseArgs(process.argv.slice(2));

/**
 * How many samples per measurement: at most `max`, at least `min`, and no more than fit in the time
 * budget (the budget is checked between samples, so a slow server gets fewer samples, never a hang).
 */
const PLAN = opts.quick
  ? { budgetMs: 600, open: [3, 8], edit: [4, 10], hover: [5, 60], completion: [5, 60], symbols: [3, 10] }
  : { budgetMs: 2000, open: [3, 20], edit: [4, 30], hover: [5, 200], completion: [5, 200], symbols: [3, 30] };
const REQUEST_TIMEOUT_MS = 30_000;
const DIAGNOSTICS_TIMEOUT_MS = Number(process.env.BENCH_DIAGNOSTICS_TIMEOUT_MS) || 30_000;
const WATCHDOG_MS = 12 * 60_000;

// ---------------------------------------------------------------------------------------------
// Servers

const SERVERS = {
  dockerfile: [
    { id: 'docklens', label: 'Docklens', script: join(OUT, 'docklens-server.js'), languageId: 'dockerfile' },
    {
      id: 'baseline',
      label: 'dockerfile-language-server-nodejs',
      script: join(ROOT, 'node_modules', 'dockerfile-language-server-nodejs', 'lib', 'server.js'),
      languageId: 'dockerfile',
    },
  ],
  compose: [
    { id: 'docklens', label: 'Docklens', script: join(OUT, 'docklens-server.js'), languageId: 'dockercompose' },
    {
      id: 'baseline',
      label: '@microsoft/compose-language-service',
      // 0.4.0 (lib/) is pinned: 0.5 and 1.0 want Node >= 22, the README's Node is 20.
      script: ['dist/cjs/server.js', 'lib/server.js'].map((f) => join(ROOT, 'node_modules', '@microsoft', 'compose-language-service', f)).find((f) => existsSync(f)),
      languageId: 'dockercompose',
      // Its diagnostics are debounced by 1 s by default; 0 measures the work, not the debounce.
      initializationOptions: { diagnosticDelay: 0, telemetryAggregationInterval: 3_600_000 },
    },
  ],
};
function packageVersion(dir) {
  try {
    return JSON.parse(readFileSync(join(ROOT, 'node_modules', dir, 'package.json'), 'utf8')).version;
  } catch {
    return '?';
  }
}

const CLIENT_CAPABILITIES = {
  textDocument: {
    synchronization: { dynamicRegistration: false, didSave: false },
    publishDiagnostics: { versionSupport: true, relatedInformation: true },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    completion: {
      completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'], deprecatedSupport: true },
      contextSupport: true,
    },
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
  },
  // No workspace.configuration: both servers then validate with their defaults, without a round trip.
  workspace: {},
};

const live = new Set();

function killAll() {
  for (const child of live) {
    try {
      child.kill('SIGKILL');
    } catch {
      /* already gone */
    }
  }
  live.clear();
}
process.on('exit', killAll);
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    console.error(`\nbench: ${sig}, stopping the servers`);
    killAll();
    process.exit(130);
  });
}
const watchdog = setTimeout(() => {
  console.error(`bench: watchdog fired after ${WATCHDOG_MS / 1000} s; killing the servers`);
  killAll();
  process.exit(3);
}, WATCHDOG_MS);
watchdog.unref();

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timeout after ${ms} ms: ${what}`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** Node flags and environment our server is started with: none, as `node dist/server.js --stdio` runs it, or the VS Code client's (`--as-client`). */
let serverExecArgv = [];
let serverEnv = {};

class Session {
  constructor(server) {
    this.server = server;
    this.stderr = '';
    this.waiters = [];
    const nodeArgs = opts.profile ? ['--cpu-prof', `--cpu-prof-dir=${join(OUT, 'profiles')}`, `--cpu-prof-name=${server.id}-${Date.now()}.cpuprofile`] : [];
    if (server.id === 'docklens') nodeArgs.push(...serverExecArgv, ...(opts.nodeArgs ?? []));
    const env = server.id === 'docklens' ? { ...process.env, ...serverEnv } : process.env;
    this.child = spawn(process.execPath, [...nodeArgs, server.script, '--stdio'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'], env });
    live.add(this.child);
    this.exited = new Promise((res) => this.child.once('exit', (code, signal) => res({ code, signal })));
    this.exited.then(({ code, signal }) => {
      live.delete(this.child);
      const err = new Error(`${server.label} exited (code ${code}, signal ${signal})\n${this.stderr.slice(-2000)}`);
      for (const w of this.waiters.splice(0)) w.reject(err);
      this.dead = err;
    });
    this.child.stderr.on('data', (d) => {
      this.stderr = (this.stderr + d).slice(-8000);
    });
    this.child.stdin.on('error', () => {
      /* reported through the exit */
    });
    this.conn = createMessageConnection(new StreamMessageReader(this.child.stdout), new StreamMessageWriter(this.child.stdin));
    this.conn.onNotification((method, params) => {
      if (method !== 'textDocument/publishDiagnostics') return;
      for (const w of [...this.waiters]) {
        if (w.uri === params.uri && (params.version === undefined || params.version === null || params.version === w.version)) {
          this.waiters.splice(this.waiters.indexOf(w), 1);
          w.resolve(params.diagnostics);
        }
      }
    });
    this.conn.onRequest((method, params) => {
      if (method === 'workspace/configuration') return params.items.map(() => null);
      return null;
    });
    this.conn.onError(() => {
      /* the exit handler reports */
    });
    this.conn.listen();
  }

  async initialize() {
    const result = await this.request('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities: CLIENT_CAPABILITIES,
      initializationOptions: this.server.initializationOptions,
    });
    this.capabilities = result.capabilities ?? {};
    this.conn.sendNotification('initialized', {});
    return this.capabilities;
  }

  request(method, params, timeout = REQUEST_TIMEOUT_MS) {
    if (this.dead) return Promise.reject(this.dead);
    return withTimeout(this.conn.sendRequest(method, params), timeout, `${this.server.label} ${method}`);
  }

  /** Resolves with the next diagnostics for uri (at that version when the server says which). */
  diagnostics(uri, version) {
    if (this.dead) return Promise.reject(this.dead);
    let waiter;
    const p = new Promise((resolve, reject) => {
      waiter = { uri, version, resolve, reject };
      this.waiters.push(waiter);
    });
    return withTimeout(p, DIAGNOSTICS_TIMEOUT_MS, `${this.server.label} diagnostics for ${uri}`).finally(() => {
      const i = this.waiters.indexOf(waiter);
      if (i >= 0) this.waiters.splice(i, 1);
    });
  }

  notify(method, params) {
    if (this.dead) throw this.dead;
    this.conn.sendNotification(method, params);
  }

  /**
   * The server's main thread from /proc/<pid>/schedstat: nanoseconds on a CPU and nanoseconds spent
   * runnable but waiting for one. The first is the work, whatever else the machine is doing; the
   * second says how much of the measured latency was the machine being busy.
   */
  sched() {
    return readSchedstat(`/proc/${this.child.pid}/schedstat`);
  }

  /** Runs one request-like step and measures it: wall ms at the client, server CPU and wait ms. */
  async measure(step) {
    const a = this.sched();
    const t0 = performance.now();
    const result = await step();
    const ms = performance.now() - t0;
    const b = this.sched();
    return { ms, cpu: a && b ? (b[0] - a[0]) / 1e6 : NaN, wait: a && b ? (b[1] - a[1]) / 1e6 : NaN, result };
  }

  /** Peak resident set size (VmHWM) in MB, read from /proc. */
  peakRssMb() {
    try {
      const status = readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
      const m = /VmHWM:\s+(\d+)\s+kB/.exec(status);
      return m ? Number(m[1]) / 1024 : undefined;
    } catch {
      return undefined;
    }
  }

  async close() {
    if (!this.dead) {
      try {
        await this.request('shutdown', null, 3000);
        this.conn.sendNotification('exit');
      } catch {
        /* killed below */
      }
      await withTimeout(this.exited, 1500, 'exit').catch(() => undefined);
    }
    try {
      this.child.kill('SIGKILL');
    } catch {
      /* gone */
    }
    this.conn.dispose();
    live.delete(this.child);
  }
}

// ---------------------------------------------------------------------------------------------
// Measurement helpers

function readSchedstat(path) {
  try {
    const [run, wait] = readFileSync(path, 'utf8').trim().split(/\s+/).map(Number);
    return [run, wait];
  } catch {
    return undefined;
  }
}

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))];
}
function summary(samples, extra = {}) {
  const s = [...samples].sort((a, b) => a - b);
  return { n: s.length, p50: percentile(s, 50), p95: percentile(s, 95), min: s[0], max: s[s.length - 1], ...extra };
}
/** Summary of measurements ({ ms, cpu, wait }): wall percentiles, server CPU p50, share of time queued. */
function measured(list, extra = {}) {
  const wall = summary(list.map((m) => m.ms));
  const cpu = summary(list.map((m) => m.cpu));
  const totalWall = list.reduce((n, m) => n + m.ms, 0);
  const totalWait = list.reduce((n, m) => n + m.wait, 0);
  return { ...wall, cpuP50: cpu.p50, cpuP95: cpu.p95, queued: totalWall > 0 ? totalWait / totalWall : NaN, ...extra };
}

/** Runs `sample(i)` (which returns elapsed ms) between min and max times within the budget. */
async function sampled([min, max], sample) {
  const samples = [];
  const start = performance.now();
  for (let i = 0; i < max; i++) {
    if (i >= min && performance.now() - start > PLAN.budgetMs) break;
    samples.push(await sample(i));
  }
  return samples;
}

/** n picks spread evenly over the positions (in document order), visited in a scrambled order. */
function spread(positions, n) {
  if (positions.length === 0) return [];
  return Array.from({ length: n }, (_, i) => positions[Math.floor(((i * 7919) % n) * (positions.length / n))]);
}

function isEmptyAnswer(r) {
  if (r === null || r === undefined) return true;
  if (Array.isArray(r)) return r.length === 0;
  if (Array.isArray(r.items)) return r.items.length === 0;
  if (r.contents !== undefined) {
    const c = r.contents;
    if (typeof c === 'string') return c.length === 0;
    if (Array.isArray(c)) return c.length === 0;
    return !c.value;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Dockerfile runs

async function openAndWait(session, uri, languageId, text) {
  const wait = session.diagnostics(uri, 1);
  session.notify('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  return wait;
}

async function warmUp(session, languageId, doc, name) {
  const uri = `file:///bench/warmup/${session.server.id}/${name}`;
  await openAndWait(session, uri, languageId, doc.text);
  const caps = session.capabilities;
  for (const p of spread(doc.hover, 30)) {
    if (caps.hoverProvider) await session.request('textDocument/hover', { textDocument: { uri }, position: p });
    if (caps.completionProvider && doc.completion.length) {
      await session.request('textDocument/completion', { textDocument: { uri }, position: p });
    }
  }
  if (caps.documentSymbolProvider) await session.request('textDocument/documentSymbol', { textDocument: { uri } });
  session.notify('textDocument/didClose', { textDocument: { uri } });
}

/** open → diagnostics: a fresh document (new uri) each time, closed afterwards. */
async function measureOpens(session, server, key, name, text) {
  let diagnosticCount = 0;
  const list = await sampled(PLAN.open, async (i) => {
    const uri = `file:///bench/open/${server.id}/${key}/${i}/${name}`;
    const m = await session.measure(() => openAndWait(session, uri, server.languageId, text));
    diagnosticCount = m.result.length;
    session.notify('textDocument/didClose', { textDocument: { uri } });
    return m;
  });
  return { open: measured(list), diagnosticCount };
}

/** A request at varied positions; counts the non-empty answers so "fast because empty" shows. */
async function measurePositional(session, method, uri, positions, plan) {
  const picks = spread(positions, plan[1]);
  let answered = 0;
  const list = await sampled(plan, async (i) => {
    const m = await session.measure(() => session.request(method, { textDocument: { uri }, position: picks[i] }));
    if (!isEmptyAnswer(m.result)) answered++;
    return m;
  });
  return measured(list, { answered });
}

async function benchDockerfile(server, size, doc, warmDoc) {
  const session = new Session(server);
  const row = { server: server.id, label: server.label, size, lines: doc.lines, bytes: Buffer.byteLength(doc.text) };
  try {
    const caps = await session.initialize();
    row.capabilities = {
      hover: !!caps.hoverProvider,
      completion: !!caps.completionProvider,
      documentSymbol: !!caps.documentSymbolProvider,
    };
    await warmUp(session, server.languageId, warmDoc, 'Dockerfile');
    Object.assign(row, await measureOpens(session, server, size, 'Dockerfile', doc.text));

    // The document every other request is made against.
    const uri = `file:///bench/main/${server.id}/${size}/Dockerfile`;
    await openAndWait(session, uri, server.languageId, doc.text);
    row.hover = caps.hoverProvider ? await measurePositional(session, 'textDocument/hover', uri, doc.hover, PLAN.hover) : null;
    row.completion = caps.completionProvider
      ? await measurePositional(session, 'textDocument/completion', uri, doc.completion, PLAN.completion)
      : null;
    if (caps.documentSymbolProvider) {
      let responseBytes = 0;
      const list = await sampled(PLAN.symbols, async () => {
        const m = await session.measure(() => session.request('textDocument/documentSymbol', { textDocument: { uri } }));
        responseBytes = JSON.stringify(m.result ?? null).length;
        return m;
      });
      row.symbols = measured(list, { responseBytes });
    } else row.symbols = null;

    // edit → diagnostics: insert one character in the middle, then delete it, alternately.
    const at = doc.edit;
    let version = 1;
    const edits = await sampled(PLAN.edit, async (i) => {
      version++;
      const change =
        i % 2 === 0
          ? { range: { start: at, end: at }, text: 'x' }
          : { range: { start: at, end: { line: at.line, character: at.character + 1 } }, text: '' };
      const v = version;
      return session.measure(() => {
        const wait = session.diagnostics(uri, v);
        session.notify('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [change] });
        return wait;
      });
    });
    row.edit = measured(edits);
  } catch (err) {
    row.error = String(err?.message ?? err).split('\n')[0];
    console.error(`bench: ${server.label} at ${size} lines: ${err?.message ?? err}`);
  } finally {
    row.peakRssMb = session.peakRssMb();
    await session.close();
  }
  return row;
}

// ---------------------------------------------------------------------------------------------
// Compose runs

async function benchCompose(server, services, doc) {
  const session = new Session(server);
  const row = { server: server.id, label: server.label, services, lines: doc.lines, bytes: Buffer.byteLength(doc.text) };
  try {
    const caps = await session.initialize();
    row.capabilities = { hover: !!caps.hoverProvider };
    await warmUp(session, server.languageId, { ...generateCompose(20, 7), completion: [] }, 'compose.yaml');
    Object.assign(row, await measureOpens(session, server, services, 'compose.yaml', doc.text));
    const uri = `file:///bench/main/${server.id}/${services}/compose.yaml`;
    await openAndWait(session, uri, server.languageId, doc.text);
    row.hover = caps.hoverProvider ? await measurePositional(session, 'textDocument/hover', uri, doc.hover, PLAN.hover) : null;
  } catch (err) {
    row.error = String(err?.message ?? err).split('\n')[0];
    console.error(`bench: ${server.label} at ${services} services: ${err?.message ?? err}`);
  } finally {
    row.peakRssMb = session.peakRssMb();
    await session.close();
  }
  return row;
}

// ---------------------------------------------------------------------------------------------
// Raw parse throughput of our parser, in this process

async function bundle(name, contents) {
  mkdirSync(OUT, { recursive: true });
  const outfile = join(OUT, name);
  await build({
    stdin: { contents, resolveDir: ROOT, loader: 'ts', sourcefile: `bench-${name}.ts` },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node18',
    outfile,
    logLevel: 'silent',
    ...yamlBrowserBuild,
  });
  return import(`${pathToFileURL(outfile).href}?t=${Date.now()}`);
}

function loadParser() {
  return bundle(
    'parser.mjs',
    "export { parseDockerfile } from './server/src/dockerfile/parser/parser';\n" +
      "export { buildModel } from './server/src/dockerfile/parser/model';\n",
  );
}

/** The diagnostic rules, when they build (optional: the parse numbers do not depend on them). */
async function loadRules() {
  try {
    const rules = await bundle('rules.mjs', "export { runDiagnostics, RULES } from './server/src/dockerfile/services/diagnostics';\n");
    return typeof rules.runDiagnostics === 'function' ? rules : undefined;
  } catch (err) {
    console.error(`bench: diagnostic rules not measured in process: ${String(err?.message ?? err).split('\n')[0]}`);
    return undefined;
  }
}

/**
 * CPU time of all diagnostic rules on a parsed model (median of a few runs, a single run when one
 * takes over a second), and of each rule alone when `perRule` (sizes where that stays cheap), on
 * the same model afterwards.
 */
function benchRules(rules, parser, text, perRule) {
  const model = parser.buildModel(parser.parseDockerfile(text));
  let findings = 0;
  const first = cpuTime(() => (findings = rules.runDiagnostics(model).length));
  const runs = [first];
  const start = performance.now();
  while (first < 1000 && runs.length < 15 && performance.now() - start < (opts.quick ? 300 : 1500)) {
    runs.push(cpuTime(() => rules.runDiagnostics(model)));
  }
  const result = { rulesMs: summary(runs).p50, findings, rulesRuns: runs.length };
  if (perRule && Array.isArray(rules.RULES)) {
    const ctx = { model, host: { readFile: () => undefined } };
    result.perRule = {};
    for (const rule of rules.RULES) {
      try {
        result.perRule[rule.code] = summary([0, 1, 2].map(() => cpuTime(() => rule.check(ctx)))).p50;
      } catch {
        /* a rule that throws here is not timed */
      }
    }
  }
  return result;
}

/**
 * Parse time of our parser on one text: wall time (median and best of the runs) and the process's
 * CPU time (median), so a busy machine shows as a gap between the two rather than as a slow parser.
 */
function benchParse(parser, size, text) {
  const bytes = Buffer.byteLength(text);
  // process.cpuUsage (getrusage) is exact at the moment of the call; it includes V8's helper threads.
  const time = (fn) => {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    fn();
    const ms = performance.now() - t0;
    const c = process.cpuUsage(c0);
    return { ms, cpu: (c.user + c.system) / 1000 };
  };
  for (let i = 0; i < 3; i++) parser.parseDockerfile(text);
  const parse = [];
  const model = [];
  const start = performance.now();
  const budget = opts.quick ? 300 : 1500;
  let problems = 0;
  while (parse.length < 5 || (parse.length < 50 && performance.now() - start < budget)) {
    let ast;
    parse.push(time(() => (ast = parser.parseDockerfile(text))));
    model.push(time(() => parser.buildModel(ast)));
    problems = ast.problems.length;
  }
  const wall = summary(parse.map((t) => t.ms));
  const cpu = summary(parse.map((t) => t.cpu));
  return {
    size,
    bytes,
    runs: wall.n,
    parseMs: wall.p50,
    parseBestMs: wall.min,
    parseCpuMs: cpu.p50,
    modelMs: summary(model.map((t) => t.cpu)).p50,
    // Throughput from the CPU time: what the parser costs, independent of other load on the machine.
    mbPerS: bytes / 1e6 / (cpu.p50 / 1000),
    nsPerByte: (cpu.p50 * 1e6) / bytes,
    problems,
  };
}

// ---------------------------------------------------------------------------------------------
// Formatting

function fmtMs(v) {
  if (v === undefined || v === null || Number.isNaN(v)) return 'n/a';
  if (v < 10) return v.toFixed(2);
  if (v < 100) return v.toFixed(1);
  return Math.round(v).toString();
}
function cell(s, reason) {
  if (!s) return reason ?? 'n/a';
  return `${fmtMs(s.p50)} / ${fmtMs(s.p95)}`;
}
function sizeLabel(n) {
  return n >= 1000 && n % 1000 === 0 ? `${n / 1000}k` : String(n);
}
function table(header, rows) {
  const lines = [`| ${header.join(' | ')} |`, `|${header.map((h, i) => (i < 2 ? ' --- ' : ' ---: ')).join('|')}|`];
  for (const r of rows) lines.push(`| ${r.join(' | ')} |`);
  return lines.join('\n');
}

function machine() {
  const cpuinfo = existsSync('/proc/cpuinfo') ? readFileSync('/proc/cpuinfo', 'utf8') : '';
  const cpu = /model name\s*:\s*(.+)/.exec(cpuinfo)?.[1]?.trim() ?? os.cpus()[0]?.model ?? '?';
  let nproc = os.availableParallelism?.() ?? os.cpus().length;
  try {
    nproc = Number(execFileSync('nproc', { encoding: 'utf8' }).trim()) || nproc;
  } catch {
    /* keep the os value */
  }
  let commit = '?';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'server', 'scripts'], { cwd: ROOT, encoding: 'utf8' }).trim();
    if (dirty) commit += ' (server/ has uncommitted changes)';
  } catch {
    /* not a git checkout */
  }
  return {
    nproc,
    cpu,
    memoryGiB: os.totalmem() / 1024 ** 3,
    node: process.version,
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    commit,
  };
}

/** The order a row's measurements are taken in: after an error, the first missing one failed. */
const DOCKERFILE_ORDER = ['open', 'hover', 'completion', 'symbols', 'edit'];
function opCell(r, key, order = DOCKERFILE_ORDER) {
  if (r[key]) return cell(r[key]);
  if (!r.error) return 'n/a';
  const failed = order.find((k) => r[k] === undefined);
  if (key !== failed) return 'not run';
  return /timeout/.test(r.error) ? `timeout (> ${Math.round((/diagnostics/.test(r.error) ? DIAGNOSTICS_TIMEOUT_MS : REQUEST_TIMEOUT_MS) / 1000)} s)` : 'error';
}
const who = (r) => (r.server === 'docklens' ? 'Docklens' : 'baseline');
const serverCell = (r) => (r.server === 'docklens' ? '**Docklens**' : r.label);
const cpuCell = (s) => (s ? fmtMs(s.cpuP50) : 'n/a');
const queuedOf = (r, keys) => {
  const parts = keys.map((k) => r[k]).filter(Boolean);
  const wall = parts.reduce((n, s) => n + s.queued * s.n, 0);
  const n = parts.reduce((k, s) => k + s.n, 0);
  return n ? `${Math.round((100 * wall) / n)}%` : 'n/a';
};

function report(results) {
  const out = [];
  const m = results.machine;
  out.push(
    `Machine: ${m.nproc} cores (nproc), ${m.cpu}, ${m.memoryGiB.toFixed(1)} GiB RAM, Node ${m.node}; ` +
      `load average ${results.load.start} at the start, ${results.load.end} at the end. ` +
      `Run: ${m.date}, commit ${m.commit}${results.quick ? ', --quick' : ''}, ${Math.round(results.totalSeconds)} s. ` +
      `Baselines: dockerfile-language-server-nodejs ${results.versions.dockerfile}, ` +
      `@microsoft/compose-language-service ${results.versions.compose}.`,
  );
  out.push('');

  if (results.dockerfile.length) {
    out.push('### Dockerfile: latency at the client over stdio (ms, p50 / p95)');
    out.push('');
    const rows = results.dockerfile.map((r) => [
      `${sizeLabel(r.size)} (${(r.bytes / 1024).toFixed(0)} KiB)`,
      serverCell(r),
      opCell(r, 'open'),
      opCell(r, 'edit'),
      opCell(r, 'hover'),
      opCell(r, 'completion'),
      opCell(r, 'symbols'),
      r.peakRssMb ? `${Math.round(r.peakRssMb)} MB` : 'n/a',
    ]);
    out.push(table(['lines', 'server', 'open → diagnostics', 'edit → diagnostics', 'hover', 'completion', 'documentSymbol', 'peak RSS'], rows));
    out.push('');
    const cpuRows = results.dockerfile
      .filter((r) => r.open)
      .map((r) => [
        sizeLabel(r.size),
        serverCell(r),
        cpuCell(r.open),
        cpuCell(r.edit),
        cpuCell(r.hover),
        cpuCell(r.completion),
        cpuCell(r.symbols),
        queuedOf(r, ['open', 'edit', 'hover', 'completion', 'symbols']),
      ]);
    if (cpuRows.length) {
      out.push('### Dockerfile: server main-thread CPU per operation (ms, p50) and share of the time spent waiting for a CPU');
      out.push('');
      out.push(table(['lines', 'server', 'open', 'edit', 'hover', 'completion', 'documentSymbol', 'runnable but queued'], cpuRows));
      out.push('');
    }
    const failed = results.dockerfile.filter((r) => r.error);
    for (const r of failed) out.push(`${r.label} at ${sizeLabel(r.size)} lines: ${r.error}; the rest of its row was not run.`);
    const ok = results.dockerfile.filter((r) => !r.error);
    if (ok.length) out.push(
      `Samples (open/edit/hover/completion/symbols): ${ok
        .map((r) => `${who(r)} ${sizeLabel(r.size)} ${[r.open, r.edit, r.hover, r.completion, r.symbols].map((s) => (s ? s.n : '-')).join('/')}`)
        .join('; ')}.`,
    );
    const answered = ok
      .filter((r) => r.hover || r.completion)
      .map(
        (r) =>
          `${who(r)} ${sizeLabel(r.size)} ` +
          [r.hover ? `hover ${r.hover.answered}/${r.hover.n}` : null, r.completion ? `completion ${r.completion.answered}/${r.completion.n}` : null]
            .filter(Boolean)
            .join(', '),
      );
    if (answered.length) out.push(`Non-empty answers: ${answered.join('; ')}.`);
    const sizes = ok.filter((r) => r.symbols?.responseBytes);
    if (sizes.length) {
      out.push(`documentSymbol response size: ${sizes.map((r) => `${who(r)} ${sizeLabel(r.size)} ${(r.symbols.responseBytes / 1e6).toFixed(2)} MB`).join('; ')}.`);
    }
    if (ok.length) out.push(`Diagnostics on the generated file: ${ok.map((r) => `${who(r)} ${sizeLabel(r.size)} ${r.diagnosticCount}`).join('; ')}.`);
    out.push('');
  }

  if (results.parse.length) {
    out.push('### Dockerfile: raw parse throughput of our parser, and the diagnostic rules (in process)');
    out.push('');
    const base = results.parse[0];
    const rows = results.parse.map((p) => [
      sizeLabel(p.size),
      `${(p.bytes / 1024).toFixed(0)} KiB`,
      `${fmtMs(p.parseMs)} / ${fmtMs(p.parseBestMs)}`,
      fmtMs(p.parseCpuMs),
      p.mbPerS.toFixed(1),
      p.nsPerByte.toFixed(0),
      `${(p.nsPerByte / base.nsPerByte).toFixed(2)}×`,
      fmtMs(p.modelMs),
      String(p.runs),
      p.rulesMs === undefined ? 'n/a' : `${fmtMs(p.rulesMs)} (${p.findings} findings)`,
      p.rulesMs === undefined ? 'n/a' : `${((p.rulesMs * 1e6) / p.bytes / ((base.rulesMs * 1e6) / base.bytes)).toFixed(2)}×`,
    ]);
    out.push(
      table(
        [
          'lines',
          'size',
          'parse wall ms (median / best)',
          'parse CPU ms',
          'MB/s (CPU)',
          'ns/byte',
          `cost per byte vs ${sizeLabel(base.size)}`,
          'stage model CPU ms',
          'runs',
          'all rules CPU ms',
          `rules cost per byte vs ${sizeLabel(base.size)}`,
        ],
        rows,
      ),
    );
    out.push('');
    // The rules that cost the most at the largest size they were timed alone at.
    const timed = results.parse.filter((p) => p.perRule);
    if (timed.length) {
      const last = timed[timed.length - 1];
      const top = Object.entries(last.perRule)
        .sort((a, b) => b[1] - a[1])
        .slice(0, 6)
        .map(([code]) => code);
      out.push(
        'Costliest rules, each run alone on a model the full set has already run on (CPU ms, median of 3; ' +
          'per-model caches are warm, so this is what each rule adds):',
      );
      out.push('');
      out.push(table(['rule', ...timed.map((p) => sizeLabel(p.size)), `growth ${sizeLabel(timed[0].size)} → ${sizeLabel(last.size)} (size ×${(last.size / timed[0].size).toFixed(0)})`], top.map((code) => [
        code,
        ...timed.map((p) => fmtMs(p.perRule[code])),
        `×${(last.perRule[code] / Math.max(timed[0].perRule[code], 0.01)).toFixed(0)}`,
      ])));
      out.push('');
    }
  }

  if (results.compose.length) {
    out.push('### Compose: latency at the client (ms, p50 / p95) and server CPU (ms, p50)');
    out.push('');
    const na = 'n/a (not served yet)';
    const rows = results.compose.map((r) => [
      `${r.services} (${r.lines} lines)`,
      serverCell(r),
      r.notServed ? na : opCell(r, 'open', ['open', 'hover']),
      r.notServed ? na : opCell(r, 'hover', ['open', 'hover']),
      r.error || r.notServed ? '' : `${cpuCell(r.open)} / ${cpuCell(r.hover)}`,
      r.peakRssMb ? `${Math.round(r.peakRssMb)} MB` : 'n/a',
      r.error || r.notServed ? '' : String(r.diagnosticCount),
    ]);
    out.push(table(['services', 'server', 'open → diagnostics', 'hover', 'CPU open / hover', 'peak RSS', 'diagnostics'], rows));
    out.push('');
    const answered = results.compose.filter((r) => r.hover && !r.notServed).map((r) => `${who(r)} ${r.services}: ${r.hover.answered}/${r.hover.n}`);
    if (answered.length) {
      out.push(`Non-empty hover answers: ${answered.join('; ')}.`);
      out.push('');
    }
  }

  out.push('### Targets (Docklens; latency targets judged on the wall-clock p50, CPU shown beside)');
  out.push('');
  out.push(
    table(
      ['target', 'measured', 'met (wall clock)', 'met (server CPU)'],
      targets(results).map((t) => [t.name, t.measured, yesNo(t.met), yesNo(t.metCpu)]),
    ),
  );
  return out.join('\n');
}

const yesNo = (v) => (v === undefined ? 'n/a' : v ? 'yes' : '**no**');

function targets(results) {
  const ours = (size) => results.dockerfile.find((r) => r.server === 'docklens' && r.size === size && r.open && r.edit);
  const list = [];
  if (results.parse.length >= 2) {
    const spread = (values) => Math.max(...values) / Math.min(...values);
    const per = results.parse.map((p) => p.nsPerByte);
    const perWall = results.parse.map((p) => (p.parseBestMs * 1e6) / p.bytes);
    list.push({
      name: `parsing linear in size (time per byte varies < 2× from ${sizeLabel(results.parse[0].size)} to ${sizeLabel(results.parse[results.parse.length - 1].size)} lines)`,
      measured:
        `CPU ${per.map((v) => v.toFixed(0)).join(' / ')} ns/byte (spread ${spread(per).toFixed(2)}×); ` +
        `best wall ${perWall.map((v) => v.toFixed(0)).join(' / ')} ns/byte (spread ${spread(perWall).toFixed(2)}×)`,
      met: spread(perWall) < 2,
      metCpu: spread(per) < 2,
    });
  }
  const r5 = ours(5000);
  const both = (s) => `${fmtMs(s.p50)} ms (CPU ${fmtMs(s.cpuP50)} ms)`;
  list.push({ name: '5k lines: open → diagnostics p50 < 50 ms', measured: r5 ? both(r5.open) : 'not run', met: r5 ? r5.open.p50 < 50 : undefined, metCpu: r5 ? r5.open.cpuP50 < 50 : undefined });
  list.push({ name: '5k lines: edit → diagnostics p50 < 20 ms', measured: r5 ? both(r5.edit) : 'not run', met: r5 ? r5.edit.p50 < 20 : undefined, metCpu: r5 ? r5.edit.cpuP50 < 20 : undefined });
  for (const size of [5000, 20000]) {
    const r = ours(size);
    for (const what of ['hover', 'completion']) {
      const s = r?.[what];
      list.push({
        name: `${sizeLabel(size)} lines: ${what} p50 < 1 ms`,
        measured: !r ? 'not run' : s ? `${both(s)}${s.answered === 0 ? ', every answer empty' : ''}` : 'not offered',
        met: s ? s.p50 < 1 : undefined,
        metCpu: s ? s.cpuP50 < 1 : undefined,
      });
    }
  }
  return list;
}

function loadAverage() {
  try {
    return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  } catch {
    return os.loadavg().map((v) => v.toFixed(2)).join(' ');
  }
}

function writeReadme(text) {
  const block = `${MARK_START}\n${text}\n${MARK_END}`;
  let readme = existsSync(README) ? readFileSync(README, 'utf8') : '';
  const a = readme.indexOf(MARK_START);
  const b = readme.indexOf(MARK_END);
  if (a >= 0 && b > a) readme = readme.slice(0, a) + block + readme.slice(b + MARK_END.length);
  else readme = `${readme ? `${readme.trimEnd()}\n\n` : '# Benchmark\n\n'}## Results\n\n${block}\n`;
  writeFileSync(README, readme);
}

// ---------------------------------------------------------------------------------------------
// Main

async function main() {
  const dist = opts.serverScript ?? join(ROOT, 'dist', 'server.js');
  if (!existsSync(dist)) throw new Error(`${dist} is missing: run \`npm run build\` (or \`npm run bench\`) first`);
  // Run a snapshot of the build: every server of the run is then the same code, even if dist/ is
  // rebuilt while the bench runs (the bundle reads no files relative to itself).
  mkdirSync(OUT, { recursive: true });
  copyFileSync(dist, join(OUT, 'docklens-server.js'));
  if (opts.asClient) ({ SERVER_EXEC_ARGV: serverExecArgv, SERVER_ENV: serverEnv } = await bundle('serverExecArgv.mjs', "export { SERVER_EXEC_ARGV, SERVER_ENV } from './client/src/serverExecArgv';"));
  const pick = (list) => list.filter((s) => !opts.servers || opts.servers.includes(s.id));
  const results = {
    machine: machine(),
    serverNodeArgs: [...serverExecArgv, ...(opts.nodeArgs ?? [])],
    serverEnv,
    quick: opts.quick,
    versions: { dockerfile: packageVersion('dockerfile-language-server-nodejs'), compose: packageVersion('@microsoft/compose-language-service') },
    load: { start: loadAverage() },
    parse: [],
    dockerfile: [],
    compose: [],
  };
  const t0 = performance.now();

  if (opts.dockerfile) {
    const docs = new Map(opts.sizes.map((size) => [size, generateDockerfile(size)]));
    const warmDoc = generateDockerfile(300, 42);
    mkdirSync(OUT, { recursive: true });
    for (const [size, doc] of docs) writeFileSync(join(OUT, `generated-${sizeLabel(size)}.Dockerfile`), doc.text);

    const parser = await loadParser();
    const rules = await loadRules();
    for (const [size, doc] of docs) {
      const p = benchParse(parser, size, doc.text);
      if (rules) Object.assign(p, benchRules(rules, parser, doc.text, size <= 20000));
      results.parse.push(p);
      console.error(
        `parse ${sizeLabel(size)}: wall ${fmtMs(p.parseMs)} ms, CPU ${fmtMs(p.parseCpuMs)} ms, ${p.mbPerS.toFixed(1)} MB/s, ${p.problems} problems` +
          (p.rulesMs !== undefined ? `; rules CPU ${fmtMs(p.rulesMs)} ms, ${p.findings} findings` : ''),
      );
    }

    for (const [size, doc] of docs) {
      for (const server of pick(SERVERS.dockerfile)) {
        const s0 = performance.now();
        const row = await benchDockerfile(server, size, doc, warmDoc);
        results.dockerfile.push(row);
        console.error(
          `dockerfile ${sizeLabel(size)} ${server.id}: open ${cell(row.open)} (cpu ${cpuCell(row.open)}), edit ${cell(row.edit)} (cpu ${cpuCell(row.edit)}), hover ${cell(row.hover)}, ` +
            `completion ${cell(row.completion)}, symbols ${cell(row.symbols)}, rss ${row.peakRssMb?.toFixed(0)} MB ` +
            `(${((performance.now() - s0) / 1000).toFixed(1)} s)`,
        );
      }
    }
  }

  if (opts.compose) {
    for (const services of opts.composeSizes) {
      const doc = generateCompose(services);
      mkdirSync(OUT, { recursive: true });
      writeFileSync(join(OUT, `generated-${services}.compose.yaml`), doc.text);
      for (const server of pick(SERVERS.compose)) {
        const s0 = performance.now();
        const row = await benchCompose(server, services, doc);
        // Our server answers every language with (possibly empty) diagnostics; it serves Compose when
        // it reports the deliberate mistake in the file or answers a hover.
        if (server.id === 'docklens' && !row.error && row.diagnosticCount === 0 && !(row.hover && row.hover.answered > 0)) row.notServed = true;
        results.compose.push(row);
        console.error(
          `compose ${services} ${server.id}: open ${cell(row.open)}, hover ${cell(row.hover)}, diagnostics ${row.diagnosticCount}, ` +
            `rss ${row.peakRssMb?.toFixed(0)} MB${row.notServed ? ' (not served)' : ''} (${((performance.now() - s0) / 1000).toFixed(1)} s)`,
        );
      }
    }
  }

  results.totalSeconds = (performance.now() - t0) / 1000;
  results.load.end = loadAverage();
  writeFileSync(opts.json, JSON.stringify(results, null, 2));
  const text = report(results);
  console.log(text);
  console.log(`\n(raw numbers in ${opts.json.replace(ROOT + '/', '')})`);
  if (opts.write) {
    writeReadme(text);
    console.log(`updated ${README.replace(ROOT + '/', '')}`);
  }
}

main()
  .catch((err) => {
    console.error(`bench: ${err?.stack ?? err}`);
    process.exitCode = 1;
  })
  .finally(() => {
    killAll();
    clearTimeout(watchdog);
  });
