// Incremental diagnostics equal full diagnostics: random edits over corpus Dockerfiles, each version
// re-parsed incrementally and checked with the document's rule cache (kept results of unchanged
// instructions and stages re-used), against a full parse checked from scratch. Seeded: a failure
// names its file and edit. DOCKLENS_DIAG_EDITS / DOCKLENS_DIAG_SEED for a longer or other run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildModel, parseDocument, stageFields } from '../../server/src/dockerfile/parser/model';
import { reparse, type TextEdit } from '../../server/src/dockerfile/parser/incremental';
import { diagnose, RuleResultCache, runDiagnostics, toLspDiagnostics } from '../../server/src/dockerfile/services/diagnostics';
import { corpusDockerfiles, hasCorpora } from '../support/corpora';
import { seededRandom } from '../support/random';
import { useShellParser } from '../support/shellParser';
import { fileSum } from '../../server/src/dockerfile/parser/fileSum';
import { FILE_STYLE, fileStyleKey } from '../../server/src/dockerfile/services/mergeRun';
import { KEYWORD_CASING } from '../../server/src/dockerfile/services/diagnostics/rules/instructionCasing';
import { FILE_IGNORES } from '../../server/src/dockerfile/services/diagnostics/fileIgnores';
import { stageNamesKey } from '../../server/src/dockerfile/services/diagnostics/rules/helpers';

useShellParser();

/** Pieces that change stage context as well as lines: FROM, SHELL, WORKDIR, ARG/ENV, USER, CMD... */
const SNIPPETS = [
  '\n', ' \\\n', 'x', ' ', '"', '$', '{', '#', '# note\n', 'RUN echo hi\n', 'RUN <<EOF\n', 'EOF\n',
  'FROM alpine AS b\n', 'FROM b\n', 'FROM scratch\n', 'SHELL ["/bin/bash", "-c"]\n', 'WORKDIR rel\n', 'WORKDIR /abs\n',
  'ARG X=1\n', 'ENV A=$B\n', 'USER root\n', 'USER app\n', 'CMD run x\n', 'COPY --from=b / /\n', 'ONBUILD RUN a\n',
  'RUN apt-get install -y curl\n', 'RUN cd /x && make\n', 'MAINTAINER me\n', 'EXPOSE 80/TCP\n', '# check=skip=all\n',
  '# docklens-ignore\n', 'LABEL a b\n', 'run lower\n', '# docklens-ignore-file MaintainerDeprecated\n', '# hadolint global ignore=DL3059\n',
  '# check=experimental=InvalidDefinitionDescription\n', '# check=skip=JSONArgsRecommended\n',
];

function randomEdit(text: string, next: () => number): TextEdit {
  // Edits land at line starts half of the time: that is where instructions and stages begin.
  let at = Math.floor(next() * (text.length + 1));
  if (next() < 0.5) at = text.lastIndexOf('\n', at - 1) + 1;
  const kind = next();
  const snippet = SNIPPETS[Math.floor(next() * SNIPPETS.length)];
  if (kind < 0.5) return { start: at, end: at, text: snippet };
  const end = Math.min(text.length, at + 1 + Math.floor(next() * 30));
  if (kind < 0.75) return { start: at, end, text: '' };
  return { start: at, end, text: snippet };
}

const EDITS_PER_FILE = Number(process.env.DOCKLENS_DIAG_EDITS ?? 3);
/** Every FILE_STEP-th corpus file (and every multi-stage one of them): a few hundred edits in all. */
const FILE_STEP = Number(process.env.DOCKLENS_DIAG_STEP ?? 8);

