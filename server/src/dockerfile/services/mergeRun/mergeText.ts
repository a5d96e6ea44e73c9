// Merging consecutive RUN instructions into one (one layer, one cache entry) without changing what
// the build does.
//
// Two RUNs in a stage are a pair when no other instruction stands between them (comments and blank
// lines may). A pair merges when both are shell form without heredocs, their flags are identical and
// the shell in effect is one we know how to chain for: POSIX sh (`&&`), cmd (`&&`) or PowerShell
// with `$ErrorActionPreference = 'Stop'` (`;`). The merged text keeps every command as written:
//   - continuation lines and comment lines inside stay where they are; comment lines between the RUNs
//     move into the merged RUN as comment lines; blank lines between are dropped (inside a
//     continuation BuildKit warns about them);
//   - a trailing shell comment (`make # build`) would swallow what is chained after it, so it moves
//     onto its own comment line just above the line it ended;
//   - a command that is itself a list (`a || b`, `a; b`, `a & b`) is wrapped (`{ a || b; }` in sh,
//     `( … )` in cmd) so that `&&` keeps stopping at the first failure;
//   - a command that changes the shell's state (`cd`, `export`, a bare `X=1`, `set`, `exit`...) and
//     is followed by another runs in a subshell `( … )` in sh; under cmd and PowerShell the merge
//     is not offered;
//   - under PowerShell, `Stop` turns a failing cmdlet into a terminating error, but a native program
//     failing only sets an exit code: a command that ends with one is not joined to the next;
//   - the file's escape character, line endings, indentation and `&&` placement are used.
import type { SourceText } from '../../../common/sourceText';
import type { Instruction, Span } from '../../parser/ast';
import { derivedKey, type DockerfileModel } from '../../parser/model';
import { analyzeShellList, isNativePowerShellCommand, POSIX_STATEFUL, type ShellDialect, type ShellListInfo } from '../shellList';
import { readShellText, type ShellScript } from '../../shell';
import { shellOf } from '../instructionShell';
import { shellAt } from './shellInEffect';
import { continuationStyle } from './fileStyle';

export interface TextEditOffsets extends Span {
  newText: string;
}

export interface MergeResult {
  runs: Instruction[];
  edit?: TextEditOffsets;
  /** Why the merge is not possible (when `edit` is undefined). */
  reason?: string;
}

function positionInStage(model: DockerfileModel, ins: Instruction): number {
  // Found by offset, not by a map of every instruction: after an edit that map would be made again for the whole file.
  const stage = model.stageAt(ins.start);
  if (!stage) return -1;
  const list = model.ast.instructionList;
  const index = list.firstFrom(ins.start);
  return index < list.length && list.at(index) === ins ? index - stage.fromIndex - 1 : -1;
}

/** Static reasons a RUN cannot take part in a merge. */
function runProblem(ins: Instruction): string | undefined {
  if (ins.keyword !== 'RUN') return `${ins.keyword} is not a RUN`;
  if (ins.heredocs.length > 0) return 'a RUN with a heredoc is a script of its own: merge by hand if you want to';
  if (ins.form === 'json') return 'the exec form (JSON array) runs without a shell, so there is nothing to chain with &&';
  if (ins.argsText.trim() === '') return 'the RUN has no command';
  return undefined;
}

function flagKey(ins: Instruction): string {
  return ins.flags
    .map((f) => `${f.name.toLowerCase()}=${f.value ?? ''}`)
    .sort()
    .join('\n');
}

function flagsDiffer(a: Instruction, b: Instruction): string | undefined {
  // Most RUNs have no flag: nothing to compare (and no key strings made).
  if (a.flags.length === 0 && b.flags.length === 0) return undefined;
  if (flagKey(a) === flagKey(b)) return undefined;
  const names = new Set([...a.flags, ...b.flags].map((f) => `--${f.name.toLowerCase()}`));
  const differing = [...names].filter((n) => {
    const pick = (i: Instruction) => i.flags.filter((f) => `--${f.name.toLowerCase()}` === n).map((f) => f.value ?? '').sort().join('\n');
    return pick(a) !== pick(b);
  });
  return `the RUNs have different ${differing.join(', ')} flags; a merged RUN has only one set`;
}

/** A physical line of a RUN's arguments, as offsets. */
interface BodyLine {
  start: number;
  /** End of the content (before `\r\n` / `\n`). */
  end: number;
  kind: 'code' | 'comment' | 'blank';
}

interface Segment {
  joinedStart: number;
  src: number;
  length: number;
}

