// Typed accessors over the knowledge tables. Other features import from here, not the files behind it.
import { mountTypes } from './flags';
import { directives } from './directives';
import { instructions } from './instructions';
import { predefinedArgs } from './predefinedArgs';
import { signals } from './signals';
import './localize';
import type { DirectiveInfo, FlagInfo, InstructionInfo, MountOptionInfo, MountTypeInfo, PredefinedArgInfo, SignalInfo } from './types';

export * from './types';
export { tableTextKeys, tableTexts } from './localize';
export { ARITY, EXPANDED, EXTRA_FLAGS, NOT_IN_ONBUILD, type Arity } from './instructionRules';
export { directives, instructions, mountTypes, predefinedArgs, signals };

const byKeyword = new Map(instructions.map((i) => [i.keyword, i]));
const mountByType = new Map(mountTypes.map((m) => [m.type, m]));
const directiveByName = new Map(directives.map((d) => [d.name, d]));
const argByName = new Map(predefinedArgs.map((a) => [a.name, a]));
const signalByName = new Map(signals.map((s) => [s.name, s]));

/** Every instruction keyword, upper case, in the order of the table. */
export const instructionKeywords: readonly string[] = instructions.map((i) => i.keyword);

/** Knowledge about an instruction; case-insensitive. */
export function getInstructionInfo(keyword: string): InstructionInfo | undefined {
  return byKeyword.get(keyword.toUpperCase());
}

/** The flags an instruction accepts (empty for unknown instructions). */
export function flagsFor(keyword: string): readonly FlagInfo[] {
  return getInstructionInfo(keyword)?.flags ?? [];
}

/** One flag of an instruction; `name` with or without `--`, case-insensitive. */
export function getFlagInfo(keyword: string, name: string): FlagInfo | undefined {
  const bare = name.replace(/^--/, '').toLowerCase();
  return flagsFor(keyword).find((f) => f.name === bare);
}

export function getMountType(type: string): MountTypeInfo | undefined {
  return mountByType.get(type.toLowerCase());
}

/** A `--mount` option of a type, by its name or one of its aliases (`dst` → `target`). */
export function getMountOption(type: string, key: string): MountOptionInfo | undefined {
  const k = key.toLowerCase();
  return getMountType(type)?.options.find((o) => o.name === k || (o.aliases ?? []).includes(k));
}

export function getDirectiveInfo(name: string): DirectiveInfo | undefined {
  return directiveByName.get(name.toLowerCase());
}

/** Predefined ARGs are case-sensitive (`http_proxy` and `HTTP_PROXY` are both listed). */
export function getPredefinedArg(name: string): PredefinedArgInfo | undefined {
  return argByName.get(name);
}

export function getSignalInfo(name: string): SignalInfo | undefined {
  const upper = name.toUpperCase();
  return signalByName.get(upper) ?? signalByName.get('SIG' + upper) ?? signals.find((s) => s.number !== undefined && String(s.number) === name);
}

export { shellCommands } from './shellCommands';
