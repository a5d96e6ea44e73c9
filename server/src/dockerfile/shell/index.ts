// Shell scripts read into commands, whatever they come from:
//   readScript(text, toSource, ...) → the commands of a POSIX script (tree-sitter-bash), offsets mapped to the source
//   readShellText(text)            → the same for a script given as text
//   programOf(cmd)                 → the program a command runs, past `sudo`, `env`, `exec`... wrappers
//   shellLanguage(program)         → the language a shell program runs
// Which scripts an instruction runs, in the SHELL in effect in its stage, is services/instructionShell.ts:
// this module knows nothing of stages (it sits below the services that do).
import { EMPTY as EMPTY_LIST, listOrEmpty, type Span } from '../parser/ast';
import { readTree, type ReadResult } from './read';
import { readPlainScript } from './plainRead';
import { shellParserReady, withShellSyntax } from './treeSitter';
import type { ScriptLanguage, ShellCommand, ShellScript, ShellWord } from './types';

export * from './types';
export { initShellParser, shellParserReady, shellParserFailure } from './treeSitter';

/**
 * A POSIX script given as text (not an instruction): merge-RUN reads the command it is about to
 * chain. Offsets are indices in `text`. Not cached.
 */
export function readShellText(text: string, language: 'sh' | 'bash' = 'sh'): ShellScript {
  return readScript(text, (i) => i, { start: 0, end: text.length }, language, 'line');
}

/** A command as one line of words: quotes removed, env prefixes left out, redirections last (`curl -o x url > log`). */
export function commandText(cmd: ShellCommand): string {
  const words = cmd.words.map((w) => w.value);
  for (const r of cmd.redirects) words.push(r.target ? `${r.operator} ${r.target.value}` : r.operator);
  return words.join(' ');
}

/** Programs that run the command given after their own options. */
const WRAPPERS = new Set(['sudo', 'env', 'exec', 'command', 'nohup', 'time', 'nice', 'ionice', 'chroot', 'su-exec', 'gosu', 'doas', 'eatmydata', 'stdbuf', 'timeout', 'xargs']);
/** Wrappers whose first operand is not the command (`gosu user cmd`, `timeout 10 cmd`, `chroot /dir cmd`). */
const WRAPPER_OPERANDS: Record<string, number> = { gosu: 1, 'su-exec': 1, timeout: 1, chroot: 1 };
/** Options of wrappers that take a value (`sudo -u user`, `env -u NAME`). */
const WRAPPER_OPTION_VALUES: Record<string, RegExp> = {
  sudo: /^-[ugpCDhrtUT]$/,
  env: /^-[uCS]$/,
  nice: /^-n$/,
  ionice: /^-[cnp]$/,
  stdbuf: /^-[ioe]$/,
  timeout: /^-[sk]$/,
  xargs: /^-[aEeILnPsd]$/,
};

export interface Program {
  /** The base name (`/usr/bin/pip3` → `pip3`). */
  name: string;
  /** The word naming it. */
  word: ShellWord;
  /** Its index in `cmd.words`. */
  index: number;
  /** The words after it. */
  args: ShellWord[];
  /** Wrappers passed on the way (`sudo`, `env`). */
  wrappers: string[];
  /** `env A=1 cmd` assignments, with the command's own prefixes. */
  env: { name: string; value: string }[];
}

const programs = new WeakMap<ShellCommand, Program | null>();

/**
 * The program a simple command runs: `sudo -E env A=1 /usr/bin/pip3 install` → pip3. Read once per
 * command (about twenty rules ask for every command of every RUN); callers must not change it.
 */
export function programOf(cmd: ShellCommand): Program | undefined {
  let found = programs.get(cmd);
  if (found === undefined) programs.set(cmd, (found = readProgram(cmd) ?? null));
  return found ?? undefined;
}

