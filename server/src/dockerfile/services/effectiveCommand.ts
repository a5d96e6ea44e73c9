// What a stage's image runs: the ENTRYPOINT and CMD in effect (the stage analysis keeps them, built
// the way BuildKit's dispatcher stores them: imageConfig.ts), with the warnings worth showing, and
// what `docker run` / Compose overrides turn them into.
import type { Instruction } from '../parser/ast';
import type { DockerfileModel } from '../parser/model';
import { t } from '../../l10n';
import type { CommandValue, ShellValue } from './imageConfig';
import { stageFacts } from './stages';

export { DEFAULT_LINUX_SHELL, DEFAULT_WINDOWS_SHELL, type CommandValue, type ShellValue, type ValueOrigin } from './imageConfig';

export interface EffectiveCommand {
  stage: number;
  entrypoint: CommandValue;
  cmd: CommandValue;
  shell: ShellValue;
  /** What the container runs with `docker run IMAGE` (no arguments); undefined when unknown or empty. */
  argv?: string[];
  /** True when part of the result depends on a base image we cannot see. */
  unknown: boolean;
  /** Every CMD / ENTRYPOINT of the stage itself, in order (only the last of each counts). */
  cmdInstructions: Instruction[];
  entrypointInstructions: Instruction[];
  warnings: string[];
}

/** Concatenates ENTRYPOINT and CMD the way the container runtime does. Undefined when unknown. */
export function combine(entrypoint: CommandValue, cmd: CommandValue): string[] | undefined {
  if (entrypoint.origin.kind === 'image') return undefined;
  // `/bin/sh -c "<entry>" <cmd...>`: the shell runs only its command string, the rest is never read.
  if (entrypoint.form === 'shell') return entrypoint.argv;
  if (cmd.origin.kind === 'image') return undefined;
  const argv = [...(entrypoint.argv ?? []), ...(cmd.argv ?? [])];
  return argv.length > 0 ? argv : undefined;
}

/** The CMD/ENTRYPOINT in effect for a stage (by default the last one, the image `docker build` produces). */
export function effectiveCommand(model: DockerfileModel, stageIndex = model.stages.length - 1): EffectiveCommand | undefined {
  const stage = model.stages[stageIndex];
  if (!stage) return undefined;
  const config = stageFacts(model, stage).config;
  const cmdInstructions = stage.instructions.filter((i) => i.keyword === 'CMD');
  const entrypointInstructions = stage.instructions.filter((i) => i.keyword === 'ENTRYPOINT');
  const argv = combine(config.entrypoint, config.cmd);
  const unknown = argv === undefined && (config.entrypoint.origin.kind === 'image' || config.cmd.origin.kind === 'image');
  const warnings: string[] = [];
  if (cmdInstructions.length > 1) {
    warnings.push(t('run.warn.manyCmd', { count: cmdInstructions.length, line: t('common.line', { line: cmdInstructions[cmdInstructions.length - 1].startLine + 1 }) }));
  }
  if (entrypointInstructions.length > 1) {
    warnings.push(
      t('run.warn.manyEntrypoint', { count: entrypointInstructions.length, line: t('common.line', { line: entrypointInstructions[entrypointInstructions.length - 1].startLine + 1 }) }),
    );
  }
  const shell = '`' + config.shell.argv.join(' ') + '`';
  if (config.entrypoint.form === 'shell') {
    warnings.push(t('run.warn.shellEntrypoint', { shell }));
  } else if (config.cmd.form === 'shell' && !config.entrypoint.argv?.length && config.entrypoint.origin.kind !== 'image') {
    warnings.push(t('run.warn.shellCmd', { shell }));
  } else if (config.cmd.form === 'shell' && config.entrypoint.form === 'exec') {
    warnings.push(t('run.warn.shellCmdExecEntrypoint', { shell }));
  }
  if (!argv && !unknown) {
    warnings.push(t('run.warn.nothing'));
  }
  return { stage: stageIndex, entrypoint: config.entrypoint, cmd: config.cmd, shell: config.shell, argv, unknown, cmdInstructions, entrypointInstructions, warnings };
}

