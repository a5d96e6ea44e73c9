import { test } from 'node:test';
import { parseDockerfile } from '../../server/src/dockerfile/parser/parser';
import { reparse } from '../../server/src/dockerfile/parser/incremental';
import { corpusDockerfiles } from '../support/corpora';
function diff(a: any, b: any, path: string): string | undefined {
  if (JSON.stringify(a) === JSON.stringify(b)) return undefined;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return `${path}: ${JSON.stringify(a)?.slice(0, 300)} vs ${JSON.stringify(b)?.slice(0, 300)}`;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) { const d = diff(a[k], b[k], path + '.' + k); if (d) return d; }
  return `${path}: ?`;
}
const SNIPPETS = ['\n', '\n\n', ' \\\n', '\\', 'RUN echo hi\n', '# note\n', '#\n', 'RUN <<EOF\n', 'EOF\n', 'RUN cat <<-END >x\n\tbody\n\tEND\n', '"', "'", ' ', '\t', '`', 'FROM scratch AS s\n', 'x', '$', '{', '<<', 'ONBUILD RUN a \\\n', '  # inside\n', '\r\n'];
function rng(seed: number) { let s = seed >>> 0; return () => { s = (s + 0x6d2b79f5) >>> 0; let t = s; t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; }; }
function randomEdit(text: string, next: () => number) { const at = Math.floor(next() * (text.length + 1)); const kind = next(); const snippet = SNIPPETS[Math.floor(next() * SNIPPETS.length)]; if (kind < 0.45) return { start: at, end: at, text: snippet }; const end = Math.min(text.length, at + 1 + Math.floor(next() * 40)); if (kind < 0.75) return { start: at, end, text: '' }; return { start: at, end, text: snippet }; }
test('dbg', () => {
  const next = rng(20261205);
  for (const file of corpusDockerfiles()) {
    let ast = parseDockerfile(file.text);
    for (let k = 0; k < 4; k++) {
      const edit = randomEdit(ast.text, next);
      const inc = reparse(ast, [edit]);
      const full = parseDockerfile(inc.text);
      const d = diff(inc, full, '');
      if (d) { console.log('DBG', file.id, k, JSON.stringify(edit), d); console.log('DBG', JSON.stringify(ast.text.slice(0, 400))); return; }
      ast = inc;
    }
  }
});
