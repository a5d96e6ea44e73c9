// The `docklens.*` settings the server reads, with their defaults. Every setting is read per
// document (the client answers for the document's workspace folder), so one window can hold
// folders with different settings.

import { readBuildArgs } from './dockerfile/services/diagnostics/buildArgs';

export type RuleSeverity = 'off' | 'hint' | 'info' | 'warning' | 'error';

/** The features a user can switch off one by one, so Docklens can step aside for another extension. */
export const CAPABILITIES = ['hover', 'completion', 'diagnostics', 'format', 'codeLens'] as const;
export type Capability = (typeof CAPABILITIES)[number];
export type DocklensLanguage = 'dockerfile' | 'dockercompose';
export const LANGUAGES: readonly DocklensLanguage[] = ['dockerfile', 'dockercompose'];

export interface Settings {
  /** `docklens.dockerfile.enable`, `docklens.compose.enable`: everything for that kind of file. */
  languages: Record<DocklensLanguage, boolean>;
  /** `docklens.<capability>.enable`. */
  capabilities: Record<Capability, boolean>;
  codeLens: { layers: boolean };
  inlayHints: { layers: boolean };
  /** Per-rule severity overrides, keyed by rule code. */
  rules: Record<string, RuleSeverity>;
  /** `docklens.buildArgs`: build arguments the diagnostics assume (`--build-arg K=V`). */
  buildArgs: Record<string, string>;
  files: {
    /** Largest side file read (a Compose file's Dockerfile, a .dockerignore, an extends file), in bytes. */
    maxSize: number;
    /** Documents larger than this get one information diagnostic and syntax features only, in bytes. */
    maxDocumentSize: number;
  };
  format: FormatSettings;
  /** `docklens.compose.projects` and `docklens.compose.useProcessEnvironment`. */
  compose: ComposeSettings;
}

export interface ComposeSettings {
  /** Explicit projects (`-f` sets, env files, profiles), paths relative to the workspace folder. */
  projects: { files: string[]; envFiles?: string[]; projectDirectory?: string; profiles?: string[]; name?: string }[];
  /** Read the editor's process environment for interpolation (off: results never depend on how the editor was started). */
  useProcessEnvironment: boolean;
}

export interface FormatSettings {
  /** Keep instruction keywords as written instead of upper-casing them. */
  keepKeywordCasing: boolean;
  /** Leave instructions that span several lines as written. */
  keepMultilineInstructions: boolean;
  /** Lay out RUN shell bodies (`&&` chains one command per line). */
  shell: boolean;
}

export const DEFAULT_SETTINGS: Settings = {
  languages: { dockerfile: true, dockercompose: true },
  capabilities: { hover: true, completion: true, diagnostics: true, format: true, codeLens: true },
  codeLens: { layers: true },
  inlayHints: { layers: true },
  rules: {},
  buildArgs: {},
  files: { maxSize: 1024 * 1024, maxDocumentSize: 10 * 1024 * 1024 },
  format: { keepKeywordCasing: false, keepMultilineInstructions: false, shell: true },
  compose: { projects: [], useProcessEnvironment: false },
};

const SEVERITIES = new Set<RuleSeverity>(['off', 'hint', 'info', 'warning', 'error']);

/** Reads the `docklens` section as the client sends it; anything malformed falls back to the default. */
export function readSettings(value: unknown): Settings {
  const section = (value && typeof value === 'object' ? value : {}) as Record<string, unknown>;
  const bool = (group: unknown, key: string, fallback: boolean) => {
    const v = group && typeof group === 'object' ? (group as Record<string, unknown>)[key] : undefined;
    return typeof v === 'boolean' ? v : fallback;
  };
  const rules: Record<string, RuleSeverity> = {};
  if (section.rules && typeof section.rules === 'object') {
    for (const [code, severity] of Object.entries(section.rules as Record<string, unknown>)) {
      if (typeof severity === 'string' && SEVERITIES.has(severity as RuleSeverity)) rules[code] = severity as RuleSeverity;
    }
  }
  const size = (key: 'maxSize' | 'maxDocumentSize') => {
    const v = section.files && typeof section.files === 'object' ? (section.files as Record<string, unknown>)[key] : undefined;
    return typeof v === 'number' && Number.isFinite(v) && v > 0 ? Math.floor(v) : DEFAULT_SETTINGS.files[key];
  };
  const capabilities = { ...DEFAULT_SETTINGS.capabilities };
  for (const c of CAPABILITIES) capabilities[c] = bool(section[c], 'enable', DEFAULT_SETTINGS.capabilities[c]);
  return {
    languages: {
      dockerfile: bool(section.dockerfile, 'enable', true),
      dockercompose: bool(section.compose, 'enable', true),
    },
    capabilities,
    codeLens: { layers: bool(section.codeLens, 'layers', DEFAULT_SETTINGS.codeLens.layers) },
    inlayHints: { layers: bool(section.inlayHints, 'layers', DEFAULT_SETTINGS.inlayHints.layers) },
    rules,
    buildArgs: readBuildArgs(section.buildArgs),
    files: { maxSize: size('maxSize'), maxDocumentSize: size('maxDocumentSize') },
    format: {
      keepKeywordCasing: bool(section.format, 'keepKeywordCasing', DEFAULT_SETTINGS.format.keepKeywordCasing),
      keepMultilineInstructions: bool(section.format, 'keepMultilineInstructions', DEFAULT_SETTINGS.format.keepMultilineInstructions),
      shell: bool(section.format, 'shell', DEFAULT_SETTINGS.format.shell),
    },
    compose: readComposeSettings(section.compose),
  };
}

function readComposeSettings(value: unknown): ComposeSettings {
  const group = (value && typeof value === 'object' ? value : {}) as Record<string, unknown>;
  const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : undefined);
  const projects: ComposeSettings['projects'] = [];
  for (const p of Array.isArray(group.projects) ? group.projects : []) {
    if (!p || typeof p !== 'object') continue;
    const e = p as Record<string, unknown>;
    const files = strings(e.files);
    if (!files?.length) continue;
    projects.push({
      files,
      envFiles: strings(e.envFiles),
      projectDirectory: typeof e.projectDirectory === 'string' ? e.projectDirectory : undefined,
      profiles: strings(e.profiles),
      name: typeof e.name === 'string' ? e.name : undefined,
    });
  }
  return { projects, useProcessEnvironment: group.useProcessEnvironment === true };
}

/** Whether Docklens answers `capability` (or, without one, anything at all) for a file of `language`. */
export function isEnabled(settings: Settings, language: string, capability?: Capability): boolean {
  if (language !== 'dockerfile' && language !== 'dockercompose') return false;
  if (!settings.languages[language]) return false;
  return capability === undefined || settings.capabilities[capability];
}

/**
 * The languages each capability must be registered for, given the settings of every scope in
 * the window (the window itself and each open document's folder): a capability stays registered
 * for a language while any scope still wants it; documents whose folder turned it off get an empty
 * answer from the handler.
 */
export function registrationPlan(scopes: readonly Settings[]): Record<Capability, DocklensLanguage[]> {
  const plan = {} as Record<Capability, DocklensLanguage[]>;
  for (const c of CAPABILITIES) plan[c] = LANGUAGES.filter((l) => scopes.some((s) => isEnabled(s, l, c)));
  return plan;
}
