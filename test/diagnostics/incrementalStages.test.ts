// Incremental diagnostics after the edits that reach past their own stage: a global ARG's name or
// default changed, global ARGs added and removed, and FROM lines added and removed (the stages after
// them renumbered). Each version is checked with the document's rule cache and compared with a
// fresh run of the same text, findings and LSP diagnostics. Seeded: a failure names its file and
// edit. DOCKLENS_DIAG_SEED for another run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildModel, parseDocument, type DockerfileModel } from '../../server/src/dockerfile/parser/model';
import { reparse, type TextEdit } from '../../server/src/dockerfile/parser/incremental';
import { diagnose, RuleResultCache, runDiagnostics, toLspDiagnostics } from '../../server/src/dockerfile/services/diagnostics';
import { corpusDockerfiles, hasCorpora } from '../support/corpora';
import { seededRandom } from '../support/random';
import { useShellParser } from '../support/shellParser';

useShellParser();

type Next = () => number;
const pick = <T>(list: readonly T[], next: Next): T | undefined => (list.length === 0 ? undefined : list[Math.floor(next() * list.length)]);

/** Where the first FROM line starts (the text's length when there is none). */
function firstFrom(text: string): number {
  const m = /^[ \t]*from[ \t]/im.exec(text);
  return m ? m.index : text.length;
}

