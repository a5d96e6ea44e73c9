// Where the shared test corpora live (read-only): ../shared/corpora beside the repository, or
// DOCKLENS_CORPORA.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const CORPORA = resolve(process.env.DOCKLENS_CORPORA ?? join(process.cwd(), '..', 'shared', 'corpora'));

export function corpusPath(...parts: string[]): string {
  return join(CORPORA, ...parts);
}

export function hasCorpora(): boolean {
  return existsSync(corpusPath('README.md'));
}

/** Every real Dockerfile of the corpus: id, text, and the names of its reference files. */
export function corpusDockerfiles(): { id: string; path: string; text: string }[] {
  const dir = corpusPath('dockerfiles');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.Dockerfile'))
    .sort()
    .map((f) => ({ id: f.replace(/\.Dockerfile$/, ''), path: join(dir, f), text: readFileSync(join(dir, f), 'utf8') }));
}
