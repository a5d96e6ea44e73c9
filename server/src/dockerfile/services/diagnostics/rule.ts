// The contract every diagnostic rule implements. A rule is a pure function over the parsed model:
// no file system, no network. Anything outside the Dockerfile (a `.dockerignore`) comes through `host`.
import type { Instruction, Span } from '../../parser/ast';
import type { DockerfileModel, Stage } from '../../parser/model';
import type { FileSum } from '../../parser/fileSum';
import type { FileHost } from '../../../common/files';
import type { HadolintConfig } from './hadolintConfig';

export type RuleSeverity = 'error' | 'warning' | 'info' | 'hint';

/** Replace `text.slice(start, end)` with `newText` (offsets are UTF-16, `end` exclusive). */
export interface TextEdit extends Span {
  newText: string;
}

export interface Fix {
  /** Shown in the editor's light bulb, e.g. "Change 'as' to 'AS'". */
  title: string;
  edits: TextEdit[];
  /** The fix is safe to apply without looking (used by "fix all" and source.fixAll). */
  preferred?: boolean;
}

export interface Finding {
  /** Filled in by the engine from the rule that produced it; rules may leave it out. */
  code?: string;
  span: Span;
  message: string;
  /** Overrides the rule's default severity for this one finding (rare: parse errors). */
  severity?: RuleSeverity;
  fixes?: Fix[];
  /** Free-form details for code actions or tests. */
  data?: unknown;
  /**
   * Offset of the instruction whose own `# check=` comment decides whether the finding is shown,
   * when it is not the instruction the finding sits in (MultipleInstructionsDisallowed reports the
   * earlier instruction but BuildKit reads the later one's comment).
   */
  checkAt?: number;
}

/** Side-file access for rules (`.dockerignore`); `read` says why a file could not be read. */
export type RuleHost = Pick<FileHost, 'readFile' | 'read'>;

export interface RuleContext {
  model: DockerfileModel;
  /** Build arguments given for the build (`--build-arg`, settings, Compose `build.args`). */
  buildArgs?: Readonly<Record<string, string>>;
  /** Absolute path of the Dockerfile, when it has one (needed for `.dockerignore`). */
  filePath?: string;
  host: RuleHost;
  /** The team's `.hadolint.yaml` (trustedRegistries, label-schema), when one was found. */
  hadolint?: HadolintConfig;
}

export interface Rule {
  /** Stable code: BuildKit's check name for its checks, PascalCase names of our own otherwise. */
  code: string;
  defaultSeverity: RuleSeverity;
  /** Documentation page for the rule. */
  url: string;
  /** One line saying what the rule looks for (settings UI, docs, `check --list`). */
  description: string;
  /** True for BuildKit's own build checks (`# check=skip=all` and `error=true` apply only to them). */
  buildkit?: boolean;
  /** BuildKit runs it only when `# check=experimental=<code>|all` asks; here a setting can enable it too. */
  experimental?: boolean;
  /** Experimental in Dockerfile frontends before this [major, minor] (`# syntax=docker/dockerfile:1.20` keeps it opt-in). */
  experimentalBefore?: [number, number];
  /**
   * BuildKit runs the check with the file-wide configuration only: a `# check=` comment above an
   * instruction does not apply (stage-name, casing, empty-continuation and default-ARG checks).
   */
  fileWideOnly?: boolean;
  /** hadolint's code for the same idea, so `# hadolint ignore=DL3008` silences this rule. */
  hadolint?: string[];
  /**
   * What the rule's findings depend on, which decides what an edit re-runs (see ruleCache.ts):
   * `instruction` - one top-level instruction's own text (and the file's directives, build
   * arguments, settings), through `checkInstruction`; `stage` - one stage, the stages it builds
   * on and the global ARGs, through `checkStage`; `file` (the default) - anything, re-run on every edit.
   */
  scope?: RuleScope;
  /** The findings of an `instruction` rule inside one top-level instruction (ONBUILD's inner one included). */
  checkInstruction?(ins: Instruction, ctx: RuleContext): Finding[];
  /**
   * For an `instruction` rule: the keywords of the only instructions it finds anything in (an
   * ONBUILD's wrapped instruction counts), so that the engine runs it on those alone. Absent: every instruction.
   */
  keywords?: readonly string[];
  /** The findings of a `stage` rule inside one stage. */
  checkStage?(stage: Stage, ctx: RuleContext): Finding[];
  /**
   * For a rule whose messages or data name line numbers: the finding with those numbers moved by
   * `lines` (its offsets are moved by the engine). A kept result whose unit moved to other lines is
   * moved with it and reported again, instead of running the rule again.
   */
  moveLines?(f: Finding, lines: number): Finding;
  /**
   * A stage rule whose findings' messages read the list of global ARG names (a "did you mean"
   * among them): a stage holding one of its reports is run again when that list changes.
   */
  readsGlobalArgNames?: boolean;
  /**
   * A file-wide value the rule's stage or instruction findings also depend on (merge fixes follow
   * the file's continuation style): when it changes, no kept result is re-used.
   */
  fileContext?(model: DockerfileModel): string;
  /** File-wide totals `fileContext` (or a file rule's `check`) reads, carried from the previous version on an edit (parser/fileSum.ts). */
  carried?: readonly FileSum<any>[];
  check(ctx: RuleContext): Finding[];
}

/** A finding as reported: code, final severity and documentation link filled in. */
export interface ReportedFinding extends Finding {
  code: string;
  severity: RuleSeverity;
  url: string;
}

export type RuleScope = 'instruction' | 'stage' | 'file';

type Described = Omit<Rule, 'check' | 'scope' | 'checkInstruction' | 'checkStage'>;

/** A rule whose findings in an instruction depend only on that instruction's text. */
export function instructionRule(rule: Described & { checkInstruction(ins: Instruction, ctx: RuleContext): Finding[] }): Rule {
  return { ...rule, scope: 'instruction', check: (ctx) => ctx.model.ast.instructions.flatMap((ins) => rule.checkInstruction(ins, ctx)) };
}

/** A rule whose findings in a stage depend only on that stage, the stages it builds on and the global ARGs. */
export function stageRule(rule: Described & { checkStage(stage: Stage, ctx: RuleContext): Finding[] }): Rule {
  return { ...rule, scope: 'stage', check: (ctx) => ctx.model.stages.flatMap((stage) => rule.checkStage(stage, ctx)) };
}