function readProgram(cmd: ShellCommand): Program | undefined {
  if (cmd.kind !== 'simple' && cmd.kind !== 'declaration' && cmd.kind !== 'unset') return undefined;
  const words = cmd.words;
  // Made only for a command that has assignments (most have none: the shared empty list).
  let env: { name: string; value: string }[] | undefined = cmd.env.length > 0 ? cmd.env.map((a) => ({ name: a.name, value: a.value?.value ?? '' })) : undefined;
  let wrappers: string[] | undefined;
  let i = 0;
  while (i < words.length) {
    const name = baseName(words[i].value);
    if (!WRAPPERS.has(name) || i === words.length - 1 || cmd.kind !== 'simple') break;
    (wrappers ??= []).push(name);
    i++;
    const takesValue = WRAPPER_OPTION_VALUES[name];
    while (i < words.length) {
      const w = words[i].value;
      if (w === '--') {
        i++;
        break;
      }
      if (name === 'env') {
        const eq = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(w);
        if (eq) {
          (env ??= []).push({ name: eq[1], value: eq[2] });
          i++;
          continue;
        }
      }
      if (!w.startsWith('-') || w === '-') break;
      i += takesValue?.test(w) ? 2 : 1;
    }
    i += WRAPPER_OPERANDS[name] ?? 0;
  }
  const word = words[i];
  if (!word) return undefined;
  // Kept per command for the model's life: lists at their length, absent ones the shared empty list;
  // a command run as written (no wrapper) has its own list of arguments, which is the same words.
  const args = i === 0 && words[0] === cmd.name && cmd.args.length === words.length - 1 ? cmd.args : listOrEmpty(words.slice(i + 1));
  return { name: baseName(word.value), word, index: i, args, wrappers: wrappers ? listOrEmpty(wrappers) : EMPTY_LIST, env: env ? listOrEmpty(env) : EMPTY_LIST };
}

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

const POSIX_SHELL = /^(?:sh|bash|ash|dash|zsh|ksh|mksh|busybox)$/;

/** Programs already named, with their language: a stage's few shells are asked about at every RUN. */
const LANGUAGES = new Map<string, ScriptLanguage>();

/** The language a shell program runs: `bash`, POSIX `sh`, `powershell`, `cmd` or another. */
export function shellLanguage(program: string): ScriptLanguage {
  let found = LANGUAGES.get(program);
  if (found === undefined) {
    found = languageOf(program);
    // Bounded: a file of many different shebangs cannot grow it without end.
    if (LANGUAGES.size >= 256) LANGUAGES.clear();
    LANGUAGES.set(program, found);
  }
  return found;
}

function languageOf(program: string): ScriptLanguage {
  const name = baseName(program.replace(/\\/g, '/')).toLowerCase().replace(/\.exe$/, '');
  if (name === 'bash') return 'bash';
  if (POSIX_SHELL.test(name)) return 'sh';
  if (name === 'powershell' || name === 'pwsh') return 'powershell';
  if (name === 'cmd') return 'cmd';
  return 'other';
}

export interface ScriptWithHeredocs extends ShellScript {
  heredocReaders?: ReadResult['heredocs'];
}

/** Reads one script of `language` (POSIX ones into commands), with its offsets mapped to the source by `toSource`. */
export function readScript(text: string, toSource: (i: number) => number, span: Span, language: ScriptLanguage, origin: ShellScript['origin'], endOfChar?: (i: number) => number): ScriptWithHeredocs {
  let read: ReadResult | undefined;
  let broken = false;
  if (language === 'sh' || language === 'bash') {
    try {
      // Plain scripts (most RUN lines) are read without a syntax tree; the parser must still be
      // loaded, as for any other script, so that a process without it reads no commands at all.
      if (shellParserReady()) read = readPlainScript(text, toSource, endOfChar) ?? withShellSyntax(text, (root, hasError) => readTree(root, hasError, text, toSource, endOfChar));
    } catch (error) {
      // A script nested deeper than the reader's stack (thousands of `$(` or `{`): read as broken, not a crash.
      if (!(error instanceof RangeError)) throw error;
      broken = true;
    }
  }
  // One object in one shape whatever was read (no copy of a first one).
  const script: ScriptWithHeredocs = {
    language,
    origin,
    text,
    toSource,
    span,
    commands: read ? read.commands : EMPTY_LIST,
    pipelines: read ? read.pipelines : EMPTY_LIST,
    hasErrors: read ? read.hasErrors : broken,
    codeEnd: read && read.codeEnd > 0 ? (endOfChar ? endOfChar(read.codeEnd - 1) : toSource(read.codeEnd - 1) + 1) : span.start,
    topLevelOperators: read ? read.topLevelOperators : new Set(),
    topLevelCommands: read ? read.topLevelCommands : EMPTY_LIST,
  };
  if (read) {
    script.commentAt = read.commentAt;
    script.heredocReaders = read.heredocs;
  }
  return script;
}
