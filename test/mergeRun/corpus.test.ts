// Property over every real Dockerfile of the corpus: for every mergeable pair of RUNs, merging
// them gives a file with one instruction and one layer less, the other instructions untouched,
// and a merged command that is the `&&` join of the two originals.
//
// "The `&&` join" precisely: BuildKit's view of the merged RUN (its `argsText`), with every run of
// whitespace collapsed to one space and none kept before a `;`, equals `A && B` (`A; B` under PowerShell) where each of A and
// B is the original command (its `argsText`, whitespace collapsed) with at most these changes:
//   - a trailing shell comment cut off (anything from a `#` that follows whitespace), as it moved
//     onto a Dockerfile comment line which BuildKit drops;
//   - trailing `;` removed;
//   - wrapped as `{ X; }` or `( X )`.
// The candidates are generated here without our shell lexer, so the check is independent of it.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { parseDocument, type DockerfileModel } from '../../server/src/dockerfile/parser/model';
import { findRunPairs, mergeableChains, mergeAllEdits, mergeRuns, shellAt } from '../../server/src/dockerfile/services/mergeRun';
import { computeLayers, layerCodeLenses, layerInlayHints } from '../../server/src/dockerfile/services/layers';
import { corpusPath } from '../support/corpora';
import { useShellParser } from '../support/shellParser';

useShellParser();

const CORPUS = corpusPath('dockerfiles');

const squash = (s: string) => s.replace(/\s+/g, ' ').replace(/ ;/g, ';').trim();

function candidates(command: string): Set<string> {
  const cuts = [command];
  for (let i = 1; i < command.length; i++) if (command[i] === '#' && /\s/.test(command[i - 1])) cuts.push(command.slice(0, i));
  const out = new Set<string>();
  for (const cut of cuts) {
    let x = squash(cut);
    while (x.endsWith(';') && !x.endsWith(';;')) x = x.slice(0, -1).trimEnd();
    out.add(x);
    out.add(`{ ${x}; }`);
    out.add(`( ${x} )`);
  }
  return out;
}

export function isJoinOf(merged: string, a: string, b: string, separator: string): boolean {
  return isJoinOfAll(merged, [a, b], separator);
}

/** `merged` is `p1 SEP p2 SEP ... pn` for some candidate of each part (see the header). */
export function isJoinOfAll(merged: string, parts: string[], separator: string): boolean {
  const sep = separator === ';' ? '; ' : ' && ';
  const match = (rest: string, i: number): boolean => {
    for (const x of candidates(parts[i])) {
      if (i === parts.length - 1) {
        if (rest === x) return true;
      } else if (rest.startsWith(x + sep) && match(rest.slice(x.length + sep.length), i + 1)) {
        return true;
      }
    }
    return false;
  };
  return match(squash(merged), 0);
}

const HAVE_BASH = spawnSync('bash', ['-n', '-c', 'true']).status === 0;
const syntaxChecks = { count: 0 };

// One bash reads the commands (NUL-separated) and runs `bash -n -c` on each: the same check as a
// spawn per command from here, but the forks come from a small process instead of this test's large
// heap (a fork per command from here cost ~10 ms of system time each, ~800 of them).
const BATCH = 'while IFS= read -r -d "" cmd; do if bash -n -c "$cmd" 2>/dev/null; then printf 1; else printf 0; fi; done';

