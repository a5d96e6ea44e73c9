// Compose snippets, offered by completion only where their text belongs: a whole file at the top
// level, a service under `services:`, a service key inside a service. VS Code's own snippet
// contribution would offer them everywhere, values included (`restart: compose-app`). The bodies
// live in snippets/compose.json (also read by the snippet tests); this table says where each goes.
import { CompletionItemKind, InsertTextFormat, InsertTextMode, type CompletionItem } from 'vscode-languageserver-types';
import composeSnippets from '../../../snippets/compose.json';
import type { YamlPath } from './model';
import { translation } from '../l10n';

interface SnippetBody {
  prefix: string | string[];
  body: string | string[];
  description: string;
}

/** Where a key is expected: `[]` the top level, `['services']` a service name, `['services', '*']` a key of a service. */
const PLACES: Record<string, { where: string[]; detail: string }> = {
  'compose-app': { where: [], detail: 'snippet: whole file' },
  'compose-service': { where: ['services'], detail: 'snippet: service' },
  'compose-healthcheck': { where: ['services', '*'], detail: 'snippet: service key' },
  'compose-depends-healthy': { where: ['services', '*'], detail: 'snippet: service key' },
};

const snippets = Object.values(composeSnippets as Record<string, SnippetBody>).map((s) => {
  const prefix = Array.isArray(s.prefix) ? s.prefix[0] : s.prefix;
  return { prefix, body: Array.isArray(s.body) ? s.body.join('\n') : s.body, description: s.description, place: PLACES[prefix] };
});

const fits = (where: string[], path: YamlPath) => where.length === path.length && where.every((w, i) => (w === '*' ? typeof path[i] === 'string' : w === path[i]));

/** The snippets for a key position at `path` (never for values or list items). */
export function snippetItems(path: YamlPath): CompletionItem[] {
  return snippets
    .filter((s) => s.place && fits(s.place.where, path))
    .map((s) => ({
      label: s.prefix,
      kind: CompletionItemKind.Snippet,
      detail: s.place!.detail,
      documentation: { kind: 'markdown' as const, value: translation(descriptionKey(s.prefix)) ?? s.description },
      insertText: s.body,
      insertTextFormat: InsertTextFormat.Snippet,
      // Later lines take the indentation of the line the snippet is inserted on.
      insertTextMode: InsertTextMode.adjustIndentation,
    }));
}

/** A snippet's description is translated under `snippet.<prefix>.description` (the bodies are code). */
const descriptionKey = (prefix: string) => `snippet.${prefix}.description`;

/** Key → English description of every Compose snippet, for the catalogue tests. */
export const snippetTexts = (): Map<string, string> => new Map(snippets.map((s) => [descriptionKey(s.prefix), s.description]));

/** Prefixes of the snippets that have a place (the test checks that every snippet has one). */
export const placedSnippetPrefixes = (): string[] => snippets.filter((s) => s.place).map((s) => s.prefix);
export const allSnippetPrefixes = (): string[] => snippets.map((s) => s.prefix);
