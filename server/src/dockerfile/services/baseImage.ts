// Which known base image a FROM names (through stages and ARG defaults), and what the table says of it.
import type { DockerfileModel } from '../parser/model';
import { baseImageFacts, currentTags, isKnownRepository, knownRepositories, retiredOn, type BaseImageFacts } from '../data/baseImages';
import { parseImageRef } from './imageRef';
import { bindingAt, fromLineBinding } from './scopes';

export type BaseImageLookup =
  /** The table knows this tag. */
  | { kind: 'known'; reference: string; facts: BaseImageFacts; prerelease: boolean }
  /** A known repository, but not one of its current tags (older, mistyped, or past end of life). */
  | { kind: 'unknownTag'; reference: string; repository: string; tag: string; retired?: string }
  /** The empty image. */
  | { kind: 'scratch'; reference: string }
  /** Not in the table (another registry, a private image, a reference with unset build arguments). */
  | { kind: 'unknown'; reference: string };

/** `3.15.0rc1`, `3.14.0b1-slim`, `3.15-rc`, `25-ea`, `beta`: versions the sources call pre-releases. */
const PRERELEASE = /(^|[\d.-])(a|b|rc|alpha|beta)\d*([-.]|$)|(^|-)(rc|ea|beta|alpha|unstable|edge)(-|$)/i;

export function isPrerelease(tag: string): boolean {
  return PRERELEASE.test(tag);
}

/** The table's key for a reference: `python` for Docker Hub's official images, `gcr.io/distroless/x` elsewhere. */
export function repositoryKey(reference: string): { repository: string; tag?: string } | undefined {
  const ref = parseImageRef(reference);
  if (ref.error || ref.hasVariables) return undefined;
  const repository = ref.domain === 'docker.io' ? ref.repository.replace(/^library\//, '') : `${ref.domain}/${ref.repository}`;
  return { repository, tag: ref.tag?.text ?? (ref.digest ? undefined : 'latest') };
}

/**
 * Lookups by reference, for the process: a file names a few images from many FROM lines, and the
 * table does not change. Callers must not change what they get. Emptied when it grows large.
 */
const lookups = new Map<string, BaseImageLookup>();

export function lookupBaseImage(reference: string): BaseImageLookup {
  let found = lookups.get(reference);
  if (found === undefined) {
    if (lookups.size >= 1024) lookups.clear();
    lookups.set(reference, (found = readBaseImage(reference)));
  }
  return found;
}

function readBaseImage(reference: string): BaseImageLookup {
  if (reference.toLowerCase() === 'scratch') return { kind: 'scratch', reference };
  const key = repositoryKey(reference);
  if (!key) return { kind: 'unknown', reference };
  const retired = retiredOn(key.repository);
  if (!isKnownRepository(key.repository)) {
    return retired ? { kind: 'unknownTag', reference, repository: key.repository, tag: key.tag ?? '', retired } : { kind: 'unknown', reference };
  }
  const facts = key.tag !== undefined ? baseImageFacts(key.repository, key.tag) : undefined;
  if (!facts) return { kind: 'unknownTag', reference, repository: key.repository, tag: key.tag ?? '' };
  return { kind: 'known', reference, facts, prerelease: isPrerelease(key.tag!) };
}

/** A FROM value with the build arguments' defaults filled in (`python:${V}` with `ARG V=3.12`). */
export function expandImageDefaults(model: DockerfileModel, value: string, at: number): string {
  if (!value.includes('$')) return value;
  // At a FROM line only the global ARGs count: read them alone, not the whole file's variable index.
  const ins = model.instructionAt(at);
  const from = ins && ins.keyword === 'FROM' && ins.start === at ? ins : undefined;
  return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?[-+]([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (whole, braced, fallback, plain) => {
    const name = braced ?? plain;
    const v = (from ? fromLineBinding(model, name, from) : bindingAt(model, name, at)).value;
    if (v !== undefined && v !== '') return v;
    if (fallback !== undefined && /:?-/.test(whole)) return fallback;
    return whole;
  });
}

/** Current tags of a repository, newest first (the official-images order). */
export function tagsForCompletion(repository: string): string[] {
  return currentTags(repository);
}

const OS_NAMES: Record<string, string> = {
  debian: 'Debian', ubuntu: 'Ubuntu', alpine: 'Alpine Linux', fedora: 'Fedora', almalinux: 'AlmaLinux', rockylinux: 'Rocky Linux',
  oraclelinux: 'Oracle Linux', amazonlinux: 'Amazon Linux', photon: 'Photon OS', archlinux: 'Arch Linux', busybox: 'BusyBox',
  windows: 'Windows', clearlinux: 'Clear Linux', mageia: 'Mageia', alt: 'ALT Linux', centos: 'CentOS', opensuse: 'openSUSE', cirros: 'CirrOS',
};

/** `Debian trixie`, `Alpine Linux 3.22`. */
export function osLabel(facts: BaseImageFacts): string | undefined {
  if (!facts.os) return undefined;
  const name = OS_NAMES[facts.os] ?? facts.os;
  return facts.release ? `${name} ${facts.release}` : name;
}

export interface ImageSuggestion {
  /** What the list shows: the repository, or the tag alone. */
  label: string;
  /** The whole reference to insert (`python:3.12-slim`). */
  text: string;
  detail: string;
  /** Keeps the table's order: current tags newest first, pre-releases after them. */
  sortText: string;
  kind: 'repository' | 'tag';
}

/** Image names, or after `name:` its current tags, for what has been typed so far (from the offline table). */
export function imageSuggestions(typed: string): ImageSuggestion[] {
  const slash = typed.lastIndexOf('/');
  const colon = typed.indexOf(':', slash + 1);
  if (colon < 0) {
    return knownRepositories()
      .filter((r) => r.startsWith(typed.toLowerCase()) || (!typed.includes('/') && r.startsWith('gcr.io/distroless/') && typed !== '' && 'gcr.io/distroless/'.startsWith(typed)))
      .sort()
      .map((r, i) => ({ label: r, text: r, detail: r.includes('/') ? 'distroless image' : 'Docker Official Image', sortText: String(i).padStart(4, '0'), kind: 'repository' }));
  }
  const repository = typed.slice(0, colon).replace(/^(docker\.io\/)?(library\/)?/, '');
  const written = typed.slice(0, colon);
  const tags = currentTags(repository);
  const seen = new Set<string>();
  const out: ImageSuggestion[] = [];
  tags.forEach((tag, i) => {
    if (seen.has(tag)) return;
    seen.add(tag);
    const facts = baseImageFacts(repository, tag);
    const pre = isPrerelease(tag);
    const detail = (pre ? 'pre-release' : facts ? osLabel(facts) : undefined) ?? 'image tag';
    out.push({ label: tag, text: `${written}:${tag}`, detail, sortText: (pre ? '1' : '0') + String(i).padStart(5, '0'), kind: 'tag' });
  });
  return out;
}
