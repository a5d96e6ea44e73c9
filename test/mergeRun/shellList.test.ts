// How merge-RUN reads a RUN's command list, as data: comments, top-level list operators, commands
// that change the shell's state, for sh (the shell parser), cmd and PowerShell (our lexer).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isNativePowerShellCommand, type ShellDialect } from '../../server/src/dockerfile/services/shellList';
import { readList } from '../../server/src/dockerfile/services/mergeRun';
import { useShellParser } from '../support/shellParser';

useShellParser();

interface Case {
  dialect: ShellDialect;
  text: string;
  commentAt?: number;
  operators?: string[];
  stateChanges?: string[];
  commands?: string[];
  unbalancedQuotes?: boolean;
  unbalancedGroups?: boolean;
  lastCommand?: string;
  native?: boolean;
}

describe('shell lists', () => {
  const cases = JSON.parse(readFileSync(join(process.cwd(), 'test', 'fixtures', 'mergeRun', 'shell-lists.json'), 'utf8')) as Case[];
  for (const c of cases) {
    it(`${c.dialect}: ${c.text}`, () => {
      const info = readList(c.text, c.dialect);
      assert.equal(info.commentAt, c.commentAt);
      if (c.operators) assert.deepEqual([...info.topLevelOperators].sort(), [...c.operators].sort());
      if (c.stateChanges) assert.deepEqual(info.stateChanges, c.stateChanges);
      if (c.commands) assert.deepEqual(info.commands, c.commands);
      assert.equal(info.unbalancedQuotes, c.unbalancedQuotes ?? false);
      if (c.unbalancedGroups !== undefined) assert.equal(info.unbalancedGroups, c.unbalancedGroups);
      if (c.lastCommand !== undefined) assert.equal(info.lastCommand, c.lastCommand);
      if (c.native !== undefined) assert.equal(isNativePowerShellCommand(info.lastCommand ?? ''), c.native);
    });
  }
});
