// Features of one document that read its whole project (test/fixtures/compose-project/features.json):
// the service hover with the merged definition and each value's file:line, command/entrypoint
// hovers and build lenses after merge and `${VAR}`, origins per key of merged mappings.
// In each case the file named by `open` holds a `|` cursor (hovers) or none (lenses, origins).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as posix from 'node:path/posix';
import type { FileHost } from '../../server/src/common/files';
import { composeCodeLenses, composeHover, parseCompose, validateCompose } from '../../server/src/compose/index';
import { envFileDiagnostics } from '../../server/src/compose/project/serverSupport';
import { ProjectResolver } from '../../server/src/compose/project/resolver';
import { originOf, originText } from '../../server/src/compose/project/mergedService';
import { resolvedProjectText } from '../../server/src/compose/project/resolvedView';

interface FeatureCase {
  name: string;
  files: Record<string, string>;
  open: string;
  hover?: { contains?: string[]; lacks?: string[] };
  lenses?: string[];
  /** origin path (segments joined by `/`) → `file:line` */
  origins?: Record<string, string>;
  /** lines the resolved-project text must contain */
  resolved?: string[];
  /** diagnostics of the open file, as `line code: message` (zero-based line) */
  problems?: string[];
  /** diagnostics of the project's env files, as `file line:character code: message` */
  envProblems?: string[];
}

const ROOT = '/p';
const data = JSON.parse(readFileSync(resolve('test/fixtures/compose-project/features.json'), 'utf8')) as { cases: FeatureCase[] };

function host(files: Record<string, string>): FileHost {
  const abs = new Map(Object.entries(files).map(([p, t]) => [posix.join(ROOT, p), t]));
  const isDir = (p: string) => [...abs.keys()].some((k) => k.startsWith(p + '/'));
  return {
    readFile: (p) => abs.get(p),
    exists: (p) => abs.has(p) || isDir(p),
    read: (p) => (abs.has(p) ? { text: abs.get(p)! } : isDir(p) ? { problem: 'directory' } : { problem: 'missing' }),
  };
}

for (const c of data.cases) {
  test(`compose project feature: ${c.name}`, () => {
    const marked = c.files[c.open];
    const at = marked.indexOf('|');
    const files = { ...c.files, [c.open]: at >= 0 ? marked.slice(0, at) + marked.slice(at + 1) : marked };
    const h = host(files);
    const path = posix.join(ROOT, c.open);
    const project = new ProjectResolver(h).forDocument(path);
    const ctx = { host: h, path, uri: `file://${path}`, project };
    const model = parseCompose(files[c.open]);
    if (c.hover) {
      assert.ok(at >= 0, 'a hover case needs a | cursor');
      const hover = composeHover(model, model.lines.positionAt(at), ctx);
      assert.ok(hover, 'no hover');
      const value = (hover.contents as { value: string }).value;
      for (const want of c.hover.contains ?? []) assert.ok(value.includes(want), `missing «${want}» in:\n${value}`);
      for (const not of c.hover.lacks ?? []) assert.ok(!value.includes(not), `unexpected «${not}» in:\n${value}`);
    }
    if (c.lenses) assert.deepEqual(composeCodeLenses(model, ctx).map((l) => l.command?.title), c.lenses);
    for (const [p, want] of Object.entries(c.origins ?? {})) {
      assert.equal(originText(project.resolved, originOf(project.resolved, ...p.split('/'))), want, p);
    }
    if (c.problems) assert.deepEqual(validateCompose(model, ctx).map((d) => `${d.range.start.line} ${d.code}: ${d.message}`), c.problems);
    if (c.envProblems) {
      const found = [...envFileDiagnostics(project)].flatMap(([file, ds]) => ds.map((d) => `${posix.relative(ROOT, file)} ${d.range.start.line}:${d.range.start.character} ${d.code}: ${d.message}`));
      assert.deepEqual(found, c.envProblems);
    }
    if (c.resolved) {
      const text = resolvedProjectText(project.resolved);
      for (const want of c.resolved) assert.ok(text.includes(want), `missing «${want}» in:\n${text}`);
    }
  });
}
