// Trees over an edited document's chunked text (common/chunkedText.ts): the re-parse given the
// document's chunks equals a full parse of the joined text, and nothing on an edit's path joins
// the chunks: re-parse, model, rules and engine with the document's rule cache, LSP diagnostics,
// and the requests an editor makes after each keystroke (symbols, folding, code lenses, inlay hints,
// links, code actions at the edit, highlights and hover at the edit, on-type formatting of a line break). Joining is a copy of the file
// (3 MB at 100k lines) on every keystroke, the cost the chunks are there to avoid.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ChunkedText } from '../../server/src/common/chunkedText';
import { parseDockerfile } from '../../server/src/dockerfile/parser/parser';
import { reparse, type TextEdit } from '../../server/src/dockerfile/parser/incremental';
import { buildModel, parseDocument, type DockerfileModel } from '../../server/src/dockerfile/parser/model';
import { codeActions, diagnose, RuleResultCache } from '../../server/src/dockerfile/services/diagnostics';
import { documentSymbols } from '../../server/src/dockerfile/services/symbols';
import { foldingRanges } from '../../server/src/dockerfile/services/folding';
import { layerCodeLenses, layerInlayHints } from '../../server/src/dockerfile/services/layers';
import { dockerfileGraphLens } from '../../server/src/graph/lens';
import { documentLinks } from '../../server/src/dockerfile/services/links';
import { mergeRunCodeActions } from '../../server/src/dockerfile/services/mergeRun';
import { documentHighlights } from '../../server/src/dockerfile/services/navigation';
import { getHover } from '../../server/src/dockerfile/services/hover';
import { formatOnNewline } from '../../server/src/dockerfile/services/format';
import { corpusDockerfiles } from '../support/corpora';
import { seededRandom } from '../support/random';
import { useShellParser } from '../support/shellParser';

useShellParser();

const SNIPPETS = ['\n', ' \\\n', 'x', ' ', '"', '$', '{', '# note\n', 'RUN echo hi\n', 'RUN <<EOF\n', 'EOF\n', 'FROM alpine AS b\n', 'ARG X=1\n', 'ENV A=$B\n', 'COPY --from=b / /\n', 'RUN apt-get install -y curl && cd /x\n', 'EXPOSE 80/TCP\n', 'HEALTHCHECK CMD ["curl", "-f", "x"]\n', 'RUN ["sh", "-c", "echo \\"$A\\""]\n', '\r\n'];

function randomEdit(length: number, next: () => number): TextEdit {
  const at = Math.floor(next() * (length + 1));
  const snippet = SNIPPETS[Math.floor(next() * SNIPPETS.length)];
  const kind = next();
  if (kind < 0.5) return { start: at, end: at, text: snippet };
  return { start: at, end: Math.min(length, at + 1 + Math.floor(next() * 30)), text: kind < 0.75 ? '' : snippet };
}

const dump = (value: unknown) => JSON.stringify(value);

test('the re-parse of a chunked text equals a full parse, and takes the chunks as its source', () => {
  const next = seededRandom(20261206);
  const files = corpusDockerfiles().filter((_, i) => i % 4 === 0);
  const failures: string[] = [];
  for (const file of files) {
    let source = ChunkedText.of(file.text, 64);
    let ast = parseDockerfile(file.text);
    for (let k = 0; k < 4 && failures.length < 5; k++) {
      const edit = randomEdit(source.length, next);
      source = source.edited(edit.start, edit.end, edit.text);
      const incremental = reparse(ast, [edit], source);
      assert.equal(incremental.source, source, `${file.id}: the document's text is the tree's source`);
      if (dump(incremental) !== dump(parseDockerfile(source.toString()))) {
        failures.push(`${file.id}, edit ${k + 1}: ${JSON.stringify(edit)}`);
        break;
      }
      ast = incremental;
    }
  }
  assert.deepEqual(failures, []);
});

/** What the server computes after an edit, and what the editor asks of it. */
function afterEdit(model: DockerfileModel, cache: RuleResultCache, at: number): void {
  const uri = 'file:///w/Dockerfile';
  const diagnosed = diagnose(model, { cache });
  diagnosed.lspDiagnostics();
  documentSymbols(model);
  foldingRanges(model);
  layerCodeLenses(model, uri);
  dockerfileGraphLens(model, uri);
  const position = model.lines.positionAt(at);
  layerInlayHints(model, { start: { line: Math.max(0, position.line - 20), character: 0 }, end: { line: position.line + 20, character: 0 } });
  documentLinks(model);
  codeActions(model, { start: position, end: position }, diagnosed.findings, { uri });
  mergeRunCodeActions(model, uri);
  documentHighlights(model, at);
  getHover(model, at);
  formatOnNewline(model, at, { tabSize: 4, insertSpaces: true });
}

test('an edit of a chunked document and the requests after it never join its text', () => {
  const next = seededRandom(20261207);
  // Every corpus file in one text: many stages, every kind of instruction, many chunks.
  const files = corpusDockerfiles().filter((_, i) => i % 10 === 0);
  const text = files.map((f) => f.text.replace(/\r/g, '')).join('\n');
  let source = ChunkedText.of(text, 4096);
  const cache = new RuleResultCache();
  let model = parseDocument(text);
  afterEdit(model, cache, 0);
  const joined: string[] = [];
  for (let k = 0; k < 60; k++) {
    const edit = randomEdit(source.length, next);
    if (edit.text.includes('\r')) continue;
    source = source.edited(edit.start, edit.end, edit.text);
    const ast = reparse(model.ast, [edit], source);
    model = buildModel(ast, model);
    afterEdit(model, cache, edit.start);
    if (source.joined) joined.push(JSON.stringify(edit));
    // A fresh text (a later edit's), the same check on the next one.
    if (source.joined) source = ChunkedText.of(source.toString(), 4096).edited(0, 0, '');
  }
  assert.deepEqual(joined, [], 'edits after which the document text was joined');
});
