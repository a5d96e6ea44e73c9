// BuildKit's experimental checks (run only with `# check=experimental=<name>|all`, or when a
// setting turns them on): CopyIgnoredFile and InvalidDefinitionDescription.
import type { Finding, Rule, RuleContext } from '../rule';
import { commentBlockAbove, finding, headSpan } from './helpers';
import { isIgnored, parseDockerignore, type IgnorePattern } from './dockerignore';

const DOCS = 'https://docs.docker.com/go/dockerfile/rule/';

function dirname(path: string): string {
  const i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return i < 0 ? '.' : path.slice(0, i) || '/';
}

function basename(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}

/** `<Dockerfile>.dockerignore` beside the file wins over the context's `.dockerignore` (the file's folder). */
export function loadDockerignore(ctx: RuleContext): IgnorePattern[] | undefined {
  if (!ctx.filePath) return undefined;
  const dir = dirname(ctx.filePath);
  const text = ctx.host.readFile(`${dir}/${basename(ctx.filePath)}.dockerignore`) ?? ctx.host.readFile(`${dir}/.dockerignore`);
  return text === undefined ? undefined : parseDockerignore(text);
}

const REMOTE = /^(?:[a-z][a-z0-9+.-]*:\/\/|git@)/i;

export const copyIgnoredFile: Rule = {
  code: 'CopyIgnoredFile',
  defaultSeverity: 'warning',
  url: DOCS + 'copy-ignored-file/',
  description: 'Attempting to Copy file that is excluded by .dockerignore',
  buildkit: true,
  experimental: true,
  check(ctx) {
    const patterns = loadDockerignore(ctx);
    if (!patterns || patterns.length === 0) return [];
    const out: Finding[] = [];
    for (const stage of ctx.model.stages) {
      for (const ins of stage.instructions) {
        if ((ins.keyword !== 'COPY' && ins.keyword !== 'ADD') || ins.flags.some((f) => f.name.toLowerCase() === 'from')) continue;
        for (const src of ins.args.slice(0, -1)) {
          const p = src.value;
          if (p.startsWith('<<') || REMOTE.test(p) || /[*?[$]/.test(p)) continue;
          if (isIgnored(patterns, p)) out.push(finding(src, `Attempting to ${ins.keyword[0] + ins.keyword.slice(1).toLowerCase()} file "${p}" that is excluded by .dockerignore`));
        }
      }
    }
    return out;
  },
};

export const invalidDefinitionDescription: Rule = {
  code: 'InvalidDefinitionDescription',
  defaultSeverity: 'warning',
  url: DOCS + 'invalid-definition-description/',
  description: 'Comment for build stage or argument should follow the format: `# <arg/stage name> <description>`. If this is not intended to be a description comment, add an empty line or comment between the instruction and the comment.',
  buildkit: true,
  experimental: true,
  check({ model }) {
    const out: Finding[] = [];
    for (const ins of model.ast.instructions) {
      const comments = commentBlockAbove(model, ins).filter((c) => !/^(?:syntax|escape|check)\s*=/i.test(c));
      if (comments.length === 0) continue;
      let name: string | undefined;
      if (ins.keyword === 'FROM') name = model.stages.find((s) => s.from === ins)?.name;
      else if (ins.keyword === 'ARG' && ins.keyValues.length === 1) name = ins.keyValues[0].key.value;
      if (!name) continue;
      const first = comments[0].split(/\s+/)[0] ?? '';
      if (first === name) continue;
      const kind = ins.keyword === 'FROM' ? 'build stage' : 'argument';
      out.push(finding(headSpan(model, ins), `Comment for ${kind} should follow the format: \`# ${name} <description>\``));
    }
    return out;
  },
};
