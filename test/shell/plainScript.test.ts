// test/support/plainScriptTree.ts builds tree-sitter-bash's tree for scripts of plain commands itself. Every
// tree it builds must be tree-sitter's, node for node: for the scripts of test/fixtures/shell/
// plain-scripts.txt (which also fix which scripts it takes) and for every script of the corpus'
// Dockerfiles (when ../shared/corpora is there).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from '../../server/src/dockerfile/parser/model';
import { shellOf } from '../../server/src/dockerfile/services/instructionShell';
import { plainScriptTree } from '../support/plainScriptTree';
import type { SyntaxNode } from '../../server/src/dockerfile/shell/syntaxTree';
import { withShellTree, type ShellSyntaxNode } from '../../server/src/dockerfile/shell/treeSitter';
import { corpusDockerfiles, hasCorpora } from '../support/corpora';
import { useShellParser } from '../support/shellParser';

useShellParser();

type AnyNode = Pick<SyntaxNode, 'type' | 'isNamed' | 'startIndex' | 'endIndex' | 'isMissing'> & { children: (AnyNode | null)[] };

/** A tree as one line: `type@start-end(children)`, anonymous types quoted, missing nodes marked `!`. */
function describeTree(n: AnyNode): string {
  const children = n.children.map((c) => (c ? describeTree(c) : 'null')).join(' ');
  return `${n.isNamed ? n.type : JSON.stringify(n.type)}@${n.startIndex}-${n.endIndex}${n.isMissing ? '!' : ''}(${children})`;
}

function treeSitterTree(script: string): string {
  const described = withShellTree(script, (root: ShellSyntaxNode) => (root.hasError ? 'with errors: ' : '') + describeTree(root as unknown as AnyNode));
  assert.ok(described !== undefined, 'the shell parser is loaded');
  return described;
}

function assertSameTree(script: string): boolean {
  const plain = plainScriptTree(script);
  if (!plain) return false;
  assert.equal(describeTree(plain), treeSitterTree(script), JSON.stringify(script));
  return true;
}

const cases = readFileSync(join(process.cwd(), 'test', 'fixtures', 'shell', 'plain-scripts.txt'), 'utf8')
  .split('\n')
  .filter((line) => line.startsWith('"'))
  .map((line) => {
    const at = line.lastIndexOf(' ');
    return { script: JSON.parse(line.slice(0, at)) as string, plain: line.slice(at + 1) === 'plain' };
  });

describe('plain scripts', () => {
  for (const c of cases) {
    it(`${JSON.stringify(c.script)}: ${c.plain ? 'built as tree-sitter builds it' : 'left to tree-sitter'}`, () => {
      assert.equal(assertSameTree(c.script), c.plain);
    });
  }

  it('every plain script of the corpus has the tree tree-sitter gives it', { skip: !hasCorpora() && 'no corpora' }, () => {
    let plain = 0;
    for (const file of corpusDockerfiles()) {
      const model = parseDocument(file.text);
      for (const ins of model.ast.instructions) {
        for (const script of shellOf(model, ins).scripts) if (assertSameTree(script.text)) plain++;
      }
    }
    // About 1,950 of the corpus' ~3,500 scripts are plain: a sudden drop means the reader stopped taking them.
    assert.ok(plain > 1800, `${plain} plain scripts`);
  });
});
