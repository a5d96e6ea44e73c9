// Compose checks of ours in the user's language: on every check fixture, each message of a code
// that has templates matches one (so it is translated), and in zh-cn the words come out Chinese.
import { afterEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { composeProblems, parseCompose } from '../../server/src/compose/index';
import { english } from '../../server/src/l10n/messages';
import { localizeFinding, matchingTemplate, translateByPattern } from '../../server/src/l10n/patterns';
import { semanticProblems } from '../../server/src/compose/semantics';
import { setLocale } from '../../server/src/l10n';
import { useLocale } from '../../server/src/node/catalogues';
import { FIXTURES, projectContext } from '../compose/helpers';
import { L10N_DIR } from './support';

afterEach(() => setLocale('en'));
const templated = new Set(Object.keys(english).filter((k) => k.startsWith('diag.')).map((k) => k.split('.')[1]));

describe('Compose checks in zh-cn', () => {
  test('every message of a templated code on the check fixtures is matched (with its suffixes)', () => {
    useLocale('zh-cn', L10N_DIR);
    const dir = join(FIXTURES, 'checks');
    const unmatched: string[] = [];
    let seen = 0;
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.yaml'))) {
      const name = file.startsWith('override-') ? 'compose.override.yaml' : 'compose.yaml';
      // Our semantic checks only: schema errors keep the spec's words.
      for (const p of semanticProblems(parseCompose(readFileSync(join(dir, file), 'utf8')), projectContext(name)).map(localizeFinding)) {
        if (!templated.has(p.code)) continue;
        seen++;
        if (!/[\u4e00-\u9fff]/.test(p.message)) unmatched.push(`${p.code}: ${p.message}`);
      }
    }
    assert.ok(seen > 10, `${seen} findings`);
    assert.deepEqual(unmatched, []);
  });

  test('undefined service with a suggestion, the note for merged files, and the fix title', () => {
    useLocale('zh-cn', L10N_DIR);
    const text = 'services:\n  web:\n    image: nginx:1.27\n    depends_on: [dbb]\n    networks: [front]\n  db:\n    image: postgres:16\n';
    const problems = composeProblems(parseCompose(text), projectContext('compose.yaml'));
    const service = problems.find((p) => p.code === 'UndefinedService')!;
    assert.equal(service.message, '服务 "web" 依赖了未定义的服务 "dbb"；已定义的服务有 web 和 db。你是指 "db" 吗？');
    assert.equal(service.fixes?.[0].title, '改为 "db"');
    const network = problems.find((p) => p.code === 'UndefinedNetwork')!;
    assert.equal(network.message, '服务 "web" 引用了未定义的网络 "front"；顶层没有声明任何 "networks"。');
    assert.equal(network.fixes?.find((f) => /声明/.test(f.title))?.title, '在顶层 networks 下声明网络 "front"');
    const merged = translateByPattern('diag.UndefinedService.', 'Service "a" depends on undefined service "b"; defined services are a. (If another Compose file merged with this one defines it, ignore this.)');
    assert.equal(merged, '服务 "a" 依赖了未定义的服务 "b"；已定义的服务有 a。（如果与此文件合并的另一个 Compose 文件定义了它，请忽略这条。）');
    assert.ok(matchingTemplate('suffix.', ' Did you mean "x"?'));
  });

  test('a service named like one of our words keeps its name', () => {
    useLocale('zh-cn', L10N_DIR);
    const text = 'services:\n  none:\n    image: nginx:1.27\n    depends_on: [extends]\n';
    const service = composeProblems(parseCompose(text), projectContext('compose.yaml')).find((p) => p.code === 'UndefinedService')!;
    assert.match(service.message, /^服务 "none" 依赖了未定义的服务 "extends"/);
  });
});
