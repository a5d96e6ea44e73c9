// A Compose key's type in the reader's language, for hover headings and key completion details.
// English keeps describeType's words (the schema-validation messages use them too and stay English).
// Other languages build the phrase from keyed pieces (`schemaType.*`): a noun per JSON type, "list of
// X", "mapping of names to X", "one of …", and how alternatives are joined. The pieces have no
// articles or plural forms, which fits Chinese (and Japanese, Korean); a language that needs them
// would need its own renderer, as English has one.
import { currentLocale, t, translation, type MessageKey } from '../l10n';
import { alternatives, describeType, resolveRef, type JsonSchema } from './schema';

const NOUNS: Record<string, MessageKey> = {
  string: 'schemaType.string',
  number: 'schemaType.number',
  integer: 'schemaType.integer',
  boolean: 'schemaType.boolean',
  null: 'schemaType.null',
  object: 'schemaType.object',
  array: 'schemaType.array',
  any: 'schemaType.any',
};

/** True when the active catalogue has the pieces; otherwise the English sentence is the better fallback. */
function keyed(): boolean {
  return currentLocale() !== 'en' && translation('schemaType.or') !== undefined;
}

/** "a string or a list of strings" / "字符串或字符串列表". */
export function typeInWords(schema: JsonSchema | undefined): string {
  return keyed() ? spaced(phrase(schema, 0).text) : describeType(schema);
}

/** The completion detail: JSON type names joined by ` | ` (`string | array`), nouns in other languages. */
export function typeNames(schema: JsonSchema): string {
  const types = alternatives(resolveRef(schema)).flatMap((a) => [a.type ?? (a.properties ? 'object' : 'any')].flat());
  const unique = [...new Set(types)];
  return (keyed() ? unique.map((name) => (NOUNS[name] ? t(NOUNS[name]) : name)) : unique).join(' | ');
}

/**
 * A phrase, how many alternatives it offers at its top (a list of "A or B" needs other words than a
 * list of A) and whether a choice is written anywhere inside it (then a later "or" is set apart).
 */
interface Phrase {
  text: string;
  choices: number;
  hasOr: boolean;
}

const word = (text: string): Phrase => ({ text, choices: 1, hasOr: false });

function phrase(schema: JsonSchema | undefined, depth: number): Phrase {
  const alts = alternatives(schema);
  if (alts.length === 0) return word(t('schemaType.any'));
  const real = alts.filter((a) => a.type !== 'null');
  const parts: Phrase[] = [];
  for (const alt of real.length > 0 ? real : alts) {
    for (const p of single(alt, depth)) if (!parts.some((q) => q.text === p.text)) parts.push(p);
  }
  return joinOr(parts);
}

function single(s: JsonSchema, depth: number): Phrase[] {
  if (s.enum) {
    const values = s.enum.map((v) => '`' + String(v) + '`');
    if (values.length === 1) return [word(values[0])];
    return [{ text: t('schemaType.oneOf', { values: values.join(t('schemaType.separator')) }), choices: values.length, hasOr: false }];
  }
  const written = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
  const types = written.length > 1 ? written.filter((x) => x !== 'null') : written;
  if (types.length === 0 && (s.properties || s.patternProperties)) types.push('object');
  if (types.length === 0) return [word(t('schemaType.any'))];
  return types.map((type) => {
    if (type === 'array' && s.items && depth <= 1) {
      const item = phrase(s.items, depth + 1);
      return { text: t(item.choices > 1 ? 'schemaType.listOfEither' : 'schemaType.listOf', { item: item.text }), choices: 1, hasOr: item.hasOr };
    }
    if (type === 'object') {
      if (s.properties && Object.keys(s.properties).length > 0) return word(t('schemaType.settings'));
      const pattern = s.patternProperties && Object.values(s.patternProperties)[0];
      if (pattern && depth <= 1) {
        const value = phrase(pattern, depth + 1);
        return { text: t('schemaType.mappingOf', { value: value.text }), choices: 1, hasOr: value.hasOr };
      }
    }
    return word(NOUNS[type] ? t(NOUNS[type]) : type);
  });
}

function joinOr(parts: Phrase[]): Phrase {
  if (parts.length <= 1) return parts[0] ?? word(t('schemaType.any'));
  const rest = parts.slice(0, -1);
  const last = parts[parts.length - 1].text;
  // "A, B or C"; when a part is itself a choice, the last one is set apart: "A or B, or C".
  const key = rest.some((p) => p.hasOr) ? 'schemaType.orNested' : 'schemaType.or';
  return { text: t(key, { rest: rest.map((p) => p.text).join(t('schemaType.separator')), last }), choices: parts.length, hasOr: true };
}

/** The glossary's spacing: a space between a code span and Chinese, Japanese or Korean text beside it. */
function spaced(text: string): string {
  return text.replace(/`(?=[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af])/g, '` ').replace(/([\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af])`/g, '$1 `');
}
