// Reads the message catalogues from disk: l10n/<locale>/*.json beside the bundles (dist/l10n in the
// package, the repository's l10n/ in tests). A language is a folder of JSON files; adding one adds
// files only. Bad or missing files mean English, never a crash.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { resolveLocale, setLocale, type Catalogue } from '../l10n';

/** The folder the bundles ship their catalogues in. */
export const BUNDLED_CATALOGUES = join(__dirname, 'l10n');

/** The languages that have a catalogue folder (lower-case tags such as `zh-cn`). */
export function availableLocales(dir = BUNDLED_CATALOGUES): string[] {
  try {
    return readdirSync(dir).filter((name) => /^[a-z]{2,3}(-[a-z0-9]+)*$/.test(name) && statSync(join(dir, name)).isDirectory());
  } catch {
    return [];
  }
}

/** Every `*.json` of the locale's folder merged into one key → text map (non-strings are ignored). */
export function readCatalogue(locale: string, dir = BUNDLED_CATALOGUES): Catalogue {
  const messages: Record<string, string> = {};
  let files: string[] = [];
  try {
    files = readdirSync(join(dir, locale)).filter((f) => f.endsWith('.json')).sort();
  } catch {
    return messages;
  }
  for (const file of files) {
    try {
      const data = JSON.parse(readFileSync(join(dir, locale, file), 'utf8')) as unknown;
      if (!data || typeof data !== 'object') continue;
      for (const [key, value] of Object.entries(data)) if (typeof value === 'string' && !key.startsWith('$')) messages[key] = value;
    } catch {
      // a broken file leaves its keys in English
    }
  }
  return messages;
}

/** Picks the catalogue for a requested locale and makes it active; returns the locale used. */
export function useLocale(requested: string | undefined | null, dir = BUNDLED_CATALOGUES): string {
  const locale = resolveLocale(requested, availableLocales(dir));
  setLocale(locale, locale === 'en' ? {} : readCatalogue(locale, dir));
  return locale;
}

/** The locale the environment asks for: LC_ALL, then LC_MESSAGES, then LANG (POSIX order). */
export function environmentLocale(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.LC_ALL || env.LC_MESSAGES || env.LANG || undefined;
}
