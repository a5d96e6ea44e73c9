// The image as BuildKit builds it: which instructions add a filesystem layer, what each stage
// starts from, which stages ship and which only feed others.
//
// What adds a layer follows BuildKit's dispatcher (dockerfile2llb) and the instruction table
// (`layer` effect): RUN, COPY and ADD always commit a layer. WORKDIR commits a `mkdir -p` file
// operation as a layer whenever the resolved path is not `/`; BuildKit does not look at whether the
// directory already exists, and neither can we, so we count it exactly when the path, resolved
// against the stage's current WORKDIR the way BuildKit does (`path.Join("/", current, relative)`),
// is not `/`. A path with a variable in it cannot be resolved and counts. Everything else is
// configuration only. ONBUILD adds nothing to its own image, but its triggers run in a stage built
// `FROM` that stage (only the direct child: triggers are not inherited by grandchildren), so they
// are counted there. A stage starts from an external image (its layers are not ours to count),
// from `scratch` (nothing) or from an earlier stage (it carries all of that stage's layers).
// The layers of each stage are the stage analysis's (stages.ts); this file adds who uses which stage.
import type { InlayHint, Range } from 'vscode-languageserver-types';
import type { Instruction } from '../parser/ast';
import type { DockerfileModel, Stage } from '../parser/model';
import { getInstructionInfo } from '../data';
import { allStageFacts, stageFacts, type LayerStep } from './stages';
import { t, tn } from '../../l10n';

export type BaseKind = 'image' | 'scratch' | 'stage';

export type { LayerStep } from './stages';

export type StageUseKind = 'FROM' | 'COPY --from' | 'RUN --mount';

export interface StageUse {
  /** The stage that uses this one. */
  stage: number;
  kind: StageUseKind;
  instruction: Instruction;
}

export interface StageLayers {
  index: number;
  name?: string;
  /** `name`, or "stage N" for an unnamed stage (see stageLabel). */
  label: string;
  /** 0-based line of the FROM. */
  line: number;
  /** The FROM argument as written. */
  base: string;
  baseKind: BaseKind;
  baseStage?: number;
  /** The external image (or `scratch`) at the root of the `FROM <stage>` chain. */
  rootBase: string;
  rootBaseKind: Exclude<BaseKind, 'stage'>;
  /** Layers this stage adds itself (including ONBUILD triggers of its base stage). */
  own: LayerStep[];
  /** Layers carried from earlier stages through `FROM <stage>` chains. */
  inherited: number;
  /** inherited + own: what this stage adds on top of `rootBase`. */
  total: number;
  /** The stage that becomes the image (the last one, or the chosen target). */
  final: boolean;
  /** Built when the final stage is built (the final stage itself, or something it depends on). */
  reachable: boolean;
  usedBy: StageUse[];
}

export interface ImageLayers {
  stages: StageLayers[];
  /** Index of the stage that ships; undefined when there is no stage or the target was not found. */
  finalStage?: number;
  /** Layers the final image adds on top of its external base (following `FROM <stage>` chains). */
  finalLayers: number;
  /** Set when `target` names no stage. */
  targetError?: string;
}

/**
 * The name under which a stage is shown everywhere (lenses, hints, outline, hover, completion, CLI):
 * its `AS` name, or "stage N" with BuildKit's zero-based index (what `--target` cannot name).
 */
export function stageLabel(stage: Pick<Stage, 'name' | 'index'>): string {
  return stage.name ?? t('common.stageIndex', { index: stage.index });
}

