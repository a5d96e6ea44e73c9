// Compose value syntaxes the schema leaves as plain strings: `${VAR}` interpolation, port
// mappings, Go durations, byte sizes, volume mounts.

import type { MessageKey } from '../l10n';

/** `$$`, `$NAME`, `${NAME}`, `${NAME:-default}`, `${NAME-default}`, `${NAME:?err}`, `${NAME?err}`, `${NAME:+alt}`. */
const VARIABLE = /\$(?:\$|([A-Za-z_][A-Za-z0-9_]*)|\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])((?:[^{}]|\{[^{}]*\})*))?\})/g;

export function hasVariables(text: string): boolean {
  VARIABLE.lastIndex = 0;
  for (let m = VARIABLE.exec(text); m; m = VARIABLE.exec(text)) if (m[0] !== '$$') return true;
  return false;
}

/**
 * The value with variables replaced by what we can know without an environment: defaults
 * (`${A:-x}` → `x`) and `$$` → `$`. Undefined when the value depends on an unknown variable.
 */
export function interpolateKnown(text: string): string | undefined {
  let unknown = false;
  VARIABLE.lastIndex = 0;
  const out = text.replace(VARIABLE, (whole, _plain, _braced, op: string | undefined, arg: string | undefined) => {
    if (whole === '$$') return '$';
    if (op === ':-' || op === '-') return interpolateKnown(arg ?? '') ?? ((unknown = true), '');
    unknown = true;
    return '';
  });
  return unknown ? undefined : out;
}

export const PORT_PROTOCOLS = ['tcp', 'udp', 'sctp'];

export interface PortProblem {
  /** Offsets inside the string. */
  start: number;
  end: number;
  message: string;
}

export interface ParsedPort {
  ip?: string;
  host?: string;
  container: string;
  protocol?: string;
}

/** Splits `[IP:][HOST[-HOST]:]CONTAINER[-CONTAINER][/PROTOCOL]`; IPv6 addresses may be bracketed. */
export function parsePortMapping(text: string): ParsedPort {
  let rest = text;
  let protocol: string | undefined;
  const slash = rest.lastIndexOf('/');
  if (slash !== -1) {
    protocol = rest.slice(slash + 1);
    rest = rest.slice(0, slash);
  }
  let ip: string | undefined;
  const bracket = /^\[([^\]]*)\]:/.exec(rest);
  if (bracket) {
    ip = bracket[1];
    rest = rest.slice(bracket[0].length);
  }
  const parts = rest.split(':');
  if (!ip && parts.length > 3) {
    // An unbracketed IPv6 address: the last two parts are the ports.
    ip = parts.slice(0, parts.length - 2).join(':');
    parts.splice(0, parts.length - 2);
  }
  if (parts.length === 3) return { ip: ip ?? parts[0], host: parts[1], container: parts[2], protocol };
  if (parts.length === 2) return { ip, host: parts[0], container: parts[1], protocol };
  return { ip, container: parts[0], protocol };
}

const PORT_RANGE = /^(\d+)(?:-(\d+))?$/;

/** Problems with one port or port range: not a number, out of 1-65535, reversed range. */
export function checkPortRange(text: string, what: string, allowEmpty: boolean): string | undefined {
  if (text === '') return allowEmpty ? undefined : `${what} is missing`;
  const m = PORT_RANGE.exec(text);
  if (!m) return `${what} "${text}" is not a port number (1-65535) or range`;
  for (const n of [m[1], m[2]]) {
    if (n === undefined) continue;
    const v = Number(n);
    if (v < 1 || v > 65535) return `${what} ${n} is out of range (1-65535)`;
  }
  if (m[2] !== undefined && Number(m[2]) < Number(m[1])) return `${what} range ${text} ends before it starts`;
  return undefined;
}

/** The problems of a short-syntax port entry (`"8080:80/tcp"`), with offsets inside the string. */
export function checkShortPort(text: string): PortProblem[] {
  if (!text.includes('$')) return checkPlainPort(text);
  // With variables, check what the defaults give and report on the whole value.
  const known = interpolateKnown(text);
  if (known === undefined) return [];
  return checkPlainPort(known).map((p) => ({ start: 0, end: text.length, message: p.message }));
}

