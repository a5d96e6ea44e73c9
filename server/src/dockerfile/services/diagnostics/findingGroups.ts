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
import { movedByLines, toLspDiagnostic, withMessage } from './lspDiagnostic';
import { localizeFinding } from '../../../l10n/patterns';

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
  /** Some findings name lines (Rule.moveLines): `line` is the line they are right for. */
  namesLines?: true;
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

/** The LSP diagnostics of one version, and where each group's begin in the list. */
interface LspList {
  list: Diagnostic[];
  /** Per group, the index of its first diagnostic in `list` (one more entry: the list's length). */
  offsets: Int32Array;
}

/**
 * What a version's LSP diagnostics can be made from: the previous version's, for the groups kept
 * from it (the same index, moved `lineDelta` lines from group `below` on), and the groups made again.
 */
interface LspBasis {
  previous: LspList;
  /** The groups made again, in order. */
  made: readonly number[];
  below: number;
  lineDelta: number;
  /** Stages added (removed: negative) by the edit: the previous version's group k - shift is group k from `below` on. */
  shift: number;
}

/** The findings of one version: its groups, each placed where its FROM is now. */
export class Diagnosed {
  private all: ReportedFinding[] | undefined;
  private lsp: LspList | undefined;

  constructor(
    private readonly model: DockerfileModel,
    /** Per group (0: before the first FROM, k: stage k - 1), its findings. */
    private readonly groups: readonly FindingGroup[],
    private basis?: LspBasis,
  ) {}

  /** Where group `k` starts now: offset and line. */
  private start(k: number): number {
    return k === 0 ? 0 : this.model.stages[k - 1].from.start;
  }

  private line(k: number): number {
    return k === 0 ? 0 : this.model.stages[k - 1].from.startLine;
  }

  /** Every finding in file order, at this version's offsets. */
  get findings(): ReportedFinding[] {
    if (!this.all) {
      const all: ReportedFinding[] = [];
      this.groups.forEach((g, k) => {
        if (g.findings.length === 0) return;
        const by = this.start(k) - g.start;
        for (const f of g.findings) all.push(by === 0 ? f : moveFinding(f, by));
      });
      this.all = all;
    }
    return this.all;
  }

  /** The LSP diagnostics of group `k` (each group's are made once and moved with it). */
  private groupDiagnostics(k: number): Diagnostic[] {
    const g = this.groups[k];
    const line = this.line(k);
    let lsp = g.lsp;
    if (!lsp || lsp.line !== line) {
      const by = this.start(k) - g.start;
      const list = lsp ? lsp.list.map((d) => movedByLines(d, line - lsp!.line)) : g.findings.map((f) => toLspDiagnostic(this.model, f, by));
      lsp = g.lsp = { line, list };
    }
    return lsp.list;
  }

  /**
   * The findings as LSP diagnostics (one list per version: not to be changed). After an edit the
   * kept groups' diagnostics are the previous version's list, copied (moved when lines moved).
   */
  lspDiagnostics(): Diagnostic[] {
    if (this.lsp) return this.lsp.list;
    const count = this.groups.length;
    const list: Diagnostic[] = [];
    const offsets = new Int32Array(count + 1);
    const basis = this.basis;
    this.basis = undefined;
    if (basis) {
      const { previous, below, lineDelta, shift } = basis;
      let k = 0;
      const keep = (to: number) => {
        for (; k < to; k++) {
          offsets[k] = list.length;
          const old = k >= below ? k - shift : k;
          const end = previous.offsets[old + 1];
          if (k >= below && lineDelta !== 0) for (let i = previous.offsets[old]; i < end; i++) list.push(movedByLines(previous.list[i], lineDelta));
          else for (let i = previous.offsets[old]; i < end; i++) list.push(previous.list[i]);
        }
      };
      for (const made of basis.made) {
        keep(made);
        offsets[k] = list.length;
        if (this.groups[k].findings.length > 0) for (const d of this.groupDiagnostics(k)) list.push(d);
        k++;
      }
      keep(count);
    } else {
      for (let k = 0; k < count; k++) {
        offsets[k] = list.length;
        if (this.groups[k].findings.length > 0) for (const d of this.groupDiagnostics(k)) list.push(d);
      }
    }
    offsets[count] = list.length;
    this.lsp = { list, offsets };
    return list;
  }

  /** The LSP diagnostics, when they were asked for (the next version starts from them). */
  get madeLsp(): LspList | undefined {
    return this.lsp;
  }
}

/**
 * Puts the rules' reports together by group. Groups whose inputs did not change since the previous
 * version are taken from it; the others are made from their units' reports.
 */
