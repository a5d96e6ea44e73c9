// The Docker-related extensions that serve the same files as Docklens, what they duplicate, and the
// settings of their own (declared in their package.json `contributes.configuration`) that make them
// step aside. Data only: the plan (plan.ts) reads it, the client (prompt.ts) applies the plan.
import * as l10n from '@vscode/l10n';

export type PeerFeature = 'hover' | 'completion' | 'diagnostics' | 'format';
export type PeerLanguage = 'dockerfile' | 'dockercompose';

/** One setting write, computed from the setting's current value. */
export interface PeerSetting {
  key: string;
  /** The files the setting takes the peer away from (skipped when Docklens is off for them). */
  language: PeerLanguage;
  /** Diagnostics-only settings are skipped when Docklens' own diagnostics are off. */
  feature: PeerFeature | 'all';
  /** What the setting turns off, in a few words, for the message and the README. */
  effect: string;
  /** The new value, or undefined when the current value already steps aside. */
  next(current: unknown, context: PlanContext): unknown;
  /** The peer reads it only at start-up. */
  needsRestart?: boolean;
}

export interface PlanContext {
  /** An empty JSON schema file (`{}`) that Red Hat YAML can be pointed at. */
  emptySchemaPath: string;
  /** hadolint codes whose idea a Docklens rule reports (the rule table's `hadolint` fields). */
  hadolintCodes: readonly string[];
}

export interface Peer {
  id: string;
  name: string;
  /** What it shows in the same files, per language. */
  serves: Partial<Record<PeerLanguage, PeerFeature[]>>;
  settings: PeerSetting[];
  /** What stays duplicated after its settings are written (no setting of the peer turns it off), in the user's language. */
  remains?: () => string;
}

const off = (current: unknown) => (current === false ? undefined : false);
const ignore = (current: unknown) => (current === 'ignore' ? undefined : 'ignore');

/**
 * The Dockerfile language server (rcjsuen) inside Container Tools and Docker 1.x has a severity setting
 * per check (`ignore` | `warning` | `error`). These seven report what a Docklens rule reports too:
 * MaintainerDeprecated, NoEmptyContinuation, ConsistentInstructionCasing, MultipleInstructionsDisallowed
 * (CMD, ENTRYPOINT, HEALTHCHECK) and WorkdirRelativePath. `directiveCasing` and
 * `instructionJSONInSingleQuotes` have no Docklens twin and stay on.
 * Source: microsoft/vscode-containers extensions/vscode-containers/package.json (2.5.0) and
 * microsoft/vscode-docker package.json (1.29.6), `docker.languageserver.diagnostics.*`.
 */
const RCJSUEN_DUPLICATE_CHECKS: [string, string][] = [
  ['deprecatedMaintainer', 'MAINTAINER warning'],
  ['emptyContinuationLine', 'empty continuation line warning'],
  ['instructionCasing', 'instruction casing warning'],
  ['instructionCmdMultiple', 'multiple CMD warning'],
  ['instructionEntrypointMultiple', 'multiple ENTRYPOINT warning'],
  ['instructionHealthcheckMultiple', 'multiple HEALTHCHECK warning'],
  ['instructionWorkdirRelative', 'relative WORKDIR warning'],
];
const rcjsuenChecks = (): PeerSetting[] =>
  RCJSUEN_DUPLICATE_CHECKS.map(([check, effect]) => ({
    key: `docker.languageserver.diagnostics.${check}`,
    language: 'dockerfile',
    feature: 'diagnostics',
    effect: `its ${effect} (Docklens reports the same)`,
    next: ignore,
  }));

/** Docklens' Compose file names, as Docker DX's FAQ writes them for `yaml.schemas`. */
export const COMPOSE_SCHEMA_PATTERNS = ['compose*y*ml', 'docker-compose*y*ml'];

/** Codes already passed to hadolint as `--ignore CODE` or `--ignore=CODE`. */
export function hadolintIgnored(options: readonly string[]): Set<string> {
  const out = new Set<string>();
  options.forEach((o, i) => {
    if (o === '--ignore' && typeof options[i + 1] === 'string') out.add(options[i + 1]);
    else if (o.startsWith('--ignore=')) out.add(o.slice('--ignore='.length));
  });
  return out;
}

