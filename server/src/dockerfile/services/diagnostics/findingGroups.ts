// The engine's last step, per stage: the rules' reports that start in a stage (from its FROM up to
// the next FROM; the part before the first FROM is one more group) are put in order there, the same
// finding from two rules shown once, and an instruction BuildKit cannot read left with only the
// error saying so. Stages never share an instruction, so the file's list is the groups' lists one
// after the other, and a group whose inputs are the kept results of the previous version (same
// stage, same instructions, no file rule reporting in it) is that version's group again: it keeps
// the offsets and lines of the version that made it and is placed where its FROM is now. Its LSP
// diagnostics are kept with it, for the line it was on; when it moves to other lines they are moved
// whole lines (the text of the group is unchanged, so every character stays).
import type { Diagnostic } from 'vscode-languageserver-types';
import type { Instruction } from '../../parser/ast';
import type { DockerfileModel } from '../../parser/model';
import type { ReportedFinding } from './rule';
import { RULES } from './table';
import { moveFinding } from './ruleCache';
import type { RuleRun } from './runRules';
import { movedByLines, toLspDiagnostic } from './lspDiagnostic';
import { lastAtMost } from '../../../common/lineStarts';

/** Table order of each code. */
const ORDER = new Map(RULES.map((r, i) => [r.code, i]));
const order = (code: string) => ORDER.get(code) ?? 0;

/** Rules whose findings mean BuildKit cannot read the instruction at all. */
const FATAL = new Set(['SyntaxError', 'UnknownInstruction', 'UnknownFlag', 'InvalidArguments', 'InvalidBaseImageName']);

/** One stage's findings, in order, at the offsets of the version that made them. */
export interface FindingGroup {
  /** Where the group started then (its FROM; 0 before the first FROM), its line and column. */
  start: number;
  line: number;
  column: number;
  findings: ReportedFinding[];
  /** The findings as LSP diagnostics for the group starting on `line` (made when first asked for). */
  lsp?: { line: number; list: Diagnostic[] };
}

/** A report and how far its unit moved since it was made. */
interface Entry {
  rule: number;
  f: ReportedFinding;
  by: number;
}

const startOf = (e: Entry) => e.f.span.start + e.by;

/** The findings of one version: its groups, each placed where its FROM is now. */
export class Diagnosed {
  private all: ReportedFinding[] | undefined;

  constructor(
    private readonly model: DockerfileModel,
    private readonly groups: readonly FindingGroup[],
    /** Per group, where it starts now: offset and line. */
    private readonly starts: readonly number[],
    private readonly lines: readonly number[],
  ) {}

  /** Every finding in file order, at this version's offsets. */
  get findings(): ReportedFinding[] {
    if (!this.all) {
      const all: ReportedFinding[] = [];
      this.groups.forEach((g, k) => {
        const by = this.starts[k] - g.start;
        for (const f of g.findings) all.push(by === 0 ? f : moveFinding(f, by));
      });
      this.all = all;
    }
    return this.all;
  }

  /** The findings as LSP diagnostics: each group's are made once and moved with it. */
  lspDiagnostics(): Diagnostic[] {
    const out: Diagnostic[] = [];
    this.groups.forEach((g, k) => {
      if (g.findings.length === 0) return;
      const line = this.lines[k];
      let lsp = g.lsp;
      if (!lsp || lsp.line !== line) {
        const by = this.starts[k] - g.start;
        const list = lsp ? lsp.list.map((d) => movedByLines(d, line - lsp!.line)) : g.findings.map((f) => toLspDiagnostic(this.model, f, by));
        lsp = g.lsp = { line, list };
      }
      for (const d of lsp.list) out.push(d);
    });
    return out;
  }
}

/**
 * Puts the rules' reports together by group. Groups whose inputs did not change since the previous
 * version are taken from it; the others are made from their units' reports.
 */
