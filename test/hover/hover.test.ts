import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from '../../server/src/dockerfile/parser/model';
import { getHover } from '../../server/src/dockerfile/services/hover';
import { instructions, mountTypes } from '../../server/src/dockerfile/data';
import { readCursorCases } from './cursorFixtures';
import { useShellParser } from '../support/shellParser';

useShellParser();

const dir = join(process.cwd(), 'test', 'fixtures', 'hover');

for (const file of readdirSync(dir).filter((f) => f.endsWith('.hover'))) {
  describe(`hover fixtures: ${file}`, () => {
    for (const c of readCursorCases(readFileSync(join(dir, file), 'utf8'))) {
      it(c.name, () => {
        const hover = getHover(parseDocument(c.text), c.offset);
        if (c.expectNothing) {
          assert.equal(hover, undefined, hover?.contents);
          return;
        }
        assert.ok(hover, 'expected a hover');
        for (const s of c.contains) assert.ok(hover.contents.includes(s), `missing ${JSON.stringify(s)} in:\n${hover.contents}`);
        for (const s of c.excludes) assert.ok(!hover.contents.includes(s), `unexpected ${JSON.stringify(s)} in:\n${hover.contents}`);
        assert.ok(hover.span.start <= c.offset && c.offset <= hover.span.end, 'the span covers the cursor');
      });
    }
  });
}

describe('hover on every instruction, flag and mount option of the table', () => {
  for (const info of instructions) {
    it(`${info.keyword}: summary, layer note, traps and reference link`, () => {
      const text = info.keyword === 'FROM' ? 'FROM alpine\n' : `FROM alpine\n${info.keyword} x\n`;
      const offset = text.lastIndexOf(info.keyword) + 1;
      const hover = getHover(parseDocument(text), offset);
      assert.ok(hover);
      assert.ok(hover.contents.includes(info.summary));
      assert.ok(hover.contents.includes(info.layerNote));
      assert.ok(hover.contents.includes(`https://docs.docker.com/reference/dockerfile/#${info.anchor}`));
      for (const trap of info.traps) assert.ok(hover.contents.includes(trap), trap);
    });
    for (const flag of info.flags) {
      it(`${info.keyword} --${flag.name}`, () => {
        const value = flag.bare ? '' : '=x';
        const rest = info.keyword === 'FROM' ? 'alpine' : info.keyword === 'HEALTHCHECK' ? 'CMD true' : 'a b';
        const text = `FROM alpine\n${info.keyword} --${flag.name}${value} ${rest}\n`;
        const offset = text.indexOf('--' + flag.name, info.keyword === 'FROM' ? 0 : 'FROM alpine'.length) + 3;
        const hover = getHover(parseDocument(text), offset);
        assert.ok(hover);
        assert.ok(hover.contents.includes(flag.summary), hover.contents);
      });
    }
  }
  for (const mount of mountTypes) {
    for (const option of mount.options) {
      for (const key of [option.name, ...(option.aliases ?? [])]) {
        it(`--mount=type=${mount.type},${key}`, () => {
          const text = `FROM alpine\nRUN --mount=type=${mount.type},${key}=v true\n`;
          const offset = text.indexOf(',' + key) + 2;
          const hover = getHover(parseDocument(text), offset);
          assert.ok(hover);
          assert.ok(hover.contents.includes(option.summary), hover.contents);
        });
      }
    }
  }
});

describe('hover never throws', () => {
  it('answers or returns undefined at every offset of odd input', () => {
    const text = '# syntax=x\nARG\nFROM\nFROM a AS\nCOPY --from= \nRUN --mount=,,=, x\nCMD [\nENTRYPOINT ["a\nHEALTHCHECK\nONBUILD\nSTOPSIGNAL\nENV =\n${\n';
    const model = parseDocument(text);
    for (let i = 0; i <= text.length; i++) getHover(model, i);
  });
});
