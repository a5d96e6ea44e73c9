// Layer lenses and the merge-RUN quick fix (issue 5), applied to a real
// document in the editor and read back.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  codeActions, codeLenses, lensTitles, lineOf, openWorkspaceFile, poll, revert, waitForServer,
} from './helpers';

const isCommand = (a: vscode.CodeAction | vscode.Command): a is vscode.Command =>
  typeof (a as vscode.Command).command === 'string';

function diagnosticCode(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' && d.code !== null ? String(d.code.value) : String(d.code ?? '');
}

suite('Layers', () => {
  suiteSetup(waitForServer);

  test('lenses above each FROM: the build stage is not shipped, the final image adds 3 layers', async () => {
    const doc = await openWorkspaceFile('Dockerfile');
    const buildLine = lineOf(doc, 'FROM python:3.12-slim AS build');
    const finalLine = lineOf(doc, 'FROM python:3.12-slim AS final');
    const lenses = await poll(() => codeLenses(doc), (l) => lensTitles(l, finalLine).length > 0 && lensTitles(l, buildLine).length > 0);
    const build = lensTitles(lenses, buildLine).join(' | ');
    const final = lensTitles(lenses, finalLine).join(' | ');
    assert.match(build, /\b5 layers\b/, `lens above the build stage: "${build}"`);
    assert.match(build, /not shipped/, `lens above the build stage: "${build}"`);
    assert.match(build, /\bfinal\b/, `lens above the build stage should name its user "final": "${build}"`);
    assert.match(final, /final image/, `lens above the final stage: "${final}"`);
    assert.match(final, /python:3\.12-slim/, `lens above the final stage: "${final}"`);
    assert.match(final, /\b3 layers\b/, `lens above the final stage: "${final}"`);
  });

  test('each layer-adding instruction gets a "layer N of M in stage X" hint', async () => {
    const doc = await openWorkspaceFile('Dockerfile');
    const line = lineOf(doc, 'RUN pip install');
    const range = new vscode.Range(0, 0, doc.lineCount, 0);
    const label = (h: vscode.InlayHint) => (typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join(''));
    const hints = await poll(
      () => vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', doc.uri, range),
      (hs) => (hs ?? []).some((h) => h.position.line === line));
    const onRun = (hints ?? []).filter((h) => h.position.line === line).map(label).join(' | ');
    assert.match(onRun, /layer 3 of 5 in stage build/, `inlay hints on the pip install line: "${onRun}"`);
    const lines = new Set((hints ?? []).filter((h) => /layer \d+ of \d+/.test(label(h))).map((h) => h.position.line));
    assert.equal(lines.size, 8, `expected a layer hint on the 8 layer-adding lines, got lines ${[...lines].map((l) => l + 1)}`);
  });

  suite('merge-RUN quick fix on Dockerfile.dev', () => {
    let doc: vscode.TextDocument;
    let original = '';
    suiteSetup(async () => {
      doc = await openWorkspaceFile('Dockerfile.dev');
      original = doc.getText();
    });
    teardown(() => revert(doc));

    test('the second of two consecutive RUNs gets a ConsecutiveRunInstructions hint', async () => {
      const line = lineOf(doc, 'RUN useradd');
      const diags = await poll(async () => vscode.languages.getDiagnostics(doc.uri),
        (ds) => ds.some((d) => /ConsecutiveRunInstructions/.test(diagnosticCode(d))));
      const hit = diags.find((d) => /ConsecutiveRunInstructions/.test(diagnosticCode(d)));
      assert.ok(hit, `no ConsecutiveRunInstructions diagnostic; got: ${JSON.stringify(diags.map((d) => [diagnosticCode(d), d.message]))}`);
      assert.equal(hit.range.start.line, line, 'the hint is not on the second RUN');
      assert.ok(hit.severity === vscode.DiagnosticSeverity.Hint || hit.severity === vscode.DiagnosticSeverity.Information,
        `severity ${vscode.DiagnosticSeverity[hit.severity]}, expected Hint or Information`);
    });

    test('applying "Merge with previous RUN" joins the commands with && and a continuation, one layer less', async () => {
      const finalLine = lineOf(doc, 'FROM debian:bookworm-slim');
      const before = lensTitles(await poll(() => codeLenses(doc), (l) => lensTitles(l, finalLine).length > 0), finalLine).join(' | ');
      const line = lineOf(doc, 'RUN useradd');
      const range = new vscode.Range(line, 0, line, doc.lineAt(line).text.length);
      const actions = await poll(() => codeActions(doc, range),
        (as) => (as ?? []).some((a) => /merge/i.test(a.title)));
      const merge = (actions ?? []).find((a) => /merge/i.test(a.title));
      assert.ok(merge, `no merge action; offered: ${JSON.stringify((actions ?? []).map((a) => a.title))}`);
      if (isCommand(merge)) {
        await vscode.commands.executeCommand(merge.command, ...(merge.arguments ?? []));
      } else {
        if (merge.edit) assert.ok(await vscode.workspace.applyEdit(merge.edit), 'the merge edit was not applied');
        if (merge.command) await vscode.commands.executeCommand(merge.command.command, ...(merge.command.arguments ?? []));
      }

      const text = doc.getText();
      const m = /RUN mkdir -p \/app\/data && \\\n([ \t]+)useradd --system app\n/.exec(text);
      assert.ok(m, `merged text not found; document now reads:\n${text}`);
      assert.equal(text, original.replace('RUN mkdir -p /app/data\nRUN useradd --system app\n', m[0]),
        'the fix changed more than the two RUN lines');

      assert.match(before, /\b2 layers\b/, `lens before the fix: "${before}"`);
      const after = await poll(() => codeLenses(doc), (l) => /\b1 layers?\b/.test(lensTitles(l, finalLine).join(' ')));
      assert.match(lensTitles(after, finalLine).join(' | '), /\b1 layers?\b/, 'the layer lens did not drop to 1 layer after the merge');
    });
  });
});
