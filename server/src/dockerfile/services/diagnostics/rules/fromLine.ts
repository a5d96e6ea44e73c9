// BuildKit's checks on the FROM line's variables and platform: UndefinedArgInFrom,
// InvalidDefaultArgInFrom, RedundantTargetPlatform, FromPlatformFlagConstDisallowed.
import { getPredefinedArg, predefinedArgs } from '../../../data';
import type { Finding, Rule } from '../rule';
import type { DockerfileModel } from '../../../parser/model';
import { expandWord, finding, fix, flagOf, replace, suggest, unquote } from './helpers';
import { isValidImageRef } from '../../imageRef';

const DOCS = 'https://docs.docker.com/go/dockerfile/rule/';

/** Names a FROM line may use without declaring them: BuildKit's automatic platform and build args. */
function automaticArg(name: string): boolean {
  const info = getPredefinedArg(name);
  return info !== undefined && info.group !== 'proxy';
}

/** Values BuildKit gives the automatic platform args when nothing is passed (a linux/amd64 build). */
const PLATFORM_DEFAULTS: Record<string, string> = {
  TARGETPLATFORM: 'linux/amd64', TARGETOS: 'linux', TARGETARCH: 'amd64', TARGETVARIANT: '',
  BUILDPLATFORM: 'linux/amd64', BUILDOS: 'linux', BUILDARCH: 'amd64', BUILDVARIANT: '',
};

function globalNames(model: DockerfileModel): Set<string> {
  return new Set(model.globalArgs.map((a) => a.name));
}

export const undefinedArgInFrom: Rule = {
  code: 'UndefinedArgInFrom',
  defaultSeverity: 'warning',
  url: DOCS + 'undefined-arg-in-from/',
  description: 'FROM command must use declared ARGs',
  buildkit: true,
  check({ model }) {
    const out: Finding[] = [];
    const declared = globalNames(model);
    const options = [...declared, ...predefinedArgs.filter((a) => a.group !== 'proxy').map((a) => a.name)];
    for (const stage of model.stages) {
      for (const v of stage.from.variables) {
        if (declared.has(v.name) || automaticArg(v.name)) continue;
        // `${NAME:-default}` and friends still use the name: BuildKit reports them too.
        const hint = suggest(v.name, options);
        const fixes = hint ? [fix(`Change to ${hint}`, [replace(v.nameSpan, hint)])] : undefined;
        out.push(finding(v, `FROM argument '${v.name}' is not declared${hint ? ` (did you mean ${hint}?)` : ''}`, fixes));
      }
    }
    return out;
  },
};

export const invalidDefaultArgInFrom: Rule = {
  code: 'InvalidDefaultArgInFrom',
  defaultSeverity: 'warning',
  url: DOCS + 'invalid-default-arg-in-from/',
  description: 'Default value for global ARG results in an empty or invalid base image name',
  buildkit: true,
  check({ model }) {
    const out: Finding[] = [];
    // Global ARG defaults are expanded in order, each with the ones before it (as BuildKit does).
    const defaults = new Map<string, string | undefined>();
    const value = (name: string) => (defaults.has(name) ? defaults.get(name) : PLATFORM_DEFAULTS[name]);
    for (const a of model.globalArgs) {
      const raw = a.declaration.value?.value;
      defaults.set(a.name, raw === undefined ? (defaults.has(a.name) ? defaults.get(a.name) : undefined) : unquote(expandWord(raw, value)));
    }
    for (const stage of model.stages) {
      if (!stage.base.includes('$') || !stage.baseSpan) continue;
      if (stage.from.variables.some((v) => v.modifier === ':?' || v.modifier === '?')) continue;
      const result = unquote(expandWord(stage.base, value));
      if (result !== '' && (isValidImageRef(result) || model.stageByName(result) !== undefined)) continue;
      out.push(finding(stage.baseSpan, `Default value for ARG ${stage.base} results in empty or invalid base image name`));
    }
    return out;
  },
};

