// BuildKit's checks on files and comments around instructions: CopyIgnoredFile (a regular check
// since Dockerfile frontend 1.21, experimental before) and InvalidDefinitionDescription
// (experimental: runs only with `# check=experimental=<name>|all`, or when a setting turns it on).
import { instructionRule, type Finding, type Rule, type RuleContext } from '../rule';
import { finding, headSpan, NO_FINDINGS } from './helpers';
import { cleanPath, dockerignoreFor, isIgnored, type IgnorePattern } from './dockerignore';

const DOCS = 'https://docs.docker.com/go/dockerfile/rule/';

/** `<Dockerfile>.dockerignore` beside the file wins over the context's `.dockerignore` (the file's folder). */
export function loadDockerignore(ctx: RuleContext): IgnorePattern[] | undefined {
  if (!ctx.filePath) return undefined;
  return dockerignoreFor(ctx.filePath, ctx.host)?.parsed.patterns;
}

const REMOTE = /^(?:[a-z][a-z0-9+.-]*:\/\/|git@)/i;

export const copyIgnoredFile: Rule = {
  code: 'CopyIgnoredFile',
  defaultSeverity: 'warning',
  url: DOCS + 'copy-ignored-file/',
  description: 'Attempting to Copy file that is excluded by .dockerignore',
  buildkit: true,
  experimentalBefore: [1, 21],
  check(ctx) {
    const patterns = loadDockerignore(ctx);
    // BuildKit does not check at all when a pattern re-includes files (`!keep`): too hard to decide statically.
    if (!patterns || patterns.length === 0 || patterns.some((p) => p.negate)) return NO_FINDINGS;
    // The context root (`.`, `/`) counts as ignored only when a pattern excludes every entry.
    const rootIgnored = patterns.some((p) => ['*', '**', '**/*'].includes(p.pattern));
    let out: Finding[] | undefined;
    for (const stage of ctx.model.stages) {
      for (const ins of stage.instructions) {
        if ((ins.keyword !== 'COPY' && ins.keyword !== 'ADD') || ins.flags.some((f) => f.name.toLowerCase() === 'from')) continue;
        for (const src of ins.args.slice(0, -1)) {
          const p = src.value;
          if (p.startsWith('<<') || REMOTE.test(p) || /[*?[$]/.test(p)) continue;
          // BuildKit names the source as Go's filepath.Clean writes it (`./a/../b` → `b`, `./` → `.`).
          const shown = cleanPath(p, true);
          const ignored = shown === '.' || shown === '/' ? rootIgnored : isIgnored(patterns, p);
          if (ignored) (out ??= []).push(finding(src, `Attempting to ${ins.keyword[0] + ins.keyword.slice(1).toLowerCase()} file "${shown}" that is excluded by .dockerignore`));
        }
      }
    }
    return out ?? NO_FINDINGS;
  },
};

export const invalidDefinitionDescription: Rule = instructionRule({
  code: 'InvalidDefinitionDescription',
  defaultSeverity: 'warning',
  url: DOCS + 'invalid-definition-description/',
  description: 'Comment for build stage or argument should follow the format: `# <arg/stage name> <description>`. If this is not intended to be a description comment, add an empty line or comment between the instruction and the comment.',
  buildkit: true,
  experimental: true,
  keywords: ['FROM', 'ARG'],
  checkInstruction(ins, { model }) {
    // BuildKit's PrevComment: the comments since the previous instruction; a bare `#` line starts it afresh.
    const comments = ins.prevComments;
    if (comments.length === 0) return NO_FINDINGS;
    let keys: string[] = [];
    if (ins.keyword === 'FROM') {
      // The stage name, as the model reads it (`FROM image AS name`).
      const [, as, name] = ins.args;
      if (as && as.value.toLowerCase() === 'as' && name && name.value) keys = [name.value];
    } else if (ins.keyword === 'ARG') keys = ins.keyValues.map((kv) => kv.key.value);
    if (keys.length === 0) return NO_FINDINGS;
    // The comment right above is the description; its first word (split on spaces) must name a key.
    const first = comments[comments.length - 1].split(' ')[0];
    if (keys.includes(first)) return NO_FINDINGS;
    const example = keys.length > 1 ? '<arg_key>' : keys[0];
    return [finding(headSpan(model, ins), `Comment for ${ins.keyword === 'FROM' ? 'FROM' : 'ARG'} should follow the format: \`# ${example} <description>\``)];
  },
});
