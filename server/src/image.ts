/**
 * Container image references: `[registry[:port]/]path[:tag][@digest]`.
 * Offsets are relative to the reference text.
 */
export interface ImageRef {
  text: string;
  /** `registry[:port]`, or `null` for Docker Hub short names. */
  registry: string | null;
  /** Registry (if any) and path, without tag or digest: `localhost:5000/app`, `nginx`. */
  name: string;
  /** The name as the runtime resolves it, so that `nginx`, `library/nginx` and `docker.io/library/nginx` compare equal. */
  canonical: string;
  /** Offset where the name ends (where `:tag` or `@digest` would start). */
  nameEnd: number;
  tag: string | null;
  /** Offsets of the tag text, without the `:`. */
  tagStart: number;
  tagEnd: number;
  digest: string | null;
}

const DOCKER_HUB = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);

/** True when the text still holds a variable or template reference, so its final value is unknown here. */
export function isUnresolvedReference(text: string): boolean {
  return /\$|\{\{|\{%/.test(text);
}

/**
 * Parses an image reference. Returns `null` for text that is not a plausible reference
 * (empty, whitespace inside, a variable or template, a malformed digest).
 */
export function parseImageRef(text: string): ImageRef | null {
  if (!text || /\s/.test(text) || isUnresolvedReference(text)) return null;
  let rest = text;
  let digest: string | null = null;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!/^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[0-9a-fA-F]{32,}$/.test(digest)) return null;
  }
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.indexOf(':', lastSlash + 1);
  let tag: string | null = null;
  let nameEnd = rest.length;
  if (colon >= 0) {
    tag = rest.slice(colon + 1);
    nameEnd = colon;
    if (!/^[\w][\w.-]{0,127}$/.test(tag)) return null;
  }
  const name = rest.slice(0, nameEnd);
  if (!name || name.startsWith('/') || name.endsWith('/') || name.includes('//')) return null;
  const firstSlash = name.indexOf('/');
  const first = firstSlash >= 0 ? name.slice(0, firstSlash) : '';
  const registry = firstSlash >= 0 && (first.includes('.') || first.includes(':') || first === 'localhost') ? first : null;
  const path = registry ? name.slice(registry.length + 1) : name;
  if (!/^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/i.test(path)) return null;
  let canonical = path;
  if (registry === null || DOCKER_HUB.has(registry)) {
    canonical = path.includes('/') ? path : `library/${path}`;
  } else {
    canonical = `${registry}/${path}`;
  }
  return {
    text,
    registry,
    name,
    canonical: canonical.toLowerCase(),
    nameEnd,
    tag,
    tagStart: tag === null ? nameEnd : nameEnd + 1,
    tagEnd: tag === null ? nameEnd : nameEnd + 1 + tag.length,
    digest,
  };
}

/** A short name for messages: the reference without tag and digest. */
export function displayName(ref: ImageRef): string {
  return ref.name;
}
