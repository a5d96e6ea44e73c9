// VS Code prints diagnostic messages as plain text, so a backtick in one is shown literally. Every
// message our rules write reads well without Markdown (quotes, not backticks); only BuildKit's own
// check messages keep BuildKit's wording. The corpus tests (diagnostics and Compose) assert the same
// over every real file while they run the rules anyway.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from '../../server/src/dockerfile/parser/model';
import { RULES, runDiagnostics, type RuleSetting } from '../../server/src/dockerfile/services/diagnostics';
import { parseCompose, validateCompose } from '../../server/src/compose/index';
import { readCases } from './fixtureFormat';
import { projectContext } from '../compose/helpers';
import { hasMarkdownBacktick } from '../support/plainText';

const everyRuleOn: Record<string, RuleSetting> = Object.fromEntries(RULES.map((r) => [r.code, r.defaultSeverity]));

function fixtureDockerfiles(): { id: string; text: string }[] {
  const out: { id: string; text: string }[] = [];
  const rules = join('test', 'fixtures', 'diagnostics', 'rules');
  for (const file of readdirSync(rules).filter((f) => f.endsWith('.cases'))) {
    for (const c of readCases(join(rules, file))) out.push({ id: `${file} / ${c.name}`, text: c.dockerfile });
  }
  for (const dir of [join('test', 'fixtures', 'mergeRun'), join('test', 'fixtures', 'diagnostics', 'cli'), join('test', 'e2e', 'workspace')]) {
    for (const file of readdirSync(dir).filter((f) => /Dockerfile|Containerfile/.test(f) && !f.endsWith('.dockerignore'))) {
      out.push({ id: join(dir, file), text: readFileSync(join(dir, file), 'utf8') });
    }
  }
  return out;
}

describe('diagnostic messages are plain text', () => {
  it('no Dockerfile message of ours contains a backtick (rule fixtures, merge-RUN fixtures, editor workspace)', () => {
    const offenders: string[] = [];
    for (const f of fixtureDockerfiles()) {
      for (const x of runDiagnostics(parseDocument(f.text), { rules: everyRuleOn })) {
        if (hasMarkdownBacktick(x.code, x.message)) offenders.push(`${f.id}: ${x.code}: ${x.message}`);
      }
    }
    assert.deepEqual(offenders, []);
  });

  it('no rule description of ours contains a backtick (check --list-rules, SARIF)', () => {
    const offenders = RULES.filter((r) => r.description.includes('`') && !(r.buildkit && r.code === 'InvalidDefinitionDescription')).map((r) => `${r.code}: ${r.description}`);
    assert.deepEqual(offenders, []);
  });

  it("keeps BuildKit's own backticks in its InvalidDefinitionDescription message", () => {
    const findings = runDiagnostics(parseDocument('FROM alpine\n# some text\nARG foo=bar\n'), { rules: { InvalidDefinitionDescription: 'warning' } });
    assert.deepEqual(
      findings.filter((f) => f.code === 'InvalidDefinitionDescription').map((f) => f.message),
      ['Comment for ARG should follow the format: `# foo <description>`'],
    );
  });

  it('no Compose message contains a backtick (check fixtures)', () => {
    const checks = join('test', 'fixtures', 'compose', 'checks');
    const offenders: string[] = [];
    for (const f of readdirSync(checks).filter((n) => n.endsWith('.yaml'))) {
      for (const d of validateCompose(parseCompose(readFileSync(join(checks, f), 'utf8')), projectContext('compose.yaml'))) {
        const message = typeof d.message === 'string' ? d.message : d.message.value;
        if (hasMarkdownBacktick(String(d.code), message)) offenders.push(`${f}: ${String(d.code)}: ${message}`);
      }
    }
    assert.deepEqual(offenders, []);
  });

  it('a schema type error lists the allowed values in quotes', () => {
    const text = 'services:\n  web:\n    image: nginx\n    cgroup: [1]\n';
    const messages = validateCompose(parseCompose(text), projectContext('compose.yaml')).map((d) => (typeof d.message === 'string' ? d.message : d.message.value));
    assert.ok(messages.includes('"cgroup" in service "web" must be one of "host", "private"; found a list.'), JSON.stringify(messages));
  });
});
