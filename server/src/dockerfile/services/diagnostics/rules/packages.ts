// Package manager habits that bloat images or hang builds: apt-get without -y or
// --no-install-recommends, apt lists left behind, `apt` in scripts, `apk add` without --no-cache,
// `pip install` without --no-cache-dir.
import type { Finding, Rule } from '../rule';
import type { DockerfileModel } from '../../../parser/model';
import { finding, fix, hadolintWiki, insert, replace } from './helpers';
import { programIndex, programName, type ShellWord, type SimpleCommand } from './shell';
import { isWindowsStage, mountTargets, runsOf, type RunInStage } from './runScripts';


interface Invocation {
  run: RunInStage;
  cmd: SimpleCommand;
  program: ShellWord;
  /** The subcommand word (`install`, `add`). */
  sub?: ShellWord;
  /** Words after the program. */
  args: ShellWord[];
}

function invocations(model: DockerfileModel, match: (name: string, words: ShellWord[], i: number) => number | undefined): Invocation[] {
  const out: Invocation[] = [];
  for (const run of runsOf(model)) {
    if (isWindowsStage(model, run.stage)) continue;
    for (const script of run.scripts) {
      for (const cmd of script.commands) {
        const i = programIndex(cmd.words);
        const name = programName(cmd.words);
        if (!name) continue;
        const progIdx = match(name, cmd.words, i);
        if (progIdx === undefined) continue;
        const args = cmd.words.slice(progIdx + 1);
        out.push({ run, cmd, program: cmd.words[progIdx], sub: args.find((w) => !w.value.startsWith('-')), args });
      }
    }
  }
  return out;
}


function aptGetInstalls(model: DockerfileModel): Invocation[] {
  return invocations(model, (name, _w, i) => (name === 'apt-get' ? i : undefined)).filter((v) => v.sub?.value === 'install');
}

const YES = /^(?:-[a-zA-Z]*y[a-zA-Z]*|--yes|--assume-yes|-qq|-q=2|--quiet=2|--force-yes)$/;

export const aptGetInstallNoConfirm: Rule = {
  code: 'AptGetInstallNoConfirm',
  defaultSeverity: 'warning',
  url: hadolintWiki('DL3014'),
  description: "'apt-get install' without '-y' waits for an answer no build can give",
  hadolint: ['DL3014'],
  check({ model }) {
    return aptGetInstalls(model)
      .filter((v) => !v.args.some((w) => YES.test(w.value)))
      .map((v) => finding({ start: v.program.start, end: v.sub!.end }, 'apt-get install without -y: the build stops at the confirmation prompt', [fix('Add -y', [insert(v.sub!.end, ' -y')])]));
  },
};

export const aptNoInstallRecommends: Rule = {
  code: 'AptNoInstallRecommends',
  defaultSeverity: 'info',
  url: hadolintWiki('DL3015'),
  description: "'apt-get install' without '--no-install-recommends' pulls in packages nobody asked for",
  hadolint: ['DL3015'],
  check({ model }) {
    const configured = new Set<number>();
    for (const run of runsOf(model)) if (/Install-Recommends/i.test(run.ins.original)) configured.add(run.stage.index);
    return aptGetInstalls(model)
      .filter((v) => !configured.has(v.run.stage.index) && !v.args.some((w) => w.value === '--no-install-recommends' || /Install-Recommends=(?:false|0)/i.test(w.value)))
      .map((v) => finding({ start: v.program.start, end: v.sub!.end }, 'apt-get install without --no-install-recommends: recommended packages make the image bigger', [fix('Add --no-install-recommends', [insert(v.sub!.end, ' --no-install-recommends')])]));
  },
};

export const aptListsNotCleaned: Rule = {
  code: 'AptListsNotCleaned',
  defaultSeverity: 'info',
  url: hadolintWiki('DL3009'),
  description: 'apt package lists left in the final image (remove /var/lib/apt/lists/* in the same RUN)',
  hadolint: ['DL3009'],
  check({ model }) {
    const out: Finding[] = [];
    const last = model.stages[model.stages.length - 1];
    const seen = new Set<number>();
    for (const v of aptGetInstalls(model)) {
      // Lists only weigh on the image that ships: builder stages are thrown away.
      if (v.run.stage !== last || seen.has(v.run.ins.start)) continue;
      seen.add(v.run.ins.start);
      if (mountTargets(v.run.ins).some((t) => t.startsWith('/var/lib/apt'))) continue;
      const words = v.run.scripts.flatMap((s) => s.commands.flatMap((c) => c.words.map((w) => w.value)));
      if (words.some((w) => w.startsWith('/var/lib/apt/lists'))) continue;
      const script = v.run.scripts[0];
      const fixes = v.run.scripts.length === 1 && script.inline ? [fix('Append && rm -rf /var/lib/apt/lists/*', [insert(script.end, ' \\\n    && rm -rf /var/lib/apt/lists/*')])] : undefined;
      out.push(finding({ start: v.program.start, end: v.sub!.end }, 'apt lists stay in this layer: add rm -rf /var/lib/apt/lists/* to the same RUN', fixes));
    }
    return out;
  },
};

