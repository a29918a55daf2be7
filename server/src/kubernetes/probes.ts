/**
 * The probes of a container (liveness, readiness, startup) and the port each one checks.
 */
import { isMap, isScalar, isSeq } from 'yaml';
import type { Container, YamlMap } from './model';
import { asMap, getString, mapGet, resolve } from './nodes';
import type { StringValue } from './nodes';

export type ProbeKind = 'livenessProbe' | 'readinessProbe' | 'startupProbe';

export const PROBE_KINDS: readonly ProbeKind[] = ['livenessProbe', 'readinessProbe', 'startupProbe'];

/** The probe handlers that connect to a port. */
export type PortHandler = 'httpGet' | 'tcpSocket' | 'grpc';

const PORT_HANDLERS: readonly PortHandler[] = ['httpGet', 'tcpSocket', 'grpc'];

export interface ProbePort {
  probe: ProbeKind;
  handler: PortHandler;
  /** The `port` value: a number, or the name of one of the container's ports. */
  port: StringValue;
  /**
   * True when the port is written as text (`port: http`, or a quoted `port: "8080"`): Kubernetes
   * then reads it as the name of a port, never as a number.
   */
  named: boolean;
}

/** The port every probe of the container connects to (probes with `exec`, or without a port, are left out). */
export function probePorts(container: Container, text: string): ProbePort[] {
  const result: ProbePort[] = [];
  const doc = container.podSpec.manifest.document.doc;
  for (const probe of PROBE_KINDS) {
    const node = asMap(resolve(mapGet(container.node, probe), doc));
    if (!node) continue;
    for (const handler of PORT_HANDLERS) {
      const handlerNode: YamlMap | null = asMap(resolve(mapGet(node, handler), doc));
      const port = handlerNode ? getString(handlerNode, 'port', text) : null;
      if (!port) continue;
      result.push({ probe, handler, port, named: typeof port.node.value === 'string' });
    }
  }
  return result;
}

/**
 * True when the container's `ports` can be read as written: absent, or a sequence of maps.
 * An alias or a non-map item means the declared ports cannot be known from the text.
 */
export function portsReadable(container: Container): boolean {
  const ports = mapGet(container.node, 'ports');
  if (ports === null || (isScalar(ports) && ports.value === null)) return true;
  return isSeq(ports) && ports.items.every((item) => isMap(item));
}
