// The compose-spec JSON schema as the single source of keys, types and descriptions:
// walking it for completion and hover, and describing its types in plain words.
import rawSchema from './schema/compose-spec.json';
import type { YamlPath } from './model';

export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  description?: string;
  properties?: Record<string, JsonSchema>;
  patternProperties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  enum?: unknown[];
  required?: string[];
  deprecated?: boolean;
  default?: unknown;
  pattern?: string;
  definitions?: Record<string, JsonSchema>;
  [k: string]: unknown;
}

/** The schema as shipped, minus `$schema` (Ajv 8 wants the draft-07 URI with a trailing `#`). */
export function composeSchema(): JsonSchema {
  const { $schema: _ignored, ...rest } = rawSchema as JsonSchema & { $schema?: string };
  return rest as JsonSchema;
}

const root: JsonSchema = rawSchema as JsonSchema;
const patternCache = new Map<string, RegExp>();

function regex(pattern: string): RegExp {
  let re = patternCache.get(pattern);
  if (!re) {
    re = new RegExp(pattern, 'u');
    patternCache.set(pattern, re);
  }
  return re;
}

export function resolveRef(schema: JsonSchema | undefined): JsonSchema | undefined {
  let s = schema;
  for (let guard = 0; s && s.$ref && guard < 20; guard++) {
    const m = /^#\/definitions\/(.+)$/.exec(s.$ref);
    s = m ? root.definitions?.[m[1]] : undefined;
  }
  if (!s) return undefined;
  // A description beside a `$ref` (ignored by draft-07 validation) is the more specific text.
  const own = schema?.description;
  return own && s.description !== own ? { ...s, description: own } : s;
}

/** The alternatives a value may take: `oneOf`/`anyOf` flattened, refs resolved. */
export function alternatives(schema: JsonSchema | undefined): JsonSchema[] {
  const s = resolveRef(schema);
  if (!s) return [];
  const branches = s.oneOf ?? s.anyOf;
  if (!branches) return [s];
  return branches.flatMap((b) => alternatives(b));
}

/** The schema of a mapping entry `key` inside an object schema (properties, then patternProperties). */
export function propertySchema(schema: JsonSchema, key: string): JsonSchema | undefined {
  if (schema.properties && Object.prototype.hasOwnProperty.call(schema.properties, key)) return schema.properties[key];
  for (const [pattern, sub] of Object.entries(schema.patternProperties ?? {})) {
    if (regex(pattern).test(key)) return sub;
  }
  if (typeof schema.additionalProperties === 'object') return schema.additionalProperties;
  return undefined;
}

/** Every schema that may describe the value at the path (one per matching alternative). */
export function schemasAt(path: YamlPath): JsonSchema[] {
  let current: JsonSchema[] = [root];
  for (const seg of path) {
    const next: JsonSchema[] = [];
    for (const s of current) {
      for (const alt of alternatives(s)) {
        if (typeof seg === 'number') {
          if (alt.items) next.push(alt.items);
        } else {
          const sub = propertySchema(alt, seg);
          if (sub) next.push(sub);
        }
      }
    }
    if (next.length === 0) return [];
    current = next;
  }
  return current;
}

/** The description of the key at the end of the path: the property's own text, else its type's. */
export function describeAt(path: YamlPath): string | undefined {
  for (const s of schemasAt(path)) {
    if (s.description) return s.description;
    const r = resolveRef(s);
    if (r?.description) return r.description;
  }
  return undefined;
}

export interface KeyInfo {
  name: string;
  schema: JsonSchema;
  description?: string;
  deprecated: boolean;
}

/** The named keys an object at the path may have (patterns and `x-` extensions are not listed). */
export function keysAt(path: YamlPath): KeyInfo[] {
  const out = new Map<string, KeyInfo>();
  for (const s of schemasAt(path)) {
    for (const alt of alternatives(s)) {
      for (const [name, sub] of Object.entries(alt.properties ?? {})) {
        if (out.has(name)) continue;
        const resolved = resolveRef(sub);
        out.set(name, {
          name,
          schema: sub,
          description: sub.description ?? resolved?.description,
          deprecated: !!(sub.deprecated ?? resolved?.deprecated),
        });
      }
    }
  }
  return [...out.values()];
}

