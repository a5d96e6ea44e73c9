// Reused document preparations (compose/project/preparedCache.ts) give the same project as a fresh
// load: every case of projects.json and canonical.json resolved fresh, again (replayed), and after edits to
// each of its files (a Compose file, .env, an extended file) compared whole: model, canonical form,
// errors in order, origins, variables and files read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as posix from 'node:path/posix';
import type { ResolvedProject } from '../../server/src/compose/project/projects';
import { clearPreparedDocuments } from '../../server/src/compose/project/preparedCache';
import { resolveCase, type ProjectCase } from '../support/projectCases';

const fixtures = ['projects', 'canonical'].map((name) => ({
  name,
  data: JSON.parse(readFileSync(resolve(`test/fixtures/compose-project/${name}.json`), 'utf8')) as { root: string; cases: ProjectCase[] },
}));

function snapshot(p: ResolvedProject): unknown {
  return {
    model: p.loaded.model,
    canonical: p.canonical,
    errors: p.errors,
    origins: [...p.loaded.origins],
    variables: [...p.loaded.variables],
    files: [...p.loaded.files].map(([k, f]) => [k, f.text]),
  };
}

/** The same project resolved with the recorded preparations, then fresh. */
function assertReplaySame(c: ProjectCase, root: string, files: Record<string, string>, label: string): void {
  const replayed = snapshot(resolveCase(c, root, files));
  clearPreparedDocuments();
  const fresh = snapshot(resolveCase(c, root, files));
  assert.deepEqual(replayed, fresh, label);
}

/** Variants of a project's files: each file but the first changed in turn (a comment, a new variable, a changed value). */
function edits(files: Record<string, string>): [string, Record<string, string>][] {
  const out: [string, Record<string, string>][] = [];
  for (const name of Object.keys(files)) {
    const text = files[name];
    if (name.endsWith('.env') || posix.basename(name) === '.env') {
      out.push([`${name}: new variable`, { ...files, [name]: `${text}\nDOCKLENS_UNUSED=1\n` }]);
      out.push([`${name}: values changed`, { ...files, [name]: text.replace(/=(.*)$/gm, '=changed$1') }]);
    } else {
      out.push([`${name}: comment`, { ...files, [name]: `${text}\n# edited\n` }]);
      out.push([`${name}: value changed`, { ...files, [name]: text.replace(/image: (\S+)/, 'image: $1-edited') }]);
    }
  }
  return out;
}

/** Resolved twice from the same texts: the second resolution records the preparations. */
function prime(c: ProjectCase, root: string): void {
  clearPreparedDocuments();
  resolveCase(c, root);
  resolveCase(c, root);
}

for (const { name, data } of fixtures) data.cases.forEach((c, i) => {
  test(`replayed preparations give the fresh project: ${name} ${i} (${c.from})`, () => {
    prime(c, data.root);
    assertReplaySame(c, data.root, c.files, 'unchanged');
    for (const [label, files] of edits(c.files)) {
      prime(c, data.root);
      assertReplaySame(c, data.root, files, label);
    }
  });
});

test('a changed extended file is read again', () => {
  const c: ProjectCase = {
    from: 'ours',
    files: {
      'compose.yaml': 'services:\n  web:\n    extends:\n      file: base.yaml\n      service: common\n',
      'compose.override.yaml': 'services:\n  web:\n    environment:\n      A: "1"\n',
      'base.yaml': 'services:\n  common:\n    image: one\n',
    },
  };
  prime(c, '/p');
  const changed = resolveCase(c, '/p', { ...c.files, 'base.yaml': 'services:\n  common:\n    image: two\n' });
  assert.equal((changed.canonical.services as Record<string, Record<string, unknown>>).web.image, 'two');
});
