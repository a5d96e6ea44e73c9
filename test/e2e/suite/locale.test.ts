// Docklens in Simplified Chinese through `docklens.locale` (issue 20): the client restarts the
// server with the new language, and the CMD hover and the layer lens come back in Chinese.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeLenses, hovers, lensTitles, lineOf, markdownOf, openWorkspaceFile, poll, positionOf, waitForServer } from './helpers';

const RESTART_MS = 60_000;
const safely = <T>(fn: () => Thenable<T>) => async (): Promise<T | undefined> => {
  try {
    return await fn();
  } catch {
    return undefined; // the server is restarting
  }
};

suite('Locale', () => {
  // The runner may start the workbench in Chinese already (`--ui locale`): put back what was there.
  let previous: string | undefined;
  suiteSetup(async () => {
    await waitForServer();
    previous = vscode.workspace.getConfiguration('docklens').inspect<string>('locale')?.globalValue;
  });
  suiteTeardown(async () => {
    await vscode.workspace.getConfiguration('docklens').update('locale', previous, vscode.ConfigurationTarget.Global);
    if (previous && previous !== 'auto' && previous !== 'en') return;
    const doc = await openWorkspaceFile('Dockerfile');
    await poll(safely(() => codeLenses(doc)), (l) => lensTitles(l).some((t) => /final image/.test(t)), RESTART_MS);
  });

  test('docklens.locale zh-cn: the CMD hover and the layer lens in Chinese', async () => {
    await vscode.workspace.getConfiguration('docklens').update('locale', 'zh-cn', vscode.ConfigurationTarget.Global);
    const doc = await openWorkspaceFile('Dockerfile');
    const finalLine = lineOf(doc, 'FROM python:3.12-slim AS final');
    const lenses = await poll(safely(() => codeLenses(doc)), (l) => lensTitles(l, finalLine).some((t) => /最终镜像/.test(t)), RESTART_MS);
    const final = lensTitles(lenses, finalLine).join(' | ');
    assert.match(final, /^最终镜像：python:3\.12-slim \+ 3 层$/, `lens above the final stage: "${final}"`);
    const cmd = positionOf(doc, 'CMD ["app.py"]', 1);
    const text = markdownOf(await poll(safely(() => hovers(doc, cmd)), (h) => /这个镜像运行什么/.test(markdownOf(h)), RESTART_MS));
    assert.match(text, /\*\*这个镜像运行什么\*\*/, text);
    assert.match(text, /`docker run IMAGE` 运行 `python app\.py`/, text);
    assert.match(text, /设置容器启动时默认运行的命令/, text);
    assert.match(text, /https:\/\/docs\.docker\.com\/reference\/dockerfile\/#cmd/, text);
  });
});
