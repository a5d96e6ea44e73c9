// Instruction heads are shared between documents by the keyword as written, except for keywords long
// enough that V8 keeps them as views into the document's text: sharing one of those would keep a
// closed document's whole text alive.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { instructionHead } from '../../server/src/dockerfile/parser/instructionHead';

test('a keyword as BuildKit knows it shares one head across documents', () => {
  const a = instructionHead('HEALTHCHECK', 'healthcheck', true, 'shell', 11);
  const b = instructionHead('HEALTHCHECK', 'healthcheck', true, 'shell', 11);
  assert.equal(a, b);
});

test('a made-up keyword of 13 characters or more gets a head of its own each time', () => {
  const text = 'x'.repeat(1000) + 'madeupkeyword1 arg';
  const written = text.slice(1000, 1014);
  const a = instructionHead(written.toUpperCase(), written, false, 'shell', written.length);
  const b = instructionHead(written.toUpperCase(), written, false, 'shell', written.length);
  assert.notEqual(a, b);
  assert.deepEqual(a, b);
});
