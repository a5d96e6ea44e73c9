// Image references as Docker reads them (`[registry[:port]/]path[:tag][@digest]`), with the
// normalisation `docker pull` applies: no registry means Docker Hub, and a one-part Docker Hub
// path is an official image under `library/`. Offsets are relative to the reference text so hover
// can underline each part. Also: which web page shows an image, per registry (a small table).

export interface Part {
  /** As written. */
  text: string;
  /** Offsets into the reference text, end exclusive. */
  start: number;
  end: number;
}

export interface ImageRef {
  /** The reference as written. */
  text: string;
  /** The registry host as written (`ghcr.io`, `localhost:5000`); undefined when none is written. */
  registry?: Part;
  /** The registry actually contacted: `docker.io` when none is written (`index.docker.io` is folded into it). */
  domain: string;
  /** The path as written after the registry: `node`, `bitnami/redis`, `library/node`. */
  path?: Part;
  /** The full repository path on its registry: `library/node` for `node` on Docker Hub. */
  repository: string;
  /** A Docker Hub image without a namespace, or under `library/`: `node`, `docker.io/library/node`. */
  official: boolean;
  tag?: Part;
  digest?: Part;
  /** The tag Docker uses: the written one, or `latest` when neither tag nor digest is written. */
  effectiveTag?: string;
  /** Neither tag nor digest is written, so Docker pulls `latest` (which moves). */
  tagImplicit: boolean;
  /** The short name Docker prints: `node:20`, `bitnami/redis`, `ghcr.io/a/b:tag`. */
  familiarName: string;
  /** Fully qualified: `docker.io/library/node:20-alpine`. */
  canonical: string;
  /** Contains `$VAR`: the real reference is only known at build time. */
  hasVariables: boolean;
  /** Why Docker would reject this reference; undefined when it is well formed (or has variables). */
  error?: string;
}

const DOCKER_HUB = 'docker.io';
const HUB_ALIASES = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);

// The grammar of github.com/distribution/reference, written as small expressions.
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;
const DOMAIN_COMPONENT = /^(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])$/;

function part(text: string, start: number, end: number): Part {
  return { text: text.slice(start, end), start, end };
}

/** The first path component names a registry when it has a `.` or `:`, is `localhost`, or has upper case. */
function isRegistry(component: string): boolean {
  return component.includes('.') || component.includes(':') || component === 'localhost' || component !== component.toLowerCase();
}

/** References read lately (a file names the same few images on many lines): callers must not change them. */
const RECENT = new Map<string, ImageRef>();
const RECENT_MAX = 256;

export function parseImageRef(text: string): ImageRef {
  let ref = RECENT.get(text);
  if (ref) return ref;
  ref = readImageRef(text);
  if (RECENT.size >= RECENT_MAX) RECENT.clear();
  RECENT.set(text, ref);
  return ref;
}

function readImageRef(text: string): ImageRef {
  const hasVariables = text.includes('$');
  let end = text.length;
  let digest: Part | undefined;
  const at = text.indexOf('@');
  if (at >= 0) {
    digest = part(text, at + 1, end);
    end = at;
  }
  let tag: Part | undefined;
  const colon = text.lastIndexOf(':', end - 1);
  if (colon >= 0 && colon > text.lastIndexOf('/', end - 1)) {
    tag = part(text, colon + 1, end);
    end = colon;
  }
  let registry: Part | undefined;
  let pathStart = 0;
  const slash = text.indexOf('/');
  if (slash > 0 && slash < end && isRegistry(text.slice(0, slash))) {
    registry = part(text, 0, slash);
    pathStart = slash + 1;
  }
  const path = pathStart < end ? part(text, pathStart, end) : undefined;
  const domain = registry ? (HUB_ALIASES.has(registry.text.toLowerCase()) ? DOCKER_HUB : registry.text) : DOCKER_HUB;
  const pathText = path?.text ?? '';
  const onHub = domain === DOCKER_HUB;
  const official = onHub && (!pathText.includes('/') || pathText.startsWith('library/'));
  const repository = onHub && !pathText.includes('/') ? `library/${pathText}` : pathText;
  const effectiveTag = tag?.text ?? (digest ? undefined : 'latest');
  const suffix = (tag ? `:${tag.text}` : '') + (digest ? `@${digest.text}` : '');
  const shortPath = official ? repository.slice('library/'.length) : repository;
  const ref: ImageRef = {
    text,
    registry,
    domain,
    path,
    repository,
    official,
    tag,
    digest,
    effectiveTag,
    tagImplicit: !tag && !digest,
    familiarName: (onHub ? shortPath : `${domain}/${repository}`) + suffix,
    canonical: `${domain}/${repository}` + (tag || !digest ? `:${effectiveTag ?? 'latest'}` : '') + (digest ? `@${digest.text}` : ''),
    hasVariables,
  };
  if (!hasVariables) ref.error = validate(ref);
  return ref;
}

