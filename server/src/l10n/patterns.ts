// Messages that rules build with values inside (`Image 'python' has no tag…`) are translated by
// pattern: the English template of a key (`diag.BaseImageUnpinned.noTag`) is matched against the
// text a rule produced, the values are taken out and put into the translation. The rules stay as
// they are, in English; a message no template matches stays English. Values that are themselves
// sentences (a merge-RUN reason) are translated by the `frag.` templates.
import { english } from './messages';
import { currentLocale, fill, translation } from './index';

interface Template {
  key: string;
  pattern: RegExp;
  names: string[];
}

const compiled = new Map<string, Template[]>();

/** Placeholders that hold words of ours (translated by `frag.`), not names from the user's file. */
const PROSE = new Set(['reason', 'relation', 'declared', 'word', 'dockerfile', 'names', 'stage']);

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `Image '{image}' has no tag, so it means '{image}:latest'` → /^Image '(?<image>.*?)' … '\k<image>:latest'$/ */
function compile(key: string, template: string): Template {
  const names: string[] = [];
  let source = '';
  let last = 0;
  for (const m of template.matchAll(/\{(\w+)\}/g)) {
    source += escape(template.slice(last, m.index));
    const name = m[1];
    source += names.includes(name) ? `\\k<${name}>` : `(?<${name}>[\\s\\S]*?)`;
    if (!names.includes(name)) names.push(name);
    last = m.index! + m[0].length;
  }
  source += escape(template.slice(last));
  return { key, pattern: new RegExp(`^${source}$`), names };
}

function templates(prefix: string): Template[] {
  let list = compiled.get(prefix);
  if (!list) {
    list = Object.entries(english)
      .filter(([key]) => key.startsWith(prefix))
      .map(([key, template]) => compile(key, template));
    compiled.set(prefix, list);
  }
  return list;
}

/** The translation of `text` by the first template under `prefix` that matches it, or undefined. */
export function translateByPattern(prefix: string, text: string): string | undefined {
  if (currentLocale() === 'en') return undefined;
  return matchTemplate(prefix, text) ?? withSuffix(prefix, text);
}

/**
 * A sentence some messages end with (` Did you mean "x"?`, a note about merged files): the head is
 * translated on its own, then the `suffix.` template.
 */
function withSuffix(prefix: string, text: string): string | undefined {
  if (prefix === 'suffix.' || prefix === 'frag.') return undefined;
  for (const template of templates('suffix.')) {
    const m = new RegExp(`^(?<head>[\\s\\S]+?)${template.pattern.source.slice(1)}`).exec(text);
    if (!m?.groups) continue;
    const head = translateByPattern(prefix, m.groups.head);
    const tail = matchTemplate('suffix.', text.slice(m.groups.head.length));
    if (head !== undefined && tail !== undefined) return head + tail;
  }
  return undefined;
}

function matchTemplate(prefix: string, text: string): string | undefined {
  for (const template of templates(prefix)) {
    const m = template.pattern.exec(text);
    if (!m) continue;
    const target = translation(template.key);
    if (target === undefined) return undefined;
    const args: Record<string, string> = {};
    for (const name of template.names) {
      const value = m.groups?.[name] ?? '';
      args[name] = prefix !== 'frag.' && PROSE.has(name) ? (translateByPattern('frag.', value) ?? value) : value;
    }
    return fill(target, args);
  }
  return undefined;
}

/** The English template keys under a prefix and whether a text matches one (for tests). */
export function matchingTemplate(prefix: string, text: string): string | undefined {
  return templates(prefix).find((t) => t.pattern.test(text))?.key;
}

/** Completion items with their few-word `detail` in the active language (`flag of RUN` → `RUN 的选项`). */
export function localizeDetails<T extends { detail?: string }>(items: T[]): T[] {
  if (currentLocale() === 'en') return items;
  return items.map((item) => {
    const detail = item.detail === undefined ? undefined : translateByPattern('detail.', item.detail);
    return detail === undefined ? item : { ...item, detail };
  });
}

/** A finding (or anything with a code, a message and fixes) in the active language. */
export function localizeFinding<T extends { code: string; message: string; fixes?: readonly { title: string }[] }>(finding: T): T {
  if (currentLocale() === 'en') return finding;
  const message = translateByPattern(`diag.${finding.code}.`, finding.message);
  const fixes = finding.fixes?.map((f) => {
    const title = translateByPattern('fix.', f.title);
    return title === undefined ? f : { ...f, title };
  });
  return { ...finding, message: message ?? finding.message, ...(fixes ? { fixes } : {}) };
}