export const redundantTargetPlatform: Rule = {
  code: 'RedundantTargetPlatform',
  defaultSeverity: 'warning',
  url: DOCS + 'redundant-target-platform/',
  description: 'Setting platform to predefined $TARGETPLATFORM in FROM is redundant as this is the default behavior',
  buildkit: true,
  check({ model }) {
    const out: Finding[] = [];
    for (const stage of model.stages) {
      const flag = flagOf(stage.from, 'platform');
      if (!flag?.value || !/^\$(?:TARGETPLATFORM|\{TARGETPLATFORM\})$/.test(flag.value)) continue;
      // Removing the flag (and the space after it) leaves the FROM as BuildKit reads it anyway.
      const text = model.ast.text;
      let end = flag.end;
      while (text[end] === ' ' || text[end] === '\t') end++;
      out.push(finding(flag, `Setting platform to predefined ${flag.value} in FROM is redundant as this is the default behavior`, [
        fix(`Remove --platform=${flag.value}`, [{ start: flag.start, end, newText: '' }]),
      ]));
    }
    return out;
  },
};

const KNOWN_OS = ['linux', 'windows', 'darwin', 'freebsd', 'netbsd', 'openbsd', 'solaris', 'illumos', 'aix', 'android', 'ios', 'plan9', 'js', 'wasip1'];
const ARCH_ALIASES: Record<string, string> = { x86_64: 'amd64', 'x86-64': 'amd64', aarch64: 'arm64', armhf: 'arm', armel: 'arm', i386: '386', i686: '386' };

export const fromPlatformFlagConstDisallowed: Rule = {
  code: 'FromPlatformFlagConstDisallowed',
  defaultSeverity: 'warning',
  url: DOCS + 'from-platform-flag-const-disallowed/',
  description: 'FROM --platform flag should not use a constant value',
  buildkit: true,
  check({ model }) {
    const out: Finding[] = [];
    for (const stage of model.stages) {
      const flag = flagOf(stage.from, 'platform');
      if (!flag?.value || flag.value.includes('$')) continue;
      const [os, rawArch] = flag.value.toLowerCase().split('/');
      if (!KNOWN_OS.includes(os)) continue;
      const arch = rawArch === undefined ? 'amd64' : ARCH_ALIASES[rawArch] ?? rawArch;
      // A stage named for its platform (`build_amd64`) is meant to be platform-specific.
      const name = (stage.name ?? '').toLowerCase();
      if (name !== '' && (name.includes(os) || name.includes(arch))) continue;
      out.push(finding(flag, `FROM --platform flag should not use constant value "${flag.value}"`));
    }
    return out;
  },
};

/** A FROM image that is not a valid reference before any variable is involved: BuildKit stops. */
export const invalidBaseImageName: Rule = {
  code: 'InvalidBaseImageName',
  defaultSeverity: 'error',
  url: 'https://docs.docker.com/reference/dockerfile/#from',
  description: 'The FROM image is not a valid image reference (lowercase name, optional :tag and @digest)',
  check({ model }) {
    const out: Finding[] = [];
    for (const stage of model.stages) {
      if (!stage.baseSpan || stage.base === '' || stage.base.includes('$') || stage.baseStage !== undefined) continue;
      const base = unquote(stage.base);
      if (isValidImageRef(base)) continue;
      // Lowercase the repository only: tags may have capitals.
      const m = /^([^@]*?)((?::[\w][\w.-]*)?(?:@.*)?)$/.exec(base);
      const repaired = m ? m[1].toLowerCase() + m[2] : base;
      const repairable = repaired !== base && isValidImageRef(repaired);
      const fixes = repairable ? [fix(`Change to ${repaired}`, [replace(stage.baseSpan, repaired)])] : undefined;
      const why = repairable ? ': repository names must be lowercase' : '';
      out.push(finding(stage.baseSpan, `'${stage.base}' is not a valid image reference${why}`, fixes));
    }
    return out;
  },
};
