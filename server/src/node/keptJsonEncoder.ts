// The JSON encoding of the stdio writer (partsWriter.ts), with the JSON of each diagnostic kept. After an edit in a
// large file, a version's diagnostics are mostly the previous version's objects (findingGroups.ts
// re-uses the groups an edit did not touch), but the whole list goes out again with every publish:
// at 100k lines, 6,423 diagnostics, 2.6 MB of JSON, 27-47 ms of JSON.stringify and UTF-8 encoding
// per keystroke (load 9). Here a publishDiagnostics message is put together from each diagnostic's
// encoded bytes, made once per diagnostic object: 3-12 ms for the same list. The same holds for the
// items of a response whose result is a list (the outline's stage symbols, carried across edits).
// Only frozen objects are kept, and freezing one promises that nothing in it changes any more
// (lspDiagnostic.ts freezes the Dockerfile diagnostics, symbols.ts the stage symbols): anything else
// is encoded every time, runs of such items together. Every other message, and a list with no
// frozen item, is encoded whole, as vscode-jsonrpc's own JSON encoder does.
import type { Message } from 'vscode-languageserver/node';

const PUBLISH = 'textDocument/publishDiagnostics';
/** Stands for the list in the message's JSON, which is then cut there (the last such string in it: the list comes after the URI and version, and a response's result is its last field). */
const PLACEHOLDER = 'docklens:diagnostics';
const PLACEHOLDER_JSON = JSON.stringify(PLACEHOLDER);

/** Where a message holds a list whose items may be kept: a publish's diagnostics, a response's result. */
function listOf(msg: Message): { field?: 'diagnostics'; list: readonly unknown[] } | undefined {
  const m = msg as { method?: unknown; params?: { diagnostics?: unknown }; result?: unknown };
  if (m.method === PUBLISH && Array.isArray(m.params?.diagnostics)) return { field: 'diagnostics', list: m.params!.diagnostics as unknown[] };
  if (Array.isArray(m.result) && m.result.length > 0) return { list: m.result };
  return undefined;
}

/**
 * The JSON of a message as the pieces it is made of, keeping the bytes of frozen list items: node/partsWriter.ts
 * writes them one after the other, in UTF-8 (the only charset the LSP base protocol uses).
 */
export function keptJsonEncoder(): { parts(msg: Message): Buffer[] } {
  const kept = new WeakMap<object, Buffer>();
  const isKept = (d: unknown): d is object => typeof d === 'object' && d !== null && Object.isFrozen(d);
  const utf8 = (text: string) => Buffer.from(text, 'utf-8');
  const parts = (msg: Message): Buffer[] => {
    const where = listOf(msg);
    // A list with nothing to keep (folding ranges, Compose diagnostics...) is encoded whole: one JSON.stringify is far cheaper than one per item.
    if (!where || !where.list.some(isKept)) return [utf8(JSON.stringify(msg, undefined, 0))];
    const m = msg as unknown as Record<string, unknown>;
    const stand = where.field ? { ...m, params: { ...(m.params as object), [where.field]: PLACEHOLDER } } : { ...m, result: PLACEHOLDER };
    const text = JSON.stringify(stand);
    const at = text.lastIndexOf(PLACEHOLDER_JSON);
    const comma = utf8(',');
    const out: Buffer[] = [utf8(text.slice(0, at) + '[')];
    const list = where.list;
    // Runs of items that are not kept are encoded together (the run's array JSON without its brackets).
    let run = 0;
    const flushRun = (end: number) => {
      if (run < end) {
        if (out.length > 1) out.push(comma);
        out.push(utf8(JSON.stringify(list.slice(run, end)).slice(1, -1)));
      }
    };
    for (let i = 0; i < list.length; i++) {
      const d = list[i];
      if (!isKept(d)) continue;
      flushRun(i);
      run = i + 1;
      let bytes = kept.get(d);
      if (bytes === undefined) kept.set(d, (bytes = utf8(JSON.stringify(d))));
      if (out.length > 1) out.push(comma);
      out.push(bytes);
    }
    flushRun(list.length);
    out.push(utf8(']' + text.slice(at + PLACEHOLDER_JSON.length)));
    return out;
  };
  return { parts };
}
