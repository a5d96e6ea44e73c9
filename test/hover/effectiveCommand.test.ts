import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from '../../server/src/dockerfile/parser/model';
import {
  effectiveCommand,
  effectiveComposeCommand,
  runWith,
  splitCommandLine,
  type ComposeOverrides,
} from '../../server/src/dockerfile/services/effectiveCommand';

const fixtures = join(process.cwd(), 'test', 'fixtures', 'hover');
const load = <T>(name: string): T => JSON.parse(readFileSync(join(fixtures, name), 'utf8')) as T;

interface Table {
  entrypoint: Record<string, string | null>;
  cmd: Record<string, string | null>;
  cells: { entrypoint: string; cmd: string; argv: string[] | null }[];
}

describe("Docker's CMD/ENTRYPOINT table: every cell", () => {
  const table = load<Table>('cmd-entrypoint-table.json');
  for (const cell of table.cells) {
    for (const order of ['entrypoint first', 'cmd first'] as const) {
      it(`ENTRYPOINT ${cell.entrypoint} x CMD ${cell.cmd} (${order}) runs ${JSON.stringify(cell.argv)}`, () => {
        const e = table.entrypoint[cell.entrypoint];
        const c = table.cmd[cell.cmd];
        const lines = order === 'entrypoint first' ? [e, c] : [c, e];
        const text = ['FROM scratch', ...lines.filter((l): l is string => l !== null), ''].join('\n');
        const result = effectiveCommand(parseDocument(text));
        assert.ok(result);
        assert.deepEqual(result.argv ?? null, cell.argv);
      });
    }
  }
});

interface Case {
  name: string;
  dockerfile: string;
  argv: string[] | null;
  warning?: string;
  unknown?: boolean;
  inheritedFromStage?: number;
  cmdArgv?: string[];
}

describe('effective command of a stage', () => {
  for (const c of load<Case[]>('effective-command.json')) {
    it(c.name, () => {
      const result = effectiveCommand(parseDocument(c.dockerfile));
      assert.ok(result);
      assert.deepEqual(result.argv ?? null, c.argv);
      if (c.warning) assert.ok(result.warnings.some((w) => w.includes(c.warning!)), result.warnings.join('\n'));
      if (c.unknown !== undefined) assert.equal(result.unknown, c.unknown);
      if (c.inheritedFromStage !== undefined) assert.equal(result.cmd.inheritedFromStage, c.inheritedFromStage);
      if (c.cmdArgv) assert.deepEqual(result.cmd.argv, c.cmdArgv);
    });
  }
});

describe('docker run overrides', () => {
  for (const c of load<{ name: string; dockerfile: string; args?: string[]; entrypoint?: string[]; argv: string[] | null; ignored?: boolean }[]>(
    'run-overrides.json',
  )) {
    it(c.name, () => {
      const eff = effectiveCommand(parseDocument(c.dockerfile));
      assert.ok(eff);
      const run = runWith(eff, { args: c.args, entrypoint: c.entrypoint });
      assert.deepEqual(run.argv ?? null, c.argv);
      if (c.ignored !== undefined) assert.equal(run.argumentsIgnored, c.ignored);
    });
  }
});

describe('Compose command:/entrypoint: overrides', () => {
  for (const c of load<{ name: string; dockerfile: string; compose: ComposeOverrides; argv: string[] | null }[]>('compose-overrides.json')) {
    it(c.name, () => {
      const result = effectiveComposeCommand(parseDocument(c.dockerfile), c.compose);
      assert.ok(result);
      assert.deepEqual(result.run.argv ?? null, c.argv);
    });
  }
  it('splits quoted words like a shell', () => {
    assert.deepEqual(splitCommandLine(`sh -c "echo \\"hi\\" there" 'a b' c\\ d`), ['sh', '-c', 'echo "hi" there', 'a b', 'c d']);
  });
});