test('diagnostics with kept rule results equal a full run after random edits on corpus Dockerfiles', { skip: !hasCorpora() && 'no corpora' }, () => {
  const files = corpusDockerfiles().filter((_, i) => i % FILE_STEP === 0);
  const next = seededRandom(Number(process.env.DOCKLENS_DIAG_SEED ?? 20261205));
  const failures: string[] = [];
  let edits = 0;
  let reused = 0;
  for (const file of files) {
    const cache = new RuleResultCache();
    let model = parseDocument(file.text);
    runDiagnostics(model, { cache });
    for (let k = 0; k < EDITS_PER_FILE && failures.length < 5; k++) {
      const edit = randomEdit(model.ast.text, next);
      model = buildModel(reparse(model.ast, [edit]), model);
      const kept = JSON.stringify(runDiagnostics(model, { cache }));
      reused += cache.lastRound?.reused.instructions ?? 0;
      const fresh = parseDocument(model.ast.text);
      const stages = (m: typeof model) => JSON.stringify(m.stages.map((st) => ({ ...stageFields(st), from: st.from.start, instructions: st.instructions.map((x) => x.start) })));
      assert.equal(stages(model), stages(fresh), `${file.id}: stages of the model built from the previous one`);
      const full = JSON.stringify(runDiagnostics(fresh));
      edits++;
      if (kept !== full) {
        failures.push(`${file.id}, edit ${k + 1}: ${JSON.stringify(edit)} at line ${model.ast.text.slice(0, edit.start).split('\n').length}\n  kept: ${kept.slice(0, 400)}\n  full: ${full.slice(0, 400)}`);
        break;
      }
    }
  }
  assert.deepEqual(failures, [], `${failures.length} of ${edits} edits differ`);
  assert.ok(reused > 0, 'kept results were used');
});

test('an edit inside one stage re-runs the rules of that instruction and that stage only', () => {
  const stage = (i: number) => `FROM alpine:3.19 AS s${i}\nWORKDIR /app\nRUN apk add curl\nCMD run x\n`;
  const text = Array.from({ length: 20 }, (_, i) => stage(i)).join('');
  const cache = new RuleResultCache();
  let model = parseDocument(text);
  runDiagnostics(model, { cache });
  const at = text.indexOf('curl', text.length / 2);
  model = buildModel(reparse(model.ast, [{ start: at, end: at, text: 'x' }]));
  const found = runDiagnostics(model, { cache });
  assert.equal(JSON.stringify(found), JSON.stringify(runDiagnostics(parseDocument(model.ast.text))));
  assert.equal(cache.lastRound?.reused.instructions, model.ast.instructions.length - 1);
  assert.equal(cache.lastRound?.reused.stages, model.stages.length - 1);
});

test('a change of build arguments drops every kept result', () => {
  const text = 'FROM alpine\nRUN echo $X\n';
  const cache = new RuleResultCache();
  const model = parseDocument(text);
  runDiagnostics(model, { cache });
  runDiagnostics(model, { cache, buildArgs: { X: '1' } });
  assert.equal(cache.lastRound?.reused.instructions, 0);
  runDiagnostics(model, { cache, buildArgs: { X: '1' } });
  assert.equal(cache.lastRound?.reused.instructions, model.ast.instructions.length);
});

/**
 * Edits that change what later lines read, besides random ones: a line added or removed, a stage
 * renamed, an ARG's name or default changed, `# escape=` added or removed.
 */
function contextEdit(text: string, next: () => number): TextEdit {
  const pick = <T>(list: T[]): T | undefined => (list.length === 0 ? undefined : list[Math.floor(next() * list.length)]);
  const lineStarts = [0, ...[...text.matchAll(/\n/g)].map((m) => m.index! + 1).filter((i) => i < text.length)];
  const kind = Math.floor(next() * 6);
  if (kind === 0) {
    const at = pick(lineStarts)!;
    return { start: at, end: at, text: next() < 0.5 ? '\n' : '# added\n' };
  }
  if (kind === 1) {
    const at = pick(lineStarts)!;
    const end = text.indexOf('\n', at);
    return { start: at, end: end < 0 ? text.length : end + 1, text: '' };
  }
  if (kind === 2) {
    const m = pick([...text.matchAll(/ AS ([\w.-]+)/gi)]);
    if (m) return { start: m.index! + 4, end: m.index! + 4 + m[1].length, text: next() < 0.5 ? `${m[1]}x` : 'base' };
  }
  if (kind === 3) {
    const m = pick([...text.matchAll(/^ARG ([A-Za-z_]\w*)(=\S*)?/gm)]);
    if (m) {
      const at = m.index! + 4 + m[1].length;
      return next() < 0.5 ? { start: m.index! + 4, end: at, text: `${m[1]}_X` } : { start: at, end: at + (m[2]?.length ?? 0), text: '=changed' };
    }
  }
  if (kind === 4) {
    const m = /^#\s*escape\s*=\s*\S\s*\n/i.exec(text);
    return m ? { start: m.index, end: m.index + m[0].length, text: '' } : { start: 0, end: 0, text: '# escape=`\n' };
  }
  return randomEdit(text, next);
}

