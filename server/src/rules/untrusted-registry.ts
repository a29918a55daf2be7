/**
 * `untrusted-registry`: an image pulled from a registry the project's `trustedRegistries` does
 * not list. Off until the list is configured: there is no list everyone could agree on.
 *
 * An entry is a registry host (`registry.example.com`, `localhost:5000`), optionally followed by
 * a path prefix (`ghcr.io/acme` trusts `ghcr.io/acme/...` only), and may start with `*.` to trust
 * every subdomain (`*.dkr.ecr.eu-west-1.amazonaws.com`). Docker Hub is `docker.io`; its official
 * images live under `docker.io/library`.
 */
import type { ImageRef } from '../image';
import { imageAspects, imagesOf } from './image-pins';
import type { DockerfileContext, KubernetesContext, Rule } from './rule';

/** Host names that all mean Docker Hub. */
const DOCKER_HUB_HOSTS = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);

export const untrustedRegistry: Rule = {
  meta: {
    id: 'untrusted-registry',
    title: 'Image from an untrusted registry',
    description: 'An image comes from a registry that trustedRegistries in .kubeready.yaml does not list; the rule does nothing until that list is set.',
    defaultSeverity: 'warning',
    appliesTo: ['dockerfile', 'kubernetes'],
    fix: 'none',
  },
  checkDockerfile: check,
  checkKubernetes: check,
};

function check(context: DockerfileContext | KubernetesContext): void {
  const trusted = context.config.trustedRegistries.map(parseEntry).filter((e): e is TrustedEntry => e !== null);
  if (trusted.length === 0) return;
  for (const image of imagesOf(context.model)) {
    const occurrence = image.occurrence;
    const ref = occurrence.ref;
    const host = registryHost(ref);
    if (trusted.some((entry) => entryMatches(entry, host, repositoryPath(ref)))) continue;
    const shown = ref.registry ? occurrence.shown(0, ref.registry.length) : occurrence.shown(0, ref.nameEnd);
    const where = ref.registry ? host : `${host} (Docker Hub)`;
    context.report({
      ...shown,
      message: `${ref.name} comes from ${where}, which is not in trustedRegistries: an image from a registry nobody vetted can change or vanish without review. Use an image from a trusted registry, or add ${host} to trustedRegistries in .kubeready.yaml.`,
      aspects: imageAspects(image),
    });
  }
}

/** One `trustedRegistries` entry, read. */
interface TrustedEntry {
  /** Lower-case host with port; for `*.example.com`, the suffix `.example.com`. */
  host: string;
  wildcard: boolean;
  /** Path prefix without slashes at either end, or `''` for the whole registry. */
  path: string;
}

/** Reads an entry; a scheme (`https://`) and slashes at the ends are tolerated. Null for an empty one. */
function parseEntry(entry: string): TrustedEntry | null {
  const text = entry.trim().replace(/^[a-z]+:\/\//i, '').replace(/^\/+|\/+$/g, '');
  if (!text) return null;
  const slash = text.indexOf('/');
  let host = (slash >= 0 ? text.slice(0, slash) : text).toLowerCase();
  const path = slash >= 0 ? text.slice(slash + 1).toLowerCase() : '';
  const wildcard = host.startsWith('*.');
  if (wildcard) host = host.slice(1);
  if (DOCKER_HUB_HOSTS.has(host)) host = 'docker.io';
  return { host, wildcard, path };
}

/** The registry an image is pulled from: its host with port, `docker.io` for Docker Hub names. */
function registryHost(ref: ImageRef): string {
  const host = (ref.registry ?? 'docker.io').toLowerCase();
  return DOCKER_HUB_HOSTS.has(host) ? 'docker.io' : host;
}

/** The repository path inside the registry, as the registry knows it (`library/nginx` for `nginx`). */
function repositoryPath(ref: ImageRef): string {
  const path = ref.registry ? ref.name.slice(ref.registry.length + 1) : ref.name;
  const lower = path.toLowerCase();
  return registryHost(ref) === 'docker.io' && !lower.includes('/') ? `library/${lower}` : lower;
}

/** True when the entry trusts the image's registry and path. */
function entryMatches(entry: TrustedEntry, host: string, path: string): boolean {
  const hostMatches = entry.wildcard ? host.endsWith(entry.host) && host.length > entry.host.length : host === entry.host;
  if (!hostMatches) return false;
  return entry.path === '' || path === entry.path || path.startsWith(`${entry.path}/`);
}
