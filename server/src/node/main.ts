// Process entry: create the connection (stdio or IPC from the command line), load the shell parser
// (WebAssembly, asynchronous once), then hand the connection over. Messages sent meanwhile wait in
// the stream until the server listens.
// heapFlags first: its flags are set before any other module of the bundle runs.
import './heapFlags';
import { format } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createConnection, ProposedFeatures, StreamMessageReader, Message, type Connection, type ConnectionOptions } from 'vscode-languageserver/node';
import { startServer } from '../server';
import { strictParams } from '../protocolEdge';
import { loadShellParser } from './shellParser';
import { useLocale } from './catalogues';
import { keptJsonEncoder } from './keptJsonEncoder';
import { PartsMessageWriter } from './partsWriter';

// A closed document leaves its text, model and rule results behind as garbage, and V8 collects it
// only when the old generation reaches its limit (1.5x what survived the last full GC, at least
// 8 MB more): the next open then allocates on top of the last one's garbage. After a close (a burst
// of closes: one collection) the server collects once no message has come for QUIET_MS, so the
// next open starts from what is live and V8 sets its limit from that. Not at once: a forced full
// GC is atomic and cost 25-50 ms of CPU with 5k-line files (load ~12), which a close followed at
// once by an open (bench/run.mjs's open samples) paid inside the open: 5k open CPU ~105 -> ~150 ms
// (bench/README.md, "Memory"). `gc` is taken from a fresh context with the flag on for that moment
// only; without it (another runtime) a close collects nothing.
const QUIET_MS = 500;
const collectGarbage = exposedGc();
let collecting: NodeJS.Timeout | undefined;
let lastMessage = 0;
const collectWhenQuiet = () => {
  const quiet = performance.now() - lastMessage;
  if (quiet < QUIET_MS) collecting = setTimeout(collectWhenQuiet, QUIET_MS - quiet);
  else collectGarbage?.();
};
const documentClosed = () => {
  if (!collectGarbage) return;
  clearTimeout(collecting);
  collecting = setTimeout(collectWhenQuiet, QUIET_MS);
};

function exposedGc(): (() => void) | undefined {
  try {
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('typeof gc === "function" ? gc : undefined');
    return typeof gc === 'function' ? (gc as () => void) : undefined;
  } catch {
    return undefined;
  } finally {
    setFlagsFromString('--no-expose-gc');
  }
}

const connection = process.argv.includes('--stdio') ? stdioConnection() : createConnection(ProposedFeatures.all, strictParams);
void loadShellParser().then((problem) => {
  startServer(connection, { useLocale: (requested) => useLocale(requested), documentClosed });
  if (problem) connection.console.error(`Docklens: ${problem}; RUN scripts are not analysed`);
});

/**
 * Over stdio the reader is ours so that a message it cannot read (a broken Content-Length header)
 * is logged: vscode-jsonrpc reports it only to the reader's listeners and then waits for more input.
 * The rest is what the library does for `--stdio` itself: console output goes to the client (stdout
 * is the protocol) and the process ends with its input (exit code 0 after a shutdown request). The
 * writer keeps the JSON of each diagnostic it sends (keptJsonEncoder.ts) and writes a message as
 * those kept parts, not one copy of them all (partsWriter.ts): the extension's client talks to the
 * server over stdio for that.
 */
function stdioConnection(): Connection {
  const reader = new StreamMessageReader(process.stdin);
  const writer = new PartsMessageWriter(process.stdout, keptJsonEncoder().parts);
  let shutdown = false;
  const options: ConnectionOptions = {
    messageStrategy: {
      handleMessage(message, next) {
        lastMessage = performance.now();
        if (Message.isRequest(message) && message.method === 'shutdown') shutdown = true;
        return strictParams.messageStrategy!.handleMessage(message, next);
      },
    },
  };
  const c = createConnection(ProposedFeatures.all, reader, writer, options);
  reader.onError((error) => {
    const text = `docklens: unreadable message from the client (${error.message.split('\n')[0]}); waiting for the next one`;
    process.stderr.write(text + '\n');
    c.console.error(text);
  });
  console.log = (...args: unknown[]) => c.console.log(format(...args));
  console.info = (...args: unknown[]) => c.console.info(format(...args));
  console.warn = (...args: unknown[]) => c.console.warn(format(...args));
  console.error = (...args: unknown[]) => c.console.error(format(...args));
  console.debug = (...args: unknown[]) => c.console.log(format(...args));
  const end = () => process.exit(shutdown ? 0 : 1);
  process.stdin.on('end', end);
  process.stdin.on('close', end);
  return c;
}
