// The edits between document versions, as offsets: what the incremental Dockerfile re-parse needs
// and what TextDocuments forgets once it has applied a change. A full-text change (or a gap in the
// log) means "unknown": the caller parses the whole text.
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { ChunkedDocument, orderedRange } from './chunkedDocument';
import type { TextEdit } from './dockerfile/parser/incremental';
import { docklensLanguageId } from './common/languageIds';

interface Step {
  from: number;
  to: number;
  /** Undefined for a full-text replacement. */
  edits?: TextEdit[];
}

/** Steps kept per document: enough for any burst between two parses. */
const MAX_STEPS = 256;

export class EditLog {
  private readonly steps = new Map<string, Step[]>();

  /** The TextDocuments configuration: chunked documents (chunkedDocument.ts), each change recorded. */
  readonly documents = {
    // Other editors' ids for the two languages (yaml.docker-compose, yaml + a Compose file name) become ours.
    create: (uri: string, languageId: string, version: number, content: string) => ChunkedDocument.create(uri, docklensLanguageId(languageId, uri), version, content),
    update: (doc: ChunkedDocument, changes: TextDocumentContentChangeEvent[], version: number): ChunkedDocument => {
      const from = doc.version;
      let edits: TextEdit[] | undefined = [];
      // One change at a time: the next change's range is in the text this one produced.
      for (const change of changes) {
        if ('range' in change && change.range) {
          const range = orderedRange(change.range);
          const start = doc.offsetAt(range.start);
          const end = Math.max(start, doc.offsetAt(range.end));
          edits?.push({ start, end, text: change.text });
          doc = doc.edited(start, end, change.text, version);
        } else {
          edits = undefined;
          doc = doc.replaced(change.text, version);
        }
      }
      this.record(doc.uri, { from, to: version, edits });
      return doc.version === version ? doc : new ChunkedDocument(doc.uri, doc.languageId, version, doc.text);
    },
  };

  private record(uri: string, step: Step): void {
    let list = this.steps.get(uri);
    if (!list) this.steps.set(uri, (list = []));
    list.push(step);
    if (list.length > MAX_STEPS) list.splice(0, list.length - MAX_STEPS);
  }

  /** The edits from version `from` to version `to`, in order; undefined when they are not known. */
  between(uri: string, from: number, to: number): TextEdit[] | undefined {
    const list = this.steps.get(uri) ?? [];
    let at = list.findIndex((s) => s.from === from);
    if (at < 0) return undefined;
    const out: TextEdit[] = [];
    let version = from;
    for (; at < list.length && version !== to; at++) {
      const step = list[at];
      if (step.from !== version || !step.edits) return undefined;
      out.push(...step.edits);
      version = step.to;
    }
    if (version !== to) return undefined;
    // Steps up to `to` are no longer needed.
    list.splice(0, at);
    return out;
  }

  forget(uri: string): void {
    this.steps.delete(uri);
  }
}
