// The JSON encoder of the stdio writer, with the JSON of each diagnostic kept. After an edit in a
// large file, a version's diagnostics are mostly the previous version's objects (findingGroups.ts
// re-uses the groups an edit did not touch), but the whole list goes out again with every publish:
// at 100k lines, 6,423 diagnostics, 2.6 MB of JSON, 27-47 ms of JSON.stringify and UTF-8 encoding
// per keystroke (load 9). Here a publishDiagnostics message is put together from each diagnostic's
// encoded bytes, made once per diagnostic object: 3-12 ms for the same list. Only frozen diagnostics
// are kept (lspDiagnostic.ts freezes the Dockerfile ones): an object that can still change is encoded
// every time. Every other message is encoded as vscode-jsonrpc's own encoder does.
import type { Message, MessageWriterOptions } from 'vscode-languageserver/node';

type Encoder = NonNullable<MessageWriterOptions['contentTypeEncoder']>;
type Charset = Parameters<Encoder['encode']>[1]['charset'];

const PUBLISH = 'textDocument/publishDiagnostics';
/** Stands for the list in the message's JSON, which is then cut there (a JSON string no URI or version can end in). */
const PLACEHOLDER = 'docklens:diagnostics';
const PLACEHOLDER_JSON = JSON.stringify(PLACEHOLDER);

interface Publish {
  method: string;
  params: { diagnostics: readonly object[] };
}

function isPublish(msg: Message): msg is Message & Publish {
  const m = msg as Partial<Publish>;
  return m.method === PUBLISH && Array.isArray(m.params?.diagnostics);
}

/** An encoder for `new StreamMessageWriter(stream, { contentTypeEncoder })` that keeps the bytes of frozen diagnostics. */
export function diagnosticsEncoder(): Encoder {
  const kept = new WeakMap<object, Buffer>();
  const encodeOne = (d: object, charset: Charset): Buffer => {
    if (!Object.isFrozen(d)) return Buffer.from(JSON.stringify(d), charset);
    let bytes = kept.get(d);
    if (bytes === undefined) kept.set(d, (bytes = Buffer.from(JSON.stringify(d), charset)));
    return bytes;
  };
  const encode = (msg: Message, charset: Charset): Buffer => {
    if (!isPublish(msg)) return Buffer.from(JSON.stringify(msg, undefined, 0), charset);
    const text = JSON.stringify({ ...msg, params: { ...msg.params, diagnostics: PLACEHOLDER } });
    const at = text.lastIndexOf(PLACEHOLDER_JSON);
    const comma = Buffer.from(',', charset);
    const parts: Buffer[] = [Buffer.from(text.slice(0, at) + '[', charset)];
    msg.params.diagnostics.forEach((d, i) => {
      if (i > 0) parts.push(comma);
      parts.push(encodeOne(d, charset));
    });
    parts.push(Buffer.from(']' + text.slice(at + PLACEHOLDER_JSON.length), charset));
    return Buffer.concat(parts);
  };
  return {
    name: 'application/json',
    encode: (msg, options) => {
      try {
        return Promise.resolve(encode(msg, options.charset));
      } catch (error) {
        return Promise.reject(error);
      }
    },
  };
}
