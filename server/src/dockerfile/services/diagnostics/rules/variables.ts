// UndefinedVar and SecretsUsedInArgOrEnv.
//
// UndefinedVar follows BuildKit: only words BuildKit itself expands are checked (ADD, COPY, ENV,
// EXPOSE, LABEL, STOPSIGNAL, USER, VOLUME, WORKDIR, ARG defaults, and instruction flags); RUN, CMD
// and ENTRYPOINT are left to the shell. BuildKit also knows the base image's environment, which we
// cannot see offline: names that official images commonly set are taken as defined, and names the
// file never declares are not reported at all for other images, so the rule stays quiet rather than wrong.
import { instructionRule, stageRule, type Finding, type Rule } from '../rule';
import { bindingAt, expandedRefs, stageReferences, variablesInScope } from '../../scopes';
import { parseImageRef } from '../../imageRef';
import { finding, fix, insert, replace, suggest, NO_FINDINGS } from './helpers';
import { stageFacts } from '../../stages';
import type { DockerfileModel } from '../../../parser/model';


/** Environment variables set by the runtime or by widely used official base images. */
const IMAGE_ENV = new Set([
  'PATH', 'HOME', 'HOSTNAME', 'TERM', 'LANG', 'LANGUAGE', 'LC_ALL', 'USER', 'PWD', 'SHELL', 'TZ', 'DEBIAN_FRONTEND',
  'JAVA_HOME', 'JAVA_VERSION', 'JDK_VERSION', 'JRE_HOME', 'CATALINA_HOME', 'MAVEN_HOME', 'MAVEN_CONFIG', 'GRADLE_HOME', 'GRADLE_VERSION',
  'GOPATH', 'GOROOT', 'GOLANG_VERSION', 'GOTOOLCHAIN', 'CARGO_HOME', 'RUSTUP_HOME', 'RUST_VERSION',
  'NODE_VERSION', 'YARN_VERSION', 'NPM_CONFIG_PREFIX', 'PYTHON_VERSION', 'PYTHON_PIP_VERSION', 'PYTHON_SETUPTOOLS_VERSION', 'PYTHON_SHA256', 'GPG_KEY', 'PYTHONPATH', 'VIRTUAL_ENV',
  'RUBY_VERSION', 'RUBY_MAJOR', 'GEM_HOME', 'BUNDLE_PATH', 'BUNDLE_APP_CONFIG', 'BUNDLE_SILENCE_ROOT_WARNING',
  'PHP_VERSION', 'PHP_INI_DIR', 'PHPIZE_DEPS', 'COMPOSER_HOME', 'NGINX_VERSION', 'HTTPD_PREFIX', 'PG_MAJOR', 'PG_VERSION', 'PGDATA',
  'DOTNET_VERSION', 'ASPNET_VERSION', 'ASPNETCORE_URLS', 'ASPNETCORE_HTTP_PORTS', 'DOTNET_RUNNING_IN_CONTAINER', 'DOTNET_SDK_VERSION', 'NUGET_XMLDOC_MODE', 'APP_UID',
  'ProgramFiles', 'ProgramData', 'SystemRoot', 'windir', 'USERPROFILE', 'APPDATA', 'LOCALAPPDATA', 'TEMP', 'TMP', 'ComSpec',
  'CONDA_DIR', 'MAMBA_ROOT_PREFIX', 'NVIDIA_VISIBLE_DEVICES', 'NVIDIA_DRIVER_CAPABILITIES', 'CUDA_VERSION', 'LD_LIBRARY_PATH', 'LIBRARY_PATH',
]);

/** Names worth suggesting for a typo at `offset`: what is in scope there, and the global ARGs (which a redeclaration would bring in). */
function visibleNames(model: DockerfileModel, offset: number): string[] {
  const names = new Set(model.globalArgs.map((a) => a.name));
  for (const b of variablesInScope(model, offset)) if (b.declaration) names.add(b.name);
  return [...names];
}

/** Per stage (a stage's findings may not depend on the stages before it: they are kept per stage). */
const MAX_SUGGESTIONS = 200;

