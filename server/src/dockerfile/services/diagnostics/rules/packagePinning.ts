// Unpinned packages (hadolint DL3008, DL3018, DL3013): `apt-get install curl` installs whatever the
// index holds on the day of the build. Info by default: pinning is a policy (it also means updating
// the pins), and these rules fire on most real Dockerfiles. No fix: we cannot know the version.
import { stageRule, type Finding, type Rule } from '../rule';
import type { ShellWord } from '../../../shell';
import { finding, hadolintWiki, NO_FINDINGS } from './helpers';
import { invocations, type Invocation } from './packages';

/** The package managers each rule asks about (one list each, not one per call). */
const MANAGERS_APK: readonly string[] = ['apk'];
const MANAGERS_APT_GET_APT: readonly string[] = ['apt-get', 'apt'];
const MANAGERS_DNF_YUM_MICRODNF_ZYPPER: readonly string[] = ['dnf', 'yum', 'microdnf', 'zypper'];
const MANAGERS_GEM: readonly string[] = ['gem'];
const MANAGERS_GO: readonly string[] = ['go'];
const MANAGERS_NPM: readonly string[] = ['npm'];
const MANAGERS_PIP_PIPX: readonly string[] = ['pip', 'pipx'];

/** Options of `apt-get install`/`apk add`/`pip install` that take the next word as their value. */
const VALUE_OPTIONS: Record<string, RegExp> = {
  apt: /^(?:-o|-c|-t|--option|--config-file|--target-release|--default-release)$/,
  apk: /^(?:-X|--repository|-p|--root|--arch|--cache-dir|--repositories-file|--keys-dir|-t|--virtual)$/,
  pip: /^(?:-r|--requirement|-c|--constraint|-e|--editable|-t|--target|-i|--index-url|--extra-index-url|-f|--find-links|--prefix|--root|--src|--python|--log|--proxy|--retries|--timeout|--cache-dir|--platform|--python-version|--implementation|--abi|--upgrade-strategy|--progress-bar|--trusted-host|--cert|--client-cert|--exists-action|--root-user-action|--only-binary|--no-binary|--global-option|--config-settings|-C|--report)$/,
  pipx: /^(?:--suffix|--python|--preinstall|--index-url|--pip-args|--spec)$/,
  rpm: /^(?:-c|--config|-d|--debuglevel|-e|--errorlevel|--installroot|--enablerepo|--disablerepo|-x|--exclude|--releasever|--setopt|--repo|--repofrompath)$/,
  zypper: /^(?:-c|--config|-R|--root|-r|--repo|--from|-t|--type|--download)$/,
  go: /^--?(?:C|p|asmflags|buildmode|compiler|gccgoflags|gcflags|installsuffix|ldflags|mod|modfile|overlay|pgo|pkgdir|tags|toolexec|o|exec)$/,
  gem: /^(?:-v|--version|-i|--install-dir|-n|--bindir|-s|--source|-p|--http-proxy|--platform|-g|--file|--build-root|-P|--trust-policy|--target-rbconfig)$/,
  npm: /^(?:--loglevel|--registry|--prefix|--cache|--userconfig|--globalconfig|-w|--workspace|--omit|--include|--install-strategy|--tag|--before|--otp|--location|-C)$/,
};

/** The package operands after the subcommand: words that are not options or option values. */
function operands(v: Invocation, kind: keyof typeof VALUE_OPTIONS): ShellWord[] {
  const out: ShellWord[] = [];
  const args = v.args;
  let i = v.sub ? args.indexOf(v.sub) + 1 : args.length;
  for (; i < args.length; i++) {
    const w = args[i].value;
    if (w === '--') continue;
    if (w.startsWith('-')) {
      if (VALUE_OPTIONS[kind].test(w)) i++;
      continue;
    }
    out.push(args[i]);
  }
  return out;
}

/** A word we cannot judge: built from variables or substitutions, or a glob. */
function opaque(w: ShellWord): boolean {
  return !w.literal;
}

function unpinned(words: ShellWord[], pinned: (w: string) => boolean): ShellWord[] {
  return words.filter((w) => !opaque(w) && !pinned(w.value));
}

/**
 * One finding per install command (as hadolint reports one per RUN), on the command and its
 * subcommand, naming the packages: a finding per package made thousands on the corpus.
 */
