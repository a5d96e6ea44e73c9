// The safety proof on every corpus file: BuildKit reads the formatted Dockerfile exactly as the
// original, instruction by instruction (keyword, flags, arguments, form, heredoc bodies; shell-form
// bodies up to blanks that only separate words), and formatting is idempotent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDocument } from '../../server/src/dockerfile/parser/model';
import { formatDockerfile, shellBodyReader } from '../../server/src/dockerfile/services/format';
import { compareParses } from '../../server/src/dockerfile/services/formatCheck';
import { corpusDockerfiles } from '../support/corpora';

test('corpus: every formatted Dockerfile means what the original means, and formatting it again changes nothing', () => {
  const files = corpusDockerfiles();
  assert.ok(files.length >= 1000, 'corpus present');
  const failures: string[] = [];
  let changed = 0;
  for (const file of files) {
    const model = parseDocument(file.text);
    const formatted = formatDockerfile(model);
    if (formatted !== file.text) changed++;
    const again = parseDocument(formatted);
    const why = compareParses(model.ast, again.ast, (ins) => shellBodyReader(model, ins));
    if (why) failures.push(`${file.id}: ${why}`);
    else if (formatDockerfile(again) !== formatted) failures.push(`${file.id}: not idempotent`);
  }
  console.log(`formatted ${files.length} Dockerfiles, ${changed} changed, ${failures.length} failures`);
  assert.deepEqual(failures, []);
});
