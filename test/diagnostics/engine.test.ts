// The engine around the rules: the `# check=` directive exactly as BuildKit reads it, inline ignore
// comments (ours and hadolint's), per-rule settings, code actions and the LSP shape.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from '../../server/src/dockerfile/parser/model';
import {
  applyEdits,
  codeActions,
  fixAllEdits,
  FIX_ALL_KIND,
  RULES,
  runDiagnostics,
  toLspDiagnostics,
  type RuleSetting,
} from '../../server/src/dockerfile/services/diagnostics';
import { parseCheckDirective } from '../../server/src/dockerfile/services/diagnostics/checkDirective';
import { readCases, writeCases, type RuleCase } from './fixtureFormat';
import { parseHadolintConfig } from '../../server/src/dockerfile/services/diagnostics/hadolintConfig';
import { useShellParser } from '../support/shellParser';

useShellParser();

const fixtures = join(process.cwd(), 'test', 'fixtures', 'diagnostics');
const update = process.env.UPDATE_FIXTURES === '1';

function runAll(c: RuleCase, only?: (code: string) => boolean): string[] {
  const model = parseDocument(c.dockerfile);
  const files = c.options?.files ?? {};
  return runDiagnostics(model, {
    filePath: '/project/Dockerfile',
    host: { readFile: (p) => (p.startsWith('/project/') ? files[p.slice('/project/'.length)] : undefined) },
    rules: c.options?.rules as Record<string, RuleSetting> | undefined,
    buildArgs: c.options?.buildArgs,
    hadolint: c.options?.hadolint !== undefined ? parseHadolintConfig(c.options.hadolint) : undefined,
  })
    .filter((f) => !only || only(f.code))
    .map((f) => {
    const a = model.lines.positionAt(f.span.start);
    const b = model.lines.positionAt(f.span.end);
    return `${a.line + 1}:${a.character + 1}-${b.line + 1}:${b.character + 1} ${f.severity} ${f.code}`;
  });
}

for (const file of readdirSync(join(fixtures, 'engine')).filter((f) => f.endsWith('.cases'))) {
  describe(`engine: ${file.replace('.cases', '')}`, () => {
    const path = join(fixtures, 'engine', file);
    const cases = readCases(path);
    // Rewritten in a hook, after the shell parser has loaded (at collection time every shell rule's
    // findings came out empty).
    if (update) {
      before(() => {
        for (const c of cases) c.findings = runAll(c);
        writeCases(path, cases);
      });
    }
    for (const c of cases) it(c.name, () => assert.deepEqual(runAll(c), c.findings));
  });
}

describe("the examples of Docker's build-check documentation: bad ones warn, good ones do not", () => {
  // Only BuildKit's own checks are compared here: our best-practice rules would add findings the docs do not show.
  const buildkit = (code: string) => RULES.find((r) => r.code === code)?.buildkit === true;
  const path = join(fixtures, 'buildkit-docs.cases');
  const cases = readCases(path);
  if (update) {
    before(() => {
      for (const c of cases) c.findings = runAll(c, buildkit).map((l) => l.replace(/ \S+ (\S+)$/, ' $1'));
      writeCases(path, cases);
    });
  }
  for (const c of cases) it(c.name, () => assert.deepEqual(runAll(c, buildkit).map((l) => l.replace(/ \S+ (\S+)$/, ' $1')), c.findings));
});

describe('check directive parsing follows BuildKit', () => {
  it('reads skip, experimental and error', () => {
    const o = parseCheckDirective('skip=A, B;experimental=all;error=TRUE');
    assert.deepEqual([o.skip, o.experimentalAll, o.errorOnWarning, o.error], [['A', 'B'], true, true, undefined]);
  });
  it('takes at most three parts: a fourth stays inside the third', () => {
    const o = parseCheckDirective('skip=A;error=true;experimental=B;skip=C');
    assert.deepEqual([o.error, o.experimental], [undefined, ['B;skip=C']]);
  });
  it('rejects a part without =', () => assert.equal(parseCheckDirective('skip').error, 'invalid check option "skip"'));
  it('accepts Go boolean spellings', () => {
    for (const v of ['1', 't', 'T', 'true', 'True', 'TRUE']) assert.equal(parseCheckDirective('error=' + v).errorOnWarning, true);
    for (const v of ['0', 'f', 'false', 'False']) assert.equal(parseCheckDirective('error=' + v).errorOnWarning, false);
  });
});