export function assembleFindings(model: DockerfileModel, run: RuleRun): Diagnosed {
  const instructions = model.ast.instructions;
  const stages = model.stages;
  const groupCount = stages.length + 1;
  // Group k > 0 is stage k - 1; `first[k]` its FROM's index among the top-level instructions.
  const first = firstInstructions(model);
  const starts = [0, ...stages.map((s) => s.from.start)];
  const lines = [0, ...stages.map((s) => s.from.startLine)];
  const column = (k: number) => (k === 0 ? 0 : starts[k] - model.lines.lineStart(lines[k]));
  // Both lists start at 0, so every offset and instruction has a group.
  const groupAt = (offset: number) => Math.max(0, lastAtMost(starts, offset));
  const groupOfInstruction = (i: number) => Math.max(0, lastAtMost(first, i));

  // Which groups are made again: the one before the first FROM, those with a fresh unit or a file
  // rule's report, all of them when a unit reported outside itself or a rule threw.
  const round = run.round;
  // What a group holds after a rule threw or a unit reported outside itself depends on other units: not kept.
  const keepGroups = round !== undefined && !run.strayed && run.failed.size === 0;
  const dirty: boolean[] = new Array(groupCount).fill(!keepGroups);
  dirty[0] = true;
  for (const i of run.freshInstructions) dirty[groupOfInstruction(i)] = true;
  for (const g of run.freshStages) dirty[g + 1] = true;
  const fileEntries: Entry[] = [];
  for (const [rule, list] of run.file) for (const f of list) fileEntries.push({ rule, f, by: 0 });
  for (const e of fileEntries) dirty[groupAt(startOf(e))] = true;
  const groups: FindingGroup[] = new Array(groupCount);
  for (let k = 1; k < groupCount; k++) {
    if (dirty[k]) continue;
    const old = round!.group(k - 1);
    if (old && old.column === column(k)) {
      groups[k] = old;
      round!.reused.groups++;
    } else dirty[k] = true;
  }

  // The reports of the groups made again, distributed by where they start (a unit's lie in its group
  // unless it reported outside itself, when every group is made again).
  const entries = new Map<number, Entry[]>();
  const add = (e: Entry) => {
    if (run.failed.has(e.rule)) return;
    const k = groupAt(startOf(e));
    const list = entries.get(k);
    if (list) list.push(e);
    else entries.set(k, [e]);
  };
  const addUnit = (kept: RuleRun['instructions'][number], now: number) => {
    if (!kept || kept.byRule.size === 0) return;
    const by = now - kept.start;
    for (const [rule, list] of kept.byRule) for (const f of list) add({ rule, f, by });
  };
  for (let k = 0; k < groupCount; k++) {
    if (!dirty[k]) continue;
    const end = k + 1 < groupCount ? first[k + 1] : instructions.length;
    for (let i = first[k]; i < end; i++) addUnit(run.instructions[i], instructions[i].start);
    if (k > 0) addUnit(run.stages[k - 1], stages[k - 1].from.start);
  }
  for (const e of fileEntries) add(e);
  for (let k = 0; k < groupCount; k++) {
    if (!dirty[k]) continue;
    const list = entries.get(k) ?? [];
    const group: FindingGroup = { start: starts[k], line: lines[k], column: column(k), findings: inOrder(model, list) };
    groups[k] = group;
    // Reports of file rules are made again on every run: a group holding some is not kept.
    if (k > 0 && keepGroups && !list.some((e) => run.file.has(e.rule))) round.groups[k - 1] = group;
  }
  if (keepGroups) for (let k = 1; k < groupCount; k++) if (!dirty[k]) round.groups[k - 1] = groups[k];
  return new Diagnosed(model, groups, starts, lines);
}

/** One group's reports as shown, in file order (then table order), at this version's offsets. */
function inOrder(model: DockerfileModel, entries: Entry[]): ReportedFinding[] {
  if (entries.length === 0) return [];
  // In table order, each rule's reports in unit order: the first of equal findings wins.
  entries.sort((a, b) => a.rule - b.rule);
  const out: Entry[] = [];
  // The same finding twice (code, place and message) is shown once: the first in table order.
  const seen = new Map<number, Entry[]>();
  for (const e of entries) {
    const start = startOf(e);
    const here = seen.get(start);
    if (here?.some((g) => g.f.code === e.f.code && g.f.span.end + g.by === e.f.span.end + e.by && g.f.message === e.f.message)) continue;
    if (here) here.push(e);
    else seen.set(start, [e]);
    out.push(e);
  }
  // An instruction BuildKit cannot even read gets only the error saying so: other findings on it
  // would be noise about text that is about to change. When several rules find it unreadable, the
  // first in table order (the parser's own error) speaks.
  const broken = new Map<Instruction, Entry>();
  for (const e of out) {
    if (!FATAL.has(e.f.code)) continue;
    const ins = model.instructionAt(startOf(e));
    if (!ins) continue;
    const firstFatal = broken.get(ins);
    if (!firstFatal || order(e.f.code) < order(firstFatal.f.code)) broken.set(ins, e);
  }
  const shown =
    broken.size === 0
      ? out
      : out.filter((e) => {
          const ins = model.instructionAt(startOf(e));
          const fatal = ins && broken.get(ins);
          return !fatal || (FATAL.has(e.f.code) && (e === fatal || e.f.code === fatal.f.code));
        });
  shown.sort((a, b) => startOf(a) - startOf(b) || order(a.f.code) - order(b.f.code));
  return shown.map((e) => (e.by === 0 ? e.f : moveFinding(e.f, e.by)));
}

/** Per group, the index of its first top-level instruction: 0 for the part before the first FROM, then each FROM's. */
function firstInstructions(model: DockerfileModel): number[] {
  const instructions = model.ast.instructions;
  const stages = model.stages;
  // The stages cover every instruction from the first FROM on, each its FROM and the ones after it.
  let at = instructions.length;
  for (const s of stages) at -= 1 + s.instructions.length;
  const first = [0];
  for (const s of stages) {
    if (instructions[at] !== s.from) at = instructions.indexOf(s.from);
    first.push(at);
    at += 1 + s.instructions.length;
  }
  return first;
}
