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
//   - the file's escape character, line endings, indentation and `&&` placement are used.
import type { Instruction, Span } from '../parser/ast';
import type { DockerfileModel, Stage } from '../parser/model';
import { analyzeShellList, type ShellDialect } from './shellList';

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

const WINDOWS_IMAGE = /(^|\/)(windows|windowsservercore|nanoserver|servercore)([:/@-]|$)|mcr\.microsoft\.com\/windows|powershell:.*(nanoserver|windowsservercore)/i;
const POSIX_SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'mksh', 'busybox']);

/** The SHELL in effect for each instruction of a stage (inherited through `FROM <stage>`). */
export function shellAt(model: DockerfileModel, stage: Stage, instruction: Instruction): ShellInEffect {
  let argv = initialShell(model, stage, new Set());
  for (const ins of stage.instructions) {
    if (ins === instruction) break;
    if (ins.keyword === 'SHELL' && ins.form === 'json' && ins.args.length > 0) argv = ins.args.map((a) => a.value);
  }
  return classifyShell(argv);
}

function initialShell(model: DockerfileModel, stage: Stage, seen: Set<number>): string[] | undefined {
  if (stage.baseStage !== undefined && stage.baseStage < stage.index && !seen.has(stage.baseStage)) {
    seen.add(stage.index);
    const base = model.stages[stage.baseStage];
    let argv = initialShell(model, base, seen);
    for (const ins of base.instructions) if (ins.keyword === 'SHELL' && ins.form === 'json' && ins.args.length > 0) argv = ins.args.map((a) => a.value);
    return argv;
  }
  if (WINDOWS_IMAGE.test(stage.base)) return ['cmd', '/S', '/C'];
  // An image name we cannot resolve (`FROM $BASE`) in a file using the Windows escape: a Windows image.
  if (stage.base.includes('$') && model.ast.escapeChar === '`') return ['cmd', '/S', '/C'];
  return ['/bin/sh', '-c'];
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
  const text = model.ast.text;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const local = countStyle(model, runs);
  const file = countStyle(model, model.ast.instructions);
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
  const info = analyzeShellList(joined, dialect);
  if (info.unbalancedQuotes) return 'a quote (or block comment) in the command is not closed';
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
  if (dialect === 'posix' && /(^|[^&>])&$/.test(code)) return 'the command ends with `&` (runs in the background)';
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
  const body = analyzeShellList(code, dialect);
  const list = body.topLevelOperators;
  const isList = list.has(';') || list.has('||') || list.has('&') || body.unbalancedGroups;
  const leaks = followed ? body.stateChanges : [];
  if (dialect === 'posix') {
    if (leaks.length > 0) part.wrap = 'subshell';
    else if (isList || keepsSemicolon) part.wrap = 'group';
  } else if (dialect === 'cmd') {
    if (leaks.length > 0) return `\`${leaks[0]}\` changes the cmd session for the commands chained after it`;
    if (isList) part.wrap = 'subshell';
  } else if (leaks.length > 0) {
    return `\`${leaks[0]}\` changes the PowerShell session for the commands chained after it`;
  }
  // A comment cannot stay inside a wrapper or before a chained command.
  if (comment !== undefined && !followed && !part.wrap) part.comment = undefined;
  return part;
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
      const idx = stage.instructions.indexOf(runs[i]);
      if (idx < 1 || stage.instructions[idx - 1] !== runs[i - 1]) return { runs, reason: 'another instruction stands between the RUNs' };
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
  for (const item of model.ast.items) {
    if (item.start < a.end || item.end > b.start) continue;
    if (item.kind === 'comment') {
      const line = model.lines.lineOf(item.start);
      out += model.ast.text.slice(model.lines.lineStarts[line], item.end) + eol;
    }
  }
  return out;
}
