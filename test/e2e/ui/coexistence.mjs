// UI check for issue 17, run with `run-code-server.mjs --ui coexistence --no-suite`-style runs
// (`--ui coexistence`): Docklens beside a stand-in Container Tools (test/e2e/peers/vscode-containers:
// its publisher/name, its settings, a hover and a completion). Opens compose.yaml. Before the offer is
// accepted, the hover over `image` shows both answers. Then the check reads the offer, clicks "Use
// Docklens for Dockerfile and Compose editing", reads the message saying what changed, checks the
// user settings.json (Compose service off, seven Dockerfile checks "ignore"), and hovers again: one
// answer, Docklens'. Screenshots: coexistence-offer.png, coexistence-done.png, coexistence-hover.png.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const extensions = [path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'peers', 'vscode-containers')];
export const openFile = 'compose.yaml';

const USE = 'Use Docklens for Dockerfile and Compose editing';

async function hoverText(page, log) {
  const word = page.locator('.view-line span', { hasText: /^image$/ }).first();
  const hover = page.locator('.monaco-hover:not(.hidden)');
  let text = '';
  for (let i = 0; i < 10 && !/redis|image/i.test(text.replace('Stand-in peer hover', '')); i++) {
    await page.mouse.move(5, 5);
    await word.hover();
    text = await hover.first().waitFor({ timeout: 3000 }).then(() => hover.first().innerText(), () => '');
  }
  log(`hover over image: ${JSON.stringify(text.slice(0, 200))}`);
  return text;
}

export default async function coexistence({ page, out, log, settingsFile }) {
  await page.locator('.view-line', { hasText: 'image: redis' }).first().waitFor({ timeout: 60_000 });
  // The offer may already have left the toasts for the notification centre: look there.
  const toast = page.locator('.notification-toast, .notifications-center .notification-list-item', { hasText: 'Container Tools' });
  await toast.first().waitFor({ timeout: 15_000 }).catch(async () => {
    await showNotifications(page);
    await toast.first().waitFor({ timeout: 45_000 }).catch(() => {
      throw new Error('no offer naming Container Tools within 60 s');
    });
  });
  const offer = await toast.first().innerText();
  log(`offer: ${JSON.stringify(offer)}`);
  if (!/two hovers/.test(offer)) throw new Error('the offer does not say what duplicates');
  await page.screenshot({ path: path.join(out, 'coexistence-offer.png') });

  const before = await hoverText(page, log);
  if (!/Stand-in peer hover/.test(before)) throw new Error('before accepting, the stand-in hover is not shown (no duplicate to remove?)');

  await toast.first().hover();
  await toast.first().locator('a.monaco-button, .monaco-button', { hasText: USE }).first().click();
  const done = page.locator('.notification-toast, .notifications-center .notification-list-item', { hasText: 'Docklens changed' });
  await done.first().waitFor({ timeout: 10_000 }).catch(async () => {
    await showNotifications(page);
    await done.first().waitFor({ timeout: 20_000 }).catch(() => {
      throw new Error('no message saying what Docklens changed');
    });
  });
  const doneText = await done.first().innerText();
  log(`done: ${JSON.stringify(doneText)}`);
  if (!/containers\.enableComposeLanguageService = false/.test(doneText)) throw new Error('the message does not list containers.enableComposeLanguageService');
  await page.screenshot({ path: path.join(out, 'coexistence-done.png') });

  let settings = {};
  for (let i = 0; i < 50; i++) {
    settings = JSON.parse(fs.readFileSync(settingsFile, 'utf8'));
    if (settings['containers.enableComposeLanguageService'] === false) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  log(`settings written: ${JSON.stringify(Object.keys(settings).filter((k) => /^(containers|docker)\./.test(k)))}`);
  if (settings['containers.enableComposeLanguageService'] !== false) throw new Error('containers.enableComposeLanguageService is not false in settings.json');
  const ignored = Object.keys(settings).filter((k) => k.startsWith('docker.languageserver.diagnostics.') && settings[k] === 'ignore');
  if (ignored.length !== 7) throw new Error(`expected 7 Dockerfile checks set to ignore, got ${JSON.stringify(ignored)}`);

  await page.keyboard.press('Escape');
  await page.locator('.view-line', { hasText: 'image: redis' }).first().click();
  const after = await hoverText(page, log);
  await page.screenshot({ path: path.join(out, 'coexistence-hover.png') });
  if (/Stand-in peer hover/.test(after)) throw new Error('after accepting, the stand-in hover is still shown');
  if (!after.trim()) throw new Error('after accepting, no Docklens hover');
}

async function showNotifications(page) {
  await page.keyboard.press('Escape');
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: 10_000 });
  await input.fill('>Notifications: Show Notifications');
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Show Notifications' }).first().waitFor({ timeout: 10_000 });
  await page.keyboard.press('Enter');
}
