import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CompletionItem, MarkupContent } from 'vscode-languageserver-types';
import { parseDocument } from '../../server/src/dockerfile/parser/model';
import { getCompletions } from '../../server/src/dockerfile/services/completion';
import { instructions } from '../../server/src/dockerfile/data';
import { readCursorCases } from '../hover/cursorFixtures';

const dir = join(process.cwd(), 'test', 'fixtures', 'completion');
/** The longest `detail` allowed: "type=cache mount, required" fits, a sentence does not. */
const MAX_DETAIL = 28;

function newText(item: CompletionItem): string {
  const edit = item.textEdit;
  return edit && 'newText' in edit ? edit.newText : item.insertText ?? item.label;
}

for (const file of readdirSync(dir).filter((f) => f.endsWith('.completion'))) {
  describe(`completion fixtures: ${file}`, () => {
    for (const c of readCursorCases(readFileSync(join(dir, file), 'utf8'))) {
      it(c.name, () => {
        const items = getCompletions(parseDocument(c.text), c.offset);
        const labels = items.map((i) => i.label);
        if (c.expectNothing) {
          assert.deepEqual(labels, []);
          return;
        }
        for (const expected of c.contains) {
          // `>> label :: detail`: the item's detail is exactly that.
          const withDetail = / :: /.exec(expected);
          if (withDetail) {
            const [label, detail] = expected.split(' :: ');
            const item = items.find((i) => i.label === label);
            assert.ok(item, `missing ${label} in ${JSON.stringify(labels)}`);
            assert.equal(item.detail, detail, `${label}'s detail`);
            continue;
          }
          const exact = expected.includes(' == ');
          const [label, text] = expected.split(exact ? ' == ' : ' => ');
          const item = items.find((i) => i.label === label);
          assert.ok(item, `missing ${label} in ${JSON.stringify(labels)}`);
          if (text !== undefined) {
            const inserted = newText(item);
            assert.ok(exact ? inserted === text : inserted.includes(text), `${label} inserts ${JSON.stringify(inserted)}`);
          }
        }
        for (const label of c.excludes) assert.ok(!labels.includes(label), `unexpected ${label}`);
        for (const item of items) {
          // VS Code prints detail monospace on one line and wraps it inside words: a few words, never a sentence.
          if (item.detail !== undefined) {
            assert.ok(item.detail.length <= MAX_DETAIL, `${item.label}: detail longer than ${MAX_DETAIL} characters: ${JSON.stringify(item.detail)}`);
            assert.ok(!/[.!?](\s|$)/.test(item.detail), `${item.label}: detail is a sentence: ${JSON.stringify(item.detail)}`);
          }
          const edit = item.textEdit;
          assert.ok(edit && 'range' in edit, `${item.label} has a text edit`);
          const doc = parseDocument(c.text).lines;
          const start = doc.offsetAt(edit.range.start);
          const end = doc.offsetAt(edit.range.end);
          assert.ok(start <= c.offset && c.offset <= end, `${item.label}: the edit range covers the cursor`);
        }
      });
    }
  });
}

describe('every instruction is offered with its documentation', () => {
  const items = getCompletions(parseDocument('FROM alpine\n\n'), 12);
  for (const info of instructions) {
    it(info.keyword, () => {
      const item = items.find((i) => i.label === info.keyword);
      assert.ok(item);
      assert.ok((item.documentation as MarkupContent).value.includes(info.summary));
    });
  }
});

describe('completion never throws', () => {
  it('answers at every offset of odd input', () => {
    const text = '# syntax=\n#\nARG\nFROM --\nFROM a AS\nCOPY --from= \nRUN --mount=,,=, $\nCMD [\nENTRYPOINT ["a\nHEALTHCHECK --\nONBUILD\nSTOPSIGNAL\nENV =\n${\nRUN <<EOF\n$\n';
    const model = parseDocument(text);
    for (let i = 0; i <= text.length; i++) assert.ok(Array.isArray(getCompletions(model, i)));
  });
});
