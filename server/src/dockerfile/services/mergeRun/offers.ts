// What merge-RUN offers: the pairs of consecutive RUNs (with why a pair does not merge), the
// maximal mergeable chains, the merges proposed for one RUN, and every chain of the file merged.
import type { Instruction } from '../../parser/ast';
import { derivedKey, type DockerfileModel, type Stage } from '../../parser/model';
import { mergeReason, mergeRuns, type TextEditOffsets } from './mergeText';

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

interface StageMerges {
  pairs: RunPair[];
  chains: RunChain[];
  chainOf: Map<Instruction, { chain: RunChain; at: number }>;
}

/** Per stage index, read on first use: pairs and chains never cross a stage, and a stage rule re-run after an edit reads only its stage. */
const BY_STAGE = derivedKey<Map<number, StageMerges>>('mergesByStage');
const newByStage = (): Map<number, StageMerges> => new Map();

function stageMerges(model: DockerfileModel, stage: Stage): StageMerges {
  const byStage = model.derived(BY_STAGE, newByStage);
  let found = byStage.get(stage.index);
  if (found) return found;
  const pairs: RunPair[] = [];
  const list = stage.instructions;
  for (let i = 1; i < list.length; i++) {
    if (list[i].keyword !== 'RUN' || list[i - 1].keyword !== 'RUN') continue;
    const reason = mergeReason(model, [list[i - 1], list[i]]);
    pairs.push({ stage: stage.index, previous: list[i - 1], run: list[i], mergeable: reason === undefined, reason });
  }
  const chains: RunChain[] = [];
  for (const pair of pairs) {
    if (!pair.mergeable) continue;
    const last = chains[chains.length - 1];
    if (last && last.runs[last.runs.length - 1] === pair.previous) last.runs.push(pair.run);
    else chains.push({ stage: pair.stage, runs: [pair.previous, pair.run] });
  }
  const chainOf = new Map<Instruction, { chain: RunChain; at: number }>();
  for (const chain of chains) chain.runs.forEach((r, at) => chainOf.set(r, { chain, at }));
  byStage.set(stage.index, (found = { pairs, chains, chainOf }));
  return found;
}

/** Every RUN that directly follows another RUN of the same stage (of `stage`, or of the file), with whether the two merge. */
export function findRunPairs(model: DockerfileModel, stage?: Stage): RunPair[] {
  return stage ? stageMerges(model, stage).pairs : model.stages.flatMap((s) => stageMerges(model, s).pairs);
}

/** The maximal mergeable chains (two RUNs or more) of the stage or the file, in order. */
export function mergeableChains(model: DockerfileModel, stage?: Stage): RunChain[] {
  return stage ? stageMerges(model, stage).chains : model.stages.flatMap((s) => stageMerges(model, s).chains);
}

export interface MergeOffer {
  title: string;
  runs: Instruction[];
  edit: TextEditOffsets;
}

/** The mergeable chain a RUN belongs to, with its place in it. */
function chainOf(model: DockerfileModel, run: Instruction): { chain: RunChain; at: number } | undefined {
  const stage = model.stageAt(run.start);
  return stage ? stageMerges(model, stage).chainOf.get(run) : undefined;
}

export function offer(model: DockerfileModel, title: string, runs: Instruction[]): MergeOffer | undefined {
  const result = mergeRuns(model, runs);
  return result.edit ? { title, runs, edit: result.edit } : undefined;
}

/**
 * For a RUN that follows another in a mergeable chain: "Merge with previous RUN" and, for a chain
 * of three or more, "Merge N consecutive RUN instructions".
 */
export function mergeOffersFor(
  model: DockerfileModel,
  run: Instruction,
  /** Whole-chain merges already computed (a long chain is asked for by each of its RUNs). */
  chainOffers = new Map<RunChain, MergeOffer | undefined>(),
): MergeOffer[] {
  const found = chainOf(model, run);
  if (!found || found.at === 0) return [];
  const { chain, at } = found;
  const offers: MergeOffer[] = [];
  const previous = offer(model, 'Merge with previous RUN', [chain.runs[at - 1], run]);
  if (previous) offers.push(previous);
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
