// Schema validation with Ajv against compose-spec.json, each error mapped to the smallest YAML
// node it is about, and the noise of `oneOf` alternatives reduced to the branch the author meant.
import type { ErrorObject, ValidateFunction } from 'ajv';
import { describeType, keysAt, plainQuote, schemasAt, alternatives } from './schema';
import compiledValidator from './schema/validator';
import { nodeAtPath, spanOf, type ComposeModel, type Span, type YamlPath } from './model';
import { closest, type ComposeProblem } from './problems';
import { rawSchemaErrors } from './schemaPerService';

/**
 * Ajv's code for compose-spec.json, written ahead by scripts/compose-validator.mjs (compiling the
 * schema at run time cost about half a second of CPU on the first Compose document).
 */
export function composeValidator(): ValidateFunction {
  return compiledValidator;
}

/** The raw verdict on a plain value, as the corpus manifest computed it. */
export function schemaErrors(value: unknown): ErrorObject[] {
  const validate = composeValidator();
  return validate(value) ? [] : [...(validate.errors ?? [])];
}

function pathSegments(value: unknown, pointer: string): YamlPath {
  if (pointer === '') return [];
  const out: YamlPath = [];
  let current: unknown = value;
  for (const raw of pointer.slice(1).split('/')) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(current)) {
      out.push(Number(seg));
      current = current[Number(seg)];
    } else {
      out.push(seg);
      current = current && typeof current === 'object' ? (current as Record<string, unknown>)[seg] : undefined;
    }
  }
  return out;
}

function within(parent: string, child: string): boolean {
  return child === parent || child.startsWith(parent + '/');
}

/**
 * Ajv reports every failing `oneOf` branch. Keep the branch whose type matched the value (its errors
 * are the real ones); when no branch matched the type, report one "must be X or Y" error.
 */
export function reduceAlternatives(errors: ErrorObject[]): ErrorObject[] {
  const out: ErrorObject[] = [];
  for (const e of errors) {
    if (e.keyword !== 'oneOf' && e.keyword !== 'anyOf') {
      out.push(e);
      continue;
    }
    const block: ErrorObject[] = [];
    while (out.length > 0 && within(e.instancePath, out[out.length - 1].instancePath)) block.unshift(out.pop()!);
    if (block.length === 0) continue; // several branches passed: not a user-facing problem
    const prefix = e.schemaPath + '/';
    const groups = new Map<string, ErrorObject[]>();
    for (const b of block) {
      const key = b.schemaPath.startsWith(prefix)
        ? b.schemaPath.slice(prefix.length).split('/')[0]
        : 'ref:' + (/^#\/definitions\/[^/]+/.exec(b.schemaPath)?.[0] ?? b.schemaPath);
      const list = groups.get(key) ?? [];
      list.push(b);
      groups.set(key, list);
    }
    const typeMismatch = (list: ErrorObject[]) =>
      list.every((x) => x.keyword === 'type' && x.instancePath === e.instancePath);
    const matching = [...groups.values()].filter((list) => !typeMismatch(list));
    if (matching.length > 0) {
      // The branch with errors deepest inside the value is the one the author was writing.
      const depth = (list: ErrorObject[]) => Math.max(...list.map((x) => x.instancePath.length));
      matching.sort((a, b) => depth(b) - depth(a) || a.length - b.length);
      out.push(...matching[0]);
    } else {
      const types = [...new Set(block.flatMap((x) => [x.params.type as string | string[]].flat()))];
      out.push({ ...block[0], keyword: 'type', params: { type: types }, message: 'must be ' + types.join(' or ') });
    }
  }
  return out;
}

const JSON_TYPE_WORDS: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  null: 'empty',
  object: 'a mapping',
  array: 'a list',
};

function actualType(v: unknown): string {
  if (v === null || v === undefined) return 'empty';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'number') return Number.isInteger(v) ? `the number ${v}` : `the number ${v}`;
  if (typeof v === 'boolean') return `the boolean ${v}`;
  return `the string "${String(v)}"`;
}

