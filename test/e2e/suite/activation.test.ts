// The extension activates on its languages, and every file name and pattern
// that the manifest claims opens with the right language id.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { extension, openFile, openWorkspaceFile, waitForServer } from './helpers';

interface LanguageContribution {
  id: string;
  filenames?: string[];
  filenamePatterns?: string[];
  extensions?: string[];
}

/** One concrete file name per manifest entry: `*` becomes `e2e`. */
function exampleNames(lang: LanguageContribution): string[] {
  return [
    ...(lang.filenames ?? []),
    ...(lang.filenamePatterns ?? []).map((p) => p.replace(/\*/g, 'e2e')),
    ...(lang.extensions ?? []).map((e) => `e2e${e}`),
  ];
}

suite('Activation and language detection', () => {
  test('the workspace files open with the manifest languages', async () => {
    const expected: [string, string][] = [
      ['Dockerfile', 'dockerfile'],
      ['Containerfile', 'dockerfile'],
      ['api.Dockerfile', 'dockerfile'],
      ['Dockerfile.dev', 'dockerfile'],
      ['compose.yaml', 'dockercompose'],
      ['docker-compose.prod.yml', 'dockercompose'],
    ];
    const seen: [string, string][] = [];
    for (const [file] of expected) seen.push([file, (await openWorkspaceFile(file)).languageId]);
    assert.deepEqual(seen, expected);
  });

  test('every file name and pattern in contributes.languages maps to its language', async () => {
    const languages: LanguageContribution[] = extension().packageJSON.contributes.languages;
    const ours = languages.filter((l) => l.id === 'dockerfile' || l.id === 'dockercompose');
    assert.deepEqual(ours.map((l) => l.id).sort(), ['dockercompose', 'dockerfile']);
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'docklens-e2e-lang-'));
    const wrong: string[] = [];
    let checked = 0;
    for (const lang of ours) {
      for (const name of exampleNames(lang)) {
        const dir = fs.mkdtempSync(path.join(root, 'f-'));
        const file = path.join(dir, name);
        fs.writeFileSync(file, lang.id === 'dockerfile' ? 'FROM alpine:3.20\n' : 'services:\n  app:\n    image: alpine:3.20\n');
        const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
        checked++;
        if (doc.languageId !== lang.id) wrong.push(`${name}: ${doc.languageId} (expected ${lang.id})`);
      }
    }
    assert.ok(checked >= 12, `only ${checked} names derived from the manifest`);
    assert.deepEqual(wrong, [], `files opened with the wrong language:\n${wrong.join('\n')}`);
  });

  test('opening a Dockerfile activates the extension and its server answers', async () => {
    await openFile(path.join(extension().extensionPath, 'test', 'e2e', 'workspace', 'Dockerfile'));
    await waitForServer();
    assert.equal(extension().isActive, true);
  });

  test('the restart command is registered', async () => {
    await waitForServer();
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('docklens.restartServer'), 'docklens.restartServer is not registered');
  });
});
