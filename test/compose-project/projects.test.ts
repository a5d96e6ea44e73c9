// Whole projects (several files, .env, include, extends, !reset) resolved from memory and compared
// with the attributes compose-go's loader tests assert (test/fixtures/compose-project/projects.json),
// and the canonical form `docker compose config` prints (canonical.json: casts, implied
// dependencies, env/label files, and the exact JSON / YAML text where order matters).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { configJsonText, configYamlText } from '../../server/src/compose/project/configOutput';
import { resolveCase, type ProjectCase } from '../support/projectCases';

const fixtures = ['projects', 'canonical'].map((name) => ({
  name,
  data: JSON.parse(readFileSync(resolve(`test/fixtures/compose-project/${name}.json`), 'utf8')) as { root: string; cases: ProjectCase[] },
}));

/** Deep comparison of only the keys `expected` lists (lists compared whole, items by the same rule). */
function assertSubset(actual: unknown, expected: unknown, path: string): void {
  if (expected && typeof expected === 'object' && !Array.isArray(expected)) {
    assert.ok(actual && typeof actual === 'object' && !Array.isArray(actual), `${path} should be a mapping, is ${JSON.stringify(actual)}`);
    for (const [k, v] of Object.entries(expected)) assertSubset((actual as Record<string, unknown>)[k], v, `${path}.${k}`);
  } else if (Array.isArray(expected)) {
    assert.ok(Array.isArray(actual) && actual.length === expected.length, `${path}: ${JSON.stringify(actual)} should have ${expected.length} items`);
    expected.forEach((v, i) => assertSubset(actual[i], v, `${path}[${i}]`));
  } else assert.deepEqual(actual, expected, path);
}

for (const { name, data } of fixtures) data.cases.forEach((c, i) => {
  test(`${name === 'projects' ? 'project' : name} ${i} (${c.from})`, () => {
    const project = resolveCase(c, data.root);
    if (c.error) {
      assert.ok(project.errors.length > 0, 'an error was expected');
      assert.ok(project.errors[0].message.includes(c.error), `"${project.errors[0].message}" should contain "${c.error}"`);
      return;
    }
    assert.deepEqual(project.errors.map((e) => e.message), []);
    if (c.expect) assertSubset(project.canonical, c.expect, '');
    for (const p of c.absent ?? []) {
      let v: unknown = project.canonical;
      for (const k of p.split('.')) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined;
      assert.equal(v, undefined, `${p} should be absent`);
    }
    if (c.json !== undefined) assert.equal(configJsonText(project.canonical), c.json);
    if (c.yaml !== undefined) assert.equal(configYamlText(project.canonical), c.yaml);
  });
});
