// UI check `--ui pictures`: the README pictures that the smoke test does not take, each checked before it
// is taken. On test/e2e/workspace/pictures/: the Problems view listing the Dockerfile's problems
// (problems.png); the merge quick fix offered on a RUN that follows a RUN (merge-before.png) and the
// merged RUN it writes (merge-after.png); the hover over `command:` in compose.yaml saying what the
// container runs with the ENTRYPOINT of the Dockerfile it builds (compose-command-hover.png).
// `npm run screenshots` copies them into docs/images/.
import path from 'node:path';
import { runCommand, shotAround } from './smoke.mjs';

export const openFile = 'pictures/Dockerfile';
// Less chrome in the pictures.
export const settings = { 'editor.minimap.enabled': false, 'breadcrumbs.enabled': false, 'workbench.tips.enabled': false };

export default async function pictures({ page, out, log }) {
  await page.locator('.view-line', { hasText: 'CMD python app.py' }).first().waitFor({ timeout: 60_000 });
  log('the editor shows pictures/Dockerfile');

  // Problems: wait for the server's diagnostics, then open the Problems view.
  await page.locator('.squiggly-warning').first().waitFor({ timeout: 60_000 }).catch(() => {
    throw new Error('no warning squiggle in pictures/Dockerfile within 60 s');
  });
  // A smaller window for this picture: the editor's text and the list, little empty space.
  const viewport = page.viewportSize();
  await page.setViewportSize({ width: 1100, height: 620 });
  await runCommand(page, 'Focus on Problems View');
  const panel = page.locator('.part.panel');
  const rows = panel.locator('.monaco-list-row', { hasText: 'CurlPipeShell' });
  await rows.first().waitFor({ timeout: 20_000 }).catch(() => {
    throw new Error('the Problems view does not list CurlPipeShell');
  });
  const listed = (await panel.locator('.monaco-list-row').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
  log(`problems: ${listed.length} rows, e.g. ${JSON.stringify(listed.slice(0, 3))}`);
  for (const code of ['SecretsUsedInArgOrEnv', 'JSONArgsRecommended', 'AptGetUpdateAlone']) {
    if (!listed.some((row) => row.includes(code))) throw new Error(`the Problems view does not list ${code}`);
  }
  await page.mouse.move(5, 5);
  const editorBox = await page.locator('.monaco-editor').first().boundingBox();
  const panelBox = await panel.boundingBox();
  await page.screenshot({
    path: path.join(out, 'problems.png'),
    clip: { x: editorBox.x, y: editorBox.y, width: panelBox.x + panelBox.width - editorBox.x, height: panelBox.y + panelBox.height - editorBox.y },
  });
  await runCommand(page, 'View: Hide Panel');
  await page.setViewportSize(viewport);

  // Merge RUN: the quick fix on the second of two RUNs, then the merged RUN.
  await page.locator('.view-line', { hasText: 'RUN apt-get install -y curl' }).first().click();
  await page.keyboard.press('Home');
  const fix = page.locator('.action-widget .monaco-list-row', { hasText: 'Merge with previous RUN' });
  for (let i = 0; i < 10 && !(await fix.count()); i++) {
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+Period');
    await fix.first().waitFor({ timeout: 3000 }).catch(() => {});
  }
  if (!(await fix.count())) throw new Error('no "Merge with previous RUN" quick fix on the second RUN');
  const actions = (await page.locator('.action-widget .monaco-list-row').allInnerTexts()).map((t) => t.trim()).filter(Boolean);
  log(`quick fixes: ${JSON.stringify(actions)}`);
  await fix.first().hover();
  await shotAround(page, path.join(out, 'merge-before.png'), [page.locator('.action-widget').first(), page.locator('.codelens-decoration').first(), page.locator('.view-line', { hasText: 'CMD python' }).first()]);
  await fix.first().click();
  await page.locator('.view-line', { hasText: 'RUN apt-get update && \\' }).first().waitFor({ timeout: 15_000 }).catch(() => {
    throw new Error('the merge quick fix did not write "RUN apt-get update && \\"');
  });
  // The layer hints follow: one layer fewer.
  await page.locator('.view-line', { hasText: 'layer 4 of 4' }).first().waitFor({ timeout: 15_000 }).catch(() => {
    throw new Error('after the merge the layer hints do not count 4 layers');
  });
  const merged = (await page.locator('.view-lines .view-line').allInnerTexts()).map((t) => t.replace(/\u00a0/g, ' '));
  log(`after the merge: ${JSON.stringify(merged)}`);
  if (!merged.some((l) => /^\s+apt-get install -y curl/.test(l))) throw new Error('the merged RUN does not continue with "apt-get install -y curl"');
  await page.mouse.move(5, 5);
  await shotAround(page, path.join(out, 'merge-after.png'), [page.locator('.codelens-decoration').first(), page.locator('.view-line', { hasText: 'CMD python' }).first()]);
  await runCommand(page, 'File: Revert File');

  // Compose: the hover over `command:` of a service that builds api.Dockerfile (ENTRYPOINT ["python"]).
  await runCommand(page, 'Go to File', 'pictures/compose.yaml');
  await page.locator('.view-line', { hasText: 'worker.py' }).first().waitFor({ timeout: 15_000 });
  const word = page.locator('.view-line span', { hasText: /^command$/ }).first();
  const hover = page.locator('.monaco-hover:not(.hidden)');
  let text = '';
  for (let i = 0; i < 10 && !/python worker\.py/.test(text); i++) {
    await page.mouse.move(5, 5);
    await word.hover();
    text = await hover.first().waitFor({ timeout: 3000 }).then(() => hover.first().innerText(), () => '');
  }
  log(`hover over command: ${JSON.stringify(text.slice(0, 300))}`);
  if (!/python worker\.py --queue high/.test(text)) throw new Error('the command: hover does not say the container runs "python worker.py --queue high"');
  await shotAround(page, path.join(out, 'compose-command-hover.png'), [hover.first(), page.locator('.view-line', { hasText: 'services:' }).first(), page.locator('.view-line', { hasText: 'worker.py' }).first()]);
  log('screenshots: problems.png, merge-before.png, merge-after.png, compose-command-hover.png');
}
