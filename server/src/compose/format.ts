// Format Document for Compose files, on the `yaml` library's Document: comments, anchors, aliases,
// tags (`!reset`, `!override`), key order, quoting and document markers come through the library's
// own printer; we only choose the indentation. Numbers keep their spelling (`0755` stays `0755`:
// YAML 1.1 readers such as Compose's read it as octal), quoted scalars keep their escapes, and block
// scalars keep their lines (only re-indented). The result is parsed again: when its data (as JSON)
// or its comments differ from the original's, the file is left as it is.
import { isScalar, Lexer, parseAllDocuments, Scalar, type Document, type ScalarTag, type Tags, type ToStringOptions } from 'yaml';
import type { Span } from '../common/span';

export interface ComposeFormatOptions {
  /** Spaces per level (YAML indentation is always spaces). */
  tabSize: number;
}

export interface ComposeTextEdit extends Span {
  newText: string;
}

/** The formatted text; the input itself when it cannot be formatted safely (YAML errors, or a check failing). */
export function formatCompose(text: string, options: ComposeFormatOptions = { tabSize: 2 }): string {
  return formatComposeChecked(text, options).text;
}

/** The formatted text, and why the input was kept as it is when it was. */
export function formatComposeChecked(text: string, options: ComposeFormatOptions): { text: string; keptBecause?: string } {
  try {
    const result = format(text, options);
    if (result === undefined) return { text, keptBecause: 'YAML errors' };
    if (result.text === text) return { text };
    const why = differs(text, result.docs, result.text);
    return why ? { text, keptBecause: why } : { text: result.text };
  } catch (err) {
    return { text, keptBecause: `printer failed: ${(err as Error).message}` };
  }
}

/** One edit covering what changes (none when the file is already formatted). */
export function formatComposeEdits(text: string, options: ComposeFormatOptions): ComposeTextEdit[] {
  const formatted = formatCompose(text, options);
  if (formatted === text) return [];
  let start = 0;
  const max = Math.min(text.length, formatted.length);
  while (start < max && text.charCodeAt(start) === formatted.charCodeAt(start)) start++;
  let tail = 0;
  while (tail < max - start && text.charCodeAt(text.length - 1 - tail) === formatted.charCodeAt(formatted.length - 1 - tail)) tail++;
  return [{ start, end: text.length - tail, newText: formatted.slice(start, formatted.length - tail) }];
}

function parse(text: string, customTags?: (tags: Tags) => Tags): Document.Parsed[] {
  return parseAllDocuments(text, { merge: true, uniqueKeys: false, prettyErrors: false, customTags }) as Document.Parsed[];
}

function format(text: string, options: ComposeFormatOptions): { text: string; docs: Document.Parsed[] } | undefined {
  const eol = /\r\n/.test(text.slice(0, text.indexOf('\n') + 1)) ? '\r\n' : '\n';
  const source = text.replace(/\r\n/g, '\n');
  const docs = parse(source, (tags) => tags.map((t) => keepSpelling(t, source)));
  if (docs.some((d) => d.errors.length > 0)) return undefined;
  // An empty document among several prints as a blank line more each time: leave such files alone.
  if (docs.length > 1 && docs.some((d) => d.contents === null || (isScalar(d.contents) && d.contents.value === null && !d.contents.source))) return undefined;
  const indent = Math.max(1, Math.min(8, Math.floor(options.tabSize) || 2));
  const printOptions: ToStringOptions = { indent, indentSeq: true, lineWidth: 0, minContentWidth: 0, flowCollectionPadding: false };
  if (docs.length === 0) return { text, docs };
  // Data is read off the documents before printing them (printing does not change them).
  let out = '';
  for (const doc of docs) out += doc.toString(printOptions);
  return { text: eol === '\n' ? out : out.replace(/\n/g, '\r\n'), docs };
}

/** Scalars printed as they were written where the library would re-spell them. */
function keepSpelling(tag: Tags[number], source: string): Tags[number] {
  if (typeof tag !== 'object' || !('stringify' in tag) || !tag.stringify || ('collection' in tag && tag.collection)) return tag;
  const scalarTag = tag as ScalarTag;
  const stringify = scalarTag.stringify!;
  const wrapped: ScalarTag = {
    ...scalarTag,
    stringify(item, ctx, onComment, onChompKeep) {
      const node = item as Scalar;
      const written = node.range ? source.slice(node.range[0], node.range[1]) : undefined;
      if (written !== undefined && !written.includes('\n')) {
        // Plain numbers (`0755`, `1e3`, `0x1F`) and quoted strings keep their spelling and escapes.
        if ((node.type === Scalar.PLAIN || node.type === undefined) && typeof node.value !== 'string' && scalarTag.test?.test(written)) return written;
        if (node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE) return written;
      }
      if ((node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED) && written !== undefined) {
        const kept = reindentBlock(written, ctx.indent);
        if (kept !== undefined) return kept;
      }
      return stringify(item, ctx, onComment, onChompKeep);
    },
  };
  return wrapped;
}

/**
 * A block scalar's header and lines, moved to `indent` with their relative indentation kept.
 * Undefined when the header has an explicit indentation indicator or a comment.
 */
function reindentBlock(written: string, indent: string): string | undefined {
  const newline = written.indexOf('\n');
  if (newline < 0) return undefined;
  const header = written.slice(0, newline).trimEnd();
  if (!/^[|>][+-]?$/.test(header)) return undefined;
  const lines = written.slice(newline + 1).split('\n');
  let old = Infinity;
  for (const line of lines) if (line.trim() !== '') old = Math.min(old, line.length - line.trimStart().length);
  if (old === Infinity) return undefined;
  const body = lines.map((line) => (line.length > old ? indent + line.slice(old) : ''));
  // The library adds the line end after the scalar itself.
  while (body.length > 0 && body[body.length - 1] === '') body.pop();
  if (/[+]$/.test(header)) return undefined;
  return header + '\n' + body.join('\n');
}

/** Why two texts differ as YAML: data (as JSON), comments (in order); undefined when they agree. */
function differs(before: string, a: Document.Parsed[], after: string): string | undefined {
  const b = parse(after);
  if (a.length !== b.length) return 'document count';
  if (b.some((d) => d.errors.length > 0)) return 'the result has YAML errors';
  for (let i = 0; i < a.length; i++) {
    const x = JSON.stringify(a[i].toJS({ maxAliasCount: -1 }));
    const y = JSON.stringify(b[i].toJS({ maxAliasCount: -1 }));
    if (x !== y) return 'data';
  }
  return sameComments(before, after) ? undefined : 'comments';
}

function comments(text: string): string[] {
  const out: string[] = [];
  for (const token of new Lexer().lex(text)) if (token.startsWith('#')) out.push(token.trimEnd());
  return out;
}

function sameComments(before: string, after: string): boolean {
  const x = comments(before);
  const y = comments(after);
  return x.length === y.length && x.every((c, i) => c === y[i]);
}
