// Hover cases from test/fixtures/compose/hover/hovers.txt (cursor marker `|`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { parseCompose, composeHover } from '../../server/src/compose/index';
import { FIXTURES, projectContext, readCases, withCursor } from './helpers';

for (const c of readCases(join(FIXTURES, 'hover/hovers.txt'))) {
  test(`compose hover: ${c.name}`, () => {
    const { text, offset } = withCursor(c.text);
    const model = parseCompose(text);
    const hover = composeHover(model, model.lines.positionAt(offset), projectContext());
    if (c.expect.none) {
      assert.equal(hover, null);
      return;
    }
    assert.ok(hover, 'no hover');
    const value = (hover.contents as { value: string }).value;
    for (const want of c.expect.contains ?? []) assert.ok(value.includes(want), `missing «${want}» in:\n${value}`);
  });
}
