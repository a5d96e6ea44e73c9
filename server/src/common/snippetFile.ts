// Snippets as the language server offers them: bodies in a VS Code snippet file (snippets/*.json,
// also read by the snippet tests), descriptions translated under `snippet.<prefix>.description`.
// The server offers them rather than VS Code's snippet contribution because a contributed snippet
// file cannot be localized (package.nls does not reach it) and would be offered everywhere.
import type { MarkupContent } from 'vscode-languageserver-types';
import { translation } from '../l10n';

interface SnippetBody {
  prefix: string | string[];
  body: string | string[];
  description: string;
}

export interface Snippet {
  /** The first prefix: the label and the key of its description. */
  prefix: string;
  /** Every prefix it answers to (`multistage-python`, `fastapi`). */
  prefixes: string[];
  body: string;
  description: string;
}

export function readSnippets(file: Record<string, SnippetBody>): Snippet[] {
  return Object.values(file).map((s) => {
    const prefixes = Array.isArray(s.prefix) ? s.prefix : [s.prefix];
    return { prefix: prefixes[0], prefixes, body: Array.isArray(s.body) ? s.body.join('\n') : s.body, description: s.description };
  });
}

const descriptionKey = (prefix: string) => `snippet.${prefix}.description`;

/** The description in the active language (the bodies are code and stay as written). */
export function snippetDocumentation(s: Snippet): MarkupContent {
  return { kind: 'markdown', value: translation(descriptionKey(s.prefix)) ?? s.description };
}

/** Key → English description, for the catalogue tests. */
export const snippetDescriptions = (snippets: Snippet[]): Map<string, string> => new Map(snippets.map((s) => [descriptionKey(s.prefix), s.description]));
