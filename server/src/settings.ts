// The `docklens.*` settings the server reads, with their defaults.

export type RuleSeverity = 'off' | 'hint' | 'info' | 'warning' | 'error';

export interface Settings {
  codeLens: { layers: boolean };
  inlayHints: { layers: boolean };
  /** Per-rule severity overrides, keyed by rule code. */
  rules: Record<string, RuleSeverity>;
  files: {
    /** Largest side file read (a Compose file's Dockerfile, a .dockerignore, an extends file), in bytes. */
    maxSize: number;
    /** Documents larger than this get one information diagnostic and syntax features only, in bytes. */
    maxDocumentSize: number;
  };
}

export const DEFAULT_SETTINGS: Settings = {
  codeLens: { layers: true },
  inlayHints: { layers: true },
  rules: {},
  files: { maxSize: 1024 * 1024, maxDocumentSize: 10 * 1024 * 1024 },
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
  return {
    codeLens: { layers: bool(section.codeLens, 'layers', DEFAULT_SETTINGS.codeLens.layers) },
    inlayHints: { layers: bool(section.inlayHints, 'layers', DEFAULT_SETTINGS.inlayHints.layers) },
    rules,
    files: { maxSize: size('maxSize'), maxDocumentSize: size('maxDocumentSize') },
  };
}