/** One RUN, prepared: its lines, and where its command ends once a trailing comment is moved away. */
interface Part {
  ins: Instruction;
  lines: BodyLine[];
  /** Offset where the last code line's command ends (comment and trailing `;` cut off). */
  codeEnd: number;
  /** The trailing comment (`# build`), when it has to move. */
  comment?: string;
  wrap?: 'group' | 'subshell';
  /** The command still ends with its `;` (it stood on a line of its own): the wrapper closes without one. */
  keepsSemicolon: boolean;
}

function bodyLines(text: SourceText, start: number, end: number): BodyLine[] {
  const lines: BodyLine[] = [];
  let pos = start;
  while (pos <= end) {
    const nl = text.indexOf('\n', pos);
    const lineEnd = nl < 0 || nl >= end ? end : nl;
    const contentEnd = lineEnd > pos && text.charCodeAt(lineEnd - 1) === 13 ? lineEnd - 1 : lineEnd;
    const content = text.slice(pos, contentEnd);
    const kind = lines.length === 0 ? 'code' : /^\s*#/.test(content) ? 'comment' : /\S/.test(content) ? 'code' : 'blank';
    lines.push({ start: pos, end: contentEnd, kind });
    if (lineEnd >= end) break;
    pos = lineEnd + 1;
  }
  return lines;
}