/** `bash -n -c` verdicts for many commands, in one batch. */
function bashAcceptsAll(commands: string[]): Map<string, boolean> {
  const distinct = [...new Set(commands)];
  const verdicts = new Map<string, boolean>();
  if (distinct.length === 0) return verdicts;
  const r = spawnSync('bash', ['-c', BATCH], { input: distinct.map((c) => c + '\0').join(''), encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  assert.equal(r.stdout.length, distinct.length, `bash answered ${r.stdout.length} of ${distinct.length}: ${r.stderr}`);
  distinct.forEach((c, i) => verdicts.set(c, r.stdout[i] === '1'));
  return verdicts;
}

/** A merge whose syntax bash checks after the walk: the merged command and the two it joins. */
interface SyntaxCheck {
  file: string;
  line: number;
  merged: string;
  parts: [string, string];
}

interface Failure {
  file: string;
  line: number;
  what: string;
}

function checkPair(file: string, model: DockerfileModel, pairIndex: number, failures: Failure[], syntax: SyntaxCheck[]): boolean {
  const pair = findRunPairs(model).filter((p) => p.mergeable)[pairIndex];
  const result = mergeRuns(model, [pair.previous, pair.run]);
  const fail = (what: string) => {
    failures.push({ file, line: pair.run.startLine + 1, what });
    return false;
  };
  if (!result.edit) return fail(`no edit: ${result.reason}`);
  const text = model.ast.text;
  const after = text.slice(0, result.edit.start) + result.edit.newText + text.slice(result.edit.end);
  const merged = parseDocument(after);
  if (merged.ast.instructions.length !== model.ast.instructions.length - 1) return fail('instruction count did not drop by one');
  const errorsBefore = model.ast.problems.filter((p) => p.severity === 'error').length;
  if (merged.ast.problems.filter((p) => p.severity === 'error').length > errorsBefore) return fail('the merge introduced a parse error');
  const index = model.ast.instructions.indexOf(pair.previous);
  const run = merged.ast.instructions[index];
  if (run.keyword !== 'RUN' || run.form !== 'shell') return fail('merged instruction is not a shell-form RUN');
  if (run.flags.map((f) => f.raw).join(' ') !== pair.previous.flags.map((f) => f.raw).join(' ')) return fail('flags changed');
  const separator = shellAt(model, model.stages[pair.stage], pair.previous).kind === 'powershell' ? ';' : '&&';
  if (!isJoinOf(run.argsText, pair.previous.argsText, pair.run.argsText, separator)) {
    return fail(`merged command is not the join:\n  ${run.argsText}\n  from: ${pair.previous.argsText}\n  and:  ${pair.run.argsText}`);
  }
  // When bash accepts both commands, it must accept the merged one (syntax only: `bash -n`).
  if (shellAt(model, model.stages[pair.stage], pair.previous).kind === 'posix' && HAVE_BASH) {
    syntaxChecks.count++;
    syntax.push({ file, line: pair.run.startLine + 1, merged: run.argsText, parts: [pair.previous.argsText, pair.run.argsText] });
  }
  const others = (m: DockerfileModel, skip: number, count: number) =>
    m.ast.instructions.filter((_, i) => i < skip || i >= skip + count).map((i) => `${i.keyword} ${i.argsText}`);
  assert.deepEqual(others(merged, index, 1), others(model, index, 2));
  const layersBefore = computeLayers(model).stages[pair.stage].own.length;
  const layersAfter = computeLayers(merged).stages[pair.stage].own.length;
  if (layersAfter !== layersBefore - 1) return fail(`layers ${layersBefore} -> ${layersAfter}`);
  return true;
}

describe('merging every mergeable RUN pair of the corpus', () => {
  it('drops one instruction and one layer and joins the commands with &&', () => {
    const files = existsSync(CORPUS) ? readdirSync(CORPUS).filter((f) => f.endsWith('.Dockerfile')) : [];
    if (files.length === 0) return;
    let pairs = 0;
    let mergeable = 0;
    let applied = 0;
    const reasons = new Map<string, number>();
    const failures: Failure[] = [];
    const syntax: SyntaxCheck[] = [];
    for (const file of files) {
      const model = parseDocument(readFileSync(join(CORPUS, file), 'utf8'));
      const all = findRunPairs(model);
      pairs += all.length;
      for (const p of all) if (!p.mergeable) reasons.set(p.reason ?? '?', (reasons.get(p.reason ?? '?') ?? 0) + 1);
      const count = all.filter((p) => p.mergeable).length;
      mergeable += count;
      for (let i = 0; i < count; i++) if (checkPair(file, model, i, failures, syntax)) applied++;
    }
    // When bash accepts both commands, it must accept the merged one (syntax only: `bash -n`). The
    // merged commands first: bash accepts nearly all of them, and then the parts need no check.
    const merged = bashAcceptsAll(syntax.map((c) => c.merged));
    const rejected = syntax.filter((c) => !merged.get(c.merged));
    const parts = bashAcceptsAll(rejected.flatMap((c) => c.parts));
    for (const c of rejected) {
      if (c.parts.every((p) => parts.get(p))) {
        failures.push({ file: c.file, line: c.line, what: `bash -n rejects the merged command: ${c.merged}` });
        applied--;
      }
    }
    const summary = [
      `files: ${files.length}, consecutive RUN pairs: ${pairs}, mergeable: ${mergeable}, fixes applied and checked: ${applied} (${syntaxChecks.count} also checked with bash -n), failures: ${failures.length}`,
      ...[...reasons].sort((a, b) => b[1] - a[1]).map(([r, n]) => `  not offered (${n}): ${r}`),
    ].join('\n');
    console.log(summary);
    assert.deepEqual(failures.slice(0, 10), [], summary);
  });
});

describe('merging every chain of every corpus file at once (the source action)', () => {
  it('drops (RUNs - chains) instructions and layers per file, with no new parse errors', () => {
    const files = existsSync(CORPUS) ? readdirSync(CORPUS).filter((f) => f.endsWith('.Dockerfile')) : [];
    if (files.length === 0) return;
    let filesWithChains = 0;
    let chainsMerged = 0;
    let runsMerged = 0;
    const failures: string[] = [];
    for (const file of files) {
      const model = parseDocument(readFileSync(join(CORPUS, file), 'utf8'));
      const chains = mergeableChains(model);
      const edits = mergeAllEdits(model);
      if (edits.length !== chains.length) failures.push(`${file}: ${chains.length} chains but ${edits.length} edits`);
      if (edits.length === 0) continue;
      filesWithChains++;
      chainsMerged += chains.length;
      const removed = chains.reduce((n, c) => n + c.runs.length - 1, 0);
      runsMerged += removed + chains.length;
      let text = model.ast.text;
      for (const e of [...edits].sort((a, b) => b.start - a.start)) text = text.slice(0, e.start) + e.newText + text.slice(e.end);
      const after = parseDocument(text);
      const errors = (m: DockerfileModel) => m.ast.problems.filter((p) => p.severity === 'error').length;
      if (errors(after) > errors(model)) failures.push(`${file}: new parse error`);
      if (after.ast.instructions.length !== model.ast.instructions.length - removed) failures.push(`${file}: instruction count`);
      const layers = (m: DockerfileModel) => computeLayers(m).stages.reduce((n, st) => n + st.own.length, 0);
      if (layers(after) !== layers(model) - removed) failures.push(`${file}: layer count`);
      if (mergeableChains(after).length !== 0) failures.push(`${file}: still mergeable after merging everything`);
      // Each chain on its own: the merged command is the join of all its RUNs.
      for (const chain of chains) {
        const result = mergeRuns(model, chain.runs);
        const one = model.ast.text.slice(0, result.edit!.start) + result.edit!.newText + model.ast.text.slice(result.edit!.end);
        const merged = parseDocument(one).ast.instructions[model.ast.instructions.indexOf(chain.runs[0])];
        const separator = shellAt(model, model.stages[chain.stage], chain.runs[0]).kind === 'powershell' ? ';' : '&&';
        if (!isJoinOfAll(merged.argsText, chain.runs.map((r) => r.argsText), separator)) failures.push(`${file}:${chain.runs[0].startLine + 1}: chain is not the join`);
      }
    }
    console.log(`fix-all: ${filesWithChains} files, ${chainsMerged} chains, ${runsMerged} RUNs merged, failures: ${failures.length}`);
    assert.deepEqual(failures.slice(0, 10), []);
  });
});

describe('layers on every corpus file', () => {
  it('computes stages, lenses and hints without throwing', () => {
    const files = existsSync(CORPUS) ? readdirSync(CORPUS).filter((f) => f.endsWith('.Dockerfile')) : [];
    if (files.length === 0) return;
    let stages = 0;
    let layers = 0;
    let finalLayers = 0;
    let lenses = 0;
    let hints = 0;
    for (const file of files) {
      const model = parseDocument(readFileSync(join(CORPUS, file), 'utf8'));
      const image = computeLayers(model);
      stages += image.stages.length;
      layers += image.stages.reduce((n, s) => n + s.own.length, 0);
      finalLayers += image.finalLayers;
      lenses += layerCodeLenses(model, 'file:///x').length;
      hints += layerInlayHints(model).length;
      assert.equal(lenses >= stages, true);
    }
    console.log(`layers: ${files.length} files, ${stages} stages, ${layers} layer-adding instructions, ${finalLayers} layers in final images, ${lenses} lenses, ${hints} hints`);
  });
});
