// What the Docker Official Images and the distroless images contain: a generated table
// (scripts/generate-base-images.mjs, sources and licences in baseImages.NOTICE.md) behind typed accessors.
import table from './baseImages.json';

/** One tag family's configuration, as the generator writes it (absent keys: not set). */
interface RawProfile {
  os?: string;
  release?: string;
  pm?: string;
  sh?: false;
  user?: string;
  workdir?: string;
  entrypoint?: string[];
  cmd?: string[];
  shell?: string[];
  stopsignal?: string;
  expose?: string[];
  users?: number;
  from?: string;
  unknownBase?: string;
  configUnknown?: true;
}

interface RawImage {
  source: string;
  headFallback?: true;
  tags: [string, number][];
}

interface RawTable {
  generated: string;
  sources: Record<string, [string, string]>;
  userSets: string[];
  profiles: RawProfile[];
  images: Record<string, RawImage>;
  retired: Record<string, string>;
}

const data = table as unknown as RawTable;

export interface BaseImageFacts {
  /** `python`, `gcr.io/distroless/static-debian12`. */
  repository: string;
  tag: string;
  /** Every tag that names the same image (the tag family), as the official-images file lists them. */
  family: string[];
  os?: string;
  release?: string;
  packageManager?: string;
  /** False on images without `/bin/sh` (scratch-based, distroless, Windows). */
  hasShell: boolean;
  user?: string;
  workdir?: string;
  entrypoint?: string[];
  cmd?: string[];
  shell?: string[];
  stopsignal?: string;
  expose: string[];
  /** Accounts the image has, where known. */
  users?: string[];
  /** The image it is built FROM (`debian:trixie-slim`). */
  from?: string;
  /** The generator could not read the root's own configuration; ENTRYPOINT/CMD may be incomplete. */
  configUnknown: boolean;
  /** The source repository (`docker-library/python`). */
  source: string;
  windows: boolean;
}

const families = new Map<string, Map<string, { tags: string[]; profile: number }>>();

function familiesOf(repository: string): Map<string, { tags: string[]; profile: number }> | undefined {
  const image = data.images[repository];
  if (!image) return undefined;
  let map = families.get(repository);
  if (!map) {
    map = new Map();
    for (const [tags, profile] of image.tags) {
      const entry = { tags: tags.split(' '), profile };
      for (const t of entry.tags) if (!map.has(t)) map.set(t, entry);
    }
    families.set(repository, map);
  }
  return map;
}

/** Facts for `repository:tag` (repository as Docker prints it: `python`, `gcr.io/distroless/base-debian12`). */
export function baseImageFacts(repository: string, tag: string): BaseImageFacts | undefined {
  const entry = familiesOf(repository)?.get(tag);
  if (!entry) return undefined;
  const p = data.profiles[entry.profile];
  if (!p) return undefined;
  return {
    repository,
    tag,
    family: entry.tags,
    os: p.os,
    release: p.release,
    packageManager: p.pm,
    hasShell: p.sh !== false,
    user: p.user,
    workdir: p.workdir,
    entrypoint: p.entrypoint?.length ? p.entrypoint : undefined,
    cmd: p.cmd,
    shell: p.shell,
    stopsignal: p.stopsignal,
    expose: p.expose ?? [],
    users: p.users !== undefined ? data.userSets[p.users]?.split(' ') : undefined,
    from: p.from,
    configUnknown: !!p.configUnknown || !!p.unknownBase,
    source: data.images[repository].source,
    windows: p.os === 'windows',
  };
}

/** Whether the table knows the repository at all. */
export function isKnownRepository(repository: string): boolean {
  return Object.prototype.hasOwnProperty.call(data.images, repository);
}

/** The current tags of a repository, in the official-images file's order (newest first). */
export function currentTags(repository: string): string[] {
  const image = data.images[repository];
  return image ? image.tags.flatMap(([t]) => t.split(' ')) : [];
}

/** Every repository name the table covers. */
export function knownRepositories(): string[] {
  return Object.keys(data.images);
}

/** When a repository was removed from the Docker Official Images (its library file deleted); undefined if not. */
export function retiredOn(repository: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(data.retired, repository) ? data.retired[repository] : undefined;
}

/** The date of the official-images snapshot the table was made from. */
export const baseImagesDate: string = data.generated;
