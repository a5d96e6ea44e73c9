// Where stages are named and used: `FROM image AS name` defines, `FROM name`, `COPY --from=name`
// (or `--from=<index>`) and `RUN --mount=…,from=name` use. BuildKit lower-cases stage names, so
// matching ignores case. Image names in the same places (not stages) are collected too, for links.
import type { SourceText } from '../../common/sourceText';
import type { Flag, Instruction, Span } from '../parser/ast';
import { derivedKey, type DockerfileModel, type Stage } from '../parser/model';

export interface StageOccurrence {
  stage: Stage;
  /** The name (or index) as written. */
  span: Span;
  role: 'definition' | 'reference';
  /** `COPY --from=0`: refers to the stage by position, not by name. */
  byIndex: boolean;
  instruction: Instruction;
}

/** An image named where a stage could be: `COPY --from=nginx:1.27`, `RUN --mount=from=alpine`. */
export interface ImageUse {
  text: string;
  span: Span;
  instruction: Instruction;
}

export interface StageIndex {
  /** In document order. */
  occurrences: StageOccurrence[];
  /** `--from`/`from=` values that name no stage: images (or build contexts). */
  images: ImageUse[];
}

const STAGE_INDEX = derivedKey<StageIndex>('stageIndex');

export function stageIndex(model: DockerfileModel): StageIndex {
  return model.derived(STAGE_INDEX, buildStageIndex);
}

/** The stage name (or index) at `offset`, if any. */
export function stageOccurrenceAt(model: DockerfileModel, offset: number): StageOccurrence | undefined {
  return stageIndex(model).occurrences.find((o) => offset >= o.span.start && offset <= o.span.end);
}

/** Every place that names `stage`, definition first. */
export function occurrencesOfStage(model: DockerfileModel, stage: Stage): StageOccurrence[] {
  return stageIndex(model).occurrences.filter((o) => o.stage === stage);
}

function buildStageIndex(model: DockerfileModel): StageIndex {
  const occurrences: StageOccurrence[] = [];
  const images: ImageUse[] = [];
  for (const stage of model.stages) {
    if (stage.name && stage.nameSpan) {
      occurrences.push({ stage, span: stage.nameSpan, role: 'definition', byIndex: false, instruction: stage.from });
    }
    if (stage.baseStage !== undefined && stage.baseSpan) {
      occurrences.push({ stage: model.stages[stage.baseStage], span: stage.baseSpan, role: 'reference', byIndex: false, instruction: stage.from });
    }
  }
  for (const top of model.ast.instructions) usesIn(model, top, occurrences, images);
  occurrences.sort((a, b) => a.span.start - b.span.start);
  return { occurrences, images };
}

/** The images an instruction names where a stage could be (what `stageIndex(model).images` lists of it). */
export function imageUsesIn(model: DockerfileModel, top: Instruction): ImageUse[] {
  const images: ImageUse[] = [];
  usesIn(model, top, undefined, images);
  return images;
}

/** The stages (when `occurrences` is given) and images an instruction names in `--from` and `--mount=from=`. */
function usesIn(model: DockerfileModel, top: Instruction, occurrences: StageOccurrence[] | undefined, images: ImageUse[]): void {
  const text = model.ast.source;
  const use = (instruction: Instruction, value: string, source: Span, allowIndex: boolean) => {
    if (value === '' || value.includes('$')) return;
    const span = locate(text, source, value);
    if (!span) return;
    if (allowIndex && /^\d+$/.test(value)) {
      const stage = model.stages[Number(value)];
      if (stage) occurrences?.push({ stage, span, role: 'reference', byIndex: true, instruction });
      return;
    }
    const stage = model.stageByName(value);
    if (stage) occurrences?.push({ stage, span, role: 'reference', byIndex: false, instruction });
    else images.push({ text: value, span, instruction });
  };
  const ins = top.keyword === 'ONBUILD' && top.inner ? top.inner : top;
  for (const flag of ins.flags) {
    const name = flag.name.toLowerCase();
    if (name === 'from' && ins.keyword === 'COPY' && flag.value !== undefined && flag.valueSpan) {
      use(top, flag.value, flag.valueSpan, true);
    } else if (name === 'mount' && ins.keyword === 'RUN') {
      const from = mountFrom(flag);
      if (from) use(top, from.value, from.span, false);
    }
  }
}

/** The `from=` option of a `--mount` flag, with the source span of its value. */
function mountFrom(flag: Flag): { value: string; span: Span } | undefined {
  if (flag.value === undefined || !flag.valueSpan) return undefined;
  let pos = 0;
  for (const option of flag.value.split(',')) {
    const eq = option.indexOf('=');
    if (eq > 0 && option.slice(0, eq).trim().toLowerCase() === 'from') {
      const value = option.slice(eq + 1).trim();
      // Best guess of the source position; `locate` confirms it against the text.
      const guess = flag.valueSpan.start + pos + eq + 1;
      return { value, span: { start: guess, end: flag.valueSpan.end } };
    }
    pos += option.length + 1;
  }
  return undefined;
}

/** The exact span of `value` at or after `source.start` within `source` (quotes and continuations skipped). */
function locate(text: SourceText, source: Span, value: string): Span | undefined {
  // Looked for inside the span only (as much of it as the value needs).
  const found = text.slice(source.start, Math.max(source.end, source.start + value.length)).indexOf(value);
  if (found < 0) return undefined;
  return { start: source.start + found, end: source.start + found + value.length };
}
