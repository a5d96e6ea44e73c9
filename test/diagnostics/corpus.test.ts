// Every rule over every real Dockerfile of the corpus: nothing throws, no finding is reported twice,
// ranges and fixes stay inside the file, fix-all never breaks the parse, and the per-rule hit counts
// are kept in a snapshot so any change in what the rules find is seen in review. Messages are plain
// text (no Markdown backticks outside BuildKit's own wording).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from '../../server/src/dockerfile/parser/model';
import { applyEdits, fixAllEdits, RULES, runDiagnostics, type RuleSetting } from '../../server/src/dockerfile/services/diagnostics';
import { corpusDockerfiles, hasCorpora } from '../support/corpora';
import { hasMarkdownBacktick } from '../support/plainText';
import { useShellParser } from '../support/shellParser';

useShellParser();

const snapshot = join(process.cwd(), 'test', 'fixtures', 'diagnostics', 'corpus-counts.json');
// Experimental checks are on here so that they are exercised too.
const allOn: Record<string, RuleSetting> = Object.fromEntries(RULES.filter((r) => r.experimental).map((r) => [r.code, r.defaultSeverity]));

describe('diagnostics over the corpus', { skip: !hasCorpora() && 'corpora not found' }, () => {
  it('runs every rule on every file without a crash, duplicate, stray range or backtick in a message; counts match the snapshot', () => {
    const files = corpusDockerfiles();
    const counts: Record<string, number> = Object.fromEntries(RULES.map((r) => [r.code, 0]));
    const problems: string[] = [];
    const started = Date.now();
    for (const f of files) {
      const model = parseDocument(f.text);
      const findings = runDiagnostics(model, { rules: allOn, onRuleError: (code, e) => problems.push(`${f.id}: ${code} threw ${String(e)}`) });
      const seen = new Set<string>();
      for (const x of findings) {
        counts[x.code] = (counts[x.code] ?? 0) + 1;
        const key = `${x.code}@${x.span.start}-${x.span.end}`;
        if (seen.has(key)) problems.push(`${f.id}: ${key} reported twice`);
        seen.add(key);
        if (hasMarkdownBacktick(x.code, x.message)) problems.push(`${f.id}: ${x.code} message has a backtick: ${x.message}`);
        if (x.span.start < 0 || x.span.end > f.text.length || x.span.start > x.span.end) problems.push(`${f.id}: ${key} out of range`);
        for (const fx of x.fixes ?? []) for (const e of fx.edits) if (e.start < 0 || e.end > f.text.length || e.start > e.end) problems.push(`${f.id}: ${x.code} fix edit out of range`);
      }
      // Fix-all must keep a file BuildKit could parse as parseable as it was.
      const before = model.ast.problems.length;
      const fixed = parseDocument(applyEdits(f.text, fixAllEdits(findings)));
      if (fixed.ast.problems.length > before) problems.push(`${f.id}: fix-all adds parse problems: ${fixed.ast.problems.map((p) => p.message).join('; ')}`);
    }
    const elapsed = Date.now() - started;
    assert.deepEqual(problems, []);
    const sorted = Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
    const body = JSON.stringify({ files: files.length, counts: sorted }, null, 2) + '\n';
    if (process.env.UPDATE_FIXTURES === '1') writeFileSync(snapshot, body);
    assert.equal(body, readFileSync(snapshot, 'utf8'), 'per-rule hit counts changed: review, then run with UPDATE_FIXTURES=1');
    process.stdout.write(`# ${files.length} files, ${Object.values(counts).reduce((a, b) => a + b, 0)} findings in ${elapsed} ms\n`);
  });
});
