// Compose formatting as data (input → expected byte for byte, expected is a fixed point), and the
// safety proof on every corpus Compose file: same data as JSON, same comments in the same order,
// idempotent, and the formatter's own safety net never needed on a file that parses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Lexer, parseAllDocuments } from 'yaml';
import { formatCompose, formatComposeChecked, formatComposeEdits, type ComposeFormatOptions } from '../../server/src/compose/format';
import { corpusPath } from '../support/corpora';

const dir = join(process.cwd(), 'test', 'fixtures', 'format-compose');
const cases = JSON.parse(readFileSync(join(dir, 'cases.json'), 'utf8')) as Record<string, { about: string; options?: Partial<ComposeFormatOptions> }>;

for (const [name, c] of Object.entries(cases)) {
  test(`compose format ${name}: ${c.about}`, () => {
    const options = { tabSize: 2, ...c.options };
    const input = readFileSync(join(dir, `${name}.yaml`), 'utf8');
    const expected = readFileSync(join(dir, `${name}.expected.yaml`), 'utf8');
    assert.equal(formatCompose(input, options), expected);
    assert.equal(formatCompose(expected, options), expected, 'formatting the result again changes nothing');
  });
}

test('compose format: one edit for what changes, none for a formatted file', () => {
  const text = 'services:\n    a:\n        image: alpine\n';
  const edits = formatComposeEdits(text, { tabSize: 2 });
  assert.equal(edits.length, 1);
  const [e] = edits;
  assert.equal(text.slice(0, e.start) + e.newText + text.slice(e.end), 'services:\n  a:\n    image: alpine\n');
  assert.deepEqual(formatComposeEdits('services:\n  a:\n    image: alpine\n', { tabSize: 2 }), []);
});

test('compose format: odd input never throws', () => {
  for (const input of ['', '\n\n', '# only a comment\n', 'a: b: c', '- just\n- a list\n', '---\n---\n', 'services: !!binary AAAA\n', 'x: *missing\n', '\t\tservices:\n']) {
    const out = formatCompose(input, { tabSize: 2 });
    assert.equal(typeof out, 'string');
    assert.equal(formatCompose(out, { tabSize: 2 }), out, JSON.stringify(input));
  }
});

function data(text: string): string {
  return JSON.stringify(parseAllDocuments(text, { merge: true }).map((d) => d.toJS({ maxAliasCount: -1 })));
}

function comments(text: string): string[] {
  return [...new Lexer().lex(text)].filter((t) => t.startsWith('#')).map((t) => t.trimEnd());
}

test('corpus: every formatted Compose file has the same data and comments, and formatting is idempotent', () => {
  const folder = corpusPath('compose', 'real');
  const files = readdirSync(folder).filter((f) => /\.ya?ml$/.test(f)).sort();
  assert.ok(files.length >= 200, 'corpus present');
  const failures: string[] = [];
  let changed = 0;
  for (const file of files) {
    const text = readFileSync(join(folder, file), 'utf8');
    const yamlOk = parseAllDocuments(text).every((d) => d.errors.length === 0);
    const result = formatComposeChecked(text, { tabSize: 2 });
    if (result.text !== text) changed++;
    if (yamlOk && result.keptBecause) failures.push(`${file}: kept as written (${result.keptBecause})`);
    if (data(result.text) !== data(text)) failures.push(`${file}: data differs`);
    if (comments(result.text).join('\n') !== comments(text).join('\n')) failures.push(`${file}: comments differ`);
    if (formatCompose(result.text, { tabSize: 2 }) !== result.text) failures.push(`${file}: not idempotent`);
  }
  console.log(`formatted ${files.length} Compose files, ${changed} changed, ${failures.length} failures`);
  assert.deepEqual(failures, []);
});
