// Resolved projects per document, reused while none of the files they read has changed (open
// buffers and disk files are compared by text through the host, so an edit anywhere is seen).
import * as posix from 'node:path/posix';
import type { FileHost } from '../../common/files';
import { discoverProject, type ProjectSetting } from './discovery';
import { resolveProject, type ResolvedProject } from './projects';
import { projectContext, type ProjectContext } from './projectContext';

export interface ResolverOptions {
  projects?: ProjectSetting[];
  /** Folder the setting's relative paths resolve against (the workspace folder). */
  base?: string;
  shell?: ReadonlyMap<string, string>;
}

interface Entry {
  key: string;
  project: ResolvedProject;
  /** Texts of every file the resolution read (undefined: it was not readable). */
  inputs: Map<string, string | undefined>;
}

export class ProjectResolver {
  private readonly cache = new Map<string, Entry>();

  constructor(private readonly host: FileHost) {}

  /** The project of the Compose file at `docPath` (an absolute POSIX path). */
  forDocument(docPath: string, options: ResolverOptions = {}): ProjectContext {
    const spec = discoverProject(docPath, this.host, { projects: options.projects, base: options.base ?? posix.dirname(docPath) });
    const key = JSON.stringify([spec.files, spec.envFiles, spec.projectDir, spec.profiles ?? null, spec.name ?? null, options.shell ? [...options.shell] : null]);
    const cached = this.cache.get(key);
    if (cached && this.unchanged(cached)) return projectContext(cached.project, docPath);
    const project = resolveProject(spec, this.host, { shell: options.shell });
    const inputs = new Map<string, string | undefined>();
    for (const f of [...spec.files, ...spec.envFiles, ...project.loaded.files.keys()]) inputs.set(f, this.host.readFile(f));
    this.cache.set(key, { key, project, inputs });
    if (this.cache.size > 32) this.cache.delete(this.cache.keys().next().value as string);
    return projectContext(project, docPath);
  }

  /** Every file the cached projects read (for re-validating dependents). */
  filesOf(ctx: ProjectContext): string[] {
    return [...new Set([...ctx.resolved.spec.files, ...ctx.resolved.spec.envFiles, ...ctx.resolved.loaded.files.keys()])];
  }

  clear(): void {
    this.cache.clear();
  }

  private unchanged(entry: Entry): boolean {
    for (const [path, text] of entry.inputs) if (this.host.readFile(path) !== text) return false;
    return true;
  }
}