export function assembleFindings(model: DockerfileModel, run: RuleRun): Diagnosed {
  // Read by index: after an edit only the instructions read are made in this version's offsets.
  const instructions = model.ast.instructionList;
  const stages = model.stages;
  const groupCount = stages.length + 1;
  const start = (k: number) => (k === 0 ? 0 : stages[k - 1].from.start);
  const line = (k: number) => (k === 0 ? 0 : stages[k - 1].from.startLine);
  const column = (k: number) => (k === 0 ? 0 : start(k) - model.lines.lineStart(line(k)));
  // Group k > 0 is stage k - 1: the stage holding an offset or instruction (the part before the first FROM is group 0).
  const groupAt = (offset: number) => (model.stageAt(offset)?.index ?? -1) + 1;
  const groupOfInstruction = (i: number) => groupAt(instructions.at(i).start);
  /** The index of group k's first instruction (k === groupCount: the end of the list). */
  const firstOf = (k: number) => (k === 0 ? 0 : k === groupCount ? instructions.length : instructions.firstFrom(start(k)));

  // Which groups are made again: the one before the first FROM, those with a fresh unit or a file
  // rule's report, all of them when a unit reported outside itself or a rule threw.
  const round = run.round;
  // What a group holds after a rule threw or a unit reported outside itself depends on other units: not kept.
  const keepGroups = round !== undefined && !run.strayed && run.failed.size === 0;
  const fileEntries: Entry[] = [];
  for (const [rule, list] of run.file) for (const f of list) fileEntries.push({ rule, f, by: 0 });
  const carried = keepGroups ? round.carried : undefined;
  const groups: FindingGroup[] = new Array(groupCount);
  // The groups made again, in order.
  let made: number[];
  // Kept groups whose line-naming findings were moved (their LSP diagnostics are made again too).
  const moved: number[] = [];
  // Groups whose findings name lines, kept ones first.
  const lineGroups: number[] = [];
  if (carried) {
    // Only the groups the edit can have changed are looked at: the others are the kept ones, in place.
    const dirty = new Set<number>([0]);
    for (const k of carried.changed) dirty.add(k + 1);
    for (const k of carried.previousGroups) dirty.add(k);
    for (const i of run.freshInstructions) dirty.add(groupOfInstruction(i));
    for (const g of run.freshStages) dirty.add(g + 1);
    for (const e of fileEntries) dirty.add(groupAt(startOf(e)));
    made = [...dirty].sort((x, y) => x - y);
    for (let k = 1; k < groupCount; k++) groups[k] = round!.groups[k - 1]!;
    round!.reused.groups = groupCount - made.length;
    // Kept groups below the edit whose findings name lines, when it moved lines: those findings moved.
    const below = carried.window.hi + 1;
    if (carried.lineDelta !== 0) {
      for (const k of carried.previousLineGroups) {
        if (k < below || dirty.has(k)) continue;
        groups[k] = round!.groups[k - 1] = movedGroup(groups[k], carried.lineDelta);
        moved.push(k);
      }
    }
    for (const k of carried.previousLineGroups) if (!dirty.has(k)) lineGroups.push(k);
  } else {
    const dirty: boolean[] = new Array(groupCount).fill(!keepGroups);
    dirty[0] = true;
    // By index (every instruction is fresh on an open: this function runs once per version, mostly
    // unoptimised, where an array's iterator makes a result object per step).
    const fresh = run.freshInstructions;
    if (keepGroups) for (let j = 0; j < fresh.length; j++) dirty[groupOfInstruction(fresh[j])] = true;
    for (const g of run.freshStages) dirty[g + 1] = true;
    for (const e of fileEntries) dirty[groupAt(startOf(e))] = true;
    for (let k = 1; k < groupCount; k++) {
      if (dirty[k]) continue;
      const old = round!.group(k - 1);
      if (old && old.column === column(k) && (!old.namesLines || old.line === line(k))) {
        groups[k] = old;
        round!.reused.groups++;
      } else dirty[k] = true;
    }
    made = [];
    for (let k = 0; k < groupCount; k++) if (dirty[k]) made.push(k);
    if (round) {
      round.groups = new Array(stages.length);
        if (keepGroups) for (let k = 1; k < groupCount; k++) if (!dirty[k]) round.groups[k - 1] = groups[k];
    }
    for (let k = 1; k < groupCount; k++) if (!dirty[k] && groups[k].namesLines) lineGroups.push(k);
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
    kept.byRule.forEach((list, rule) => {
      for (let j = 0; j < list.length; j++) add({ rule, f: list[j], by });
    });
  };
  // A unit's results that name lines are moved to the unit's line now (and kept so).
  const current = (results: RuleRun['instructions'], i: number, at: { start: number; startLine: number }) => {
    const kept = results[i];
    return kept?.lineFindings && kept.line !== at.startLine ? (results[i] = run.relocate(kept, at.start, at.startLine)) : kept;
  };
  for (let m = 0; m < made.length; m++) {
    const k = made[m];
    const end = firstOf(k + 1);
    for (let i = firstOf(k); i < end; i++) {
      const ins = instructions.at(i);
      addUnit(current(run.instructions, i, ins), ins.start);
    }
    if (k > 0) addUnit(current(run.stages, k - 1, stages[k - 1].from), stages[k - 1].from.start);
  }
  for (const e of fileEntries) add(e);
  const unkept: number[] = [];
  for (let m = 0; m < made.length; m++) {
    const k = made[m];
    const list = entries.get(k) ?? NO_ENTRIES;
    const group: FindingGroup = { start: start(k), line: line(k), column: column(k), findings: inOrder(model, list) };
    if (group.findings.some((f) => LINE_RULES.has(f.code))) {
      group.namesLines = true;
      lineGroups.push(k);
    }
    groups[k] = group;
    if (k === 0) continue;
    // Reports of file rules are made again on every run: a group holding some is not kept.
    if (!round) continue;
    if (keepGroups && !list.some((e) => run.file.has(e.rule))) round.groups[k - 1] = group;
    else {
      round.groups[k - 1] = undefined;
      unkept.push(k);
    }
  }
  let basis: LspBasis | undefined;
  const previous = carried?.previous?.madeLsp;
  if (carried && previous && previous.offsets.length === groupCount - carried.window.shift + 1) {
    const remade = moved.length === 0 ? made : [...made, ...moved].sort((x, y) => x - y);
    basis = { previous, made: remade, below: carried.window.hi + 1, lineDelta: carried.lineDelta, shift: carried.window.shift };
  }
  const diagnosed = new Diagnosed(model, groups, basis);
  if (round) {
    round.unkeptGroups = unkept;
    round.lineGroups = lineGroups.sort((x, y) => x - y);
    round.diagnosed = diagnosed;
  }
  return diagnosed;
}