function report(v: Invocation, words: ShellWord[], example: string, verb?: ShellWord): Finding {
  const names = words.map((w) => w.value);
  const shown = names.length <= 3 ? names.join(', ') : `${names.slice(0, 3).join(', ')} and ${names.length - 3} more`;
  // `verb`: the word after a subcommand that names the action (`dnf module install`).
  const what = [v.program.name, v.sub?.value, verb?.value].filter((w) => w !== undefined).join(' ');
  return finding(
    { start: v.program.word.start, end: (verb ?? v.sub ?? v.program.word).end },
    `${what} of packages without a version (${shown}): pin them (${example}) so that every build installs the same ones`,
  );
}

/** apt: `curl=7.88.1-10`, a local `.deb`, or a path (`./pkg.deb`, `/tmp/x`). */
const aptPinned = (w: string) => w.includes('=') || w.endsWith('.deb') || w.includes('/');

export const aptPackageUnpinned: Rule = stageRule({
  code: 'AptPackageUnpinned',
  defaultSeverity: 'info',
  url: hadolintWiki('DL3008'),
  description: "'apt-get install' of packages without a version ('curl=7.88.1-10'): the build installs whatever is current",
  hadolint: ['DL3008'],
  checkStage(stage, { model }) {
    let out: Finding[] | undefined;
    for (const v of invocations(model, MANAGERS_APT_GET_APT, false, stage)) {
      if (v.sub?.value !== 'install') continue;
      const words = unpinned(operands(v, 'apt'), aptPinned);
      if (words.length > 0) (out ??= []).push(report(v, words, `${words[0].value}=<version>`));
    }
    return out ?? NO_FINDINGS;
  },
});

/** apk: `curl=8.5.0-r0`, `curl~8.5`, `curl>8`, a local `.apk` file. */
const apkPinned = (w: string) => /[=~<>]/.test(w) || w.endsWith('.apk') || w.includes('/');

export const apkPackageUnpinned: Rule = stageRule({
  code: 'ApkPackageUnpinned',
  defaultSeverity: 'info',
  url: hadolintWiki('DL3018'),
  description: "'apk add' of packages without a version ('curl=8.5.0-r0'): the build installs whatever is current",
  hadolint: ['DL3018'],
  checkStage(stage, { model }) {
    let out: Finding[] | undefined;
    for (const v of invocations(model, MANAGERS_APK, false, stage)) {
      if (v.sub?.value !== 'add') continue;
      const words = unpinned(operands(v, 'apk'), apkPinned);
      if (words.length > 0) (out ??= []).push(report(v, words, `${words[0].value}=<version>`));
    }
    return out ?? NO_FINDINGS;
  },
});

/**
 * pip: a version specifier (`==`, `>=`, `~=`, `<`...), a direct reference (`pkg @ url`), or not a
 * package name at all: a path, an archive or wheel, a URL, a VCS reference.
 */
