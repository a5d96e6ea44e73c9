// Smoke run over the real Dockerfiles of the corpus: definition, references, highlights and
// rename preparation at every variable and stage name, and document links, never throw and agree
// with each other. Prints the counts.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from '../../server/src/dockerfile/parser/model';
import { definition, documentHighlights, references } from '../../server/src/dockerfile/services/navigation';
import { prepareRename, rename } from '../../server/src/dockerfile/services/rename';
import { variableIndex, variablesInScope } from '../../server/src/dockerfile/services/scopes';
import { stageIndex } from '../../server/src/dockerfile/services/stageReferences';
import { documentLinks } from '../../server/src/dockerfile/services/links';
import { corpusDockerfiles, corpusPath, hasCorpora } from '../support/corpora';

const URI = 'file:///corpus/Dockerfile';

function buildkitFixtures(): { id: string; text: string }[] {
  const out: { id: string; text: string }[] = [];
  for (const folder of ['testfiles', 'testfiles-negative']) {
    const dir = corpusPath('buildkit-parser', folder);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir)) {
      const file = join(dir, name, 'Dockerfile');
      if (existsSync(file)) out.push({ id: `${folder}/${name}`, text: readFileSync(file, 'utf8') });
    }
  }
  return out;
}

describe('navigation over the corpus', { skip: !hasCorpora() && 'corpora not found' }, () => {
  it('every variable and stage name answers definition, references, highlights and rename without throwing', () => {
    const files = [...corpusDockerfiles(), ...buildkitFixtures()];
    const counts = { files: files.length, variableOccurrences: 0, resolved: 0, predefined: 0, undeclared: 0, stageOccurrences: 0, links: 0, renameable: 0, requests: 0 };
    const started = performance.now();
    for (const file of files) {
      const model = parseDocument(file.text);
      const where = (offset: number) => `${file.id} at ${model.lines.positionAt(offset).line + 1}:${model.lines.positionAt(offset).character + 1}`;
      for (const o of variableIndex(model).occurrences) {
        counts.variableOccurrences++;
        const at = o.nameSpan.start;
        if (o.role === 'reference') {
          if (o.binding.declaration) counts.resolved++;
          else if (o.binding.kind === 'predefined') counts.predefined++;
          else counts.undeclared++;
        }
        const defs = definition(model, URI, at);
        for (const d of defs) {
          const s = model.lines.offsetAt(d.range.start);
          const e = model.lines.offsetAt(d.range.end);
          assert.equal(file.text.slice(s, e), o.name, `definition names the same variable, ${where(at)}`);
        }
        const refs = references(model, URI, at, true);
        assert.ok(
          refs.some((r) => model.lines.offsetAt(r.range.start) === o.nameSpan.start),
          `references include the occurrence itself, ${where(at)}`,
        );
        assert.equal(documentHighlights(model, at).length, refs.length, `highlights match references, ${where(at)}`);
        const prepared = prepareRename(model, at);
        if (prepared && 'range' in prepared) {
          counts.renameable++;
          const edit = rename(model, URI, at, o.name + '_RENAMED');
          assert.ok(edit && ('changes' in edit || 'error' in edit), `rename answers, ${where(at)}`);
        }
        variablesInScope(model, at);
        counts.requests += 5;
      }
      for (const s of stageIndex(model).occurrences) {
        counts.stageOccurrences++;
        const at = s.span.start;
        const defs = definition(model, URI, at);
        assert.equal(defs.length, 1, `a stage name has one definition, ${where(at)}`);
        references(model, URI, at, true);
        documentHighlights(model, at);
        prepareRename(model, at);
        counts.requests += 4;
      }
      counts.links += documentLinks(model).length;
    }
    const ms = performance.now() - started;
    console.log(`navigation corpus: ${JSON.stringify(counts)} in ${ms.toFixed(0)} ms`);
  });
});
