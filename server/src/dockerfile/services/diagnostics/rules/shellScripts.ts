// ShellCheck's ideas that matter in a RUN, read on the shell parser's commands (hadolint passes
// RUN scripts to ShellCheck, so its users know them by SC codes, which `# hadolint ignore=` accepts):
//   - SC2164: `cd dir; make`: when cd fails, make runs in the wrong folder and the build goes on;
//   - SC2155: `export X=$(cmd)`: export's status (0) replaces cmd's, so a failing cmd goes unnoticed;
//   - SC2002: `cat file | cmd`: a process and a pipe for what a redirection does.
// Picked by how often they fire on the corpus (see the note); word splitting of unquoted
// variables (SC2086) is left out: most unquoted variables in Dockerfiles hold package lists meant
// to be split, and the rule would mostly be noise there.
import { stageRule, type Finding, type Rule } from '../rule';
import { programOf, type ShellCommand, type ShellScript } from '../../../shell';
import { finding, fix, replace, NO_FINDINGS } from './helpers';
import { runsAndHealthchecks } from './runScripts';

const SHELLCHECK = (code: string) => `https://www.shellcheck.net/wiki/${code}`;

/** `set -e`, `set -eux`, `set -o errexit` somewhere before `at` in the script: a failing cd stops it. */
function errexitBefore(script: ShellScript, at: number): boolean {
  return script.commands.some((c) => {
    if (c.start >= at || c.name?.value !== 'set') return false;
    const args = c.args.map((a) => a.value);
    return args.some((a) => /^-[a-zA-Z]*e/.test(a)) || args.some((a, i) => a === '-o' && args[i + 1] === 'errexit');
  });
}

export const cdWithoutCheck: Rule = stageRule({
  code: 'CdWithoutCheck',
  defaultSeverity: 'warning',
  url: SHELLCHECK('SC2164'),
  description: "'cd dir; next': when cd fails the next commands run in the wrong folder (chain with &&)",
  hadolint: ['SC2164'],
  checkStage(stage, { model }) {
    let out: Finding[] | undefined;
    for (const run of runsAndHealthchecks(model, stage)) {
      for (const script of run.scripts) {
        script.commands.forEach((c, i) => {
          if (c.kind !== 'simple' || c.name?.value !== 'cd' || c.statusChecked || c.operatorAfter !== undefined || c.pipeline) return;
          // Only when something runs after it in the same script.
          const next = script.commands.slice(i + 1).find((n) => n.start >= c.end && n.context.length >= c.context.length);
          if (!next || errexitBefore(script, c.start)) return;
          (out ??= []).push(finding(c, "cd without a check: if it fails, the commands after it run in the wrong folder and the build goes on. Chain with && (or add || exit 1)"));
        });
      }
    }
    return out ?? NO_FINDINGS;
  },
});

const DECLARATIONS = new Set(['export', 'local', 'declare', 'readonly', 'typeset']);
/**
 * Commands whose failure there is nothing to notice about: `export GNUPGHOME="$(mktemp -d)"` is
 * the official images' idiom and was 208 of the 214 findings on the corpus.
 */
const CANNOT_FAIL = new Set(['mktemp', 'pwd', 'nproc', 'uname', 'date', 'id', 'whoami', 'dirname', 'basename', 'dpkg', 'arch', 'getconf']);

export const declarationMasksStatus: Rule = stageRule({
  code: 'DeclarationMasksStatus',
  defaultSeverity: 'info',
  url: SHELLCHECK('SC2155'),
  description: "'export X=$(cmd)': the status is export's, so a failing cmd goes unnoticed",
  hadolint: ['SC2155'],
  checkStage(stage, { model }) {
    let out: Finding[] | undefined;
    const text = model.ast.source;
    const program = (s: { start: number; end: number }) => /^(?:\$\(|`)\s*([^\s)`]+)/.exec(text.slice(s.start, s.end))?.[1] ?? '';
    for (const run of runsAndHealthchecks(model, stage)) {
      for (const c of run.commands) {
        if (c.kind !== 'declaration' || !c.name || !DECLARATIONS.has(c.name.value)) continue;
        for (const a of c.env) {
          if (!a.value || a.value.substitutions.every((sub) => CANNOT_FAIL.has(program(sub)))) continue;
          (out ??= []).push(finding(a, `${c.name.value} ${a.name}=$(...) hides the command's failure (the status is ${c.name.value}'s): assign first (${a.name}=$(...)), then ${c.name.value} ${a.name}`));
        }
      }
    }
    return out ?? NO_FINDINGS;
  },
});

/** `cat file | cmd`: the file, and the command it feeds, when the cat does nothing else. */
function catIntoPipe(c: ShellCommand): { file: string; next?: ShellCommand } | undefined {
  if (!c.pipeline || c.pipeIndex !== 0 || c.redirects.length > 0 || c.env.length > 0) return undefined;
  const p = programOf(c);
  if (!p || p.name !== 'cat' || p.wrappers.length > 0 || p.index !== 0 || p.args.length !== 1) return undefined;
  const file = p.args[0];
  if (file.value.startsWith('-') || !file.literal) return undefined;
  return { file: file.raw, next: c.pipeline.elements[1] };
}

export const uselessCat: Rule = stageRule({
  code: 'UselessCat',
  defaultSeverity: 'hint',
  url: SHELLCHECK('SC2002'),
  description: "'cat file | cmd': a redirection ('cmd < file') does it without an extra process",
  hadolint: ['SC2002'],
  checkStage(stage, { model }) {
    let out: Finding[] | undefined;
    const text = model.ast.source;
    for (const run of runsAndHealthchecks(model, stage)) {
      for (const c of run.commands) {
        const found = catIntoPipe(c);
        if (!found) continue;
        const next = found.next;
        // `cat f | cmd args` → `cmd args < f` when cmd is a plain command on the cat's line.
        const simple = next && next.kind === 'simple' && next.redirects.length === 0 && !/[\n\\`]/.test(text.slice(c.start, next.end));
        const fixes = simple ? [fix(`Use ${next!.name?.value ?? 'the command'} < ${found.file}`, [replace({ start: c.start, end: next!.end }, `${text.slice(next!.start, next!.end)} < ${found.file}`)], false)] : undefined;
        (out ??= []).push(finding(c, `Useless cat: '${found.file}' can be redirected into the next command (< ${found.file})`, fixes));
      }
    }
    return out ?? NO_FINDINGS;
  },
});
