#!/usr/bin/env node
// Where the language server's resident memory goes (issue 16), over stdio as bench/run.mjs starts
// it: the server runs with bench/rssProbe.cjs preloaded, and after each step this script asks it
// for a picture (SIGUSR2): start, a 50-line open, a generated --size-line open, the same text opened
// again under a new name (the first closed), ten edits, 30 hovers, 30 completions and 5 outlines, ten
// more documents of the same text each opened and closed. Columns, MB: peak (VmHWM) and current RSS;
// file-backed pages (mostly the node binary's code); V8's heap by space (physical pages: the young
// generation, the old generation, large objects, code) and the bytes live in it; the C library's
// main heap (brk: node's and V8's own allocations, the parse of the bundle at start); and the rest
// of the anonymous memory (the worker threads' C-library arenas, V8's large zones, the WebAssembly
// memory and code of the shell parser).
//
//   node bench/rss.mjs [--size 5000] [--pause MS] [--as-client] [--node-args "FLAGS"] [--server-script dist/server.js]
//
// Linux only (/proc). Nothing is asserted.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { generateDockerfile } from './generate.mjs';
import { BENCH, ROOT, loadModules, option, optionText } from './inprocess.mjs';

const size = option('size', 5000);
/** Milliseconds between the ten more documents' close and the next open (0: at once, as run.mjs; an editor's pace is slower). */
const pause = option('pause', 0);
const script = optionText('server-script', join(ROOT, 'dist', 'server.js'));
const nodeArgs = optionText('node-args', '').split(' ').filter(Boolean);
let serverEnv = {};
if (process.argv.includes('--as-client')) {
  const client = await loadModules('rssExecArgv', ["export { SERVER_EXEC_ARGV, SERVER_ENV } from './client/src/serverExecArgv';"]);
  nodeArgs.unshift(...client.SERVER_EXEC_ARGV);
  serverEnv = client.SERVER_ENV;
}
const out = join(os.tmpdir(), `docklens-rss-${process.pid}.jsonl`);
rmSync(out, { force: true });

const child = spawn(process.execPath, [...nodeArgs, '-r', join(BENCH, 'rssProbe.cjs'), script, '--stdio'], {
  cwd: ROOT,
  stdio: ['pipe', 'pipe', 'inherit'],
  env: { ...process.env, ...serverEnv, DOCKLENS_RSS_PROBE: out },
});
const conn = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
const waiting = new Map();
conn.onNotification((method, params) => {
  if (method === 'textDocument/publishDiagnostics') waiting.get(params.uri)?.();
});
conn.onRequest((method, params) => (method === 'workspace/configuration' ? params.items.map(() => null) : null));
conn.listen();

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const lines = () => (existsSync(out) ? readFileSync(out, 'utf8').trim().split('\n').filter(Boolean) : []);
const diagnosed = (uri) => new Promise((resolve) => waiting.set(uri, () => (waiting.delete(uri), resolve())));
const open = (uri, text) => {
  const done = diagnosed(uri);
  conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version: 1, text } });
  return done;
};

const f = (n) => n.toFixed(1).padStart(6);
const envText = Object.entries(serverEnv).map(([k, v]) => `${k}=${v} `).join('');
console.log(`server ${envText}${script}${nodeArgs.length ? ` with ${nodeArgs.join(' ')}` : ''}, ${size} lines, node ${process.version}, load ${os.loadavg()[0].toFixed(1)}`);
console.log('\n| step | peak | RSS | file | V8 young | V8 old | V8 large | V8 code | V8 live | C heap (brk) | other anon |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
async function picture(step) {
  await sleep(200);
  const before = lines().length;
  child.kill('SIGUSR2');
  for (let i = 0; i < 1500 && lines().length === before; i++) await sleep(20);
  const p = JSON.parse(lines().at(-1));
  const s = p.spaces;
  const young = (s.new_space ?? 0) + (s.new_large_object_space ?? 0);
  const v8 = Object.values(s).reduce((a, b) => a + b, 0);
  console.log(`| ${step} | ${f(p.peak)} | ${f(p.rss)} | ${f(p.file)} | ${f(young)} | ${f(s.old_space)} | ${f(s.large_object_space)} | ${f(s.code_space + (s.code_large_object_space ?? 0))} | ${f(p.used)} | ${f(p.brk)} | ${f(p.anon - v8 - p.brk)} |`);
}

try {
  await conn.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
  conn.sendNotification('initialized', {});
  await picture('start');
  await open('file:///rss/small/Dockerfile', generateDockerfile(50, 1).text);
  await picture('open 50 lines');
  const doc = generateDockerfile(size, 42);
  await open('file:///rss/a/Dockerfile', doc.text);
  await picture(`open ${size} lines`);
  conn.sendNotification('textDocument/didClose', { textDocument: { uri: 'file:///rss/a/Dockerfile' } });
  const uri = 'file:///rss/b/Dockerfile';
  await open(uri, doc.text);
  await picture('the same text again');
  const at = { line: doc.lines >> 1, character: 0 };
  for (let version = 2; version < 12; version++) {
    const done = diagnosed(uri);
    const change = version % 2 === 0 ? { range: { start: at, end: at }, text: 'x' } : { range: { start: at, end: { ...at, character: 1 } }, text: '' };
    conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
    await done;
  }
  await picture('ten edits');
  // What an editor asks of an open document, then more documents opened and closed (as bench/run.mjs
  // does: each of its open samples is a new document, closed after its diagnostics).
  const spread = (list, n) => Array.from({ length: Math.min(n, list.length) }, (_, i) => list[Math.floor((i * list.length) / Math.min(n, list.length))]);
  for (const position of spread(doc.hover, 30)) await conn.sendRequest('textDocument/hover', { textDocument: { uri }, position });
  for (const position of spread(doc.completion, 30)) await conn.sendRequest('textDocument/completion', { textDocument: { uri }, position });
  for (let i = 0; i < 5; i++) await conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
  await picture('30 hovers, 30 completions, 5 outlines');
  for (let i = 0; i < 10; i++) {
    const other = `file:///rss/more/${i}/Dockerfile`;
    await open(other, doc.text);
    conn.sendNotification('textDocument/didClose', { textDocument: { uri: other } });
    await sleep(pause);
  }
  await picture(`ten more opened and closed${pause ? `, ${pause} ms apart` : ''}`);
  // The server's CPU over the whole script (user and system, all its threads): what the memory costs.
  const stat = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
  console.log(`\nserver CPU: user ${Number(stat[11]) * 10} ms, system ${Number(stat[12]) * 10} ms`);
} finally {
  child.kill();
  rmSync(out, { force: true });
}
process.exit(0);
