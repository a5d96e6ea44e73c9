// Ajv's errors for a Compose file, kept per service (issue 16). The whole validator checks the root's
// keys and `version`, `name`, `include`, then the services mapping (its names, then each service with
// the service definition's function, in the mapping's key order), then the sections after it
// (`models`, `networks`, `volumes`, `secrets`, `configs`). A model made by an edit inside one service
// (compose/incremental.ts) takes the previous version's errors for everything else and validates that
// service alone with the same function (schema/validator.js exports it as `service`). Raw errors hold
// no offsets: they depend on the value only, and outside the edited service the value is the
// previous version's.
import type { ErrorObject } from 'ajv';
import compiledValidator, { service as serviceValidator } from './schema/validator';
import rawSchema from './schema/compose-spec.json';
import { derivedKey } from '../common/derived';
import type { ComposeModel } from './model';

/** A version's errors, split where the whole validator's order allows it (undefined parts: not split). */
export interface SchemaErrors {
  all: ErrorObject[];
  split?: {
    /** Errors before the services' own (the root's keys, `version`, `name`, `include`, the services mapping itself). */
    head: ErrorObject[];
    /** Each service's errors (instance paths under `/services/<name>`), by name. */
    services: Map<string, ErrorObject[]>;
    /** Errors of the sections after `services`. */
    tail: ErrorObject[];
  };
}

/** Filled when the model's errors are first asked for; a later version's carry reads it then. */
interface Holder {
  errors?: SchemaErrors;
}
const HOLDER = derivedKey<Holder>('compose.schemaErrors');
/** Seeded by `carrySchemaErrors` on a model made by an edit inside one service. */
const CARRY = derivedKey<{ from: Holder; service: string } | undefined>('compose.schemaCarry');

const newHolder = (): Holder => ({});
const SERVICE_NAME = new RegExp(Object.keys((rawSchema as { properties: { services: { patternProperties: object } } }).properties.services.patternProperties)[0]);
const ROOT_KEYS = Object.keys((rawSchema as { properties: object }).properties);
const BEFORE_SERVICES = new Set(['', ...ROOT_KEYS.slice(0, ROOT_KEYS.indexOf('services'))]);

/** Records that `next` is `previous` with the service `service` re-read (its other values the same). */
export function carrySchemaErrors(next: ComposeModel, previous: ComposeModel, service: string): void {
  const from = previous.derived(HOLDER, newHolder);
  next.derived(CARRY, () => ({ from, service }));
}

/** Ajv's errors for the model's value, in the whole validator's order. */
export function rawSchemaErrors(model: ComposeModel): ErrorObject[] {
  const holder = model.derived(HOLDER, newHolder);
  if (!holder.errors) {
    const carry = model.derived(CARRY, () => undefined);
    const previous = carry?.from.errors?.split;
    holder.errors = previous ? withService(model.value, previous, carry.service) : splitSchemaErrors(model.value);
  }
  return holder.errors.all;
}

/** The whole validator's errors for `value`, split per service when their order allows it. */
export function splitSchemaErrors(value: unknown): SchemaErrors {
  return split(wholeErrors(value), value);
}

function wholeErrors(value: unknown): ErrorObject[] {
  return compiledValidator(value) ? [] : [...(compiledValidator.errors ?? [])];
}

const escapeName = (name: string) => name.replace(/~/g, '~0').replace(/\//g, '~1');
const unescapeName = (seg: string) => seg.replace(/~1/g, '/').replace(/~0/g, '~');

/** The errors of one service's value, as the whole validator reports them. */
function serviceErrors(root: Record<string, unknown>, name: string): ErrorObject[] {
  if (!SERVICE_NAME.test(name)) return [];
  const services = root.services as Record<string, unknown>;
  const ok = serviceValidator(services[name], { instancePath: `/services/${escapeName(name)}`, parentData: services, parentDataProperty: name, rootData: root, dynamicAnchors: {} });
  return ok ? [] : [...(serviceValidator.errors ?? [])];
}

/** The services' names in the order the validator visits them. */
function serviceNames(value: unknown): string[] | undefined {
  const services = value && typeof value === 'object' ? (value as Record<string, unknown>).services : undefined;
  if (!services || typeof services !== 'object' || Array.isArray(services)) return undefined;
  const names: string[] = [];
  for (const name in services) names.push(name);
  return names;
}

/** `all` cut into head, services and tail; unsplit when the pieces put back together are not `all` in order. */
function split(all: ErrorObject[], value: unknown): SchemaErrors {
  const names = serviceNames(value);
  if (!names) return { all };
  const head: ErrorObject[] = [];
  const tail: ErrorObject[] = [];
  const services = new Map<string, ErrorObject[]>();
  for (const e of all) {
    const path = e.instancePath;
    const first = path.indexOf('/', 1);
    const top = unescapeName(path.slice(1, first < 0 ? path.length : first));
    if (top === 'services' && first >= 0) {
      const end = path.indexOf('/', first + 1);
      const name = unescapeName(path.slice(first + 1, end < 0 ? path.length : end));
      const list = services.get(name) ?? [];
      list.push(e);
      services.set(name, list);
    } else if (path === '' || BEFORE_SERVICES.has(top) || top === 'services') head.push(e);
    else tail.push(e);
  }
  const parts = { head, services, tail };
  const again = joined(parts, names);
  return again.length === all.length && again.every((e, i) => e === all[i]) ? { all, split: parts } : { all };
}

function joined(parts: NonNullable<SchemaErrors['split']>, names: string[]): ErrorObject[] {
  const out = [...parts.head];
  for (const name of names) {
    const list = parts.services.get(name);
    if (list) out.push(...list);
  }
  out.push(...parts.tail);
  return out;
}

/** The previous version's errors with one service validated again. */
export function withService(value: unknown, previous: NonNullable<SchemaErrors['split']>, service: string): SchemaErrors {
  const names = serviceNames(value);
  if (!names) return split(wholeErrors(value), value);
  const services = new Map(previous.services);
  const own = serviceErrors(value as Record<string, unknown>, service);
  if (own.length > 0) services.set(service, own);
  else services.delete(service);
  const parts = { head: previous.head, services, tail: previous.tail };
  return { all: joined(parts, names), split: parts };
}
