// Notes about one particular instruction line, shown above the general docs in its hover: what this
// line does in this file (the directory WORKDIR ends up in, the ports EXPOSE would need published...).
// A table keyed by instruction; each entry returns Markdown sentences, or nothing.
import type { Instruction } from '../parser/ast';
import type { DockerfileModel, Stage } from '../parser/model';
import { stageFacts, workdirAt as workdirInEffect } from './stages';
import { joinWorkdir as joinPath } from './workdir';
import { inlineCode } from '../../common/markdown';

type NoteMaker = (ins: Instruction, model: DockerfileModel) => string[];

const LOCAL_ARCHIVE = /\.(tar|tar\.gz|tgz|tar\.bz2|tbz2?|tar\.xz|txz|tar\.zst|tzst)$/i;
const URL = /^(https?|git|ssh):\/\/|^git@|\.git(#.*)?$/i;

const code = inlineCode;

/** The WORKDIR in effect before `before` in the stage (inherited from earlier stages; `/` from scratch), from the stage analysis. */
export function workdirAt(model: DockerfileModel, stage: Stage, before: number): string | undefined {
  return workdirInEffect(stageFacts(model, stage), before);
}

/** Go-style durations as HEALTHCHECK takes them: `30s`, `1m30s`, `500ms`. */
function durationText(value: string | undefined, fallback: string): string {
  return value && value.trim() !== '' ? value : `${fallback} (default)`;
}

const notes: Partial<Record<string, NoteMaker>> = {
  HEALTHCHECK: (ins) => {
    const first = ins.args[0]?.value.toUpperCase();
    if (first === 'NONE') return ['This image has **no** health check, even if the base image defined one.'];
    if (first !== 'CMD') return [];
    const flag = (name: string) => ins.flags.find((f) => f.name.toLowerCase() === name)?.value;
    const retries = flag('retries') ?? '3 (default)';
    return [
      `Runs the check every ${durationText(flag('interval'), '30s')}; a run longer than ${durationText(flag('timeout'), '30s')} fails; ` +
        `${retries} failures in a row make the container \`unhealthy\`. Start period: ${durationText(flag('start-period'), '0s')}.`,
    ];
  },
  RUN: (ins) => {
    const command = ins.argsText.trim();
    if (ins.form === 'json' || !/^(rm|apt-get\s+clean|apt-get\s+autoremove|yum\s+clean|dnf\s+clean|apk\s+del)\b/.test(command)) return [];
    return [
      '\u26a0\ufe0f This RUN only removes files. The earlier layers that added them are unchanged, so the image does **not** get smaller: ' +
        'remove them in the same `RUN` that created them (`... && rm -rf ...`), or build in a separate stage and copy out only what you need.',
    ];
  },
  ENV: (ins) => {
    const legacy = ins.keyValues.find((kv) => kv.separator === '');
    if (!legacy) return [];
    return [
      `\u26a0\ufe0f Legacy form: this line sets one variable, ${code(legacy.key.value)}, to ${code(legacy.value?.value ?? '')}. Write ${code(`${legacy.key.value}=${legacy.value?.value ?? ''}`)} (quote the value if it has spaces).`,
    ];
  },
  ADD: (ins) => {
    const sources = ins.args.slice(0, -1).map((a) => a.value);
    const out: string[] = [];
    const archives = sources.filter((s) => LOCAL_ARCHIVE.test(s) && !URL.test(s));
    if (archives.length) out.push(`\u26a0\ufe0f ${archives.map(code).join(', ')} will be **extracted** into the destination, not copied as a file.`);
    const urls = sources.filter((s) => URL.test(s));
    if (urls.length && !ins.flags.some((f) => f.name.toLowerCase() === 'checksum') && urls.some((u) => /^https?:/i.test(u) && !/\.git(#.*)?$/i.test(u))) {
      out.push('\u26a0\ufe0f The download is not verified: add `--checksum=sha256:...` so a changed file fails the build.');
    }
    if (!archives.length && !urls.length && sources.length) out.push('This line only copies local files: `COPY` does the same and says so.');
    return out;
  },
  EXPOSE: (ins) => {
    const ports = ins.args.map((a) => a.value).filter((p) => /^\d+(-\d+)?(\/(tcp|udp|sctp))?$/i.test(p));
    if (!ports.length) return [];
    const first = ports[0].replace(/\/.*$/, '');
    return [`To reach ${ports.length === 1 ? 'it' : 'them'} from the host, publish at run time, e.g. ${code(`docker run -p ${first}:${first} IMAGE`)} or Compose ${code(`ports: ["${first}:${first}"]`)}.`];
  },
  WORKDIR: (ins, model) => {
    const stage = model.stageAt(ins.start);
    if (!stage || !ins.args[0]) return [];
    const before = workdirAt(model, stage, ins.start);
    const after = joinPath(before, ins.args[0].value);
    if (ins.args[0].value.includes('$')) return [];
    if (after === undefined) return [`Relative to the base image\u2019s working directory, which is not visible here.`];
    return [`Working directory from here on: ${code(after)}${before !== undefined && !ins.args[0].value.startsWith('/') ? ` (relative to ${code(before)})` : ''}.`];
  },
  USER: (ins, model) => {
    const stage = model.stageAt(ins.start);
    if (!stage) return [];
    const later = stage.instructions.filter((i) => i.start > ins.start && ['RUN', 'CMD', 'ENTRYPOINT', 'USER'].includes(i.keyword));
    const next = later.find((i) => i.keyword === 'USER');
    const affected = later.filter((i) => i.keyword !== 'USER' && (!next || i.start < next.start));
    const lines = affected.map((i) => `${i.keyword} (line ${i.startLine + 1})`);
    return lines.length ? [`Runs as ${code(ins.args[0]?.value ?? '')}: ${lines.slice(0, 6).join(', ')}${lines.length > 6 ? ', \u2026' : ''}.`] : [];
  },
  VOLUME: (ins) => {
    const hostLike = ins.args.map((a) => a.value).filter((v) => v.includes(':') && !/^[A-Za-z]:[\\/]/.test(v));
    return hostLike.length ? [`\u26a0\ufe0f ${hostLike.map(code).join(', ')} looks like a \`host:container\` mapping; VOLUME takes container paths only. Bind host directories with \`docker run -v\` or Compose \`volumes:\`.`] : [];
  },
};

/** Markdown notes about this very line, or an empty list. */
export function instructionNotes(ins: Instruction, model: DockerfileModel): string[] {
  return notes[ins.keyword]?.(ins, model) ?? [];
}
