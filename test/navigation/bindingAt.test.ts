import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseDocument } from '../../server/src/dockerfile/parser/model';
import { bindingAt, bindingBefore, resolveVariable } from '../../server/src/dockerfile/services/scopes';
import type { DockerfileModel } from '../../server/src/dockerfile/parser/model';
import { corpusDockerfiles, hasCorpora } from '../support/corpora';

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

/** bindingBefore (one stage chain) against bindingAt (the file's index) before every instruction of every stage, for every name the file declares. */
function compareBefore(model: DockerfileModel, extraNames: string[] = []): number {
  const names = new Set(extraNames);
  for (const ins of model.ast.instructions) for (const kv of (ins.inner ?? ins).keyValues) names.add(kv.key.value);
  let compared = 0;
  for (const stage of model.stages) {
    for (const ins of stage.instructions) {
      for (const name of names) {
        assert.deepEqual(bindingBefore(model, stage, ins, name), bindingAt(model, name, ins.start), `${name} before line ${ins.startLine + 1}`);
        compared++;
      }
    }
  }
  return compared;
}

describe('what a name means before an instruction, from its stage chain alone', () => {
  it('agrees with bindingAt: stage chains, ONBUILD triggers, global defaults', () => {
    const text = [
      'ARG PIP_NO_CACHE_DIR=1',
      'ARG V=global',
      'FROM python:3 AS base',
      'ENV PIP_NO_CACHE_DIR=0',
      'ONBUILD ENV LATER=1',
      'ONBUILD RUN pip install x',
      'ONBUILD ARG V',
      'ONBUILD RUN echo $V',
      'FROM base AS next',
      'RUN pip install y',
      'ARG PIP_NO_CACHE_DIR',
      'RUN pip install z',
      'ARG V',
      'ENV A=$V B=2',
      'RUN echo $A',
      'FROM python:3',
      'RUN pip install w',
      '',
    ].join('\n');
    assert.ok(compareBefore(parseDocument(text), ['PIP_NO_CACHE_DIR', 'UNSET', 'TARGETARCH']) > 0);
  });
  it('agrees with bindingAt over the corpus', { skip: !hasCorpora() && 'corpora not found' }, () => {
    let compared = 0;
    for (const file of corpusDockerfiles()) compared += compareBefore(parseDocument(file.text), ['PIP_NO_CACHE_DIR']);
    assert.ok(compared > 10000, `${compared} comparisons`);
  });
});