/** Names written as `$NAME` / `${NAME}` in the text, and the global ARGs' names. */
function namesIn(text: string): string[] {
  return [...new Set([...text.matchAll(/\$\{?([A-Za-z_]\w*)/g)].map((m) => m[1]))];
}

/** An edit of the part before the first FROM: a global ARG's default or name, an ARG line added or removed, a comment, a character. */
export function globalArgEdit(text: string, next: Next): TextEdit {
  const end = firstFrom(text);
  const head = text.slice(0, end);
  const args = [...head.matchAll(/^([ \t]*ARG[ \t]+)([A-Za-z_]\w*)(=[^\s\\]*)?/gim)];
  const lineStarts = [0, ...[...head.matchAll(/\n/g)].map((m) => m.index! + 1)];
  const names = namesIn(text);
  const kind = Math.floor(next() * 9);
  const arg = pick(args, next);
  if (arg && kind <= 1) {
    // The default: a character typed at its end, replaced, or removed.
    const at = arg.index! + arg[1].length + arg[2].length;
    const value = arg[3] ?? '';
    const r = next();
    if (r < 0.4) return { start: at + value.length, end: at + value.length, text: value ? 'x' : '=x' };
    if (r < 0.7) return { start: at, end: at + value.length, text: `=${pick(['alpine:3.20', 'build', 'scratch', '', '${' + (pick(names, next) ?? 'X') + '}', 'debian:bookworm-slim'], next)}` };
    return { start: at, end: at + value.length, text: '' };
  }
  if (arg && kind === 2) {
    // The name: a character typed, or another name the file reads.
    const at = arg.index! + arg[1].length;
    return next() < 0.5 ? { start: at + arg[2].length, end: at + arg[2].length, text: '_X' } : { start: at, end: at + arg[2].length, text: pick(names, next) ?? 'Y' };
  }
  if (kind <= 4) {
    // An ARG line added: a name the file reads (or not), with or without a default.
    const at = pick(lineStarts, next)!;
    const name = next() < 0.8 ? (pick(names, next) ?? 'Z') : 'UNUSED_ARG';
    const value = pick(['', '=1', '=alpine:3.19', '=build', '="a b"', '=${' + (pick(names, next) ?? 'X') + '}'], next);
    return { start: at, end: at, text: `ARG ${name}${value}\n` };
  }
  if (arg && kind === 5) {
    const lineEnd = text.indexOf('\n', arg.index!);
    return { start: arg.index!, end: lineEnd < 0 ? text.length : lineEnd + 1, text: '' };
  }
  if (kind === 6) {
    const at = pick(lineStarts, next)!;
    return { start: at, end: at, text: pick(['# note\n', '\n', '# docklens-ignore\n', 'RUN echo before\n', 'COPY --from=0 / /\n'], next)! };
  }
  const at = Math.floor(next() * (end + 1));
  return { start: at, end: at, text: pick(['x', ' ', '$', '\n', '='], next)! };
}

/** A FROM line added above a stage, inside one or at the end, or one removed (its stage joins the one before). */
export function fromLineEdit(text: string, next: Next): TextEdit {
  const froms = [...text.matchAll(/^[ \t]*from[ \t][^\n]*\n?/gim)];
  const stageNames = [...text.matchAll(/^[ \t]*from[ \t].*?\bas[ \t]+([\w.-]+)/gim)].map((m) => m[1]);
  const from = pick(froms, next);
  if (from && next() < 0.35) return { start: from.index!, end: from.index! + from[0].length, text: '' };
  // Above a stage's FROM, inside a stage (its instructions after the line go to the new stage), or at the end.
  const lineStarts = [0, ...[...text.matchAll(/\n/g)].map((m) => m.index! + 1).filter((i) => i < text.length)];
  const r = next();
  const at = from && r < 0.55 ? from.index! : r < 0.9 ? pick(lineStarts, next)! : text.length;
  const name = pick(stageNames, next);
  const line = pick(
    [
      'FROM alpine:3.20 AS added\n',
      'FROM scratch\n',
      'FROM alpine:3.20\nRUN apt-get install curl\n',
      `FROM ${name ?? 'build'} AS again\nRUN echo $X\n`,
      `FROM debian:bookworm AS ${name ?? 'dup'}\nCOPY --from=0 / /\n`,
      'FROM alpine:3.20 AS added\nCOPY --from=1 /a /a\nCOPY --from=added /b /b\nUSER root\n',
      'FROM ${BASE_IMAGE} AS added\nARG VERSION\nRUN echo $VERSION\n',
    ],
    next,
  )!;
  return { start: at, end: at, text: at === text.length && !text.endsWith('\n') ? `\n${line}` : line };
}

interface Run {
  edits: number;
  reusedStages: number;
  failures: string[];
}

/** Applies `edits` edits made by `make` to each file, checking the kept diagnostics against a fresh run each time. */
function check(files: { id: string; text: string }[], make: (text: string, next: Next) => TextEdit, edits: number, seed: number, buildArgsFor: (text: string) => Record<string, string> = () => ({})): Run {
  const next = seededRandom(seed);
  const run: Run = { edits: 0, reusedStages: 0, failures: [] };
  for (const file of files) {
    const cache = new RuleResultCache();
    let model: DockerfileModel = parseDocument(file.text);
    const buildArgs = buildArgsFor(file.text);
    diagnose(model, { cache, buildArgs }).lspDiagnostics();
    for (let k = 0; k < edits && run.failures.length < 5; k++) {
      const edit = make(model.ast.text, next);
      model = buildModel(reparse(model.ast, [edit]), model);
      const result = diagnose(model, { cache, buildArgs });
      run.reusedStages += cache.lastRound?.reused.stages ?? 0;
      // Now and then a version is not published: the kept diagnostics are then two edits behind.
      if (next() < 0.2) continue;
      const fresh = parseDocument(model.ast.text);
      const full = runDiagnostics(fresh, { buildArgs });
      const kept = JSON.stringify(result.lspDiagnostics());
      const expected = JSON.stringify(toLspDiagnostics(fresh, full));
      run.edits++;
      if (kept !== expected || JSON.stringify(result.findings) !== JSON.stringify(full)) {
        run.failures.push(`${file.id}, edit ${k + 1}: ${JSON.stringify(edit)}\n  kept: ${kept.slice(0, 600)}\n  full: ${expected.slice(0, 600)}`);
        break;
      }
    }
  }
  return run;
}

/**
 * Opens `text` with a rule cache, then applies each `[from, to]` replacement in turn (the first occurrence of `from`), checks the
 * incremental findings and LSP diagnostics against a fresh run, and returns how many stages kept
 * their results over all the edits.
 */
function applyEachAsFresh(text: string, edits: [string, string][]): number {
  const cache = new RuleResultCache();
  let model = parseDocument(text);
  diagnose(model, { cache }).lspDiagnostics();
  let kept = 0;
  for (const [from, to] of edits) {
    const at = model.ast.text.indexOf(from);
    assert.ok(at >= 0, from);
    model = buildModel(reparse(model.ast, [{ start: at, end: at + from.length, text: to }]), model);
    const result = diagnose(model, { cache });
    const fresh = parseDocument(model.ast.text);
    assert.equal(JSON.stringify(result.findings), JSON.stringify(runDiagnostics(fresh)), `after ${from} -> ${to}`);
    assert.equal(JSON.stringify(result.lspDiagnostics()), JSON.stringify(toLspDiagnostics(fresh, runDiagnostics(fresh))), `after ${from} -> ${to}`);
    kept += cache.lastRound?.reused.stages ?? 0;
  }
  return kept;
}

const SEED = Number(process.env.DOCKLENS_DIAG_SEED ?? 20261206);
const withGlobalArgs = () => corpusDockerfiles().filter((f) => /^[ \t]*ARG[ \t]/im.test(f.text.slice(0, firstFrom(f.text))));

test('edits of global ARGs keep the diagnostics of a fresh run (corpus files with global ARGs)', { skip: !hasCorpora() && 'no corpora' }, () => {
  const files = withGlobalArgs().filter((_, i) => i % 2 === 0);
  const run = check(files, globalArgEdit, 4, SEED);
  assert.deepEqual(run.failures, [], `${run.failures.length} of ${run.edits} edits differ`);
  assert.ok(run.reusedStages > 0, 'stages reading no changed ARG kept their results');
});

test('edits of global ARGs with build arguments given keep the diagnostics of a fresh run', { skip: !hasCorpora() && 'no corpora' }, () => {
  const files = withGlobalArgs().filter((_, i) => i % 6 === 1);
  // A build argument for one of the file's global ARGs (or one it does not declare).
  const buildArgsFor = (text: string) => {
    const names = [...text.slice(0, firstFrom(text)).matchAll(/^[ \t]*ARG[ \t]+([A-Za-z_]\w*)/gim)].map((m) => m[1]);
    return { [names[names.length - 1] ?? 'NONE']: 'given', OTHER: 'x' };
  };
  const run = check(files, globalArgEdit, 3, SEED + 1, buildArgsFor);
  assert.deepEqual(run.failures, [], `${run.failures.length} of ${run.edits} edits differ`);
});

test('FROM lines added and removed keep the diagnostics of a fresh run (multi-stage corpus files)', { skip: !hasCorpora() && 'no corpora' }, () => {
  const files = corpusDockerfiles().filter((f, i) => i % 3 === 0 && (f.text.match(/^[ \t]*from[ \t]/gim)?.length ?? 0) >= 2);
  const run = check(files, fromLineEdit, 3, SEED + 2);
  assert.deepEqual(run.failures, [], `${run.failures.length} of ${run.edits} edits differ`);
});

test('typing in a global ARG re-runs the stages that read it and keeps the others', () => {
  // Every way a stage reads a global ARG: its FROM line (image, platform, a stage name), `ARG NAME`
  // without a value (ONBUILD too), a `$NAME` it does not declare (with a "did you mean"), and a
  // stage built on one that reads it.
  const text = [
    'ARG BASE=alpine:3.19',
    'ARG STAGE=build',
    'ARG PLATFORM=linux/amd64',
    'ARG VERSION=1',
    'ARG UNREAD=x',
    'FROM ubuntu AS build',
    'RUN make',
    'FROM ${BASE} AS image',
    'RUN apk add curl',
    'FROM ${STAGE} AS fromstage',
    'RUN echo hi',
    'FROM --platform=${PLATFORM} alpine:3.19 AS platform',
    'RUN echo hi',
    'FROM alpine:3.19 AS redeclare',
    'ARG VERSION',
    'RUN echo $VERSION',
    'FROM alpine:3.19 AS onbuild',
    'ONBUILD ARG VERSION',
    'FROM redeclare AS child',
    'COPY $VERSION /x',
    'FROM alpine:3.19 AS hidden',
    'COPY $VERSON /x',
    'FROM alpine:3.19 AS plain',
    'RUN echo plain',
    'FROM ${BASEX} AS undeclared',
    '',
  ].join('\n');
  const edits: [string, string][] = [
    ['ARG BASE=alpine:3.19', 'ARG BASE=alpine:3.1'],
    ['ARG STAGE=build', 'ARG STAGE=image'],
    ['ARG STAGE=image', 'ARG STAGE=nothing'],
    ['ARG PLATFORM=linux/amd64', 'ARG PLATFORM=windows/amd64'],
    ['ARG VERSION=1', 'ARG VERSION=2'],
    ['ARG VERSION=2', 'ARG VERSON=2'],
    ['ARG UNREAD=x', 'ARG UNREAD=y'],
    ['ARG UNREAD=y', 'ARG BASEX=y'],
    ['ARG BASEX=y', 'ARG BASEX=y\nARG BASEX'],
    ['ARG BASE=alpine:3.1\n', ''],
    ['ARG STAGE', '# a comment\nARG STAGE'],
    // The first stage answers for what is above its FROM: an ignore comment, a COPY before any FROM.
    ['FROM ubuntu AS build', '# docklens-ignore\nFROM ubuntu AS build'],
    ['# docklens-ignore\n', ''],
  ];
  const kept = applyEachAsFresh(text, edits);
  // The UNREAD edit re-runs the first stage alone.
  assert.ok(kept > 20, `stages reading none of the ARGs kept their results (${kept})`);
});

test('an edit before the first FROM re-runs the first stage: it answers for the instructions above it', () => {
  const text = 'ARG A=1\nCOPY --from=1 / /x\nARG B=2\nFROM ubuntu AS build\nRUN make\nFROM alpine AS x\nRUN echo\n';
  const cache = new RuleResultCache();
  let model = parseDocument(text);
  diagnose(model, { cache }).lspDiagnostics();
  // `/x` becomes `/`: CopyWholeFilesystem, a rule of the first stage, now reports the COPY above it.
  const at = text.indexOf('/x') + 1;
  model = buildModel(reparse(model.ast, [{ start: at, end: at + 1, text: '' }]), model);
  const result = diagnose(model, { cache });
  const fresh = runDiagnostics(parseDocument(model.ast.text));
  assert.ok(fresh.some((f) => f.code === 'CopyWholeFilesystem'));
  assert.equal(JSON.stringify(result.findings), JSON.stringify(fresh));
  assert.equal(cache.lastRound?.reused.stages, 1, 'the second stage kept its results');
});

test('a FROM line added and removed re-runs the stages that read what moved and keeps the others', () => {
  // Every way a stage reads another: FROM a stage (the base gets fewer instructions when a FROM
  // lands inside it), COPY --from by name and by number, a duplicate name, the stages that ship.
  const text = [
    'FROM alpine:3.19 AS build',
    'RUN make',
    'ENV X=1',
    'RUN apt-get update && apt-get install -y curl',
    'FROM build AS child',
    'COPY $X /x',
    'FROM alpine:3.19 AS tools',
    'COPY --from=1 /a /a',
    'COPY --from=2 /a /a',
    'FROM alpine:3.19 AS plain',
    'RUN echo plain',
    'FROM alpine:3.19 AS other',
    'COPY --from=added /b /b',
    'FROM debian:bookworm AS final',
    'RUN apt-get update && apt-get install -y git',
    '',
  ].join('\n');
  const edits: [string, string][] = [
    ['ENV X=1\n', 'FROM alpine:3.20 AS added\nENV X=1\n'],
    ['FROM alpine:3.20 AS added\n', ''],
    ['FROM alpine:3.19 AS plain', 'FROM scratch\nFROM alpine:3.19 AS plain'],
    ['FROM scratch\n', ''],
    ['FROM alpine:3.19 AS tools', 'FROM alpine AS build\nFROM alpine:3.19 AS tools'],
    ['FROM alpine AS build\n', ''],
    ['RUN apt-get update && apt-get install -y git\n', 'RUN apt-get update && apt-get install -y git\nFROM alpine:3.20 AS last\n'],
    ['FROM alpine:3.20 AS last\n', ''],
    ['FROM alpine:3.19 AS other\n', ''],
    ['COPY --from=added', 'FROM alpine:3.19 AS other\nCOPY --from=added'],
  ];
  const kept = applyEachAsFresh(text, edits);
  assert.ok(kept > 10, `stages reading nothing that moved kept their results (${kept})`);
});
