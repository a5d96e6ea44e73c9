// The image configuration a stage builds up, as BuildKit's dispatcher stores it: SHELL, ENTRYPOINT
// and CMD. Shell form is saved as [...SHELL, text]; CMD sets a per-stage "cmd set" mark; ENTRYPOINT
// clears the CMD unless a CMD was already set in this stage; a stage starts from its base's config.
// The stage analysis (stages.ts) runs this once per stage; effectiveCommand.ts explains the result.
import type { Instruction } from '../parser/ast';
import type { Stage } from '../parser/model';
import type { BaseImageLookup } from './baseImage';

export const DEFAULT_LINUX_SHELL: readonly string[] = ['/bin/sh', '-c'];
export const DEFAULT_WINDOWS_SHELL: readonly string[] = ['cmd', '/S', '/C'];

/** Where a CMD, ENTRYPOINT or SHELL value came from. */
export type ValueOrigin =
  /** Set by an instruction of the stage itself. */
  | { kind: 'instruction'; instruction: Instruction; stage: number }
  /** Never set anywhere we can see (a stage from `scratch`, or the default SHELL). */
  | { kind: 'default' }
  /** CMD dropped because this stage sets ENTRYPOINT (BuildKit resets an inherited CMD). */
  | { kind: 'cleared'; by: Instruction }
  /** Comes from an external base image whose configuration we cannot see. */
  | { kind: 'image'; image: string }
  /** Comes from a known base image (the generated table): set, or `argv` undefined when the image sets none. */
  | { kind: 'base'; image: string };

export interface CommandValue {
  /** Undefined when unset or unknown (see `origin`). */
  form?: 'exec' | 'shell';
  /** The words as written: the JSON strings for exec form, the command line for shell form. */
  written?: string[];
  /** What the image configuration stores (shell form prefixed with the SHELL). Undefined = unknown. */
  argv?: string[];
  origin: ValueOrigin;
  /** Stage index that set it, when it was inherited from an earlier stage. */
  inheritedFromStage?: number;
}

export interface ShellValue {
  argv: string[];
  origin: ValueOrigin;
}

export interface ImageConfig {
  entrypoint: CommandValue;
  cmd: CommandValue;
  shell: ShellValue;
}

/** The configuration a stage starts with: its base stage's (`inherited`), else its external image's. */
export function startConfig(stage: Stage, inherited: ImageConfig | undefined, image: BaseImageLookup, windows: boolean): ImageConfig {
  if (inherited) {
    const mark = (v: CommandValue): CommandValue => (v.origin.kind === 'instruction' ? { ...v, inheritedFromStage: v.origin.stage } : { ...v });
    return { entrypoint: mark(inherited.entrypoint), cmd: mark(inherited.cmd), shell: inherited.shell };
  }
  const reference = stage.base;
  const shell: ShellValue = { argv: [...(windows ? DEFAULT_WINDOWS_SHELL : DEFAULT_LINUX_SHELL)], origin: { kind: 'default' } };
  if (reference.toLowerCase() === 'scratch') {
    return { entrypoint: { origin: { kind: 'default' } }, cmd: { origin: { kind: 'default' } }, shell };
  }
  if (image.kind === 'known' && !image.facts.configUnknown) {
    const f = image.facts;
    const from: ValueOrigin = { kind: 'base', image: reference };
    const value = (argv: string[] | undefined): CommandValue => (argv ? { form: 'exec', written: argv, argv, origin: from } : { origin: from });
    return { entrypoint: value(f.entrypoint), cmd: value(f.cmd), shell: f.shell ? { argv: [...f.shell], origin: from } : shell };
  }
  const origin: ValueOrigin = { kind: 'image', image: reference };
  return { entrypoint: { origin }, cmd: { origin }, shell };
}

/** A SHELL instruction's value, when it sets one (exec form with at least one word). */
export function shellInstructionValue(ins: Instruction, stage: number): ShellValue | undefined {
  if (ins.keyword !== 'SHELL' || ins.form !== 'json' || ins.args.length === 0) return undefined;
  return { argv: ins.args.map((a) => a.value), origin: { kind: 'instruction', instruction: ins, stage } };
}

export function commandValue(ins: Instruction, stage: number, shell: readonly string[]): CommandValue {
  const origin: ValueOrigin = { kind: 'instruction', instruction: ins, stage };
  if (ins.form === 'json') {
    const written = ins.args.map((a) => a.value);
    return { form: 'exec', written, argv: written, origin };
  }
  const text = ins.argsText;
  return { form: 'shell', written: [text], argv: [...shell, text], origin };
}