export function computeLayers(model: DockerfileModel, target?: string): ImageLayers {
  const stages = model.stages;
  let finalStage: number | undefined = stages.length > 0 ? stages.length - 1 : undefined;
  let targetError: string | undefined;
  if (target !== undefined && target !== '') {
    const found = model.stageByName(target);
    finalStage = found?.index;
    if (!found) targetError = `target stage "${target}" could not be found`;
  }

  const result: StageLayers[] = [];
  for (const facts of allStageFacts(model)) {
    const stage = facts.stage;
    const baseStage = facts.base?.stage.index;
    const baseKind: BaseKind = baseStage !== undefined ? 'stage' : stage.base.toLowerCase() === 'scratch' ? 'scratch' : 'image';
    const parent = baseStage !== undefined ? result[baseStage] : undefined;
    const own = facts.layers;
    const inherited = parent ? parent.total : 0;
    result.push({
      index: stage.index,
      name: stage.name,
      label: stageLabel(stage),
      line: stage.from.startLine,
      base: stage.base,
      baseKind,
      baseStage,
      rootBase: parent ? parent.rootBase : stage.base,
      rootBaseKind: parent ? parent.rootBaseKind : baseKind === 'scratch' ? 'scratch' : 'image',
      own,
      inherited,
      total: inherited + own.length,
      final: stage.index === finalStage,
      reachable: false,
      usedBy: [],
    });
  }

  for (const stage of stages) {
    for (const use of stageUses(model, stage)) result[use.target].usedBy.push({ stage: stage.index, kind: use.kind, instruction: use.instruction });
  }
  if (finalStage !== undefined) markReachable(result, finalStage);

  return {
    stages: result,
    finalStage,
    finalLayers: finalStage !== undefined ? result[finalStage].total : 0,
    targetError,
  };
}

function markReachable(stages: StageLayers[], from: number): void {
  // What each stage reads from, so the walk is linear (10,000 chained stages).
  const reads: number[][] = stages.map(() => []);
  for (const stage of stages) for (const use of stage.usedBy) reads[use.stage].push(stage.index);
  const todo = [from];
  while (todo.length > 0) {
    const index = todo.pop()!;
    const stage = stages[index];
    if (stage.reachable) continue;
    stage.reachable = true;
    todo.push(...reads[index]);
  }
}

export { resolveWorkdir } from './workdir';

interface StageReference {
  target: number;
  kind: StageUseKind;
  instruction: Instruction;
}

/** Earlier stages a stage reads from: `FROM x`, `COPY --from=x`, `RUN --mount=...,from=x`. */
export function stageUses(model: DockerfileModel, stage: Stage): StageReference[] {
  const uses: StageReference[] = [];
  const add = (name: string | undefined, kind: StageUseKind, instruction: Instruction) => {
    const target = name === undefined ? undefined : resolveStageReference(model, name, stage.index);
    if (target !== undefined && !uses.some((u) => u.target === target && u.kind === kind)) uses.push({ target, kind, instruction });
  };
  if (stage.baseStage !== undefined && stage.baseStage < stage.index) uses.push({ target: stage.baseStage, kind: 'FROM', instruction: stage.from });
  for (const ins of stage.instructions) {
    // ONBUILD COPY --from=x is a use by the child stage, not by this one.
    if (ins.keyword === 'ONBUILD') continue;
    const inner = ins;
    for (const flag of inner.flags) {
      const name = flag.name.toLowerCase();
      if (name === 'from' && (inner.keyword === 'COPY' || inner.keyword === 'ADD')) add(flag.value, 'COPY --from', inner);
      if (name === 'mount' && inner.keyword === 'RUN' && flag.value !== undefined) add(mountFrom(flag.value), 'RUN --mount', inner);
    }
  }
  return uses;
}

