// With locale zh-cn, what Docklens shows over the test fixtures (and a slice of the corpus) holds no
// English sentence of ours: every hover, completion detail and documentation, lens, inlay hint,
// diagnostic of our rules and quick-fix title reads Chinese outside code, quoted names, BuildKit's
// own messages and the compose-spec schema's descriptions (kept in English on purpose).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setLocale } from '../../server/src/l10n';
import { useLocale } from '../../server/src/node/catalogues';
import { readCases } from '../diagnostics/fixtureFormat';
import { readCursorCases } from '../hover/cursorFixtures';
import { corpusDockerfiles, corpusPath, hasCorpora } from '../support/corpora';
import { useShellParser } from '../support/shellParser';
import { projectContext } from '../compose/helpers';
import { L10N_DIR } from './support';
import { parseDocument } from '../../server/src/dockerfile/parser/model';
import { getCompletions } from '../../server/src/dockerfile/services/completion';
import * as posix from 'node:path/posix';
import type { FileHost } from '../../server/src/common/files';
import { ProjectResolver } from '../../server/src/compose/project/resolver';
import { resolvedProjectText } from '../../server/src/compose/project/resolvedView';
import { englishLeft, shownForCompose, shownForDockerfile, type Shown } from './shown';

useShellParser();
const FIXTURES = join(process.cwd(), 'test', 'fixtures');
/** Every n-th corpus file (DOCKLENS_L10N_SAMPLE=1 for all of them). */
const SAMPLE = Number(process.env.DOCKLENS_L10N_SAMPLE ?? 40);

function dockerfiles(): { name: string; text: string }[] {
  const out: { name: string; text: string }[] = [];
  const rules = join(FIXTURES, 'diagnostics', 'rules');
  for (const file of readdirSync(rules).filter((f) => f.endsWith('.cases'))) {
    for (const c of readCases(join(rules, file))) out.push({ name: `${file}: ${c.name}`, text: c.dockerfile });
  }
  const hovers = join(FIXTURES, 'hover');
  for (const file of readdirSync(hovers).filter((f) => f.endsWith('.hover'))) {
    for (const c of readCursorCases(readFileSync(join(hovers, file), 'utf8'))) out.push({ name: `${file}: ${c.name}`, text: c.text });
  }
  for (const dir of ['layers', 'graph', 'stages']) {
    for (const file of readdirSync(join(FIXTURES, dir)).filter((f) => f.endsWith('.Dockerfile'))) {
      out.push({ name: `${dir}/${file}`, text: readFileSync(join(FIXTURES, dir, file), 'utf8') });
    }
  }
  if (hasCorpora()) corpusDockerfiles().filter((_, i) => i % SAMPLE === 0).forEach((f) => out.push({ name: f.id, text: f.text }));
  return out;
}

