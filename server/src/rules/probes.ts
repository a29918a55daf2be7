/**
 * Shared by `missing-liveness-probe` and `missing-readiness-probe`: long-running app containers
 * need both probes. The fix inserts the probe the guide shows: an HTTP GET on /health to the container's
 * first declared port, 5 s initial delay, every 2 s.
 */
import { isScalar } from 'yaml';
import type { Fix } from '../findings';
import { appendToMap, yamlStyle } from '../kubernetes/edit';
import type { YamlValue } from '../kubernetes/edit';
import type { Container, KubeFile, Manifest } from '../kubernetes/model';
import { mapGet, mapPair } from '../kubernetes/nodes';
import { containerName, containerSpan } from './containers';
import type { KubernetesContext, Rule } from './rule';

type ProbeKey = 'livenessProbe' | 'readinessProbe';

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

/** The probe the guide recommends, aimed at the container's first declared port. */
export function probeFor(container: Container): YamlValue {
  const port = container.ports[0];
  if (port) {
    return {
      httpGet: { path: '/health', port: port.name ? port.name.value : port.containerPort ?? port.containerPortValue?.value ?? 8080 },
      initialDelaySeconds: 5,
      periodSeconds: 2,
    };
  }
  return { exec: { command: ['/bin/sh', '-c', 'exit 0'] }, initialDelaySeconds: 5, periodSeconds: 2 };
}

function insertProbes(file: KubeFile, container: Container, keys: readonly ProbeKey[]): Fix | null {
  // A key written without a value (`livenessProbe:`) would become a duplicate key: no fix.
  if (keys.some((key) => mapPair(container.node, key))) return null;
  const probe = probeFor(container);
  const entries: Record<string, YamlValue> = {};
  for (const key of keys) entries[key] = probe;
  const edit = appendToMap(file, container.node, entries, yamlStyle(file));
  if (!edit) return null;
  const names = keys.join(' and ');
  const title = container.ports.length > 0
    ? `Add ${names} (HTTP GET /health on port ${String((probe as { httpGet: { port: unknown } }).httpGet.port)})`
    : `Add ${names} with an exec skeleton (no port declared: replace its command with a real check)`;
  return { title, safety: 'unsafe', edits: [edit], preferred: keys.length === 1 };
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
      for (const container of checkedContainers(context)) {
        if (hasProbe(container, text.key)) continue;
        const name = containerName(container);
        const fixes: Fix[] = [];
        const single = insertProbes(context.model, container, [text.key]);
        if (single) fixes.push(single);
        // Offered once, on the liveness finding: both findings share the container's name span.
        if (text.key === 'livenessProbe' && !hasProbe(container, other)) {
          const both = insertProbes(context.model, container, ['livenessProbe', 'readinessProbe']);
          if (both) fixes.push(both);
        }
        context.report({ ...containerSpan(container), message: `Container ${name} has no ${text.key}: ${text.why}`, fixes });
      }
    },
  };
}
