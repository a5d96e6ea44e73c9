// The server in the user's language: the locale from LSP `initialize` (or our client's
// initializationOptions) picks the catalogue; English otherwise.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CodeLens, Hover, MarkupContent } from 'vscode-languageserver-types';
import { cursor, LspClient } from '../support/lspClient';

const DOCKERFILE = ['FROM python:3.12-slim', 'RUN --mount=type=cache,target=/root/.cache pip install flask', 'CMD ["python", "app.py"]', ''].join('\n');

async function hoverAt(client: LspClient, uri: string, marked: string): Promise<string> {
  const { position } = cursor(marked);
  const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position });
  return hover ? (hover.contents as MarkupContent).value : '';
}

const at = (line: number, before: string) => DOCKERFILE.split('\n').map((l, i) => (i === line ? l.replace(before, '|' + before) : l)).join('\n');

describe('locale zh-cn (LSP initialize locale)', () => {
  let client: LspClient;
  const uri = 'file:///w/zh/Dockerfile';
  before(async () => {
    client = await LspClient.start(undefined, { locale: 'zh-CN' });
    await client.open(uri, DOCKERFILE);
  });
  after(() => client.stop());

  test('hover on CMD: what the image runs and the instruction, in Chinese, with the link to Docker docs', async () => {
    const text = await hoverAt(client, uri, at(2, 'CMD'));
    assert.match(text, /\*\*这个镜像运行什么\*\*/);
    assert.match(text, /`docker run IMAGE` 运行 `python app.py`/);
    assert.match(text, /设置容器启动时默认运行的命令/);
    assert.match(text, /\*\*注意\*\*/);
    assert.match(text, /\[Dockerfile 参考文档\]\(https:\/\/docs\.docker\.com\/reference\/dockerfile\/#cmd\)/);
    assert.doesNotMatch(text, /What this image runs|Watch out/);
  });

  test('hover on a flag and a mount type in Chinese', async () => {
    assert.match(await hoverAt(client, uri, at(1, '--mount')), /只为这一条命令挂载一个文件系统/);
    assert.match(await hoverAt(client, uri, at(1, 'cache,')), /在多次构建之间保留的目录/);
  });

  test('diagnostics of our rules and their quick fixes in Chinese; BuildKit\u2019s checks keep their words', async () => {
    const other = 'file:///w/zh/apt.Dockerfile';
    const diagnostics = await client.open(other, 'FROM ubuntu AS Base\nRUN apt-get install curl\n');
    const byCode = new Map(diagnostics.map((d) => [String(d.code), d]));
    assert.equal(byCode.get('BaseImageUnpinned')?.message, "镜像 'ubuntu' 没有标签，等同于 'ubuntu:latest'，而它会变：请固定版本标签或摘要");
    assert.equal(byCode.get('AptGetInstallNoConfirm')?.message, 'apt-get install 没有加 -y：构建会停在确认提示处');
    assert.equal(byCode.get('StageNameCasing')?.message, "Stage name 'Base' should be lowercase");
    const actions = await client.request<{ title: string }[]>('textDocument/codeAction', {
      textDocument: { uri: other },
      range: { start: { line: 1, character: 4 }, end: { line: 1, character: 4 } },
      context: { diagnostics: [byCode.get('AptGetInstallNoConfirm')] },
    });
    assert.ok(actions.some((a) => a.title === '添加 -y'), actions.map((a) => a.title).join(' | '));
  });

  test('completion details in Chinese, labels as written', async () => {
    const other = 'file:///w/zh/complete.Dockerfile';
    await client.open(other, 'FROM alpine\nRUN --\n');
    const result = await client.request<{ items: { label: string; detail?: string }[] } | { label: string; detail?: string }[]>('textDocument/completion', {
      textDocument: { uri: other },
      position: { line: 1, character: 6 },
    });
    const items = Array.isArray(result) ? result : result.items;
    const mount = items.find((i) => i.label === '--mount');
    assert.equal(mount?.detail, 'RUN 的选项');
  });

  test('hover inside RUN: the command, its options and the clean-up lesson in Chinese, commands as written', async () => {
    const text = await hoverAt(client, uri, at(1, 'pip install'));
    assert.match(text, /^\*\*`pip install`\*\* \u2014 安装 Python 包。/);
    assert.match(text, /\*\*对层的影响：\*\* 不加 `--no-cache-dir` 时/);
    assert.match(text, /\*\*选项\*\*/);
    const other = 'file:///w/zh/run.Dockerfile';
    const source = 'FROM debian\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n';
    await client.open(other, source);
    const rm = await hoverAt(client, other, source.replace('/var/lib', '|/var/lib'));
    assert.match(rm, /APT 的软件包列表，由 `apt-get update` 写入。/);
    assert.match(rm, /这个 RUN 在它之前运行了 `apt-get update`，所以软件包列表根本不会进入镜像。/);
    assert.match(rm, /每个 RUN 是一层/);
    assert.match(await hoverAt(client, other, source.replace('-y', '|-y')), /对所有提示都回答“是”/);
    assert.doesNotMatch(rm, /In the layer|never reach|Each RUN/);
  });

  test('hover on a FROM image: the reference table and the base-image facts in Chinese, image data as it is', async () => {
    const text = await hoverAt(client, uri, at(0, 'python'));
    assert.match(text, /^\*\*基础镜像\*\* `python:3\.12-slim`/);
    assert.match(text, /\| 仓库 \| `library\/python`（Docker 官方镜像） \|/);
    assert.match(text, /\*\*`python:3\.12-slim` 里有什么\*\*（来自 docker-library\/python，/);
    assert.match(text, /\| 软件包管理器 \| `apt` \|/);
    assert.match(text, /\| 默认用户 \| `root` \|/);
    assert.match(text, /与以下标签是同一个镜像：`[^`]+`、/);
    assert.doesNotMatch(text, /Base image|package manager|Same image as|contains\*\*/);
  });

  test('Compose hovers (port mapping, named volume, a value\u2019s completion) in Chinese; schema descriptions stay English', async () => {
    const compose = 'file:///w/zh/compose.yaml';
    const source = 'services:\n  web:\n    image: python:3.12-slim\n    restart: always\n    ports:\n      - "127.0.0.1:8080:80"\n    volumes:\n      - data:/var/lib/data\n    command: ["python", "-V"]\nvolumes:\n  data:\n';
    await client.open(compose, source, 'dockercompose');
    const port = await hoverAt(client, compose, source.replace('"127', '"|127'));
    assert.match(port, /\*\*端口映射\*\* `127\.0\.0\.1:8080:80`/);
    assert.match(port, /宿主机端口 \*\*8080\*\* → 容器端口 \*\*80\*\*（TCP）/);
    assert.match(port, /只绑定到宿主机地址 `127\.0\.0\.1`（只能从本机访问/);
    const volume = await hoverAt(client, compose, source.replace('data:/var', '|data:/var'));
    assert.match(volume, /\*\*命名卷\*\* `data` → `\/var\/lib\/data`/);
    assert.match(volume, /已在顶层 `volumes:` 下声明。/);
    assert.doesNotMatch(port + volume, /Host port|Named volume|Bound to/);
    const image = await hoverAt(client, compose, source.replace('python:', '|python:'));
    assert.match(image, /— 镜像/);
    assert.match(image, /仓库：`library\/python`（Docker 官方镜像）/);
    const service = await hoverAt(client, compose, source.replace('web:', '|web:'));
    assert.match(service, /^\*\*web\*\* — 服务\n\n运行镜像 `python:3\.12-slim`。/);
    const command = await hoverAt(client, compose, source.replace('command:', '|command:'));
    assert.match(command, /替换镜像的 \*\*CMD\*\*（默认参数）/);
    assert.match(command, /\*\*`python:3\.12-slim` 的设置：\*\*/);
    assert.match(command, /\*\*按这个服务的设置，容器运行：\*\* `/);
    assert.doesNotMatch(service + command, /Runs image|With this service|A string is split/);
    const result = await client.request<{ items: { label: string; documentation?: { value: string } }[] }>('textDocument/completion', {
      textDocument: { uri: compose },
      position: { line: 3, character: 15 },
    });
    assert.equal(result.items.find((i) => i.label === 'unless-stopped')?.documentation?.value, '除非容器是被手动停止的（或 Docker 被停止），否则重启。');
  });

  test('layer lens in Chinese', async () => {
    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
    assert.equal(lenses[0].command?.title, '最终镜像：python:3.12-slim + 1 层');
  });
});

describe('locale en', () => {
  let client: LspClient;
  const uri = 'file:///w/en/Dockerfile';
  before(async () => {
    client = await LspClient.start(undefined, { locale: 'en' });
    await client.open(uri, DOCKERFILE);
  });
  after(() => client.stop());

  test('hover on CMD and the layer lens stay English', async () => {
    const text = await hoverAt(client, uri, at(2, 'CMD'));
    assert.match(text, /\*\*What this image runs\*\*/);
    assert.match(text, /Sets the default command/);
    assert.doesNotMatch(text, /[\u4e00-\u9fff]/);
    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
    assert.equal(lenses[0].command?.title, 'final image: python:3.12-slim + 1 layer');
    const diagnostics = await client.open('file:///w/en/apt.Dockerfile', 'FROM ubuntu\n');
    assert.match(String(diagnostics.find((d) => d.code === 'BaseImageUnpinned')?.message), /^Image 'ubuntu' has no tag/);
  });
});

describe('docklens.locale through initializationOptions', () => {
  test('our client\u2019s locale wins over the editor\u2019s, and `auto` defers to it', async () => {
    const zh = await LspClient.start(undefined, { locale: 'en', initializationOptions: { locale: 'zh-cn' } });
    const auto = await LspClient.start(undefined, { locale: 'zh-cn', initializationOptions: { locale: 'auto' } });
    try {
      for (const client of [zh, auto]) {
        await client.open('file:///w/o/Dockerfile', DOCKERFILE);
        assert.match(await hoverAt(client, 'file:///w/o/Dockerfile', at(2, 'CMD')), /这个镜像运行什么/);
      }
    } finally {
      await zh.stop();
      await auto.stop();
    }
  });
});
