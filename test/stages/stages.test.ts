// The stage analysis (services/stages.ts), as data: every stage of a file summarised (chain, image,
// OS, SHELL/WORKDIR/USER at its start and end, ENTRYPOINT/CMD, layers) and compared with an
// expected JSON file beside it.
//   - test/fixtures/stages/<name>.Dockerfile → <name>.expected.json: hand-written cases (Windows,
//     escape, SHELL, USER and WORKDIR inheritance), with the context at every instruction too;
//   - BuildKit's parser fixtures and the corpus files that chain stages or exercise Windows, escape,
//     SHELL or ONBUILD → test/fixtures/stages/corpus.expected.json.
// UPDATE_FIXTURES=1 rewrites the expected files (review the diff).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument, type DockerfileModel } from '../../server/src/dockerfile/parser/model';
import { allStageFacts, shellAt, stageFacts, userAt, workdirAt, type StageFacts } from '../../server/src/dockerfile/services/stages';
import type { CommandValue, ShellValue } from '../../server/src/dockerfile/services/imageConfig';
import { stageLabel } from '../../server/src/dockerfile/services/layers';
import { corpusPath, hasCorpora } from '../support/corpora';

const fixtures = join(process.cwd(), 'test', 'fixtures', 'stages');
const UPDATE = process.env.UPDATE_FIXTURES === '1';

const shellText = (s: ShellValue) => `${s.argv.join(' ')} (${s.origin.kind})`;
const commandText = (c: CommandValue) => (c.argv ? `${JSON.stringify(c.argv)} (${c.origin.kind})` : `unset (${c.origin.kind})`);
const orUnset = (v: string | undefined) => v ?? '(image)';

function summary(model: DockerfileModel, facts: StageFacts, withInstructions: boolean): Record<string, unknown> {
  const end = Infinity;
  const image = facts.image.kind === 'known' ? `known ${facts.image.facts.repository}:${facts.image.facts.tag}` : facts.image.kind;
  const out: Record<string, unknown> = {
    stage: stageLabel(facts.stage),
    base: facts.base ? stageLabel(facts.base.stage) : undefined,
    root: stageLabel(facts.root),
    depth: facts.depth,
    reference: facts.reference,
    image,
    os: facts.os,
    shell: [shellText(facts.shellAtStart), shellText(shellAt(facts, end))],
    workdir: [orUnset(facts.workdirAtStart), orUnset(workdirAt(facts, end))],
    user: [orUnset(facts.userAtStart?.value), orUnset(userAt(facts, end))],
    entrypoint: commandText(facts.config.entrypoint),
    cmd: commandText(facts.config.cmd),
    layers: facts.layers.map((l) => `${l.line + 1}: ${l.keyword}${l.onbuildFromStage !== undefined ? ' (ONBUILD)' : ''}`),
  };
  if (withInstructions) {
    out.instructions = facts.stage.instructions.map(
      (ins) => `${ins.startLine + 1} ${ins.keyword}: shell ${shellAt(facts, ins.start).argv.join(' ')} | workdir ${orUnset(workdirAt(facts, ins.start))} | user ${orUnset(userAt(facts, ins.start))}`,
    );
  }
  assert.equal(stageFacts(model, facts.stage), facts, 'one analysis per stage and model');
  return out;
}

function summarise(text: string, withInstructions: boolean): Record<string, unknown>[] {
  const model = parseDocument(text);
  return allStageFacts(model).map((f) => summary(model, f, withInstructions));
}

/** One file per key, one stage per line: a change shows as the lines of the stages it changed. */
function compactJson(value: Record<string, unknown[]>): string {
  const files = Object.entries(value).map(([id, stages]) => `  ${JSON.stringify(id)}: [\n${stages.map((s) => '    ' + JSON.stringify(s)).join(',\n')}\n  ]`);
  return `{\n${files.join(',\n')}\n}\n`;
}

function check(expectedPath: string, actual: unknown, write = (v: unknown) => JSON.stringify(v, null, 2) + '\n'): void {
  if (UPDATE || !existsSync(expectedPath)) {
    writeFileSync(expectedPath, write(actual));
    if (!UPDATE) assert.fail(`${expectedPath} was missing: written, review it and run again`);
    return;
  }
  assert.deepEqual(JSON.parse(JSON.stringify(actual)), JSON.parse(readFileSync(expectedPath, 'utf8')));
}

describe('stage analysis: hand-written cases', () => {
  for (const name of readdirSync(fixtures).filter((n) => n.endsWith('.Dockerfile'))) {
    it(name, () => {
      const text = readFileSync(join(fixtures, name), 'utf8');
      check(join(fixtures, name.replace(/\.Dockerfile$/, '.expected.json')), summarise(text, true));
    });
  }
});

/** BuildKit's parser fixtures, and corpus files with stage chains, Windows, escape, SHELL or ONBUILD. */
function corpusFiles(): { id: string; text: string }[] {
  const out: { id: string; text: string }[] = [];
  const testfiles = corpusPath('buildkit-parser', 'testfiles');
  for (const dir of readdirSync(testfiles).sort()) {
    const path = join(testfiles, dir, 'Dockerfile');
    if (existsSync(path)) out.push({ id: `buildkit/${dir}`, text: readFileSync(path, 'utf8') });
  }
  const dockerfiles = corpusPath('dockerfiles');
  const manifest = readFileSync(join(dockerfiles, 'manifest.tsv'), 'utf8').split('\n');
  const header = manifest[0].split('\t');
  const [idCol, fileCol, featuresCol] = ['id', 'file', 'features'].map((h) => header.indexOf(h));
  const WANTED = /(^|,)(windows|escape|shell-instr|onbuild)(,|$)/;
  for (const line of manifest.slice(1)) {
    const cols = line.split('\t');
    if (cols.length < header.length) continue;
    const text = readFileSync(join(dockerfiles, cols[fileCol]), 'utf8');
    const chained = parseDocument(text).stages.some((s) => s.baseStage !== undefined);
    if (chained || WANTED.test(cols[featuresCol])) out.push({ id: cols[idCol], text });
  }
  return out;
}

describe('stage analysis: corpus', () => {
  it('every stage of BuildKit fixtures and the selected corpus files', { skip: !hasCorpora() && 'no corpora' }, () => {
    const actual: Record<string, Record<string, unknown>[]> = {};
    for (const { id, text } of corpusFiles()) actual[id] = summarise(text, false);
    check(join(fixtures, 'corpus.expected.json'), actual, (v) => compactJson(v as Record<string, unknown[]>));
  });
});
