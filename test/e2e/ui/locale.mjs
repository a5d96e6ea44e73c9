// UI check for issue 20, run with `run-code-server.mjs --ui locale`: the workbench starts with
// `docklens.locale: zh-cn`, and what a person sees is Chinese: the layer lens above the final stage
// and the hover over CMD ("这个镜像运行什么"). Screenshots in test/e2e/artifacts/:
// locale-zh-cn-codelens.png, locale-zh-cn-hover.png, locale-zh-cn-workbench.png.
import path from 'node:path';

/** User settings the runner writes before code-server starts. */
export const settings = { 'docklens.locale': 'zh-cn' };

export default async function locale({ page, out, log }) {
  await page.locator('.monaco-editor .view-lines').first().waitFor({ timeout: 60_000 });
  await page.locator('.view-line', { hasText: 'ENTRYPOINT ["python"]' }).waitFor({ timeout: 30_000 });

  const lenses = page.locator('.codelens-decoration', { hasText: /层/ });
  await lenses.first().waitFor({ timeout: 60_000 }).catch(() => {
    throw new Error('no Chinese layer lens ("…层") appeared above the stages within 60 s');
  });
  const titles = (await lenses.allInnerTexts()).map((t) => t.trim());
  log(`code lenses: ${JSON.stringify(titles)}`);
  if (!titles.some((t) => /^最终镜像：python:3\.12-slim \+ 3 层$/.test(t))) throw new Error(`no "最终镜像" lens among ${JSON.stringify(titles)}`);
  await page.locator('.monaco-editor').first().screenshot({ path: path.join(out, 'locale-zh-cn-codelens.png') });

  const word = page.locator('.view-line span', { hasText: /^CMD$/ }).first();
  const hover = page.locator('.monaco-hover:not(.hidden)').filter({ hasText: /CMD/ });
  let text = '';
  for (let i = 0; i < 10 && !/这个镜像运行什么/.test(text); i++) {
    await page.mouse.move(5, 5);
    await word.hover();
    text = await hover.first().waitFor({ timeout: 3000 }).then(() => hover.first().innerText(), () => '');
  }
  log(`hover over CMD: ${JSON.stringify(text.slice(0, 300))}${text.length > 300 ? '…' : ''}`);
  if (!/这个镜像运行什么/.test(text)) throw new Error('the CMD hover is not in Chinese (no "这个镜像运行什么")');
  if (!/docker run IMAGE\s*运行\s*python app\.py/.test(text)) throw new Error('the CMD hover does not say what the image runs');
  await hover.first().screenshot({ path: path.join(out, 'locale-zh-cn-hover.png') });
  await page.screenshot({ path: path.join(out, 'locale-zh-cn-workbench.png') });
  log('screenshots: locale-zh-cn-codelens.png, locale-zh-cn-hover.png, locale-zh-cn-workbench.png');
}
