// Diagnostics in the user's language: every message and quick-fix title our own rules produce on the
// rule fixtures matches an English template, so it is translated; BuildKit's checks stay English.
import { afterEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from '../../server/src/dockerfile/parser/model';
import { RULE_BY_CODE, runDiagnostics } from '../../server/src/dockerfile/services/diagnostics';
import { english } from '../../server/src/l10n/messages';
import { matchingTemplate, translateByPattern } from '../../server/src/l10n/patterns';
import { setLocale } from '../../server/src/l10n';
import { useLocale } from '../../server/src/node/catalogues';
import { readCases } from '../diagnostics/fixtureFormat';
import { useShellParser } from '../support/shellParser';
import { parseDockerignoreFile } from '../../server/src/dockerfile/services/diagnostics/rules/dockerignore';
import { parseHadolintConfig } from '../../server/src/dockerfile/services/diagnostics/hadolintConfig';
import { L10N_DIR } from './support';

const RULES_DIR = join(process.cwd(), 'test', 'fixtures', 'diagnostics', 'rules');
const templated = new Set(Object.keys(english).filter((k) => k.startsWith('diag.')).map((k) => k.split('.')[1]));

/** Build errors in BuildKit's words, some with a clause of ours around them (translated by template). */
const BUILDKIT_WORDS = new Set(['UnknownFlag', 'InvalidArguments', 'InvalidBaseImageName']);

useShellParser();
afterEach(() => setLocale('en'));

function fixtureFindings() {
  const out = [];
  for (const file of readdirSync(RULES_DIR).filter((f) => f.endsWith('.cases'))) {
    for (const c of readCases(join(RULES_DIR, file))) {
      const files = c.options?.files ?? {};
      const host = { readFile: (p: string) => (p.startsWith('/project/') ? files[p.slice('/project/'.length)] : undefined) };
      out.push(...runDiagnostics(parseDocument(c.dockerfile), { rules: c.options?.rules as never, buildArgs: c.options?.buildArgs, host: host as never, filePath: '/project/Dockerfile' }));
    }
  }
  return out;
}

describe('diagnostic templates', () => {
  test('every message and fix title of a translated rule on the fixtures matches its template', () => {
    // BuildKit's build errors keep BuildKit's sentence; only the ones carrying a clause of ours have templates
    const findings = fixtureFindings().filter((f) => templated.has(f.code) && !BUILDKIT_WORDS.has(f.code));
    assert.ok(findings.length > 50, `fixtures found ${findings.length} findings`);
    useLocale('zh-cn', L10N_DIR); // a template plus suffix templates (" Accounts it has …") counts as matched
    const unmatched = findings
      .filter((f) => !matchingTemplate(`diag.${f.code}.`, f.message) && translateByPattern(`diag.${f.code}.`, f.message) === undefined)
      .map((f) => `${f.code}: ${f.message}`);
    assert.deepEqual([...new Set(unmatched)], []);
    const titles = findings.flatMap((f) => f.fixes ?? []).map((x) => x.title);
    assert.deepEqual([...new Set(titles.filter((title) => !matchingTemplate('fix.', title)))], []);
  });

  test('templates exist only for rules of ours, never for BuildKit\u2019s checks', () => {
    for (const code of templated) {
      const rule = RULE_BY_CODE.get(code); // the others are Compose checks (test/l10n/compose.test.ts)
      if (rule) assert.ok(!rule.buildkit, `${code} is BuildKit's: its message stays verbatim`);
    }
  });

  test('in zh-cn the findings of our rules read Chinese, BuildKit\u2019s keep BuildKit\u2019s words', () => {
    useLocale('zh-cn', L10N_DIR);
    const findings = runDiagnostics(parseDocument('FROM ubuntu\nRUN apt-get install curl\nFROM alpine as Final\n'));
    const byCode = new Map([...findings].reverse().map((f) => [f.code, f]));
    assert.equal(byCode.get('BaseImageUnpinned')?.message, "镜像 'ubuntu' 没有标签，等同于 'ubuntu:latest'，而它会变：请固定版本标签或摘要");
    assert.match(byCode.get('AptGetInstallNoConfirm')!.message, /[\u4e00-\u9fff]/);
    assert.equal(byCode.get('AptGetInstallNoConfirm')!.fixes?.[0].title, '添加 -y');
    assert.equal(byCode.get('StageNameCasing')?.message, "Stage name 'Final' should be lowercase");
  });

  test('a merge-RUN reason inside a message is translated too', () => {
    useLocale('zh-cn', L10N_DIR);
    const findings = runDiagnostics(parseDocument('FROM alpine\nRUN echo a\nRUN ["echo", "b"]\n'));
    const f = findings.find((x) => x.code === 'ConsecutiveRunInstructions');
    assert.ok(f);
    assert.match(f.message, /第 2 行/);
    assert.match(f.message, /exec 格式/);
    assert.doesNotMatch(f.message, /the exec form/);
  });

  test('a .dockerignore pattern BuildKit rejects: our words in Chinese, Go\u2019s error as it is', () => {
    assert.equal(parseDockerignoreFile('[z-a]\n').problems[0].message, 'Invalid .dockerignore pattern "[z-a]": invalid character class range "z-a"; BuildKit fails the build on it.');
    useLocale('zh-cn', L10N_DIR);
    assert.equal(parseDockerignoreFile('[z-a]\n').problems[0].message, '.dockerignore 模式 "[z-a]" 无效：invalid character class range "z-a"；BuildKit 会因此让构建失败。');
  });

  test('problems in a .hadolint.yaml in Chinese, its keys and values as written', () => {
    const text = 'override:\n  bogus: [DL3000]\nfailure-threshold: x\n';
    assert.deepEqual(parseHadolintConfig(text).problems, ["unknown override level 'bogus'", "unknown failure-threshold 'x'"]);
    useLocale('zh-cn', L10N_DIR);
    assert.deepEqual(parseHadolintConfig(text).problems, ["未知的 override 级别 'bogus'", "未知的 failure-threshold 'x'"]);
  });
});

describe('BuildKit build errors with clauses of ours', () => {
  test('in zh-cn our clause is translated and BuildKit\u2019s words stay as BuildKit prints them', () => {
    useLocale('zh-cn', L10N_DIR);
    const findings = runDiagnostics(parseDocument('FROM Ubuntu:22.04\nFROM alpine AS x y\nFROM alpine foo x\nCOPY --chmown=1 a /b\nWORKDIR --x=1 /a\nCOPY a\n'));
    const messages = findings.map((f) => f.message);
    const expected = [
      "'Ubuntu:22.04' is not a valid image reference：镜像名中的仓库部分必须全部小写",
      'FROM requires either one or three arguments',
      "FROM 有三个参数时，第二个必须是 AS，而不是 'foo'",
      'Unknown flag --chmown：COPY 没有这个选项（你是指 --chown 吗？）',
      'Unknown flag --x：WORKDIR 不接受任何选项',
      'COPY requires at least two arguments, but only one was provided. Destination could not be determined',
    ];
    for (const m of expected) assert.ok(messages.includes(m), `${m}\nin ${JSON.stringify(messages, null, 1)}`);
    setLocale('en');
    const english = runDiagnostics(parseDocument('WORKDIR --x=1 /a\n')).map((f) => f.message);
    assert.ok(english.includes('Unknown flag --x: WORKDIR takes no flags'), JSON.stringify(english));
  });
});