export const PEERS: readonly Peer[] = [
  {
    // docker/vscode-extension package.json (0.18.0): `docker.extension.enableComposeLanguageServer`,
    // application scope, read at start-up. Its FAQ.md ("duplicated editor features") names it.
    id: 'docker.docker',
    name: 'Docker DX',
    serves: { dockerfile: ['hover', 'completion', 'diagnostics'], dockercompose: ['hover', 'completion', 'diagnostics', 'format'] },
    settings: [
      {
        key: 'docker.extension.enableComposeLanguageServer',
        language: 'dockercompose',
        feature: 'all',
        effect: 'its Compose hovers, completions and problems',
        next: off,
        needsRestart: true,
      },
    ],
    remains: () => l10n.t('Docker DX keeps its Dockerfile hovers, completions and build-check problems: it has no setting for them'),
  },
  {
    // microsoft/vscode-containers extensions/vscode-containers/package.json (2.5.0):
    // `containers.enableComposeLanguageService` (read at start-up) and the Dockerfile server's checks.
    id: 'ms-azuretools.vscode-containers',
    name: 'Container Tools',
    serves: { dockerfile: ['hover', 'completion', 'diagnostics', 'format'], dockercompose: ['hover', 'completion', 'diagnostics', 'format'] },
    settings: [
      {
        key: 'containers.enableComposeLanguageService',
        language: 'dockercompose',
        feature: 'all',
        effect: 'its Compose language service',
        next: off,
        needsRestart: true,
      },
      ...rcjsuenChecks(),
    ],
    remains: () => l10n.t('Container Tools keeps its Dockerfile hovers and completions: it has no setting for them'),
  },
  {
    // microsoft/vscode-docker package.json (1.29.6): `docker.enableDockerComposeLanguageService`.
    // Version 2 declares no settings (it installs Container Tools); the plan writes only declared keys.
    id: 'ms-azuretools.vscode-docker',
    name: 'Docker (1.x)',
    serves: { dockerfile: ['hover', 'completion', 'diagnostics', 'format'], dockercompose: ['hover', 'completion', 'diagnostics', 'format'] },
    settings: [
      {
        key: 'docker.enableDockerComposeLanguageService',
        language: 'dockercompose',
        feature: 'all',
        effect: 'its Compose language service',
        next: off,
        needsRestart: true,
      },
      ...rcjsuenChecks(),
    ],
    remains: () => l10n.t('Docker 1.x keeps its Dockerfile hovers and completions: it has no setting for them'),
  },
  {
    // redhat-developer/vscode-yaml package.json (1.25.0): `yaml.schemas`. Docker DX's FAQ.md gives this
    // way to stop it on Compose files: map them to an empty schema (`yaml.hover`/`yaml.completion`
    // would turn it off for every YAML file).
    id: 'redhat.vscode-yaml',
    name: 'YAML (Red Hat)',
    serves: { dockercompose: ['hover', 'completion', 'diagnostics'] },
    settings: [
      {
        key: 'yaml.schemas',
        language: 'dockercompose',
        feature: 'all',
        effect: 'its Compose schema (Compose files are mapped to an empty schema)',
        next(current, context) {
          const schemas = current && typeof current === 'object' && !Array.isArray(current) ? (current as Record<string, unknown>) : {};
          if (context.emptySchemaPath in schemas) return undefined;
          return { ...schemas, [context.emptySchemaPath]: [...COMPOSE_SCHEMA_PATTERNS] };
        },
      },
    ],
  },
  {
    // michaellzc/vscode-hadolint package.json (1.1.2): `hadolint.cliOptions` (default ["--no-color"]).
    // hadolint has no switch per rule in the editor; its command line takes `--ignore CODE`.
    id: 'exiasr.hadolint',
    name: 'hadolint',
    serves: { dockerfile: ['diagnostics'] },
    settings: [
      {
        key: 'hadolint.cliOptions',
        language: 'dockerfile',
        feature: 'diagnostics',
        effect: 'the hadolint rules Docklens reports too (--ignore per rule; ShellCheck findings stay)',
        next(current, context) {
          const options = Array.isArray(current) && current.every((o) => typeof o === 'string') ? (current as string[]) : ['--no-color'];
          const ignored = hadolintIgnored(options);
          const missing = context.hadolintCodes.filter((c) => !ignored.has(c));
          if (missing.length === 0) return undefined;
          return [...options, ...missing.flatMap((c) => ['--ignore', c])];
        },
      },
    ],
  },
];
