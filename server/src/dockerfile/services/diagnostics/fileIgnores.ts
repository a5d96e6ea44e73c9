// Codes a file silences everywhere: `# hadolint global ignore=DL3008,...` (hadolint's pragma, when
// pragmas are on) and `# docklens-ignore-file Code ...`, in any comment of the file. Counted per
// instruction (the comments after the instruction before it, up to its end) so that an edit carries
// the counts from the previous version (parser/fileSum.ts) instead of reading every comment again;
// the comments after the last instruction are read on each version.
import type { Comment } from '../../parser/ast';
import { derivedKey, type DockerfileModel } from '../../parser/model';
import { fileSum, type FileSum } from '../../parser/fileSum';
import { RULES_BY_HADOLINT } from './table';

/** How many comments silence each code: by hadolint's pragma, by ours. */
interface IgnoreCounts {
  hadolint: Map<string, number>;
  docklens: Map<string, number>;
}

/** The codes one comment silences, when it is one of the two pragmas. */
function pragmaCodes(c: Comment, into: IgnoreCounts, sign: 1 | -1): void {
  // Both pragmas start with h or d (any case): most comments are passed over without a match.
  const first = c.text.charCodeAt(0) | 0x20;
  if (first !== 0x68 && first !== 0x64) return;
  const count = (map: Map<string, number>, code: string) => map.set(code, (map.get(code) ?? 0) + sign);
  const m = /^hadolint\s+global\s+ignore=(\S+)/i.exec(c.text);
  if (m) for (const h of m[1].split(',')) for (const code of RULES_BY_HADOLINT.get(h.trim()) ?? [h.trim()]) count(into.hadolint, code);
  const d = /^docklens-ignore-file\s+(.+)$/i.exec(c.text);
  if (d) for (const code of d[1].split(/[\s,]+/).filter(Boolean)) count(into.docklens, code);
}

export const FILE_IGNORES: FileSum<IgnoreCounts> = {
  key: derivedKey<IgnoreCounts>('fileIgnores'),
  empty: () => ({ hadolint: new Map(), docklens: new Map() }),
  copy: (total) => ({ hadolint: new Map(total.hadolint), docklens: new Map(total.docklens) }),
  /** The comments that belong to `ins`: after the instruction before it, up to its end. */
  add(total, model, ins, sign) {
    // Read through the lists: after an edit only the comments read are made in this version's offsets.
    const comments = model.ast.commentList;
    if (comments.length === 0) return;
    const list = model.ast.instructionList;
    const index = list.firstFrom(ins.start);
    const after = index > 0 ? list.at(index - 1).end : -1;
    for (let k = comments.firstFrom(after + 1); k < comments.length && comments.at(k).start <= ins.end; k++) pragmaCodes(comments.at(k), total, sign);
  },
};

/** The codes silenced in the whole file (hadolint's pragma only when `hadolintPragmas`). */
export function fileIgnores(model: DockerfileModel, hadolintPragmas: boolean): Set<string> {
  const counts = fileSum(model, FILE_IGNORES);
  const list = model.ast.instructionList;
  const tail: IgnoreCounts = { hadolint: new Map(), docklens: new Map() };
  const comments = model.ast.commentList;
  for (let k = comments.firstFrom((list.length > 0 ? list.at(list.length - 1).end : -1) + 1); k < comments.length; k++) pragmaCodes(comments.at(k), tail, 1);
  const codes = new Set<string>();
  for (const map of hadolintPragmas ? [counts.hadolint, tail.hadolint, counts.docklens, tail.docklens] : [counts.docklens, tail.docklens]) {
    for (const [code, n] of map) if (n > 0) codes.add(code);
  }
  return codes;
}
