// How `docker compose config` prints the canonical project (compose-go types/project.go MarshalJSON /
// MarshalYAML). The two formats differ in more than syntax:
// - YAML prints the Project struct (name, services, networks, volumes, secrets, configs, models,
//   then x- keys) and go-yaml sorts map keys in its "natural" order (`web2` before `web10`);
//   empty fields are left out (`omitempty`: unset command/entrypoint, an empty `ipam`).
// - JSON prints a Go map (keys byte-sorted: configs, name, networks, services, …) without `models`,
//   services without their x- keys (`json:"-"`), unset command/entrypoint as null, two-space
//   indentation and `<`, `>`, `&` escaped as encoding/json does.
// Struct fields keep the order canonical.ts gives them; only Go maps are re-sorted here.
import { stringify } from 'yaml';
import { dollarsDoubled } from './canonical';
import { withoutOptOutDefaults } from './goTypes';
import { ulimitJson } from './printedFields';

type Mapping = Record<string, unknown>;
const isMapping = (v: unknown): v is Mapping => !!v && typeof v === 'object' && !Array.isArray(v);

/** Which values are Go maps (keys sorted when printed) and which structs hold them. */
interface Shape {
  /** A Go map whose values have `values` shape. */
  map?: Shape;
  /** A struct: the shapes of its fields (unlisted fields hold no maps we sort). */
  fields?: Record<string, Shape>;
  /** Arbitrary decoded YAML (extensions): every mapping inside is a Go map. */
  any?: true;
}

const MAP: Shape = { map: {} };
const ANY: Shape = { any: true };
const NETWORK: Shape = { fields: { labels: MAP, driver_opts: MAP, ipam: { fields: { options: MAP } } } };
const VOLUME: Shape = { fields: { labels: MAP, driver_opts: MAP } };
const RESOURCE: Shape = { fields: { labels: MAP } };
const SERVICE: Shape = {
  fields: {
    annotations: MAP,
    build: { fields: { args: MAP, labels: MAP, additional_contexts: MAP } },
    depends_on: { map: {} },
    deploy: { fields: { labels: MAP } },
    environment: MAP,
    labels: MAP,
    log_opt: MAP,
    logging: { fields: { options: MAP } },
    models: { map: {} },
    networks: { map: { fields: { driver_opts: MAP } } },
    storage_opt: MAP,
    sysctls: MAP,
    ulimits: { map: {} },
  },
};
const PROJECT: Shape = {
  fields: { services: { map: SERVICE }, networks: { map: NETWORK }, volumes: { map: VOLUME }, secrets: { map: RESOURCE }, configs: { map: RESOURCE }, models: { map: {} } },
};

type Less = (a: string, b: string) => boolean;

const byteLess: Less = (a, b) => a < b;

const isLetter = (c: string) => /\p{L}/u.test(c);
const isDigit = (c: string) => c >= '0' && c <= '9';

/**
 * go-yaml's map key order for two strings: at the first differing character two letters compare
 * by code point; a letter against a non-letter puts the non-letter first, unless a digit came just
 * before (then the letter); two non-letters compare as whole digit runs, numerically.
 */
export const yamlKeyLess: Less = (a, b) => {
  const ar = [...a];
  const br = [...b];
  let afterDigit = false;
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) {
      afterDigit = isDigit(ar[i]);
      continue;
    }
    const al = isLetter(ar[i]);
    const bl = isLetter(br[i]);
    if (al && bl) return ar[i] < br[i];
    if (al || bl) return afterDigit ? al : bl;
    // a run of digits that continues a non-zero number keeps its leading zeros significant
    let an = 0;
    let bn = 0;
    if (ar[i] === '0' || br[i] === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]); j--) {
        if (ar[j] !== '0') {
          an = 1;
          bn = 1;
          break;
        }
      }
    }
    let ai = i;
    let bi = i;
    for (; ai < ar.length && isDigit(ar[ai]); ai++) an = an * 10 + Number(ar[ai]);
    for (; bi < br.length && isDigit(br[bi]); bi++) bn = bn * 10 + Number(br[bi]);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return ar[i] < br[i];
  }
  return ar.length < br.length;
};

function sortedBy(keys: string[], less: Less): string[] {
  return keys.sort((a, b) => (less(a, b) ? -1 : less(b, a) ? 1 : 0));
}

/** Nested values of fields not listed in a shape: structs, whose mappings hold no Go maps we know of. */
const STRUCT: Shape = { fields: {} };

