// UI check for issue 14, run with `run-code-server.mjs --ui resolved`: "Docklens: Show Resolved Compose
// Project" from the command palette on workspace/project/compose.override.yaml opens the resolved project
// beside it, read-only, with the origin comments. Screenshot: test/e2e/artifacts/resolved-project.png.
import path from 'node:path';

export default async function resolved({ page, out, log }) {
  await page.locator('.monaco-editor .view-lines').first().waitFor({ timeout: 60_000 });
  await palette(page, 'project/compose.override.yaml', false);
  await page.locator('.view-line', { hasText: 'ports: !reset []' }).first().waitFor({ timeout: 30_000 });
  await palette(page, 'Docklens: Show Resolved Compose Project', true);
  const tab = page.locator('.tab', { hasText: 'resolved-compose.yaml' }).first();
  await tab.waitFor({ timeout: 60_000 }).catch(() => {
    throw new Error('no "resolved-compose.yaml" editor opened within 60 s');
  });
  for (const text of ['# Resolved Compose project', 'image: example/api:1.4.2', '# compose.override.yaml:6', '(extends)']) {
    await page.locator('.view-line', { hasText: text }).first().waitFor({ timeout: 30_000 }).catch(() => {
      throw new Error(`the resolved project does not show "${text}"`);
    });
  }
  log('resolved project opened beside the override file, with origins');
  await page.screenshot({ path: path.join(out, 'resolved-project.png') });
  log('screenshot: resolved-project.png');
}

async function palette(page, text, isCommand) {
  await page.keyboard.press('Escape');
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: 10_000 });
  await input.fill(isCommand ? '>' + text : text);
  await page.locator('.quick-input-widget .monaco-list-row', isCommand ? { hasText: text } : undefined).first().waitFor({ timeout: 15_000 });
  await page.keyboard.press('Enter');
}
