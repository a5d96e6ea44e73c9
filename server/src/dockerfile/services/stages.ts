// The stage analysis: what each stage of a Dockerfile is, computed once per model version on first
// use and read by every service and rule. For a stage: the chain of stages it builds on, its
// external image (as the base-image table knows it), its operating system (one decision for the
// whole house), and, at every instruction, the SHELL, WORKDIR and USER in effect; at its end the
// image configuration (ENTRYPOINT/CMD) and the layers it adds. ENV/ARG scopes are the variable
// index's (scopes.ts), which walks the same chains through parser/stageChain.ts.
//
// A stage's facts are computed from its base stage's facts, so a chain of 10,000 stages is walked
// once, without recursion (stageValue collects the stages not yet known, then computes them in
// order from the root).
import { listOrEmpty, type Instruction } from '../parser/ast';
import { derivedKey, type DockerfileModel, type Stage } from '../parser/model';
import { stageValue } from '../parser/stageChain';
import { getInstructionInfo } from '../data';
import { expandImageDefaults, lookupBaseImage, type BaseImageLookup } from './baseImage';
import { commandValue, shellInstructionValue, startConfig, type ImageConfig, type ShellValue } from './imageConfig';
import { joinWorkdir, resolveWorkdir } from './workdir';

export type StageOs = 'linux' | 'windows';

/** One instruction that adds a layer. */
export interface LayerStep {
  instruction: Instruction;
  keyword: string;
  /** 0-based line of the instruction (for an ONBUILD trigger: the ONBUILD line in the parent stage). */
  line: number;
  /** The first line of the instruction as written, trimmed (a label for pickers). */
  text: string;
  /** Set when the layer comes from an ONBUILD trigger of the base stage. */
  onbuildFromStage?: number;
}

/** A value that changes at some instructions of a stage: the value from `at` on, set by `instruction`. */
export interface Change<T> {
  at: number;
  value: T;
  instruction: Instruction;
}

export interface StageFacts {
  stage: Stage;
  /** The facts of the earlier stage this one builds on (`FROM <stage>`); undefined for an image. */
  base?: StageFacts;
  /** The first stage of the chain: the one whose FROM names an image (this one when it does). */
  root: Stage;
  /** The number of stages from the root to this one (1 for a stage built on an image). */
  depth: number;
  /** The root's image reference with the ARG defaults filled in (`python:${V}` → `python:3.12`). */
  reference: string;
  /** What the base-image table says of that reference. */
  image: BaseImageLookup;
  /** Windows when the image is (by the table, its name or `--platform`), else Linux. */
  os: StageOs;
  /** SHELL, ENTRYPOINT and CMD at the end of the stage. */
  config: ImageConfig;
  /** The SHELL in effect at the start (inherited, the image's, or the default for the OS). */
  shellAtStart: ShellValue;
  /** WORKDIR at the start (see `workdirAt`). */
  workdirAtStart: string | undefined;
  /** The USER instruction in effect at the start: the last one of the stages it builds on; undefined for the image's user. */
  userAtStart: Change<string> | undefined;
  /** Layers the stage adds itself (its base stage's ONBUILD triggers included), in order. */
  layers: LayerStep[];
  shells: Change<ShellValue>[];
  workdirs: Change<string | undefined>[];
  users: Change<string>[];
  /** WORKDIR at the end the way BuildKit resolves it, with an external image's assumed to be `/` (the layer count's view). */
  buildkitWorkdir: string | undefined;
}

const FACTS = 'stageFacts';
const ALL = derivedKey<StageFacts[]>('allStageFacts');

/** The analysis of one stage (and, on the way, of the stages it builds on). */
export function stageFacts(model: DockerfileModel, stage: Stage): StageFacts {
  // Asked a few thousand times per open: one function for every call.
  return stageValue<StageFacts>(model, stage, FACTS, analyseStage);
}

const analyseStage = (stage: Stage, base: StageFacts | undefined, model: DockerfileModel): StageFacts => analyse(model, stage, base);

