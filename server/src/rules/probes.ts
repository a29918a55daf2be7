/**
 * Shared by `missing-liveness-probe` and `missing-readiness-probe`: long-running app containers
 * need both probes. The fix inserts the probe the guide shows: an HTTP GET on /health to the container's
 * first declared port, 5 s initial delay, every 2 s (HTTPS on a TLS port, a TCP connect on a port that
 * speaks another protocol, such as a database's). When the container has the other probe, the fix
 * copies its check instead. The path and timings are each rule's options (`ProbeOptions`).
 */
import { isMap, isScalar, isSeq } from 'yaml';
import { ruleOptions } from '../config/options';
import type { ProbeOptions } from '../config/options';
import type { Fix } from '../findings';
import { appendToMap, yamlStyle } from '../kubernetes/edit';
import type { YamlValue } from '../kubernetes/edit';
import type { Container, ContainerPort, KubeFile, Manifest } from '../kubernetes/model';
import { mapGet, mapPair } from '../kubernetes/nodes';
import { portProbe } from '../kubernetes/ports';
import type { PortProbe } from '../kubernetes/ports';
import { containerName, containerSpan } from './containers';
import type { KubernetesContext, Rule } from './rule';

type ProbeKey = 'livenessProbe' | 'readinessProbe';

/** The rule that inserts each probe, whose options shape it. */
const RULE_OF: Record<ProbeKey, 'missing-liveness-probe' | 'missing-readiness-probe'> = {
  livenessProbe: 'missing-liveness-probe',
  readinessProbe: 'missing-readiness-probe',
};

/** The options of the rule that inserts each probe. */
type ProbeSettings = Record<ProbeKey, ProbeOptions>;

function probeSettings(context: KubernetesContext): ProbeSettings {
  return {
    livenessProbe: ruleOptions(context.config.ruleOptions, RULE_OF.livenessProbe),
    readinessProbe: ruleOptions(context.config.ruleOptions, RULE_OF.readinessProbe),
  };
}

/** Controllers that keep pods running; Jobs and CronJobs run to completion and are exempt. */
const LONG_RUNNING = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController']);

/** True for a workload whose pods are meant to run until replaced. */
export function isLongRunning(manifest: Manifest): boolean {
  if (LONG_RUNNING.has(manifest.kind.value)) return true;
  if (manifest.kind.value !== 'Pod' || !manifest.podSpec) return false;
  const policy = manifest.podSpec.restartPolicy?.value;
  return policy === undefined || policy === 'Always';
}

/** True for containers that run as long as the pod: app containers and sidecars (init containers with `restartPolicy: Always`). */
function runsWithPod(container: Container): boolean {
  return container.kind === 'container' || (container.kind === 'initContainer' && container.restartPolicy?.value === 'Always');
}

/** The containers the probe rules check: app containers and sidecars of long-running workloads. */
function checkedContainers(context: KubernetesContext): Container[] {
  if (context.isPatch) return [];
  return context.model.manifests
    .filter((m) => m.podSpec && isLongRunning(m))
    .flatMap((m) => m.podSpec?.containers ?? [])
    // A container without an image only makes sense in an overlay that sets it elsewhere.
    .filter((c) => runsWithPod(c) && c.image !== null);
}

/** True when the container has the probe (a key with no value is no probe). */
function hasProbe(container: Container, key: ProbeKey): boolean {
  const value = mapGet(container.node, key);
  return value !== null && !(isScalar(value) && value.value === null);
}

/** The first port a probe can reach (UDP and SCTP ports cannot be probed), with how to reach it. */
function probedPort(container: Container): { port: ContainerPort; how: Exclude<PortProbe, 'none'> } | null {
  for (const port of container.ports) {
    const how = portProbe(port);
    if (how !== 'none') return { port, how };
  }
  return null;
}

/** Ways a probe checks a container, as Kubernetes names them. */
const HANDLERS = ['httpGet', 'tcpSocket', 'grpc', 'exec'] as const;

/** A YAML node as a plain value for the editor; null when it holds anything else (an alias, a null). */
function plainValue(node: unknown): YamlValue | null {
  if (isScalar(node)) {
    const value = node.value;
    return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : null;
  }
  if (isSeq(node)) {
    const items = node.items.map(plainValue);
    return items.every((item) => item !== null) ? (items as YamlValue[]) : null;
  }
  if (isMap(node)) {
    const result: Record<string, YamlValue> = {};
    for (const pair of node.items) {
      const value = plainValue(pair.value);
      if (!isScalar(pair.key) || typeof pair.key.value !== 'string' || value === null) return null;
      result[pair.key.value] = value;
    }
    return result;
  }
  return null;
}

