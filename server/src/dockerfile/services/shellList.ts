// Just enough of a shell lexer to merge RUN commands safely: where a trailing comment starts, which
// list operators (`;`, `||`, `&`) sit at the top level, and which commands change the shell's state
// (`cd`, `export`, `set`...) so that they would leak into a command chained after them.
// Three dialects: POSIX sh (and bash & co.), Windows cmd, and PowerShell.

export type ShellDialect = 'posix' | 'cmd' | 'powershell';

export interface ShellListInfo {
  /** Index where a trailing comment starts (it runs to the end of the text). */
  commentAt?: number;
  /** List operators outside quotes, groups and substitutions: `;`, `&&`, `||`, `&`, `|`. */
  topLevelOperators: Set<string>;
  /** Commands (first words) that change the state of the shell for the commands after them. */
  stateChanges: string[];
  /** Quotes left open: we cannot tell where the command ends. */
  unbalancedQuotes: boolean;
  /** Parentheses/keywords did not pair up (a `case` pattern, or odd input): treat as a complex list. */
  unbalancedGroups: boolean;
  /** POSIX only: the commands between top-level list operators, trimmed (comment left out). */
  commands: string[];
  /** PowerShell only: the first word of the last top-level statement, lower-cased. */
  lastCommand?: string;
}

/** PowerShell statements that report failure through an exception (with `Stop`) or do not fail. */
const POWERSHELL_KEYWORDS = new Set(['if', 'elseif', 'else', 'foreach', 'for', 'while', 'do', 'switch', 'try', 'catch', 'finally', 'throw', 'exit', 'return', 'function', 'param', 'trap']);
/** Built-in aliases of cmdlets (Windows PowerShell 5.1), so not native programs. */
const POWERSHELL_ALIASES = new Set([
  'cd', 'chdir', 'sl', 'ls', 'dir', 'gci', 'rm', 'del', 'erase', 'rd', 'rmdir', 'ri', 'cp', 'copy', 'cpi', 'mv', 'move', 'mi',
  'cat', 'type', 'gc', 'echo', 'write', 'iwr', 'irm', 'wget', 'curl', 'ni', 'md', 'mkdir', 'sc', 'ac', 'gi', 'si', 'pushd', 'popd',
  'set', 'sv', 'gv', 'saps', 'start', 'iex', 'gcm', 'where', '?', '%', 'foreach', 'select', 'sort', 'measure', 'tee', 'sleep',
]);

/**
 * Whether a PowerShell statement starting with `word` runs a native program: its failure sets a
 * non-zero exit code but, unlike a cmdlet under `$ErrorActionPreference = 'Stop'`, does not stop
 * the script.
 */
export function isNativePowerShellCommand(word: string): boolean {
  const w = word.toLowerCase();
  if (w === '' || w.startsWith('$') || w.startsWith('(') || w.startsWith('[') || w.startsWith('@') || w.startsWith('{')) return false;
  if (POWERSHELL_KEYWORDS.has(w) || POWERSHELL_ALIASES.has(w)) return false;
  if (/^[a-z]+-[a-z0-9]+$/.test(w) && !/\.(exe|cmd|bat|com)$/.test(w)) return false; // Verb-Noun cmdlet
  return true;
}

/** Builtins whose effect outlives the command: chaining something after them changes its meaning. */
export const POSIX_STATEFUL: ReadonlySet<string> = new Set([
  'cd', 'pushd', 'popd', 'export', 'unset', 'set', 'source', '.', 'umask', 'shopt', 'alias', 'unalias',
  'exit', 'return', 'exec', 'ulimit', 'trap', 'readonly', 'declare', 'typeset', 'local', 'eval', 'hash', 'enable',
]);
const CMD_STATEFUL = new Set(['cd', 'chdir', 'pushd', 'popd', 'set', 'setlocal', 'endlocal', 'exit', 'path', 'goto', 'call']);
const POWERSHELL_STATEFUL = new Set([
  'cd', 'chdir', 'sl', 'set-location', 'push-location', 'pushd', 'pop-location', 'popd', 'exit', 'set-variable', 'sv', 'new-variable',
]);
/** Words after which the next word is again a command name. */
const POSIX_COMMAND_PREFIX = new Set(['{', '!', 'then', 'do', 'else', 'elif', 'if', 'while', 'until', 'time']);
const POSIX_OPEN = new Set(['if', 'case', 'do', '{']);
const POSIX_CLOSE = new Set(['fi', 'esac', 'done', '}']);

