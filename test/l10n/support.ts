// Reading the catalogues and comparing texts across languages: placeholders, code spans, Markdown.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tableTexts } from '../../server/src/dockerfile/data';
import { ruleDescriptionTexts } from '../../server/src/dockerfile/services/diagnostics/descriptions';
import { snippetTexts } from '../../server/src/compose/snippets';
import { dockerfileSnippetTexts } from '../../server/src/dockerfile/services/snippets';
import { english } from '../../server/src/l10n/messages';
import { readCatalogue } from '../../server/src/node/catalogues';

export const L10N_DIR = join(process.cwd(), 'l10n');

/** Every key Docklens looks up, with its English text: messages built in code, the tables' prose, rule and snippet descriptions. */
export function englishTexts(): Map<string, string> {
  return new Map<string, string>([...Object.entries(english), ...tableTexts(), ...ruleDescriptionTexts(), ...snippetTexts(), ...dockerfileSnippetTexts()]);
}

export function catalogue(locale: string): Record<string, string> {
  return { ...readCatalogue(locale, L10N_DIR) };
}

export function readJson(path: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(process.cwd(), path), 'utf8')) as Record<string, unknown>;
}

/** Inline code spans, with their backtick fences: `a`, ``a`b``. */
export function codeSpans(text: string): string[] {
  return [...text.matchAll(/(`+)([\s\S]*?[^`])\1(?!`)/g)].map((m) => m[0]).sort();
}

export function placeholders(text: string): string[] {
  return [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();
}

/** The text without code spans and placeholders: what a reader reads as prose. */
export function prose(text: string): string {
  // Plain-text messages quote names with double quotes, as Markdown does with code spans.
  return text.replace(/(`+)([\s\S]*?[^`])\1(?!`)/g, ' ').replace(/\{\w+\}/g, ' ').replace(/"[^"\n]*"/g, ' ');
}

/** Markdown structure that must survive translation: bold/italic markers, link targets, paragraphs, list items. */
export function markdownShape(text: string): { bold: number; italic: number; links: string[]; paragraphs: number; items: number } {
  const p = prose(text);
  const bold = (p.match(/\*\*/g) ?? []).length;
  const italic = (p.replace(/\*\*/g, '').match(/\*/g) ?? []).length;
  const links = [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]).sort();
  return { bold, italic, links, paragraphs: text.split('\n\n').length, items: (text.match(/^- /gm) ?? []).length };
}

export interface GlossaryTerm {
  english: string;
  chinese: string;
  required: boolean;
  avoid: string[];
}

/** The table of l10n/GLOSSARY.zh-cn.md. */
export function glossary(): GlossaryTerm[] {
  const text = readFileSync(join(L10N_DIR, 'GLOSSARY.zh-cn.md'), 'utf8');
  const rows = text.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| English') && !l.startsWith('| ---'));
  return rows.map((row) => {
    const [english, chinese, rule, avoid] = row.split('|').slice(1, -1).map((c) => c.trim());
    return { english, chinese, required: rule === '必须', avoid: avoid ? avoid.split(/,\s*/) : [] };
  });
}

/** `build stage` also matches `build stages`, `Build-stage`; parenthesised hints are dropped. */
export function termPattern(term: string): RegExp {
  const words = term.replace(/\s*\(.*\)/, '').split(/\s+/).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  // Not inside an identifier: `--no-cache`, `org.opencontainers.image.authors` are names, not prose.
  return new RegExp(`(?<![-/\\w]|\\w\\.)${words.join('[\\s-]+')}(s|es)?(?![-/\\w]|\\.\\w)`, 'i');
}
