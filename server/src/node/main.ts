// Process entry: create the connection (stdio or IPC from the command line), load the shell parser
// (WebAssembly, asynchronous once), then hand the connection over. Messages sent meanwhile wait in
// the stream until the server listens.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from '../server';
import { loadShellParser } from './shellParser';
import { useLocale } from './catalogues';

const connection = createConnection(ProposedFeatures.all);
void loadShellParser().then((problem) => {
  startServer(connection, { useLocale: (requested) => useLocale(requested) });
  if (problem) connection.console.error(`Docklens: ${problem}; RUN scripts are not analysed`);
});
