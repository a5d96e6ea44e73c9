// ExposeProtoCasing and ExposeInvalidFormat: EXPOSE takes `port[/proto]` or `from-to[/proto]` only.
import { instructionRule, type Finding, type Rule } from '../rule';
import { EMPTY } from '../../../parser/ast';
import { NO_FINDINGS, finding, fix, replace } from './helpers';

const DOCS = 'https://docs.docker.com/go/dockerfile/rule/';

/** `[ip:]hostPort:containerPort[/proto]` split the way Docker splits a port spec. */
export function splitPort(raw: string): { ip: string; hostPort: string; containerPort: string; proto: string } {
  const slash = raw.lastIndexOf('/');
  const proto = slash >= 0 ? raw.slice(slash + 1) : '';
  const rest = slash >= 0 ? raw.slice(0, slash) : raw;
  const lastColon = rest.lastIndexOf(':');
  if (lastColon < 0) return { ip: '', hostPort: '', containerPort: rest, proto };
  const containerPort = rest.slice(lastColon + 1);
  const head = rest.slice(0, lastColon);
  const hostColon = head.lastIndexOf(':');
  if (hostColon < 0) return { ip: '', hostPort: head, containerPort, proto };
  return { ip: head.slice(0, hostColon), hostPort: head.slice(hostColon + 1), containerPort, proto };
}

type PortWord = { value: string; start: number; end: number };
/** Per EXPOSE instruction, its ports (three rules read them; `args` makes new words on each read). */
const PORTS = new WeakMap<object, readonly PortWord[]>();

/** The ports an EXPOSE names, without variables (read once per instruction: callers must not change the list). */
export function exposePorts(ins: { keyword: string; args: PortWord[] }): readonly PortWord[] {
  if (ins.keyword !== 'EXPOSE') return EMPTY;
  let ports = PORTS.get(ins);
  if (!ports) PORTS.set(ins, (ports = ins.args.filter((a) => a.value !== '' && !a.value.includes('$'))));
  return ports;
}

export const exposeProtoCasing: Rule = instructionRule({
  code: 'ExposeProtoCasing',
  defaultSeverity: 'warning',
  url: DOCS + 'expose-proto-casing/',
  description: 'Protocol in EXPOSE instruction should be lowercase',
  buildkit: true,
  keywords: ['EXPOSE'],
  checkInstruction(ins, { model }) {
    if (ins.keyword !== 'EXPOSE') return NO_FINDINGS;
    let out: Finding[] | undefined;
    for (const port of exposePorts(ins)) {
      const { proto } = splitPort(port.value);
      if (proto === proto.toLowerCase()) continue;
      const raw = model.ast.source.slice(port.start, port.end);
      const fixes = raw === port.value ? [fix(`Change to ${port.value.toLowerCase()}`, [replace(port, raw.slice(0, raw.length - proto.length) + proto.toLowerCase())])] : undefined;
      (out ??= []).push(finding(port, `Defined protocol '${port.value}' in EXPOSE instruction should be lowercase`, fixes));
    }
    return out ?? NO_FINDINGS;
  },
});

export const exposeInvalidFormat: Rule = instructionRule({
  code: 'ExposeInvalidFormat',
  defaultSeverity: 'warning',
  url: DOCS + 'expose-invalid-format/',
  description: 'IP address and host-port mapping should not be used in EXPOSE instruction. This will become an error in a future release',
  buildkit: true,
  keywords: ['EXPOSE'],
  checkInstruction(ins) {
    if (ins.keyword !== 'EXPOSE') return NO_FINDINGS;
    let out: Finding[] | undefined;
    for (const port of exposePorts(ins)) {
      const { ip, hostPort, containerPort, proto } = splitPort(port.value);
      if (ip === '' && hostPort === '') continue;
      const keep = containerPort + (proto ? '/' + proto : '');
      (out ??= []).push(finding(port, `EXPOSE instruction should not define an IP address or host-port mapping, found '${port.value}'`, [
        fix(`Expose only the container port ${keep}`, [replace(port, keep)], false),
      ]));
    }
    return out ?? NO_FINDINGS;
  },
});
