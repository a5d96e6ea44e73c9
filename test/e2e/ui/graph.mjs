// UI check for issue 18, run with `run-code-server.mjs --ui graph`: the build graph as a person sees it.
// Opens workspace/graph/Dockerfile (4 stages), clicks the "graph" lens above the first FROM, waits for
// the webview's boxes (the final stage highlighted, the unused one greyed), clicks the `certs` box and
// checks the editor moved to its FROM line; then the Compose project's graph from the command palette.
// Screenshots in test/e2e/artifacts/: graph-dockerfile.png, graph-dockerfile-reveal.png, graph-compose.png.
import path from 'node:path';

/** The webview's document: code-server nests the page in two iframes. */
function webview(page) {
  return page.frameLocator('iframe.webview.ready').last().frameLocator('iframe#active-frame');
}

export default async function graph({ page, out, log }) {
  await page.locator('.monaco-editor .view-lines').first().waitFor({ timeout: 60_000 });
  await runCommand(page, 'Go to File', 'graph/Dockerfile');
  await page.locator('.view-line', { hasText: 'FROM golang:1.24 AS build' }).first().waitFor({ timeout: 30_000 });
  const lens = page.locator('.codelens-decoration a', { hasText: /^graph$/ }).first();
  await lens.waitFor({ timeout: 60_000 }).catch(() => {
    throw new Error('no "graph" code lens above the first FROM within 60 s');
  });
  await lens.click();
  const view = webview(page);
  await view.locator('svg g.node').first().waitFor({ timeout: 60_000 }).catch(() => {
    throw new Error('the build graph webview drew no boxes within 60 s');
  });
  const boxes = (await view.locator('svg g.node').allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());
  log(`graph boxes: ${JSON.stringify(boxes)}`);
  const summary = await view.locator('#summary').innerText();
  log(`graph summary: ${summary}`);
  if (boxes.filter((b) => /layer/.test(b)).length !== 4) throw new Error(`expected 4 stage boxes, got ${JSON.stringify(boxes)}`);
  if ((await view.locator('svg g.node.final').count()) !== 1) throw new Error('no single highlighted final stage');
  if ((await view.locator('svg g.node.unused').count()) !== 1) throw new Error('the unused "test" stage is not greyed');
  const edges = (await view.locator('svg g.edge text').allTextContents()).map((t) => t.trim());
  log(`graph edges: ${JSON.stringify(edges)}`);
  for (const kind of ['FROM', 'COPY --from']) if (!edges.includes(kind)) throw new Error(`no ${kind} edge among ${JSON.stringify(edges)}`);
  await page.screenshot({ path: path.join(out, 'graph-dockerfile.png') });

  // Clicking a box reveals its FROM line in the editor (line 12: FROM alpine:3.22 AS certs).
  await view.locator('svg g.node', { hasText: 'certs' }).first().click();
  await page.locator('.statusbar', { hasText: /Ln 12, Col/ }).waitFor({ timeout: 15_000 }).catch(async () => {
    const status = await page.locator('.statusbar').innerText().catch(() => '');
    throw new Error(`clicking "certs" did not move the cursor to line 12 (status bar: ${status.replace(/\s+/g, ' ')})`);
  });
  log('clicking the certs box selected line 12 in the editor');
  await page.screenshot({ path: path.join(out, 'graph-dockerfile-reveal.png') });

  // Live update: a new stage typed at the end appears in the graph without reopening it.
  await page.locator('.view-line', { hasText: 'ENTRYPOINT ["/app"]' }).first().click();
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('FROM scratch AS extra', { delay: 20 });
  await view.locator('svg g.node', { hasText: 'extra' }).first().waitFor({ timeout: 30_000 }).catch(() => {
    throw new Error('the graph did not redraw with the stage typed in the editor');
  });
  log('typing "FROM scratch AS extra" added a box to the graph');
  await page.screenshot({ path: path.join(out, 'graph-dockerfile-live.png') });
  await runCommand(page, 'File: Revert File');

  // The Compose project: services with depends_on edges, the built one linked to its Dockerfile graph.
  await runCommand(page, 'Go to File', 'graph/compose.yaml');
  await page.locator('.view-line', { hasText: 'depends_on' }).first().waitFor({ timeout: 30_000 });
  await runCommand(page, 'Docklens: Show Build Graph');
  const compose = page.frameLocator('iframe.webview.ready').last().frameLocator('iframe#active-frame');
  await compose.locator('svg g.node.service').first().waitFor({ timeout: 60_000 }).catch(() => {
    throw new Error('the Compose graph drew no service boxes within 60 s');
  });
  const services = (await compose.locator('svg g.node.service').allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());
  log(`compose boxes: ${JSON.stringify(services)}`);
  if (services.length !== 4) throw new Error(`expected 4 services, got ${JSON.stringify(services)}`);
  if (!services.some((s) => /Dockerfile graph/.test(s))) throw new Error('the built service does not link to its Dockerfile graph');
  const dependsOn = await compose.locator('svg g.edge text', { hasText: 'depends_on' }).count();
  if (dependsOn !== 3) throw new Error(`expected 3 depends_on edges, got ${dependsOn}`);
  await page.screenshot({ path: path.join(out, 'graph-compose.png') });
  log('screenshots: graph-dockerfile.png, graph-dockerfile-reveal.png, graph-dockerfile-live.png, graph-compose.png');
}

async function runCommand(page, command, arg) {
  await page.keyboard.press('Escape');
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: 10_000 });
  await input.fill(command === 'Go to File' ? arg : '>' + command);
  await page.locator('.quick-input-widget .monaco-list-row').first().waitFor({ timeout: 10_000 });
  if (command !== 'Go to File') await page.locator('.quick-input-widget .monaco-list-row', { hasText: command }).first().waitFor({ timeout: 10_000 });
  await page.keyboard.press('Enter');
}
