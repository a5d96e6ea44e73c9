// compose-go's interpolation and .env expectations as data: test/fixtures/compose-project/
// interpolation.json (template + environment → value or error) and dotenv.json (file text +
// caller's environment → variables or error).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { substitute } from '../../server/src/compose/project/template';
import { parseDotenv } from '../../server/src/compose/project/dotenv';

const DIR = resolve('test/fixtures/compose-project');
const load = (name: string) => JSON.parse(readFileSync(resolve(DIR, name), 'utf8'));

interface TemplateCase {
  from: string;
  template: string;
  env?: Record<string, string>;
  expected?: string;
  error?: string;
}

const interpolation = load('interpolation.json') as { env: Record<string, string>; cases: TemplateCase[] };
interpolation.cases.forEach((c, i) => {
  test(`interpolation ${i} (${c.from}): ${JSON.stringify(c.template)}`, () => {
    const env = c.env ?? interpolation.env;
    const lookup = (name: string) => (Object.prototype.hasOwnProperty.call(env, name) ? env[name] : undefined);
    if (c.error !== undefined) {
      assert.throws(() => substitute(c.template, lookup), (e: Error) => e.message.includes(c.error!));
    } else {
      assert.equal(substitute(c.template, lookup), c.expected);
    }
  });
});

interface DotenvCase {
  from: string;
  input: string;
  lookup?: Record<string, string>;
  expected?: Record<string, string>;
  error?: string;
}

const dotenv = load('dotenv.json') as { cases: DotenvCase[] };
dotenv.cases.forEach((c, i) => {
  test(`dotenv ${i} (${c.from}): ${JSON.stringify(c.input).slice(0, 60)}`, () => {
    const shell = c.lookup ?? {};
    const lookup = (name: string) => (Object.prototype.hasOwnProperty.call(shell, name) ? shell[name] : undefined);
    if (c.error !== undefined) {
      assert.throws(() => parseDotenv(c.input, lookup), (e: Error) => e.message.includes(c.error!));
    } else {
      assert.deepEqual(Object.fromEntries(parseDotenv(c.input, lookup).values), c.expected);
    }
  });
});
