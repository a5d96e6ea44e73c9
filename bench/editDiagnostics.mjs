#!/usr/bin/env node
// Edit → diagnostics benchmark (issue 16), in process: what the server does between a didChange
// and its publishDiagnostics. "incremental" re-parses the window around the edit, builds the model
// and runs the rules with the document's rule cache (results of unchanged instructions and stages
// re-used), then converts to LSP diagnostics; "full" parses the new text and runs every rule from
// scratch. One character is typed inside an instruction near the start, middle and end of generated
// files, and deleted again, alternately. Then a typing burst of 20 characters at the middle of the
// largest file, timed like the server runs it: keystrokes arrive every --interval ms, validation is
// scheduled with setImmediate (or after --debounce ms), and the time from the last keystroke to the
// last publish is measured. Also open → diagnostics (parse + rules + LSP conversion) per size, as
// bench/run.mjs measures it over stdio: p50 of opens after one warm-up open of the same text (run.mjs
// opens each document once in its warm-up), a fresh rule cache each time; the warm-up open itself
// is shown as "first open" (at the first size it also pays the JIT's compile of the server's code).
//
//   node bench/editDiagnostics.mjs [--sizes 1000,5000,20000,100000] [--budget 3000] [--interval 40] [--burst 0]
//
// Server CPU time per operation (process.cpuUsage) and wall-clock time, p50 over samples taken for up to --budget ms
// (at least 3). Works on commits without the rule cache too (every edit is then a full run of the
// rules), for side-by-side numbers. Nothing is asserted.
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { generateDockerfile } from './generate.mjs';
import { cpuTime, loadModules, option, optionText } from './inprocess.mjs';

const sizes = optionText('sizes', '1000,5000,20000,100000').split(',').map(Number);
const budget = option('budget', 3000);
const interval = option('interval', 40);
/** `--burst 0` skips the typing burst (on a commit where one validation at 100k lines takes seconds). */
const burstOn = option('burst', 1) !== 0;
const m = await loadModules('editDiagnostics', [
  "export { parseDocument, buildModel } from './server/src/dockerfile/parser/model';",
  "export { reparse } from './server/src/dockerfile/parser/incremental';",
  "export * from './server/src/dockerfile/services/diagnostics';",
  "export { loadShellParser } from './server/src/node/shellParser';",
]);
const { parseDocument, buildModel, reparse, runDiagnostics, toLspDiagnostics, RuleResultCache } = m;
const shellProblem = m.loadShellParser ? await m.loadShellParser() : 'no shell parser';
if (shellProblem) console.log(`shell parser: ${shellProblem}`);
const hasCache = typeof RuleResultCache === 'function';

/** p50 of `fn(i)` CPU ms (what `fn` returns) and of its wall-clock ms, over samples until the budget is spent (3 at least, 40 at most). */
function sample(fn) {
  const samples = [];
  const walls = [];
  const until = performance.now() + budget;
  for (let i = 0; i < 40 && (i < 3 || performance.now() < until); i++) {
    const t = performance.now();
    samples.push(fn(i));
    walls.push(performance.now() - t);
  }
  const p50 = (list) => list.sort((a, b) => a - b)[Math.floor(list.length / 2)];
  return { p50: p50(samples), wall: p50(walls), n: samples.length };
}

const ms = (n) => (n < 10 ? n.toFixed(2) : n < 100 ? n.toFixed(1) : n.toFixed(0));
// As the server does it: through `diagnose` (LSP diagnostics kept with the findings) where the build has it.
const diagnose = (model, cache) => (m.diagnose ? m.diagnose(model, cache ? { cache } : {}).lspDiagnostics() : toLspDiagnostics(model, runDiagnostics(model, cache ? { cache } : {})));