function inGoOrder(value: unknown, shape: Shape, less: Less, dropExtensions: boolean): unknown {
  if (Array.isArray(value)) return value.map((v) => inGoOrder(v, shape, less, dropExtensions));
  if (!isMapping(value)) return value;
  const out: Mapping = {};
  if (shape.any || shape.map) {
    for (const k of sortedBy(Object.keys(value), less)) out[k] = inGoOrder(value[k], shape.any ? ANY : shape.map!, less, dropExtensions);
    return out;
  }
  // a struct: fields in their order, then its inline x- extensions sorted (JSON leaves them out)
  const extensions: string[] = [];
  for (const [k, v] of Object.entries(value)) {
    if (k.startsWith('x-')) extensions.push(k);
    else out[k] = inGoOrder(v, shape.fields?.[k] ?? STRUCT, less, dropExtensions);
  }
  if (!dropExtensions) for (const k of sortedBy(extensions, less)) out[k] = inGoOrder(value[k], ANY, less, false);
  return out;
}

const EMPTY_COMMAND = (v: unknown) => v === null || v === undefined || (Array.isArray(v) && v.length === 0);

/** Both formats: bind.create_host_path printed only when false. */
function withoutDefaultsPrinted(project: Mapping): Mapping {
  if (!isMapping(project.services)) return project;
  const services: Mapping = {};
  for (const [name, service] of Object.entries(project.services)) {
    services[name] = isMapping(service) && Array.isArray(service.volumes) ? { ...service, volumes: service.volumes.map(withoutOptOutDefaults) } : service;
  }
  return { ...project, services };
}

const ulimitsJson = (u: unknown) => (isMapping(u) ? Object.fromEntries(Object.entries(u).map(([k, v]) => [k, ulimitJson(v)])) : u);

/** JSON only: ulimits soft/hard left out when zero (service and build). */
function withJsonUlimits(project: Mapping): Mapping {
  if (!isMapping(project.services)) return project;
  const services: Mapping = {};
  for (const [name, s] of Object.entries(project.services)) {
    if (!isMapping(s) || (s.ulimits === undefined && !(isMapping(s.build) && s.build.ulimits !== undefined))) services[name] = s;
    else {
      const service: Mapping = { ...s };
      if (s.ulimits !== undefined) service.ulimits = ulimitsJson(s.ulimits);
      if (isMapping(s.build) && s.build.ulimits !== undefined) service.build = { ...s.build, ulimits: ulimitsJson(s.build.ulimits) };
      services[name] = service;
    }
  }
  return { ...project, services };
}

/** The project as `docker compose config` prints it in YAML, as a value (maps ordered, empty fields left out). */
export function configYamlValue(canonical: Mapping): Mapping {
  const project = inGoOrder(withoutDefaultsPrinted(canonical), PROJECT, yamlKeyLess, false) as Mapping;
  if (isMapping(project.services)) {
    for (const service of Object.values(project.services)) {
      if (!isMapping(service)) continue;
      for (const key of ['command', 'entrypoint']) if (EMPTY_COMMAND(service[key])) delete service[key];
    }
  }
  // go-yaml leaves out an empty struct field (`ipam: {}`); encoding/json prints it
  if (isMapping(project.networks)) {
    for (const network of Object.values(project.networks)) if (isMapping(network) && isMapping(network.ipam) && Object.keys(network.ipam).length === 0) delete network.ipam;
  }
  return project;
}

/** Go's encoding/json escapes these inside strings (HTML-safe output). */
const GO_ESCAPES: Record<string, string> = { '<': '\\u003c', '>': '\\u003e', '&': '\\u0026', '\u2028': '\\u2028', '\u2029': '\\u2029' };

/** The text of `docker compose config --format json`, `$` doubled. */
export function configJsonText(canonical: Mapping): string {
  const { models, ...printed } = withJsonUlimits(withoutDefaultsPrinted(canonical));
  void models;
  const fields = inGoOrder(printed, PROJECT, byteLess, true) as Mapping;
  // the project is printed as a Go map: its keys sorted, x- extensions among them
  const project: Mapping = {};
  for (const k of sortedBy(Object.keys(printed), byteLess)) project[k] = k.startsWith('x-') ? inGoOrder(printed[k], ANY, byteLess, false) : fields[k];
  return JSON.stringify(dollarsDoubled(project), null, 2).replace(/[<>&\u2028\u2029]/g, (c) => GO_ESCAPES[c]) + '\n';
}

/**
 * The text of `docker compose config` (YAML), `$` doubled. go-yaml quotes strings a YAML 1.1 reader
 * would take for something else (`"y"`, `"on"`, `"1:20"`): `yaml`'s 1.1 mode does the same.
 */
export function configYamlText(canonical: Mapping): string {
  return stringify(dollarsDoubled(configYamlValue(canonical)), { lineWidth: 0, version: '1.1' });
}