/** What a value at a key should look like, where the schema's own type words are too thin. */
const TYPE_HINTS: Record<string, string> = {
  interval: 'a duration string such as "10s" or "1m30s"; a bare number is not accepted',
  timeout: 'a duration string such as "10s" or "1m30s"; a bare number is not accepted',
  start_period: 'a duration string such as "10s" or "1m30s"; a bare number is not accepted',
  start_interval: 'a duration string such as "5s"; a bare number is not accepted',
  stop_grace_period: 'a duration string such as "10s" or "1m30s"',
  environment: 'a mapping (KEY: value) or a list of KEY=value strings',
  labels: 'a mapping (key: value) or a list of key=value strings',
  services: 'a mapping of service name to service definition, not a list',
  networks: 'a list of network names or a mapping of network name to its settings',
  volumes: 'a list (service volumes) or a mapping of volume name to its settings (top level)',
  depends_on: 'a list of service names or a mapping of service name to its condition',
  command: 'a string or a list of strings (exec form)',
  entrypoint: 'a string or a list of strings (exec form)',
  ports: 'a list of port mappings such as "8080:80"',
};

function label(path: YamlPath): string {
  if (path.length === 0) return 'The Compose file';
  const last = path[path.length - 1];
  if (typeof last === 'number') {
    const parent = path[path.length - 2];
    return `Item ${last + 1} of "${String(parent)}"`;
  }
  return `"${last}"`;
}

function where(path: YamlPath): string {
  if (path[0] === 'services' && path.length > 2) return ` under "${path.slice(2).join('.')}" in service "${path[1]}"`;
  if (path[0] === 'services' && path.length === 2) return ` in service "${path[1]}"`;
  if (path.length >= 2 && typeof path[0] === 'string') return ` in ${path[0]} "${path[1]}"`;
  return path.length === 0 ? ' at the top level' : '';
}

function keySpanOf(model: ComposeModel, path: YamlPath): Span | undefined {
  if (path.length === 0) return undefined;
  const hit = nodeAtPath(model, path);
  if (hit.matched === path.length && hit.key?.range) return spanOf(hit.key);
  return undefined;
}

function valueSpanOf(model: ComposeModel, path: YamlPath): Span {
  const hit = nodeAtPath(model, path);
  if (hit.matched === path.length && hit.node?.range) return spanOf(hit.node);
  if (hit.key?.range) return spanOf(hit.key);
  if (hit.node?.range) return spanOf(hit.node);
  return { start: 0, end: firstLineEnd(model.text) };
}

/** A block value's first line: squiggling a whole block hides more than it shows. */
function firstLineOf(model: ComposeModel, span: Span): Span {
  const line = model.lines.lineOf(span.start);
  return { start: span.start, end: Math.max(span.start + 1, Math.min(span.end, model.lines.lineEnd(line))) };
}

function firstLineEnd(text: string): number {
  const nl = text.indexOf('\n');
  return nl === -1 ? text.length : nl;
}

/** Compose-spec errors for the model, mapped to nodes. Skipped when YAML itself failed. */
export function validateSchema(model: ComposeModel): ComposeProblem[] {
  if (model.hasYamlErrors) return [];
  const value = model.value;
  if (value === null || value === undefined) {
    return [
      {
        span: { start: 0, end: firstLineEnd(model.text) },
        severity: 'error',
        code: 'EmptyFile',
        message: 'The Compose file is empty: it must be a mapping with at least a "services" key.',
      },
    ];
  }
  const raw = rawSchemaErrors(model);
  if (raw.length === 0) return [];
  const problems: ComposeProblem[] = [];
  const seen = new Set<string>();
  for (const e of reduceAlternatives(raw)) {
    const p = mapError(model, e);
    if (!p) continue;
    const id = `${p.span.start}:${p.span.end}:${p.message}`;
    if (seen.has(id)) continue;
    seen.add(id);
    problems.push(p);
  }
  return problems;
}

