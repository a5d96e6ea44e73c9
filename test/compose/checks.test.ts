// One fixture per check: test/fixtures/compose/checks/<name>.yaml is validated as a Compose file
// of the fixture project; <name>.expected.txt lists every diagnostic as
// `line:col-line:col severity code message` (1-based). UPDATE_FIXTURES=1 rewrites the expectations.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseCompose, validateCompose } from '../../server/src/compose/index';
import { FIXTURES, projectContext } from './helpers';

const dir = join(FIXTURES, 'checks');
const SEVERITY = ['', 'error', 'warning', 'information', 'hint'];

function render(text: string, fileName: string): string {
  const model = parseCompose(text);
  return validateCompose(model, projectContext(fileName))
    .map((d) => {
      const r = d.range;
      return `${r.start.line + 1}:${r.start.character + 1}-${r.end.line + 1}:${r.end.character + 1} ${SEVERITY[d.severity ?? 1]} ${d.code} ${d.message}`;
    })
    .join('\n');
}

for (const file of readdirSync(dir).filter((f) => f.endsWith('.yaml'))) {
  const name = file.replace(/\.yaml$/, '');
  test(`compose check fixture: ${name}`, () => {
    const text = readFileSync(join(dir, file), 'utf8');
    // `override-*` fixtures stand for files merged with -f; the others for the main compose.yaml.
    const actual = render(text, name.startsWith('override-') ? 'compose.override.yaml' : 'compose.yaml');
    const expectedPath = join(dir, name + '.expected.txt');
    // A missing expected file fails the test; UPDATE_FIXTURES=1 writes it (then review the diff).
    if (process.env.UPDATE_FIXTURES) writeFileSync(expectedPath, actual + '\n');
    assert.ok(existsSync(expectedPath), `${expectedPath} is missing (run with UPDATE_FIXTURES=1 to write it, then review it)`);
    assert.equal(actual, readFileSync(expectedPath, 'utf8').replace(/\n$/, ''));
  });
}