/** `host[:port]`, where host is dotted DNS labels or a bracketed IPv6 address (`[::1]:5000`). */
function validRegistryHost(text: string): boolean {
  const m = /^(?:\[([0-9a-fA-F:]+)\]|([^:[\]]+))(?::(\d+))?$/.exec(text);
  return m !== null && (m[1] !== undefined || m[2].split('.').every((c) => DOMAIN_COMPONENT.test(c)));
}

/** True when Docker accepts `text` as an image reference as it stands (no variables left in it). */
export function isValidImageRef(text: string): boolean {
  const ref = parseImageRef(text);
  return !ref.hasVariables && ref.error === undefined;
}

function validate(ref: ImageRef): string | undefined {
  if (!ref.path || ref.path.text === '') return 'the image name is empty';
  if (ref.registry && !validRegistryHost(ref.registry.text)) return `"${ref.registry.text}" is not a valid registry host`;
  const bad = ref.path.text.split('/').find((c) => !PATH_COMPONENT.test(c));
  if (bad !== undefined) {
    return bad !== bad.toLowerCase()
      ? `repository names must be lower case ("${bad}")`
      : `"${bad}" is not a valid repository name component (lower-case letters, digits and separators . _ __ -)`;
  }
  if (ref.repository.length > 255) return 'the repository name is longer than 255 characters';
  if (ref.tag && !TAG.test(ref.tag.text)) return `"${ref.tag.text}" is not a valid tag (letters, digits, _ . -, at most 128, not starting with . or -)`;
  if (ref.digest && !DIGEST.test(ref.digest.text)) return `"${ref.digest.text}" is not a valid digest (algorithm:hex, e.g. sha256:…)`;
  return undefined;
}

/**
 * Web pages for images, by registry. Docker Hub, Quay, GitHub's registry, Microsoft's and the
 * Amazon ECR Public gallery have a page per repository at a predictable address; other registries
 * (private ones, gcr.io and Artifact Registry, whose console pages need a login and a project) get
 * no link rather than a guessed one.
 */
const IMAGE_PAGES: { matches: (domain: string) => boolean; page: (ref: ImageRef) => string }[] = [
  {
    matches: (d) => d === DOCKER_HUB,
    page: (r) => (r.official ? `https://hub.docker.com/_/${r.repository.slice('library/'.length)}` : `https://hub.docker.com/r/${r.repository}`),
  },
  { matches: (d) => d === 'quay.io', page: (r) => `https://quay.io/repository/${r.repository}` },
  // ghcr.io answers a browser with a redirect to the package page on github.com.
  { matches: (d) => d === 'ghcr.io', page: (r) => `https://ghcr.io/${r.repository}` },
  { matches: (d) => d === 'mcr.microsoft.com', page: (r) => `https://mcr.microsoft.com/en-us/artifact/mar/${r.repository}` },
  { matches: (d) => d === 'public.ecr.aws', page: (r) => `https://gallery.ecr.aws/${r.repository}` },
];

/** The page that describes the image, or undefined when there is none worth linking (or the name is not final). */
export function imagePageUrl(ref: ImageRef): string | undefined {
  if (ref.hasVariables || ref.error) return undefined;
  const entry = IMAGE_PAGES.find((p) => p.matches(ref.domain.toLowerCase()));
  return entry?.page(ref);
}

/** A name for link tooltips: `Docker Hub`, `Quay`, … */
export function registryDisplayName(ref: ImageRef): string {
  const names: Record<string, string> = {
    'docker.io': 'Docker Hub',
    'quay.io': 'Quay',
    'ghcr.io': 'GitHub Container Registry',
    'mcr.microsoft.com': 'Microsoft Artifact Registry',
    'public.ecr.aws': 'Amazon ECR Public Gallery',
  };
  return names[ref.domain.toLowerCase()] ?? ref.domain;
}
