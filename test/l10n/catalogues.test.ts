// The catalogues as data: every English key translated in zh-cn and nothing stale, placeholders,
// code spans and Markdown intact, the glossary followed; the VS Code manifest and client bundles too.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tableTextKeys } from '../../server/src/dockerfile/data';
import { catalogue, codeSpans, englishTexts, glossary, L10N_DIR, markdownShape, placeholders, prose, readJson, termPattern } from './support';

const en = englishTexts();
const zh = catalogue('zh-cn');

describe('zh-cn catalogue', () => {
  test('every English key has a translation (a singular `.one` key may be left out)', () => {
    const missing = [...en.keys()].filter((k) => !(k in zh) && !(k.endsWith('.one') && k.slice(0, -4) in zh));
    assert.deepEqual(missing, [], `translate these keys in l10n/zh-cn/*.json`);
  });

  test('every table text has a key of its own (two records under one key would share a translation)', () => {
    const keys = tableTextKeys();
    assert.deepEqual(keys.filter((k, i) => keys.indexOf(k) !== i), []);
  });

  test('no stale keys: every translated key still exists in English', () => {
    assert.deepEqual(Object.keys(zh).filter((k) => !en.has(k)), []);
  });

  test('each catalogue file is a flat JSON object of strings, keys not repeated across files', () => {
    const seen = new Map<string, string>();
    for (const file of readdirSync(join(L10N_DIR, 'zh-cn')).filter((f) => f.endsWith('.json'))) {
      const data = JSON.parse(readFileSync(join(L10N_DIR, 'zh-cn', file), 'utf8')) as Record<string, unknown>;
      for (const [key, value] of Object.entries(data)) {
        assert.equal(typeof value, 'string', `${file}: ${key}`);
        assert.ok(!seen.has(key), `${key} in both ${seen.get(key)} and ${file}`);
        seen.set(key, file);
      }
    }
  });

  test('placeholders match between English and Chinese', () => {
    const wrong = Object.entries(zh).filter(([k, v]) => en.has(k) && placeholders(v).join() !== placeholders(en.get(k)!).join());
    assert.deepEqual(wrong.map(([k]) => k), []);
  });

  test('code spans are kept exactly (keywords, flags, commands stay in English; a span may be repeated)', () => {
    const spans = (text: string) => [...new Set(codeSpans(text))].join('\u0000');
    const wrong = Object.entries(zh)
      .filter(([k, v]) => en.has(k) && spans(v) !== spans(en.get(k)!))
      .map(([k, v]) => `${k}\n  en: ${codeSpans(en.get(k)!).join(' ')}\n  zh: ${codeSpans(v).join(' ')}`);
    assert.deepEqual(wrong, []);
  });

  test('Markdown survives: bold and italic markers, link targets, paragraphs and list items', () => {
    const wrong = Object.entries(zh)
      .filter(([k, v]) => en.has(k) && JSON.stringify(markdownShape(v)) !== JSON.stringify(markdownShape(en.get(k)!)))
      .map(([k]) => k);
    assert.deepEqual(wrong, []);
  });

  test('translations are Chinese, not English left in place', () => {
    // A single technical word (heredoc) may stay as it is; a phrase may not.
    const untranslated = Object.entries(zh).filter(([k, v]) => /[a-z]{2,}\s+[a-z]{2,}/i.test(prose(v)) && !/[\u4e00-\u9fff]/.test(v) && v === en.get(k));
    assert.deepEqual(untranslated.map(([k]) => k), []);
  });

  test('the glossary is followed: required terms used, avoided words absent', () => {
    const terms = glossary();
    assert.ok(terms.length >= 20, 'glossary table read');
    const problems: string[] = [];
    for (const [key, text] of Object.entries(zh)) {
      const source = en.get(key);
      if (source === undefined) continue;
      for (const term of terms) {
        if (term.required && termPattern(term.english).test(prose(source)) && !text.includes(term.chinese)) {
          problems.push(`${key}: "${term.english}" should read 「${term.chinese}」`);
        }
        for (const word of term.avoid) if (prose(text).includes(word)) problems.push(`${key}: 「${word}」 → 「${term.chinese}」`);
      }
    }
    assert.deepEqual(problems, []);
  });
});

describe('VS Code manifest and client strings', () => {
  const manifest = readFileSync(join(process.cwd(), 'package.json'), 'utf8');
  const nls = readJson('package.nls.json');
  const nlsZh = readJson('package.nls.zh-cn.json');

  test('every %key% of package.json is in package.nls.json, and zh-cn has exactly the same keys', () => {
    const used = [...manifest.matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]);
    assert.deepEqual(used.filter((k) => !(k in nls)), []);
    assert.deepEqual(Object.keys(nls).filter((k) => !used.includes(k)), [], 'unused keys in package.nls.json');
    assert.deepEqual(Object.keys(nlsZh).sort(), Object.keys(nls).sort());
  });

  test('every setting, command and the configuration title are localized', () => {
    const pkg = JSON.parse(manifest) as { contributes: { commands: { title: string }[]; configuration: { properties: Record<string, Record<string, unknown>> } } };
    for (const c of pkg.contributes.commands) assert.match(c.title, /^%.+%$/);
    for (const [name, p] of Object.entries(pkg.contributes.configuration.properties)) {
      assert.match(String(p.description ?? p.markdownDescription), /^%.+%$/, name);
    }
  });

  test('package.nls.zh-cn.json keeps code spans', () => {
    for (const [k, v] of Object.entries(nls)) assert.equal(codeSpans(String(nlsZh[k])).join(), codeSpans(String(v)).join(), k);
  });

  test('client strings: every l10n.t() message of the client is in l10n/bundle.l10n.zh-cn.json with its {0} placeholders', () => {
    const sources = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
    const source = sources(join(process.cwd(), 'client', 'src')).map((f) => readFileSync(f, 'utf8')).join('\n');
    // Single- or double-quoted, possibly on the next line; escapes (\', \") read as the runtime string.
    const messages = [...new Set([...source.matchAll(/l10n\.t\(\s*(['"])((?:(?!\1)[^\\]|\\.)*)\1/g)].map((m) => m[2].replace(/\\(.)/g, '$1')))];
    assert.ok(messages.length >= 4);
    const bundle = readJson('l10n/bundle.l10n.zh-cn.json');
    assert.deepEqual(messages.filter((m) => typeof bundle[m] !== 'string'), []);
    assert.deepEqual(Object.keys(bundle).filter((k) => !messages.includes(k)), [], 'stale keys in the bundle');
    for (const m of messages) assert.deepEqual(String(bundle[m]).match(/\{\d+\}/g), m.match(/\{\d+\}/g), m);
  });
});
