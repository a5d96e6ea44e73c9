// hadolint's instruction rules that need no shell parser, in our words: EXPOSE ports out of range
// (DL3011, a build error in BuildKit), several COPY sources into a non-directory (DL3021), an ENV
// that reads a name it sets itself (DL3044), COPY to a relative path with no WORKDIR (DL3045), and
// FROM images from registries the team's `.hadolint.yaml` does not trust (DL3026).
import { type Finding, type Rule, instructionRule, stageRule } from '../rule';
import { hasKeyword, NO_FINDINGS, allInstructions, finding, fix, hadolintWiki, insert, unquote, withInner } from './helpers';
import type { Instruction } from '../../../parser/ast';
import { exposePorts, splitPort } from './expose';
import { workdirAt } from '../../instructionContext';
import { parseImageRef } from '../../imageRef';

/** `port` or `from-to`: BuildKit's parsePortRange, with its error words. */
function portError(spec: string): string | undefined {
  const [start, end] = spec.split('-', 2);
  const ok = (p: string | undefined) => p !== undefined && /^\d+$/.test(p) && Number(p) <= 65535;
  if (!ok(start) || (end !== undefined && end !== start && (!ok(end) || Number(end) < Number(start)))) return `invalid containerPort: ${spec}`;
  return undefined;
}

export const invalidExposePort: Rule = instructionRule({
  code: 'InvalidExposePort',
  defaultSeverity: 'error',
  url: hadolintWiki('DL3011'),
  description: 'EXPOSE with a port outside 0-65535 or a malformed range: BuildKit stops the build',
  hadolint: ['DL3011'],
  keywords: ['EXPOSE'],
  checkInstruction(outer, { model }) {
    if (!hasKeyword(outer, 'EXPOSE')) return NO_FINDINGS;
    let out: Finding[] | undefined;
    for (const ins of withInner(outer)) {
      for (const port of exposePorts(ins)) {
        const error = portError(splitPort(port.value).containerPort);
        if (error) (out ??= []).push(finding(port, error));
      }
    }
    return out ?? NO_FINDINGS;
  },
});

export const copyDestinationNotDirectory: Rule = instructionRule({
  code: 'CopyDestinationNotDirectory',
  defaultSeverity: 'warning',
  url: hadolintWiki('DL3021'),
  description: 'COPY or ADD with several sources needs a destination ending with /',
  hadolint: ['DL3021'],
  keywords: ['COPY', 'ADD'],
  checkInstruction(outer, { model }) {
    if (!hasKeyword(outer, 'COPY', 'ADD')) return NO_FINDINGS;
    let out: Finding[] | undefined;
    for (const ins of withInner(outer)) {
      if ((ins.keyword !== 'COPY' && ins.keyword !== 'ADD') || ins.heredocs.length > 0) continue;
      const words = ins.form === 'json' ? ins.args.map((a) => ({ ...a, value: a.value })) : ins.args.filter((a) => a.value !== '');
      if (words.length < 3) continue;
      const dest = words[words.length - 1];
      const path = unquote(dest.value);
      if (path.endsWith('/') || path.endsWith('\\') || path.includes('$')) continue;
      const raw = model.ast.source.slice(dest.start, dest.end);
      const fixes = ins.form !== 'json' && raw === dest.value ? [fix(`Change to ${path}/`, [insert(dest.end, '/')])] : undefined;
      (out ??= []).push(finding(dest, `${ins.keyword} with more than one source needs a directory destination ending with /: '${path}/'`, fixes));
    }
    return out ?? NO_FINDINGS;
  },
});

/** `$NAME` or `${NAME...}` for this exact name (not `$NAMEX`). */
function refersTo(text: string, name: string): boolean {
  // Most values name no variable at all: no pattern is built for them.
  if (!text.includes('$') || !text.includes(name)) return false;
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`\\$(?:\\{${escaped}(?:[:}\\-+?])|${escaped}(?![A-Za-z0-9_]))`).test(text);
}

export const envSelfReference: Rule = stageRule({
  code: 'EnvSelfReference',
  defaultSeverity: 'warning',
  url: hadolintWiki('DL3044'),
  description: 'An ENV that reads a variable it sets itself sees the value from before that ENV',
  hadolint: ['DL3044'],
  checkStage(theStage, { model }) {
    let out: Finding[] | undefined;
    for (const stage of [theStage]) {
      // A name set by an earlier ENV or ARG already has a value; hadolint and BuildKit agree then.
      const known = new Set<string>();
      for (const ins of stage.instructions) {
        if (ins.keyword === 'ARG') for (const kv of ins.keyValues) known.add(kv.key.value);
        if (ins.keyword !== 'ENV') continue;
        const pairs = ins.keyValues;
        for (const kv of pairs) {
          const name = kv.key.value;
          if (known.has(name)) continue;
          const user = pairs.find((other) => other !== kv && other.value && refersTo(other.value.value, name));
          if (user?.value) (out ??= []).push(finding(user.value, `'$${name}' is set by this same ENV: it expands to its earlier value (empty here); set ${name} in an ENV before this one`));
        }
        for (const kv of pairs) known.add(kv.key.value);
      }
    }
    return out ?? NO_FINDINGS;
  },
});

const WINDOWS_ABSOLUTE = /^[A-Za-z]:[\\/]|^\\\\/;

