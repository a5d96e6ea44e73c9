// BuildKit's checks on the FROM line's variables and platform: UndefinedArgInFrom,
// InvalidDefaultArgInFrom, RedundantTargetPlatform, FromPlatformFlagConstDisallowed.
import { getPredefinedArg, predefinedArgs } from '../../../data';
import { type Finding, type Rule, stageRule } from '../rule';
import { type DerivedKey, type DockerfileModel, derivedKey } from '../../../parser/model';
import { expandWord, finding, fix, flagOf, replace, suggest, unquote, NO_FINDINGS } from './helpers';
import { isValidImageRef } from '../../imageRef';

const DOCS = 'https://docs.docker.com/go/dockerfile/rule/';

/** Names a FROM line may use without declaring them: BuildKit's automatic platform and build args. */
function automaticArg(name: string): boolean {
  const info = getPredefinedArg(name);
  return info !== undefined && info.group !== 'proxy';
}

/** Values BuildKit gives the automatic platform args when nothing is passed (a linux/amd64 build). */
const PLATFORM_DEFAULTS: Record<string, string> = {
  TARGETPLATFORM: 'linux/amd64', TARGETOS: 'linux', TARGETARCH: 'amd64', TARGETVARIANT: '', TARGETOSVERSION: '',
  BUILDPLATFORM: 'linux/amd64', BUILDOS: 'linux', BUILDARCH: 'amd64', BUILDVARIANT: '', BUILDOSVERSION: '',
  TARGETSTAGE: 'default',
};

/**
 * The values FROM lines see: the automatic platform args (a build argument of the same name
 * overrides them), then the global ARGs in order, each expanded with the ones before it. With
 * `useBuildArgs`, a declared ARG takes its build argument over its default (what the build uses);
 * without, defaults only (what BuildKit validates base names with). Undefined = declared without value.
 */
export function fromLineValues(model: DockerfileModel, buildArgs: Readonly<Record<string, string>>, useBuildArgs: boolean): ReadonlyMap<string, string | undefined> {
  // Every stage's FROM rules ask for the same values: made once per model, build arguments and mode.
  const made = model.derived(VALUES_MADE, newValuesMade);
  // (A loop, not find with a closure: every stage asks.)
  let entry: (typeof made)[number] | undefined;
  for (let i = 0; i < made.length && !entry; i++) if (made[i].buildArgs === buildArgs && made[i].useBuildArgs === useBuildArgs) entry = made[i];
  if (!entry) {
    if (made.length >= 4) made.shift();
    made.push((entry = { buildArgs, useBuildArgs, values: readFromLineValues(model, buildArgs, useBuildArgs) }));
  }
  return entry.values;
}

const VALUES_MADE: DerivedKey<{ buildArgs: Readonly<Record<string, string>>; useBuildArgs: boolean; values: ReadonlyMap<string, string | undefined> }[]> =
  derivedKey('fromLineValues');
const newValuesMade = (): { buildArgs: Readonly<Record<string, string>>; useBuildArgs: boolean; values: ReadonlyMap<string, string | undefined> }[] => [];

function readFromLineValues(model: DockerfileModel, buildArgs: Readonly<Record<string, string>>, useBuildArgs: boolean): Map<string, string | undefined> {
  const values = new Map<string, string | undefined>();
  for (const [k, v] of Object.entries(PLATFORM_DEFAULTS)) values.set(k, buildArgs[k] ?? v);
  const get = (name: string) => values.get(name);
  for (const a of model.globalArgs) {
    const raw = a.declaration.value?.value;
    if (useBuildArgs && Object.prototype.hasOwnProperty.call(buildArgs, a.name)) values.set(a.name, buildArgs[a.name]);
    else if (raw !== undefined) values.set(a.name, unquote(expandWord(raw, get)));
    else if (!values.has(a.name)) values.set(a.name, undefined);
  }
  return values;
}

function globalNames(model: DockerfileModel): Set<string> {
  return new Set(model.globalArgs.map((a) => a.name));
}

export const undefinedArgInFrom: Rule = stageRule({
  code: 'UndefinedArgInFrom',
  defaultSeverity: 'warning',
  url: DOCS + 'undefined-arg-in-from/',
  description: 'FROM command must use declared ARGs',
  buildkit: true,
  readsGlobalArgNames: true,
  checkStage(theStage, { model }) {
    let out: Finding[] | undefined;
    if (theStage.from.variables.length === 0) return out ?? NO_FINDINGS;
    const declared = globalNames(model);
    const options = [...declared, ...predefinedArgs.filter((a) => a.group !== 'proxy').map((a) => a.name)];
    for (const stage of [theStage]) {
      for (const v of stage.from.variables) {
        if (declared.has(v.name) || automaticArg(v.name)) continue;
        // `${NAME:-default}` and friends still use the name: BuildKit reports them too.
        const hint = suggest(v.name, options);
        const fixes = hint ? [fix(`Change to ${hint}`, [replace(v.nameSpan, hint)])] : undefined;
        (out ??= []).push(finding(v, `FROM argument '${v.name}' is not declared${hint ? ` (did you mean ${hint}?)` : ''}`, fixes));
      }
    }
    return out ?? NO_FINDINGS;
  },
});

