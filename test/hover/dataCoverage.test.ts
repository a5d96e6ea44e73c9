// The knowledge table covers what the parser knows and what real Dockerfiles use.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { KNOWN_INSTRUCTIONS } from '../../server/src/dockerfile/parser/instruction';
import { parseDocument } from '../../server/src/dockerfile/parser/model';
import { getFlagInfo, getInstructionInfo, getMountOption, getMountType, instructions } from '../../server/src/dockerfile/data';
import { parseMountValue } from '../../server/src/dockerfile/services/mountOptions';
import { corpusDockerfiles, hasCorpora } from '../support/corpora';

describe('knowledge table coverage', () => {
  it('has one record per instruction the parser knows, and no other', () => {
    assert.deepEqual([...instructions.map((i) => i.keyword)].sort(), [...KNOWN_INSTRUCTIONS].sort());
  });

  it('every record has a summary, forms with examples, a layer note, a snippet and an anchor', () => {
    for (const info of instructions) {
      assert.ok(info.summary && info.layerNote && info.snippet && info.anchor, info.keyword);
      assert.ok(info.forms.length > 0 && info.forms.every((f) => f.example && f.syntax.startsWith(info.keyword)), info.keyword);
    }
  });

  it('knows every flag, mount type and mount option used by the real Dockerfiles of the corpus', (t) => {
    if (!hasCorpora()) return t.skip('corpora not found');
    const unknown = new Set<string>();
    for (const file of corpusDockerfiles()) {
      for (const top of parseDocument(file.text).ast.instructions) {
        for (const ins of [top, ...(top.inner ? [top.inner] : [])]) {
          if (!getInstructionInfo(ins.keyword)) continue;
          for (const flag of ins.flags) {
            if (!getFlagInfo(ins.keyword, flag.name)) unknown.add(`${ins.keyword} --${flag.name} (${file.id})`);
            if (flag.name.toLowerCase() === 'mount' && flag.valueSpan && flag.value !== undefined) {
              const mount = parseMountValue(file.text.slice(flag.valueSpan.start, flag.valueSpan.end), flag.valueSpan.start);
              if (!getMountType(mount.type)) unknown.add(`--mount type=${mount.type} (${file.id})`);
              for (const o of mount.options) {
                if (o.key.toLowerCase() !== 'type' && !getMountOption(mount.type, o.key)) unknown.add(`--mount type=${mount.type} ${o.key} (${file.id})`);
              }
            }
          }
        }
      }
    }
    assert.deepEqual([...unknown], []);
  });
});
