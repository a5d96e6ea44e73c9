// Package manager habits that bloat images or hang builds: apt-get without -y or
// --no-install-recommends, apt lists left behind, `apt` in scripts, `apk add` without --no-cache,
// `pip install` without --no-cache-dir. Commands come from the shell parser (dockerfile/shell), so
// they are found inside if/for/case bodies, functions and substitutions, past `sudo`/`env` wrappers.
import { stageRule, type Finding, type Rule } from '../rule';
import { derivedKey, type DockerfileModel, type Stage } from '../../../parser/model';
import { programOf, type Program, type ShellCommand, type ShellWord } from '../../../shell';
import { finding, fix, hadolintWiki, insert, replace, shippingStages, NO_FINDINGS } from './helpers';
import { mountTargets, runsAndHealthchecks, runsOf, type RunInStage } from './runScripts';
import { baseOf, stageValue } from '../../../parser/stageChain';
import { bindingBefore } from '../../scopes';

/** The package managers each rule asks about (one list each, not one per call). */
const MANAGERS_APK: readonly string[] = ['apk'];
const MANAGERS_APT: readonly string[] = ['apt'];
const MANAGERS_APT_GET: readonly string[] = ['apt-get'];
const MANAGERS_PIP: readonly string[] = ['pip'];

export interface Invocation {
  run: RunInStage;
  cmd: ShellCommand;
  program: Program;
  /** The subcommand word (`install`, `add`): the first word after the program that is not an option. */
  sub?: ShellWord;
  /** Words after the program. */
  args: ShellWord[];
}

/** Options that take the next word as their value, per program (so the value is not taken for the subcommand). */
const OPTIONS_WITH_VALUE: Record<string, RegExp> = {
  'apt-get': /^(?:-o|-c|-t|--option|--config-file|--target-release|--default-release)$/,
  apt: /^(?:-o|-c|-t|--option|--config-file|--target-release)$/,
  aptitude: /^(?:-o|-t|-F|--target-release|--display-format)$/,
  apk: /^(?:-X|--repository|-p|--root|--arch|--cache-dir|--repositories-file|--keys-dir|-t|--virtual)$/,
  yum: /^(?:-c|--config|-d|--debuglevel|-e|--errorlevel|--installroot|--enablerepo|--disablerepo|-x|--exclude|--releasever|--setopt)$/,
  dnf: /^(?:-c|--config|-d|--debuglevel|-e|--errorlevel|--installroot|--enablerepo|--disablerepo|-x|--exclude|--releasever|--setopt|--repo)$/,
  microdnf: /^(?:--config|--installroot|--enablerepo|--disablerepo|--releasever|--setopt)$/,
  zypper: /^(?:-c|--config|-R|--root|--reposd-dir|--cache-dir|--raw-cache-dir|--solv-cache-dir|--pkg-cache-dir)$/,
  pip: /^(?:-r|--requirement|-c|--constraint|-e|--editable|-t|--target|-i|--index-url|--extra-index-url|-f|--find-links|--prefix|--root|--src|--python|--log|--proxy|--retries|--timeout|--cache-dir|--platform|--python-version|--implementation|--abi|--upgrade-strategy|--progress-bar|--trusted-host|--cert|--client-cert|--exists-action)$/,
  pipx: /^(?:--suffix|--python|--preinstall|--index-url|--pip-args|--spec)$/,
};

/** `pip`, `pip2`, `pip3`, `pip3.12`. */
export const PIP = /^pip(?:[23](?:\.\d+)?)?$/;
const PYTHON = /^python(?:[23](?:\.\d+)?)?$/;

/** The package manager a program name stands for (`pip3` → `pip`). */
export function managerName(name: string): string {
  return PIP.test(name) ? 'pip' : name;
}

/**
 * Every command of the file's RUNs (and HEALTHCHECK CMDs when asked: rules about scripts, not
 * layers) whose program (past wrappers, `python -m pip` included) is one of `managers`.
 */
export function invocations(model: DockerfileModel, managers: readonly string[], healthchecks = false, stage?: Stage): readonly Invocation[] {
  const runs = healthchecks ? runsAndHealthchecks(model, stage) : runsOf(model, stage);
  // A stage's lists are kept: about twenty rules ask each stage, most for managers it never runs
  // (they get the shared empty list, and nothing is made for them).
  if (stage) {
    const present = managersIn(runs);
    let any = false;
    for (let i = 0; i < managers.length && !any; i++) any = present.has(managers[i]);
    if (!any) return NO_INVOCATIONS;
  }
  let out: Invocation[] | undefined;
  for (const run of runs) {
    for (const found of programsOf(run)) if (managers.includes(found.manager)) (out ??= []).push(found.invocation);
  }
  return out ?? NO_INVOCATIONS;
}

