// Document symbols of a multi-stage Dockerfile: stages at the top level with
// their names, instructions beneath them.
import * as assert from 'node:assert/strict';
import { flattenSymbols, lineOf, openWorkspaceFile, poll, symbols, waitForServer } from './helpers';

suite('Document symbols', () => {
  suiteSetup(waitForServer);

  test('a two-stage Dockerfile shows its stages by name, with their instructions inside', async () => {
    const doc = await openWorkspaceFile('Dockerfile');
    const flat = flattenSymbols(await poll(() => symbols(doc), (s) => Array.isArray(s) && s.length > 0));
    const stages = flat.filter((s) => s.depth === 0);
    assert.equal(stages.length, 2, `top-level symbols: ${JSON.stringify(stages)}`);
    assert.match(stages[0].text, /\bbuild\b/);
    assert.equal(stages[0].line, lineOf(doc, 'FROM python:3.12-slim AS build'));
    assert.match(stages[1].text, /\bfinal\b/);
    assert.equal(stages[1].line, lineOf(doc, 'FROM python:3.12-slim AS final'));
    const inner = flat.filter((s) => s.depth > 0);
    for (const [needle, nth] of [['RUN pip install', 1], ['RUN python -m compileall', 1], ['ENTRYPOINT', 1], ['CMD', 1]] as const) {
      const line = lineOf(doc, needle, nth);
      const sym = inner.find((s) => s.line === line);
      assert.ok(sym, `no nested symbol on line ${line + 1} (${needle}); nested: ${JSON.stringify(inner)}`);
      assert.match(sym.text, new RegExp(needle.split(' ')[0]));
    }
  });
});
