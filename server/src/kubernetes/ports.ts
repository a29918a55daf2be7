/**
 * What a container port speaks, as far as its declaration tells: the probe fixes use it so that they
 * never aim an HTTP GET at a database port (which fails, and a failing liveness probe restarts the
 * container forever) or a plain-HTTP GET at a TLS port.
 */
import type { ContainerPort } from './model';

/** How a probe can reach a port: HTTP GET, HTTPS GET, a TCP connect, or not at all (UDP, SCTP). */
export type PortProbe = 'http' | 'https' | 'tcp' | 'none';

/**
 * Port names and name prefixes (Istio's protocol selection convention: `<protocol>[-<suffix>]`) of
 * protocols that are not HTTP. Compared against the name up to its first `-` or `_`.
 */
const NON_HTTP_NAMES = new Set([
  'amqp', 'amqps', 'cassandra', 'cql', 'db', 'database', 'dns', 'epmd', 'etcd', 'ftp', 'grpc', 'imap', 'imaps',
  'kafka', 'ldap', 'ldaps', 'memcache', 'memcached', 'mongo', 'mongodb', 'mqtt', 'mssql', 'mysql', 'mariadb',
  'nats', 'oracle', 'pop3', 'postgres', 'postgresql', 'psql', 'rabbitmq', 'redis', 'sentinel', 'smtp', 'smtps',
  'ssh', 'tcp', 'tls', 'xtrabackup', 'zookeeper', 'zk',
]);

/** Well-known port numbers of protocols that are not HTTP. */
const NON_HTTP_PORTS = new Set([
  21, 22, 25, 53, 110, 143, 389, 465, 587, 636, 993, 995, 1433, 1521, 1883, 2181, 2379, 2380, 2888, 3306, 3888,
  4222, 4369, 5432, 5671, 5672, 6379, 6380, 9042, 9092, 11211, 25672, 26257, 26379, 27017,
  27018, 27019, 50051,
]);

/** Port numbers that conventionally serve HTTPS. */
const HTTPS_PORTS = new Set([443, 8443, 9443, 10250]);

/** The first part of a port name: `http-metrics` → `http`, `tcp_db` → `tcp`. */
function namePrefix(name: string): string {
  return name.toLowerCase().split(/[-_]/)[0] ?? '';
}

/**
 * How a probe can reach the port. An explicit `protocol` other than TCP rules out every probe; an
 * `appProtocol` or a name that says HTTP, HTTPS or another protocol decides next; then well-known
 * port numbers. Anything else is taken to be HTTP, the guide's default.
 */
export function portProbe(port: ContainerPort): PortProbe {
  const protocol = port.protocol?.value.toUpperCase();
  if (protocol && protocol !== 'TCP') return 'none';
  for (const label of [port.appProtocol?.value, port.name?.value]) {
    if (!label) continue;
    const prefix = namePrefix(label.replace(/^kubernetes\.io\//i, ''));
    if (prefix === 'https' || prefix === 'h2') return 'https';
    if (prefix === 'http' || prefix === 'http2' || prefix === 'h2c' || prefix === 'ws') return 'http';
    if (prefix === 'wss') return 'https';
    if (NON_HTTP_NAMES.has(prefix)) return 'tcp';
  }
  const number = port.containerPort;
  if (number !== null && HTTPS_PORTS.has(number)) return 'https';
  if (number !== null && NON_HTTP_PORTS.has(number)) return 'tcp';
  return 'http';
}