export function analyzeShellList(text: string, dialect: ShellDialect): ShellListInfo {
  if (dialect === 'cmd') return analyzeCmd(text);
  if (dialect === 'powershell') return analyzePowerShell(text);
  return analyzePosix(text);
}

function analyzePosix(s: string): ShellListInfo {
  const info: ShellListInfo = { topLevelOperators: new Set(), stateChanges: [], unbalancedQuotes: false, unbalancedGroups: false, commands: [] };
  let commandFrom = 0;
  const cutCommand = (to: number, next: number) => {
    const command = s.slice(commandFrom, to).trim();
    if (command) info.commands.push(command);
    commandFrom = next;
  };
  let depth = 0; // (...), $(...), <(...), and if/case/do/{ ... } groups
  let word = '';
  let commandStart = true;
  let pendingAssignment = false;
  const endWord = () => {
    if (word === '') return;
    if (commandStart) {
      if (POSIX_CLOSE.has(word)) {
        depth--;
        if (depth < 0) {
          info.unbalancedGroups = true;
          depth = 0;
        }
        commandStart = false;
      } else if (/^[A-Za-z_][A-Za-z0-9_]*(\[[^\]]*\])?\+?=/.test(word)) {
        pendingAssignment = true; // `X=1 cmd` is a prefix; `X=1` alone sets a variable
      } else {
        if (POSIX_OPEN.has(word)) depth++;
        if (POSIX_STATEFUL.has(word)) info.stateChanges.push(word);
        pendingAssignment = false;
        commandStart = POSIX_COMMAND_PREFIX.has(word);
      }
    }
    word = '';
  };
  const endCommand = () => {
    endWord();
    if (pendingAssignment) info.stateChanges.push('variable assignment');
    pendingAssignment = false;
    commandStart = true;
  };
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (c === '\\') {
      word += s.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (c === "'") {
      const close = s.indexOf("'", i + 1);
      if (close < 0) return { ...info, unbalancedQuotes: true };
      word += s.slice(i, close + 1);
      i = close + 1;
      continue;
    }
    if (c === '"' || c === '`') {
      const close = closingQuote(s, i, c);
      if (close < 0) return { ...info, unbalancedQuotes: true };
      word += s.slice(i, close + 1);
      i = close + 1;
      continue;
    }
    if (c === '$' && s[i + 1] === '{') {
      const close = s.indexOf('}', i + 2);
      if (close < 0) return { ...info, unbalancedQuotes: true };
      word += s.slice(i, close + 1);
      i = close + 1;
      continue;
    }
    if ((c === '$' || c === '<' || c === '>') && s[i + 1] === '(') {
      word += c + '(';
      depth++;
      i += 2;
      continue;
    }
    if (c === '#' && word === '') {
      endCommand();
      info.commentAt = i;
      if (depth === 0) cutCommand(i, i);
      break;
    }
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      endWord();
      i++;
      continue;
    }
    if (c === '(') {
      endWord();
      depth++;
      commandStart = true;
      i++;
      continue;
    }
    if (c === ')') {
      endCommand();
      depth--;
      if (depth < 0) {
        info.unbalancedGroups = true;
        depth = 0;
      }
      commandStart = false;
      i++;
      continue;
    }
    // `2>&1`, `>&2`, `&>file` are redirections, not operators.
    if (c === '&' && (s[i - 1] === '>' || s[i - 1] === '<' || s[i + 1] === '>')) {
      word += c;
      i++;
      continue;
    }
    if (c === ';' || c === '&' || c === '|') {
      endCommand();
      const op = s[i + 1] === c ? c + c : c === '|' && s[i + 1] === '&' ? '|&' : c;
      if (depth === 0) {
        info.topLevelOperators.add(op === ';;' ? ';' : op);
        cutCommand(i, i + op.length);
      }
      i += op.length;
      continue;
    }
    word += c;
    i++;
  }
  if (info.commentAt === undefined) {
    endCommand();
    cutCommand(s.length, s.length);
  }
  if (depth !== 0) info.unbalancedGroups = true;
  return info;
}

/** Index of the quote closing the one at `open` (backslash escapes inside), -1 when none. */
function closingQuote(s: string, open: number, quote: string): number {
  for (let i = open + 1; i < s.length; i++) {
    if (s[i] === '\\') i++;
    else if (s[i] === quote) return i;
  }
  return -1;
}

