// The build graph (issue 18): the command and lens are registered, and the server answers the
// graph request for a 4-stage Dockerfile and a Compose project (the UI check ui/graph.mjs draws them).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeLenses, lineOf, openWorkspaceFile, poll, waitForServer } from './helpers';

suite('Build graph', () => {
  suiteSetup(waitForServer);

  test('build graph: a "graph" lens above the first FROM runs docklens.showBuildGraph', async () => {
    const doc = await openWorkspaceFile('graph/Dockerfile');
    const first = lineOf(doc, 'FROM golang:1.24 AS build');
    const lenses = await poll(() => codeLenses(doc), (l) => l.some((x) => x.command?.command === 'docklens.showBuildGraph'));
    const lens = lenses.find((x) => x.command?.command === 'docklens.showBuildGraph')!;
    assert.equal(lens.range.start.line, first);
    assert.ok((await vscode.commands.getCommands(true)).includes('docklens.showBuildGraph'));
  });

  test('build graph: the command opens a webview beside the editor, for a Dockerfile and a Compose file', async () => {
    for (const file of ['graph/Dockerfile', 'graph/compose.yaml']) {
      const doc = await openWorkspaceFile(file);
      await vscode.commands.executeCommand('docklens.showBuildGraph', doc.uri.toString());
      const tab = await poll(
        async () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputWebview && t.label.includes(file.split('/')[1])),
        (t) => !!t,
      );
      assert.ok(tab, `no webview tab for ${file}`);
    }
  });
});
