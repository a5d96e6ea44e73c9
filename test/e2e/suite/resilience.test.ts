// The server survives what users really open: binary junk, pathological
// Dockerfiles and broken YAML; and the restart command brings it back.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  codeLenses, completions, flattenSymbols, hovers, openScratch, openWorkspaceFile, poll, SERVER_START_MS, serverPids, symbols,
  waitForServer,
} from './helpers';

/** Deterministic junk: every byte value but NUL (which makes the editor treat the file as binary). */
function junk(length: number, seed: number): string {
  let x = seed >>> 0;
  const bytes = Buffer.alloc(length);
  for (let i = 0; i < length; i++) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    bytes[i] = 1 + (x >>> 24) % 255;
  }
  return bytes.toString('latin1');
}

const PATHOLOGICAL_DOCKERFILE = [
  '# escape=`',
  '# syntax=',
  'FROM',
  'FROM --platform= AS AS AS',
  'RUN <<EOF <<"EOF2" <<-',
  'COPY --from= --chmod=999999999999999999999 <<',
  'ENV =',
  'ARG ${${${${${',
  'HEALTHCHECK --interval= CMD',
  'ONBUILD ONBUILD ONBUILD RUN',
  'CMD ["unterminated", "json',
  'ENTRYPOINT [[[[[[[[[[',
  `LABEL ${'x'.repeat(200_000)}`,
  ...Array.from({ length: 2000 }, (_, i) => (i % 3 === 0 ? '  `' : i % 3 === 1 ? '# comment inside continuation' : '')),
  'RUN \\\r\n\r\r\n  echo \uFEFF \uD800 \uDFFF done `',
].join('\n');

const BROKEN_COMPOSE = 'services:\n  web: [\n    image: {\n  - - - :\n\t\ttabs: here\n<<: *nowhere\n&a &b !!binary ~\n';

suite('Resilience', () => {
  suiteSetup(waitForServer);

  test('the server survives garbage files and keeps answering for real ones', async () => {
    const pidsBefore = serverPids();
    if (pidsBefore) assert.ok(pidsBefore.length > 0, 'no dist/server.js process found under this extension host');
    const cases = [
      await openScratch('junk.Dockerfile', junk(64 * 1024, 7)),
      await openScratch('Dockerfile', PATHOLOGICAL_DOCKERFILE),
      await openScratch('compose.junk.yaml', BROKEN_COMPOSE),
      await openScratch('docker-compose.yml', junk(16 * 1024, 11)),
    ];
    for (const { doc } of cases) {
      // Every request must come back (empty is fine); none may hang.
      const probes = [doc.positionAt(0), doc.positionAt(doc.getText().length >> 1), doc.positionAt(doc.getText().length)];
      await symbols(doc);
      await codeLenses(doc);
      for (const p of probes) {
        await hovers(doc, p);
        await completions(doc, p);
      }
      // Typing into the garbage exercises incremental sync on broken text.
      const editor = await vscode.window.showTextDocument(doc);
      for (let i = 0; i < 5; i++) {
        await editor.edit((e) => e.insert(doc.positionAt((doc.getText().length * i) / 5), i % 2 ? '\\\n' : 'RUN <<X\n'));
      }
      await symbols(doc);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
    const real = await openWorkspaceFile('Dockerfile');
    const t = Date.now();
    const after = await poll(() => symbols(real), (s) => Array.isArray(s) && s.length > 0);
    assert.equal(flattenSymbols(after).filter((s) => s.depth === 0).length, 2,
      'after the garbage, the workspace Dockerfile no longer gets its two stage symbols');
    assert.ok(Date.now() - t < 5000, `the server took ${Date.now() - t} ms to answer after the garbage`);
    if (pidsBefore) assert.deepEqual(serverPids(), pidsBefore, 'the server process changed: it crashed and was restarted');
  });

  test('a compose file with an empty service name still gets its outline', async () => {
    // VS Code rejects a whole outline when one symbol has an empty name.
    const { doc } = await openScratch('compose.yaml', 'services:\n  "":\n    image: busybox\n  web:\n    image: nginx:1.27\n');
    const names = flattenSymbols(await poll(() => symbols(doc), (s) => flattenSymbols(s).some((x) => /\bweb\b/.test(x.text))))
      .map((x) => x.text);
    assert.ok(names.some((n) => /\bweb\b/.test(n)), `outline: ${JSON.stringify(names)}`);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  test('Docklens: Restart Server starts a new server that answers', async () => {
    const pidsBefore = serverPids();
    await vscode.commands.executeCommand('docklens.restartServer');
    const doc = await openWorkspaceFile('Dockerfile');
    const after = await poll(() => symbols(doc), (s) => Array.isArray(s) && s.length > 0, SERVER_START_MS);
    assert.equal(flattenSymbols(after).filter((s) => s.depth === 0).length, 2, 'no stage symbols after a restart');
    if (pidsBefore) {
      const now = await poll(async () => serverPids() ?? [], (p) => p.length === 1 && !pidsBefore.includes(p[0]));
      assert.ok(now.length === 1 && !pidsBefore.includes(now[0]), `server pids before ${pidsBefore}, after ${now}`);
    }
  });
});
