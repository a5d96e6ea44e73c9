// The two findings about package managers whose fix is a merge: `apt-get update` alone in its RUN
// (the cached layer keeps stale lists for the installs after it), and a RUN that only removes what
// an earlier RUN of the stage created (the files stay in that earlier layer).
import type { Instruction } from '../../parser/ast';
import type { DockerfileModel, Stage } from '../../parser/model';
import { commandText, type ShellScript } from '../../shell';
import { shellOf } from '../instructionShell';
import { shellAt } from './shellInEffect';
import { offer, type MergeOffer } from './offers';

function posixCommands(model: DockerfileModel, run: Instruction): string[] | undefined {
  const stage = model.stageAt(run.start);
  if (!stage || run.keyword !== 'RUN' || run.form !== 'shell' || run.heredocs.length > 0) return undefined;
  if (shellAt(model, stage, run).kind !== 'posix') return undefined;
  return simpleCommandList(shellOf(model, run).scripts[0]);
}

/**
 * The commands of a script that is a plain list of simple commands (`a && b; c`), as text; undefined
 * when it has anything else (if/for/case, groups, substitutions) or did not parse: the findings
 * built on it (apt-get update alone, cleanup in a separate RUN) are only sure about plain lists.
 */
function simpleCommandList(script: ShellScript | undefined): string[] | undefined {
  if (!script || script.hasErrors || script.language === 'other') return undefined;
  if (script.commands.some((c) => c.context.length > 0 || c.kind !== 'simple')) return undefined;
  if (script.commands.length !== script.topLevelCommands.length) return undefined;
  return script.commands.map(commandText);
}

const APT_UPDATE = /^(sudo\s+)?(apt-get|apt)(\s+-\S+)*\s+update(\s+-\S+)*$/;

export interface AptUpdateAlone {
  run: Instruction;
  /** The RUN right after it, when the two merge. */
  merge?: MergeOffer;
}

/** RUNs whose only commands are `apt-get update`. */
export function aptGetUpdateAlone(model: DockerfileModel, only?: Stage): AptUpdateAlone[] {
  const out: AptUpdateAlone[] = [];
  for (const stage of only ? [only] : model.stages) {
    stage.instructions.forEach((run, i) => {
      const commands = posixCommands(model, run);
      if (!commands || commands.length === 0 || !commands.every((c) => APT_UPDATE.test(c))) return;
      const next = stage.instructions[i + 1];
      const merge = next?.keyword === 'RUN' ? offer(model, 'Merge with next RUN', [run, next]) : undefined;
      out.push({ run, merge });
    });
  }
  return out;
}

/** Commands that only delete: `rm`, package manager cache cleaning. Each names what it cleans. */
const CLEANUP: { pattern: RegExp; manager?: RegExp }[] = [
  { pattern: /^(sudo\s+)?rm(\s|$)/ },
  { pattern: /^(sudo\s+)?apt-get\s+(-\S+\s+)*(clean|autoclean)(\s|$)/, manager: /\bapt(-get)?\s/ },
  { pattern: /^(sudo\s+)?apk\s+cache\s+(clean|purge)/, manager: /\bapk\s/ },
  { pattern: /^(sudo\s+)?(yum|dnf|microdnf)\s+(-\S+\s+)*clean\s+all/, manager: /\b(yum|dnf|microdnf)\s/ },
  { pattern: /^(sudo\s+)?pip3?\s+cache\s+purge/, manager: /\bpip3?\s/ },
  { pattern: /^(sudo\s+)?npm\s+cache\s+clean/, manager: /\bnpm\s/ },
];

/** Well-known package manager leftovers and the tool that leaves them. */
const CACHE_PATHS: { path: RegExp; manager: RegExp }[] = [
  { path: /^\/var\/lib\/apt\/lists|^\/var\/cache\/apt/, manager: /\bapt(-get)?\s/ },
  { path: /^\/var\/cache\/apk|^\/etc\/apk\/cache/, manager: /\bapk\s/ },
  { path: /^\/var\/cache\/(yum|dnf)/, manager: /\b(yum|dnf|microdnf)\s/ },
  { path: /^(\/root|~)\/\.cache\/pip/, manager: /\bpip3?\s/ },
  { path: /^(\/root|~)\/\.npm/, manager: /\bnpm\s/ },
];