/**
 * No invocation: one list for every caller (read-only by its type). Not frozen: a loop over a frozen
 * array makes an iterator object, over a plain one not.
 */
const NO_INVOCATIONS: readonly Invocation[] = [];

const PROGRAMS = new WeakMap<RunInStage, { manager: string; invocation: Invocation }[]>();
const MANAGERS = new WeakMap<readonly RunInStage[], Set<string>>();

/** The package managers (programs) the runs' commands run, read once per list. */
function managersIn(runs: readonly RunInStage[]): Set<string> {
  let found = MANAGERS.get(runs);
  if (found) return found;
  found = new Set();
  for (const run of runs) for (const p of programsOf(run)) found.add(p.manager);
  MANAGERS.set(runs, found);
  return found;
}

/**
 * Every command of a RUN with the program it runs, read once per RUN: about twenty rules ask for
 * their package managers' invocations, and each used to read every command again.
 */
function programsOf(run: RunInStage): { manager: string; invocation: Invocation }[] {
  let found = PROGRAMS.get(run);
  if (found) return found;
  found = [];
  for (const cmd of run.commands) {
    let program = programOf(cmd);
    if (!program) continue;
    if (PYTHON.test(program.name) && program.args[0]?.value === '-m' && program.args[1] && PIP.test(program.args[1].value)) {
      const word = program.args[1];
      program = { ...program, name: 'pip', word, index: program.index + 2, args: program.args.slice(2) };
    }
    const manager = managerName(program.name);
    found.push({ manager, invocation: { run, cmd, program, sub: subcommand(manager, program.args), args: program.args } });
  }
  PROGRAMS.set(run, found);
  return found;
}

function subcommand(manager: string, args: ShellWord[]): ShellWord | undefined {
  // Every command's program is read (programsOf), so a name such as `constructor` must not find the prototype's.
  const withValue = Object.hasOwn(OPTIONS_WITH_VALUE, manager) ? OPTIONS_WITH_VALUE[manager] : undefined;
  for (let i = 0; i < args.length; i++) {
    const w = args[i].value;
    if (!w.startsWith('-')) return args[i];
    if (withValue?.test(w)) i++;
  }
  return undefined;
}

/** Where a finding about the invocation goes: from the program to its subcommand. */
function invocationSpan(v: Invocation) {
  return { start: v.program.word.start, end: (v.sub ?? v.program.word).end };
}

/** Inserting an option right after the subcommand, when the subcommand is written literally. */
function insertAfterSub(v: Invocation, text: string, title: string) {
  return v.sub && v.sub.literal ? [fix(title, [insert(v.sub.end, text)])] : undefined;
}

const APT = ['apt-get', 'apt', 'aptitude'];

/** `apt-get install -s`: a simulation installs and asks nothing. */
const SIMULATE = /^(?:-[a-zA-Z]*s[a-zA-Z]*|--simulate|--just-print|--dry-run|--recon|--no-act)$/;

function aptInstalls(model: DockerfileModel, managers: readonly string[], stage: Stage): readonly Invocation[] {
  const found = invocations(model, managers, false, stage);
  return found.length === 0 ? found : found.filter((v) => (v.sub?.value === 'install' || v.sub?.value === 'reinstall') && !v.args.some((a) => SIMULATE.test(a.value)));
}

/** How quiet apt is told to be: `-q -q`, `-qq`, `-q=2`, `--quiet --quiet` all count 2. */
export function aptQuietLevel(args: ShellWord[]): number {
  let level = 0;
  for (const a of args) {
    const w = a.value;
    const eq = /^(?:-q|--quiet)=(\d+)$/.exec(w);
    if (eq) level = Number(eq[1]);
    else if (w === '--quiet') level++;
    else if (/^-[a-zA-Z]+$/.test(w)) level += (w.match(/q/g) ?? []).length;
  }
  return level;
}

/** `-y`, `--yes`, `--assume-yes` (alone or in a cluster like `-qy`), or quiet level 2, which implies yes. */
export function assumesYes(args: ShellWord[]): boolean {
  if (args.some((a) => /^(?:-[a-zA-Z]*y[a-zA-Z]*|--yes|--assume-yes|--force-yes|-y=?(?:true|yes|1)?)$/.test(a.value))) return true;
  return aptQuietLevel(args) >= 2;
}