/** The enum values allowed at the path. */
export function enumAt(path: YamlPath): string[] {
  const out = new Set<string>();
  for (const s of schemasAt(path)) for (const alt of alternatives(s)) for (const v of alt.enum ?? []) out.add(String(v));
  return [...out];
}

/** The JSON types the value at the path may have. */
export function typesAt(path: YamlPath): Set<string> {
  const out = new Set<string>();
  for (const s of schemasAt(path)) {
    for (const alt of alternatives(s)) {
      const t = alt.type;
      if (Array.isArray(t)) t.forEach((x) => out.add(x));
      else if (t) out.add(t);
      else if (alt.properties || alt.patternProperties) out.add('object');
    }
  }
  return out;
}

const TYPE_WORDS: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  null: 'empty (null)',
  object: 'a mapping',
  array: 'a list',
};

/** How an allowed value is quoted: Markdown code for hovers, double quotes for diagnostic messages (plain text). */
export type QuoteValue = (value: string) => string;
const markdownCode: QuoteValue = (v) => '`' + v + '`';
export const plainQuote: QuoteValue = (v) => `"${v}"`;

/** A schema's type in plain words: "a string or a list of strings", "a mapping of name to …". */
export function describeType(schema: JsonSchema | undefined, depth = 0, quote: QuoteValue = markdownCode): string {
  const alts = alternatives(schema);
  if (alts.length === 0) return 'any value';
  const words: string[] = [];
  // `null` alternatives (e.g. `command:` left empty) are noise next to real types.
  const real = alts.filter((a) => a.type !== 'null');
  for (const alt of real.length > 0 ? real : alts) {
    const w = describeSingle(alt, depth, quote);
    if (!words.includes(w)) words.push(w);
  }
  return joinOr(words);
}

function describeSingle(s: JsonSchema, depth: number, quote: QuoteValue): string {
  if (s.enum) return 'one of ' + s.enum.map((v) => quote(String(v))).join(', ');
  const written = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
  // `null` beside real types only means "may be left empty": not worth a word.
  const types = written.length > 1 ? written.filter((t) => t !== 'null') : written;
  if (types.length === 0 && (s.properties || s.patternProperties)) types.push('object');
  if (types.length === 0) return 'any value';
  const words = types.map((t) => {
    if (t === 'array') {
      if (!s.items || depth > 1) return 'a list';
      const inner = describeType(s.items, depth + 1, quote);
      return 'a list of ' + pluralize(inner);
    }
    if (t === 'object') {
      if (s.properties && Object.keys(s.properties).length > 0) return 'a mapping of settings';
      const pat = s.patternProperties && Object.values(s.patternProperties)[0];
      if (pat && depth <= 1) return 'a mapping of names to ' + pluralize(describeType(pat, depth + 1, quote));
      return 'a mapping';
    }
    return TYPE_WORDS[t] ?? t;
  });
  return joinOr(words);
}

function pluralize(phrase: string): string {
  return phrase
    .replace(/\ba string\b/g, 'strings')
    .replace(/\ba number\b/g, 'numbers')
    .replace(/\ba whole number\b/g, 'whole numbers')
    .replace(/\ba mapping of settings\b/g, 'mappings of settings')
    .replace(/\ba mapping\b/g, 'mappings')
    .replace(/\ba list\b/g, 'lists')
    .replace(/\btrue or false\b/g, 'booleans');
}

function joinOr(words: string[]): string {
  if (words.length <= 1) return words[0] ?? 'any value';
  // "a mapping of names to strings or numbers, or a list of strings": the comma shows the nesting.
  const last = words.slice(0, -1).some((w) => w.includes(' or ')) ? ', or ' : ' or ';
  return words.slice(0, -1).join(', ') + last + words[words.length - 1];
}
