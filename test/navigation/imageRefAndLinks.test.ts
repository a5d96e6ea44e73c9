import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from '../../server/src/dockerfile/parser/model';
import { imagePageUrl, isValidImageRef, parseImageRef } from '../../server/src/dockerfile/services/imageRef';
import { documentLinks } from '../../server/src/dockerfile/services/links';

const fixtures = join(__dirname, '..', '..', 'test', 'fixtures', 'navigation');

describe('image references split as Docker reads them', () => {
  const rows = readFileSync(join(fixtures, 'image-refs.tsv'), 'utf8')
    .split('\n')
    .filter((l) => l !== '' && !l.startsWith('#'))
    .map((l) => l.split('\t'));
  for (const [input, registry, domain, repository, tag, digest, official, familiar, canonical, page, error] of rows) {
    it(`${input} → ${domain} ${repository}${tag !== '-' ? ' tag ' + tag : ''}${digest !== '-' ? ' digest' : ''}`, () => {
      const ref = parseImageRef(input);
      const orNone = (s?: string) => s ?? '-';
      assert.equal(orNone(ref.registry?.text), registry, 'registry');
      assert.equal(ref.domain, domain, 'domain');
      assert.equal(ref.repository, repository, 'repository');
      assert.equal(orNone(ref.tag?.text), tag, 'tag');
      assert.equal(orNone(ref.digest?.text), digest, 'digest');
      assert.equal(ref.official ? 'yes' : 'no', official, 'official');
      assert.equal(ref.familiarName, familiar, 'familiar name');
      assert.equal(ref.canonical, canonical, 'canonical');
      assert.equal(orNone(imagePageUrl(ref)), page, 'page');
      assert.equal(ref.tagImplicit, tag === '-' && digest === '-', 'latest assumed');
      // The diagnostics' validity check is the same parse.
      assert.equal(isValidImageRef(input), error === '-' && !input.includes('$'), 'valid');
      if (error === '-') assert.equal(ref.error, undefined, 'error');
      else assert.ok(ref.error?.includes(error), `error "${ref.error}" should mention "${error}"`);
      // Part offsets point at the written text.
      for (const part of [ref.registry, ref.path, ref.tag, ref.digest]) if (part) assert.equal(input.slice(part.start, part.end), part.text);
    });
  }
});

interface LinkCase {
  name: string;
  dockerfile: string;
  links: { text: string; target: string }[];
}

describe('document links for image names', () => {
  for (const c of JSON.parse(readFileSync(join(fixtures, 'links.json'), 'utf8')) as LinkCase[]) {
    it(c.name, () => {
      const model = parseDocument(c.dockerfile);
      const actual = documentLinks(model).map((l) => ({
        text: c.dockerfile.slice(model.lines.offsetAt(l.range.start), model.lines.offsetAt(l.range.end)),
        target: l.target ?? '',
      }));
      assert.deepEqual(actual, c.links);
    });
  }
});
