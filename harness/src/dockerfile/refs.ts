// Image references as the engine names them, so that `node:24`, `docker.io/library/node:24`
// and `index.docker.io/library/node:24` are one reference and `gcr.io/x/y` means `gcr.io/x/y:latest`.

export interface ParsedRef {
  /** Repository as the engine lists it in RepoTags: no docker.io/ or library/ prefix. */
  repository: string;
  /** The tag; `latest` when the reference has neither tag nor digest. */
  tag?: string;
  /** `sha256:...` when pinned by digest. */
  digest?: string;
}

const dockerHubPrefixes = ['docker.io/', 'index.docker.io/', 'registry-1.docker.io/'];

export function parseRef(ref: string): ParsedRef {
  let rest = ref.trim();
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  // A tag is the part after the last colon that comes after the last slash
  // (a colon before it belongs to a registry port: localhost:5000/app).
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  let repository = rest.toLowerCase();
  for (const prefix of dockerHubPrefixes) {
    if (repository.startsWith(prefix)) repository = repository.slice(prefix.length);
  }
  if (repository.startsWith('library/') && repository.split('/').length === 2) repository = repository.slice('library/'.length);
  if (!tag && !digest) tag = 'latest';
  return { repository, ...(tag ? { tag } : {}), ...(digest ? { digest } : {}) };
}

/** The canonical spelling: `node:24`, `gcr.io/distroless/static-debian13:nonroot`, `x@sha256:...`. */
export function normalizeRef(ref: string): string {
  const parsed = parseRef(ref);
  return parsed.repository + (parsed.tag ? `:${parsed.tag}` : '') + (parsed.digest ? `@${parsed.digest}` : '');
}

/** `scratch` is the empty image, not a reference to anything. */
export function isScratch(ref: string): boolean {
  return ref.trim().toLowerCase() === 'scratch';
}