/** Overrides at run time: `docker run [--entrypoint E] IMAGE [args...]`, or Compose `entrypoint:` / `command:`. */
export interface RunOverrides {
  /** Replaces ENTRYPOINT and drops the image's CMD (both `--entrypoint` and Compose `entrypoint:` do so). */
  entrypoint?: string[];
  /** Replaces CMD; appended to the entrypoint. An empty list means "no arguments given". */
  args?: string[];
}

export interface RunResult {
  /** The process started, or undefined when unknown or empty. */
  argv?: string[];
  /** The parts: which entrypoint and which arguments were used. */
  entrypoint?: string[];
  command?: string[];
  /** True when the result depends on a base image we cannot see. */
  unknown: boolean;
  /** The run arguments / CMD are present but ignored because the ENTRYPOINT is in shell form. */
  argumentsIgnored: boolean;
}

/** What runs for given overrides: the rules of `docker run` (and Compose, which applies the same ones). */
export function runWith(effective: EffectiveCommand, overrides: RunOverrides = {}): RunResult {
  let entrypoint: string[] | undefined;
  let command: string[] | undefined;
  let unknown = false;
  if (overrides.entrypoint !== undefined) {
    entrypoint = overrides.entrypoint;
    command = overrides.args ?? [];
  } else {
    if (effective.entrypoint.origin.kind === 'image') unknown = true;
    entrypoint = effective.entrypoint.argv ?? [];
    if (overrides.args && overrides.args.length > 0) command = overrides.args;
    else {
      if (effective.cmd.origin.kind === 'image') unknown = true;
      command = effective.cmd.argv ?? [];
    }
  }
  const argumentsIgnored = overrides.entrypoint === undefined && effective.entrypoint.form === 'shell' && command.length > 0;
  if (argumentsIgnored) unknown = false;
  const argv = argumentsIgnored ? [...entrypoint] : [...entrypoint, ...command];
  return { argv: !unknown && argv.length > 0 ? argv : undefined, entrypoint, command, unknown, argumentsIgnored };
}

/** Compose's `command:` / `entrypoint:` values: a list is used as is, a string is split like a shell would (no shell runs it). */
export type ComposeCommandValue = string | string[] | null | undefined;

export interface ComposeOverrides {
  command?: ComposeCommandValue;
  entrypoint?: ComposeCommandValue;
  /** `build.target`: the stage name; the last stage when absent. */
  target?: string;
}

export interface ComposeEffectiveCommand {
  effective: EffectiveCommand;
  run: RunResult;
}

/** For the Compose service: what a service built from this Dockerfile runs, given its `command:`/`entrypoint:`. */
export function effectiveComposeCommand(model: DockerfileModel, overrides: ComposeOverrides = {}): ComposeEffectiveCommand | undefined {
  const stageIndex = overrides.target !== undefined ? model.stageByName(overrides.target)?.index : model.stages.length - 1;
  if (stageIndex === undefined) return undefined;
  const effective = effectiveCommand(model, stageIndex);
  if (!effective) return undefined;
  const toArgv = (v: ComposeCommandValue): string[] | undefined =>
    v === undefined || v === null ? undefined : Array.isArray(v) ? v.map(String) : splitCommandLine(v);
  return { effective, run: runWith(effective, { entrypoint: toArgv(overrides.entrypoint), args: toArgv(overrides.command) }) };
}

/** Splits a command line into words the way Compose does for string `command:`: quotes group, backslash escapes. */
export function splitCommandLine(line: string): string[] {
  const words: string[] = [];
  let current = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"' && i + 1 < line.length && '"\\$`'.includes(line[i + 1])) current += line[++i];
      else current += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      inWord = true;
    } else if (c === '\\' && i + 1 < line.length) {
      current += line[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
    } else {
      current += c;
      inWord = true;
    }
  }
  if (inWord) words.push(current);
  return words;
}

/** A command line for display: words with spaces or quotes are double-quoted. */
export function formatArgv(argv: readonly string[]): string {
  return argv.map((w) => (w === '' || /[\s"'\\$`]/.test(w) ? JSON.stringify(w) : w)).join(' ');
}