function mapError(model: ComposeModel, e: ErrorObject): ComposeProblem | undefined {
  const path = pathSegments(model.value, e.instancePath);
  switch (e.keyword) {
    case 'additionalProperties': {
      const name = String(e.params.additionalProperty);
      const keyPath = [...path, name];
      const span = keySpanOf(model, keyPath) ?? valueSpanOf(model, path);
      const named = keysAt(path).map((k) => k.name);
      const schemas = schemasAt(path).flatMap((s) => alternatives(s));
      const onlyPatterns = named.length === 0 && schemas.some((s) => s.patternProperties);
      if (onlyPatterns) {
        return {
          span,
          severity: 'error',
          code: 'InvalidName',
          message: `Invalid name "${name}"${where(path)}: names may only contain letters, digits, ".", "_" and "-".`,
        };
      }
      const suggestion = closest(name, named);
      const problem: ComposeProblem = {
        span,
        severity: 'error',
        code: 'UnknownKey',
        message:
          `Unknown key "${name}"${where(path)}.` +
          (suggestion ? ` Did you mean "${suggestion}"?` : '') +
          (path.length === 0 ? ' Custom top-level keys must start with "x-".' : ''),
      };
      if (suggestion) {
        problem.fixes = [{ title: `Change to "${suggestion}"`, edits: [{ span, newText: suggestion }], preferred: true }];
      }
      return problem;
    }
    case 'required': {
      const missing = String(e.params.missingProperty);
      const span = keySpanOf(model, path) ?? valueSpanOf(model, path);
      return {
        span,
        severity: 'error',
        code: 'MissingKey',
        message: `${label(path)} is missing the required key "${missing}".`,
      };
    }
    case 'type': {
      const at = valueOf(model.value, path);
      const last = path[path.length - 1];
      const hint = typeof last === 'string' ? TYPE_HINTS[last] : undefined;
      const expected =
        hint ??
        (schemasAt(path).length > 0
          ? describeType(schemasAt(path)[0], 0, plainQuote)
          : [e.params.type as string | string[]].flat().map((t) => JSON_TYPE_WORDS[t] ?? t).join(' or '));
      const span = path.length === 0 ? { start: 0, end: firstLineEnd(model.text) } : firstLineOf(model, valueSpanOf(model, path));
      return {
        span,
        severity: 'error',
        code: 'WrongType',
        message: `${label(path)}${where(path.slice(0, -1))} must be ${expected}; found ${actualType(at)}.`,
      };
    }
    case 'enum': {
      const allowed = (e.params.allowedValues as unknown[]).map((v) => `"${String(v)}"`).join(', ');
      return {
        span: valueSpanOf(model, path),
        severity: 'error',
        code: 'InvalidValue',
        message: `${label(path)} must be one of ${allowed}.`,
      };
    }
    case 'pattern':
    case 'format': {
      const at = valueOf(model.value, path);
      return {
        span: valueSpanOf(model, path),
        severity: 'error',
        code: 'InvalidValue',
        message: `${label(path)}: "${String(at)}" is not a valid value here${e.keyword === 'pattern' ? ` (expected to match ${e.params.pattern})` : ''}.`,
      };
    }
    case 'uniqueItems': {
      const j = Number(e.params.j);
      const i = Number(e.params.i);
      return {
        span: valueSpanOf(model, [...path, Math.max(i, j)]),
        severity: 'error',
        code: 'DuplicateItem',
        message: `${label(path)} lists the same value twice (items ${Math.min(i, j) + 1} and ${Math.max(i, j) + 1}).`,
      };
    }
    default: {
      const span = path.length === 0 ? { start: 0, end: firstLineEnd(model.text) } : valueSpanOf(model, path);
      return { span, severity: 'error', code: 'SchemaError', message: `${label(path)} ${e.message ?? 'is not valid'}.` };
    }
  }
}

function valueOf(value: unknown, path: YamlPath): unknown {
  let current = value;
  for (const seg of path) {
    if (current && typeof current === 'object') current = (current as Record<string, unknown>)[seg as string];
    else return undefined;
  }
  return current;
}