/** The analysis of every stage, in file order. */
export function allStageFacts(model: DockerfileModel): StageFacts[] {
  return model.derived(ALL, (m) => m.stages.map((s) => stageFacts(m, s)));
}

/** The facts of the stage containing `offset`; undefined before the first FROM. */
export function stageFactsAt(model: DockerfileModel, offset: number): StageFacts | undefined {
  const stage = model.stageAt(offset);
  return stage && stageFacts(model, stage);
}

/** The external image a stage starts from, following `FROM <stage>` back to the first external one. */
export function stageBaseImage(model: DockerfileModel, stage: Stage): BaseImageLookup {
  return stageFacts(model, stage).image;
}

/** The stage's OS: Windows or Linux (see `decideOs`). */
export function isWindowsStage(model: DockerfileModel, stage: Stage): boolean {
  return stageFacts(model, stage).os === 'windows';
}

/** The SHELL in effect for an instruction starting at `at` in the stage. */
export function shellAt(facts: StageFacts, at: number): ShellValue {
  return valueAt(facts.shells, at, facts.shellAtStart);
}

/**
 * The WORKDIR in effect before `at`: set by WORKDIR instructions in the stage or the stages it
 * builds on (their ONBUILD triggers too), `/` in a stage from scratch, undefined when relative to
 * an external image's directory. A variable stays as written.
 */
export function workdirAt(facts: StageFacts, at: number): string | undefined {
  return valueAt(facts.workdirs, at, facts.workdirAtStart);
}

/** The USER in effect before `at`; undefined when no USER was set (the image's user). */
export function userAt(facts: StageFacts, at: number): string | undefined {
  return userChangeAt(facts, at)?.value;
}

/** The USER instruction in effect before `at` (in this stage or one it builds on); undefined for the image's user. */
export function userChangeAt(facts: StageFacts, at: number): Change<string> | undefined {
  let found = facts.userAtStart;
  for (const change of facts.users) {
    if (change.at >= at) break;
    found = change;
  }
  return found;
}