function checkPlainPort(text: string): PortProblem[] {
  const parsed = parsePortMapping(text);
  const problems: PortProblem[] = [];
  const protocolLength = parsed.protocol !== undefined ? parsed.protocol.length + 1 : 0;
  const containerAt = text.length - protocolLength - parsed.container.length;
  const containerProblem = checkPortRange(parsed.container, 'container port', false);
  if (containerProblem) problems.push({ start: containerAt, end: containerAt + parsed.container.length, message: containerProblem });
  if (parsed.host !== undefined) {
    const hostProblem = checkPortRange(parsed.host, 'host port', true);
    if (hostProblem) {
      const hostAt = containerAt - 1 - parsed.host.length;
      problems.push({ start: hostAt, end: hostAt + parsed.host.length, message: hostProblem });
    }
  }
  if (parsed.protocol !== undefined && !PORT_PROTOCOLS.includes(parsed.protocol.toLowerCase())) {
    const start = text.length - parsed.protocol.length;
    problems.push({ start, end: text.length, message: `unknown protocol "${parsed.protocol}" (only ${PORT_PROTOCOLS.join(', ')})` });
  }
  return problems;
}

/** Go's time.ParseDuration syntax: `1h30m`, `10s`, `1.5s`, `300ms`, `0`. */
const GO_DURATION = /^[-+]?(?:0|(?:(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|\u00b5s|\u03bcs|ms|s|m|h))+)$/;

/**
 * Formats the schema validator checks with our code (scripts/compose-validator.mjs): Go durations
 * (`1m30s`), which older schema versions mark with a format.
 */
export const SCHEMA_FORMATS = {
  duration: { type: 'string', validate: (s: string) => isGoDuration(s) || s.includes('$') },
};

export function isGoDuration(text: string): boolean {
  return GO_DURATION.test(text);
}

/** Byte sizes as Compose reads them: a number with an optional b/k/m/g (and `b` suffix: `kb`, `mb`). */
const BYTE_SIZE = /^\d+(?:\.\d+)?\s*(?:[bkmgtp]i?b?)?$/i;

export function isByteSize(text: string): boolean {
  return BYTE_SIZE.test(text);
}

export interface ShortVolume {
  source?: string;
  target: string;
  mode?: string;
  /** `bind` when the source is a path, `volume` when it is a name, `anonymous` without source. */
  kind: 'bind' | 'volume' | 'anonymous';
}

/** `SOURCE:TARGET[:MODE]` or just `TARGET`; Windows drive letters (`C:\x`) stay in the source. */
export function parseShortVolume(text: string): ShortVolume {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const driveLetter = c === ':' && current.length === 1 && /[A-Za-z]/.test(current) && /[\\/]/.test(text[i + 1] ?? '');
    if (c === ':' && !driveLetter) {
      parts.push(current);
      current = '';
    } else current += c;
  }
  parts.push(current);
  if (parts.length === 1) return { target: parts[0], kind: 'anonymous' };
  const [source, target, mode] = parts;
  return { source, target, mode, kind: isPathLike(source) ? 'bind' : 'volume' };
}

/** A volume source that is a host path rather than a volume name. */
export function isPathLike(source: string): boolean {
  return /^(?:[./~\\]|\$|[A-Za-z]:[\\/])/.test(source) || source.includes('/');
}

/** Restart policies Docker accepts for `restart:` (`on-failure` may carry a retry count). */
/** The restart policies, each with the key of its explanation (l10n/messages.ts). */
export const RESTART_POLICIES: { value: string; doc: MessageKey }[] = [
  { value: 'no', doc: 'composeValue.restart.no' },
  { value: 'always', doc: 'composeValue.restart.always' },
  { value: 'on-failure', doc: 'composeValue.restart.on-failure' },
  { value: 'unless-stopped', doc: 'composeValue.restart.unless-stopped' },
];

export function isRestartPolicy(text: string): boolean {
  return /^(?:no|always|unless-stopped|on-failure(?::\d+)?)$/.test(text);
}
