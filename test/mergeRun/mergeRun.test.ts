// The merge-RUN fixes as data: for each case, the fixes of the merge findings on `line` (the quick fixes the engine offers); every
// action's result must equal `<input>.<n>.expected` byte for byte (n = position of the action).
// Cases with no actions state why the merge is not offered (`reason`, a substring of the finding).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CodeAction, TextEdit } from 'vscode-languageserver-types';
import { parseDocument, type DockerfileModel } from '../../server/src/dockerfile/parser/model';
import { MERGE_ALL_KIND, findRunPairs, mergeRunCodeActions } from '../../server/src/dockerfile/services/mergeRun';
import { MERGE_RUN_RULES } from '../../server/src/dockerfile/services/diagnostics/rules/mergeRun';
import { computeLayers } from '../../server/src/dockerfile/services/layers';
import { useShellParser } from '../support/shellParser';

useShellParser();

const fixtures = join(process.cwd(), 'test', 'fixtures', 'mergeRun');
const UPDATE = process.env.UPDATE_FIXTURES === '1';
const URI = 'file:///project/Dockerfile';

interface Case {
  input: string;
  line: number;
  actions: string[];
  reason?: string;
  codes?: string[];
}

function apply(model: DockerfileModel, action: CodeAction): string {
  const edits: TextEdit[] = action.edit?.changes?.[URI] ?? [];
  const offsets = edits.map((e) => ({ start: model.lines.offsetAt(e.range.start), end: model.lines.offsetAt(e.range.end), newText: e.newText }));
  let text = model.ast.text;
  for (const e of offsets.sort((a, b) => b.start - a.start)) text = text.slice(0, e.start) + e.newText + text.slice(e.end);
  return text;
}

function expectFile(name: string, actual: string): void {
  const path = join(fixtures, name);
  if (UPDATE) writeFileSync(path, actual);
  assert.ok(existsSync(path), `missing fixture ${name}`);
  assert.equal(actual, readFileSync(path, 'utf8'), name);
}

function findings(model: DockerfileModel) {
  return MERGE_RUN_RULES.flatMap((rule) => rule.check({ model, host: { readFile: () => undefined } }).map((f) => ({ ...f, code: rule.code })));
}

/** The quick fixes on a RUN's line: the merge findings' fixes there (the engine makes them actions), one per edit. */
function quickFixes(model: DockerfileModel, line: number): CodeAction[] {
  const seen = new Set<string>();
  const actions: CodeAction[] = [];
  for (const f of findings(model)) {
    if (model.lines.positionAt(f.span.start).line !== line - 1) continue;
    for (const fix of f.fixes ?? []) {
      const key = JSON.stringify(fix.edits);
      if (seen.has(key)) continue;
      seen.add(key);
      const edits = fix.edits.map((e) => ({ range: model.lines.rangeOf(e), newText: e.newText }));
      actions.push({ title: fix.title, kind: 'quickfix', edit: { changes: { [URI]: edits } } });
    }
  }
  return actions;
}

describe('merge RUN quick fixes', () => {
  const cases = JSON.parse(readFileSync(join(fixtures, 'cases.json'), 'utf8')) as Case[];
  for (const c of cases) {
    const label = `${c.input}, RUN on line ${c.line}: ${c.actions.length ? c.actions.join(' / ') : `not offered${c.reason ? ` (${c.reason})` : ''}`}`;
    it(label, () => {
      const model = parseDocument(readFileSync(join(fixtures, c.input), 'utf8'));
      const range = { start: { line: c.line - 1, character: 0 }, end: { line: c.line - 1, character: 0 } };
      const actions = quickFixes(model, c.line);
      assert.deepEqual(actions.map((a) => a.title), c.actions);
      actions.forEach((action, n) => {
        const after = apply(model, action);
        expectFile(`${c.input.replace(/\.Dockerfile$/, '')}.line${c.line}.${n + 1}.expected`, after);
        // The merged file still parses, and has fewer instructions and layers.
        const merged = parseDocument(after);
        assert.equal(merged.ast.problems.filter((p) => p.severity === 'error').length, 0);
        const removed = model.ast.instructions.length - merged.ast.instructions.length;
        assert.ok(removed >= 1);
        const stage = model.stageAt(model.lines.offsetAt(range.start))!.index;
        assert.equal(computeLayers(merged).stages[stage].own.length, computeLayers(model).stages[stage].own.length - removed);
      });
      const found = findings(model).filter((f) => model.lines.positionAt(f.span.start).line === c.line - 1);
      if (c.codes) assert.deepEqual(found.map((f) => f.code).sort(), [...c.codes].sort());
      if (c.reason) {
        const pair = findRunPairs(model).find((p) => p.run.startLine === c.line - 1);
        assert.ok(pair && !pair.mergeable && pair.reason?.includes(c.reason), `reason: ${pair?.reason}`);
        const message = found.find((f) => f.code === 'ConsecutiveRunInstructions')?.message ?? '';
        assert.ok(message.includes('Not merged automatically') && message.includes(c.reason), message);
      }
    });
  }
});

describe('merge every chain of the file (source action)', () => {
  it('fix-all.Dockerfile: both stages, RUNs separated by COPY stay apart', () => {
    const model = parseDocument(readFileSync(join(fixtures, 'fix-all.Dockerfile'), 'utf8'));
    const actions = mergeRunCodeActions(model, URI, ['source']);
    assert.deepEqual(mergeRunCodeActions(model, URI, ['quickfix']), []);
    assert.deepEqual(actions.map((a) => [a.title, a.kind]), [['Merge all consecutive RUN instructions (6 RUNs into 3)', MERGE_ALL_KIND]]);
    const after = apply(model, actions[0]);
    expectFile('fix-all.expected', after);
    assert.deepEqual(computeLayers(parseDocument(after)).stages.map((s) => s.own.length), [3, 1]);
  });

  it('the findings carry the same fixes as the quick fixes', () => {
    const model = parseDocument(readFileSync(join(fixtures, 'chain3.Dockerfile'), 'utf8'));
    const consecutive = findings(model).filter((f) => f.code === 'ConsecutiveRunInstructions');
    assert.deepEqual(consecutive.map((f) => model.lines.positionAt(f.span.start).line + 1), [3, 4]);
    assert.deepEqual(consecutive[0].fixes?.map((x) => x.title), ['Merge with previous RUN', 'Merge 3 consecutive RUN instructions']);
    assert.ok(consecutive.every((f) => f.fixes?.every((x) => !x.preferred)));
  });
});
