// Completion per context, from test/fixtures/compose/completion/contexts.txt (cursor marker `|`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { parseCompose, composeCompletion } from '../../server/src/compose/index';
import { FIXTURES, projectContext, readCases, withCursor } from './helpers';

const list = (values: string[] | undefined) =>
  (values ?? []).flatMap((v) => v.split(',')).map((s) => s.trim()).filter(Boolean);

for (const c of readCases(join(FIXTURES, 'completion/contexts.txt'))) {
  test(`compose completion: ${c.name}`, () => {
    const { text, offset } = withCursor(c.text);
    const model = parseCompose(text);
    const items = composeCompletion(model, model.lines.positionAt(offset), projectContext()).items;
    const labels = items.map((i) => i.label);
    for (const want of list(c.expect.includes)) assert.ok(labels.includes(want), `missing ${want} in ${labels.join(', ')}`);
    for (const unwanted of list(c.expect.excludes)) assert.ok(!labels.includes(unwanted), `unexpected ${unwanted}`);
    if (c.expect.exactly) assert.deepEqual([...labels].sort(), list(c.expect.exactly).sort());
    if (c.expect.empty) assert.deepEqual(labels, []);
    // Every item replaces exactly what was typed at the cursor; its detail is a few words, not a sentence.
    for (const item of items) {
      if (item.detail !== undefined) {
        assert.ok(item.detail.length <= 28, `${item.label}: detail longer than 28 characters: ${JSON.stringify(item.detail)}`);
        assert.ok(!/[.!?](\s|$)/.test(item.detail), `${item.label}: detail is a sentence: ${JSON.stringify(item.detail)}`);
      }
      const edit = item.textEdit as { range: { end: { line: number; character: number } } } | undefined;
      assert.ok(edit, `item ${item.label} has no textEdit`);
      assert.deepEqual(edit.range.end, model.lines.positionAt(offset));
    }
  });
}

test('compose completion: key items carry the schema description', () => {
  const { text, offset } = withCursor('services:\n  web:\n    |\n');
  const model = parseCompose(text);
  const image = composeCompletion(model, model.lines.positionAt(offset)).items.find((i) => i.label === 'image');
  assert.ok(image);
  assert.match(JSON.stringify(image.documentation), /Specify the image to start the container from/);
  assert.equal(image.textEdit?.newText, 'image: ');
  const ports = composeCompletion(model, model.lines.positionAt(offset)).items.find((i) => i.label === 'ports');
  assert.equal(ports?.textEdit?.newText, 'ports:\n      - ');
});
