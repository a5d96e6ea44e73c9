// Shapes of the instruction knowledge table. Hover, completion, signature help and diagnostics all
// read these records; prose lives here once, in Markdown.

/** Where a Dockerfile reference section lives: https://docs.docker.com/reference/dockerfile/#<anchor> */
export const DOCKERFILE_REFERENCE = 'https://docs.docker.com/reference/dockerfile/';

export function referenceUrl(anchor: string): string {
  return DOCKERFILE_REFERENCE + '#' + anchor;
}

/** An allowed value of a flag, option or directive, e.g. `--network=none`. */
export interface ValueInfo {
  value: string;
  summary: string;
}

export interface FlagInfo {
  /** Without the leading `--`, lower case: `from`, `mount`. */
  name: string;
  /** Placeholder for the value in signatures and snippets: `<stage|image>`; absent for a bare flag. */
  valueHint?: string;
  /** True when `--link` alone (no `=value`) is meaningful. */
  bare?: boolean;
  /** Markdown: what it does and when to use it. */
  summary: string;
  /** A complete instruction line that uses the flag. */
  example: string;
  values?: ValueInfo[];
  defaultValue?: string;
  /** May appear several times on one instruction. */
  repeatable?: boolean;
  /** Pitfalls, one Markdown sentence each. */
  traps?: string[];
  /** Needs this Dockerfile syntax version (set with `# syntax=docker/dockerfile:<version>`). */
  since?: string;
  anchor: string;
}

export interface MountOptionInfo {
  /** Canonical key: `target`. */
  name: string;
  /** Other spellings BuildKit accepts: `dst`, `destination`. */
  aliases?: string[];
  valueHint?: string;
  /** A key that needs no value, like `ro`. */
  bare?: boolean;
  summary: string;
  values?: ValueInfo[];
  defaultValue?: string;
  required?: boolean;
}

export interface MountTypeInfo {
  /** `bind`, `cache`, `tmpfs`, `secret`, `ssh`. */
  type: string;
  summary: string;
  example: string;
  options: MountOptionInfo[];
  anchor: string;
}

/** One parameter of a form's syntax line; `label` is a substring of the syntax. */
export interface ParameterInfo {
  label: string;
  summary: string;
  /** The parameter takes every remaining argument but the ones after it. */
  variadic?: boolean;
  /** The parameter stands for the instruction's flags; its documentation is built from `flags`. */
  options?: boolean;
}

export interface FormInfo {
  /** `exec form`, `shell form`, `key=value form`... */
  name: string;
  /** `json` when the form is a JSON array, matching the parser's `InstructionForm`. */
  kind: 'json' | 'shell' | 'other';
  /** The syntax line, also the signature-help label: `CMD ["executable", "param", ...]`. */
  syntax: string;
  example: string;
  params: ParameterInfo[];
  note?: string;
}

/**
 * `layer`: adds a filesystem layer to the image.
 * `conditional`: adds a layer only in some cases (WORKDIR when it has to create the directory).
 * `metadata`: changes only the image configuration.
 * `base`: starts a stage from another image's layers.
 */
export type LayerEffect = 'layer' | 'conditional' | 'metadata' | 'base';

export interface InstructionInfo {
  keyword: string;
  /** One sentence, Markdown. */
  summary: string;
  /** Further explanation, Markdown paragraphs. */
  details?: string;
  forms: FormInfo[];
  layer: LayerEffect;
  /** Why it does or does not add a layer. */
  layerNote: string;
  traps: string[];
  flags: FlagInfo[];
  /** Snippet body after the keyword, in LSP snippet syntax: `${1:src} ${2:dest}`. */
  snippet: string;
  anchor: string;
  deprecated?: string;
  /** Instructions whose effects depend on this one, for cross-reference. */
  seeAlso?: string[];
}

export interface DirectiveInfo {
  name: string;
  summary: string;
  example: string;
  valueHint: string;
  values?: ValueInfo[];
  traps?: string[];
  anchor: string;
}

export type PredefinedArgGroup = 'platform' | 'proxy' | 'buildkit';

export interface PredefinedArgInfo {
  name: string;
  group: PredefinedArgGroup;
  summary: string;
  example?: string;
  anchor: string;
}

export interface SignalInfo {
  name: string;
  number?: number;
  summary: string;
}

/** A clean-up: it frees space only when what it removes was written earlier in the same RUN. */
export interface CleanupInfo {
  /** Commands (`program subcommand`, or a program alone) that write what it removes; none when anything may have. */
  after?: string[];
  /** What it removes, in words: `the package lists`. */
  what: string;
}

export interface ShellOptionInfo {
  /** Every spelling: `-y`, `--yes`. One-letter options are also found in bundles (`-fsSL`). */
  names: string[];
  summary: string;
  /** It reads the next word as its value when not written `--option=value` (`-o file`). */
  takesValue?: boolean;
  /** Values of `--option=value`. */
  values?: ValueInfo[];
}

export interface ShellOperandInfo {
  /** A regular expression source that the operand matches (`^/var/lib/apt/lists`). */
  pattern: string;
  summary: string;
  cleanup?: CleanupInfo;
}

/** A command run inside RUN: what it does and what it leaves in the layer. */
export interface ShellCommandInfo {
  /** Program names (base names; `pip` stands for `pip3`, `pip3.12` and `python -m pip`). */
  programs: string[];
  /** The first word after the program that is not an option (`install`); absent for the program itself. */
  subcommand?: string;
  /** Other spellings of the subcommand (`i` for `npm install`). */
  subcommandAliases?: string[];
  /** Markdown: what it does. */
  summary: string;
  /** Markdown: what it does to the layer. */
  layer?: string;
  traps?: string[];
  cleanup?: CleanupInfo;
  /** Options of this command (a subcommand also accepts the program's). */
  options?: ShellOptionInfo[];
  operands?: ShellOperandInfo[];
  /** Variables that change what it does when set before it (`CGO_ENABLED=0 go build`). */
  env?: { name: string; summary: string }[];
}
