// Repeated mapping keys as data (test/fixtures/compose/duplicate-keys.json): what the model reports
// (scanTree: every repeat, with its first) and where compose's reading stops (its first repeat).
// Mappings of a few keys and of many are found differently (pair by pair, or with a set).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseCompose } from '../../server/src/compose/model';
import { readYamlSource } from '../../server/src/compose/project/yamlSource';

interface Case {
  name: string;
  text: string;
  /** [name, line of the repeat, line of the first], 1-based. */
  duplicates: [string, number, number][];
  readingError: string | null;
}

const { cases } = JSON.parse(readFileSync(resolve('test/fixtures/compose/duplicate-keys.json'), 'utf8')) as { cases: Case[] };

for (const c of cases) {
  test(`duplicate keys: ${c.name}`, () => {
    const model = parseCompose(c.text, false);
    const line = (offset: number) => model.lines.positionAt(offset).line + 1;
    assert.deepEqual(
      model.duplicateKeys.map((d) => [d.name, line(d.span.start), line(d.first.start)]),
      c.duplicates,
    );
    const [reading] = readYamlSource(c.text);
    assert.equal(reading.errors[0]?.message ?? null, c.readingError);
  });
}
