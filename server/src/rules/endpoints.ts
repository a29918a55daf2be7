/**
 * Recognising network endpoints written as literal values (URLs, host names, IP addresses,
 * `host:port`), and telling the ones that differ between environments from those that do not:
 * loopback and bind addresses, and in-cluster Service names, are the same everywhere.
 */
import { nameWords } from './secrets';

/** Last words of a variable name that say it holds an endpoint (`DB_HOST`, `API_URL`, `KAFKA_BOOTSTRAP_SERVERS`). */
const ENDPOINT_WORDS = new Set([
  'host', 'hosts', 'hostname', 'url', 'urls', 'uri', 'uris', 'endpoint', 'endpoints', 'addr', 'address', 'addresses',
  'server', 'servers', 'broker', 'brokers',
]);

/** True when the variable's name says it holds an endpoint: its last word is `host`, `url`, `server`, ... */
function isEndpointName(name: string): boolean {
  const words = nameWords(name);
  return words.length > 0 && ENDPOINT_WORDS.has(words[words.length - 1]);
}

const URL = /^[a-z][a-z0-9+.-]*(?::[a-z][a-z0-9+.-]*)?:\/\/([^/?#\s]*)/i;
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;
const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const HOST_PORT = /^([^:\s]+):(\d{1,5})$/;
/** File name extensions that make `name.ext` a file rather than a host (`server.log`, `app.py`). */
const FILE_EXTENSIONS = new Set([
  'log', 'conf', 'cfg', 'ini', 'json', 'yaml', 'yml', 'xml', 'toml', 'txt', 'sock', 'pid', 'py', 'js', 'sh', 'rb', 'pem',
  'crt', 'key', 'jar', 'war', 'html', 'lock', 'tmp', 'db', 'sqlite',
]);

function isIPv4(host: string): boolean {
  const match = IPV4.exec(host);
  return !!match && match.slice(1).every((octet) => Number(octet) <= 255);
}

/** A DNS name with at least one letter (so that `1.2.3` is a version, not a host). */
function isHostName(host: string): boolean {
  const labels = host.split('.');
  return /[a-z]/i.test(host) && labels.every((label) => LABEL.test(label));
}

/** Loopback, "any address" and link-local hosts: the same on every machine. */
function isLocalHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h.endsWith('.localhost') || h === 'ip6-localhost' || h === '::1' || h === '::' ||
    h === '0.0.0.0' || /^127\./.test(h) || /^169\.254\./.test(h);
}

/**
 * Tells whether a dotted host name is an in-cluster name (such as `redis.cache`, a Service and
 * its namespace), beyond those always recognised: `redis`, `redis.cache.svc`,
 * `redis.cache.svc.cluster.local`.
 */
export type InClusterTest = (host: string) => boolean;

/**
 * Top-level domains of most public two-label names (`example.com`), besides the two-letter
 * country codes; and suffixes of names that resolve only in one site's own network. A name
 * `<a>.<b>` whose `<b>` is neither is a Service and its namespace (`otel-collector.observability`).
 */
const COMMON_TLDS = new Set(['com', 'net', 'org', 'io', 'dev', 'app', 'ai', 'co', 'cloud', 'info', 'biz', 'me', 'tv', 'xyz', 'tech', 'site', 'online', 'gov', 'edu', 'mil', 'int']);
const SITE_SUFFIXES = new Set(['local', 'lan', 'corp', 'internal', 'intranet', 'home', 'localdomain', 'private', 'test', 'example', 'invalid']);

/** `<service>.<namespace>`: two labels, the last of them no public top-level domain and no site suffix. */
function isServiceInNamespace(host: string): boolean {
  const labels = host.split('.');
  return labels.length === 2 && labels[1].length > 2 && !COMMON_TLDS.has(labels[1]) && !SITE_SUFFIXES.has(labels[1]);
}

function isStableHost(host: string, inCluster: InClusterTest): boolean {
  const h = host.toLowerCase();
  if (isLocalHost(h)) return true;
  if (isIPv4(h) || h.startsWith('[')) return false;
  return !h.includes('.') || /\.svc(?:\.cluster\.local)?$/.test(h) || h.endsWith('.cluster.local') || isServiceInNamespace(h) || inCluster(h);
}

interface Item {
  kind: string;
  host: string;
}

/** Reads one item of a value as an endpoint; `hinted` allows bare host names and IP addresses. */
function readItem(item: string, hinted: boolean): Item | null {
  const url = URL.exec(item);
  if (url) {
    const authority = url[1].replace(/^.*@/, '');
    const host = authority.startsWith('[') ? authority.slice(0, authority.indexOf(']') + 1) : authority.replace(/:\d*$/, '');
    return host && (isHostName(host) || isIPv4(host) || host.startsWith('[')) ? { kind: 'a URL', host } : null;
  }
  const hostPort = HOST_PORT.exec(item);
  if (hostPort && Number(hostPort[2]) <= 65535 && (isIPv4(hostPort[1]) || isHostName(hostPort[1]))) {
    return { kind: 'a host and port', host: hostPort[1] };
  }
  if (!hinted) return null;
  if (isIPv4(item)) return { kind: 'an IP address', host: item };
  const labels = item.split('.');
  const last = labels[labels.length - 1].toLowerCase();
  if (labels.length > 1 && isHostName(item) && /[a-z]/.test(last) && !FILE_EXTENSIONS.has(last)) return { kind: 'a host name', host: item };
  return null;
}

/**
 * What kind of endpoint a variable's literal value is (`a URL`, `a host name`, `an IP address`,
 * `a host and port`), or null when it is not one, or only names hosts that are the same in every
 * environment. A value may list several endpoints (separated by commas, semicolons or spaces);
 * every item must then be an endpoint. Bare host names and IP addresses count only when the
 * name says the variable holds an endpoint (`DB_HOST`), since `app.py` or `1.2.3.4` are common
 * values of other variables.
 */
export function endpointKind(name: string, value: string, inCluster: InClusterTest = () => false): string | null {
  const items = value.split(/[\s,;]+/).map((item) => item.replace(/^[["']+|[\]"']+$/g, '')).filter(Boolean);
  if (items.length === 0) return null;
  const hinted = isEndpointName(name);
  let kind: string | null = null;
  for (const text of items) {
    const item = readItem(text, hinted);
    if (!item) return null;
    if (kind === null && !isStableHost(item.host, inCluster)) kind = item.kind;
  }
  return kind;
}
