// Locale resolution and message lookup: fallbacks to English, placeholders, counts.
import { afterEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fill, resolveLocale, setLocale, t, tn } from '../../server/src/l10n';
import { getInstructionInfo } from '../../server/src/dockerfile/data';
import { useLocale } from '../../server/src/node/catalogues';
import { L10N_DIR } from './support';

afterEach(() => setLocale('en'));

describe('resolveLocale', () => {
  const available = ['zh-cn'];
  const cases: [string | undefined, string][] = [
    ['zh-cn', 'zh-cn'],
    ['zh-CN', 'zh-cn'],
    ['zh_CN.UTF-8', 'zh-cn'],
    ['zh-Hans', 'zh-cn'],
    ['zh-Hans-CN', 'zh-cn'],
    ['zh-SG', 'zh-cn'],
    ['zh', 'zh-cn'],
    ['zh-TW', 'en'],
    ['zh-Hant', 'en'],
    ['en-US', 'en'],
    ['C', 'en'],
    ['POSIX', 'en'],
    ['auto', 'en'],
    ['', 'en'],
    [undefined, 'en'],
    ['fr_FR@euro', 'en'],
  ];
  for (const [requested, expected] of cases) test(`${String(requested)} → ${expected}`, () => assert.equal(resolveLocale(requested, available), expected));
});

describe('t and tn', () => {
  test('English by default, with placeholders filled and unknown ones kept', () => {
    assert.equal(t('layers.hint', { layer: 2, total: 5 }), 'layer 2 of 5');
    assert.equal(fill('{a} and {b}', { a: 1 }), '1 and {b}');
  });

  test('English singular and plural; a language without plurals uses one form', () => {
    assert.equal(tn('layers.count', 1), '1 layer');
    assert.equal(tn('layers.count', 3), '3 layers');
    setLocale('zh-cn', { 'layers.count': '{count} 层' });
    assert.equal(tn('layers.count', 1), '1 层');
    assert.equal(tn('layers.count', 3), '3 层');
  });

  test('a key missing from the catalogue falls back to English', () => {
    setLocale('zh-cn', { 'layers.hint': '第 {layer} 层，共 {total} 层' });
    assert.equal(t('layers.hint', { layer: 1, total: 2 }), '第 1 层，共 2 层');
    assert.equal(t('run.notSet'), 'not set');
  });

  test('the knowledge tables switch language and back', () => {
    useLocale('zh-cn', L10N_DIR);
    assert.match(getInstructionInfo('CMD')!.summary, /设置容器启动时默认运行的命令/);
    assert.equal(getInstructionInfo('CMD')!.forms[0].name, 'exec form', 'form names are ids and stay English');
    useLocale('en', L10N_DIR);
    assert.match(getInstructionInfo('CMD')!.summary, /^Sets the default command/);
  });
});
