// The schema validator is Ajv's code for compose-spec.json written ahead (scripts/compose-validator.mjs):
// the checked-in file is the one the script writes now, and it judges documents as Ajv compiling the
// schema at run time does, error for error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import Ajv from 'ajv';
import { composeSchema } from '../../server/src/compose/schema';
import { composeValidator } from '../../server/src/compose/schemaValidation';
import { parseCompose } from '../../server/src/compose/model';

test('schema/validator.js is what scripts/compose-validator.mjs writes from compose-spec.json', () => {
  const run = spawnSync(process.execPath, ['scripts/compose-validator.mjs', '--check'], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
});

test('the written validator reports the errors Ajv reports when it compiles the schema itself', () => {
  const ajv = new Ajv({ allErrors: true, strict: false });
  const compiled = ajv.compile(composeSchema());
  const written = composeValidator();
  const documents = [
    'services:\n  web:\n    image: nginx\n    ports: ["80:80"]\n',
    'services:\n  web:\n    image: 5\n    restart: sometimes\n    ports: [{ target: x }]\n    build: { context: 1 }\n  db: nope\nvolumes: [1]\nx: 1\n',
    'version: "3"\nservices:\n  a:\n    healthcheck: { interval: 10, retries: "3" }\n    deploy: { resources: { limits: { cpus: [] } } }\n',
    'services:\n  a:\n    depends_on: { b: { condition: maybe } }\n    networks: { front: { aliases: 3 } }\n    environment: [1, 2]\n',
  ];
  for (const text of documents) {
    const value = parseCompose(text, false).value;
    const expected = compiled(value) ? [] : compiled.errors;
    const actual = written(value) ? [] : written.errors;
    assert.deepEqual(actual, expected, text);
  }
});
