// Rules that need to know the base image (the generated table in data/baseImages.json): a package
// manager of another OS family, shell form on an image without /bin/sh, USER naming an account the
// image lacks, and an ENTRYPOINT that drops the base image's entrypoint script.
import type { Instruction } from '../../../parser/ast';
import { derivedKey, type DockerfileModel, type Stage } from '../../../parser/model';
import { type Finding, type Rule, stageRule } from '../rule';
import { osLabel } from '../../baseImage';
import { isWindowsStage, stageBaseImage, stageFacts } from '../../stages';
import { formatArgv, splitCommandLine } from '../../effectiveCommand';
import { finding, fix, replace, NO_FINDINGS } from './helpers';
import { invocations, type Invocation } from './packages';
import { baseOf, stageValue } from '../../../parser/stageChain';

const DOCS = 'https://docs.docker.com/reference/dockerfile/';

/** Package managers per family: a command of another family does not exist on the image. */
const FAMILY: Record<string, string[]> = {
  apt: ['apt-get', 'apt', 'aptitude'],
  apk: ['apk'],
  dnf: ['dnf', 'yum', 'microdnf'],
  yum: ['yum', 'dnf'],
  tdnf: ['tdnf', 'yum'],
  zypper: ['zypper'],
  pacman: ['pacman'],
};
const ALL_MANAGERS = [...new Set(Object.values(FAMILY).flat())];

/** How the image's own manager spells the same step (offered as a fix; package names may differ). */
const SPELLING: Record<string, Record<string, string>> = {
  apt: { install: 'apt-get install -y --no-install-recommends', update: 'apt-get update', remove: 'apt-get purge -y' },
  apk: { install: 'apk add --no-cache', update: 'apk update', remove: 'apk del' },
  dnf: { install: 'dnf install -y', update: 'dnf makecache', remove: 'dnf remove -y' },
  yum: { install: 'yum install -y', update: 'yum makecache', remove: 'yum remove -y' },
  tdnf: { install: 'tdnf install -y', update: 'tdnf makecache', remove: 'tdnf remove -y' },
};
const STEP: Record<string, string> = { install: 'install', add: 'install', '-S': 'install', update: 'update', makecache: 'update', remove: 'remove', purge: 'remove', del: 'remove', erase: 'remove' };

/** The stage, or a stage it builds on, installs the manager itself (then it exists). */
function installsManager(model: DockerfileModel, stage: Stage, name: string): boolean {
  // Asked once per invocation: the answer per stage and manager is kept (a stage with thousands of
  // RUNs would otherwise join its text thousands of times).
  const byStage = model.derived(INSTALLS, newInstalls);
  let answers = byStage.get(stage.index);
  if (!answers) byStage.set(stage.index, (answers = new Map()));
  let found = answers.get(name);
  if (found === undefined) {
    const text = stage.instructions.map((i) => i.original).join('\n');
    found = new RegExp(`(add|install)\\b[^\\n]*\\b${name}\\b`).test(text);
    answers.set(name, found);
  }
  return found;
}
const INSTALLS = derivedKey<Map<number, Map<string, boolean>>>('installsManager');
const newInstalls = (): Map<number, Map<string, boolean>> => new Map();

export const packageManagerMismatch: Rule = stageRule({
  code: 'PackageManagerMismatch',
  defaultSeverity: 'warning',
  url: DOCS + '#run',
  description: 'A package manager the base image does not have (apt-get on Alpine, apk on Debian)',
  checkStage(stage, { model }) {
    let out: Finding[] | undefined;
    for (const v of invocations(model, ALL_MANAGERS, false, stage)) {
      const lookup = stageBaseImage(model, v.run.stage);
      if (lookup.kind !== 'known' || isWindowsStage(model, v.run.stage)) continue;
      const f = lookup.facts;
      const name = v.program.name;
      const own = f.packageManager;
      if (own && FAMILY[own]?.includes(name)) continue;
      if (installsManager(model, v.run.stage, name)) continue;
      const os = osLabel(f) ?? lookup.reference;
      const message = own
        ? `${name} does not exist on ${lookup.reference} (${os}): its package manager is ${own}`
        : `${name} does not exist on ${lookup.reference}: the image has no package manager (copy files in from another stage instead)`;
      const step = v.sub ? STEP[v.sub.value] : undefined;
      const spelled = own && step ? SPELLING[own]?.[step] : undefined;
      const fixes = spelled ? respell(v, spelled) : undefined;
      (out ??= []).push(finding({ start: v.program.word.start, end: (v.sub ?? v.program.word).end }, message, fixes));
    }
    return out ?? NO_FINDINGS;
  },
});

