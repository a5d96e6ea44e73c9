// Just enough of a lexer for Windows cmd and PowerShell to merge RUN commands safely: where a
// trailing comment starts, which list operators sit at the top level, and which commands change the
// shell's state (`cd`, `set`...) so that they would leak into a command chained after them. POSIX
// scripts are read by the shell parser (dockerfile/shell), in mergeRun's `readList`.

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
/** cmd and PowerShell lists; POSIX scripts are read by the shell parser (mergeRun's `readList`). */
export function analyzeShellList(text: string, dialect: Exclude<ShellDialect, 'posix'>): ShellListInfo {
  return dialect === 'cmd' ? analyzeCmd(text) : analyzePowerShell(text);
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
