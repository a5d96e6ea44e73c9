// A light reading of the shell script in a RUN instruction: simple commands and pipelines, each word
// with its offsets in the Dockerfile, so rules can point at `apt-get` and insert `-y` at the right place.
// Not a shell parser: quotes, escapes, line continuations and comment lines are handled; expansions,
// subshells and control flow are read as plain words (good enough to find `apt-get install`).
import type { Instruction } from '../../../parser/ast';

export interface ShellWord {
  /** The word with quotes removed. */
  value: string;
  start: number;
  end: number;
}

export interface SimpleCommand {
  words: ShellWord[];
  /** Index of the pipeline this command belongs to (commands joined by `|` share it). */
  pipeline: number;
  /** The command is on the right of a `|`. */
  piped: boolean;
}

export interface ShellScript {
  commands: SimpleCommand[];
  /** Offset just after the last word of the script (where an appended `&& ...` goes). */
  end: number;
  /** The script comes from the instruction line (shell form), not a heredoc body. */
  inline: boolean;
}

const OPERATORS = ['&&', '||', ';;', '|&', ';', '|', '&', '(', ')', '\n'];
const OPERATOR_START = new Set(['&', '|', ';', '(', ')', '\n']);

/** Reads `text.slice(start, end)`; `escape` joins continued lines when reading a Dockerfile line. */
export function readShell(text: string, start: number, end: number, escape: string | undefined, inline: boolean): ShellScript {
  const commands: SimpleCommand[] = [];
  let words: ShellWord[] = [];
  let pipeline = 0;
  let piped = false;
  let lastEnd = start;
  const flush = (op: string | undefined) => {
    if (words.length > 0) commands.push({ words, pipeline, piped });
    words = [];
    if (op === '|' || op === '|&') piped = true;
    else {
      piped = false;
      pipeline++;
    }
  };
  let i = start;
  while (i < end) {
    const ch = text[i];
    if (escape && ch === escape && isContinuation(text, i + 1, end)) {
      i = skipToNextLine(text, i + 1, end);
      // Comment lines inside a continuation are dropped by BuildKit.
      while (i < end) {
        const j = skipBlanks(text, i, end);
        if (text[j] === '#') i = skipToNextLine(text, j, end);
        else break;
      }
      continue;
    }
    if (ch === ' ' || ch === '\t' || ch === '\r') {
      i++;
      continue;
    }
    if (ch === '#') {
      // A comment runs to the end of the logical line: the whole instruction when inline.
      const nl = inline ? -1 : text.indexOf('\n', i);
      i = nl < 0 || nl >= end ? end : nl;
      continue;
    }
    const op = OPERATOR_START.has(ch) ? OPERATORS.find((o) => text.startsWith(o, i)) : undefined;
    if (op) {
      flush(op);
      i += op.length;
      continue;
    }
    const wordStart = i;
    let value = '';
    while (i < end) {
      const c = text[i];
      if (escape && c === escape && isContinuation(text, i + 1, end)) break;
      if (c === ' ' || c === '\t' || c === '\r' || c === '\n') break;
      if (OPERATOR_START.has(c)) break;
      if (c === "'") {
        const close = text.indexOf("'", i + 1);
        const stop = close < 0 || close >= end ? end : close;
        value += text.slice(i + 1, stop);
        i = stop + 1;
        continue;
      }
      if (c === '"') {
        let j = i + 1;
        while (j < end && text[j] !== '"') {
          if (text[j] === '\\' && j + 1 < end) {
            value += text[j + 1];
            j += 2;
            continue;
          }
          value += text[j];
          j++;
        }
        i = j + 1;
        continue;
      }
      if (c === '\\' && i + 1 < end) {
        value += text[i + 1];
        i += 2;
        continue;
      }
      value += c;
      i++;
    }
    const wordEnd = Math.min(i, end);
    words.push({ value, start: wordStart, end: wordEnd });
    lastEnd = wordEnd;
  }
  flush(undefined);
  return { commands, end: lastEnd, inline };
}

function isContinuation(text: string, from: number, end: number): boolean {
  let i = from;
  while (i < end && (text[i] === ' ' || text[i] === '\t')) i++;
  return i >= end || text[i] === '\n' || (text[i] === '\r' && text[i + 1] === '\n');
}

function skipToNextLine(text: string, from: number, end: number): number {
  const nl = text.indexOf('\n', from);
  return nl < 0 || nl >= end ? end : nl + 1;
}

function skipBlanks(text: string, from: number, end: number): number {
  let i = from;
  while (i < end && (text[i] === ' ' || text[i] === '\t' || text[i] === '\r' || text[i] === '\n')) i++;
  return i;
}

/** The shell scripts a RUN runs: its shell-form line and any heredoc bodies fed to the shell. */
export function runScripts(text: string, ins: Instruction, escape: string): ShellScript[] {
  if (ins.keyword !== 'RUN' || ins.form === 'json') return [];
  const scripts: ShellScript[] = [];
  if (ins.heredocs.length === 0) scripts.push(readShell(text, ins.argsSpan.start, ins.argsSpan.end, escape, true));
  else {
    // `RUN <<EOF` (or `RUN bash <<EOF`): the body is the script; the line itself may add a command.
    scripts.push(readShell(text, ins.argsSpan.start, ins.argsSpan.end, escape, false));
    for (const h of ins.heredocs) scripts.push(readShell(text, h.body.start, h.body.end, '\\', false));
  }
  return scripts;
}

/** Skips `sudo`, `env`, `VAR=value` and similar prefixes: the word that names the program. */
export function programIndex(words: ShellWord[]): number {
  let i = 0;
  while (i < words.length) {
    const w = words[i].value;
    if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(w)) i++;
    else if (w === 'sudo' || w === 'env' || w === 'exec' || w === 'command' || w === 'nohup' || w === 'time') {
      i++;
      while (i < words.length && words[i].value.startsWith('-')) i++;
    } else break;
  }
  return i;
}

/** The program's base name (`/usr/bin/apt-get` → `apt-get`). */
export function programName(words: ShellWord[]): string | undefined {
  const w = words[programIndex(words)];
  return w ? w.value.slice(w.value.lastIndexOf('/') + 1) : undefined;
}
