// One fixture file per rule: cases that trigger it (with the exact range and message), cases that
// must not, and the text after its fixes. `UPDATE_FIXTURES=1` rewrites the expected sections.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from '../../server/src/dockerfile/parser/model';
import { applyEdits, mergeFixes, RULES, runDiagnostics, type RuleSetting } from '../../server/src/dockerfile/services/diagnostics';
import { MERGE_RUN_RULES } from '../../server/src/dockerfile/services/diagnostics/rules/mergeRun';
import { readCases, writeCases, type RuleCase } from './fixtureFormat';
import { parseHadolintConfig } from '../../server/src/dockerfile/services/diagnostics/hadolintConfig';
import { useShellParser } from '../support/shellParser';

useShellParser();

const dir = join(process.cwd(), 'test', 'fixtures', 'diagnostics', 'rules');
const update = process.env.UPDATE_FIXTURES === '1';

function run(code: string, c: RuleCase) {
  const model = parseDocument(c.dockerfile);
  const files = c.options?.files ?? {};
  const rules: Record<string, RuleSetting> = { ...(c.options?.rules as Record<string, RuleSetting>) };
  if (RULES.find((r) => r.code === code)?.experimental && !rules[code]) rules[code] = 'warning';
  const findings = runDiagnostics(model, {
    filePath: '/project/Dockerfile',
    host: { readFile: (p) => (p.startsWith('/project/') ? files[p.slice('/project/'.length)] : undefined) },
    rules,
    buildArgs: c.options?.buildArgs,
    hadolint: c.options?.hadolint !== undefined ? parseHadolintConfig(c.options.hadolint) : undefined,
  }).filter((f) => f.code === code);
  const lines = findings.map((f) => {
    const a = model.lines.positionAt(f.span.start);
    const b = model.lines.positionAt(f.span.end);
    return `${a.line + 1}:${a.character + 1}-${b.line + 1}:${b.character + 1} ${f.message}`;
  });
  const fixes = findings.map((f) => f.fixes?.[0]).filter((x) => x !== undefined);
  const fixed = fixes.length > 0 ? applyEdits(c.dockerfile, mergeFixes(fixes)) : undefined;
  return { lines, fixed };
}

const fixtureFiles = readdirSync(dir).filter((f) => f.endsWith('.cases'));

describe('every rule has a fixture with a triggering and a clean case', () => {
  // The merge-RUN rules keep their fixtures with services/mergeRun.ts (test/fixtures/mergeRun).
  for (const rule of RULES.filter((r) => !MERGE_RUN_RULES.includes(r))) {
    it(`${rule.code} has fixtures`, () => {
      assert.ok(fixtureFiles.includes(`${rule.code}.cases`), `missing test/fixtures/diagnostics/rules/${rule.code}.cases`);
      const cases = readCases(join(dir, `${rule.code}.cases`));
      assert.ok(cases.some((c) => c.findings.length > 0), 'no case triggers the rule');
      assert.ok(cases.some((c) => c.findings.length === 0), 'no case shows where it must stay quiet');
    });
  }
});

for (const file of fixtureFiles) {
  const code = file.replace(/\.cases$/, '');
  describe(`rule ${code}`, () => {
    const path = join(dir, file);
    const cases = readCases(path);
    // After the shell parser has loaded (useShellParser's hook runs before this one): rewritten at
    // collection time, every shell-based rule's expectations came out empty. Run again to check.
    if (update) {
      before(() => {
        for (const c of cases) {
          const got = run(code, c);
          c.findings = got.lines;
          c.fixed = got.fixed;
        }
        writeCases(path, cases);
      });
    }
    for (const c of cases) {
      it(c.name, () => {
        const got = run(code, c);
        assert.deepEqual(got.lines, c.findings);
        assert.equal(got.fixed, c.fixed);
        if (got.fixed !== undefined) {
          // A fix must actually repair the problem it is offered for.
          const again = run(code, { ...c, dockerfile: got.fixed });
          assert.ok(again.lines.length < got.lines.length || got.lines.length === 0, `fix leaves ${again.lines.join('; ')}`);
        }
      });
    }
  });
}
