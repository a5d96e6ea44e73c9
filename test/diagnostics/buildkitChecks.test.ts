// BuildKit's own build-check integration tests (moby/buildkit frontend/dockerfile/dockerfile_check_test.go),
// turned into data: each case is the Dockerfile, its `.dockerignore` and build arguments, and the
// warnings `docker build --check` reports (line, check name, message word for word). Only BuildKit's
// check names are compared: our own rules are not part of BuildKit's answer.
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { parseDocument } from '../../server/src/dockerfile/parser/model';
import { RULES, runDiagnostics, type ReportedFinding } from '../../server/src/dockerfile/services/diagnostics';
import type { DockerfileModel } from '../../server/src/dockerfile/parser/model';
import { readCases, type RuleCase } from './fixtureFormat';

const BUILDKIT = new Set(RULES.filter((r) => r.buildkit).map((r) => r.code));

/** The line BuildKit reports a finding on: the instruction's first line (NoEmptyContinuation: the finding's own line). */
function buildkitLine(model: DockerfileModel, f: ReportedFinding): number {
  const own = model.lines.positionAt(f.span.start).line;
  if (f.code === 'NoEmptyContinuation') return own + 1;
  const ins = model.instructionAt(f.span.start);
  return (ins ? ins.startLine : own) + 1;
}

function run(c: RuleCase) {
  const model = parseDocument(c.dockerfile);
  const files = c.options?.files ?? {};
  const findings = runDiagnostics(model, {
    filePath: '/project/Dockerfile',
    host: { readFile: (p) => (p.startsWith('/project/') ? files[p.slice('/project/'.length)] : undefined) },
    buildArgs: c.options?.buildArgs,
  });
  const warnings = findings
    .filter((f) => BUILDKIT.has(f.code))
    .map((f) => `${buildkitLine(model, f)} ${f.code} ${f.message}`)
    .sort((a, b) => parseInt(a) - parseInt(b) || (a < b ? -1 : a > b ? 1 : 0));
  return { warnings, errors: findings.filter((f) => f.severity === 'error') };
}

const cases = readCases(join(process.cwd(), 'test', 'fixtures', 'diagnostics', 'buildkit-check-tests.cases'));
let expected = 0;
let found = 0;
let extra = 0;

describe("BuildKit's check tests: the same warnings, lines and words", () => {
  for (const c of cases) {
    it(c.name, () => {
      const got = run(c);
      expected += c.findings.length;
      found += c.findings.filter((l) => got.warnings.includes(l)).length;
      extra += got.warnings.filter((l) => !c.findings.includes(l)).length;
      assert.deepEqual(got.warnings, c.findings);
      // A case whose build fails must show at least one error.
      if (c.error !== undefined) assert.ok(got.errors.length > 0, `BuildKit fails with: ${c.error}`);
    });
  }
  after(() => console.log(`BuildKit check tests: ${found} of ${expected} expected warnings found, ${extra} extra`));
});
