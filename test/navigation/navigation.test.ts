import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Range } from 'vscode-languageserver-types';
import { parseDocument, type DockerfileModel } from '../../server/src/dockerfile/parser/model';
import { definition, documentHighlights, references } from '../../server/src/dockerfile/services/navigation';
import { prepareRename, rename } from '../../server/src/dockerfile/services/rename';
import { resolveVariable, variablesInScope } from '../../server/src/dockerfile/services/scopes';
import { applyEdits, markSpans, readFixtureCases, type FixtureCase, type Section } from './fixtureFormat';

const fixtures = join(__dirname, '..', '..', 'test', 'fixtures', 'navigation');
const URI = 'file:///work/Dockerfile';

function offsets(model: DockerfileModel, range: Range): { start: number; end: number } {
  return { start: model.lines.offsetAt(range.start), end: model.lines.offsetAt(range.end) };
}

function check(c: FixtureCase, section: Section): void {
  const model = parseDocument(c.text);
  const marked = (spans: { start: number; end: number; write?: boolean }[]) => markSpans(c.text, spans);
  const none = section.body.trim() === 'none';
  switch (section.kind) {
    case 'definition': {
      const spans = definition(model, URI, c.cursor).map((l) => offsets(model, l.range));
      assert.equal(spans.length === 0 ? 'none\n' : marked(spans), none ? 'none\n' : section.body);
      return;
    }
    case 'references':
    case 'references-without-declaration': {
      const spans = references(model, URI, c.cursor, section.kind === 'references').map((l) => offsets(model, l.range));
      assert.equal(spans.length === 0 ? 'none\n' : marked(spans), none ? 'none\n' : section.body);
      return;
    }
    case 'highlights': {
      const spans = documentHighlights(model, c.cursor).map((h) => ({ ...offsets(model, h.range), write: h.kind === 3 }));
      assert.equal(spans.length === 0 ? 'none\n' : marked(spans), none ? 'none\n' : section.body);
      return;
    }
    case 'rename': {
      const result = rename(model, URI, c.cursor, section.argument);
      assert.ok(result && 'changes' in result, `expected edits, got ${JSON.stringify(result)}`);
      const edits = (result.changes?.[URI] ?? []).map((e) => ({ ...offsets(model, e.range), newText: e.newText }));
      assert.equal(applyEdits(c.text, edits), section.body);
      return;
    }
    case 'rename-error': {
      const result = rename(model, URI, c.cursor, section.argument);
      assert.ok(result && 'error' in result, `expected an error, got ${JSON.stringify(result)}`);
      assert.ok(result.error.includes(section.body.trim()), `"${result.error}" should mention "${section.body.trim()}"`);
      return;
    }
    case 'prepare-rename': {
      const result = prepareRename(model, c.cursor);
      if (none) return assert.equal(result, undefined);
      assert.ok(result && 'range' in result, `expected a range, got ${JSON.stringify(result)}`);
      assert.equal(marked([offsets(model, result.range)]), section.body);
      const { start, end } = offsets(model, result.range);
      assert.equal(result.placeholder, c.text.slice(start, end));
      return;
    }
    case 'prepare-rename-error': {
      const result = prepareRename(model, c.cursor);
      assert.ok(result && 'error' in result, `expected an error, got ${JSON.stringify(result)}`);
      assert.ok(result.error.includes(section.body.trim()), `"${result.error}" should mention "${section.body.trim()}"`);
      return;
    }
    case 'resolve': {
      // `key: value` lines compared with the binding: kind, value, declared (line number, 1-based),
      // defaultFrom (line), hiddenGlobal (line), automatic.
      const binding = resolveVariable(model, c.cursor);
      assert.ok(binding, 'no variable at the cursor');
      const line = (span?: { start: number }) => (span ? String(model.lines.positionAt(span.start).line + 1) : '-');
      const actual: Record<string, string> = {
        kind: binding.kind,
        value: binding.value ?? '-',
        declared: line(binding.declaration?.nameSpan),
        defaultFrom: line(binding.defaultFrom?.nameSpan),
        hiddenGlobal: line(binding.hiddenGlobal?.nameSpan),
        automatic: String(binding.automatic ?? false),
      };
      for (const row of section.body.trim().split('\n')) {
        const colon = row.indexOf(':');
        const key = row.slice(0, colon).trim();
        assert.ok(key in actual, `unknown resolve key ${key}`);
        assert.equal(actual[key], row.slice(colon + 1).trim(), `${key}`);
      }
      return;
    }
    case 'in-scope': {
      // Declared names visible at the cursor (kind arg/env), sorted, as `NAME=value` or `NAME`.
      const visible = variablesInScope(model, c.cursor)
        .filter((b) => b.kind === 'arg' || b.kind === 'env')
        .map((b) => (b.value !== undefined ? `${b.name}=${b.value}` : b.name))
        .sort();
      assert.equal(visible.join(' '), section.body.trim());
      return;
    }
    default:
      throw new Error(`${c.file}: unknown section "${section.kind}" in "${c.name}"`);
  }
}

for (const file of readdirSync(fixtures).filter((f) => f.endsWith('.txt')).sort()) {
  describe(`navigation fixtures: ${file}`, () => {
    for (const c of readFixtureCases(join(fixtures, file), file)) {
      for (const section of c.sections) {
        it(`${c.name} (${section.kind}${section.argument ? ' ' + section.argument : ''})`, () => check(c, section));
      }
    }
  });
}