function analyzeCmd(s: string): ShellListInfo {
  const info: ShellListInfo = { topLevelOperators: new Set(), stateChanges: [], unbalancedQuotes: false, unbalancedGroups: false, commands: [] };
  let depth = 0;
  let word = '';
  let commandStart = true;
  const endWord = () => {
    if (word === '') return;
    if (commandStart) {
      const name = /^[A-Za-z]+/.exec(word)?.[0].toLowerCase() ?? '';
      if (CMD_STATEFUL.has(name) && (name.length === word.length || /^[\\/.:]/.test(word.slice(name.length)))) info.stateChanges.push(name);
      commandStart = name === 'if' || name === 'else';
    }
    word = '';
  };
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '^') {
      word += s.slice(i, i + 2);
      i++;
    } else if (c === '"') {
      const close = s.indexOf('"', i + 1);
      if (close < 0) return { ...info, unbalancedQuotes: true };
      word += s.slice(i, close + 1);
      i = close;
    } else if (c === ' ' || c === '\t') {
      endWord();
    } else if (c === '(') {
      endWord();
      depth++;
      commandStart = true;
    } else if (c === ')') {
      endWord();
      if (--depth < 0) {
        info.unbalancedGroups = true;
        depth = 0;
      }
    } else if (c === '&' && (s[i - 1] === '>' || s[i - 1] === '<')) {
      word += c;
    } else if (c === '&' || c === '|') {
      endWord();
      const op = s[i + 1] === c ? c + c : c;
      if (depth === 0) info.topLevelOperators.add(op);
      i += op.length - 1;
      commandStart = true;
    } else {
      word += c;
    }
  }
  endWord();
  if (depth !== 0) info.unbalancedGroups = true;
  return info;
}

function analyzePowerShell(s: string): ShellListInfo {
  const info: ShellListInfo = { topLevelOperators: new Set(), stateChanges: [], unbalancedQuotes: false, unbalancedGroups: false, commands: [] };
  let depth = 0;
  let word = '';
  let commandStart = true;
  const endWord = () => {
    if (word === '') return;
    if (commandStart) {
      const lower = word.toLowerCase();
      // `exit` inside a block (`if (...) { exit 1 }`) is how a script fails: only a bare one leaks.
      if (POWERSHELL_STATEFUL.has(lower) && (lower !== 'exit' || depth === 0)) info.stateChanges.push(lower);
      if (/^\$env:/i.test(lower)) info.stateChanges.push('environment variable');
      if (depth === 0) info.lastCommand = lower;
      commandStart = false;
    }
    word = '';
  };
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '`') {
      word += s.slice(i, i + 2);
      i++;
    } else if (c === "'") {
      let close = i + 1;
      for (; close < s.length; close++) {
        if (s[close] === "'" && s[close + 1] === "'") close++;
        else if (s[close] === "'") break;
      }
      if (close >= s.length) return { ...info, unbalancedQuotes: true };
      word += s.slice(i, close + 1);
      i = close;
    } else if (c === '"') {
      let close = i + 1;
      for (; close < s.length; close++) {
        if (s[close] === '`') close++;
        else if (s[close] === '"') break;
      }
      if (close >= s.length) return { ...info, unbalancedQuotes: true };
      word += s.slice(i, close + 1);
      i = close;
    } else if (c === '<' && s[i + 1] === '#') {
      return { ...info, unbalancedQuotes: true }; // block comment: not worth the risk
    } else if (c === '#' && word === '') {
      endWord();
      info.commentAt = i;
      break;
    } else if (c === ' ' || c === '\t') {
      endWord();
    } else if (c === '(' || c === '{') {
      word += c;
      depth++;
    } else if (c === ')' || c === '}') {
      word += c;
      if (--depth < 0) {
        info.unbalancedGroups = true;
        depth = 0;
      }
    } else if (c === ';' || (c === '&' && s[i + 1] === '&') || c === '|') {
      endWord();
      const op = c === ';' ? ';' : s[i + 1] === c ? c + c : c;
      if (depth === 0) info.topLevelOperators.add(op);
      i += op.length - 1;
      commandStart = true;
    } else {
      word += c;
    }
  }
  endWord();
  if (depth !== 0) info.unbalancedGroups = true;
  return info;
}
