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
import { CodeActionKind } from 'vscode-languageserver-types';
import type { CodeAction, Diagnostic, Range, WorkspaceEdit } from 'vscode-languageserver-types';
import type { Instruction, Span } from '../parser/ast';
import type { DockerfileModel, Stage } from '../parser/model';
import { analyzeShellList, isNativePowerShellCommand, POSIX_STATEFUL, type ShellDialect, type ShellListInfo } from './shellList';
import { commandText, readShellText, shellOf, type ShellScript } from '../shell';
import { t } from '../../l10n';
import { derivedKey } from '../parser/model';
import { shellAt as shellInEffect, stageFacts } from './stages';

export type ShellKind = ShellDialect | 'unknown';

export interface ShellInEffect {
  kind: ShellKind;
  argv: string[];
  /** PowerShell only: `$ErrorActionPreference = 'Stop'` in the SHELL. */
  stopOnError: boolean;
}

export interface TextEditOffsets extends Span {
  newText: string;
}

export interface RunPair {
  stage: number;
  previous: Instruction;
  run: Instruction;
  mergeable: boolean;
  /** Why the pair does not merge (when `mergeable` is false). */
  reason?: string;
}

/** A maximal sequence of RUNs in which every adjacent pair merges. */
export interface RunChain {
  stage: number;
  runs: Instruction[];
}

export interface MergeResult {
  runs: Instruction[];
  edit?: TextEditOffsets;
  /** Why the merge is not possible (when `edit` is undefined). */
  reason?: string;
}

const POSIX_SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'mksh', 'busybox']);

/** The SHELL in effect for an instruction of a stage (the stage analysis follows `FROM <stage>` and the image). */
export function shellAt(model: DockerfileModel, stage: Stage, instruction: Instruction): ShellInEffect {
  return classifyShell(shellInEffect(stageFacts(model, stage), instruction.start).argv);
}

/** Position of each instruction in its stage, for the whole model at once. */
const POSITIONS = derivedKey<Map<Instruction, number>>('positionInStage');
function positionInStage(model: DockerfileModel, ins: Instruction): number {
  const positions = model.derived(POSITIONS, (m) => {
    const map = new Map<Instruction, number>();
    for (const stage of m.stages) stage.instructions.forEach((x, i) => map.set(x, i));
    return map;
  });
  return positions.get(ins) ?? -1;
}

