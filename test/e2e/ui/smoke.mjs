// UI smoke test, run by run-code-server.mjs against the live workbench with
// test/e2e/workspace/Dockerfile open: what a person sees. The layer lens above
// the stages, and the hover over CMD that says what the final image runs.
// Clicking the final stage's lens lists its layers. Screenshots go to
// test/e2e/artifacts/: workbench.png, codelens.png, hover.png,
// workbench-hover.png, layers-quickpick.png; the hover over `--no-cache-dir` inside RUN
// (run-hover.png), the completion list after `RUN --mount=type=` (completion-list.png) and the
// values after `restart:` in compose.yaml (compose-value-completion.png); then Format Document on messy.Dockerfile and
// compose.messy.yaml: format-{dockerfile,compose}-{before,after}.png.
import path from 'node:path';

export default async function smoke({ page, out, log }) {
  await page.locator('.monaco-editor .view-lines').first().waitFor({ timeout: 60_000 });
  await page.locator('.view-line', { hasText: 'ENTRYPOINT ["python"]' }).waitFor({ timeout: 30_000 });
  log('the editor shows the workspace Dockerfile');
  await page.screenshot({ path: path.join(out, 'workbench.png') });

  // Code lenses appear once the language server has answered.
  const lenses = page.locator('.codelens-decoration', { hasText: /layer/i });
  await lenses.first().waitFor({ timeout: 60_000 }).catch(() => {
    throw new Error('no code lens mentioning layers appeared above the stages within 60 s');
  });
  const titles = (await lenses.allInnerTexts()).map((t) => t.trim());
  log(`code lenses: ${JSON.stringify(titles)}`);
  if (!titles.some((t) => /final image/i.test(t))) throw new Error(`no "final image" lens among ${JSON.stringify(titles)}`);
  await page.locator('.monaco-editor').first().screenshot({ path: path.join(out, 'codelens.png') });

  // Hover CMD on the last line; the widget opens above it and leaves the
  // lenses in view. The first hover can race the server: move away and retry.
  const word = page.locator('.view-line span', { hasText: /^CMD$/ }).first();
  const hover = page.locator('.monaco-hover:not(.hidden)').filter({ hasText: /CMD/ });
  let text = '';
  for (let i = 0; i < 10 && !/python app\.py/.test(text); i++) {
    await page.mouse.move(5, 5);
    await word.hover();
    text = await hover.first().waitFor({ timeout: 3000 }).then(() => hover.first().innerText(), () => '');
  }
  if (!text) throw new Error('no hover widget appeared over CMD');
  log(`hover over CMD: ${JSON.stringify(text.slice(0, 300))}${text.length > 300 ? '…' : ''}`);
  await hover.first().screenshot({ path: path.join(out, 'hover.png') });
  await page.screenshot({ path: path.join(out, 'workbench-hover.png') });
  if (!/python app\.py/.test(text)) throw new Error('the CMD hover does not say what the stage runs ("python app.py")');

  // Clicking the final stage's lens lists its layer-adding instructions;
  // picking one moves the cursor to it.
  await page.keyboard.press('Escape');
  await page.mouse.move(5, 5);
  await page.locator('.codelens-decoration a', { hasText: /final image/ }).first().click();
  const picker = page.locator('.quick-input-widget');
  const row = picker.locator('.monaco-list-row', { hasText: 'WORKDIR /app' });
  await row.waitFor({ timeout: 15_000 }).catch(() => {
    throw new Error('clicking the "final image" lens did not list the stage\'s layers (no "WORKDIR /app" item)');
  });
  // A row's label, description and detail are separate elements without spaces between them.
  const rows = await picker.locator('.monaco-list-row').evaluateAll((els) =>
    els.map((row) => [...row.querySelectorAll('.label-name, .label-description')].map((e) => e.textContent.trim()).filter(Boolean).join(' — ')),
  );
  log(`layer list: ${JSON.stringify(rows)}`);
  await picker.screenshot({ path: path.join(out, 'layers-quickpick.png') });
  await row.click();
  const line = 1 + (await page.locator('.view-line').allInnerTexts()).findIndex((t) => t.startsWith('WORKDIR /app'));
  await page.getByText(/Ln 13, Col 1/).first().waitFor({ timeout: 10_000 }).catch(() => {
    throw new Error(`picking "WORKDIR /app" did not move the cursor to line 13 (view line ${line})`);
  });
  log('picking a layer moved the cursor to its line');

  // Teaching inside RUN: hovering `--no-cache-dir` on line 6 explains what it does to the layer.
  await page.keyboard.press('Escape');
  const option = page.locator('.view-line span[class^="mtk"]', { hasText: 'no-cache-dir' }).first();
  const runHover = page.locator('.monaco-hover:not(.hidden)').filter({ hasText: /cache/ });
  let runText = '';
  for (let i = 0; i < 10 && !/option of/.test(runText); i++) {
    await page.mouse.move(5, 5);
    await option.hover();
    runText = await runHover.first().waitFor({ timeout: 3000 }).then(() => runHover.first().innerText(), () => '');
  }
  log(`hover over --no-cache-dir: ${JSON.stringify(runText.slice(0, 200))}`);
  if (!/option of pip install/.test(runText)) throw new Error('no hover explaining --no-cache-dir inside RUN');
  await shotAround(page, path.join(out, 'run-hover.png'), [runHover.first(), page.locator('.view-line', { hasText: 'RUN pip' }).first()]);
  await page.mouse.move(5, 5);

  // The completion list after `RUN --mount=type=` on a new last line: mount types, short details.
  await page.locator('.view-line', { hasText: 'CMD ["app.py"]' }).first().click();
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('RUN --mount=type=', { delay: 30 });
  const suggest = page.locator('.editor-widget.suggest-widget.visible');
  await page.keyboard.press('Control+Space');
  await suggest.locator('.monaco-list-row', { hasText: 'cache' }).first().waitFor({ timeout: 15_000 }).catch(() => {
    throw new Error('no completion list with mount types after "RUN --mount=type="');
  });
  const suggestions = (await suggest.locator('.monaco-list-row').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
  log(`completion after RUN --mount=type=: ${JSON.stringify(suggestions)}`);
  await shotAround(page, path.join(out, 'completion-list.png'), [suggest, page.locator('.view-line', { hasText: 'EXPOSE' }).first()]);
  await page.keyboard.press('Escape');
  await runCommand(page, 'File: Revert File');

  // Compose: the values of `restart:` and nothing else (no snippets in a value).
  await runCommand(page, 'Go to File', 'compose.yaml');
  await page.locator('.view-line', { hasText: 'build: .' }).first().click();
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('restart: ', { delay: 30 });
  await page.keyboard.press('Control+Space');
  await suggest.locator('.monaco-list-row', { hasText: 'unless-stopped' }).first().waitFor({ timeout: 15_000 }).catch(() => {
    throw new Error('no completion list with restart policies after "restart: "');
  });
  const values = (await suggest.locator('.monaco-list-row').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
  log(`completion after restart: ${JSON.stringify(values)}`);
  await shotAround(page, path.join(out, 'compose-value-completion.png'), [suggest, page.locator('.view-line', { hasText: 'services:' }).first()]);
  if (values.some((v) => /compose-/.test(v))) throw new Error(`snippets offered as restart values: ${JSON.stringify(values)}`);
  await page.keyboard.press('Escape');
  await runCommand(page, 'File: Revert File');

  // Format Document on a messy Dockerfile and a messy compose file: before and after.
  for (const [file, name, formattedLine] of [
    ['messy.Dockerfile', 'format-dockerfile', 'FROM python:3.12-slim AS build'],
    ['compose.messy.yaml', 'format-compose', '    image: nginx:1.27 # the front door'],
  ]) {
    await runCommand(page, 'Go to File', file);
    const editor = page.locator('.monaco-editor').first();
    await page.locator('.view-line', { hasText: file.endsWith('.yaml') ? 'depends_on' : 'workdir' }).first().waitFor({ timeout: 15_000 });
    await editor.screenshot({ path: path.join(out, `${name}-before.png`) });
    await runCommand(page, 'Format Document');
    await page.locator('.view-line', { hasText: formattedLine }).first().waitFor({ timeout: 30_000 }).catch(() => {
      throw new Error(`Format Document did not format ${file} (no line "${formattedLine}")`);
    });
    await editor.screenshot({ path: path.join(out, `${name}-after.png`) });
    await runCommand(page, 'File: Revert File');
    log(`Format Document formatted ${file}`);
  }
  log(`screenshots: ${['workbench.png', 'codelens.png', 'hover.png', 'workbench-hover.png', 'layers-quickpick.png', 'run-hover.png', 'completion-list.png', 'compose-value-completion.png', 'format-dockerfile-before.png', 'format-dockerfile-after.png', 'format-compose-before.png', 'format-compose-after.png'].join(', ')}`);
}

/** A screenshot of the editor's text area around some elements (a widget and the lines it explains). */
export async function shotAround(page, file, locators) {
  const editor = await page.locator('.monaco-editor').first().boundingBox();
  const boxes = (await Promise.all(locators.map((l) => l.boundingBox()))).filter(Boolean);
  const top = Math.max(editor.y, Math.min(...boxes.map((b) => b.y)) - 8);
  const bottom = Math.min(editor.y + editor.height, Math.max(...boxes.map((b) => b.y + b.height)) + 8);
  await page.screenshot({ path: file, clip: { x: editor.x, y: top, width: Math.min(editor.width - 110, 900), height: bottom - top } });
}

/** Runs a command from the command palette; `Go to File` opens the quick-open box with `arg` instead. */
export async function runCommand(page, command, arg) {
  await page.keyboard.press('Escape');
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: 10_000 });
  if (command === 'Go to File') {
    await input.fill(arg);
  } else {
    await input.fill('>' + command);
  }
  await page.locator('.quick-input-widget .monaco-list-row').first().waitFor({ timeout: 10_000 });
  if (command !== 'Go to File') {
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: command }).first().waitFor({ timeout: 10_000 });
  }
  await page.keyboard.press('Enter');
}
