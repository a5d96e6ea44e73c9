// Reused document preparations (compose/project/preparedCache.ts) give the same project as a fresh
// load: every project of projects.json resolved fresh, again (replayed), and after edits to other
// files (another compose file, .env, an extended file) compared whole: model, canonical form,
// errors in order, origins, variables and files read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as posix from 'node:path/posix';
import { discoverProject } from '../../server/src/compose/project/discovery';
import { resolveProject, type ResolvedProject } from '../../server/src/compose/project/projects';
import { clearPreparedDocuments } from '../../server/src/compose/project/preparedCache';
import { memoryHost } from '../support/memoryHost';

interface ProjectCase {
  from: string;
  files: Record<string, string>;
  compose?: string[];
  shell?: Record<string, string>;
  profiles?: string[];
  projectDirectory?: string;
}

const data = JSON.parse(readFileSync(resolve('test/fixtures/compose-project/projects.json'), 'utf8')) as { root: string; cases: ProjectCase[] };

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

function resolveCase(c: ProjectCase, files: Record<string, string>): ResolvedProject {
  const host = memoryHost(files, data.root);
  const first = posix.join(data.root, c.compose?.[0] ?? 'compose.yaml');
  const spec = discoverProject(first, host, c.compose ? { projects: [{ files: c.compose, profiles: c.profiles, projectDirectory: c.projectDirectory }], base: data.root } : {});
  if (c.profiles && !c.compose) spec.profiles = c.profiles;
  return resolveProject(spec, host, { shell: c.shell ? new Map(Object.entries(c.shell)) : undefined });
}

/** The same project resolved with the recorded preparations, then fresh. */
function assertReplaySame(c: ProjectCase, files: Record<string, string>, label: string): void {
  const replayed = snapshot(resolveCase(c, files));
  clearPreparedDocuments();
  const fresh = snapshot(resolveCase(c, files));
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
function prime(c: ProjectCase): void {
  clearPreparedDocuments();
  resolveCase(c, c.files);
  resolveCase(c, c.files);
}

data.cases.forEach((c, i) => {
  test(`replayed preparations give the fresh project: project ${i} (${c.from})`, () => {
    prime(c);
    assertReplaySame(c, c.files, 'unchanged');
    for (const [label, files] of edits(c.files)) {
      prime(c);
      assertReplaySame(c, files, label);
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
  prime(c);
  const changed = resolveCase(c, { ...c.files, 'base.yaml': 'services:\n  common:\n    image: two\n' });
  assert.equal((changed.canonical.services as Record<string, Record<string, unknown>>).web.image, 'two');
});
