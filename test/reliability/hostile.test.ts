// Hostile documents (issue #12): each case's diagnostics say what the case expects, every range lies
// inside the document, and the work costs at most `budget` times a normal document of the same size.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import type { Diagnostic, Range } from 'vscode-languageserver-types';
import { CASES, type HostileCase } from '../fixtures/hostile/cases';
import { LineIndex } from '../../server/src/common/lineIndex';
import { parseCompose, validateCompose, composeHover, composeSymbols, composeFolding } from '../../server/src/compose';
import { parseDocument } from '../../server/src/dockerfile/parser/model';
import { runDiagnostics, toLspDiagnostics } from '../../server/src/dockerfile/services/diagnostics';
import { getHover } from '../../server/src/dockerfile/services/hover';
import { layerCodeLenses } from '../../server/src/dockerfile/services/layers';
import { documentSymbols } from '../../server/src/dockerfile/services/symbols';
import { useShellParser } from '../support/shellParser';

useShellParser();

/** What an editor asks for on open: diagnostics, outline, folding, lenses and a few hovers. */
function work(language: HostileCase['language'], text: string): Diagnostic[] {
  const lines = new LineIndex(text);
  const probes = [0, text.length >> 1, Math.max(0, text.length - 3)];
  if (language === 'compose') {
    const model = parseCompose(text);
    const diagnostics = validateCompose(model);
    composeSymbols(model);
    composeFolding(model);
    for (const o of probes) composeHover(model, lines.positionAt(o));
    return diagnostics;
  }
  const errors: string[] = [];
  const model = parseDocument(text);
  const diagnostics = toLspDiagnostics(model, runDiagnostics(model, { onRuleError: (code, e) => errors.push(`${code}: ${String(e)}`) }));
  assert.deepEqual(errors, [], 'no rule fails');
  documentSymbols(model);
  layerCodeLenses(model, 'file:///hostile/Dockerfile');
  for (const o of probes) getHover(model, o);
  return diagnostics;
}

function timed<T>(fn: () => T): [T, number] {
  const t0 = performance.now();
  const result = fn();
  return [result, performance.now() - t0];
}

function inside(lines: LineIndex, range: Range): boolean {
  const ok = (p: Range['start']) => p.line >= 0 && p.line < lines.lineCount && p.character >= 0 && p.character <= lines.lineText(p.line).length;
  return ok(range.start) && ok(range.end);
}

for (const c of CASES) {
  test(`hostile: ${c.name}`, () => {
    const text = c.text();
    const normal = c.normal(text.length);
    work(c.language, c.normal(4000)); // warm up the code paths (and compile the Compose schema)
    let [, normalMs] = timed(() => work(c.language, normal));
    const [diagnostics, firstMs] = timed(() => work(c.language, text));
    let hostileMs = firstMs;
    // On a busy machine a slow run is noise (a land at load 15 once measured a lone-CR case at 18x):
    // over budget, measure both again, up to three more times, and keep the best of each. A real
    // slow path stays over budget in every run.
    for (let retry = 1; retry <= 3 && hostileMs / Math.max(normalMs, 25) > c.budget; retry++) {
      // (more newlines: parseCompose keeps the last model of the same text)
      const more = '\n'.repeat(retry);
      normalMs = Math.min(normalMs, timed(() => work(c.language, normal + more))[1]);
      hostileMs = Math.min(hostileMs, timed(() => work(c.language, text + more))[1]);
    }
    const lines = new LineIndex(text);
    for (const d of diagnostics) assert.ok(inside(lines, d.range), `range inside the document: ${JSON.stringify(d.range)}`);
    c.expect?.(diagnostics.map((d) => `${String(d.code)}: ${d.message}`));
    // A floor keeps tiny timings (a few ms) from turning into huge ratios.
    const ratio = hostileMs / Math.max(normalMs, 25);
    if (process.env.DOCKLENS_HOSTILE_TIMES) console.log(`${c.name}: ${hostileMs.toFixed(0)} ms, normal ${normalMs.toFixed(0)} ms`);
    assert.ok(ratio <= c.budget, `${hostileMs.toFixed(0)} ms vs ${normalMs.toFixed(0)} ms for a normal file of ${text.length} bytes: ${ratio.toFixed(1)}× > ${c.budget}×`);
  });
}
