import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from '../../server/src/dockerfile/parser/model';
import { getSignatureHelp } from '../../server/src/dockerfile/services/signatureHelp';
import { instructions } from '../../server/src/dockerfile/data';
import type { ParameterInformation } from 'vscode-languageserver-types';
import { readCursorCases } from '../hover/cursorFixtures';

const file = join(process.cwd(), 'test', 'fixtures', 'completion', 'signature.signature');

describe('signature help fixtures', () => {
  for (const c of readCursorCases(readFileSync(file, 'utf8'))) {
    it(c.name, () => {
      const help = getSignatureHelp(parseDocument(c.text), c.offset);
      if (c.expectNothing) {
        assert.equal(help, undefined);
        return;
      }
      assert.ok(help);
      const sig = help.signatures[help.activeSignature ?? 0];
      for (const expected of c.contains) {
        if (expected.startsWith('param ')) {
          const p: ParameterInformation | undefined = sig.parameters?.[help.activeParameter ?? 0];
          assert.ok(p);
          const label: string = typeof p.label === 'string' ? p.label : sig.label.slice(p.label[0], p.label[1]);
          assert.equal(label, expected.slice('param '.length));
        } else {
          assert.ok(sig.label.includes(expected), `${sig.label} should contain ${expected}`);
        }
      }
    });
  }
});

describe('every form of the table is a signature whose parameters are found in its label', () => {
  for (const info of instructions) {
    it(info.keyword, () => {
      for (const form of info.forms) {
        for (const p of form.params) assert.ok(form.syntax.includes(p.label), `${form.syntax} lacks ${p.label}`);
      }
    });
  }
});
