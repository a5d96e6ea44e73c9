// An instruction's packed list (parser/packed.ts) keeps five parts in one array, and finds a part from
// the list's end without a scan: every part read back is the part put in, for the arguments alone,
// short lists (one boundary number), long lists (the boundaries, then the end marker) and a part
// replaced.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { joinParts, ONE_WORD, PAIR_WORDS, part, partEnd, partIs, partStart, withPart, type Packed } from '../../server/src/dockerfile/parser/packed';

/** `n` numbers from `from`, with a kept string after every third one (as words keep their text). */
function list(n: number, from = 0): Packed {
  const out: (number | string)[] = [];
  for (let i = 0; i < n; i++) out.push(i % 3 === 2 ? `w${from + i}` : from + i);
  return out;
}

const CASES: { name: string; parts: Packed[]; form: 'args' | 'short' | 'long' | 'empty' }[] = [
  { name: 'nothing', parts: [[], [], [], [], []], form: 'empty' },
  { name: 'arguments alone', parts: [list(6), [], [], [], []], form: 'args' },
  { name: 'one word alone', parts: [ONE_WORD, [], [], [], []], form: 'args' },
  { name: 'one word and continuations', parts: [ONE_WORD, [], [], [], [10, 20, 30]], form: 'short' },
  { name: 'flags without a value (ends in -1)', parts: [list(3), [4, 9, 6, -1, -1], [], [], []], form: 'short' },
  { name: 'ARG without a value (ends in -1)', parts: [list(2), [], [1, 4, -1, -1], [], []], form: 'short' },
  { name: 'pair words', parts: [list(9), [], PAIR_WORDS, [], []], form: 'short' },
  { name: 'variables alone', parts: [[], [], [], list(5), []], form: 'short' },
  { name: 'continuations alone', parts: [[], [], [], [], [3]], form: 'short' },
  { name: 'every part', parts: [list(4), list(5, 100), list(2, 200), list(5, 300), [1, 2]], form: 'short' },
  { name: 'boundaries at 127', parts: [list(120), list(7), [], [], list(300)], form: 'short' },
  { name: 'a boundary at 128', parts: [list(121), list(7), [], [], [1]], form: 'long' },
  { name: 'long arguments and variables', parts: [list(400), [], [], list(50), []], form: 'long' },
  { name: 'long with an empty last part', parts: [list(200), list(10), list(5), [], []], form: 'long' },
];

for (const c of CASES) {
  test(`packed parts: ${c.name}`, () => {
    const data = joinParts(c.parts);
    if (c.form === 'args') assert.equal(data, c.parts[0], 'the arguments alone keep their own list');
    if (c.form === 'empty') assert.equal(data.length, 0);
    const last = data[data.length - 1];
    if (c.form === 'short') assert.ok(typeof last === 'number' && last < -3, 'one boundary number at the end');
    if (c.form === 'long') assert.equal(last, -3, 'the boundaries, then the end marker');
    for (let i = 0; i < 5; i++) {
      assert.deepEqual([...part(data, i)], [...c.parts[i]], `part ${i}`);
      assert.equal(partEnd(data, i) - partStart(data, i), c.parts[i].length, `part ${i}'s length`);
    }
    assert.equal(partIs(data, 0, ONE_WORD), c.parts[0] === ONE_WORD);
    assert.equal(partIs(data, 2, PAIR_WORDS), c.parts[2] === PAIR_WORDS);
    // Each part replaced (by a short list, a long one, nothing) leaves the others as they were.
    for (let i = 0; i < 5; i++) {
      for (const other of [list(2, 900), list(130, 900), []]) {
        const changed = withPart(data, i, other);
        for (let p = 0; p < 5; p++) assert.deepEqual([...part(changed, p)], [...(p === i ? other : c.parts[p])], `part ${p} after part ${i} replaced`);
      }
    }
  });
}