/** The `from=` of a `--mount` value (comma-separated `key=value` options). */
function mountFrom(value: string): string | undefined {
  for (const part of value.split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim().toLowerCase() === 'from') return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** A stage name (case-insensitive) or a numeric index, referring to an earlier stage. */
function resolveStageReference(model: DockerfileModel, name: string, from: number): number | undefined {
  if (/^\d+$/.test(name)) {
    const index = Number(name);
    return index < from ? index : undefined;
  }
  const stage = model.stageByName(name);
  return stage && stage.index < from ? stage.index : undefined;
}

// ---- Editor views: code lenses above FROM, inlay hints on layer-adding instructions ----

/** The command the client registers: a quick pick of the stage's layer-adding instructions. */
export const SHOW_LAYERS_COMMAND = 'docklens.showLayers';

/** One entry of the quick pick: `line` is 0-based, `layer` the 1-based position in the stage. */
export interface ShowLayersItem {
  line: number;
  text: string;
  layer: number;
}

/** Arguments of `docklens.showLayers`: [uri, stage index, items]. */
export type ShowLayersArguments = [uri: string, stage: number, items: ShowLayersItem[]];

const layerCount = (n: number): string => tn('layers.count', n);

/** What a stage's lens says (see layerLenses.ts). */
export interface LensFacts {
  base: string;
  baseKind: BaseKind;
  rootBase: string;
  inherited: number;
  total: number;
  /** Layers the stage adds itself. */
  ownCount: number;
  final: boolean;
  /** The labels of the stages that use this one, each once, in file order. */
  users: string[];
  /** Built when the image is (or no stage ships). */
  built: boolean;
}

/** The lens title of one stage. */
export function stageLensTitle(stage: LensFacts): string {
  const count = stage.inherited > 0 ? t('layers.ownCount', { layers: layerCount(stage.total), own: stage.ownCount }) : layerCount(stage.total);
  if (stage.final) return t('layers.finalImage', { base: stage.rootBase, layers: layerCount(stage.total) });
  if (stage.users.length === 0) return t('layers.unusedStage', { layers: count });
  return t(stage.built ? 'layers.notShipped' : 'layers.notShippedNotBuilt', { layers: count, users: stage.users.join(', ') });
}

export function stageLensTooltip(stage: LensFacts): string {
  const base =
    stage.baseKind === 'stage'
      ? t('layers.tooltip.fromStage', { stage: stage.base, layers: layerCount(stage.inherited), base: stage.rootBase })
      : stage.baseKind === 'scratch'
        ? t('layers.tooltip.fromScratch')
        : t('layers.tooltip.fromImage', { base: stage.base });
  return `${base} ${t('layers.tooltip.rules')}`;
}

/** One code lens above every FROM (layerLenses.ts). */
export { layerCodeLenses } from './layerLenses';

export function showLayersItems(stage: StageLayers): ShowLayersItem[] {
  return stage.own.map((step, i) => ({
    line: step.line,
    text: step.onbuildFromStage !== undefined ? t('layers.triggerFromStage', { text: step.text, stage: step.onbuildFromStage }) : step.text,
    layer: stage.inherited + i + 1,
  }));
}

/**
 * "layer 3 of 7 in stage build" at the end of the first line of each layer-adding instruction in `range`.
 * Only the stages the range meets are analysed (with the stages they build on): a range costs its own
 * size, not the file's.
 */
export function layerInlayHints(model: DockerfileModel, range?: Range): InlayHint[] {
  const hints: InlayHint[] = [];
  const first = range ? range.start.line : 0;
  const last = range ? range.end.line : Number.MAX_SAFE_INTEGER;
  const stages = model.stages;
  const single = stages.length === 1 && !stages[0].name;
  const from = range ? (model.stageAt(model.lines.offsetAt(range.start))?.index ?? 0) : 0;
  for (let k = from; k < stages.length && stages[k].from.startLine <= last; k++) {
    const facts = stageFacts(model, stages[k]);
    let inherited = 0;
    for (let base = facts.base; base; base = base.base) inherited += base.layers.length;
    const total = inherited + facts.layers.length;
    const stage = stages[k];
    const label = stageLabel(stage);
    facts.layers.forEach((step, i) => {
      if (step.onbuildFromStage !== undefined || step.line < first || step.line > last) return;
      const numbers = { layer: inherited + i + 1, total };
      const position = model.lines.positionAt(model.lines.lineEnd(step.line));
      const info = getInstructionInfo(step.keyword);
      hints.push({
        position,
        label: single ? t('layers.hint', numbers) : stage.name ? t('layers.hintInStage', { ...numbers, stage: stage.name }) : t('layers.hintIn', { ...numbers, stage: label }),
        paddingLeft: true,
        tooltip: info?.layerNote,
      });
    });
  }
  return hints;
}
