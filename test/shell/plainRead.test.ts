// shell/plainRead.ts reads plain scripts into commands without a syntax tree. What it reads must be
// what readTree reads from test/support/plainScriptTree.ts' tree, object for object, and it must take exactly the
// scripts that tree builder takes: for the scripts of test/fixtures/shell/plain-scripts.txt, every
// script of the corpus' Dockerfiles (when ../shared/corpora is there) and the generated bench files.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseDocument } from '../../server/src/dockerfile/parser/model';
import { shellOf } from '../../server/src/dockerfile/services/instructionShell';
import { plainScriptTree } from '../support/plainScriptTree';
import { readPlainScript } from '../../server/src/dockerfile/shell/plainRead';
import { readTree } from '../../server/src/dockerfile/shell/read';
import { corpusDockerfiles, hasCorpora } from '../support/corpora';
import { useShellParser } from '../support/shellParser';

useShellParser();

/** Offsets mapped as an instruction maps them (shifted, an escape making a character two long), and as given. */
const MAPPINGS: [(i: number) => number, ((i: number) => number) | undefined][] = [
  [(i) => i, undefined],
  [(i) => 7 + 2 * i, (i) => 9 + 2 * i],
];

/** Whether the script is plain; throws when the two readings differ. */
function assertSameReading(script: string): boolean {
  const tree = plainScriptTree(script);
  for (const [toSource, endOfChar] of MAPPINGS) {
    const direct = readPlainScript(script, toSource, endOfChar);
    assert.equal(direct !== undefined, tree !== undefined, `taken by both readers or neither: ${JSON.stringify(script)}`);
    if (tree) assert.deepEqual(direct, readTree(tree, false, script, toSource, endOfChar), JSON.stringify(script));
  }
  return tree !== undefined;
}

function scriptsOf(text: string): string[] {
  const model = parseDocument(text);
  return model.ast.instructions.flatMap((ins) => shellOf(model, ins).scripts.map((s) => s.text));
}

const cases = readFileSync(join(process.cwd(), 'test', 'fixtures', 'shell', 'plain-scripts.txt'), 'utf8')
  .split('\n')
  .filter((line) => line.startsWith('"'))
  .map((line) => JSON.parse(line.slice(0, line.lastIndexOf(' '))) as string);

describe('plain scripts read without a tree', () => {
  it('the fixture scripts read as readTree reads their tree', () => {
    for (const script of cases) assertSameReading(script);
  });

  it('two commands of a pipeline in an and-or list get the operators and status readTree gives them', () => {
    assert.ok(assertSameReading('a | b && c "$X" || d ${Y}*.tgz | e; f\ng'));
  });

  it('every script of the corpus reads as readTree reads its tree', { skip: !hasCorpora() && 'no corpora' }, () => {
    let plain = 0;
    for (const file of corpusDockerfiles()) for (const script of scriptsOf(file.text)) if (assertSameReading(script)) plain++;
    assert.ok(plain > 1800, `${plain} plain scripts`);
  });

  it('every script of generated bench files reads as readTree reads its tree', async () => {
    const { generateDockerfile } = (await import(pathToFileURL(join(process.cwd(), 'bench', 'generate.mjs')).href)) as { generateDockerfile: (lines: number, seed: number) => { text: string } };
    let plain = 0;
    for (const seed of [1, 2, 3]) for (const script of scriptsOf(generateDockerfile(2000, seed).text)) if (assertSameReading(script)) plain++;
    assert.ok(plain > 100, `${plain} plain scripts`);
  });
});
