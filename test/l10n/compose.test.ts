// Compose checks of ours in the user's language: on every check fixture, each message of a code
// that has templates matches one (so it is translated), and in zh-cn the words come out Chinese.
import { afterEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { composeCompletion, composeHover, composeProblems, parseCompose } from '../../server/src/compose/index';
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

describe('Compose type words and unreadable files in zh-cn', () => {
  const hoverText = (text: string, at: string) => {
    const model = parseCompose(text);
    const hover = composeHover(model, model.lines.positionAt(text.indexOf(at) + 1), projectContext('compose.yaml'));
    return (hover?.contents as { value: string } | undefined)?.value ?? '';
  };

  test('a key hover names the type in Chinese; the schema description and the English sentence stay as they were', () => {
    const text = 'services:\n  web:\n    image: nginx:1.27\n    dns: 8.8.8.8\n    annotations: {}\n';
    assert.match(hoverText(text, 'dns:'), /^\*\*dns\*\* — a string or a list of strings$/m);
    useLocale('zh-cn', L10N_DIR);
    assert.match(hoverText(text, 'dns:'), /^\*\*dns\*\* — 字符串或字符串列表$/m);
    assert.match(hoverText(text, 'annotations:'), /^\*\*annotations\*\* — 键为名称、值为字符串、数字或布尔值的映射，或字符串列表$/m);
    setLocale('en');
    assert.match(hoverText(text, 'dns:'), /— a string or a list of strings$/m);
  });

  test('a one-of type keeps its values as code, spaced from the Chinese words', () => {
    useLocale('zh-cn', L10N_DIR);
    const text = 'services:\n  web:\n    image: nginx:1.27\n    cgroup: host\n';
    assert.match(hoverText(text, 'cgroup:'), /^\*\*cgroup\*\* — `host`、`private` 之一$/m);
  });

  test('key completion details name the types in the reader\u2019s language, English as JSON types', () => {
    const text = 'services:\n  web:\n    image: nginx:1.27\n    dn';
    const details = () => {
      const model = parseCompose(text);
      return composeCompletion(model, model.lines.positionAt(text.length)).items.find((i) => i.label === 'dns')?.detail;
    };
    assert.equal(details(), 'string | array');
    useLocale('zh-cn', L10N_DIR);
    assert.equal(details(), '字符串 | 列表');
    setLocale('en');
    assert.equal(details(), 'string | array');
  });

  test('why a file is not read, inside an UnreadableFile message', () => {
    useLocale('zh-cn', L10N_DIR);
    const cases: [string, string][] = [
      ['extends.file "base.yaml" is a directory, not a file.', 'extends.file "base.yaml" 是一个目录，不是文件。'],
      ['The build context "../x" is outside the project; in Restricted Mode Docklens reads only files inside the workspace folders.', '构建上下文 "../x" 在项目之外；受限模式下 Docklens 只读取工作区文件夹里的文件。'],
      ['The env_file "a.env" is larger than the size limit (docklens.files.maxSize), so it is not read.', 'env_file "a.env" 超过了大小上限（docklens.files.maxSize），所以不会读取它。'],
    ];
    for (const [english, chinese] of cases) assert.equal(translateByPattern('diag.UnreadableFile.', english), chinese);
  });
});
