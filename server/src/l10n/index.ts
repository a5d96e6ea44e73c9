// Docklens's words in the user's language. The English texts live in the code (messages.ts for
// sentences built in code, the knowledge tables for teaching prose); a catalogue per language maps
// the same keys to translations, and any key it lacks falls back to English. The process picks one
// catalogue (the server at `initialize`, the CLI at start); the node layer reads the files.
import { english, type MessageKey } from './messages';

export type { MessageKey };
/** Key → translated text, as read from `l10n/<locale>/*.json`. */
export type Catalogue = Readonly<Record<string, string>>;
export type MessageArgs = Readonly<Record<string, string | number>>;

let activeLocale = 'en';
let active: Catalogue = {};
const listeners: Array<() => void> = [];

/** Switches every text Docklens produces to `locale`; an empty catalogue means English. */
export function setLocale(locale: string, catalogue: Catalogue = {}): void {
  activeLocale = locale;
  active = catalogue;
  for (const listener of listeners) listener();
}

export function currentLocale(): string {
  return activeLocale;
}

/** Called on every locale change (the knowledge tables swap their prose). */
export function onLocaleChange(listener: () => void): void {
  listeners.push(listener);
}

/** The translation of a key in the active catalogue, or undefined (the caller keeps its English). */
export function translation(key: string): string | undefined {
  const text = active[key];
  return typeof text === 'string' ? text : undefined;
}

/** A message built in code, in the active language: `t('lens.finalImage', { base, layers })`. */
export function t(key: MessageKey, args?: MessageArgs): string {
  return fill(translation(key) ?? english[key], args);
}

/**
 * A counted message. English needs a singular (`key.one`, used when count is 1); languages without
 * plural forms translate only `key`. `{count}` is filled with the number.
 */
export function tn(key: MessageKey, count: number, args: MessageArgs = {}): string {
  const one = (key + '.one') as MessageKey;
  const template = count === 1 ? (translation(one) ?? translation(key) ?? english[one] ?? english[key]) : (translation(key) ?? english[key]);
  return fill(template, { ...args, count });
}

/** Replaces `{name}` placeholders; unknown names stay as written. */
export function fill(template: string, args?: MessageArgs): string {
  if (!args) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.prototype.hasOwnProperty.call(args, name) ? String(args[name]) : whole));
}

/**
 * The catalogue to use for a requested locale (`zh-CN`, `zh_CN.UTF-8`, `zh-Hans`, `en-US`, `auto`…)
 * among the available ones (lower-case folder names such as `zh-cn`). English when nothing fits.
 */
export function resolveLocale(requested: string | undefined | null, available: readonly string[]): string {
  if (!requested) return 'en';
  const tag = requested.trim().toLowerCase().replace(/_/g, '-').replace(/[.@].*$/, '');
  if (!tag || tag === 'c' || tag === 'posix' || tag === 'auto') return 'en';
  if (available.includes(tag)) return tag;
  const [language, ...rest] = tag.split('-');
  // Simplified Chinese by script or region; Traditional (zh-tw, zh-hk, zh-hant) only by its own catalogue.
  if (language === 'zh') {
    const traditional = rest.some((r) => ['tw', 'hk', 'mo', 'hant'].includes(r));
    if (traditional) return available.includes('zh-tw') ? 'zh-tw' : 'en';
    if (available.includes('zh-cn')) return 'zh-cn';
  }
  if (available.includes(language)) return language;
  return available.find((a) => a.split('-')[0] === language && language !== 'en') ?? 'en';
}
