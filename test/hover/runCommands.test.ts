// Every entry of the RUN command table (data/shellCommands.ts) answers a hover: the command word,
// each option, each variable prefix; and hover never throws anywhere in odd RUN scripts.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseDocument } from '../../server/src/dockerfile/parser/model';
import { getHover } from '../../server/src/dockerfile/services/hover';
import { shellCommands } from '../../server/src/dockerfile/data';
import { useShellParser } from '../support/shellParser';

useShellParser();

function hoverAt(text: string, needle: string, from = 0) {
  const at = text.indexOf(needle, from);
  assert.ok(at >= 0, needle);
  return getHover(parseDocument(text), at + 1);
}

describe('RUN command table', () => {
  for (const entry of shellCommands) {
    const program = entry.programs[0];
    const head = entry.subcommand ? `${program} ${entry.subcommand}` : program;
    it(`${head}: the command, its options and variables`, () => {
      const line = `FROM alpine\nRUN ${head} x\n`;
      const hover = hoverAt(line, head, 12);
      assert.ok(hover, head);
      assert.ok(hover.contents.includes(entry.summary), hover.contents);
      if (entry.layer) assert.ok(hover.contents.includes(entry.layer));
      for (const option of entry.options ?? []) {
        for (const name of option.names) {
          const text = `FROM alpine\nRUN ${head} ${name}${option.takesValue ? ' v' : ''} x\n`;
          const h = hoverAt(text, ' ' + name + (option.takesValue ? ' v' : ' x'), 12);
          assert.ok(h && h.contents.includes(option.summary), `${head} ${name}: ${h?.contents}`);
        }
      }
      for (const v of entry.env ?? []) {
        const h = hoverAt(`FROM alpine\nRUN ${v.name}=1 ${head} x\n`, v.name);
        assert.ok(h && h.contents.includes(v.summary), `${v.name}: ${h?.contents}`);
      }
      for (const operand of entry.operands ?? []) assert.doesNotThrow(() => new RegExp(operand.pattern));
    });
  }

  it('every subcommand entry has a program entry or stands alone, and no two entries collide', () => {
    const seen = new Set<string>();
    for (const e of shellCommands) {
      for (const p of e.programs) {
        const key = `${p} ${e.subcommand ?? ''}`;
        assert.ok(!seen.has(key), key);
        seen.add(key);
      }
    }
  });

  it('hover never throws at any offset of odd RUN scripts', () => {
    const text = 'FROM debian\nRUN apt-get -o\nRUN curl -\nRUN set -\nRUN rm -rf "$X"/* && apk del\nRUN A= apt-get\nRUN python -m\nRUN pip3 -r\nRUN <<EOF\napt-get -y\nEOF\nRUN npm cache clean --\\\n  force\n';
    const model = parseDocument(text);
    for (let i = 0; i <= text.length; i++) getHover(model, i);
  });
});
