#!/usr/bin/env node
// The first open of a large Compose file over stdio, with the server's CPU split by thread: the
// main thread (what bench/run.mjs reports as server CPU: /proc/<pid>/schedstat is the main task's)
// and the others (V8's GC helpers and compiler threads, about as much again on a first open).
// Same sequence as run.mjs: a 20-service document, 30 hovers on it, then the large text under a new
// URI (first open), a hover on one of its services, then the text under another URI (second open:
// the parse is reused). Several server builds alternate, so a busy machine weighs on each alike
// (issue 16, bench/README.md).
//
//   node bench/compose-first-open.mjs [--services 1000] [--runs 3] [--idle 3000] [--edits 0] [--profile DIR] [SERVER.js ...]
//
// --edits N: after the second open, N edits of the first document, each a character typed into (then
// deleted from) an environment value of the middle service as a ranged change, each waiting for its
// diagnostics: the main thread's CPU per edit, p50 / max (a Compose edit, issue 16; /proc counts in
// 10 ms ticks, so single edits are coarse: take the p50 of many).
//
// --profile DIR: each server runs with --cpu-prof into DIR and ends with shutdown/exit (so the
// profile is written); DIR/<name>.windows.json holds the first open's window in the profile's clock
// (CLOCK_MONOTONIC, microseconds): `node bench/profileWindow.mjs DIR/<name>.cpuprofile` sums it.
// The first open's wall-clock time (didOpen sent -> its diagnostics received) is shown beside its CPU.
// The server's peak RSS (VmHWM) at the end of the sequence, and its RSS after --settle ms more of
// quiet (default 0: not measured), in MB: what a larger young generation or a kept parse costs.
// --idle: milliseconds to wait before the large open (the server's idle warm-up runs then; 0 opens
// the large file while it runs). Without SERVER.js arguments, dist/server.js.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { generateCompose } from './generate.mjs';

const { values: opt, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    services: { type: 'string', default: '1000' },
    runs: { type: 'string', default: '3' },
    idle: { type: 'string', default: '3000' },
    edits: { type: 'string', default: '0' },
    settle: { type: 'string', default: '0' },
    profile: { type: 'string' },
  },
});
const servers = positionals.length ? positionals : ['dist/server.js'];

/** CPU ms of the main thread and of the other threads of a process, from /proc. */
function threadCpu(pid) {
  const out = { main: 0, other: 0 };
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ms = ((Number(f[11]) + Number(f[12])) * 1000) / 100; // utime + stime, in clock ticks of 10 ms
      out[tid === String(pid) ? 'main' : 'other'] += ms;
    } catch {
      /* the thread ended */
    }
  }
  return out;
}

/** VmHWM and VmRSS of a process, MB. */
function rss(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
  return { peak: kb('VmHWM') / 1024, now: kb('VmRSS') / 1024 };
}

const micros = () => Number(process.hrtime.bigint() / 1000n);

