// The layer code lenses (one above every FROM; clicking lists the stage's layer-adding instructions),
// made after an edit from what earlier versions made of the stages it did not touch
// (parser/stageCarry.ts). Two carried values per stage:
// - its core: the layers it adds (line and text of each) and the stages it reads from. Carried when
//   the stage's text is unchanged, the stage names read as before (they decide what `--from=x` and
//   `FROM x` mean) and the stage it builds on had its core carried too (its ONBUILD triggers and
//   WORKDIR decide this stage's layers);
// - its lens: carried when its core is the same one (moved at most) and its title, tooltip and layer
//   numbers are the same. Titles depend on the whole file (the layers inherited, who uses the stage,
//   whether the final image needs it): they are worked out for every stage on every request, from
//   the cores, in one pass over the stages.
import type { CodeLens } from 'vscode-languageserver-types';
import { stageNames, type DockerfileModel, type Stage } from '../parser/model';
import { ownString, perStage } from '../parser/stageCarry';
import { stageFacts } from './stages';
import { SHOW_LAYERS_COMMAND, stageLabel, stageLensTitle, stageLensTooltip, stageUses, type BaseKind, type LensFacts, type ShowLayersArguments } from './layers';
import { movedRange } from './movedRange';
import { currentLocale, t } from '../../l10n';

interface Step {
  line: number;
  text: string;
  /** Set for an ONBUILD trigger of the base stage (its line is the ONBUILD's, in that stage). */
  onbuildFromStage?: number;
}

interface Core {
  names: Map<string, number>;
  steps: Step[];
  /** The stages it reads from (FROM, COPY --from, RUN --mount from=), each (stage, kind) once. */
  reads: number[];
  hasTriggers: boolean;
  /** The core first made (a carried core moved by lines keeps its origin's). */
  origin: Core | undefined;
}

interface Lens {
  core: Core;
  /** What the title and tooltip were made from. */
  facts: LensFacts;
  lens: CodeLens;
}

const baseIndex = (stage: Stage): number | undefined => (stage.baseStage !== undefined && stage.baseStage < stage.index ? stage.baseStage : undefined);

function cores(model: DockerfileModel): Core[] {
  const names = stageNames(model);
  // Lines moved by, of the stages whose core this pass carried.
  const carried = new Map<number, number>();
  return perStage<Core>(
    model,
    'layerLensCores',
    (stage) => {
      const facts = stageFacts(model, stage);
      const steps = facts.layers.map((s): Step => ({ line: s.line, text: ownString(s.text), onbuildFromStage: s.onbuildFromStage }));
      const reads = stageUses(model, stage).map((u) => u.target);
      return { names, steps, reads, hasTriggers: steps.some((s) => s.onbuildFromStage !== undefined), origin: undefined };
    },
    (old, move, stage) => {
      if (old.names !== names) return undefined;
      const base = baseIndex(stage);
      const baseLines = base === undefined ? move.lines : carried.get(base);
      if (baseLines === undefined || (old.hasTriggers && baseLines !== move.lines)) return undefined;
      carried.set(stage.index, move.lines);
      if (move.lines === 0) return old;
      return { ...old, steps: old.steps.map((s) => ({ ...s, line: s.line + move.lines })), origin: old.origin ?? old };
    },
  );
}

/** One code lens above every FROM; clicking lists the stage's layer-adding instructions. */
export function layerCodeLenses(model: DockerfileModel, uri: string, target?: string): CodeLens[] {
  const stages = model.stages;
  const all = cores(model);
  let finalStage: number | undefined = stages.length > 0 ? stages.length - 1 : undefined;
  if (target !== undefined && target !== '') finalStage = model.stageByName(target)?.index;
  const n = stages.length;
  const totals: number[] = new Array(n);
  const rootBases: string[] = new Array(n);
  const users: string[][] = Array.from({ length: n }, () => []);
  for (let k = 0; k < n; k++) {
    const base = baseIndex(stages[k]);
    totals[k] = (base !== undefined ? totals[base] : 0) + all[k].steps.length;
    rootBases[k] = base !== undefined ? rootBases[base] : stages[k].base;
    const label = stageLabel(stages[k]);
    for (const target of all[k].reads) if (users[target][users[target].length - 1] !== label && !users[target].includes(label)) users[target].push(label);
  }
  const reachable = new Uint8Array(n);
  if (finalStage !== undefined) {
    const todo = [finalStage];
    while (todo.length > 0) {
      const k = todo.pop()!;
      if (reachable[k]) continue;
      reachable[k] = 1;
      for (const read of all[k].reads) todo.push(read);
    }
  }
  const factsOf = (stage: Stage): LensFacts => {
    const k = stage.index;
    const base = baseIndex(stage);
    const baseKind: BaseKind = base !== undefined ? 'stage' : stage.base.toLowerCase() === 'scratch' ? 'scratch' : 'image';
    const ownCount = all[k].steps.length;
    return { base: stage.base, baseKind, rootBase: rootBases[k], inherited: totals[k] - ownCount, total: totals[k], ownCount, final: k === finalStage, users: users[k], built: reachable[k] === 1 || finalStage === undefined };
  };
  const lenses = perStage<Lens>(
    model,
    `layerLenses ${currentLocale()} ${target ?? ''} ${uri}`,
    (stage) => makeLens(model, uri, stage, all[stage.index], factsOf(stage)),
    (old, move, stage) => {
      const core = all[stage.index];
      if (core !== old.core && (core.origin ?? core) !== (old.core.origin ?? old.core)) return undefined;
      const facts = factsOf(stage);
      if (!sameFacts(facts, old.facts)) return undefined;
      if (move.lines === 0) return core === old.core ? old : { ...old, core };
      const [, index, items] = old.lens.command!.arguments as ShowLayersArguments;
      const args: ShowLayersArguments = [uri, index, items.map((item) => ({ ...item, line: item.line + move.lines }))];
      return { ...old, core, lens: { range: movedRange(old.lens.range, move.lines), command: { ...old.lens.command!, arguments: args } } };
    },
  );
  return lenses.map((l) => l.lens);
}

function makeLens(model: DockerfileModel, uri: string, stage: Stage, core: Core, facts: LensFacts): Lens {
  const from = stage.from;
  const range = model.lines.rangeOf({ start: from.start, end: Math.min(from.end, model.lines.lineEnd(from.startLine)) });
  const items = core.steps.map((step, i) => ({
    line: step.line,
    text: step.onbuildFromStage !== undefined ? t('layers.triggerFromStage', { text: step.text, stage: step.onbuildFromStage }) : step.text,
    layer: facts.inherited + i + 1,
  }));
  const args: ShowLayersArguments = [uri, stage.index, items];
  const title = stageLensTitle(facts);
  const tooltip = stageLensTooltip(facts);
  return { core, facts, lens: { range, command: { title, tooltip, command: SHOW_LAYERS_COMMAND, arguments: args } } };
}

/** The same title, tooltip and layer numbers (without making the strings: l10n's formatting is most of a carried lens's cost). */
function sameFacts(a: LensFacts, b: LensFacts): boolean {
  return (
    a.base === b.base &&
    a.baseKind === b.baseKind &&
    a.rootBase === b.rootBase &&
    a.inherited === b.inherited &&
    a.total === b.total &&
    a.ownCount === b.ownCount &&
    a.final === b.final &&
    a.built === b.built &&
    a.users.length === b.users.length &&
    a.users.every((u, i) => u === b.users[i])
  );
}