export const copyRelativeWithoutWorkdir: Rule = stageRule({
  code: 'CopyRelativeWithoutWorkdir',
  defaultSeverity: 'warning',
  url: hadolintWiki('DL3045'),
  description: 'COPY to a relative destination before any WORKDIR: where it lands depends on the base image',
  hadolint: ['DL3045'],
  checkStage(theStage, { model }) {
    let out: Finding[] | undefined;
    for (const stage of [theStage]) {
      for (const ins of stage.instructions) {
        if (ins.keyword !== 'COPY') continue;
        // A WORKDIR in effect settles it (most COPYs): their words are not made.
        if (workdirAt(model, stage, ins.start) !== undefined) continue;
        const words = ins.args.filter((a) => a.value !== '');
        if (words.length < 2) continue;
        const dest = words[words.length - 1];
        const path = unquote(dest.value);
        // `"c:\dir\x"`: inside double quotes a backslash before a letter stays (BuildKit's reading).
        const quoted = dest.value.replace(/^(["'])(.*)\1$/, '$2');
        if (path.startsWith('/') || WINDOWS_ABSOLUTE.test(dest.value) || WINDOWS_ABSOLUTE.test(path) || WINDOWS_ABSOLUTE.test(quoted) || path.startsWith('$')) continue;
        (out ??= []).push(finding(dest, `COPY to the relative path '${path}' with no WORKDIR set in this stage: it lands in the base image's working directory`));
      }
    }
    return out ?? NO_FINDINGS;
  },
});

/** hadolint's registry match: `*` any, `*.corp.com` a suffix, `corp.*` a prefix, else exact. */
function registryAllowed(allowed: readonly string[], registry: string): boolean {
  return allowed.some((p) => p === '*' || (p.startsWith('*') ? registry.endsWith(p.slice(1)) : p.endsWith('*') ? registry.startsWith(p.slice(0, -1)) : registry === p));
}

export const untrustedRegistry: Rule = {
  code: 'UntrustedRegistry',
  defaultSeverity: 'error',
  url: hadolintWiki('DL3026'),
  description: "A FROM image or --mount from= image outside the registries the .hadolint.yaml's trustedRegistries allow",
  hadolint: ['DL3026'],
  check({ model, hadolint }) {
    const allowed = hadolint?.trustedRegistries ?? [];
    if (allowed.length === 0) return NO_FINDINGS;
    let out: Finding[] | undefined;
    const trusted = (image: string) => {
      if (image.toLowerCase() === 'scratch' || image.includes('$') || model.stageByName(image)) return true;
      const ref = parseImageRef(image);
      if (ref.registry === undefined) return registryAllowed(allowed, 'docker.io') || registryAllowed(allowed, 'hub.docker.com');
      return registryAllowed(allowed, ref.registry.text);
    };
    const report = (span: { start: number; end: number }, image: string) =>
      (out ??= []).push(finding(span, `'${image}' comes from a registry not in trustedRegistries (${allowed.join(', ')})`));
    for (const stage of model.stages) {
      if (stage.baseSpan && stage.baseStage === undefined && !trusted(stage.base)) report(stage.baseSpan, stage.base);
    }
    for (const ins of allInstructions(model)) {
      for (const flag of ins.flags) {
        if (flag.name.toLowerCase() !== 'from' || !flag.value || !flag.valueSpan || (ins.keyword !== 'COPY' && ins.keyword !== 'ADD')) continue;
        if (!/^\d+$/.test(flag.value) && !trusted(flag.value)) report(flag.valueSpan, flag.value);
      }
    }
    return out ?? NO_FINDINGS;
  },
};

export const copyWholeFilesystem: Rule = stageRule({
  code: 'CopyWholeFilesystem',
  defaultSeverity: 'info',
  url: hadolintWiki('DL3067'),
  description: "COPY --from=<stage> / /: the other stage's whole filesystem lands over this one",
  hadolint: ['DL3067'],
  checkStage(stage, { model }) {
    let out: Finding[] | undefined;
    // The first stage also answers for instructions before the first FROM (outside any stage: never kept).
    const before: Instruction[] = [];
    if (stage.index === 0) for (const ins of model.ast.instructionList) if (ins === stage.from) break; else before.push(ins);
    for (const top of before.length > 0 ? [...before, ...stage.instructions] : stage.instructions) {
      if (!hasKeyword(top, 'COPY')) continue;
      for (const ins of withInner(top)) {
        if (ins.keyword !== 'COPY') continue;
        const from = ins.flags.find((f) => f.name.toLowerCase() === 'from')?.value;
        // Images made to be overlaid (`COPY --from=docker/buildx-bin / /`) are meant for this; a stage of the file is the suspicious case,
        // unless this stage starts from scratch (then it is how a root filesystem is assembled).
        const source = from === undefined ? undefined : /^\d+$/.test(from) ? model.stages[Number(from)] : model.stageByName(from);
        // A stage with no instructions only names an image (`FROM tonistiigi/xx AS xx`): the same as copying from the image.
        if (!source || source.instructions.length === 0 || model.stageAt(ins.start)?.base.toLowerCase() === 'scratch') continue;
        const words = ins.args.filter((a) => a.value !== '');
        if (words.length < 2) continue;
        const dest = unquote(words[words.length - 1].value);
        const root = words.slice(0, -1).find((w) => unquote(w.value) === '/');
        if (root && dest === '/') (out ??= []).push(finding(root, "Copying '/' from another stage to '/' brings its whole filesystem (package databases, /etc, caches): copy the paths you need"));
      }
    }
    return out ?? NO_FINDINGS;
  },
});
