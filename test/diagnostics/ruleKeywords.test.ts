// An instruction rule that names its `keywords` is run by the engine on those instructions alone
// (runRules.ts). Here every such rule runs on every other instruction of the rule fixtures and of
// the corpus (ONBUILD's included) and must find nothing there: a keyword left out of a rule's list
// fails this test instead of silently hiding findings.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from '../../server/src/dockerfile/parser/model';
import { RULES } from '../../server/src/dockerfile/services/diagnostics';
import { readCases } from './fixtureFormat';
import { corpusDockerfiles, hasCorpora } from '../support/corpora';
import { useShellParser } from '../support/shellParser';

useShellParser();

const rulesDir = join(process.cwd(), 'test', 'fixtures', 'diagnostics', 'rules');
const keyed = RULES.filter((r) => r.scope === 'instruction' && r.keywords !== undefined);

/** `file: Code at offset` for each finding of a keyed rule in an instruction outside its keywords. */
function strays(id: string, text: string): string[] {
  const model = parseDocument(text);
  const ctx = { model, host: { readFile: () => undefined } };
  const out: string[] = [];
  for (const ins of model.ast.instructions) {
    for (const rule of keyed) {
      const keywords = rule.keywords!;
      if (keywords.includes(ins.keyword) || (ins.inner !== undefined && keywords.includes(ins.inner.keyword))) continue;
      for (const f of rule.checkInstruction!(ins, ctx)) out.push(`${id}: ${rule.code} in ${ins.keyword} at ${f.span.start}`);
    }
  }
  return out;
}

describe('instruction rules with keywords', () => {
  it('some rules name their keywords', () => {
    assert.ok(keyed.length > 0);
  });

  it('find nothing outside their keywords in the rule fixtures', () => {
    const found: string[] = [];
    for (const file of readdirSync(rulesDir).filter((f) => f.endsWith('.cases'))) {
      for (const c of readCases(join(rulesDir, file))) found.push(...strays(`${file} ${c.name}`, c.dockerfile));
    }
    assert.deepEqual(found, []);
  });

  it('find nothing outside their keywords in the corpus', { skip: !hasCorpora() && 'corpora not found' }, () => {
    const found: string[] = [];
    for (const f of corpusDockerfiles()) found.push(...strays(f.id, f.text));
    assert.deepEqual(found, []);
  });
});
