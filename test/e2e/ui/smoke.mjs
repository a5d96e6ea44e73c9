// UI smoke test, run by run-code-server.mjs against the live workbench with
// test/e2e/workspace/Dockerfile open: what a person sees. The layer lens above
// the stages, and the hover over CMD that says what the final image runs.
// Clicking the final stage's lens lists its layers. Screenshots go to
// test/e2e/artifacts/: workbench.png, codelens.png, hover.png,
// workbench-hover.png, layers-quickpick.png; then Format Document on messy.Dockerfile and
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
  const rows = (await picker.locator('.monaco-list-row').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
  log(`layer list: ${JSON.stringify(rows)}`);
  await picker.screenshot({ path: path.join(out, 'layers-quickpick.png') });
  await row.click();
  const line = 1 + (await page.locator('.view-line').allInnerTexts()).findIndex((t) => t.startsWith('WORKDIR /app'));
  await page.getByText(/Ln 13, Col 1/).first().waitFor({ timeout: 10_000 }).catch(() => {
    throw new Error(`picking "WORKDIR /app" did not move the cursor to line 13 (view line ${line})`);
  });
  log('picking a layer moved the cursor to its line');

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
  log(`screenshots: ${['workbench.png', 'codelens.png', 'hover.png', 'workbench-hover.png', 'layers-quickpick.png', 'format-dockerfile-before.png', 'format-dockerfile-after.png', 'format-compose-before.png', 'format-compose-after.png'].join(', ')}`);
}

/** Runs a command from the command palette; `Go to File` opens the quick-open box with `arg` instead. */
async function runCommand(page, command, arg) {
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
