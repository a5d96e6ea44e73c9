// Three findings whose fix is merging RUN instructions (see services/mergeRun.ts for how the merge
// keeps the build's meaning): consecutive RUNs, `apt-get update` alone in its RUN, and a RUN that
// only deletes what an earlier RUN created.
import type { Instruction, Span } from '../../../parser/ast';
import type { DockerfileModel } from '../../../parser/model';
import { stageRule, type Finding, type Fix, type Rule } from '../rule';
import { aptGetUpdateAlone, cleanupOnlyRuns, FILE_STYLE, fileStyleKey, findRunPairs, mergeOffersFor, type MergeOffer, type RunChain } from '../../mergeRun';

const BEST_PRACTICES = 'https://docs.docker.com/build/building/best-practices/';

function toFix(offer: MergeOffer): Fix {
  // Not `preferred`: a merge rewrites the user's layout, so it is never applied without looking.
  return { title: offer.title, edits: [offer.edit] };
}

/** The RUN's first line: where the squiggle goes. */
function head(model: DockerfileModel, ins: Instruction): Span {
  const lineEnd = model.lines.lineEnd(ins.startLine);
  return { start: ins.start, end: Math.max(ins.keywordSpan.end, Math.min(lineEnd, ins.end)) };
}

const lineOf = (ins: Instruction) => ins.startLine + 1;

export interface ConsecutiveRunData {
  mergeable: boolean;
  /** Why the merge is not offered. */
  reason?: string;
  /** 1-based line of the RUN before. */
  previousLine: number;
}

export const consecutiveRunInstructions: Rule = stageRule({
  code: 'ConsecutiveRunInstructions',
  defaultSeverity: 'hint',
  url: `${BEST_PRACTICES}#run`,
  description: 'A RUN directly after another RUN of the same stage: each adds a layer; merged they make one.',
  hadolint: ['DL3059'],
  carried: [FILE_STYLE],
  fileContext: fileStyleKey,
  checkStage(stage, { model }) {
    const pairs = findRunPairs(model, stage);
    const chainOffers = new Map<RunChain, MergeOffer | undefined>();
    const findings: Finding[] = [];
    for (const pair of pairs) {
      const data: ConsecutiveRunData = { mergeable: pair.mergeable, previousLine: lineOf(pair.previous), reason: pair.reason };
      const fixes = pair.mergeable ? mergeOffersFor(model, pair.run, chainOffers).map(toFix) : undefined;
      findings.push({ span: head(model, pair.run), message: consecutiveMessage(data), ...(fixes ? { fixes } : {}), data });
    }
    return findings;
  },
  moveLines(f, lines) {
    const data = f.data as ConsecutiveRunData;
    const moved = { ...data, previousLine: data.previousLine + lines };
    return { ...f, message: consecutiveMessage(moved), data: moved };
  },
});

function consecutiveMessage(data: ConsecutiveRunData): string {
  const base = `This RUN directly follows the RUN on line ${data.previousLine}: each RUN adds a layer and a cache step.`;
  return data.mergeable ? `${base} Merging them into one RUN saves a layer.` : `${base} Not merged automatically: ${data.reason}.`;
}

export const aptGetUpdateAloneRule: Rule = stageRule({
  code: 'AptGetUpdateAlone',
  defaultSeverity: 'info',
  url: `${BEST_PRACTICES}#apt-get`,
  description: "'apt-get update' alone in its RUN: the cached layer keeps old package lists for the installs after it.",
  carried: [FILE_STYLE],
  fileContext: fileStyleKey,
  checkStage(stage, { model }) {
    return aptGetUpdateAlone(model, stage).map((a): Finding => ({
      span: head(model, a.run),
      message:
        "'apt-get update' alone in its RUN: BuildKit caches this layer, so a later 'apt-get install' can run against stale package lists. " +
        'Update and install in the same RUN.',
      fixes: a.merge ? [toFix(a.merge)] : undefined,
    }));
  },
});

export const cleanupInSeparateRun: Rule = stageRule({
  code: 'CleanupInSeparateRun',
  defaultSeverity: 'info',
  url: `${BEST_PRACTICES}#run`,
  description: 'A RUN that only removes files an earlier RUN created: the files stay in the earlier layer.',
  carried: [FILE_STYLE],
  fileContext: fileStyleKey,
  checkStage(stage, { model }) {
    return cleanupOnlyRuns(model, stage).map((c): Finding => ({
      span: head(model, c.run),
      message: cleanupMessage(lineOf(c.creator)),
      fixes: c.merge ? [toFix(c.merge)] : undefined,
      data: { creatorLine: lineOf(c.creator) },
    }));
  },
  moveLines(f, lines) {
    const creatorLine = (f.data as { creatorLine: number }).creatorLine + lines;
    return { ...f, message: cleanupMessage(creatorLine), data: { creatorLine } };
  },
});

function cleanupMessage(creatorLine: number): string {
  return (
    `This RUN only removes files created by the RUN on line ${creatorLine}: this does not make the image smaller, ` +
    'the files stay in that earlier layer. Merge it into the RUN that created them.'
  );
}

/** For the table, in this order. */
export const MERGE_RUN_RULES: readonly Rule[] = [consecutiveRunInstructions, aptGetUpdateAloneRule, cleanupInSeparateRun];
