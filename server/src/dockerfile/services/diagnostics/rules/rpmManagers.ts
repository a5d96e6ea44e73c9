// yum, dnf (and microdnf), zypper and yarn habits: an install that waits for a "y" (hadolint DL3030,
// DL3038, DL3034) and a package cache left in the layer (DL3032, DL3040, DL3036, DL3060).
import { stageRule, type Finding, type Rule } from '../rule';
import type { DockerfileModel, Stage } from '../../../parser/model';
import { programOf } from '../../../shell';
import { finding, fix, hadolintWiki, insert, NO_FINDINGS } from './helpers';
import { invocations, type Invocation } from './packages';
import { mountTargets, type RunInStage } from './runScripts';

/** The package managers each rule asks about (one list each, not one per call). */
const MANAGERS_DNF_MICRODNF: readonly string[] = ['dnf', 'microdnf'];
const MANAGERS_YARN: readonly string[] = ['yarn'];
const MANAGERS_YUM: readonly string[] = ['yum'];
const MANAGERS_ZYPPER: readonly string[] = ['zypper'];

/** `-y`, `--assumeyes`, `--yes`, or a short-option cluster with y (`-qy`). */
function saysYes(v: Invocation, extra: RegExp = /^$/): boolean {
  return v.args.some((a) => /^(?:-[a-zA-Z]*y[a-zA-Z]*|--assumeyes|--yes)$/.test(a.value) || extra.test(a.value));
}

function insertYes(v: Invocation) {
  return v.sub && v.sub.literal ? [fix('Add -y', [insert(v.sub.end, ' -y')])] : undefined;
}

function span(v: Invocation) {
  return { start: v.program.word.start, end: (v.sub ?? v.program.word).end };
}

const YUM_INSTALLS = new Set(['install', 'groupinstall', 'localinstall', 'reinstall']);
const DNF_INSTALLS = new Set(['install', 'groupinstall', 'localinstall', 'reinstall', 'in']);
const ZYPPER_INSTALLS = new Set(['install', 'in', 'source-install', 'si', 'patch', 'update', 'up', 'dist-upgrade', 'dup', 'remove', 'rm']);

function installs(v: Invocation, names: Set<string>): boolean {
  return v.sub !== undefined && names.has(v.sub.value);
}

export const yumInstallNoConfirm: Rule = stageRule({
  code: 'YumInstallNoConfirm',
  defaultSeverity: 'warning',
  url: hadolintWiki('DL3030'),
  description: "'yum install' without '-y': with no terminal to answer, the install is aborted",
  hadolint: ['DL3030'],
  checkStage(stage, { model }) {
    const found = invocations(model, MANAGERS_YUM, false, stage);
    // Most stages run none of these: nothing more is made for them.
    if (found.length === 0) return NO_FINDINGS;
    return found
      .filter((v) => installs(v, YUM_INSTALLS) && !saysYes(v))
      .map((v) => finding(span(v), `yum ${v.sub!.value} without -y: the build has no terminal to confirm the transaction`, insertYes(v)));
  },
});

export const dnfInstallNoConfirm: Rule = stageRule({
  code: 'DnfInstallNoConfirm',
  defaultSeverity: 'warning',
  url: hadolintWiki('DL3038'),
  description: "'dnf install' without '-y': with no terminal to answer, the install is aborted",
  hadolint: ['DL3038'],
  checkStage(stage, { model }) {
    // microdnf assumes yes only while its configuration says so (assumeyes, on by default since 2020);
    // UBI 9 and Oracle Linux 9 builds have been seen stopping at its prompt. `-y` is accepted everywhere.
    const found = invocations(model, MANAGERS_DNF_MICRODNF, false, stage);
    // Most stages run none of these: nothing more is made for them.
    if (found.length === 0) return NO_FINDINGS;
    return found
      .filter((v) => installs(v, DNF_INSTALLS) && !saysYes(v))
      .map((v) => finding(span(v), `${v.program.name} ${v.sub!.value} without -y: the build has no terminal to confirm the transaction`, insertYes(v)));
  },
});