test('LSP diagnostics kept per stage equal a fresh run\'s after edits that move lines, rename stages, change ARGs and the escape character', { skip: !hasCorpora() && 'no corpora' }, () => {
  const files = corpusDockerfiles().filter((_, i) => i % FILE_STEP === 1);
  const next = seededRandom(Number(process.env.DOCKLENS_DIAG_SEED ?? 20261205) + 2);
  const failures: string[] = [];
  let edits = 0;
  let groups = 0;
  for (const file of files) {
    const cache = new RuleResultCache();
    let model = parseDocument(file.text);
    diagnose(model, { cache }).lspDiagnostics();
    for (let k = 0; k < EDITS_PER_FILE * 2 && failures.length < 5; k++) {
      const edit = contextEdit(model.ast.text, next);
      model = buildModel(reparse(model.ast, [edit]), model);
      const result = diagnose(model, { cache });
      groups += cache.lastRound?.reused.groups ?? 0;
      // Now and then a version is not published: the kept diagnostics are then two edits behind.
      if (next() < 0.2) continue;
      const kept = JSON.stringify(result.lspDiagnostics());
      const fresh = parseDocument(model.ast.text);
      const full = JSON.stringify(toLspDiagnostics(fresh, runDiagnostics(fresh)));
      edits++;
      if (kept !== full || JSON.stringify(result.findings) !== JSON.stringify(runDiagnostics(fresh))) {
        failures.push(`${file.id}, edit ${k + 1}: ${JSON.stringify(edit)}\n  kept: ${kept.slice(0, 600)}\n  full: ${full.slice(0, 600)}`);
        break;
      }
    }
  }
  assert.deepEqual(failures, [], `${failures.length} of ${edits} edits differ`);
  assert.ok(groups > 0, 'kept stage groups were used');
});

test('a line added above moves kept diagnostics and the line numbers their messages name, without running the rules again', () => {
  const stage = (i: number) => `FROM alpine:3.19 AS s${i}\nRUN make a\nRUN make b\nCMD run x\n`;
  const text = Array.from({ length: 10 }, (_, i) => stage(i)).join('');
  const cache = new RuleResultCache();
  let model = parseDocument(text);
  diagnose(model, { cache }).lspDiagnostics();
  const at = text.indexOf('FROM', text.length / 2);
  model = buildModel(reparse(model.ast, [{ start: at, end: at, text: '\n' }]), model);
  const result = diagnose(model, { cache });
  const fresh = parseDocument(model.ast.text);
  assert.equal(JSON.stringify(result.lspDiagnostics()), JSON.stringify(toLspDiagnostics(fresh, runDiagnostics(fresh))));
  assert.ok(result.findings.some((f) => f.code === 'ConsecutiveRunInstructions' && f.message.includes(`line ${model.lines.lineOf(at) + 3}`)));
  // Every stage's results kept but the one the edit re-parsed (the ones below moved), the groups above it as they were.
  assert.equal(cache.lastRound?.reused.stages, model.stages.length - 1);
  assert.ok((cache.lastRound?.reused.groups ?? 0) >= 5);
});

