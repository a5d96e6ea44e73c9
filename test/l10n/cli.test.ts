// `docklens … --locale zh-cn` and LANG / LC_ALL: the CLI speaks the language asked for.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';

const root = process.cwd();
const FILE = 'FROM python:3.12-slim\nRUN pip install flask\nRUN pip install gunicorn\nCMD python app.py\n';

function docklens(args: string[], env: Record<string, string> = {}) {
  const clean = { ...process.env };
  for (const k of ['LANG', 'LC_ALL', 'LC_MESSAGES']) delete clean[k];
  const r = spawnSync(process.execPath, ['dist/cli.js', ...args], { cwd: root, encoding: 'utf8', input: FILE, env: { ...clean, ...env } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('docklens --locale', () => {
  before(() => {
    const b = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, encoding: 'utf8' });
    assert.equal(b.status, 0, b.stderr);
  });

  test('layers --locale zh-cn: the summary line in Chinese', () => {
    const r = docklens(['layers', '--locale', 'zh-cn', '-']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /最终镜像：python:3\.12-slim \+ 2 层/);
  });

  test('check --locale zh-cn: our rules in Chinese, BuildKit\u2019s checks and rule codes as they are', () => {
    const r = docklens(['check', '--locale', 'zh-cn', '-']);
    assert.match(r.out, /<stdin>:3:1: hint: 这个 RUN 紧跟在第 2 行的 RUN 之后/);
    assert.match(r.out, /pip install 没有加 --no-cache-dir：下载缓存会留在镜像里 \[PipNoCacheDir\]/);
    assert.match(r.out, /JSON arguments recommended for CMD to prevent unintended behavior related to OS signals \[JSONArgsRecommended\]/);
    const json = JSON.parse(docklens(['check', '--format', 'json', '--locale', 'zh-cn', '-']).out) as { code: string; message: string }[];
    assert.match(json.find((x) => x.code === 'PipNoCacheDir')!.message, /下载缓存/);
  });

  test('check --list-rules --locale zh-cn: our rules\u2019 descriptions in Chinese, BuildKit\u2019s in BuildKit\u2019s words', () => {
    const text = docklens(['check', '--list-rules', '--locale', 'zh-cn']).out;
    assert.match(text, /^PipNoCacheDir\s+.*'pip install' 没有加 '--no-cache-dir'，下载的 wheel 会留在镜像中$/m);
    assert.match(text, /^StageNameCasing\s+.*Stage names should be lowercase$/m);
    const rows = JSON.parse(docklens(['check', '--list-rules', '--format', 'json', '--locale', 'zh-cn']).out) as { code: string; origin: string; description: string }[];
    const ours = rows.filter((r) => r.origin === 'docklens');
    assert.ok(ours.length > 40);
    assert.deepEqual(ours.filter((r) => !/[\u4e00-\u9fff]/.test(r.description)).map((r) => r.code), []);
    assert.match(docklens(['check', '--list-rules']).out, /^PipNoCacheDir\s+.*'pip install' without '--no-cache-dir'/m);
  });

  test('usage and usage errors in Chinese; syntax, options and values as typed', () => {
    const help = docklens(['--help', '--locale', 'zh-cn']);
    assert.match(help.out, /^用法：docklens <command> \[options\]/);
    assert.match(help.out, /^  layers \[--format text\|json\] \[--target NAME\] \[--max-size SIZE\] FILE\|-   每个构建阶段的层以及最终镜像中的层$/m);
    const bad = docklens(['check', '--format', 'xml', '--locale', 'zh-cn', '-']);
    assert.equal(bad.code, 2);
    assert.equal(bad.err, 'docklens check: 未知的格式 "xml"（可选 text、json 或 sarif）\n');
    assert.equal(docklens(['layers', '--locale', 'zh-cn']).err, 'docklens layers: layers 只接受一个 FILE（或用 - 表示标准输入）\n');
    assert.equal(docklens(['check', '--format', 'xml', '-']).err, 'docklens check: unknown format "xml" (text, json or sarif)\n');
  });

  test('LANG=zh_CN.UTF-8 is honoured; LC_ALL wins over LANG; --locale wins over both', () => {
    assert.match(docklens(['layers', '-'], { LANG: 'zh_CN.UTF-8' }).out, /最终镜像/);
    assert.match(docklens(['layers', '-'], { LANG: 'zh_CN.UTF-8', LC_ALL: 'C' }).out, /final image: python:3\.12-slim \+ 2 layers/);
    assert.match(docklens(['layers', '--locale=en', '-'], { LANG: 'zh_CN.UTF-8' }).out, /final image/);
  });

  test('a path that is not a readable file: why, in the language asked for', () => {
    assert.equal(docklens(['check', '--locale', 'zh-cn', 'test']).err, 'docklens check: test 是一个目录，不是文件\n');
    assert.equal(docklens(['check', 'test']).err, 'docklens check: test is a directory, not a file\n');
  });

  test('graph --locale zh-cn: box words in Chinese, edge labels and names as written; parse usage errors too', () => {
    assert.match(docklens(['graph', '--locale', 'zh-cn', '-']).out, /s0\["构建阶段 0<br\/>python:3\.12-slim<br\/>2 层 · 最终镜像"\]/);
    assert.match(docklens(['graph', '--format', 'dot', '--locale', 'zh-cn', '-']).out, /label="构建阶段 0\\npython:3\.12-slim\\n2 层 · 最终镜像"/);
    assert.match(docklens(['graph', '-']).out, /2 layers · final image/);
    assert.equal(docklens(['parse', '--format', 'xml', '--locale', 'zh-cn', '-']).err, 'docklens parse: 未知的格式 "xml"（可选 buildkit 或 json）\n');
  });

  test('an unknown locale means English, not an error', () => {
    const r = docklens(['layers', '--locale', 'tlh', '-']);
    assert.equal(r.code, 0);
    assert.match(r.out, /final image/);
  });
});
