// Corpus agreement: our schema verdict on every real Compose file equals the manifest's, and
// each hand-written broken file gets the diagnostic (and line) its .expected.txt asks for.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { corpusPath } from '../support/corpora';
import { hasMarkdownBacktick } from '../support/plainText';
import {
  parseCompose,
  composeProblems,
  validateCompose,
  composeHover,
  composeCompletion,
  composeDefinition,
  composeSymbols,
  composeFolding,
  composeLinks,
  composeCodeLenses,
  setComposeErrorSink,
} from '../../server/src/compose/index';
import { validateSchema } from '../../server/src/compose/schemaValidation';
import type { ComposeHost } from '../../server/src/compose/dockerfiles';

const realDir = corpusPath('compose', 'real');
const invalidDir = corpusPath('compose', 'invalid');
const noFiles: ComposeHost = { readFile: () => undefined, exists: () => true };

test('compose corpus: schema verdict agrees with the manifest on every real file', { skip: !existsSync(realDir) }, () => {
  const rows = readFileSync(join(realDir, 'manifest.tsv'), 'utf8').trim().split('\n');
  const header = rows.shift()!.split('\t');
  const fileCol = header.indexOf('file');
  const validCol = header.indexOf('valid_compose_spec');
  const disagreements: string[] = [];
  let agree = 0;
  for (const row of rows) {
    const cols = row.split('\t');
    const text = readFileSync(join(realDir, cols[fileCol]), 'utf8');
    const model = parseCompose(text);
    const ours = !model.hasYamlErrors && validateSchema(model).length === 0;
    const theirs = cols[validCol] === 'yes';
    if (ours === theirs) agree++;
    else disagreements.push(`${cols[fileCol]}: manifest ${theirs ? 'valid' : 'invalid'}, ours ${ours ? 'valid' : 'invalid'}`);
    // Every other check must survive every real file, and speak plain text (no Markdown backticks).
    for (const p of composeProblems(model, { host: noFiles, path: '/corpus/' + cols[fileCol] })) {
      if (hasMarkdownBacktick(p.code, p.message)) disagreements.push(`${cols[fileCol]}: ${p.code} message has a backtick: ${p.message}`);
    }
  }
  console.log(`compose corpus agreement: ${agree}/${rows.length}`);
  assert.deepEqual(disagreements, []);
});

interface Expectation {
  file: string;
  /** 1-based line, code, and a word the message must contain. */
  diagnostics: { line: number; code: string; contains: string }[];
  /** When set, no other errors are allowed. */
  exact?: boolean;
}

const INVALID: Expectation[] = [
  { file: 'bad-port-long-syntax', diagnostics: [{ line: 5, code: 'InvalidPort', contains: '"eighty"' }], exact: true },
  {
    file: 'bad-port-short-syntax',
    diagnostics: [
      { line: 5, code: 'InvalidPort', contains: 'tcpx' },
      { line: 6, code: 'InvalidPort', contains: '99999 is out of range (1-65535)' },
    ],
    exact: true,
  },
  { file: 'bad-yaml', diagnostics: [{ line: 3, code: 'YamlSyntax', contains: 'quote' }], exact: true },
  { file: 'duplicate-key', diagnostics: [{ line: 4, code: 'DuplicateKey', contains: 'line 3' }], exact: true },
  { file: 'healthcheck-interval-number', diagnostics: [{ line: 6, code: 'WrongType', contains: '1m30s' }], exact: true },
  { file: 'services-list', diagnostics: [{ line: 2, code: 'WrongType', contains: 'mapping of service name' }], exact: true },
  {
    file: 'undefined-depends-on',
    diagnostics: [{ line: 5, code: 'UndefinedService', contains: 'defined services are web and cache' }],
    exact: true,
  },
  { file: 'undefined-network', diagnostics: [{ line: 5, code: 'UndefinedNetwork', contains: '"frontend"' }], exact: true },
  { file: 'unknown-key', diagnostics: [{ line: 3, code: 'UnknownKey', contains: 'Did you mean "image"?' }] },
  { file: 'wrong-type', diagnostics: [{ line: 5, code: 'WrongType', contains: 'KEY=value' }], exact: true },
];

for (const exp of INVALID) {
  const path = join(invalidDir, exp.file + '.compose.yaml');
  test(`compose invalid corpus: ${exp.file} reports what .expected.txt asks`, { skip: !existsSync(path) }, () => {
    const model = parseCompose(readFileSync(path, 'utf8'));
    const diags = validateCompose(model, { host: noFiles, path: '/invalid/compose.yaml' });
    for (const want of exp.diagnostics) {
      const hit = diags.find((d) => d.range.start.line + 1 === want.line && d.code === want.code && String(d.message).includes(want.contains));
      assert.ok(hit, `expected ${want.code} on line ${want.line} containing ${want.contains}; got ${JSON.stringify(diags, null, 1)}`);
    }
    if (exp.exact) {
      const errors = diags.filter((d) => d.severity === 1);
      assert.equal(errors.length, exp.diagnostics.length, JSON.stringify(errors, null, 1));
    }
  });
}

test('compose corpus: every request answers on every real file without throwing', { skip: !existsSync(realDir) }, () => {
  const files = readFileSync(join(realDir, 'manifest.tsv'), 'utf8').trim().split('\n').slice(1).map((r) => r.split('\t')[1]);
  let requests = 0;
  const swallowed: string[] = [];
  setComposeErrorSink((where, error) => swallowed.push(`${where}: ${(error as Error)?.stack ?? String(error)}`));
  for (const file of files) {
    const text = readFileSync(join(realDir, file), 'utf8');
    const model = parseCompose(text);
    const ctx = { host: noFiles, path: '/corpus/compose.yaml' };
    composeSymbols(model);
    composeFolding(model);
    composeLinks(model, ctx);
    composeCodeLenses(model, ctx);
    validateCompose(model, ctx);
    // The middle and the end of every line.
    for (let line = 0; line < model.lines.lineCount; line++) {
      const length = model.lines.lineText(line).length;
      for (const character of [length >> 1, length]) {
        const position = { line, character };
        composeHover(model, position, ctx);
        composeCompletion(model, position, ctx);
        composeDefinition(model, position, ctx);
        requests += 3;
      }
    }
  }
  setComposeErrorSink(undefined);
  assert.ok(requests > 1000);
  assert.deepEqual(swallowed.slice(0, 5), []);
});