test('file-wide totals carried across edits equal a count of the new text', { skip: !hasCorpora() && 'no corpora' }, () => {
  const files = corpusDockerfiles().filter((_, i) => i % (FILE_STEP * 2) === 0);
  const next = seededRandom(Number(process.env.DOCKLENS_DIAG_SEED ?? 20261205) + 1);
  // Counts without the zeros a carried total keeps for indents that went away.
  const plain = (v: unknown) => JSON.stringify(v, (k, x) => (k === 'carried' ? undefined : x instanceof Map ? [...x].filter(([, n]) => n !== 0).sort() : x));
  let carried = 0;
  for (const file of files) {
    const cache = new RuleResultCache();
    let model = parseDocument(file.text);
    runDiagnostics(model, { cache });
    for (let k = 0; k < EDITS_PER_FILE; k++) {
      model = buildModel(reparse(model.ast, [randomEdit(model.ast.text, next)]), model);
      runDiagnostics(model, { cache });
      const fresh = parseDocument(model.ast.text);
      assert.equal(plain(fileSum(model, FILE_STYLE)), plain(fileSum(fresh, FILE_STYLE)), `${file.id}: continuation style`);
      assert.equal(plain(fileSum(model, KEYWORD_CASING)), plain(fileSum(fresh, KEYWORD_CASING)), `${file.id}: keyword casing`);
      assert.equal(fileStyleKey(model), fileStyleKey(fresh), file.id);
      assert.equal(plain(fileSum(model, FILE_IGNORES)), plain(fileSum(fresh, FILE_IGNORES)), `${file.id}: ignore comments`);
      assert.equal(stageNamesKey(model), stageNamesKey(fresh), `${file.id}: stage names`);
      if (fileSum(model, FILE_STYLE).carried) carried++;
    }
  }
  assert.ok(carried > 0, 'totals were carried');
});

test('equal indent counts go to the indent the file shows first, also when the total was carried', () => {
  const text = 'FROM alpine\nRUN a \\\n  && b\nRUN c \\\n    && d\n';
  const cache = new RuleResultCache();
  let model = parseDocument(text);
  runDiagnostics(model, { cache });
  // A third indent, once, above the two others: three tied, and the carried total lists it last.
  const at = text.indexOf('RUN a');
  model = buildModel(reparse(model.ast, [{ start: at, end: at, text: 'RUN e \\\n\t&& f\n' }]));
  runDiagnostics(model, { cache });
  assert.ok(fileSum(model, FILE_STYLE).carried);
  assert.equal(fileStyleKey(model), fileStyleKey(parseDocument(model.ast.text)));
  assert.match(fileStyleKey(model), /\|\t\|/);
});

test('the line ending merge fixes use is carried across edits: a CRLF typed in or deleted anywhere counts', () => {
  const text = 'FROM alpine AS a\nRUN a\nRUN b\n# note\nFROM a\nRUN c\nRUN d\n';
  const cache = new RuleResultCache();
  let model = parseDocument(text);
  runDiagnostics(model, { cache });
  const edits = [
    { start: text.indexOf('RUN b') + 5, end: text.indexOf('RUN b') + 5, text: '\r' },
    { start: text.indexOf('# note'), end: text.indexOf('# note'), text: 'x' },
    { start: text.indexOf('RUN b') + 5, end: text.indexOf('RUN b') + 6, text: '' },
    { start: text.length, end: text.length, text: '# end\r\n' },
    { start: text.length + 6, end: text.length + 7, text: '' },
  ];
  const endings: boolean[] = [];
  for (const edit of edits) {
    model = buildModel(reparse(model.ast, [edit]), model);
    runDiagnostics(model, { cache });
    assert.equal(fileStyleKey(model), fileStyleKey(parseDocument(model.ast.text)), JSON.stringify(model.ast.text));
    endings.push(fileStyleKey(model).startsWith('"\\r\\n"'));
  }
  assert.ok(endings.includes(true) && endings.includes(false), 'CRLF came and went');
});