export const invalidDefaultArgInFrom: Rule = stageRule({
  code: 'InvalidDefaultArgInFrom',
  defaultSeverity: 'warning',
  url: DOCS + 'invalid-default-arg-in-from/',
  description: 'Default value for global ARG results in an empty or invalid base image name',
  buildkit: true,
  fileWideOnly: true,
  checkStage(theStage, { model, buildArgs }) {
    let out: Finding[] | undefined;
    // BuildKit checks base names with the defaults alone: build arguments do not excuse a bad default.
    const defaults = fromLineValues(model, buildArgs ?? {}, false);
    const value = (name: string) => defaults.get(name);
    for (const stage of [theStage]) {
      if (!stage.base.includes('$') || !stage.baseSpan) continue;
      if (stage.from.variables.some((v) => v.modifier === ':?' || v.modifier === '?')) continue;
      const result = unquote(expandWord(stage.base, value));
      if (result !== '' && (isValidImageRef(result) || model.stageByName(result) !== undefined)) continue;
      (out ??= []).push(finding(stage.baseSpan, `Default value for ARG ${stage.base} results in empty or invalid base image name`));
    }
    return out ?? NO_FINDINGS;
  },
});

export const redundantTargetPlatform: Rule = stageRule({
  code: 'RedundantTargetPlatform',
  defaultSeverity: 'warning',
  url: DOCS + 'redundant-target-platform/',
  description: 'Setting platform to predefined $TARGETPLATFORM in FROM is redundant as this is the default behavior',
  buildkit: true,
  hadolint: ['DL3065'],
  checkStage(theStage, { model }) {
    let out: Finding[] | undefined;
    for (const stage of [theStage]) {
      const flag = flagOf(stage.from, 'platform');
      if (!flag?.value || !/^\$(?:TARGETPLATFORM|\{TARGETPLATFORM\})$/.test(flag.value)) continue;
      // Removing the flag (and the space after it) leaves the FROM as BuildKit reads it anyway.
      const text = model.ast.source;
      let end = flag.end;
      while (text.charAt(end) === ' ' || text.charAt(end) === '\t') end++;
      (out ??= []).push(finding(flag, `Setting platform to predefined ${flag.value} in FROM is redundant as this is the default behavior`, [
        fix(`Remove --platform=${flag.value}`, [{ start: flag.start, end, newText: '' }]),
      ]));
    }
    return out ?? NO_FINDINGS;
  },
});

const KNOWN_OS = ['linux', 'windows', 'darwin', 'freebsd', 'netbsd', 'openbsd', 'solaris', 'illumos', 'aix', 'android', 'ios', 'plan9', 'js', 'wasip1'];
const ARCH_ALIASES: Record<string, string> = { x86_64: 'amd64', 'x86-64': 'amd64', aarch64: 'arm64', armhf: 'arm', armel: 'arm', i386: '386', i686: '386' };

export const fromPlatformFlagConstDisallowed: Rule = stageRule({
  code: 'FromPlatformFlagConstDisallowed',
  defaultSeverity: 'warning',
  url: DOCS + 'from-platform-flag-const-disallowed/',
  description: 'FROM --platform flag should not use a constant value',
  buildkit: true,
  checkStage(theStage, { model }) {
    let out: Finding[] | undefined;
    for (const stage of [theStage]) {
      const flag = flagOf(stage.from, 'platform');
      if (!flag?.value || flag.value.includes('$')) continue;
      const [os, rawArch] = flag.value.toLowerCase().split('/');
      if (!KNOWN_OS.includes(os)) continue;
      const arch = rawArch === undefined ? 'amd64' : ARCH_ALIASES[rawArch] ?? rawArch;
      // A stage named for its platform (`build_amd64`) is meant to be platform-specific.
      const name = (stage.name ?? '').toLowerCase();
      if (name !== '' && (name.includes(os) || name.includes(arch))) continue;
      (out ??= []).push(finding(flag, `FROM --platform flag should not use constant value "${flag.value}"`));
    }
    return out ?? NO_FINDINGS;
  },
});