describe('code actions', () => {
  const text = 'FROM alpine:3.20 as build\nFROM alpine:3.20 as test\nRUN apk add curl\nCMD echo hi\n';
  const model = parseDocument(text);
  // Read when the tests run: the shell parser loads in a `before` hook.
  let findings: ReturnType<typeof runDiagnostics> = [];
  before(() => {
    findings = runDiagnostics(model);
  });
  const uri = 'file:///w/Dockerfile';

  it('offers the quick fix for the finding under the cursor, preferred when safe', () => {
    const actions = codeActions(model, { start: { line: 0, character: 18 }, end: { line: 0, character: 18 } }, findings, { uri });
    const fix = actions.find((a) => a.title === "Change 'as' to 'AS'");
    assert.ok(fix);
    assert.equal(fix.kind, 'quickfix');
    assert.equal(fix.isPreferred, true);
    assert.deepEqual(fix.edit?.changes?.[uri], [{ range: { start: { line: 0, character: 17 }, end: { line: 0, character: 19 } }, newText: 'AS' }]);
    assert.equal(fix.diagnostics?.[0].code, 'FromAsCasing');
  });

  it('offers "fix all of this kind" when the file has more than one', () => {
    const actions = codeActions(model, { start: { line: 0, character: 18 }, end: { line: 0, character: 18 } }, findings, { uri });
    const all = actions.find((a) => a.title.startsWith('Fix all FromAsCasing'));
    assert.ok(all);
    assert.equal(all.edit?.changes?.[uri].length, 2);
  });

  it('gives source.fixAll.docklens only when asked, with every safe fix', () => {
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    assert.equal(codeActions(model, range, findings, { uri }).some((a) => a.kind === FIX_ALL_KIND), false);
    const [action] = codeActions(model, range, findings, { uri, only: ['source.fixAll'] });
    assert.equal(action.kind, FIX_ALL_KIND);
    const fixed = applyEdits(text, fixAllEdits(findings));
    assert.equal(fixed, 'FROM alpine:3.20 AS build\nFROM alpine:3.20 AS test\nRUN apk add --no-cache curl\nCMD ["echo", "hi"]\n');
  });

  it('fix-all fixtures: the text after source.fixAll', () => {
    const dir = join(fixtures, 'fix-all');
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.Dockerfile'))) {
      const input = readFileSync(join(dir, f), 'utf8');
      const m = parseDocument(input);
      const got = applyEdits(input, fixAllEdits(runDiagnostics(m)));
      const expectedPath = join(dir, f.replace(/\.Dockerfile$/, '.fixed'));
      if (update) require('node:fs').writeFileSync(expectedPath, got);
      assert.equal(got, readFileSync(expectedPath, 'utf8'), f);
    }
  });
});

describe('LSP diagnostics', () => {
  it('carry the rule code, source, severity and documentation link', () => {
    const model = parseDocument('FROM alpine:3.20\nMAINTAINER me\nCOPPY a b\n');
    const [maintainer, unknown] = toLspDiagnostics(model, runDiagnostics(model));
    assert.deepEqual(
      { code: maintainer.code, source: maintainer.source, severity: maintainer.severity, href: maintainer.codeDescription?.href, tags: maintainer.tags, range: maintainer.range },
      { code: 'MaintainerDeprecated', source: 'docklens', severity: 2, href: 'https://docs.docker.com/go/dockerfile/rule/maintainer-deprecated/', tags: [2], range: { start: { line: 1, character: 0 }, end: { line: 1, character: 13 } } },
    );
    assert.equal(unknown.severity, 1);
    assert.equal(unknown.message, "Unknown instruction 'COPPY' (did you mean COPY?)");
  });
});
