// Device attributes in the long form compose-go keeps (transform/device.go, transform/devices.go,
// transform/gpus.go, types/device.go): `devices` entries as source/target/permissions, GPU and
// reservation device requests with their count as DeviceCount holds it (`all` → -1).
import type { ProjectError } from './loader';
import { ordered } from './goTypes';

type Mapping = Record<string, unknown>;
const isMapping = (v: unknown): v is Mapping => !!v && typeof v === 'object' && !Array.isArray(v);

const DEVICE_MAPPING_ORDER = ['source', 'target', 'permissions'];
const DEVICE_REQUEST_ORDER = ['capabilities', 'driver', 'count', 'device_ids', 'options'];

const MAPPING_ZERO = new Set(['source', 'target', 'permissions']);
const REQUEST_ZERO = new Set(['driver', 'count']);

/** A `devices` entry: `src[:dst[:perms]]` becomes source/target/permissions (rwm unless written); more parts are an error. */
export function deviceMapping(value: unknown, errors: ProjectError[]): unknown {
  if (isMapping(value)) return ordered(value, DEVICE_MAPPING_ORDER, MAPPING_ZERO);
  if (typeof value !== 'string') return value;
  const parts = value.split(':');
  if (parts.length > 3) {
    errors.push({ message: `confusing device mapping, please use long syntax: ${value}`, severity: 'error' });
    return value;
  }
  const [source, target, permissions] = parts;
  return ordered({ source, target: target || source, permissions: permissions ?? 'rwm' }, DEVICE_MAPPING_ORDER, MAPPING_ZERO);
}

/** DeviceCount: a number, or `all` (any case) for -1; another string is an error. */
function deviceCount(value: unknown, errors: ProjectError[]): unknown {
  if (typeof value !== 'string') return value;
  if (value.toLowerCase() === 'all') return -1;
  if (/^[+-]?\d+$/.test(value)) return Number(value);
  errors.push({ message: `invalid value "${value}", the only value allowed is 'all' or a number`, severity: 'error' });
  return value;
}

/** A device request (gpus, deploy reservations): without count or device_ids it asks for all devices. */
function deviceRequest(value: unknown, errors: ProjectError[]): unknown {
  if (!isMapping(value)) return value;
  const out: Mapping = { ...value };
  if (out.count === undefined && out.device_ids === undefined) out.count = -1;
  else if (out.count !== undefined) out.count = deviceCount(out.count, errors);
  return ordered(out, DEVICE_REQUEST_ORDER, REQUEST_ZERO);
}

/** `gpus`: a string (`all`) asks for every GPU; a list holds device requests. */
export function deviceRequests(value: unknown, errors: ProjectError[]): unknown {
  if (typeof value === 'string') return [{ count: -1 }];
  return Array.isArray(value) ? value.map((r) => deviceRequest(r, errors)) : value;
}
