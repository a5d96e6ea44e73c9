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
import { splitSchemaErrors, withService } from '../../server/src/compose/schemaPerService';
import { corpusPath } from '../support/corpora';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

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

// Per service (compose/schemaPerService.ts): an edit inside one service validates it alone with the
// service definition's function and keeps the previous version's other errors. For every corpus file
// and each of its services broken in a few ways (with errors elsewhere too), the errors put together
// that way are the whole validator's, error for error and in order.
const BREAKS: ((service: unknown) => unknown)[] = [
  (s) => ({ ...(s as object), imagee: 'x', restart: 'sometimes' }),
  (s) => ({ ...(s as object), ports: [{ target: 'x' }], build: { context: 1 } }),
  () => 'nope',
  () => null,
  (s) => s,
];

test('a service validated alone gives the whole validator its errors in place (corpus)', () => {
  const dirs = [corpusPath('compose', 'real'), corpusPath('compose', 'invalid')];
  let checked = 0;
  let split = 0;
  for (const dir of dirs) {
    for (const f of readdirSync(dir).filter((n) => /\.ya?ml$/.test(n)).sort()) {
      const model = parseCompose(readFileSync(join(dir, f), 'utf8'), false);
      const value = model.value as { services?: Record<string, unknown>; [k: string]: unknown } | undefined;
      if (!value || typeof value !== 'object' || !value.services || typeof value.services !== 'object' || Array.isArray(value.services)) continue;
      // errors elsewhere too: a bad top-level key and a bad network
      const noisy = { ...value, volumes: { ok: {}, 'b@d': {} }, networks: { n: { driver: 1 } }, xx: 1 };
      for (const base of [value, noisy]) {
        const previous = splitSchemaErrors(base);
        assert.ok(previous.split, `${f}: the errors split per service`);
        split++;
        const names = Object.keys(base.services!);
        for (const name of names.slice(0, 8)) {
          for (const brk of BREAKS) {
            const edited = { ...base, services: { ...base.services, [name]: brk(base.services![name]) } };
            const expected = splitSchemaErrors(edited).all;
            const actual = withService(edited, previous.split!, name);
            assert.deepEqual(actual.all, expected, `${f}: service ${name}`);
            checked++;
          }
        }
      }
    }
  }
  assert.ok(checked > 1000 && split > 400, `${checked} edits, ${split} splits`);
});