export interface CleanupOnly {
  run: Instruction;
  /** The earlier RUN that created what this one removes. */
  creator: Instruction;
  /** The chain from the creator to this RUN, merged, when every step merges. */
  merge?: MergeOffer;
}

/** RUNs that only remove files an earlier RUN of the same stage created. */
export function cleanupOnlyRuns(model: DockerfileModel, only?: Stage): CleanupOnly[] {
  const out: CleanupOnly[] = [];
  for (const stage of only ? [only] : model.stages) {
    stage.instructions.forEach((run, i) => {
      const commands = posixCommands(model, run);
      if (!commands || commands.length === 0) return;
      if (!commands.every((c) => CLEANUP.some((k) => k.pattern.test(c)))) return;
      const earlier = stage.instructions.slice(0, i).filter((x) => x.keyword === 'RUN').reverse();
      const creator = earlier.find((prev) => commands.some((c) => creates(model, prev, c)));
      if (!creator) return;
      // Files that arrived with a COPY/ADD after the creator were not (only) made by it.
      const copiedAfter = stage.instructions
        .slice(stage.instructions.indexOf(creator), i)
        .some((x) => (x.keyword === 'COPY' || x.keyword === 'ADD') && commands.some((c) => c.split(/\s+/).some((w) => w.startsWith('/') && x.argsText.includes(w.replace(/\/?\*.*$/, '')))));
      if (copiedAfter) return;
      const from = stage.instructions.indexOf(creator);
      const runs = stage.instructions.slice(from, i + 1);
      const merge = runs.every((x) => x.keyword === 'RUN')
        ? offer(model, runs.length === 2 ? 'Merge into the RUN that created the files' : `Merge ${runs.length} consecutive RUN instructions`, runs)
        : undefined;
      out.push({ run, creator, merge });
    });
  }
  return out;
}

const OUTPUT_OPTION = /^(-o|-O|--output|--output-document|>|>>|-C|-d|-P|--directory|--directory-prefix|--target|--prefix|--dest)$/;
const OUTPUT_ATTACHED = /^(-o|-O|--output=|--output-document=|>>?|-C|-d|-P|--directory=|--directory-prefix=|--target=|--prefix=|--dest=)(.+)$/;
const CREATES_ITS_ARGUMENTS = new Set(['mkdir', 'touch']);
const CREATES_LAST_ARGUMENT = new Set(['cp', 'mv', 'ln', 'git', 'wget', 'curl', 'tar', 'unzip', 'rsync', 'install']);

/** Whether the earlier RUN plausibly created what `cleanup` removes (a path written as an output). */
function creates(model: DockerfileModel, earlier: Instruction, cleanup: string): boolean {
  const kind = CLEANUP.find((k) => k.pattern.test(cleanup));
  const commands = shellOf(model, earlier).scripts.flatMap((script) => script.commands.map(commandText));
  const producing = commands.filter((c) => !CLEANUP.some((k) => k.pattern.test(c)));
  if (kind?.manager) return producing.some((c) => kind.manager!.test(c + ' '));
  const targets = cleanup.split(/\s+/).slice(1).filter((w) => w !== '' && !w.startsWith('-') && w !== 'rm' && w !== 'sudo');
  return targets.length > 0 && targets.every((raw) => {
    const target = raw.replace(/^["']|["']$/g, '');
    const cache = CACHE_PATHS.find((c) => c.path.test(target));
    if (cache) return producing.some((c) => cache.manager.test(c + ' '));
    const plain = target.replace(/\/?\*.*$/, '').replace(/\/$/, '');
    if (plain.length < 2 || !plain.includes('/')) return false;
    const names = (w: string) => w.replace(/^["']|["']$/g, '').replace(/\/$/, '') === plain;
    return producing.some((command) => {
      const words = command.split(/\s+/);
      const program = words[0];
      return words.some((w, j) => {
        const attached = OUTPUT_ATTACHED.exec(w);
        if (attached && names(attached[2])) return true;
        if (!names(w)) return false;
        if (j > 0 && OUTPUT_OPTION.test(words[j - 1])) return true;
        if (CREATES_ITS_ARGUMENTS.has(program)) return true;
        return CREATES_LAST_ARGUMENT.has(program) && j === words.length - 1;
      });
    });
  });
}