async function once(script, big, run) {
  const name = `${basename(script, '.js')}-${basename(join(script, '..'))}-${run}`;
  const profArgs = opt.profile ? ['--cpu-prof', `--cpu-prof-dir=${opt.profile}`, `--cpu-prof-name=${name}.cpuprofile`] : [];
  const windows = {};
  const child = spawn(process.execPath, [...profArgs, script, '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
  const exited = new Promise((r) => child.once('exit', r));
  const conn = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const waiting = new Map();
  conn.onNotification('textDocument/publishDiagnostics', (p) => {
    const w = waiting.get(p.uri);
    if (w) {
      waiting.delete(p.uri);
      w(p.diagnostics);
    }
  });
  conn.onRequest(() => null);
  conn.listen();
  const open = (uri, text) =>
    new Promise((resolve) => {
      waiting.set(uri, resolve);
      conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'dockercompose', version: 1, text } });
    });
  const measured = async (uri) => {
    const a = threadCpu(child.pid);
    const t0 = performance.now();
    const diagnostics = await open(uri, big);
    const wall = Math.round(performance.now() - t0);
    const b = threadCpu(child.pid);
    return { main: b.main - a.main, other: b.other - a.other, wall, diagnostics: diagnostics.length };
  };
  try {
    await conn.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
    conn.sendNotification('initialized', {});
    const warm = generateCompose(20, 7);
    const warmUri = 'file:///bench/warmup/compose.yaml';
    await open(warmUri, warm.text);
    for (const position of warm.hover.slice(0, 30)) await conn.sendRequest('textDocument/hover', { textDocument: { uri: warmUri }, position });
    await new Promise((r) => setTimeout(r, Number(opt.idle)));
    windows.first = [micros()];
    const first = await measured('file:///bench/open/0/compose.yaml');
    windows.first.push(micros());
    // a hover on a service key of the opened file, after a pause (the server's idle turn after the diagnostics)
    await new Promise((r) => setTimeout(r, Number(process.env.HOVER_AFTER ?? 500)));
    const line = big.split('\n').findIndex((l, i, all) => i > all.indexOf('services:') && /^  [\w.-]+:\s*$/.test(l));
    const h0 = threadCpu(child.pid);
    const answer = await conn.sendRequest('textDocument/hover', { textDocument: { uri: 'file:///bench/open/0/compose.yaml' }, position: { line, character: 4 } });
    const h1 = threadCpu(child.pid);
    const hover = { main: h1.main - h0.main, answered: !!answer };
    windows.second = [micros()];
    const second = await measured('file:///bench/open/1/compose.yaml');
    windows.second.push(micros());
    const edits = [];
    if (Number(opt.edits) > 0) {
      const uri = 'file:///bench/open/0/compose.yaml';
      const lines = big.split('\n');
      const middle = `SERVICE_NAME: svc${Math.floor(Number(opt.services) / 2)}`;
      const line = lines.findIndex((l) => l.trim() === middle);
      const character = lines[line].length;
      for (let i = 0; i < Number(opt.edits); i++) {
        const typed = i % 2 === 0;
        const range = { start: { line, character }, end: { line, character: typed ? character : character + 1 } };
        const a = threadCpu(child.pid);
        const published = new Promise((resolve) => waiting.set(uri, resolve));
        conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 + i }, contentChanges: [{ range, text: typed ? 'x' : '' }] });
        await published;
        const b = threadCpu(child.pid);
        edits.push(b.main - a.main);
      }
    }
    const memory = rss(child.pid);
    if (Number(opt.settle) > 0) {
      await new Promise((r) => setTimeout(r, Number(opt.settle)));
      memory.settled = rss(child.pid).now;
    }
    if (opt.profile) {
      writeFileSync(join(opt.profile, `${name}.windows.json`), JSON.stringify(windows));
      await conn.sendRequest('shutdown');
      conn.sendNotification('exit');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    }
    return { first, hover, second, edits, memory };
  } finally {
    child.kill();
    conn.dispose();
  }
}

if (opt.profile) mkdirSync(opt.profile, { recursive: true });
const big = generateCompose(Number(opt.services)).text;
const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
const editColumn = Number(opt.edits) > 0 ? ` edit in the middle service: main p50 / max (${opt.edits} edits) |` : '';
const settleColumn = Number(opt.settle) > 0 ? ` RSS ${opt.settle} ms later |` : '';
console.log(`| run | server | first open: main / other threads (ms CPU) (wall ms to the diagnostics) | service hover after it: main | second open: main / other |${editColumn} diagnostics | peak RSS (MB) |${settleColumn} load |`);
console.log(`| ---: | --- | ---: | ---: | ---: |${editColumn ? ' ---: |' : ''} ---: | ---: |${settleColumn ? ' ---: |' : ''} ---: |`);
for (let run = 1; run <= Number(opt.runs); run++) {
  for (const script of servers) {
    const r = await once(script, big, run);
    const sorted = [...r.edits].sort((x, y) => x - y);
    const edit = editColumn ? ` ${sorted[Math.floor(sorted.length / 2)]} / ${sorted[sorted.length - 1]} |` : '';
    console.log(`| ${run} | ${script} | ${r.first.main} / ${r.first.other} (${r.first.wall}) | ${r.hover.main}${r.hover.answered ? '' : ' (empty)'} | ${r.second.main} / ${r.second.other} |${edit} ${r.first.diagnostics} | ${r.memory.peak.toFixed(1)} |${settleColumn ? ` ${r.memory.settled.toFixed(1)} |` : ''} ${load()} |`);
  }
}
process.exit(0);
