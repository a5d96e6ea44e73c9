// Format Document in the editor (issue 15): VS Code's own command on a messy Dockerfile and a messy
// compose file from the workspace, formatted by the server; the file on disk is left as it was.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { openWorkspaceFile, poll, revert, waitForServer } from './helpers';

const DOCKERFILE = [
  'FROM python:3.12-slim AS build',
  'WORKDIR /app',
  'RUN apt-get update && \\',
  '    apt-get install -y --no-install-recommends build-essential && \\',
  '    rm -rf /var/lib/apt/lists/*',
  'COPY requirements.txt .',
  'RUN pip install --no-cache-dir \\',
  '    -r requirements.txt',
  '',
  'CMD ["python", "app.py"]',
  '',
].join('\n');

const COMPOSE = [
  'services:',
  '  web:',
  '    image: nginx:1.27 # the front door',
  '    ports:',
  '      - "8080:80"',
  '    depends_on: [api]',
  '  api:',
  '    build: .',
  '    command: ["python", "app.py"]',
  '',
].join('\n');

suite('Format Document', () => {
  suiteSetup(waitForServer);

  for (const [file, expected] of [['messy.Dockerfile', DOCKERFILE], ['compose.messy.yaml', COMPOSE]] as const) {
    test(`formats ${file}: keywords, blanks, indentation, && chains, exec form / YAML indentation and comments`, async () => {
      const doc = await openWorkspaceFile(file);
      const original = doc.getText();
      const editor = await vscode.window.showTextDocument(doc);
      editor.options = { tabSize: file.endsWith('.yaml') ? 2 : 4, insertSpaces: true };
      try {
        // The server registers the formatter once it has started: retry until the text changes.
        const text = await poll(async () => {
          await vscode.commands.executeCommand('editor.action.formatDocument');
          return doc.getText();
        }, (t) => t !== original);
        assert.equal(text, expected);
        await vscode.commands.executeCommand('editor.action.formatDocument');
        assert.equal(doc.getText(), expected, 'formatting again changes nothing');
      } finally {
        await revert(doc);
      }
      assert.equal(doc.getText(), original, 'reverted to the file on disk');
    });
  }
});