/** A FROM image that is not a valid reference before any variable is involved: BuildKit stops. */
export const invalidBaseImageName: Rule = stageRule({
  code: 'InvalidBaseImageName',
  defaultSeverity: 'error',
  url: 'https://docs.docker.com/reference/dockerfile/#from',
  description: 'The FROM image is not a valid image reference (lowercase name, optional :tag and @digest)',
  checkStage(theStage, { model }) {
    let out: Finding[] | undefined;
    for (const stage of [theStage]) {
      if (!stage.baseSpan || stage.base === '' || stage.base.includes('$') || stage.baseStage !== undefined) continue;
      const base = unquote(stage.base);
      if (isValidImageRef(base)) continue;
      // Lowercase the repository only: tags may have capitals.
      const m = /^([^@]*?)((?::[\w][\w.-]*)?(?:@.*)?)$/.exec(base);
      const repaired = m ? m[1].toLowerCase() + m[2] : base;
      const repairable = repaired !== base && isValidImageRef(repaired);
      const fixes = repairable ? [fix(`Change to ${repaired}`, [replace(stage.baseSpan, repaired)])] : undefined;
      const why = repairable ? ': repository names must be lowercase' : '';
      (out ??= []).push(finding(stage.baseSpan, `'${stage.base}' is not a valid image reference${why}`, fixes));
    }
    return out ?? NO_FINDINGS;
  },
});

/** Names a word refers to with `$NAME` or `${NAME...}`. */
function referencedNames(text: string): string[] {
  return [...text.matchAll(/\$(?:\{([A-Za-z_][A-Za-z0-9_]*)|([A-Za-z_][A-Za-z0-9_]*))/g)].map((m) => m[1] ?? m[2]);
}

/** containerd's platform specifier check: every `/`-separated part must match this. */
const PLATFORM_COMPONENT = /^[A-Za-z0-9_.-]+$/;

/**
 * FROM lines whose variables leave nothing usable, which stops the build: an empty `--platform`
 * (`$BULIDPLATFORM` misspelled), a platform with an empty part (`linux/${MYARCH}`), or a blank base
 * image name. Build arguments count. BuildKit's wording, with its "did you mean".
 */
export const invalidFromExpansion: Rule = stageRule({
  code: 'InvalidFromExpansion',
  defaultSeverity: 'error',
  url: 'https://docs.docker.com/reference/dockerfile/#from',
  description: 'A FROM line whose --platform or image expands to nothing usable: the build stops',
  checkStage(theStage, { model, buildArgs }) {
    let out: Finding[] | undefined;
    const values = fromLineValues(model, buildArgs ?? {}, true);
    const get = (name: string) => values.get(name);
    const keys = [...values.keys()];
    const declaredUnset = (names: string[]) => names.length > 0 && names.every((n) => values.has(n) && values.get(n) === undefined);
    /** BuildKit's wrapSuggestAny: the first unset name close to a known one gives the hint. */
    const hint = (names: string[]) => {
      for (const n of names) {
        if (values.get(n) !== undefined) continue;
        const s = suggest(n, keys);
        if (s) return ` (did you mean ${s}?)`;
      }
      return '';
    };
    // A name declared without a value is meant to be passed at build time: a warning, not a certain failure.
    const severityFor = (names: string[]) => (declaredUnset(names.filter((n) => values.get(n) === undefined)) ? 'warning' as const : undefined);
    for (const stage of [theStage]) {
      const flag = flagOf(stage.from, 'platform');
      if (flag?.value !== undefined && flag.value.includes('$')) {
        const names = referencedNames(flag.value);
        const result = unquote(expandWord(flag.value, get));
        let message: string | undefined;
        if (result === '') message = `empty platform value from expression ${flag.value}${hint(names)}`;
        else {
          const bad = result.split('/').find((part) => !PLATFORM_COMPONENT.test(part));
          if (bad !== undefined && !result.includes('*')) {
            message = `failed to parse platform ${flag.value}: ${JSON.stringify(bad)} is an invalid component of ${JSON.stringify(result)}: platform specifier component must match "^[A-Za-z0-9_.-]+$": invalid argument${hint(names)}`;
          }
        }
        if (message) (out ??= []).push({ ...finding(flag, message), severity: severityFor(names) });
      }
      if (stage.baseSpan && stage.base.includes('$')) {
        const names = referencedNames(stage.base);
        // A name declared without a default already gets InvalidDefaultArgInFrom: say only what is certain.
        if (unquote(expandWord(stage.base, get)) === '' && !declaredUnset(names.filter((n) => values.get(n) === undefined))) {
          (out ??= []).push(finding(stage.baseSpan, `base name (${stage.base}) should not be blank${hint(names)}`));
        }
      }
    }
    return out ?? NO_FINDINGS;
  },
});