export const zypperInstallNoConfirm: Rule = stageRule({
  code: 'ZypperInstallNoConfirm',
  defaultSeverity: 'warning',
  url: hadolintWiki('DL3034'),
  description: "'zypper install' without '-y' or '--non-interactive': the build stops at the prompt",
  hadolint: ['DL3034'],
  checkStage(stage, { model }) {
    const found = invocations(model, MANAGERS_ZYPPER, false, stage);
    // Most stages run none of these: nothing more is made for them.
    if (found.length === 0) return NO_FINDINGS;
    return found
      .filter((v) => installs(v, ZYPPER_INSTALLS) && !saysYes(v, /^(?:-n|--non-interactive|--no-confirm)$/))
      .map((v) => finding(span(v), `zypper ${v.sub!.value} without -y (or --non-interactive): the build stops at the prompt`, insertYes(v)));
  },
});

interface CacheRule {
  managers: string[];
  installs: Set<string>;
  /** The RUN cleans after `after`: a subcommand (`clean all`) of one of `cleaners`, or `rm` of the cache folder. */
  cleaned: (run: RunInStage, after: number) => boolean;
  cache: RegExp;
  append: string;
}

/** A clean command after `after` (a clean before the install leaves the install's cache). */
function cleansWith(run: RunInStage, cleaners: string[], sub: RegExp, after: number): boolean {
  return run.commands.some((c) => {
    if (c.start <= after) return false;
    const p = programOf(c);
    if (!p || !cleaners.includes(p.name)) return false;
    const words = p.args.filter((a) => !a.value.startsWith('-')).map((a) => a.value);
    return sub.test(words.join(' '));
  });
}

function removes(run: RunInStage, cache: RegExp, after: number): boolean {
  return run.commands.some((c) => c.start > after && programOf(c)?.name === 'rm' && c.args.some((a) => cache.test(a.value)));
}

/** The RUNs with an install that leave the cache: one finding per RUN, on its first install. */
function cacheLeft(model: DockerfileModel, stage: Stage, rule: CacheRule, message: (v: Invocation) => string, title: string): Finding[] {
  const found = invocations(model, rule.managers, false, stage);
  if (found.length === 0) return NO_FINDINGS;
  let out: Finding[] | undefined;
  const seen = new Set<number>();
  const all = found.filter((v) => installs(v, rule.installs));
  for (const v of all) {
    if (seen.has(v.run.ins.start)) continue;
    seen.add(v.run.ins.start);
    // The clean has to come after the RUN's last install.
    const last = Math.max(...all.filter((w) => w.run === v.run).map((w) => w.cmd.start));
    if (rule.cleaned(v.run, last) || removes(v.run, rule.cache, last) || mountTargets(v.run.ins).some((t) => rule.cache.test(t))) continue;
    const script = v.run.scripts[0];
    const fixes = v.run.scripts.length === 1 && script.origin === 'line' && !script.hasErrors ? [fix(title, [insert(script.codeEnd, ` \\\n    && ${rule.append}`)])] : undefined;
    (out ??= []).push(finding(span(v), message(v), fixes));
  }
  return out ?? NO_FINDINGS;
}

const YUM_CACHE: CacheRule = {
  managers: ['yum'],
  installs: YUM_INSTALLS,
  cleaned: (run, after) => cleansWith(run, ['yum'], /^clean all\b/, after),
  cache: /^\/var\/cache\/yum(?:\/|$)/,
  append: 'yum clean all',
};

export const yumCacheNotCleaned: Rule = stageRule({
  code: 'YumCacheNotCleaned',
  defaultSeverity: 'info',
  url: hadolintWiki('DL3032'),
  description: "'yum install' without 'yum clean all' in the same RUN: the package cache stays in the layer",
  hadolint: ['DL3032'],
  checkStage(stage, { model }) {
    return cacheLeft(model, stage, YUM_CACHE, () => 'yum cache stays in this layer: add yum clean all to the same RUN', 'Append && yum clean all');
  },
});

