#!/usr/bin/env node
// Stage analysis benchmark (issue 16): what the stage facts cost and what the services that read
// them cost on a model parsed once. Server CPU time (process.cpuUsage), median of the runs, each run
// on a fresh model of the same tree (so no per-model memo survives from one run to the next).
//
//   node bench/stages.mjs [--sizes 1000,5000,20000] [--runs 9] [--chain 10000]
//
// Rows: the generated files of bench/generate.mjs, and a file of `--chain` stages each built FROM
// the one before (the deep-chain case). Columns: all diagnostic rules; hover on every 50th
// instruction; the layer list. Nothing is asserted.
import os from 'node:os';
import { generateDockerfile } from './generate.mjs';
import { cpuTime, loadModules, option, optionText } from './inprocess.mjs';

function median(samples) {
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)];
}

const sizes = optionText('sizes', '1000,5000,20000').split(',').map(Number);
const runs = option('runs', 9);
const chain = option('chain', 10000);
const { parseDockerfile, buildModel, runDiagnostics, getHover, computeLayers } = await loadModules('stages', [
  "export { parseDockerfile } from './server/src/dockerfile/parser/parser';",
  "export { buildModel } from './server/src/dockerfile/parser/model';",
  "export { runDiagnostics } from './server/src/dockerfile/services/diagnostics';",
  "export { getHover } from './server/src/dockerfile/services/hover';",
  "export { computeLayers } from './server/src/dockerfile/services/layers';",
]);

function chainedFile(n) {
  const lines = ['FROM alpine:3.20 AS s0', 'SHELL ["/bin/sh", "-c"]', 'WORKDIR /app', 'USER nobody', 'ENV A=1'];
  for (let i = 1; i < n; i++) lines.push(`FROM s${i - 1} AS s${i}`, `RUN echo ${i} && ls $A`, i % 7 === 0 ? 'WORKDIR sub' : 'CMD ["true"]');
  return lines.join('\n') + '\n';
}

const inputs = sizes.map((n) => [`${n} lines`, generateDockerfile(n).text]);
if (chain > 0) inputs.push([`${chain} chained stages`, chainedFile(chain)]);

console.log(`node ${process.version}, ${os.cpus().length} CPUs, load ${os.loadavg()[0].toFixed(1)}`);
console.log('| input | all rules CPU ms | hover on every 50th instruction CPU ms | layers CPU ms |');
console.log('| --- | ---: | ---: | ---: |');
for (const [label, text] of inputs) {
  const ast = parseDockerfile(text);
  const rules = [];
  const hovers = [];
  const layers = [];
  for (let i = 0; i < runs + 1; i++) {
    const a = cpuTime(() => runDiagnostics(buildModel(ast)));
    const model = buildModel(ast);
    const b = cpuTime(() => {
      for (let k = 0; k < ast.instructions.length; k += 50) getHover(model, ast.instructions[k].keywordSpan.start + 1);
    });
    const c = cpuTime(() => computeLayers(buildModel(ast)));
    if (i > 0) {
      rules.push(a);
      hovers.push(b);
      layers.push(c);
    }
  }
  console.log(`| ${label} | ${median(rules).toFixed(1)} | ${median(hovers).toFixed(1)} | ${median(layers).toFixed(2)} |`);
}
