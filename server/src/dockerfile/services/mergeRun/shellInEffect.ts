// The shell a RUN of a stage runs in, as merge-RUN sees it: POSIX sh (chained with `&&`), cmd or
// PowerShell (with whether `$ErrorActionPreference = 'Stop'` is set), or one it does not know. The
// SHELL in effect is the stage analysis's (services/stages.ts).
import type { Instruction } from '../../parser/ast';
import type { DockerfileModel, Stage } from '../../parser/model';
import type { ShellDialect } from '../shellList';
import { shellAt as shellInEffect, stageFacts } from '../stages';

export type ShellKind = ShellDialect | 'unknown';

export interface ShellInEffect {
  kind: ShellKind;
  argv: string[];
  /** PowerShell only: `$ErrorActionPreference = 'Stop'` in the SHELL. */
  stopOnError: boolean;
}

const POSIX_SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'mksh', 'busybox']);

/** The SHELL in effect for an instruction of a stage (the stage analysis follows `FROM <stage>` and the image). */
export function shellAt(model: DockerfileModel, stage: Stage, instruction: Instruction): ShellInEffect {
  return classifyShell(shellInEffect(stageFacts(model, stage), instruction.start).argv);
}

/** By the SHELL argv of the stage analysis (one list per SHELL value): merge-RUN asks at every RUN. */
const classified = new WeakMap<string[], ShellInEffect>();

/** The shell `argv` runs; the same object for the same list (callers must not change it). */
export function classifyShell(argv: string[] | undefined): ShellInEffect {
  if (!argv || argv.length === 0) return { kind: 'unknown', argv: argv ?? [], stopOnError: false };
  let found = classified.get(argv);
  if (!found) classified.set(argv, (found = classify(argv)));
  return found;
}

function classify(argv: string[]): ShellInEffect {
  const program = argv[0].split(/[\\/]/).pop()!.toLowerCase().replace(/\.exe$/, '');
  const kind: ShellKind = POSIX_SHELLS.has(program) ? 'posix' : program === 'cmd' ? 'cmd' : program === 'powershell' || program === 'pwsh' ? 'powershell' : 'unknown';
  const stopOnError = /\$ErrorActionPreference\s*=\s*['"]?Stop['"]?/i.test(argv.join(' '));
  return { kind, argv, stopOnError };
}
