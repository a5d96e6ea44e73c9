// Shared helpers for the Compose tests: a host over the fixture project, cursor markers.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ComposeContext, ComposeHost } from '../../server/src/compose/dockerfiles';
import { cursor } from '../support/lspClient';

export const FIXTURES = resolve('test/fixtures/compose');
/** A small project with Dockerfiles, env files and an extends base, as a Compose file would see it. */
export const PROJECT = resolve(FIXTURES, 'project');

export const projectHost: ComposeHost = {
  readFile: (p) => (existsSync(p) ? readFileSync(p, 'utf8') : undefined),
  exists: (p) => existsSync(p),
};

/** The context for a Compose file placed in the fixture project under `fileName`. */
export function projectContext(fileName = 'compose.yaml'): ComposeContext {
  return { host: projectHost, path: `${PROJECT}/${fileName}`, uri: `file://${PROJECT}/${fileName}` };
}

/** Removes the first `|` and returns the text and the cursor offset. */
export function withCursor(marked: string): { text: string; offset: number } {
  const { text, offset } = cursor(marked);
  return { text, offset };
}

/**
 * Splits a fixture file into cases: `## name` starts a case; `#> key: value` lines are
 * expectations; the rest is the Compose text with a `|` cursor.
 */
export function readCases(path: string): { name: string; text: string; expect: Record<string, string[]> }[] {
  const cases: { name: string; text: string; expect: Record<string, string[]> }[] = [];
  let current: { name: string; lines: string[]; expect: Record<string, string[]> } | undefined;
  const flush = () => {
    if (current) cases.push({ name: current.name, text: current.lines.join('\n').replace(/\n+$/, '\n'), expect: current.expect });
  };
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const head = /^## (.+)$/.exec(line);
    if (head) {
      flush();
      current = { name: head[1].trim(), lines: [], expect: {} };
      continue;
    }
    if (!current) continue;
    const exp = /^#> ([\w-]+): ?(.*)$/.exec(line);
    if (exp) {
      (current.expect[exp[1]] ??= []).push(exp[2]);
      continue;
    }
    current.lines.push(line);
  }
  flush();
  return cases;
}
