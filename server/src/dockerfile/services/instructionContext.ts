// Notes about one particular instruction line, shown above the general docs in its hover: what this
// line does in this file (the directory WORKDIR ends up in, the ports EXPOSE would need published...).
// A table keyed by instruction; each entry returns Markdown sentences, or nothing.
import type { Instruction } from '../parser/ast';
import type { DockerfileModel, Stage } from '../parser/model';
import { stageFacts, workdirAt as workdirInEffect } from './stages';
import { joinWorkdir as joinPath } from './workdir';
import { inlineCode } from '../../common/markdown';
import { t } from '../../l10n';

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
  return value && value.trim() !== '' ? value : t('note.default', { value: fallback });
}

const notes: Partial<Record<string, NoteMaker>> = {
  HEALTHCHECK: (ins) => {
    const first = ins.args[0]?.value.toUpperCase();
    if (first === 'NONE') return [t('note.healthcheckNone')];
    if (first !== 'CMD') return [];
    const flag = (name: string) => ins.flags.find((f) => f.name.toLowerCase() === name)?.value;
    const retries = flag('retries') ?? t('note.default', { value: '3' });
    return [
      t('note.healthcheck', {
        interval: durationText(flag('interval'), '30s'),
        timeout: durationText(flag('timeout'), '30s'),
        retries,
        startPeriod: durationText(flag('start-period'), '0s'),
      }),
    ];
  },
  RUN: (ins) => {
    const command = ins.argsText.trim();
    if (ins.form === 'json' || !/^(rm|apt-get\s+clean|apt-get\s+autoremove|yum\s+clean|dnf\s+clean|apk\s+del)\b/.test(command)) return [];
    return ['\u26a0\ufe0f ' + t('note.runOnlyRemoves')];
  },
  ENV: (ins) => {
    const legacy = ins.keyValues.find((kv) => kv.separator === '');
    if (!legacy) return [];
    const value = legacy.value?.value ?? '';
    return ['\u26a0\ufe0f ' + t('note.envLegacy', { name: code(legacy.key.value), value: code(value), written: code(`${legacy.key.value}=${value}`) })];
  },
  ADD: (ins) => {
    const sources = ins.args.slice(0, -1).map((a) => a.value);
    const out: string[] = [];
    const archives = sources.filter((s) => LOCAL_ARCHIVE.test(s) && !URL.test(s));
    if (archives.length) out.push('\u26a0\ufe0f ' + t('note.addExtracts', { archives: archives.map(code).join(t('note.listSeparator')) }));
    const urls = sources.filter((s) => URL.test(s));
    if (urls.length && !ins.flags.some((f) => f.name.toLowerCase() === 'checksum') && urls.some((u) => /^https?:/i.test(u) && !/\.git(#.*)?$/i.test(u))) {
      out.push('\u26a0\ufe0f ' + t('note.addUnverified'));
    }
    if (!archives.length && !urls.length && sources.length) out.push(t('note.addOnlyCopies'));
    return out;
  },
  EXPOSE: (ins) => {
    const ports = ins.args.map((a) => a.value).filter((p) => /^\d+(-\d+)?(\/(tcp|udp|sctp))?$/i.test(p));
    if (!ports.length) return [];
    const first = ports[0].replace(/\/.*$/, '');
    const publish = { run: code(`docker run -p ${first}:${first} IMAGE`), compose: code(`ports: ["${first}:${first}"]`) };
    return [t(ports.length === 1 ? 'note.exposeOne' : 'note.exposeMany', publish)];
  },
  WORKDIR: (ins, model) => {
    const stage = model.stageAt(ins.start);
    if (!stage || !ins.args[0]) return [];
    const before = workdirAt(model, stage, ins.start);
    const after = joinPath(before, ins.args[0].value);
    if (ins.args[0].value.includes('$')) return [];
    if (after === undefined) return [t('note.workdirRelativeUnknown')];
    const relative = before !== undefined && !ins.args[0].value.startsWith('/');
    return [relative ? t('note.workdirRelative', { dir: code(after), base: code(before) }) : t('note.workdir', { dir: code(after) })];
  },
  USER: (ins, model) => {
    const stage = model.stageAt(ins.start);
    if (!stage) return [];
    const later = stage.instructions.filter((i) => i.start > ins.start && ['RUN', 'CMD', 'ENTRYPOINT', 'USER'].includes(i.keyword));
    const next = later.find((i) => i.keyword === 'USER');
    const affected = later.filter((i) => i.keyword !== 'USER' && (!next || i.start < next.start));
    const lines = affected.map((i) => t('note.instructionAt', { keyword: i.keyword, line: t('common.line', { line: i.startLine + 1 }) }));
    const sep = t('note.listSeparator');
    const list = lines.slice(0, 6).join(sep) + (lines.length > 6 ? sep + '\u2026' : '');
    return lines.length ? [t('note.userRunsAs', { user: code(ins.args[0]?.value ?? ''), list })] : [];
  },
  VOLUME: (ins) => {
    const hostLike = ins.args.map((a) => a.value).filter((v) => v.includes(':') && !/^[A-Za-z]:[\\/]/.test(v));
    return hostLike.length ? ['\u26a0\ufe0f ' + t('note.volumeHostPath', { paths: hostLike.map(code).join(t('note.listSeparator')) })] : [];
  },
};

/** Markdown notes about this very line, or an empty list. */
export function instructionNotes(ins: Instruction, model: DockerfileModel): string[] {
  return notes[ins.keyword]?.(ins, model) ?? [];
}
