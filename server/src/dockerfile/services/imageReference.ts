// Splits an image reference (`ghcr.io/org/app:1.2@sha256:...`) into the parts Docker resolves it to.

export interface ImageReference {
  /** As written. */
  text: string;
  /** `docker.io` when none is written. */
  registry: string;
  registryImplicit: boolean;
  /** Full repository path, `library/` added for Docker Hub official images. */
  repository: string;
  /** True for a Docker Hub image without a namespace (`python` → `library/python`). */
  official: boolean;
  tag?: string;
  /** `latest` was assumed: no tag and no digest. */
  tagImplicit: boolean;
  digest?: string;
  /** Contains `$VAR` parts, so the real value is only known at build time. */
  hasVariables: boolean;
}

export function parseImageReference(text: string): ImageReference {
  let rest = text;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  let registry = 'docker.io';
  let registryImplicit = true;
  const slash = rest.indexOf('/');
  if (slash > 0) {
    const first = rest.slice(0, slash);
    if (first.includes('.') || first.includes(':') || first === 'localhost' || first !== first.toLowerCase()) {
      registry = first;
      registryImplicit = false;
      rest = rest.slice(slash + 1);
    }
  }
  const dockerHub = registry === 'docker.io' || registry === 'index.docker.io' || registry === 'registry-1.docker.io';
  const official = dockerHub && !rest.includes('/');
  const repository = official ? 'library/' + rest : rest;
  return {
    text,
    registry,
    registryImplicit,
    repository,
    official,
    tag: tag ?? (digest ? undefined : 'latest'),
    tagImplicit: tag === undefined && digest === undefined,
    digest,
    hasVariables: text.includes('$'),
  };
}

/** The Docker Hub page of an image, or undefined for other registries. */
export function dockerHubUrl(ref: ImageReference): string | undefined {
  if (ref.registry !== 'docker.io' || ref.hasVariables) return undefined;
  return ref.official ? `https://hub.docker.com/_/${ref.repository.slice('library/'.length)}` : `https://hub.docker.com/r/${ref.repository}`;
}