/** A line ending in the escape character (and blanks): it continues on the next line. */
const CONTINUED_BACKSLASH = /\\[ \t]*$/;
const CONTINUED_BACKTICK = /`[ \t]*$/;

/**
 * Per model: each RUN's prepared part by dialect and whether a command follows it. The pair list
 * prepares every RUN as the second of one pair and the first of the next, and the offers and the
 * fix prepare the same pairs again: a part is read once (nothing changes a part once made).
 */
const PARTS = derivedKey<Map<Instruction, Map<string, Part | string>>>('mergeParts');
const newParts = (): Map<Instruction, Map<string, Part | string>> => new Map();

function preparePart(model: DockerfileModel, ins: Instruction, dialect: ShellDialect, followed: boolean): Part | string {
  const parts = model.derived(PARTS, newParts);
  let byKind = parts.get(ins);
  if (!byKind) parts.set(ins, (byKind = new Map()));
  const key = followed ? dialect + '+' : dialect;
  let part = byKind.get(key);
  if (part === undefined) byKind.set(key, (part = readPart(model, ins, dialect, followed)));
  return part;
}

function readPart(model: DockerfileModel, ins: Instruction, dialect: ShellDialect, followed: boolean): Part | string {
  const text = model.ast.source;
  const esc = model.ast.escapeChar;
  if (text.slice(ins.argsSpan.end, ins.end).trim() !== '') return 'the RUN has text after its command that we cannot place';
  const lines = bodyLines(text, ins.argsSpan.start, ins.end);
  // Rebuild BuildKit's joined command with a map back to the source.
  const segments: Segment[] = [];
  let joined = '';
  let lastCodeLine = 0;
  for (let k = 0; k < lines.length; k++) {
    const line = lines[k];
    if (line.kind !== 'code') continue;
    const content = text.slice(line.start, line.end);
    const continued = (esc === '\\' ? CONTINUED_BACKSLASH : CONTINUED_BACKTICK).exec(content);
    const length = continued ? continued.index : content.length;
    segments.push({ joinedStart: joined.length, src: line.start, length });
    joined += content.slice(0, length);
    lastCodeLine = k;
  }
  if (joined.trim() !== ins.argsText.trim()) return 'the command could not be mapped back to the source';
  const info = runList(model, ins, joined, dialect);
  if (info.unbalancedQuotes) return dialect === 'posix' ? 'the command does not parse as shell' : 'a quote (or block comment) in the command is not closed';
  const last = segments[segments.length - 1];
  const toSource = (index: number): number | undefined =>
    index >= last.joinedStart && index <= last.joinedStart + last.length ? last.src + (index - last.joinedStart) : undefined;
  let codeEndIndex = joined.length;
  let comment: string | undefined;
  if (info.commentAt !== undefined) {
    const at = toSource(info.commentAt);
    if (at === undefined) return 'a shell comment on an earlier line swallows the rest of the command';
    codeEndIndex = info.commentAt;
    comment = text.slice(at, last.src + last.length).trimEnd();
  }
  const withSemicolon = joined.slice(0, codeEndIndex).trimEnd();
  let code = withSemicolon;
  if (dialect !== 'cmd') {
    while (code.endsWith(';') && !code.endsWith(';;') && !code.endsWith('\\;')) code = code.slice(0, -1).trimEnd();
  }
  if (code.trim() === '') return 'the command is only a comment';
  if (dialect === 'posix' && /(^|[^&>])&$/.test(code)) return "the command ends with '&' (runs in the background)";
  if (/(&&|\|\||\|)$/.test(code)) return 'the command ends with an operator';
  let codeEnd = toSource(code.length);
  // `;` alone on the last line (`apk add \` / `;`): keep it and wrap, `{ ...; }` reads the same.
  let keepsSemicolon = false;
  if (codeEnd === undefined && dialect === 'posix' && code !== withSemicolon) {
    codeEnd = toSource(withSemicolon.length);
    keepsSemicolon = true;
  }
  if (codeEnd === undefined) return 'the end of the command could not be placed';
  if (lastCodeLine !== lines.length - 1) return 'the RUN ends in a comment line';
  const part: Part = { ins, lines, codeEnd, comment, keepsSemicolon };
  // Judge the command without its trailing comment and `;`.
  const body = code === joined ? info : analyzeList(code, dialect);
  const list = body.topLevelOperators;
  const isList = list.has(';') || list.has('||') || list.has('&') || body.unbalancedGroups;
  const leaks = followed ? body.stateChanges : [];
  if (dialect === 'posix') {
    if (leaks.length > 0) part.wrap = 'subshell';
    else if (isList || keepsSemicolon) part.wrap = 'group';
  } else if (dialect === 'cmd') {
    if (leaks.length > 0) return `'${leaks[0]}' changes the cmd session for the commands chained after it`;
    if (isList) part.wrap = 'subshell';
  } else if (leaks.length > 0) {
    return `'${leaks[0]}' changes the PowerShell session for the commands chained after it`;
  } else if (followed && body.lastCommand !== undefined && isNativePowerShellCommand(body.lastCommand)) {
    return `the command ends with the native program '${body.lastCommand}': joined with ; PowerShell would go on after it fails`;
  }
  // A comment cannot stay inside a wrapper or before a chained command.
  if (comment !== undefined && !followed && !part.wrap) part.comment = undefined;
  return part;
}

/**
 * What merging needs to know about a command: where a trailing comment starts, the list operators
 * at its top level, and the commands that change the shell's state. POSIX commands are read by the
 * shell parser (dockerfile/shell); cmd and PowerShell keep their own small readers (shellList.ts).
 */
// A RUN is read as the second command of one pair and the first of the next, by the offers, the
// pair list and the fix alike: the reading of a text is kept (a 20,000-RUN file read each ~6 times).
const listCache = new Map<string, ShellListInfo>();

function analyzeList(text: string, dialect: ShellDialect): ShellListInfo {
  const key = dialect + '\0' + text;
  let info = listCache.get(key);
  if (!info) {
    if (listCache.size >= 2000) listCache.clear();
    info = readList(text, dialect);
    listCache.set(key, info);
  }
  return info;
}

/**
 * A RUN's joined command read as a list: when the shell module read the same text for the rules
 * (almost always: both join the lines as BuildKit does), its reading is used rather than parsing
 * the text a second time, which was most of what merge-RUN cost in `docklens check`.
 */
function runList(model: DockerfileModel, ins: Instruction, joined: string, dialect: ShellDialect): ShellListInfo {
  if (dialect === 'posix') {
    const script = shellOf(model, ins).scripts[0];
    if (script?.origin === 'line' && script.text === joined && (script.language === 'sh' || script.language === 'bash')) return listInfo(script);
  }
  return analyzeList(joined, dialect);
}

/** How merge-RUN reads a RUN's list: the shell parser for POSIX shells, our lexer for cmd and PowerShell. */
export function readList(text: string, dialect: ShellDialect): ShellListInfo {
  return dialect === 'posix' ? listInfo(readShellText(text)) : analyzeShellList(text, dialect);
}

function listInfo(script: ShellScript): ShellListInfo {
  return {
    commentAt: script.commentAt,
    topLevelOperators: script.topLevelOperators,
    stateChanges: stateChanges(script),
    // A script the parser had to recover from is not one we can chain safely.
    unbalancedQuotes: script.hasErrors,
    unbalancedGroups: false,
    commands: [],
  };
}

/**
 * Commands whose effect outlives them in the shell running the RUN (`cd`, `export`, `X=1`, a
 * function definition), so that a command chained after them would see it. Commands in a subshell
 * or a substitution do not count; commands in if/for/case bodies and `{ }` groups do.
 */
function stateChanges(script: ShellScript): string[] {
  const out: string[] = [];
  for (const c of script.commands) {
    if (c.context.includes('subshell') || c.context.includes('substitution')) continue;
    if (c.context.includes('function')) out.push('function definition');
    else if (c.kind === 'assignment') out.push('variable assignment');
    else if (c.name && POSIX_STATEFUL.has(c.name.value)) out.push(c.name.value);
  }
  return out;
}

/**
 * Merges `runs` (consecutive RUNs of one stage, in order) into one. Returns the edit, or the
 * reason the merge is not offered.
 */
export function mergeRuns(model: DockerfileModel, runs: Instruction[]): MergeResult {
  const prepared = prepareMerge(model, runs);
  if (typeof prepared === 'string') return { runs, reason: prepared };
  return { runs, edit: { start: runs[0].start, end: runs[runs.length - 1].end, newText: mergedText(model, prepared.parts, prepared.dialect) } };
}

/** Why `runs` do not merge, or undefined when they do: `mergeRuns` without writing the merged text (the pair list asks this of every pair). */
export function mergeReason(model: DockerfileModel, runs: Instruction[]): string | undefined {
  const prepared = prepareMerge(model, runs);
  return typeof prepared === 'string' ? prepared : undefined;
}

function prepareMerge(model: DockerfileModel, runs: Instruction[]): { parts: Part[]; dialect: ShellDialect } | string {
  if (runs.length < 2) return 'nothing to merge';
  const stage = model.stageAt(runs[0].start);
  if (!stage) return 'the RUN is not in a stage';
  for (let i = 0; i < runs.length; i++) {
    const problem = runProblem(runs[i]);
    if (problem) return problem;
    if (i > 0) {
      const idx = positionInStage(model, runs[i]);
      if (idx < 1 || stage.instructions[idx] !== runs[i] || stage.instructions[idx - 1] !== runs[i - 1]) return 'another instruction stands between the RUNs';
      const differ = flagsDiffer(runs[i - 1], runs[i]);
      if (differ) return differ;
    }
  }
  const shell = shellAt(model, stage, runs[0]);
  if (shell.kind === 'unknown') return `the SHELL (${shell.argv.join(' ') || 'unknown'}) is not one we know how to chain commands for`;
  if (shell.kind === 'powershell' && !shell.stopOnError) return "under PowerShell without $ErrorActionPreference = 'Stop', commands joined with ; would not stop at the first failure";
  const parts: Part[] = [];
  for (let i = 0; i < runs.length; i++) {
    const part = preparePart(model, runs[i], shell.kind, i < runs.length - 1);
    if (typeof part === 'string') return part;
    parts.push(part);
  }
  return { parts, dialect: shell.kind };
}

function mergedText(model: DockerfileModel, parts: Part[], dialect: ShellDialect): string {
  const text = model.ast.source;
  const esc = model.ast.escapeChar;
  const style = continuationStyle(model, parts.map((p) => p.ins));
  const eol = style.eol;
  const separator = dialect === 'powershell' ? ';' : '&&';
  const leading = style.leadingOperator && dialect !== 'powershell';
  const open = { group: '{ ', subshell: '( ' };
  const close = { group: '; }', subshell: ' )' };
  const first = parts[0].ins;
  let above = '';
  let out = '';
  for (let p = 0; p < parts.length; p++) {
    const part = parts[p];
    const followed = p < parts.length - 1;
    const last = part.lines.length - 1;
    for (let k = 0; k <= last; k++) {
      const line = part.lines[k];
      const cut = k === last && (followed || part.wrap !== undefined);
      let content = text.slice(line.start, cut ? part.codeEnd : line.end);
      if (k === last && part.comment !== undefined) {
        // The trailing comment goes on its own line, just above the line it ended.
        if (p === 0 && k === 0) above = part.comment + eol + text.slice(model.lines.lineStart(first.startLine), first.start);
        else out += (k === 0 ? style.indent : /^[ \t]*/.exec(content)![0]) + part.comment + eol;
      }
      if (k === 0 && part.wrap) content = open[part.wrap] + content;
      if (k === last && part.wrap) content += part.keepsSemicolon ? ` ${close[part.wrap].replace(/^;? /, '')}` : close[part.wrap];
      if (k === 0) out += p === 0 ? text.slice(first.start, first.argsSpan.start) : style.indent + (leading ? `${separator} ` : '');
      out += content;
      if (k < last) out += eol;
    }
    if (followed) {
      out += (leading ? ` ${esc}` : dialect === 'powershell' ? `${separator} ${esc}` : ` ${separator} ${esc}`) + eol;
      out += betweenComments(model, part.ins, parts[p + 1].ins, eol);
    }
  }
  return above + out;
}

/** Comment lines between two RUNs, verbatim, each followed by a line break. */
function betweenComments(model: DockerfileModel, a: Instruction, b: Instruction, eol: string): string {
  let out = '';
  // The comment lines outside instructions, in file order (not `items`: that list and its trivia
  // would be made and kept for the model's life just for this): the first at or after `a`, up to `b`.
  const comments = model.ast.topCommentList;
  for (let i = comments.firstFrom(a.end); i < comments.length && comments.at(i).start < b.start; i++) {
    const comment = comments.at(i);
    if (comment.end > b.start) continue;
    const line = model.lines.lineOf(comment.start);
    out += model.ast.source.slice(model.lines.lineStart(line), comment.end) + eol;
  }
  return out;
}
