#!/usr/bin/env node
// Edit benchmark (issue 16): what one keystroke costs the parser, in process, by file size and by
// where the edit is. A full parse of the new text against the incremental re-parse (the window
// around the edit, spliced into the previous tree) and the model built on it; then a typing burst of
// 20 characters at the middle of the largest file. Server CPU time (process.cpuUsage), so other
// jobs on the machine disturb it less than wall time.
//
//   node bench/edit.mjs [--sizes 1000,5000,20000,100000] [--runs 15]
//
// Prints milliseconds (p50 / min). Nothing is asserted.
import os from 'node:os';
import { generateDockerfile } from './generate.mjs';
import { cpuTime, loadModules, option, optionText } from './inprocess.mjs';

function stats(samples) {
  samples.sort((a, b) => a - b);
  return { p50: samples[Math.floor(samples.length / 2)], min: samples[0] };
}

const sizes = optionText('sizes', '1000,5000,20000,100000').split(',').map(Number);
const runs = option('runs', 15);
const { parseDockerfile, buildModel, reparse } = await loadModules('edit', [
  "export { parseDockerfile } from './server/src/dockerfile/parser/parser';",
  "export { buildModel } from './server/src/dockerfile/parser/model';",
  "export { reparse } from './server/src/dockerfile/parser/incremental';",
]);
const ms = (n) => n.toFixed(2);

console.log(`node ${process.version}, ${os.cpus().length} CPUs, load ${os.loadavg()[0].toFixed(1)}`);
console.log('| lines | edit at | full parse + model | incremental re-parse + model | speed-up |');
console.log('| ---: | --- | ---: | ---: | ---: |');
let largest;
for (const lines of sizes) {
  const text = generateDockerfile(lines).text;
  const ast = parseDockerfile(text);
  largest = { text, ast, lines };
  for (const [where, fraction] of [['start', 0.02], ['middle', 0.5], ['end', 0.98]]) {
    // Insert a character inside an instruction near the given place (a RUN line's first blank).
    const near = Math.floor(text.length * fraction);
    const lineStart = text.lastIndexOf('\n', near) + 1;
    const at = text.indexOf(' ', lineStart) + 1;
    const edit = { start: at, end: at, text: 'x' };
    const after = text.slice(0, at) + 'x' + text.slice(at);
    const full = [];
    const inc = [];
    for (let i = 0; i < runs + 2; i++) {
      const f = cpuTime(() => buildModel(parseDockerfile(after)));
      const n = cpuTime(() => buildModel(reparse(ast, [edit])));
      if (i >= 2) {
        full.push(f);
        inc.push(n);
      }
    }
    const a = stats(full);
    const b = stats(inc);
    console.log(`| ${lines} | ${where} | ${ms(a.p50)} (min ${ms(a.min)}) | ${ms(b.p50)} (min ${ms(b.min)}) | ${(a.p50 / b.p50).toFixed(1)}x |`);
  }
}

// Typing burst: 20 characters typed one by one in the middle of the largest file, each keystroke a
// re-parse of the previous tree (what the server does when it validates every version).
const { text, lines } = largest;
const at = text.indexOf(' ', text.lastIndexOf('\n', Math.floor(text.length / 2)) + 1) + 1;
let ast = parseDockerfile(text);
const burst = cpuTime(() => {
  for (let i = 0; i < 20; i++) ast = reparse(ast, [{ start: at + i, end: at + i, text: 'y' }]);
  buildModel(ast);
});
let full = text;
const fullBurst = cpuTime(() => {
  for (let i = 0; i < 20; i++) {
    full = full.slice(0, at + i) + 'y' + full.slice(at + i);
    buildModel(parseDockerfile(full));
  }
});
console.log(`\ntyping burst of 20 characters at line ${Math.floor(lines / 2)} of ${lines}: incremental ${ms(burst)} ms CPU in all, full parses ${ms(fullBurst)} ms`);
