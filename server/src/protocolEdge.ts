// The protocol edge: requests whose params are not what the protocol says (`params: null`, a string
// for a position...) are answered InvalidParams before any handler runs. vscode-languageserver reads
// `params.workDoneToken` before our handler is called, so a null would otherwise end as an internal
// error. The message strategy re-routes such a request to INVALID_PARAMS_METHOD (same id), whose
// handler in server.ts answers the error.
import { Message, type ConnectionOptions, type RequestMessage } from 'vscode-languageserver';

export const INVALID_PARAMS_METHOD = 'docklens/invalidParams';

export interface InvalidParams {
  method: string;
  problem: string;
}

type Check = (params: Record<string, unknown>) => string | undefined;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isUint = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const isPosition = (v: unknown) => isObject(v) && isUint(v.line) && isUint(v.character);
const isRange = (v: unknown) => isObject(v) && isPosition(v.start) && isPosition(v.end);

const document: Check = (p) => (isObject(p.textDocument) && typeof p.textDocument.uri === 'string' ? undefined : 'textDocument.uri must be a string');
const position: Check = (p) => document(p) ?? (isPosition(p.position) ? undefined : 'position must be {line, character} with non-negative integers');
const range: Check = (p) => document(p) ?? (isRange(p.range) ? undefined : 'range must be {start, end} positions');
const options: Check = (p) => (isObject(p.options) ? undefined : 'options must be an object');
const all = (...checks: Check[]): Check => (p) => checks.map((c) => c(p)).find((x) => x !== undefined);

/** The requests the server answers, with what their params must hold. */
const CHECKS: Record<string, Check> = {
  'textDocument/hover': position,
  'textDocument/completion': position,
  'textDocument/signatureHelp': position,
  'textDocument/definition': position,
  'textDocument/documentHighlight': position,
  'textDocument/prepareRename': position,
  'textDocument/references': all(position, (p) => (isObject(p.context) ? undefined : 'context must be an object')),
  'textDocument/rename': all(position, (p) => (typeof p.newName === 'string' ? undefined : 'newName must be a string')),
  'textDocument/documentSymbol': document,
  'textDocument/foldingRange': document,
  'textDocument/codeLens': document,
  'textDocument/documentLink': document,
  'textDocument/inlayHint': range,
  'textDocument/selectionRange': all(document, (p) => (Array.isArray(p.positions) && p.positions.every(isPosition) ? undefined : 'positions must be a list of positions')),
  'textDocument/codeAction': all(range, (p) => (isObject(p.context) && Array.isArray(p.context.diagnostics) ? undefined : 'context.diagnostics must be a list')),
  'textDocument/formatting': all(document, options),
  'textDocument/rangeFormatting': all(range, options),
  'textDocument/onTypeFormatting': all(position, options, (p) => (typeof p.ch === 'string' ? undefined : 'ch must be a string')),
};

/** Why the request's params are invalid, or undefined when they are fine (or the method is not checked). */
export function invalidParams(method: string, params: unknown): string | undefined {
  const check = CHECKS[method];
  if (!check) return undefined;
  if (!isObject(params)) return 'params must be an object';
  return check(params);
}

/** Connection options that send requests with invalid params to INVALID_PARAMS_METHOD. */
export const strictParams: ConnectionOptions = {
  messageStrategy: {
    handleMessage(message, next) {
      if (Message.isRequest(message)) {
        const problem = invalidParams(message.method, message.params);
        if (problem) {
          const params: InvalidParams = { method: message.method, problem };
          const rerouted: RequestMessage = { jsonrpc: message.jsonrpc, id: message.id, method: INVALID_PARAMS_METHOD, params };
          return next(rerouted);
        }
      }
      return next(message);
    },
  },
};