const pipPinned = (w: string) => {
  // `git+https://host/repo.git#egg=x` installs the branch head; `repo.git@v1.2` names a revision.
  if (/^(?:git|hg|svn|bzr)\+/i.test(w)) return /@[^/]*$/.test(w.replace(/#.*$/, '').slice(w.lastIndexOf('/') + 1));
  return /[=<>!~@]/.test(w) || /^[./~]|\/|\.(?:whl|zip|tar\.gz|tgz|tar\.bz2)$/i.test(w) || /^[a-z+]+:/i.test(w);
};
/** `pip install -U pip setuptools wheel`: upgrading the installer itself, not an application dependency. */
const INSTALLER = new Set(['pip', 'setuptools', 'wheel']);

export const pipPackageUnpinned: Rule = stageRule({
  code: 'PipPackageUnpinned',
  defaultSeverity: 'info',
  url: hadolintWiki('DL3013'),
  description: "'pip install' of packages without a version ('requests==2.32.3'): the build installs whatever is current",
  hadolint: ['DL3013'],
  checkStage(stage, { model }) {
    let out: Finding[] | undefined;
    // `pipx install black` puts the newest black in its own environment: the same pinning applies.
    for (const v of invocations(model, MANAGERS_PIP_PIPX, false, stage)) {
      // A constraints file pins what the command line names.
      if (v.sub?.value !== 'install' || v.args.some((a) => /^(?:-c|--constraint)(?:=|$)/.test(a.value))) continue;
      const upgrade = v.args.some((a) => a.value === '-U' || a.value === '--upgrade');
      const words = unpinned(operands(v, v.program.name === 'pipx' ? 'pipx' : 'pip'), pipPinned).filter((w) => !(upgrade && INSTALLER.has(w.value.replace(/\[.*$/, '').toLowerCase())));
      const first = words[0]?.value ?? '';
      if (words.length > 0) (out ??= []).push(report(v, words, /^(?:git|hg|svn|bzr)\+/i.test(first) ? `${first.replace(/#.*$/, '')}@<revision>` : `${first}==<version>`));
    }
    return out ?? NO_FINDINGS;
  },
});

/** `npm install` and the spellings npm accepts for it. */
const NPM_INSTALL = new Set(['install', 'i', 'in', 'ins', 'inst', 'insta', 'instal', 'isnt', 'isnta', 'isntal', 'isntall', 'add']);

/**
 * npm: `express@4.21.2` or a range (`@^4`, `@">=1 <2"`); a git source with a `#commit-ish`; a
 * tarball, a folder or a URL. A dist-tag (`@latest`, `@next`) or `@*` moves like no version.
 */
const npmPinned = (w: string) => {
  if (/^(?:git(?:\+[a-z]+)?|github|gitlab|bitbucket|gist):/i.test(w)) return w.includes('#');
  if (/^(?:https?|file):/i.test(w) || /^[./~]/.test(w) || /\.(?:tgz|tar|tar\.gz)$/i.test(w)) return true;
  const at = w.lastIndexOf('@');
  if (at <= 0) return !w.startsWith('@') && w.includes('/') ? w.includes('#') : false; // `user/repo` is a GitHub source
  return /^[v=^~<>\d]/.test(w.slice(at + 1));
};

export const npmPackageUnpinned: Rule = stageRule({
  code: 'NpmPackageUnpinned',
  defaultSeverity: 'info',
  url: hadolintWiki('DL3016'),
  description: "'npm install' of packages without a version ('express@4.21.2'): the build installs whatever is current",
  hadolint: ['DL3016'],
  checkStage(stage, { model }) {
    let out: Finding[] | undefined;
    for (const v of invocations(model, MANAGERS_NPM, false, stage)) {
      if (!v.sub || !NPM_INSTALL.has(v.sub.value)) continue;
      // `npm install -g npm@latest` updates the installer itself, as `pip install -U pip` does.
      const words = unpinned(operands(v, 'npm'), npmPinned).filter((w) => !/^npm(?:@|$)/.test(w.value));
      if (words.length === 0) continue;
      const first = words[0].value;
      const example = /^(?:git|github|gitlab|bitbucket|gist)[+:]|^[^@][^/]*\//i.test(first) ? `${first}#<commit>` : `${first.replace(/(.)@[^@]*$/, '$1')}@<version>`;
      (out ??= []).push(report(v, words, example));
    }
    return out ?? NO_FINDINGS;
  },
});

/** gem: `bundler:2.5.6` (gem's own `name:version` spelling), a local `.gem` file or a path. */
const gemPinned = (w: string) => w.includes(':') || /\.gem$/i.test(w) || w.includes('/');

export const gemPackageUnpinned: Rule = stageRule({
  code: 'GemPackageUnpinned',
  defaultSeverity: 'info',
  url: hadolintWiki('DL3028'),
  description: "'gem install' of gems without a version ('bundler:2.5.6'): the build installs whatever is current",
  hadolint: ['DL3028'],
  checkStage(stage, { model }) {
    let out: Finding[] | undefined;
    for (const v of invocations(model, MANAGERS_GEM, false, stage)) {
      if (v.sub?.value !== 'install' && v.sub?.value !== 'i') continue;
      // `-v 2.5.6` pins the one gem gem accepts it with; after `--` come the gem's build options.
      const end = v.args.findIndex((a) => a.value === '--');
      const args = end < 0 ? v.args : v.args.slice(0, end);
      if (args.some((a) => /^(?:-v|--version)(?:=|$)/.test(a.value))) continue;
      const words = unpinned(operands({ ...v, args }, 'gem'), gemPinned);
      if (words.length > 0) (out ??= []).push(report(v, words, `${words[0].value}:<version>`));
    }
    return out ?? NO_FINDINGS;
  },
});

/** A Go module version that does not move: `v1.2.3` (pseudo-versions too) or a commit hash. */
const goPinnedVersion = (v: string) => /^v\d/.test(v) || /^[0-9a-f]{7,40}$/.test(v);

export const goPackageUnpinned: Rule = stageRule({
  code: 'GoPackageUnpinned',
  defaultSeverity: 'info',
  url: hadolintWiki('DL3062'),
  description: "'go install pkg@latest' or 'go get pkg' without a version: the build installs whatever is current",
  hadolint: ['DL3062'],
  checkStage(stage, { model }) {
    let out: Finding[] | undefined;
    for (const v of invocations(model, MANAGERS_GO, false, stage)) {
      const sub = v.sub?.value;
      if (sub !== 'install' && sub !== 'get' && sub !== 'run') continue;
      // `go run pkg args…`: only the first operand is a package.
      const all = operands(v, 'go');
      const words = (sub === 'run' ? all.slice(0, 1) : all).filter((w) => {
        if (opaque(w) || /^[./~]/.test(w.value) || w.value.includes('...')) return false;
        const at = w.value.lastIndexOf('@');
        // Without a version, install and run take the one the module's go.mod requires (and fail
        // outside a module); get takes the newest.
        if (at < 0) return sub === 'get';
        return !goPinnedVersion(w.value.slice(at + 1));
      });
      if (words.length > 0) (out ??= []).push(report(v, words, `${words[0].value.replace(/@.*$/, '')}@<version>`));
    }
    return out ?? NO_FINDINGS;
  },
});

/**
 * dnf/yum/microdnf: `name-version[-release]` (the last `-` part starts with a digit:
 * `gcc-c++-1.1.1`, `openssl-1:1.1.1k`; `java-17-openjdk` is a name), an `.rpm` file, a path or URL.
 */
const rpmPinned = (w: string) => /-\d[^-]*$/.test(w) || /\.rpm$/i.test(w) || w.includes('/') || w.startsWith('@');
/** zypper: `tomcat=9.0.39`, `tomcat>=9.0` (a range is the pin zypper offers), an `.rpm` file, a path. */
const zypperPinned = (w: string) => /[=<>]/.test(w) || /\.rpm$/i.test(w) || w.includes('/');

export const rpmPackageUnpinned: Rule = stageRule({
  code: 'RpmPackageUnpinned',
  defaultSeverity: 'info',
  url: hadolintWiki('DL3041'),
  description: "'dnf install', 'yum install' or 'zypper install' of packages without a version ('tomcat-9.0.1'): the build installs whatever is current",
  hadolint: ['DL3041', 'DL3033', 'DL3037'],
  checkStage(stage, { model }) {
    let out: Finding[] | undefined;
    for (const v of invocations(model, MANAGERS_DNF_YUM_MICRODNF_ZYPPER, false, stage)) {
      const zypper = v.program.name === 'zypper';
      const sub = v.sub?.value;
      if (zypper) {
        // `zypper in -t pattern devel_basis` installs a pattern, not packages.
        if ((sub !== 'install' && sub !== 'in') || v.args.some((a) => /^(?:-t|--type)(?:=|$)/.test(a.value))) continue;
        const words = unpinned(operands(v, 'zypper'), zypperPinned);
        if (words.length > 0) (out ??= []).push(report(v, words, `${words[0].value}=<version>`));
        continue;
      }
      const all = operands(v, 'rpm');
      // `dnf module install tomcat:9`: a module is pinned by its stream.
      if (sub === 'module' && all[0]?.value === 'install') {
        const words = unpinned(all.slice(1), (w) => w.includes(':') || w.startsWith('@'));
        if (words.length > 0) (out ??= []).push(report(v, words, `${words[0].value}:<stream>`, all[0]));
        continue;
      }
      if (sub !== 'install' && sub !== 'in') continue;
      const words = unpinned(all, rpmPinned);
      if (words.length > 0) (out ??= []).push(report(v, words, `${words[0].value}-<version>`));
    }
    return out ?? NO_FINDINGS;
  },
});
