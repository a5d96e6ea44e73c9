// compose-go's merge expectations as data (test/fixtures/compose-project/merge.json): two files
// merged attribute by attribute, lists de-duplicated, compared with the expected model.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { enforceUnicity, mergeModels } from '../../server/src/compose/project/merge';
import { readYamlSource } from '../../server/src/compose/project/yamlSource';

const cases = JSON.parse(readFileSync(resolve('test/fixtures/compose-project/merge.json'), 'utf8')).cases as { from: string; files: string[]; expected: string }[];

cases.forEach((c, i) => {
  test(`merge ${i} (${c.from})`, () => {
    const [earlier, later] = c.files.map((f) => structuredClone(readYamlSource(f)[0].value) as Record<string, unknown>);
    const merged = enforceUnicity(mergeModels(earlier, later));
    assert.deepEqual(merged, parse(c.expected));
  });
});
