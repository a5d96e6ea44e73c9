// Markdown safety: file values cannot break out of their code spans or fences, and neither client nor
// server ever marks Markdown as trusted or allows HTML in it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fencedCode, inlineCode, escapeMarkdown } from '../../server/src/common/markdown';
import { parseDocument } from '../../server/src/dockerfile/parser/model';
import { getHover } from '../../server/src/dockerfile/services/hover';

const SPANS: [string, string][] = [
  ['alpine', '`alpine`'],
  ['a`b', '``a`b``'],
  ['a``b', '```a``b```'],
  ['`x', '`` `x ``'],
  ['x\ny', '`x y`'],
];
for (const [text, expected] of SPANS) {
  test(`markdown: ${JSON.stringify(text)} as inline code is ${expected}`, () => assert.equal(inlineCode(text), expected));
}

test('markdown: a fence is longer than any backtick run of the code', () => {
  assert.equal(fencedCode('RUN echo ````', 'dockerfile'), '`````dockerfile\nRUN echo ````\n`````');
  assert.equal(fencedCode('x'), '```\nx\n```');
  assert.equal(escapeMarkdown('*a* [b](c) <i>'), '\\*a\\* \\[b\\]\\(c\\) \\<i\\>');
});

test('markdown: a Dockerfile stage name with backticks stays inside its code span in the hover', () => {
  const text = 'FROM alpine AS x``y\nFROM x``y\n';
  const model = parseDocument(text);
  const hover = getHover(model, text.indexOf('x``y', 20) + 1);
  assert.ok(hover);
  assert.ok(hover.contents.includes('```x``y```'), hover.contents);
});

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

test('markdown: client and server never set isTrusted or supportHtml', () => {
  const offenders = [...sources('client/src'), ...sources('server/src')].filter((path) => /\b(isTrusted|supportHtml)\s*[:=]/.test(readFileSync(path, 'utf8')));
  assert.deepEqual(offenders, []);
});