const APT_GET_SUBCOMMANDS = ['install', 'update', 'upgrade', 'remove', 'purge', 'autoremove', 'dist-upgrade', 'clean', 'autoclean', 'build-dep', 'source', 'download'];

export const aptInsteadOfAptGet: Rule = {
  code: 'AptInsteadOfAptGet',
  defaultSeverity: 'warning',
  url: hadolintWiki('DL3027'),
  description: "'apt' is for people at a terminal; scripts should use 'apt-get' (stable interface)",
  hadolint: ['DL3027'],
  check({ model }) {
    return invocations(model, (name, _w, i) => (name === 'apt' ? i : undefined))
      .filter((v) => v.sub !== undefined)
      .map((v) => {
        const fixes = APT_GET_SUBCOMMANDS.includes(v.sub!.value) && model.ast.text.slice(v.program.start, v.program.end) === 'apt' ? [fix('Use apt-get', [replace(v.program, 'apt-get')])] : undefined;
        return finding(v.program, "'apt' has no stable command-line interface: use apt-get in scripts", fixes);
      });
  },
};

export const apkAddNoCache: Rule = {
  code: 'ApkAddNoCache',
  defaultSeverity: 'info',
  url: hadolintWiki('DL3019'),
  description: "'apk add' without '--no-cache' keeps the package index in the image",
  hadolint: ['DL3019'],
  check({ model }) {
    return invocations(model, (name, _w, i) => (name === 'apk' ? i : undefined))
      .filter((v) => v.sub?.value === 'add' && !v.args.some((w) => w.value === '--no-cache'))
      .filter((v) => !mountTargets(v.run.ins).some((t) => t.includes('/var/cache/apk') || t.includes('/etc/apk/cache')))
      .filter((v) => !v.run.scripts.some((s) => s.commands.some((c) => c.words.some((w) => w.value.startsWith('/var/cache/apk')))))
      .map((v) => finding({ start: v.program.start, end: v.sub!.end }, 'apk add without --no-cache: the package index stays in the image', [fix('Add --no-cache', [insert(v.sub!.end, ' --no-cache')])]));
  },
};

const PIP = /^pip(?:3(?:\.\d+)?)?$/;
const PYTHON = /^python(?:3(?:\.\d+)?)?$/;

export const pipNoCacheDir: Rule = {
  code: 'PipNoCacheDir',
  defaultSeverity: 'info',
  url: hadolintWiki('DL3042'),
  description: "'pip install' without '--no-cache-dir' keeps downloaded wheels in the image",
  hadolint: ['DL3042'],
  check({ model }) {
    const noCacheEnv = new Set<number>();
    for (const stage of model.stages) {
      if (stage.instructions.some((i) => i.keyword === 'ENV' && i.keyValues.some((kv) => kv.key.value === 'PIP_NO_CACHE_DIR'))) noCacheEnv.add(stage.index);
    }
    return invocations(model, (name, words, i) => {
      if (PIP.test(name)) return i;
      if (PYTHON.test(name) && words[i + 1]?.value === '-m' && words[i + 2] && PIP.test(words[i + 2].value)) return i + 2;
      return undefined;
    })
      .filter((v) => v.sub?.value === 'install' && !v.args.some((w) => w.value === '--no-cache-dir' || w.value.startsWith('--no-cache-dir=')))
      .filter((v) => !noCacheEnv.has(v.run.stage.index) && !mountTargets(v.run.ins).some((t) => t.includes('.cache/pip') || t.includes('/pip')))
      .map((v) => finding({ start: v.program.start, end: v.sub!.end }, 'pip install without --no-cache-dir: the download cache stays in the image', [fix('Add --no-cache-dir', [insert(v.sub!.end, ' --no-cache-dir')])]));
  },
};
