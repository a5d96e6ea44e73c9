// A stand-in for Container Tools in the coexistence test. Like the real extension, its Compose
// features follow `containers.enableComposeLanguageService`. The real one reads that setting at
// start-up; this one reads it on every request so the test needs no window reload. Its Dockerfile
// hover and completion have no switch, as in the real one.
const vscode = require('vscode');

const composeOn = () => vscode.workspace.getConfiguration('containers').get('enableComposeLanguageService', true);

exports.activate = (context) => {
  const selector = [{ language: 'dockerfile' }, { language: 'dockercompose' }];
  context.subscriptions.push(
    vscode.languages.registerHoverProvider(selector, {
      provideHover(document, position) {
        if (document.languageId === 'dockercompose' && !composeOn()) return undefined;
        const word = document.getWordRangeAtPosition(position);
        return word ? new vscode.Hover('Stand-in peer hover', word) : undefined;
      },
    }),
    vscode.languages.registerCompletionItemProvider(selector, {
      provideCompletionItems(document) {
        if (document.languageId === 'dockercompose' && !composeOn()) return [];
        return [new vscode.CompletionItem('standin_peer_item')];
      },
    }),
  );
};
exports.deactivate = () => {};
