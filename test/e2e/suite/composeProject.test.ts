// Compose projects (issue 14) in the real editor: the override file is checked with its base and
// .env, and "Show Resolved Compose Project" opens a read-only document with the resolved YAML.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { openWorkspaceFile, poll, waitForServer } from './helpers';

suite('Compose project', () => {
  suiteSetup(waitForServer);

  test('Show Resolved Compose Project opens the resolved project with origins, read-only', async () => {
    const doc = await openWorkspaceFile('project/compose.override.yaml');
    await vscode.commands.executeCommand('docklens.showResolvedComposeProject', doc.uri);
    const resolved = await poll(
      async () => vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'docklens-compose'),
      (d) => !!d && d.getText().includes('services:'),
    );
    assert.ok(resolved, 'no resolved project document');
    const text = resolved.getText();
    assert.match(text, /image: example\/api:1\.4\.2/);
    assert.match(text, /# compose\.override\.yaml:6\n/);
    assert.match(text, /\(extends\)/);
    assert.doesNotMatch(text, /ports:/, 'ports were reset by the override file');
  });

  test('Compose project: the override file alone gets no false warnings', async () => {
    const doc = await openWorkspaceFile('project/compose.override.yaml');
    await new Promise((r) => setTimeout(r, 1500));
    const problems = vscode.languages.getDiagnostics(doc.uri).map((d) => `${d.code}: ${d.message}`);
    assert.deepEqual(problems, []);
  });
});
