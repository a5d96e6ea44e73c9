// Compose snippets, offered by completion only where their text belongs: a whole file at the top
// level, a service under `services:`, a service key inside a service. VS Code's own snippet
// contribution would offer them everywhere, values included (`restart: compose-app`). The bodies
// live in snippets/compose.json (also read by the snippet tests); this table says where each goes.
import { CompletionItemKind, InsertTextFormat, InsertTextMode, type CompletionItem } from 'vscode-languageserver-types';
import composeSnippets from '../../../snippets/compose.json';
import type { YamlPath } from './model';
import { readSnippets, snippetDescriptions, snippetDocumentation } from '../common/snippetFile';

/** Where a key is expected: `[]` the top level, `['services']` a service name, `['services', '*']` a key of a service. */
const PLACES: Record<string, { where: string[]; detail: string }> = {
  'compose-app': { where: [], detail: 'snippet: whole file' },
  'compose-service': { where: ['services'], detail: 'snippet: service' },
  'compose-healthcheck': { where: ['services', '*'], detail: 'snippet: service key' },
  'compose-depends-healthy': { where: ['services', '*'], detail: 'snippet: service key' },
};

const snippets = readSnippets(composeSnippets).map((s) => ({ ...s, place: PLACES[s.prefix] }));

const fits = (where: string[], path: YamlPath) => where.length === path.length && where.every((w, i) => (w === '*' ? typeof path[i] === 'string' : w === path[i]));

/** The snippets for a key position at `path` (never for values or list items). */
export function snippetItems(path: YamlPath): CompletionItem[] {
  return snippets
    .filter((s) => s.place && fits(s.place.where, path))
    .map((s) => ({
      label: s.prefix,
      kind: CompletionItemKind.Snippet,
      detail: s.place!.detail,
      documentation: snippetDocumentation(s),
      insertText: s.body,
      insertTextFormat: InsertTextFormat.Snippet,
      // Later lines take the indentation of the line the snippet is inserted on.
      insertTextMode: InsertTextMode.adjustIndentation,
    }));
}

/** Key → English description of every Compose snippet, for the catalogue tests. */
export const snippetTexts = (): Map<string, string> => snippetDescriptions(snippets);

/** Prefixes of the snippets that have a place (the test checks that every snippet has one). */
export const placedSnippetPrefixes = (): string[] => snippets.filter((s) => s.place).map((s) => s.prefix);
export const allSnippetPrefixes = (): string[] => snippets.map((s) => s.prefix);
