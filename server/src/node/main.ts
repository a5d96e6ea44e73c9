// Process entry: create the connection (stdio or IPC from the command line) and hand it over.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from '../server';

startServer(createConnection(ProposedFeatures.all));