/** The check (`httpGet: …`, `exec: …`) of the container's other probe, when it has one that can be copied. */
function otherCheck(container: Container, key: ProbeKey): { handler: string; value: YamlValue } | null {
  const other = mapGet(container.node, key === 'livenessProbe' ? 'readinessProbe' : 'livenessProbe');
  if (!isMap(other)) return null;
  for (const handler of HANDLERS) {
    const value = plainValue(mapGet(other, handler));
    if (value !== null) return { handler, value };
  }
  return null;
}

/**
 * The probe to insert for `key` (one of `keys`). With one key and the other probe present, the same
 * check as the other probe: the container is known to answer it. Otherwise the probe the guide
 * recommends, an HTTP GET on the options' path (/health), aimed at the container's first probeable
 * port; HTTPS on a TLS port; a TCP connect on a port that speaks another protocol (a database,
 * gRPC), where an HTTP GET would always fail.
 */
function probeFor(container: Container, keys: readonly ProbeKey[], key: ProbeKey, options: ProbeOptions): YamlValue {
  const timing = { initialDelaySeconds: options.initialDelaySeconds, periodSeconds: options.periodSeconds };
  const copied = keys.length === 1 ? otherCheck(container, key) : null;
  if (copied) return { [copied.handler]: copied.value, ...timing };
  const target = probedPort(container);
  if (target) {
    const { port, how } = target;
    const portValue = port.name ? port.name.value : port.containerPort ?? port.containerPortValue?.value ?? 8080;
    const action: Record<string, YamlValue> = how === 'tcp'
      ? { tcpSocket: { port: portValue } }
      : { httpGet: how === 'https' ? { path: options.path, port: portValue, scheme: 'HTTPS' } : { path: options.path, port: portValue } };
    return { ...action, ...timing };
  }
  return { exec: { command: ['/bin/sh', '-c', 'exit 0'] }, ...timing };
}

/** How the fix's title describes the probes it inserts for `keys`. */
function probeTitle(container: Container, keys: readonly ProbeKey[], settings: ProbeSettings): string {
  if (keys.length === 1 && otherCheck(container, keys[0])) {
    return `(the same check as its ${keys[0] === 'livenessProbe' ? 'readinessProbe' : 'livenessProbe'})`;
  }
  const target = probedPort(container);
  if (!target) {
    const why = container.ports.length > 0 ? 'no TCP port declared' : 'no port declared';
    return `with an exec skeleton (${why}: replace its command with a real check)`;
  }
  const { port, how } = target;
  const portText = port.name ? port.name.value : String(port.containerPort ?? port.containerPortValue?.value ?? 8080);
  if (how === 'tcp') return `(TCP connect to port ${portText})`;
  const paths = [...new Set(keys.map((key) => settings[key].path))].join(' and ');
  return `(${how === 'https' ? 'HTTPS' : 'HTTP'} GET ${paths} on port ${portText})`;
}

function insertProbes(file: KubeFile, container: Container, keys: readonly ProbeKey[], settings: ProbeSettings): Fix | null {
  // A key written without a value (`livenessProbe:`) would become a duplicate key: no fix.
  if (keys.some((key) => mapPair(container.node, key))) return null;
  const entries: Record<string, YamlValue> = {};
  for (const key of keys) entries[key] = probeFor(container, keys, key, settings[key]);
  const edit = appendToMap(file, container.node, entries, yamlStyle(file));
  if (!edit) return null;
  return { title: `Add ${keys.join(' and ')} ${probeTitle(container, keys, settings)}`, safety: 'unsafe', edits: [edit], preferred: keys.length === 1 };
}

export interface ProbeRuleText {
  id: string;
  key: ProbeKey;
  title: string;
  description: string;
  /** Why a missing probe hurts, after "Container `x` has no <key>: ". */
  why: string;
}

export function probeRule(text: ProbeRuleText): Rule {
  const other: ProbeKey = text.key === 'livenessProbe' ? 'readinessProbe' : 'livenessProbe';
  return {
    meta: {
      id: text.id,
      title: text.title,
      description: text.description,
      defaultSeverity: 'warning',
      appliesTo: ['kubernetes'],
      fix: 'unsafe',
    },
    checkKubernetes(context) {
      const settings = probeSettings(context);
      for (const container of checkedContainers(context)) {
        if (hasProbe(container, text.key)) continue;
        const name = containerName(container);
        const fixes: Fix[] = [];
        const single = insertProbes(context.model, container, [text.key], settings);
        if (single) fixes.push(single);
        // Offered once, on the liveness finding: both findings share the container's name span.
        if (text.key === 'livenessProbe' && !hasProbe(container, other)) {
          const both = insertProbes(context.model, container, ['livenessProbe', 'readinessProbe'], settings);
          if (both) fixes.push(both);
        }
        context.report({ ...containerSpan(container), message: `Container ${name} has no ${text.key}: ${text.why}`, fixes });
      }
    },
  };
}
