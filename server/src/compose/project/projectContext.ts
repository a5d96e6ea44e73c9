// What the Compose features need to know about a document's project: the names every file
// defines, the merged services, and the project errors that belong in this document.
import * as posix from 'node:path/posix';
import { LineIndex } from '../../common/lineIndex';
import { t } from '../../l10n';
import type { Span } from '../model';
import type { ComposeProblem } from '../problems';
import type { ResolvedProject } from './projects';

export interface ProjectContext {
  resolved: ResolvedProject;
  /** Absolute path of the document the features run on. */
  docPath: string;
  /** More than one file makes the project (a -f set, include or extends). */
  multiFile: boolean;
  /** Services defined by any file of the project (profiles ignored). */
  serviceNames: Set<string>;
  /** Top-level networks, volumes, secrets, configs, models declared by any file. */
  declared: Record<string, Set<string>>;
  /** The merged service has an image, a build or a provider. */
  serviceComplete(name: string): boolean;
}

const isMapping = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

export function projectContext(resolved: ResolvedProject, docPath: string): ProjectContext {
  const model = resolved.loaded.model;
  const services = isMapping(model.services) ? model.services : {};
  const declared: Record<string, Set<string>> = {};
  for (const section of ['networks', 'volumes', 'secrets', 'configs', 'models']) {
    declared[section] = new Set(isMapping(model[section]) ? Object.keys(model[section] as object) : []);
  }
  return {
    resolved,
    docPath,
    multiFile: resolved.spec.files.length > 1 || resolved.loaded.files.size > 1,
    serviceNames: new Set(Object.keys(services)),
    declared,
    serviceComplete(name) {
      const s = services[name];
      if (!isMapping(s)) return true;
      return ['image', 'build', 'provider', 'extends'].some((k) => s[k] !== undefined && s[k] !== null);
    },
  };
}

/**
 * Errors compose would stop on that point into this document (others belong to their own files),
 * and those of the project's env files, reported at `anchor` (the document's first line): nothing in
 * the document names the `.env` it reads, but the project stops on it.
 */
export function projectProblems(ctx: ProjectContext, anchor: Span = { start: 0, end: 0 }): ComposeProblem[] {
  const out: ComposeProblem[] = [];
  for (const e of ctx.resolved.loadErrors) {
    if (e.file && e.file !== ctx.docPath && ctx.resolved.spec.envFiles.includes(e.file)) {
      const line = e.span ? lineOf(ctx, e.file, e.span.start) : undefined;
      const file = posix.relative(posix.dirname(ctx.docPath), e.file) + (line !== undefined ? `:${line + 1}` : '');
      out.push({ span: anchor, severity: 'error', code: 'EnvFileError', message: t('compose.envFile.error', { file, message: e.message }) });
      continue;
    }
    if (e.file !== ctx.docPath || !e.span) continue;
    // reported by this document's own checks already (YAML, duplicate keys, missing extends targets and files)
    if (/^(?:failed to parse|line \d+: mapping key|cannot extend service|open |read )|cannot be read \(/.test(e.message)) continue;
    const code = e.message.includes(': failed to cast to expected type: ')
      ? 'InvalidValueType'
      : e.message.startsWith('error while interpolating')
        ? 'RequiredVariable'
      : e.message.startsWith('invalid interpolation format')
        ? 'InvalidInterpolation'
        : e.message.startsWith('Circular reference')
          ? 'ExtendsCycle'
          : e.message.startsWith('include cycle')
            ? 'IncludeCycle'
            : 'ProjectError';
    out.push({ span: e.span, severity: e.severity, code, message: e.message });
  }
  return out;
}

function lineOf(ctx: ProjectContext, file: string, offset: number): number | undefined {
  const text = ctx.resolved.envTexts?.get(file);
  return text === undefined ? undefined : new LineIndex(text).positionAt(offset).line;
}