function composeFiles(): { name: string; text: string }[] {
  const out: { name: string; text: string }[] = [];
  const checks = join(FIXTURES, 'compose', 'checks');
  for (const file of readdirSync(checks).filter((f) => f.endsWith('.yaml'))) out.push({ name: file, text: readFileSync(join(checks, file), 'utf8') });
  const cases = readFileSync(join(FIXTURES, 'compose', 'hover', 'hovers.txt'), 'utf8').split(/^## /m).slice(1);
  for (const c of cases) out.push({ name: `hovers: ${c.split('\n')[0]}`, text: c.split('\n').filter((l) => !l.startsWith('#>')).slice(1).join('\n').replace('|', '') });
  if (hasCorpora()) {
    const dir = corpusPath('compose', 'real');
    readdirSync(dir)
      .filter((f) => /\.ya?ml$/.test(f))
      .sort()
      .filter((_, i) => i % Math.max(1, Math.floor(SAMPLE / 4)) === 0)
      .forEach((f) => out.push({ name: f, text: readFileSync(join(dir, f), 'utf8') }));
  }
  return out;
}

/** English phrases that are names, not sentences of ours (checked by hand when the test last ran). */
const KEPT = [
  // registries' names in the image-reference hover
  /^(GitHub Container Registry|Microsoft Artifact Registry|Amazon ECR Public Gallery)$/,
  // commands inside plain-text diagnostics and fix titles
  /^(micro)?dnf clean all$|^yum clean all$|^yarn cache clean$|^dnf module install$/,
  // BuildKit's words quoted inside ours (InstructionBeforeFrom, InvalidCheckDirective)
  /^(no build stage in current context|failed to parse check options?|invalid check option)$/,
  // a command's name
  /^docker compose config$/,
];

/** Where a text quotes another tool's message after our words (compose-go's errors in the service hover). */
const QUOTED_MESSAGES = [/docker compose 在这个项目上会停下：.*$/gm];

function leftovers(shown: Shown[], where: string, into: Map<string, string>) {
  for (const s of shown) {
    const ours = QUOTED_MESSAGES.reduce((text, quoted) => text.replace(quoted, ''), s.text);
    for (const phrase of englishLeft(ours)) {
      if (KEPT.some((k) => k.test(phrase))) continue;
      const key = `${s.what}: ${phrase}`;
      if (!into.has(key)) into.set(key, `${where}\n${s.text}`);
    }
  }
}

describe('nothing of ours left in English (zh-cn)', () => {
  before(() => useLocale('zh-cn', L10N_DIR));
  after(() => setLocale('en'));

  test('Dockerfiles: hovers, completion, lenses, hints, diagnostics and code actions', () => {
    const found = new Map<string, string>();
    for (const f of dockerfiles()) leftovers(shownForDockerfile(f.text), f.name, found);
    if (process.env.DOCKLENS_L10N_VERBOSE) for (const [k, v] of found) console.log(`${k}\n    in ${v.split('\n')[0]}`);
    assert.deepEqual([...found.keys()].sort(), []);
  });

  test('Compose files: hovers, completion, lenses, diagnostics and code actions', () => {
    const found = new Map<string, string>();
    for (const f of composeFiles()) leftovers(shownForCompose(f.text, projectContext('compose.yaml')), f.name, found);
    if (process.env.DOCKLENS_L10N_VERBOSE) for (const [k, v] of found) console.log(`${k}\n    in ${v.split('\n')[0]}`);
    assert.deepEqual([...found.keys()].sort(), []);
  });

  test('Compose projects: hovers with the merged service, lenses, diagnostics and the resolved view\u2019s comments', () => {
    const found = new Map<string, string>();
    const data = JSON.parse(readFileSync(join(FIXTURES, 'compose-project', 'features.json'), 'utf8')) as { cases: { name: string; files: Record<string, string>; open: string }[] };
    for (const c of data.cases) {
      const files = new Map(Object.entries(c.files).map(([p, t]) => [posix.join('/p', p), t.replace('|', '')]));
      const isDir = (p: string) => [...files.keys()].some((k) => k.startsWith(p + '/'));
      const host: FileHost = {
        readFile: (p) => files.get(p),
        exists: (p) => files.has(p) || isDir(p),
        read: (p) => (files.has(p) ? { text: files.get(p)! } : isDir(p) ? { problem: 'directory' } : { problem: 'missing' }),
      };
      const path = posix.join('/p', c.open);
      const project = new ProjectResolver(host).forDocument(path);
      leftovers(shownForCompose(files.get(path)!, { host, path, uri: `file://${path}`, project }), c.name, found);
      const comments = resolvedProjectText(project.resolved)
        .split('\n')
        .filter((l) => l.trimStart().startsWith('#'))
        // origins (file:line) and the messages of docker compose quoted after ERROR keep their words
        .map((l) => l.replace(/^\s*#/, '').replace(/(错误|ERROR)[:：].*$/, ''));
      leftovers(comments.map((text) => ({ what: 'resolved view', text })), c.name, found);
    }
    if (process.env.DOCKLENS_L10N_VERBOSE) for (const [k, v] of found) console.log(`${k}\n    in ${v.split('\n')[0]}`);
    assert.deepEqual([...found.keys()].sort(), []);
  });

  test('Dockerfile snippets: served by completion with their descriptions in Chinese, bodies as written', () => {
    const model = parseDocument('FROM alpine:3.20\nrun-\n');
    const item = getCompletions(model, 'FROM alpine:3.20\nrun-'.length).find((i) => i.label === 'run-apt-cache');
    assert.ok(item);
    assert.equal(item.detail, '代码片段');
    assert.match((item.documentation as { value: string }).value, /^apt-get install，apt 的缓存放在缓存挂载里/);
    assert.match(item.textEdit!.newText, /--mount=type=cache/);
  });
});
