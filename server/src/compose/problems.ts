// What a Compose check reports, in offsets. The facade converts to LSP diagnostics at the edge.
import type { Span } from './model';
// One edit distance for Dockerfile and Compose suggestions (a swap of neighbours counts as one edit: `imgae`).
import { levenshtein } from '../common/levenshtein';

export type ProblemSeverity = 'error' | 'warning' | 'information';

export interface TextEditSpan {
  span: Span;
  newText: string;
}

export interface ProblemFix {
  title: string;
  edits: TextEditSpan[];
  preferred?: boolean;
}

export interface ComposeProblem {
  span: Span;
  severity: ProblemSeverity;
  /** Stable id, shown as `docklens(<code>)`-style code by the facade. */
  code: string;
  message: string;
  fixes?: ProblemFix[];
  /** The reported text is obsolete (drawn faded) — e.g. `version:`. */
  unnecessary?: boolean;
}

/** The closest candidate within a typo's distance, if any. */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  const lower = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = levenshtein(lower, c.toLowerCase());
    const limit = Math.max(1, Math.min(3, Math.floor(c.length / 3)));
    if (d <= limit && d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

/** `a, b and c` (at most `max` names, then "…"). */
export function listNames(names: string[], max = 8): string {
  if (names.length === 0) return 'none';
  const shown = names.slice(0, max);
  const more = names.length > max ? `, … (${names.length - max} more)` : '';
  if (shown.length === 1) return shown[0] + more;
  return more ? shown.join(', ') + more : shown.slice(0, -1).join(', ') + ' and ' + shown[shown.length - 1];
}