const DNF_CACHE: CacheRule = {
  managers: ['dnf', 'microdnf'],
  // An upgrade downloads packages into the same cache.
  installs: new Set([...DNF_INSTALLS, 'rei', 'upgrade', 'up', 'upgrade-minimal', 'up-min', 'update', 'distro-sync', 'dsync']),
  cleaned: (run, after) => cleansWith(run, ['dnf', 'microdnf'], /^clean all\b/, after),
  // dnf5 keeps its cache in /var/cache/libdnf5.
  cache: /^\/var\/cache\/(?:dnf|yum|libdnf5)(?:\/|$)/,
  append: 'dnf clean all',
};

export const dnfCacheNotCleaned: Rule = stageRule({
  code: 'DnfCacheNotCleaned',
  defaultSeverity: 'info',
  url: hadolintWiki('DL3040'),
  description: "'dnf install' without 'dnf clean all' in the same RUN: the package cache stays in the layer",
  hadolint: ['DL3040'],
  checkStage(stage, { model }) {
    return cacheLeft(
      model,
      stage,
      DNF_CACHE,
      (v) => `${v.program.name} cache stays in this layer: add ${v.program.name} clean all to the same RUN`,
      'Append && dnf clean all',
    ).map((f) => {
      // microdnf cleans with its own command.
      const isMicro = /^microdnf/.test(model.ast.source.slice(f.span.start, f.span.end));
      return isMicro && f.fixes ? { ...f, fixes: [fix('Append && microdnf clean all', [{ ...f.fixes[0].edits[0], newText: ' \\\n    && microdnf clean all' }])] } : f;
    });
  },
});

const ZYPPER_CACHE: CacheRule = {
  managers: ['zypper'],
  installs: new Set(['install', 'in', 'source-install', 'si', 'patch', 'update', 'up', 'dist-upgrade', 'dup']),
  cleaned: (run, after) => cleansWith(run, ['zypper'], /^(?:clean|cc)\b/, after),
  cache: /^\/var\/cache\/zypp(?:\/|$)/,
  append: 'zypper clean --all',
};

export const zypperCacheNotCleaned: Rule = stageRule({
  code: 'ZypperCacheNotCleaned',
  defaultSeverity: 'info',
  url: hadolintWiki('DL3036'),
  description: "'zypper install' without 'zypper clean' in the same RUN: the package cache stays in the layer",
  hadolint: ['DL3036'],
  checkStage(stage, { model }) {
    return cacheLeft(model, stage, ZYPPER_CACHE, () => 'zypper cache stays in this layer: add zypper clean --all to the same RUN', 'Append && zypper clean --all');
  },
});

export const yarnCacheNotCleaned: Rule = stageRule({
  code: 'YarnCacheNotCleaned',
  defaultSeverity: 'info',
  url: hadolintWiki('DL3060'),
  description: "'yarn install' without 'yarn cache clean' in the same RUN: the download cache stays in the layer",
  hadolint: ['DL3060'],
  checkStage(stage, { model }) {
    const found = invocations(model, MANAGERS_YARN, false, stage);
    if (found.length === 0) return NO_FINDINGS;
    let out: Finding[] | undefined;
    const seen = new Set<number>();
    for (const v of found) {
      // `yarn` alone installs too.
      const sub = v.sub?.value ?? 'install';
      if (sub !== 'install' || seen.has(v.run.ins.start)) continue;
      seen.add(v.run.ins.start);
      if (cleansWith(v.run, ['yarn'], /^cache clean\b/, v.cmd.start)) continue;
      if (mountTargets(v.run.ins).some((t) => /yarn/.test(t))) continue;
      if (v.run.commands.some((c) => c.start > v.cmd.start && programOf(c)?.name === 'rm' && c.args.some((a) => /yarn/.test(a.value)))) continue;
      const script = v.run.scripts[0];
      const fixes = v.run.scripts.length === 1 && script.origin === 'line' && !script.hasErrors ? [fix('Append && yarn cache clean', [insert(script.codeEnd, ' \\\n    && yarn cache clean')])] : undefined;
      (out ??= []).push(finding(span(v), 'yarn cache stays in this layer: add yarn cache clean to the same RUN (or use a cache mount)', fixes));
    }
    return out ?? NO_FINDINGS;
  },
});
