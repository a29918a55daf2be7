/**
 * `probe-port`: a liveness, readiness or startup probe checks a port the container does not
 * declare. A port given by name must be one of the container's `ports[].name`, or the kubelet
 * cannot resolve it and the probe always fails; a text that is no valid port name (a quoted
 * number such as `"8080"`) is rejected by the API server. A numeric port works, but an undeclared one is
 * invisible to readers; containers that declare no ports at all are left alone.
 */
import type { Fix } from '../findings';
import { yamlScalar } from '../kubernetes/edit';
import type { Container, ContainerPort, KubeFile, PodSpec } from '../kubernetes/model';
import { getSeq } from '../kubernetes/nodes';
import { portsReadable, probePorts } from '../kubernetes/probes';
import type { ProbeKind, ProbePort } from '../kubernetes/probes';
import { appendToSeq } from '../kubernetes/sequences';
import { containerName } from './containers';
import type { Rule } from './rule';

export const probePort: Rule = {
  meta: {
    id: 'probe-port',
    title: 'Probe on an undeclared port',
    description: 'A probe checks a port the container does not declare; a port name the container does not declare can never be resolved, so the probe always fails.',
    defaultSeverity: 'warning',
    appliesTo: ['kubernetes'],
    fix: 'unsafe',
  },
  checkKubernetes(context) {
    // A patch carries part of a container: its ports may be declared in the base.
    if (context.isPatch) return;
    const file = context.model;
    for (const manifest of file.manifests) {
      for (const container of manifest.podSpec?.containers ?? []) {
        if (!portsReadable(container)) continue;
        for (const probe of probePorts(container, file.text)) {
          const name = containerName(container);
          if (probe.named) {
            // A gRPC port is a number only: text there is the schema check's finding.
            if (probe.handler === 'grpc') continue;
            const invalid = invalidPortName(probe.port.value);
            if (invalid) {
              const fixes = /^\d+$/.test(probe.port.value) ? unquoteFixes(probe) : namedPortFixes(container, probe);
              context.report({ ...probe.port.range, severity: 'error', message: invalidNameMessage(container, probe, invalid), fixes, aspects: [probe.probe] });
              continue;
            }
            if (container.ports.some((p) => p.name?.value === probe.port.value)) continue;
            context.report({
              ...probe.port.range,
              severity: 'error',
              message: `The ${probe.probe} of container ${name} checks the port named ${probe.port.value}, which the container does not declare: the kubelet cannot resolve it, so the probe always fails${CONSEQUENCE[probe.probe]}. Declare that port in ports, or use one the container declares.`,
              fixes: namedPortFixes(container, probe),
              aspects: [probe.probe],
            });
          } else {
            const port = Number(probe.port.value);
            if (container.ports.length === 0 || declares(container.podSpec, port)) continue;
            context.report({
              ...probe.port.range,
              message: `The ${probe.probe} of container ${name} checks port ${port}, which the pod does not declare in ports: the probe works, but whoever reads the manifest cannot see that the container listens there. Declare it, or probe a declared port.`,
              fixes: numericPortFixes(file, container, probe, port),
              aspects: [probe.probe],
            });
          }
        }
      }
    }
  },
};

/** Why a text is no port name the API server accepts (1-15 lowercase letters, digits and single hyphens, one letter at least), or null. */
function invalidPortName(name: string): string | null {
  if (/^\d+$/.test(name)) return 'a port name needs a letter';
  const valid = name.length <= 15 && /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(name) && /[a-z]/.test(name);
  return valid ? null : 'a port name has 1 to 15 lowercase letters, digits and hyphens';
}

function invalidNameMessage(container: Container, probe: ProbePort, reason: string): string {
  const kind = container.podSpec.manifest.kind.value;
  const advice = /^\d+$/.test(probe.port.value) ? 'Remove the quotes to give the number.' : "Give the port's number, or the name of a port the container declares.";
  return `The ${probe.probe} of container ${containerName(container)} gives its port as the text "${probe.port.value}", which Kubernetes reads as a port name, and ${reason}: the API server rejects the ${kind}. ${advice}`;
}

/** "Remove the quotes" for a quoted port number: the port the author meant. */
function unquoteFixes(probe: ProbePort): Fix[] {
  if (Number(probe.port.value) < 1 || Number(probe.port.value) > 65535) return [];
  return [{ title: 'Remove the quotes', safety: 'safe', preferred: true, edits: [{ ...probe.port.range, newText: probe.port.value }] }];
}

/** What a probe that always fails does to the pod, after "the probe always fails". */
const CONSEQUENCE: Record<ProbeKind, string> = {
  livenessProbe: ' and the container is restarted again and again',
  readinessProbe: ' and the pod never receives traffic',
  startupProbe: ' and the container is restarted again and again',
};

/** True when a container of the pod declares the port number (probes reach any container of the pod). */
function declares(podSpec: PodSpec, port: number): boolean {
  return podSpec.containers.some((c) => c.ports.some((p) => p.containerPort === port));
}

/** How a declared port is referred to: by name when it has one. */
function portRef(port: ContainerPort): string | null {
  if (port.name) return port.name.value;
  return port.containerPort === null ? null : String(port.containerPort);
}

/** "Use port <name or number>": replaces the probe's port with a port the container declares. */
function usePortFix(probe: ProbePort, port: ContainerPort, preferred: boolean): Fix | null {
  const ref = portRef(port);
  if (ref === null) return null;
  const newText = port.name ? yamlScalar(ref) : ref;
  return { title: `Use port ${ref}`, safety: 'unsafe', preferred, edits: [{ ...probe.port.range, newText }] };
}

/** For a name: the only declared port, or the only one whose name differs from it just by case. */
function namedPortFixes(container: Container, probe: ProbePort): Fix[] {
  const wanted = probe.port.value.toLowerCase();
  const sameName = container.ports.filter((p) => p.name?.value.toLowerCase() === wanted);
  const candidate = sameName.length === 1 ? sameName[0] : container.ports.length === 1 ? container.ports[0] : null;
  const fix = candidate ? usePortFix(probe, candidate, true) : null;
  return fix ? [fix] : [];
}

/** For a number: declare it (keeps what the probe checks), or use the only declared port. */
function numericPortFixes(file: KubeFile, container: Container, probe: ProbePort, port: number): Fix[] {
  const fixes: Fix[] = [];
  const ports = getSeq(container.node, 'ports');
  const declare = ports ? appendToSeq(file, ports, { containerPort: port }) : null;
  if (declare) fixes.push({ title: `Declare port ${port} in ports`, safety: 'unsafe', preferred: true, edits: [declare] });
  const use = container.ports.length === 1 ? usePortFix(probe, container.ports[0], false) : null;
  if (use) fixes.push(use);
  return fixes;
}