console.log(`node ${process.version}, ${os.cpus().length} CPUs, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}, rule cache: ${hasCache ? 'yes' : 'no'}`);
console.log('\n| lines | first open CPU (wall) | open → diagnostics CPU (wall) | edit at | full: parse + rules, CPU (wall) | incremental: re-parse + kept rules, CPU (wall) | samples |');
console.log('| ---: | ---: | ---: | --- | ---: | ---: | ---: |');
let largest;
const perSize = {};
for (const lines of sizes) {
  const text = generateDockerfile(lines).text;
  largest = { text, lines };
  const openOnce = () => cpuTime(() => diagnose(parseDocument(text), hasCache ? new RuleResultCache() : undefined));
  const firstWall = performance.now();
  const first = { p50: openOnce(), wall: performance.now() - firstWall };
  const open = sample(openOnce);
  for (const [where, fraction] of [['start', 0.02], ['middle', 0.5], ['end', 0.98]]) {
    const near = Math.floor(text.length * fraction);
    const at = text.indexOf(' ', text.lastIndexOf('\n', near) + 1) + 1;
    const typed = text.slice(0, at) + 'x' + text.slice(at);
    const full = sample((i) => cpuTime(() => diagnose(parseDocument(i % 2 ? text : typed))));
    // The document's state: its model and rule cache, warm from the version before.
    const cache = hasCache ? new RuleResultCache() : undefined;
    let model = parseDocument(text);
    diagnose(model, cache);
    const inc = sample((i) => {
      const edit = i % 2 === 0 ? { start: at, end: at, text: 'x' } : { start: at, end: at + 1, text: '' };
      return cpuTime(() => {
        model = buildModel(reparse(model.ast, [edit]), model);
        diagnose(model, cache);
      });
    });
    perSize[lines] = { ...(perSize[lines] ?? {}), [where]: inc.p50 };
    const both = (r) => `${ms(r.p50)} (${ms(r.wall)})`;
    console.log(`| ${lines.toLocaleString('en')} | ${where === 'start' ? both(first) : ''} | ${where === 'start' ? both(open) : ''} | ${where} | ${both(full)} | ${both(inc)} | ${full.n} / ${inc.n} |`);
  }
}
const ratio = perSize[50000] && perSize[5000] ? perSize[50000].middle / perSize[5000].middle : undefined;
if (ratio) console.log(`\nedit cost 50k / 5k (middle): ${ratio.toFixed(2)}x`);

// Typing burst: 20 characters at the middle of the largest file, one keystroke every `interval` ms,
// validated as the server does (coalesced on setImmediate, or after a debounce).
async function burst(debounce) {
  const { text } = largest;
  const at = text.indexOf(' ', text.lastIndexOf('\n', Math.floor(text.length / 2)) + 1) + 1;
  const cache = hasCache ? new RuleResultCache() : undefined;
  let model = parseDocument(text);
  diagnose(model, cache);
  let pending = [];
  let timer;
  let publishes = 0;
  let lastPublish = 0;
  let cpuMs = 0;
  const validate = () => {
    timer = undefined;
    const edits = pending;
    pending = [];
    cpuMs += cpuTime(() => {
      model = buildModel(reparse(model.ast, edits), model);
      diagnose(model, cache);
    });
    publishes++;
    lastPublish = performance.now();
  };
  const schedule = () => {
    if (debounce === 0) {
      if (timer) clearImmediate(timer);
      timer = setImmediate(validate);
    } else {
      if (timer) clearTimeout(timer);
      timer = setTimeout(validate, debounce);
    }
  };
  let lastKey = 0;
  for (let i = 0; i < 20; i++) {
    pending.push({ start: at + i, end: at + i, text: 'y' });
    lastKey = performance.now();
    schedule();
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
  while (timer || pending.length) await new Promise((resolve) => setTimeout(resolve, 5));
  return { latency: lastPublish - lastKey, publishes, cpuMs };
}

if (burstOn) {
console.log(`\ntyping burst: 20 characters at line ${Math.floor(largest.lines / 2).toLocaleString('en')} of ${largest.lines.toLocaleString('en')}, one every ${interval} ms`);
console.log('| validation | last keystroke → last publish (ms, wall) | publishes | server CPU in all (ms) |');
console.log('| --- | ---: | ---: | ---: |');
for (const debounce of [0, 50, 150]) {
  const r = await burst(debounce);
  console.log(`| ${debounce === 0 ? 'next turn (setImmediate)' : `debounce ${debounce} ms`} | ${ms(r.latency)} | ${r.publishes} | ${ms(r.cpuMs)} |`);
}
}
console.log(`\nload at the end: ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