export const undefinedVar: Rule = stageRule({
  code: 'UndefinedVar',
  defaultSeverity: 'warning',
  url: 'https://docs.docker.com/go/dockerfile/rule/undefined-var/',
  description: 'Variables should be defined before their use',
  buildkit: true,
  readsGlobalArgNames: true,
  checkStage(stage, { model }) {
    let out: Finding[] | undefined;
    let suggestionsLeft = MAX_SUGGESTIONS;
    {
      const root = stageFacts(model, stage).root.base;
      const fromImage = root.toLowerCase() !== 'scratch';
      // Only official images have an environment we can guess; for any other image, a name the
      // file never declares may well come from it, so it is not reported.
      const guessable = !fromImage || (!root.includes('$') && parseImageRef(root).official);
      // Looked up at the first reference (a stage without one does not need its chain walked).
      let scope: ReturnType<typeof stageReferences> | undefined;
      for (const ins of stage.instructions) {
        const refs = expandedRefs(ins);
        // (Iterating the tree's shared empty list would make an iterator: it is frozen, the other lists are not.)
        if (refs.length === 0) continue;
        for (const v of refs) {
          // A default or alternative (`${X:-y}`, `${X:+y}`) says the author expects it may be unset.
          if (v.modifier && /^:?[-+?]$/.test(v.modifier)) continue;
          // Read from this stage's chain alone (what the file's index says, without building it).
          const known = (scope ??= stageReferences(model, stage)).get(v.start);
          const b = known ? known.binding : bindingAt(model, v.name, v.nameSpan.start);
          if (b.declaration) continue;
          const hiddenGlobal = b.hiddenGlobal !== undefined;
          if (!hiddenGlobal && (b.kind === 'predefined' || !guessable || (fromImage && IMAGE_ENV.has(v.name)))) continue;
          // "Did you mean" costs a scan of every name in scope: bounded, so a file full of undefined
          // names still checks in linear time.
          const names = known?.namesBefore ? [...new Set([...model.globalArgs.map((a) => a.name), ...known.namesBefore])] : visibleNames(model, ins.start);
          const hint = suggestionsLeft-- > 0 ? suggest(v.name, [...names, ...(fromImage ? IMAGE_ENV : [])]) : undefined;
          const fixes = hint ? [fix(`Change to $${hint}`, [replace(v.nameSpan, hint)])] : [];
          if (hiddenGlobal) {
            // The global ARG exists; `ARG NAME` in the stage makes it visible here.
            const at = ins.start - model.lines.positionAt(ins.start).character;
            fixes.unshift(fix(`Redeclare ARG ${v.name} in this stage`, [insert(at, `ARG ${v.name}\n`)]));
          }
          const message = `Usage of undefined variable '$${v.name}'${hint ? ` (did you mean $${hint}?)` : ''}`;
          (out ??= []).push({ ...finding(v, message, fixes.length ? fixes : undefined), data: hiddenGlobal ? { globalArgNotRedeclared: true } : undefined });
        }
      }
    }
    return out ?? NO_FINDINGS;
  },
});

const SECRET = /(?:_|^)(?:apikey|auth|credential|credentials|key|password|pword|passwd|secret|token)(?:_|$)/i;
const ALLOWED = /(?:_|^)(?:public|file|version)(?:_|$)/i;

export const secretsUsedInArgOrEnv: Rule = instructionRule({
  code: 'SecretsUsedInArgOrEnv',
  defaultSeverity: 'warning',
  url: 'https://docs.docker.com/go/dockerfile/rule/secrets-used-in-arg-or-env/',
  description: 'Sensitive data should not be used in the ARG or ENV commands',
  buildkit: true,
  hadolint: ['DL3064'],
  keywords: ['ARG', 'ENV'],
  checkInstruction(ins) {
    let out: Finding[] | undefined;
    if (ins.keyword !== 'ARG' && ins.keyword !== 'ENV') return out ?? NO_FINDINGS;
    for (const kv of ins.keyValues) {
      const name = kv.key.value;
      if (SECRET.test(name) && !ALLOWED.test(name)) (out ??= []).push(finding(kv.key, `Do not use ARG or ENV instructions for sensitive data (${ins.keyword} "${name}")`));
    }
    return out ?? NO_FINDINGS;
  },
});
