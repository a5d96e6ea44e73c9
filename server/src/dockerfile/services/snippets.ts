// Dockerfile snippets (multi-stage builds, cache mounts, HEALTHCHECK, a non-root USER, the syntax
// directive), offered by completion where an instruction may start, with their descriptions in the
// display language. Bodies: snippets/dockerfile.json.
import { CompletionItemKind, InsertTextFormat, InsertTextMode, TextEdit, type CompletionItem, type Range } from 'vscode-languageserver-types';
import dockerfileSnippets from '../../../../snippets/dockerfile.json';
import { readSnippets, snippetDescriptions, snippetDocumentation } from '../../common/snippetFile';

const snippets = readSnippets(dockerfileSnippets);

/** `# syntax=` must come before every instruction. */
const isDirective = (body: string) => /^#\s*syntax\s*=/i.test(body);

/**
 * The snippets for a word at an instruction's place (`range`), after the keywords. `beforeInstructions`:
 * no instruction starts above, so the syntax directive still fits.
 */
export function snippetCompletions(range: Range, beforeInstructions: boolean): CompletionItem[] {
  return snippets
    .filter((s) => beforeInstructions || !isDirective(s.body))
    .flatMap((s) =>
      s.prefixes.map((prefix) => ({
        label: prefix,
        kind: CompletionItemKind.Snippet,
        // English words, translated with the other details (`detail.snippet*`).
        detail: s.prefix.startsWith('multistage-') ? 'snippet: whole file' : 'snippet',
        documentation: snippetDocumentation(s),
        insertTextFormat: InsertTextFormat.Snippet,
        insertTextMode: InsertTextMode.adjustIndentation,
        textEdit: TextEdit.replace(range, s.body),
        filterText: prefix,
        sortText: 'zz' + prefix,
      })),
    );
}

/** Key → English description of every Dockerfile snippet, for the catalogue tests. */
export const dockerfileSnippetTexts = (): Map<string, string> => snippetDescriptions(snippets);
