// Compose validation (issue 7) as the editor shows it: diagnostics on the
// offending node, and none on a valid file.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { openWorkspaceFile, poll, positionOf, waitForServer } from './helpers';

const describe = (ds: readonly vscode.Diagnostic[]) =>
  JSON.stringify(ds.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${vscode.DiagnosticSeverity[d.severity]} ${d.message}`));

suite('Compose diagnostics', () => {
  suiteSetup(waitForServer);

  test('depends_on naming an undefined service is reported on that name', async () => {
    const doc = await openWorkspaceFile('compose.yaml');
    const at = positionOf(doc, '- db', 2);
    const diags = await poll(async () => vscode.languages.getDiagnostics(doc.uri), (ds) => ds.some((d) => d.range.contains(at)));
    const hit = diags.find((d) => d.range.contains(at));
    assert.ok(hit, `nothing reported on "db"; diagnostics: ${describe(diags)}`);
    assert.match(hit.message, /\bdb\b/);
  });

  test('an unknown service key is reported with a "did you mean" suggestion', async () => {
    const doc = await openWorkspaceFile('compose.yaml');
    const at = positionOf(doc, 'restar:', 1);
    const diags = await poll(async () => vscode.languages.getDiagnostics(doc.uri), (ds) => ds.some((d) => d.range.contains(at)));
    const hit = diags.find((d) => d.range.contains(at));
    assert.ok(hit, `nothing reported on "restar"; diagnostics: ${describe(diags)}`);
    assert.match(hit.message, /restart/, `no suggestion in "${hit.message}"`);
  });

  test('a valid docker-compose.prod.yml gets no errors or warnings', async () => {
    // Only meaningful once compose validation is served: prove that first on the broken file.
    const broken = await openWorkspaceFile('compose.yaml');
    const seen = await poll(async () => vscode.languages.getDiagnostics(broken.uri), (ds) => ds.length > 0);
    assert.ok(seen.length > 0, 'compose.yaml gets no diagnostics at all: compose validation is not served');
    const doc = await openWorkspaceFile('docker-compose.prod.yml');
    await new Promise((r) => setTimeout(r, 1500)); // let validation of the newly opened file run
    const bad = vscode.languages.getDiagnostics(doc.uri)
      .filter((d) => d.severity === vscode.DiagnosticSeverity.Error || d.severity === vscode.DiagnosticSeverity.Warning);
    assert.deepEqual(bad, [], `unexpected problems: ${describe(bad)}`);
  });
});