test('a blank line put between an ignore comment and its instruction shows the finding again (kept reports are not re-used)', () => {
  const text = 'FROM alpine\n# docklens-ignore\nMAINTAINER me\nRUN echo hi\nMAINTAINER you\n';
  const cache = new RuleResultCache();
  let model = parseDocument(text);
  const codes = () => runDiagnostics(model, { cache }).map((f) => `${f.code}@${model.lines.lineOf(f.span.start)}`);
  assert.ok(!codes().includes('MaintainerDeprecated@2'));
  const at = text.indexOf('MAINTAINER me');
  model = buildModel(reparse(model.ast, [{ start: at, end: at, text: '\n' }]));
  assert.ok(codes().includes('MaintainerDeprecated@3'));
  assert.deepEqual(codes(), runDiagnostics(parseDocument(model.ast.text)).map((f) => `${f.code}@${model.lines.lineOf(f.span.start)}`));
  model = buildModel(reparse(model.ast, [{ start: at, end: at + 1, text: '' }]));
  assert.ok(!codes().includes('MaintainerDeprecated@2'));
});

test('a change of a rule setting re-reports kept findings with the new severity', () => {
  const model = parseDocument('FROM alpine\nMAINTAINER me\n');
  const cache = new RuleResultCache();
  const severity = (rules?: Record<string, 'error'>) => runDiagnostics(model, { cache, rules }).find((f) => f.code === 'MaintainerDeprecated')?.severity;
  const before = severity();
  assert.equal(severity({ MaintainerDeprecated: 'error' }), 'error');
  assert.equal(severity(), before);
});

test('renaming a stage re-runs the stages that read the old or new name and keeps the others', () => {
  // Every way a stage reads another's name: FROM, COPY --from (found, unknown with a suggestion,
  // by number), ONBUILD COPY --from, FROM ${ARG} expanding to a name, a duplicate name.
  const text = [
    // Upper case: not an image name, so only the stage of that name makes it a valid base.
    'ARG BASE=Build',
    'FROM alpine:3.19 AS build',
    'RUN make',
    'FROM alpine:3.19 AS tools',
    'RUN apk add curl',
    'FROM build AS app',
    'COPY --from=tools / /',
    'FROM ${BASE} AS viaarg',
    'RUN echo hi',
    'FROM scratch AS rootfs',
    'COPY --from=buidl /out /',
    'ONBUILD COPY --from=tools /x /x',
    'FROM alpine:3.19 AS other',
    'COPY --from=1 /a /a',
    'RUN echo other',
    'FROM alpine:3.19 AS last',
    'RUN echo last',
    '',
  ].join('\n');
  const renames: [string, string][] = [['AS build', 'AS buildx'], ['AS buildx', 'AS tools'], ['AS tools', 'AS build'], ['AS tools', 'AS buidl'], ['AS other', 'AS othe'], ['AS last', 'AS']];
  const cache = new RuleResultCache();
  let model = parseDocument(text);
  diagnose(model, { cache }).lspDiagnostics();
  let kept = 0;
  for (const [from, to] of renames) {
    const at = model.ast.text.indexOf(from);
    if (at < 0) continue;
    model = buildModel(reparse(model.ast, [{ start: at, end: at + from.length, text: to }]), model);
    const result = diagnose(model, { cache });
    const fresh = parseDocument(model.ast.text);
    assert.equal(JSON.stringify(result.findings), JSON.stringify(runDiagnostics(fresh)), `after ${from} -> ${to}`);
    assert.equal(JSON.stringify(result.lspDiagnostics()), JSON.stringify(toLspDiagnostics(fresh, runDiagnostics(fresh))), `after ${from} -> ${to}`);
    assert.equal(cache.lastRound?.reused.instructions, model.ast.instructions.length - 1, 'instruction results kept');
    kept += cache.lastRound?.reused.stages ?? 0;
  }
  assert.ok(kept > 0, 'stages reading none of the names kept their results');
});