export const aptGetInstallNoConfirm: Rule = stageRule({
  code: 'AptGetInstallNoConfirm',
  defaultSeverity: 'warning',
  url: hadolintWiki('DL3014'),
  description: "'apt-get install' without '-y' waits for an answer no build can give",
  hadolint: ['DL3014'],
  checkStage(stage, { model }) {
    const found = aptInstalls(model, MANAGERS_APT_GET, stage);
    // Most stages run none of these: nothing more is made for them.
    if (found.length === 0) return NO_FINDINGS;
    return found
      .filter((v) => !assumesYes(v.args))
      .map((v) => finding(invocationSpan(v), `${v.program.name} install without -y: the build stops at the confirmation prompt`, insertAfterSub(v, ' -y', 'Add -y')));
  },
});

/** `APT::Install-Recommends "false"` (or 0/no) written in an option or a config file. */
const RECOMMENDS_OFF = /Install-Recommends\s*[= ]\s*["']?(?:false|0|no|off)\b/i;

const CONFIG_WRITERS = derivedKey<Map<number, number | undefined>>('recommendsOffWriters');
const newWriters = (): Map<number, number | undefined> => new Map();

/** Where the stage's first RUN that writes apt configuration turning recommends off starts (read once per model and stage). */
function recommendsOffWriter(model: DockerfileModel, stage: Stage): number | undefined {
  const writers = model.derived(CONFIG_WRITERS, newWriters);
  if (!writers.has(stage.index)) writers.set(stage.index, findRecommendsOffWriter(model, stage));
  return writers.get(stage.index);
}

function findRecommendsOffWriter(model: DockerfileModel, stage: Stage): number | undefined {
  for (const run of runsOf(model, stage)) {
    for (const cmd of run.commands) {
      const program = programOf(cmd)?.name;
      if (program && APT.includes(program)) continue;
      const writesConfig = cmd.redirects.some((r) => r.target?.value.includes('/etc/apt/apt.conf')) || cmd.args.some((a) => a.value.includes('/etc/apt/apt.conf'));
      if (writesConfig && cmd.words.some((w) => RECOMMENDS_OFF.test(w.value))) return run.ins.start;
    }
  }
  return undefined;
}

/** A RUN before `before` in the stage (or the stages it builds on) wrote apt configuration turning recommends off. */
function recommendsOffInConfig(model: DockerfileModel, stage: Stage, before: number): boolean {
  const own = recommendsOffWriter(model, stage);
  if (own !== undefined && own < before) return true;
  const base = baseOf(model.stages, stage);
  return !!base && stageValue<boolean>(model, base, 'recommendsOffInConfig', (s, inherited) => !!inherited || recommendsOffWriter(model, s) !== undefined);
}

export const aptNoInstallRecommends: Rule = stageRule({
  code: 'AptNoInstallRecommends',
  defaultSeverity: 'info',
  url: hadolintWiki('DL3015'),
  description: "'apt-get install' without '--no-install-recommends' pulls in packages nobody asked for",
  hadolint: ['DL3015'],
  checkStage(stage, { model }) {
    const found = aptInstalls(model, MANAGERS_APT_GET, stage);
    // Most stages run none of these: nothing more is made for them.
    if (found.length === 0) return NO_FINDINGS;
    return found
      .filter((v) => !v.args.some((w) => w.value === '--no-install-recommends' || RECOMMENDS_OFF.test(w.value)))
      .filter((v) => !recommendsOffInConfig(model, v.run.stage, v.run.ins.start))
      .map((v) => finding(invocationSpan(v), `${v.program.name} install without --no-install-recommends: recommended packages make the image bigger`, insertAfterSub(v, ' --no-install-recommends', 'Add --no-install-recommends')));
  },
});

/** A cache or tmpfs mount of the RUN holds `path` (the mount is the folder or one above it). */
function mounted(run: RunInStage, path: string): boolean {
  return mountTargets(run.ins).some((t) => {
    const target = t.replace(/\/+$/, '') || '/';
    return path === target || path.startsWith(target === '/' ? '/' : `${target}/`);
  });
}

const DOCKER_CLEAN = '/etc/apt/apt.conf.d/docker-clean';

/**
 * The Debian/Ubuntu images' apt hook that deletes downloaded .deb files after each install was
 * removed (`rm -f /etc/apt/apt.conf.d/docker-clean`, as Docker's cache-mount example does), in this
 * RUN or an earlier one of the stage or of the stages it is built on.
 */
function dockerCleanRemoved(model: DockerfileModel, run: RunInStage): boolean {
  for (let s: Stage | undefined = run.stage; s; s = baseOf(model.stages, s)) {
    for (const r of runsOf(model, s)) {
      if (s === run.stage && r.ins.start > run.ins.start) break;
      // An ONBUILD trigger runs in another build, not before this RUN.
      if (r.ins.inner && !run.ins.inner) continue;
      if (r.commands.some((c) => programOf(c)?.name === 'rm' && c.args.some((a) => a.value === DOCKER_CLEAN))) return true;
    }
  }
  return false;
}

/** `apt-get clean`, or `rm` of /var/cache/apt, in the RUN. */
function cleansAptArchives(run: RunInStage): boolean {
  return run.commands.some((c) => {
    const p = programOf(c);
    if (p && (p.name === 'apt-get' || p.name === 'apt') && p.args.some((a) => a.value === 'clean' || a.value === 'dist-clean')) return true;
    return p?.name === 'rm' && c.words.some((w) => w.value.startsWith('/var/cache/apt'));
  });
}

/** The RUN removes apt's package lists: `rm -rf /var/lib/apt/lists/*`, or `apt-get dist-clean`. */
function cleansAptLists(run: RunInStage): boolean {
  if (mounted(run, '/var/lib/apt/lists')) return true;
  return run.commands.some((c) => {
    const p = programOf(c);
    if (p && (p.name === 'apt-get' || p.name === 'apt') && p.args.some((a) => a.value === 'dist-clean')) return true;
    return c.words.some((w) => w.value.startsWith('/var/lib/apt/lists'));
  });
}

export const aptListsNotCleaned: Rule = stageRule({
  code: 'AptListsNotCleaned',
  defaultSeverity: 'info',
  url: hadolintWiki('DL3009'),
  description: 'apt package lists left in the final image (remove /var/lib/apt/lists/* in the same RUN)',
  hadolint: ['DL3009'],
  // Which stages ship depends on the last stage: a stage whose shipping changed is run again (ruleCache.ts).
  checkStage(stage, { model }) {
    let out: Finding[] | undefined;
    // Lists weigh on the image that ships: the final stage and the stages it is built FROM; builder stages are thrown away.
    if (!shippingStages(model).has(stage.index)) return out ?? NO_FINDINGS;
    const seen = new Set<number>();
    for (const v of aptInstalls(model, APT, stage)) {
      if (seen.has(v.run.ins.start)) continue;
      seen.add(v.run.ins.start);
      if (mounted(v.run, '/var/lib/apt/lists')) {
        // The lists are in the cache, but with docker-clean gone the .deb files stay unless /var/cache/apt is a mount too.
        if (!mounted(v.run, '/var/cache/apt/archives') && dockerCleanRemoved(model, v.run) && !cleansAptArchives(v.run)) {
          (out ??= []).push(finding(invocationSpan(v), 'downloaded .deb files stay in this layer: /etc/apt/apt.conf.d/docker-clean is removed and only the lists are a cache mount; mount a cache at /var/cache/apt too'));
        }
        continue;
      }
      if (cleansAptLists(v.run)) continue;
      const script = v.run.scripts[0];
      const fixes = v.run.scripts.length === 1 && script.origin === 'line' && !script.hasErrors ? [fix('Append && rm -rf /var/lib/apt/lists/*', [insert(script.codeEnd, ' \\\n    && rm -rf /var/lib/apt/lists/*')])] : undefined;
      (out ??= []).push(finding(invocationSpan(v), 'apt lists stay in this layer: add rm -rf /var/lib/apt/lists/* to the same RUN', fixes));
    }
    return out ?? NO_FINDINGS;
  },
});

const APT_GET_SUBCOMMANDS = ['install', 'update', 'upgrade', 'remove', 'purge', 'autoremove', 'dist-upgrade', 'clean', 'autoclean', 'build-dep', 'source', 'download', 'dist-clean'];

export const aptInsteadOfAptGet: Rule = stageRule({
  code: 'AptInsteadOfAptGet',
  defaultSeverity: 'warning',
  url: hadolintWiki('DL3027'),
  description: "'apt' is for people at a terminal; scripts should use 'apt-get' (stable interface)",
  hadolint: ['DL3027'],
  checkStage(stage, { model }) {
    const found = invocations(model, MANAGERS_APT, true, stage);
    // Most stages run none of these: nothing more is made for them.
    if (found.length === 0) return NO_FINDINGS;
    return found
      .filter((v) => v.sub !== undefined)
      .map((v) => {
        const fixes = APT_GET_SUBCOMMANDS.includes(v.sub!.value) && v.program.word.raw === 'apt' ? [fix('Use apt-get', [replace(v.program.word, 'apt-get')])] : undefined;
        return finding(v.program.word, "'apt' has no stable command-line interface: use apt-get in scripts", fixes);
      });
  },
});

export const apkAddNoCache: Rule = stageRule({
  code: 'ApkAddNoCache',
  defaultSeverity: 'info',
  url: hadolintWiki('DL3019'),
  description: "'apk add' without '--no-cache' keeps the package index in the image",
  hadolint: ['DL3019'],
  checkStage(stage, { model }) {
    const found = invocations(model, MANAGERS_APK, false, stage);
    if (found.length === 0) return NO_FINDINGS;
    return found
      // `--no-network` installs from what is already there: no index is downloaded.
      .filter((v) => v.sub?.value === 'add' && !v.args.some((w) => w.value === '--no-cache' || w.value === '--no-network'))
      .filter((v) => !mountTargets(v.run.ins).some((t) => t.includes('/var/cache/apk') || t.includes('/etc/apk/cache')))
      .filter((v) => !v.run.commands.some((c) => c.words.some((w) => w.value.startsWith('/var/cache/apk'))))
      .map((v) => finding(invocationSpan(v), 'apk add without --no-cache: the package index stays in the image', insertAfterSub(v, ' --no-cache', 'Add --no-cache')));
  },
});

/** Values pip accepts for a boolean option; every one of them, false included, turns the cache off (pip keeps that for backwards compatibility). */
const PIP_BOOLEAN = /^(?:y|yes|t|true|on|1|n|no|f|false|off|0)$/i;

/**
 * PIP_NO_CACHE_DIR set before `before` (ENV, or a build argument: RUN sees both in its environment),
 * in the stage or a stage it builds on: the variable scopes know.
 */
function pipCacheOffByEnv(model: DockerfileModel, run: RunInStage): boolean {
  const value = bindingBefore(model, run.stage, run.ins, 'PIP_NO_CACHE_DIR').value;
  return value !== undefined && PIP_BOOLEAN.test(value);
}

/** `PIP_NO_CACHE_DIR=1 pip ...`, `env PIP_NO_CACHE_DIR=1 pip ...`, or `export PIP_NO_CACHE_DIR=1` earlier in the RUN. */
function pipCacheOffInScript(v: Invocation): boolean {
  if (v.program.env.some((e) => e.name === 'PIP_NO_CACHE_DIR' && PIP_BOOLEAN.test(e.value))) return true;
  return v.run.commands.some((c) => c.start < v.cmd.start && c.kind === 'declaration' && c.name?.value === 'export' && c.env.some((e) => e.name === 'PIP_NO_CACHE_DIR' && PIP_BOOLEAN.test(e.value?.value ?? '')));
}

export const pipNoCacheDir: Rule = stageRule({
  code: 'PipNoCacheDir',
  defaultSeverity: 'info',
  url: hadolintWiki('DL3042'),
  description: "'pip install' without '--no-cache-dir' keeps downloaded wheels in the image",
  hadolint: ['DL3042'],
  checkStage(stage, { model }) {
    const found = invocations(model, MANAGERS_PIP, false, stage);
    // Most stages run none of these: nothing more is made for them.
    if (found.length === 0) return NO_FINDINGS;
    return found
      .filter((v) => v.sub?.value === 'install' && !v.args.some((w) => w.value === '--no-cache-dir' || w.value.startsWith('--no-cache-dir=')))
      .filter((v) => !pipCacheOffByEnv(model, v.run) && !pipCacheOffInScript(v))
      .filter((v) => !mountTargets(v.run.ins).some((t) => t.includes('.cache/pip') || t.includes('/pip')))
      .map((v) => finding(invocationSpan(v), 'pip install without --no-cache-dir: the download cache stays in the image', insertAfterSub(v, ' --no-cache-dir', 'Add --no-cache-dir')));
  },
});