export function classifyShell(argv: string[] | undefined): ShellInEffect {
  if (!argv || argv.length === 0) return { kind: 'unknown', argv: argv ?? [], stopOnError: false };
  const program = argv[0].split(/[\\/]/).pop()!.toLowerCase().replace(/\.exe$/, '');
  const kind: ShellKind = POSIX_SHELLS.has(program) ? 'posix' : program === 'cmd' ? 'cmd' : program === 'powershell' || program === 'pwsh' ? 'powershell' : 'unknown';
  const stopOnError = /\$ErrorActionPreference\s*=\s*['"]?Stop['"]?/i.test(argv.join(' '));
  return { kind, argv, stopOnError };
}

/** Every RUN that directly follows another RUN of the same stage, with whether the two merge. */
export function findRunPairs(model: DockerfileModel): RunPair[] {
  const pairs: RunPair[] = [];
  for (const stage of model.stages) {
    const list = stage.instructions;
    for (let i = 1; i < list.length; i++) {
      if (list[i].keyword !== 'RUN' || list[i - 1].keyword !== 'RUN') continue;
      const result = mergeRuns(model, [list[i - 1], list[i]]);
      pairs.push({ stage: stage.index, previous: list[i - 1], run: list[i], mergeable: result.edit !== undefined, reason: result.reason });
    }
  }
  return pairs;
}

/** The maximal mergeable chains (two RUNs or more) of the file, in order. */
export function mergeableChains(model: DockerfileModel, pairs = findRunPairs(model)): RunChain[] {
  const chains: RunChain[] = [];
  for (const pair of pairs) {
    if (!pair.mergeable) continue;
    const last = chains[chains.length - 1];
    if (last && last.runs[last.runs.length - 1] === pair.previous) last.runs.push(pair.run);
    else chains.push({ stage: pair.stage, runs: [pair.previous, pair.run] });
  }
  return chains;
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
  if (flagKey(a) === flagKey(b)) return undefined;
  const names = new Set([...a.flags, ...b.flags].map((f) => `--${f.name.toLowerCase()}`));
  const differing = [...names].filter((n) => {
    const pick = (i: Instruction) => i.flags.filter((f) => `--${f.name.toLowerCase()}` === n).map((f) => f.value ?? '').sort().join('\n');
    return pick(a) !== pick(b);
  });
  return `the RUNs have different ${differing.join(', ')} flags; a merged RUN has only one set`;
}

interface FileStyle {
  eol: string;
  indent: string;
  /** `&&` at the start of continuation lines rather than at the end of the previous one. */
  leadingOperator: boolean;
}

interface StyleCounts {
  indents: Map<string, number>;
  leading: number;
  trailing: number;
}

function countStyle(model: DockerfileModel, instructions: readonly Instruction[]): StyleCounts {
  const counts: StyleCounts = { indents: new Map(), leading: 0, trailing: 0 };
  for (const ins of instructions) {
    if (ins.continuations.length === 0) continue;
    for (let line = ins.startLine; line <= ins.endLine; line++) {
      const content = model.lines.lineText(line);
      if (line > ins.startLine && /\S/.test(content) && !/^\s*#/.test(content)) {
        const indent = /^[ \t]*/.exec(content)![0];
        if (indent !== '') counts.indents.set(indent, (counts.indents.get(indent) ?? 0) + 1);
        if (/^\s*(&&|\|\|)/.test(content)) counts.leading++;
      }
      if (/(&&|\|\|)\s*[\\`]\s*$/.test(content)) counts.trailing++;
    }
  }
  return counts;
}

const eols = new WeakMap<DockerfileModel, string>();
function lineEnding(model: DockerfileModel): string {
  let eol = eols.get(model);
  if (eol === undefined) eols.set(model, (eol = model.ast.text.includes('\r\n') ? '\r\n' : '\n'));
  return eol;
}

/** The whole file's counts, once per model: every merge of the file asks for them. */
const fileCounts = new WeakMap<DockerfileModel, StyleCounts>();
function fileStyleCounts(model: DockerfileModel): StyleCounts {
  let counts = fileCounts.get(model);
  if (!counts) fileCounts.set(model, (counts = countStyle(model, model.ast.instructions)));
  return counts;
}

function mostCommon(indents: Map<string, number>): string | undefined {
  let best: string | undefined;
  let count = 0;
  for (const [candidate, n] of indents) {
    if (n > count) {
      best = candidate;
      count = n;
    }
  }
  return best;
}

/**
 * How continuations are written: the RUNs being merged decide when they have continuation lines
 * of their own, else the rest of the file, else four spaces and `&&` at the end of the line.
 */
export function continuationStyle(model: DockerfileModel, runs: readonly Instruction[] = []): FileStyle {
  const eol = lineEnding(model);
  const local = countStyle(model, runs);
  const file = fileStyleCounts(model);
  const indent = mostCommon(local.indents) ?? mostCommon(file.indents) ?? '    ';
  const decided = local.leading + local.trailing > 0 ? local : file;
  return { eol, indent, leadingOperator: decided.leading > decided.trailing };
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

function bodyLines(text: string, start: number, end: number): BodyLine[] {
  const lines: BodyLine[] = [];
  let pos = start;
  while (pos <= end) {
    const nl = text.indexOf('\n', pos);
    const lineEnd = nl < 0 || nl >= end ? end : nl;
    const contentEnd = lineEnd > pos && text[lineEnd - 1] === '\r' ? lineEnd - 1 : lineEnd;
    const content = text.slice(pos, contentEnd);
    const kind = lines.length === 0 ? 'code' : /^\s*#/.test(content) ? 'comment' : /\S/.test(content) ? 'code' : 'blank';
    lines.push({ start: pos, end: contentEnd, kind });
    if (lineEnd >= end) break;
    pos = lineEnd + 1;
  }
  return lines;
}

function preparePart(model: DockerfileModel, ins: Instruction, dialect: ShellDialect, followed: boolean): Part | string {
  const text = model.ast.text;
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
    const continued = new RegExp(`${esc === '\\' ? '\\\\' : '`'}[ \\t]*$`).exec(content);
    const length = continued ? continued.index : content.length;
    segments.push({ joinedStart: joined.length, src: line.start, length });
    joined += content.slice(0, length);
    lastCodeLine = k;
  }
  if (joined.trim() !== ins.argsText.trim()) return 'the command could not be mapped back to the source';
  const info = analyzeList(joined, dialect);
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
  const body = analyzeList(code, dialect);
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

/** How merge-RUN reads a RUN's list: the shell parser for POSIX shells, our lexer for cmd and PowerShell. */
export function readList(text: string, dialect: ShellDialect): ShellListInfo {
  if (dialect !== 'posix') return analyzeShellList(text, dialect);
  const script = readShellText(text);
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
  if (runs.length < 2) return { runs, reason: 'nothing to merge' };
  const stage = model.stageAt(runs[0].start);
  if (!stage) return { runs, reason: 'the RUN is not in a stage' };
  for (let i = 0; i < runs.length; i++) {
    const problem = runProblem(runs[i]);
    if (problem) return { runs, reason: problem };
    if (i > 0) {
      const idx = positionInStage(model, runs[i]);
      if (idx < 1 || stage.instructions[idx] !== runs[i] || stage.instructions[idx - 1] !== runs[i - 1]) return { runs, reason: 'another instruction stands between the RUNs' };
      const differ = flagsDiffer(runs[i - 1], runs[i]);
      if (differ) return { runs, reason: differ };
    }
  }
  const shell = shellAt(model, stage, runs[0]);
  if (shell.kind === 'unknown') return { runs, reason: `the SHELL (${shell.argv.join(' ') || 'unknown'}) is not one we know how to chain commands for` };
  if (shell.kind === 'powershell' && !shell.stopOnError) {
    return { runs, reason: "under PowerShell without $ErrorActionPreference = 'Stop', commands joined with ; would not stop at the first failure" };
  }
  const parts: Part[] = [];
  for (let i = 0; i < runs.length; i++) {
    const part = preparePart(model, runs[i], shell.kind, i < runs.length - 1);
    if (typeof part === 'string') return { runs, reason: part };
    parts.push(part);
  }
  const edit = { start: runs[0].start, end: runs[runs.length - 1].end, newText: mergedText(model, parts, shell.kind) };
  return { runs, edit };
}

function mergedText(model: DockerfileModel, parts: Part[], dialect: ShellDialect): string {
  const text = model.ast.text;
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
        if (p === 0 && k === 0) above = part.comment + eol + text.slice(model.lines.lineStarts[first.startLine], first.start);
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
  const items = model.ast.items;
  // Items are in file order: find the first one at or after the end of `a`, then walk to `b`.
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (items[mid].start < a.end) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < items.length && items[i].start < b.start; i++) {
    const item = items[i];
    if (item.end > b.start) continue;
    if (item.kind === 'comment') {
      const line = model.lines.lineOf(item.start);
      out += model.ast.text.slice(model.lines.lineStarts[line], item.end) + eol;
    }
  }
  return out;
}

// ---- What to offer: pairs, chains, and the two related findings ----

export interface MergeOffer {
  title: string;
  runs: Instruction[];
  edit: TextEditOffsets;
}

/** The mergeable chain a RUN belongs to, if any. */
export function chainOf(model: DockerfileModel, run: Instruction, chains = mergeableChains(model)): RunChain | undefined {
  let byRun = chainIndex.get(chains);
  if (!byRun) {
    byRun = new Map();
    for (const chain of chains) for (const r of chain.runs) byRun.set(r, chain);
    chainIndex.set(chains, byRun);
  }
  return byRun.get(run);
}
const chainIndex = new WeakMap<RunChain[], Map<Instruction, RunChain>>();

function offer(model: DockerfileModel, title: string, runs: Instruction[]): MergeOffer | undefined {
  const result = mergeRuns(model, runs);
  return result.edit ? { title, runs, edit: result.edit } : undefined;
}

/** "Merge with previous RUN" and, for a chain of three or more, "Merge N consecutive RUN instructions". */
export function mergeOffersFor(
  model: DockerfileModel,
  run: Instruction,
  chains = mergeableChains(model),
  /** Whole-chain merges already computed (a long chain is asked for by each of its RUNs). */
  chainOffers = new Map<RunChain, MergeOffer | undefined>(),
): MergeOffer[] {
  const chain = chainOf(model, run, chains);
  if (!chain) return [];
  const offers: MergeOffer[] = [];
  const at = chain.runs.indexOf(run);
  if (at > 0) {
    const o = offer(model, 'Merge with previous RUN', [chain.runs[at - 1], run]);
    if (o) offers.push(o);
  } else {
    const o = offer(model, 'Merge with next RUN', [run, chain.runs[1]]);
    if (o && chain.runs.length === 2) offers.push(o);
  }
  if (chain.runs.length > 2) {
    if (!chainOffers.has(chain)) chainOffers.set(chain, offer(model, `Merge ${chain.runs.length} consecutive RUN instructions`, chain.runs));
    const o = chainOffers.get(chain);
    if (o) offers.push(o);
  }
  return offers;
}

/** One edit per chain: every mergeable chain of the file merged. */
export function mergeAllEdits(model: DockerfileModel): TextEditOffsets[] {
  const edits: TextEditOffsets[] = [];
  for (const chain of mergeableChains(model)) {
    const result = mergeRuns(model, chain.runs);
    if (result.edit) edits.push(result.edit);
  }
  return edits;
}

function posixCommands(model: DockerfileModel, run: Instruction): string[] | undefined {
  const stage = model.stageAt(run.start);
  if (!stage || run.keyword !== 'RUN' || run.form !== 'shell' || run.heredocs.length > 0) return undefined;
  if (shellAt(model, stage, run).kind !== 'posix') return undefined;
  return simpleCommandList(shellOf(model, run).scripts[0]);
}

/**
 * The commands of a script that is a plain list of simple commands (`a && b; c`), as text; undefined
 * when it has anything else (if/for/case, groups, substitutions) or did not parse: the findings
 * built on it (apt-get update alone, cleanup in a separate RUN) are only sure about plain lists.
 */
function simpleCommandList(script: ShellScript | undefined): string[] | undefined {
  if (!script || script.hasErrors || script.language === 'other') return undefined;
  if (script.commands.some((c) => c.context.length > 0 || c.kind !== 'simple')) return undefined;
  if (script.commands.length !== script.topLevelCommands.length) return undefined;
  return script.commands.map(commandText);
}

const APT_UPDATE = /^(sudo\s+)?(apt-get|apt)(\s+-\S+)*\s+update(\s+-\S+)*$/;

export interface AptUpdateAlone {
  run: Instruction;
  /** The RUN right after it, when the two merge. */
  merge?: MergeOffer;
}

/** RUNs whose only commands are `apt-get update`. */
export function aptGetUpdateAlone(model: DockerfileModel): AptUpdateAlone[] {
  const out: AptUpdateAlone[] = [];
  for (const stage of model.stages) {
    stage.instructions.forEach((run, i) => {
      const commands = posixCommands(model, run);
      if (!commands || commands.length === 0 || !commands.every((c) => APT_UPDATE.test(c))) return;
      const next = stage.instructions[i + 1];
      const merge = next?.keyword === 'RUN' ? offer(model, 'Merge with next RUN', [run, next]) : undefined;
      out.push({ run, merge });
    });
  }
  return out;
}

/** Commands that only delete: `rm`, package manager cache cleaning. Each names what it cleans. */
const CLEANUP: { pattern: RegExp; manager?: RegExp }[] = [
  { pattern: /^(sudo\s+)?rm(\s|$)/ },
  { pattern: /^(sudo\s+)?apt-get\s+(-\S+\s+)*(clean|autoclean)(\s|$)/, manager: /\bapt(-get)?\s/ },
  { pattern: /^(sudo\s+)?apk\s+cache\s+(clean|purge)/, manager: /\bapk\s/ },
  { pattern: /^(sudo\s+)?(yum|dnf|microdnf)\s+(-\S+\s+)*clean\s+all/, manager: /\b(yum|dnf|microdnf)\s/ },
  { pattern: /^(sudo\s+)?pip3?\s+cache\s+purge/, manager: /\bpip3?\s/ },
  { pattern: /^(sudo\s+)?npm\s+cache\s+clean/, manager: /\bnpm\s/ },
];

/** Well-known package manager leftovers and the tool that leaves them. */
const CACHE_PATHS: { path: RegExp; manager: RegExp }[] = [
  { path: /^\/var\/lib\/apt\/lists|^\/var\/cache\/apt/, manager: /\bapt(-get)?\s/ },
  { path: /^\/var\/cache\/apk|^\/etc\/apk\/cache/, manager: /\bapk\s/ },
  { path: /^\/var\/cache\/(yum|dnf)/, manager: /\b(yum|dnf|microdnf)\s/ },
  { path: /^(\/root|~)\/\.cache\/pip/, manager: /\bpip3?\s/ },
  { path: /^(\/root|~)\/\.npm/, manager: /\bnpm\s/ },
];

export interface CleanupOnly {
  run: Instruction;
  /** The earlier RUN that created what this one removes. */
  creator: Instruction;
  /** The chain from the creator to this RUN, merged, when every step merges. */
  merge?: MergeOffer;
}

/** RUNs that only remove files an earlier RUN of the same stage created. */
export function cleanupOnlyRuns(model: DockerfileModel): CleanupOnly[] {
  const out: CleanupOnly[] = [];
  for (const stage of model.stages) {
    stage.instructions.forEach((run, i) => {
      const commands = posixCommands(model, run);
      if (!commands || commands.length === 0) return;
      if (!commands.every((c) => CLEANUP.some((k) => k.pattern.test(c)))) return;
      const earlier = stage.instructions.slice(0, i).filter((x) => x.keyword === 'RUN').reverse();
      const creator = earlier.find((prev) => commands.some((c) => creates(model, prev, c)));
      if (!creator) return;
      // Files that arrived with a COPY/ADD after the creator were not (only) made by it.
      const copiedAfter = stage.instructions
        .slice(stage.instructions.indexOf(creator), i)
        .some((x) => (x.keyword === 'COPY' || x.keyword === 'ADD') && commands.some((c) => c.split(/\s+/).some((w) => w.startsWith('/') && x.argsText.includes(w.replace(/\/?\*.*$/, '')))));
      if (copiedAfter) return;
      const from = stage.instructions.indexOf(creator);
      const runs = stage.instructions.slice(from, i + 1);
      const merge = runs.every((x) => x.keyword === 'RUN')
        ? offer(model, runs.length === 2 ? 'Merge into the RUN that created the files' : `Merge ${runs.length} consecutive RUN instructions`, runs)
        : undefined;
      out.push({ run, creator, merge });
    });
  }
  return out;
}

const OUTPUT_OPTION = /^(-o|-O|--output|--output-document|>|>>|-C|-d|-P|--directory|--directory-prefix|--target|--prefix|--dest)$/;
const OUTPUT_ATTACHED = /^(-o|-O|--output=|--output-document=|>>?|-C|-d|-P|--directory=|--directory-prefix=|--target=|--prefix=|--dest=)(.+)$/;
const CREATES_ITS_ARGUMENTS = new Set(['mkdir', 'touch']);
const CREATES_LAST_ARGUMENT = new Set(['cp', 'mv', 'ln', 'git', 'wget', 'curl', 'tar', 'unzip', 'rsync', 'install']);

/** Whether the earlier RUN plausibly created what `cleanup` removes (a path written as an output). */
function creates(model: DockerfileModel, earlier: Instruction, cleanup: string): boolean {
  const kind = CLEANUP.find((k) => k.pattern.test(cleanup));
  const commands = shellOf(model, earlier).scripts.flatMap((script) => script.commands.map(commandText));
  const producing = commands.filter((c) => !CLEANUP.some((k) => k.pattern.test(c)));
  if (kind?.manager) return producing.some((c) => kind.manager!.test(c + ' '));
  const targets = cleanup.split(/\s+/).slice(1).filter((w) => w !== '' && !w.startsWith('-') && w !== 'rm' && w !== 'sudo');
  return targets.length > 0 && targets.every((raw) => {
    const target = raw.replace(/^["']|["']$/g, '');
    const cache = CACHE_PATHS.find((c) => c.path.test(target));
    if (cache) return producing.some((c) => cache.manager.test(c + ' '));
    const plain = target.replace(/\/?\*.*$/, '').replace(/\/$/, '');
    if (plain.length < 2 || !plain.includes('/')) return false;
    const names = (w: string) => w.replace(/^["']|["']$/g, '').replace(/\/$/, '') === plain;
    return producing.some((command) => {
      const words = command.split(/\s+/);
      const program = words[0];
      return words.some((w, j) => {
        const attached = OUTPUT_ATTACHED.exec(w);
        if (attached && names(attached[2])) return true;
        if (!names(w)) return false;
        if (j > 0 && OUTPUT_OPTION.test(words[j - 1])) return true;
        if (CREATES_ITS_ARGUMENTS.has(program)) return true;
        return CREATES_LAST_ARGUMENT.has(program) && j === words.length - 1;
      });
    });
  });
}

// ---- Code actions ----

/** Diagnostic codes whose fix is a RUN merge. */
export const MERGE_RUN_CODES: readonly string[] = ['ConsecutiveRunInstructions', 'AptGetUpdateAlone', 'CleanupInSeparateRun'];

/** Kind of the source action merging every chain of the file (deliberately not under source.fixAll). */
export const MERGE_ALL_KIND = 'source.mergeRunInstructions';

export interface MergeRunActionOptions {
  /** False when the diagnostics engine already turns the findings' fixes into quick fixes. */
  quickFixes?: boolean;
  /** `context.only` of the request. */
  only?: string[];
}

function wanted(only: string[] | undefined, kind: string): boolean {
  if (!only || only.length === 0) return true;
  return only.some((o) => kind === o || kind.startsWith(o + '.'));
}

function diagnosticCode(d: Diagnostic): string {
  const code = String(d.code ?? '');
  const m = /\(([^)]+)\)$/.exec(code); // `docklens(Code)` style
  return m ? m[1] : code;
}

/**
 * Quick fixes for the RUNs touching `range` ("Merge with previous RUN", "Merge N consecutive RUN
 * instructions", and the merges the apt-get update / cleanup findings propose), with the matching
 * diagnostics attached, plus a source action merging every chain of the file.
 */
export function mergeRunCodeActions(
  model: DockerfileModel,
  uri: string,
  range: Range,
  diagnostics: Diagnostic[] = [],
  options: MergeRunActionOptions = {},
): CodeAction[] {
  const actions: CodeAction[] = [];
  const toEdit = (edits: TextEditOffsets[]): WorkspaceEdit => ({
    changes: { [uri]: edits.map((e) => ({ range: model.lines.rangeOf(e), newText: e.newText })) },
  });
  if (options.quickFixes !== false && wanted(options.only, CodeActionKind.QuickFix)) {
    const chains = mergeableChains(model);
    const apt = aptGetUpdateAlone(model);
    const cleanup = cleanupOnlyRuns(model);
    const seen = new Set<string>();
    const chainOffers = new Map<RunChain, MergeOffer | undefined>();
    for (const run of model.ast.instructions) {
      if (run.keyword !== 'RUN' || run.endLine < range.start.line || run.startLine > range.end.line) continue;
      const offers = [
        ...mergeOffersFor(model, run, chains, chainOffers),
        ...apt.filter((a) => a.run === run && a.merge).map((a) => a.merge!),
        ...cleanup.filter((c) => c.run === run && c.merge).map((c) => c.merge!),
      ];
      const runRange = model.lines.rangeOf(run);
      const related = diagnostics.filter(
        (d) => MERGE_RUN_CODES.includes(diagnosticCode(d)) && d.range.start.line <= runRange.end.line && d.range.end.line >= runRange.start.line,
      );
      for (const o of offers) {
        const key = `${o.edit.start}:${o.edit.end}:${o.edit.newText}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const action: CodeAction = { title: o.title, kind: CodeActionKind.QuickFix, edit: toEdit([o.edit]) };
        if (related.length > 0) action.diagnostics = related;
        actions.push(action);
      }
    }
  }
  if (wanted(options.only, MERGE_ALL_KIND)) {
    const edits = mergeAllEdits(model);
    if (edits.length > 0) {
      const runs = mergeableChains(model).reduce((n, c) => n + c.runs.length, 0);
      actions.push({
        title: t('action.mergeAll', { runs, count: edits.length }),
        kind: MERGE_ALL_KIND,
        edit: toEdit(edits),
      });
    }
  }
  return actions;
}
