import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseDocument } from '../../server/src/dockerfile/parser/model';
import { bindingAt, resolveVariable } from '../../server/src/dockerfile/services/scopes';

describe('asking what a name means at a place, by name', () => {
  const text = 'ARG VERSION=1\nFROM alpine:$VERSION\nRUN echo hi\nARG VERSION\nENV HOME=/h\nRUN echo $VERSION\n';
  const model = parseDocument(text);
  it('agrees with resolveVariable on a written reference', () => {
    const at = text.lastIndexOf('$VERSION') + 1;
    assert.deepEqual(bindingAt(model, 'VERSION', at), resolveVariable(model, at));
  });
  it('a global ARG not yet redeclared is hidden in the stage', () => {
    const b = bindingAt(model, 'VERSION', text.indexOf('echo hi'));
    assert.equal(b.kind, 'undeclared');
    assert.equal(b.hiddenGlobal?.value, '1');
  });
  it('after ARG NAME the global default applies', () => {
    const b = bindingAt(model, 'VERSION', text.indexOf('ENV HOME'));
    assert.equal(b.kind, 'arg');
    assert.equal(b.value, '1');
    assert.equal(b.defaultFrom?.stage, undefined);
  });
  it('a predefined platform ARG is automatic in FROM and needs ARG in a stage', () => {
    assert.equal(bindingAt(model, 'TARGETARCH', text.indexOf('alpine')).automatic, true);
    const inStage = bindingAt(model, 'TARGETARCH', text.indexOf('echo hi'));
    assert.equal(inStage.kind, 'predefined');
    assert.equal(inStage.automatic, false);
  });
  it('never throws on odd offsets', () => {
    for (const offset of [-5, 0, text.length, text.length + 10]) bindingAt(model, 'X', offset);
    bindingAt(parseDocument(''), 'X', 0);
  });
});
