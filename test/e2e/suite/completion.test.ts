// Completion from the instruction tables (issue 4) and the compose schema
// (issue 7). Inputs are data: `|` marks the cursor.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { completions, labelOf, openScratch, poll, waitForServer } from './helpers';

async function labelsAt(name: string, text: string, expectSome: string[]): Promise<string[]> {
  const { doc, cursor } = await openScratch(name, text);
  const norm = (l: string) => l.replace(/[=\s].*$/, '').toLowerCase();
  const list = await poll(() => completions(doc, cursor),
    (c) => expectSome.every((e) => (c?.items ?? []).some((i) => norm(labelOf(i)) === e.toLowerCase())));
  await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  return (list?.items ?? []).map((i) => norm(labelOf(i)));
}

function assertIncludes(labels: string[], wanted: string[]) {
  const missing = wanted.filter((w) => !labels.includes(w.toLowerCase()));
  assert.deepEqual(missing, [], `missing from completion: ${missing.join(', ')}; offered: ${labels.slice(0, 40).join(', ')}`);
}

suite('Completion', () => {
  suiteSetup(waitForServer);

  test('at the start of a line: instructions', async () => {
    const wanted = ['RUN', 'COPY', 'CMD', 'ENTRYPOINT', 'HEALTHCHECK'];
    assertIncludes(await labelsAt('Dockerfile', 'FROM alpine:3.20\n|', wanted), wanted);
  });

  test('after RUN --: the flags of RUN, and not those of COPY', async () => {
    const wanted = ['--mount', '--network', '--security'];
    const labels = await labelsAt('Dockerfile', 'FROM alpine:3.20\nRUN --|', wanted);
    assertIncludes(labels, wanted);
    assert.ok(!labels.includes('--chown'), 'RUN -- offers --chown, a COPY flag');
  });

  test('after COPY --from=: the names of earlier stages', async () => {
    const labels = await labelsAt('Dockerfile', 'FROM alpine:3.20 AS build\nRUN make\n\nFROM alpine:3.20\nCOPY --from=| /out /app\n', ['build']);
    assertIncludes(labels, ['build']);
  });

  test('inside a compose service: the keys of a service', async () => {
    const wanted = ['image', 'build', 'depends_on', 'ports'];
    assertIncludes(await labelsAt('compose.yaml', 'services:\n  web:\n    |\n', wanted), wanted);
  });
});