/** The rules whose findings name lines (Rule.moveLines), by code. */
const LINE_RULES = new Map(RULES.flatMap((r, i) => (r.moveLines ? [[r.code, i] as const] : [])));

/**
 * A kept group `lines` lines further down: its findings that name lines moved by their rule (the
 * engine's decisions on them do not change: same text, same comments above), its LSP diagnostics
 * moved with it.
 */
function movedGroup(g: FindingGroup, lines: number): FindingGroup {
  const findings = g.findings.map((f) => {
    const r = LINE_RULES.get(f.code);
    return r === undefined ? f : localizeFinding(RULES[r].moveLines!(f, lines) as ReportedFinding);
  });
  const moved: FindingGroup = { start: g.start, line: g.line + lines, column: g.column, findings, namesLines: true };
  const lsp = g.lsp;
  if (lsp) {
    const by = moved.line - lsp.line;
    moved.lsp = { line: moved.line, list: lsp.list.map((d, i) => (LINE_RULES.has(findings[i].code) ? withMessage(movedByLines(d, by), findings[i]) : movedByLines(d, by))) };
  }
  return moved;
}

const byRule = (a: Entry, b: Entry): number => a.rule - b.rule;
const byPlace = (a: Entry, b: Entry): number => startOf(a) - startOf(b) || order(a.f.code) - order(b.f.code);

/**
 * `list.sort(compare)` (stable, so the same order): a short list by insertion in place, as a group's
 * few reports are (Array.prototype.sort makes a work copy and run stack, about 1 KB, on every call).
 */
function sortStable<T>(list: T[], compare: (a: T, b: T) => number): void {
  if (list.length > 16) {
    list.sort(compare);
    return;
  }
  for (let i = 1; i < list.length; i++) {
    const item = list[i];
    let j = i - 1;
    while (j >= 0 && compare(list[j], item) > 0) {
      list[j + 1] = list[j];
      j--;
    }
    list[j + 1] = item;
  }
}

/** A group without reports: never written to. */
const NO_ENTRIES: Entry[] = Object.freeze([]) as unknown as Entry[];

/** One group's reports as shown, in file order (then table order), at this version's offsets. */
function inOrder(model: DockerfileModel, entries: Entry[]): ReportedFinding[] {
  if (entries.length === 0) return [];
  // One report (most groups that have any): nothing to order, merge or hide.
  if (entries.length === 1) return [entries[0].by === 0 ? entries[0].f : moveFinding(entries[0].f, entries[0].by)];
  // In table order, each rule's reports in unit order: the first of equal findings wins.
  sortStable(entries, byRule);
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
  sortStable(shown, byPlace);
  return shown.map((e) => (e.by === 0 ? e.f : moveFinding(e.f, e.by)));
}