/** The value of the last change before `at`, else `start`. */
function valueAt<T>(changes: readonly Change<T>[], at: number, start: T): T {
  let lo = 0;
  let hi = changes.length - 1;
  let found = start;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (changes[mid].at < at) {
      found = changes[mid].value;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

// The Windows images by name: a path part or tag part `windows`, `windowsservercore`, `nanoserver`
// or `servercore` (`mcr.microsoft.com/windows/servercore:ltsc2022`, `python:3.12-windowsservercore`,
// `powershell:lts-nanoserver-1809`). Anchored on separators, no nested repetition: linear.
const WINDOWS_NAME = /(?:^|[/:@._-])(?:windows|windowsservercore|nanoserver|servercore)(?=$|[/:@._-])/i;

/**
 * The one decision on a stage's operating system, from the root of its chain: `--platform=windows/…`,
 * the base-image table, the image's name, and, for a reference still holding a variable in a file
 * that uses the Windows escape character, Windows.
 */
export function decideOs(model: DockerfileModel, root: Stage, reference: string, image: BaseImageLookup): StageOs {
  const platform = root.platform?.toLowerCase();
  if (platform?.startsWith('windows')) return 'windows';
  if (image.kind === 'known') return image.facts.windows ? 'windows' : 'linux';
  if (WINDOWS_NAME.test(reference)) return 'windows';
  if (reference.includes('$') && model.ast.escapeChar === '`') return 'windows';
  return 'linux';
}

function analyse(model: DockerfileModel, stage: Stage, base: StageFacts | undefined): StageFacts {
  let reference: string;
  let image: BaseImageLookup;
  let os: StageOs;
  if (base) {
    ({ reference, image, os } = base);
  } else {
    reference = expandImageDefaults(model, stage.base, stage.from.start);
    image = lookupBaseImage(reference);
    os = decideOs(model, stage, reference, image);
  }
  const config = startConfig(stage, base?.config, image, os === 'windows');
  const shellAtStart = config.shell;
  const scratch = !base && stage.base.toLowerCase() === 'scratch';
  // Two views of WORKDIR: the lenient one (`known`) and BuildKit's with an image's assumed `/`.
  let known: string | undefined = base ? endOf(base.workdirs, base.workdirAtStart) : scratch ? '/' : undefined;
  let buildkit: string | undefined = base ? base.buildkitWorkdir : '/';
  const userAtStart = base ? (base.users.length > 0 ? base.users[base.users.length - 1] : base.userAtStart) : undefined;
  const layers: LayerStep[] = [];
  const shells: Change<ShellValue>[] = [];
  const workdirs: Change<string | undefined>[] = [];
  const users: Change<string>[] = [];

  // The base stage's ONBUILD triggers run first, in this stage.
  if (base) {
    for (const ins of base.stage.instructions) {
      if (ins.keyword !== 'ONBUILD' || !ins.inner) continue;
      const inner = ins.inner;
      if (inner.keyword === 'WORKDIR') {
        buildkit = resolveWorkdir(buildkit, inner.argsText);
        if (inner.args[0]) known = joinWorkdir(known, inner.args[0].value);
      }
      if (addsLayer(inner, buildkit)) layers.push({ ...layerStep(model, ins), keyword: inner.keyword, onbuildFromStage: base.stage.index });
    }
  }
  const workdirAtStart = known;
  let cmdSet = false;
  for (const ins of stage.instructions) {
    switch (ins.keyword) {
      case 'SHELL': {
        const value = shellInstructionValue(ins, stage.index);
        if (value) {
          config.shell = value;
          shells.push({ at: ins.start, value, instruction: ins });
        }
        break;
      }
      case 'CMD':
        config.cmd = commandValue(ins, stage.index, config.shell.argv);
        cmdSet = true;
        break;
      case 'ENTRYPOINT':
        config.entrypoint = commandValue(ins, stage.index, config.shell.argv);
        if (!cmdSet) config.cmd = { origin: { kind: 'cleared', by: ins } };
        break;
      case 'WORKDIR': {
        buildkit = resolveWorkdir(buildkit, ins.argsText);
        // `args` makes the words on each read: read once.
        const path = ins.args[0];
        if (path) {
          known = joinWorkdir(known, path.value);
          workdirs.push({ at: ins.start, value: known, instruction: ins });
        }
        break;
      }
      case 'USER':
        users.push({ at: ins.start, value: ins.args[0]?.value ?? '', instruction: ins });
        break;
    }
    if (addsLayer(ins, buildkit)) layers.push(layerStep(model, ins));
  }
  return {
    stage,
    base,
    root: base ? base.root : stage,
    depth: base ? base.depth + 1 : 1,
    reference,
    image,
    os,
    config,
    shellAtStart,
    workdirAtStart,
    userAtStart,
    // Kept as long as the model: at their length, the absent ones the tree's shared empty list.
    layers: listOrEmpty(layers),
    shells: listOrEmpty(shells),
    workdirs: listOrEmpty(workdirs),
    users: listOrEmpty(users),
    buildkitWorkdir: buildkit,
  };
}

function endOf<T>(changes: readonly Change<T>[], start: T): T {
  return changes.length > 0 ? changes[changes.length - 1].value : start;
}

/**
 * Whether `ins` adds a layer (`workdir`: the WORKDIR after it, as BuildKit resolves it). RUN, COPY
 * and ADD always do; WORKDIR does when its path is not `/` (BuildKit's `mkdir -p`, counted whether
 * or not the directory exists, as BuildKit cannot know either); a path with a variable counts.
 */
function addsLayer(ins: Instruction, workdir: string | undefined): boolean {
  const effect = ins.known ? getInstructionInfo(ins.keyword)?.layer : undefined;
  if (effect === 'layer') return true;
  return effect === 'conditional' && ins.keyword === 'WORKDIR' && workdir !== '/';
}

function layerStep(model: DockerfileModel, ins: Instruction): LayerStep {
  return { instruction: ins, keyword: ins.keyword, line: ins.startLine, text: model.lines.lineText(ins.startLine).trim() };
}
