// The Compose warm-up (compose/warmUp.ts): its generated project is a valid one (so the steps run the
// checks a real project runs, not their error paths), the steps report no internal error, and they
// leave the caches as they found them for the documents the editor has open.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCompose, setComposeErrorSink } from '../../server/src/compose/index';
import { composeWarmUpSteps, warmUpChecker, warmUpProject } from '../../server/src/compose/warmUp';

test('the warm-up project has no problems', () => {
  const checker = warmUpChecker();
  for (const round of [0, 3]) assert.deepEqual(checker.check(warmUpProject(4, round)), []);
  checker.forget();
});

test('the warm-up steps run without internal errors and keep the last parsed document', () => {
  const errors: string[] = [];
  setComposeErrorSink((where, e) => errors.push(`${where}: ${String(e)}`));
  const text = 'services:\n  web:\n    image: nginx\n';
  const model = parseCompose(text);
  const steps = composeWarmUpSteps(3, 2);
  assert.equal(steps.length, 4);
  for (const step of steps) step();
  assert.deepEqual(errors, []);
  assert.equal(parseCompose(text), model);
  setComposeErrorSink(undefined);
});
