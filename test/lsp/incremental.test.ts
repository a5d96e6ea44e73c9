// Typing in a Dockerfile over the real server: every edit arrives as a ranged change and the server
// re-parses only around it; the diagnostics for each version equal those of the same text opened
// fresh (parsed whole).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver-types';
import { LspClient } from '../support/lspClient';

let client: LspClient;
before(async () => {
  client = await LspClient.start();
});
after(() => client.stop());

const START = [
  '# syntax=docker/dockerfile:1',
  'FROM python:3.12-slim AS build',
  'WORKDIR /app',
  'RUN apt-get update && \\',
  '    apt-get install -y curl',
  '# dependencies first',
  'COPY requirements.txt .',
  'RUN pip install -r requirements.txt',
  'FROM python:3.12-slim',
  'COPY --from=build /app /app',
  'CMD ["python", "app.py"]',
  '',
].join('\n');

type Pos = { line: number; character: number };
function positionAt(text: string, offset: number): Pos {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

const key = (ds: Diagnostic[]) => JSON.stringify(ds.map((d) => [d.range, d.code, d.message, d.severity]).sort());

test('diagnostics after each ranged edit equal those of the whole text parsed fresh', async () => {
  const uri = 'file:///incremental/Dockerfile';
  let text = START;
  await client.open(uri, text);
  // Typing a new instruction in the middle, a continuation, a heredoc, deleting lines, a comment.
  const script: [string, number, number, string][] = [
    ['type a RUN', text.indexOf('COPY requirements'), 0, 'RUN echo hi\n'],
    ['continue it', -1, 0, ' \\\n    && echo more'],
    ['open a heredoc', text.indexOf('FROM python:3.12-slim\n'), 0, 'RUN <<EOF\n'],
    ['close it', text.indexOf('FROM python:3.12-slim\n') + 10, 0, 'echo x\nEOF\n'],
    ['delete a line', text.indexOf('WORKDIR'), 'WORKDIR /app\n'.length, ''],
    ['comment out', text.indexOf('CMD'), 0, '# '],
    ['bad instruction', 0, 0, ''],
  ];
  let cursor = 0;
  for (const [what, at, removed, inserted] of script) {
    const start = at >= 0 ? Math.min(at, text.length) : cursor;
    const edit = what === 'bad instruction' ? { start: text.length, end: text.length, text: 'BOGUS x\n' } : { start, end: start + removed, text: inserted };
    const range = { start: positionAt(text, edit.start), end: positionAt(text, edit.end) };
    text = text.slice(0, edit.start) + edit.text + text.slice(edit.end);
    cursor = edit.start + edit.text.length;
    const got = await client.change(uri, [{ range, text: edit.text }]);
    const freshUri = `file:///fresh/${what.replace(/\W+/g, '-')}/Dockerfile`;
    const want = await client.open(freshUri, text);
    await client.close(freshUri);
    assert.equal(key(got), key(want), `after "${what}"`);
  }
});

test('several changes in one notification, each against the text the previous one made', async () => {
  const uri = 'file:///incremental/multi/Dockerfile';
  await client.open(uri, 'FROM alpine\nRUN a\nRUN b\n');
  const got = await client.change(uri, [
    { range: { start: { line: 1, character: 4 }, end: { line: 1, character: 5 } }, text: 'apk add curl' },
    { range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, text: 'BOGUS\n' },
  ]);
  const want = await client.open('file:///fresh/multi/Dockerfile', 'FROM alpine\nRUN apk add curl\nBOGUS\nRUN b\n');
  assert.equal(key(got), key(want));
  assert.ok(got.some((d) => /BOGUS/i.test(String(d.message))), 'the unknown instruction is reported');
});