/** The invocation rewritten for the image's manager: its own options dropped, the package names kept. */
function respell(v: Invocation, spelled: string) {
  const after = v.sub ? v.args.slice(v.args.indexOf(v.sub) + 1) : [];
  if (!v.sub?.literal || after.some((a) => !a.literal)) return undefined;
  const packages = after.filter((a) => !a.value.startsWith('-'));
  if (after.some((a, i) => a.value.startsWith('-') && !a.value.includes('=') && after[i + 1] && !after[i + 1].value.startsWith('-') && /^(-o|-t|-c|--repository|-X|--enablerepo|--disablerepo|--virtual)$/.test(a.value))) return undefined;
  const end = after.length ? after[after.length - 1].end : v.sub.end;
  const text = [spelled, ...packages.map((p) => p.value)].join(' ');
  return [fix(`Use ${spelled} (check the package names)`, [replace({ start: v.program.word.start, end }, text)], false)];
}

/** Words a shell would treat specially: such a command line cannot be turned into exec form as is. */
const SHELL_SYNTAX = /[|&;<>()$`*?~{}\[\]\\'"#\n]/;

function execFormFix(command: string, span: { start: number; end: number }, prefix = '') {
  if (SHELL_SYNTAX.test(command)) return undefined;
  const words = splitCommandLine(command);
  if (words.length === 0) return undefined;
  return [fix('Use the exec form', [replace(span, prefix + '[' + words.map((w) => JSON.stringify(w)).join(', ') + ']')])];
}

function rootIsScratch(model: DockerfileModel, stage: Stage): boolean {
  return stageFacts(model, stage).root.base.toLowerCase() === 'scratch';
}

/** A stage (or one it builds on) copies a shell in: then /bin/sh may well exist. */
function bringsShell(model: DockerfileModel, stage: Stage): boolean {
  return stageValue<boolean>(model, stage, 'bringsShell', (s, inherited) => !!inherited || s.instructions.some((i) => (i.keyword === 'COPY' || i.keyword === 'ADD') && /\bbin\/(?:ba|a|da)?sh\b|busybox|\/bin\/?\s*$|\.tar/.test(i.argsText)));
}

export const shellFormWithoutShell: Rule = stageRule({
  code: 'ShellFormWithoutShell',
  defaultSeverity: 'warning',
  url: DOCS + '#shell-and-exec-form',
  description: 'Shell-form RUN, CMD, ENTRYPOINT or HEALTHCHECK on an image without /bin/sh (scratch, distroless)',
  checkStage(theStage, { model }) {
    let out: Finding[] | undefined;
    for (const stage of [theStage]) {
      if (isWindowsStage(model, stage)) continue;
      const lookup = stageBaseImage(model, stage);
      const noShell = lookup.kind === 'scratch' || rootIsScratch(model, stage) ? true : lookup.kind === 'known' && !lookup.facts.hasShell;
      if (!noShell || bringsShell(model, stage)) continue;
      if (stage.instructions.some((i) => i.keyword === 'SHELL')) continue;
      const image = lookup.kind === 'known' ? lookup.reference : 'scratch';
      for (const ins of stage.instructions) {
        const f = shellFormOf(ins);
        if (!f) continue;
        const what = ins.keyword === 'HEALTHCHECK' ? 'HEALTHCHECK CMD' : ins.keyword;
        const runs = ins.keyword === 'RUN' ? 'fails at build time' : 'fails when the container starts';
        (out ??= []).push(finding(f.span, `${what} in shell form runs /bin/sh, which ${image} does not have: it ${runs}. Use the exec form`, execFormFix(f.command, f.span)));
      }
    }
    return out ?? NO_FINDINGS;
  },
});

function shellFormOf(ins: Instruction): { command: string; span: { start: number; end: number } } | undefined {
  if (ins.form !== 'shell' || ins.heredocs.length > 0) return undefined;
  if (ins.keyword === 'RUN' || ins.keyword === 'CMD' || ins.keyword === 'ENTRYPOINT') {
    return ins.args.length ? { command: ins.argsText, span: ins.argsSpan } : undefined;
  }
  if (ins.keyword === 'HEALTHCHECK' && ins.args[0] && /^cmd$/i.test(ins.args[0].value) && ins.args[1]) {
    return { command: ins.args[1].value, span: { start: ins.args[1].start, end: ins.argsSpan.end } };
  }
  return undefined;
}

const CREATES_USER = /\b(?:useradd|adduser|usermod)\b/;
const PACKAGE_INSTALL = /\b(?:apt-get|apt|aptitude|apk|dnf|yum|microdnf|tdnf|zypper|pacman)\b[^\n]*\s(?:install|add|-S)\b/;

export const unknownUser: Rule = stageRule({
  code: 'UnknownUser',
  defaultSeverity: 'hint',
  url: DOCS + '#user',
  description: 'USER names an account the base image does not have and the Dockerfile does not create',
  checkStage(theStage, { model }) {
    let out: Finding[] | undefined;
    for (const stage of [theStage]) {
      const lookup = stageBaseImage(model, stage);
      if (lookup.kind !== 'known' || !lookup.facts.users || isWindowsStage(model, stage)) continue;
      const users = lookup.facts.users;
      for (const ins of stage.instructions) {
        if (ins.keyword !== 'USER' || !ins.args[0]) continue;
        const word = ins.args[0];
        const name = word.value.split(':')[0];
        if (!name || /^\d+$/.test(name) || name.includes('$') || users.includes(name)) continue;
        if (createdBefore(model, stage, ins, name)) continue;
        const hint = users.filter((u) => !['root', 'daemon', 'bin', 'sys', 'sync', 'games', 'man', 'lp', 'mail', 'news', 'uucp', 'proxy', 'backup', 'list', 'irc', '_apt', 'halt', 'shutdown', 'operator', 'adm', 'ftp', 'cron', 'sshd', 'ntp', 'guest'].includes(u));
        const also = hint.length ? ` Accounts it has besides root: ${hint.slice(0, 6).join(', ')}.` : '';
        (out ??= []).push(
          finding(
            { start: word.start, end: word.start + name.length },
            `${lookup.reference} has no user '${name}' and no earlier RUN creates it: the container fails to start ("unable to find user ${name}").${also}`,
          ),
        );
      }
    }
    return out ?? NO_FINDINGS;
  },
});

function createdBefore(model: DockerfileModel, stage: Stage, user: Instruction, name: string): boolean {
  const mention = new RegExp(`(^|[^A-Za-z0-9_-])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([^A-Za-z0-9_-]|$)`);
  if (stageCreates(model, stage, user.start, mention)) return true;
  const base = baseOf(model.stages, stage);
  // Memoised per account name along the chain (a USER in each of 10,000 chained stages stays linear).
  return !!base && stageValue<boolean>(model, base, `createsUser:${name}`, (s, inherited) => !!inherited || stageCreates(model, s, Infinity, mention));
}

/** An instruction of the stage before `before` creates the account (or may have: packages, /etc/passwd). */
function stageCreates(model: DockerfileModel, s: Stage, before: number, mention: RegExp): boolean {
  for (const ins of s.instructions) {
    if (ins.start >= before) break;
    const text = ins.original + ins.heredocs.map((h) => model.ast.source.slice(h.body.start, h.body.end)).join('\n');
    if (ins.keyword === 'RUN' && CREATES_USER.test(text) && mention.test(text)) return true;
    // installing packages can create system accounts (tor → debian-tor): the account list is then unknown
    if (ins.keyword === 'RUN' && PACKAGE_INSTALL.test(text)) return true;
    if ((ins.keyword === 'COPY' || ins.keyword === 'ADD') && /\/etc\/passwd|\/etc\/?\s*$/.test(ins.argsText)) return true;
  }
  return false;
}

/** Entrypoints that prepare the container before running the command (`docker-entrypoint.sh`). */
const SCRIPT = /\.sh$|entrypoint|^\/?(?:usr\/bin\/)?tini$|init$/i;

export const entrypointDropsBaseScript: Rule = stageRule({
  code: 'EntrypointDropsBaseScript',
  defaultSeverity: 'hint',
  url: DOCS + '#entrypoint',
  description: "ENTRYPOINT replaces the base image's entrypoint script, so the setup it does no longer runs",
  checkStage(theStage, { model }) {
    let out: Finding[] | undefined;
    for (const stage of [theStage]) {
      if (stage.baseStage !== undefined) continue;
      const lookup = stageBaseImage(model, stage);
      if (lookup.kind !== 'known' || lookup.facts.configUnknown) continue;
      const base = lookup.facts.entrypoint;
      if (!base || !base.some((w) => SCRIPT.test(w))) continue;
      const eps = stage.instructions.filter((i) => i.keyword === 'ENTRYPOINT');
      const last = eps[eps.length - 1];
      if (!last || last.args.length === 0) continue;
      const words = last.form === 'json' ? last.args.map((a) => a.value) : [];
      if (words.some((w) => base.includes(w))) continue;
      const hasCmd = stage.instructions.some((i) => i.keyword === 'CMD');
      const fixes = !hasCmd && last.form === 'json' ? [fix(`Use CMD: ${formatArgv(base)} then runs it`, [replace(last.keywordSpan, last.keywordText === last.keywordText.toLowerCase() ? 'cmd' : 'CMD')], false)] : undefined;
      (out ??= []).push(
        finding(
          last.keywordSpan,
          `This ENTRYPOINT replaces ${formatArgv(base)} of ${lookup.reference}, so the setup that script does no longer runs. Put the command in CMD to keep it (the script runs it after setting up)`,
          fixes,
        ),
      );
    }
    return out ?? NO_FINDINGS;
  },
});

export const BASE_IMAGE_RULES: readonly Rule[] = [packageManagerMismatch, shellFormWithoutShell, unknownUser, entrypointDropsBaseScript];
