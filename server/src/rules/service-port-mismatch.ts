/**
 * `service-port-mismatch`: a Service `targetPort` (a number, a port name, or `port` when absent)
 * that none of the containers it selects declares. A name no container declares gives the Service
 * no endpoint for that port; a number no container declares usually means traffic goes to a port
 * nothing listens on.
 */
import type { Fix } from '../findings';
import { yamlScalar } from '../kubernetes/edit';
import { fileObjects } from '../workspace/objects';
import type { ContainerFact, PodTemplateFact, PortFact, ServiceFact, ServicePortFact } from '../workspace/objects';
import { relatedAt, relatedList } from './cross-file';
import type { Rule, WorkspaceObjects } from './rule';

export const servicePortMismatch: Rule = {
  meta: {
    id: 'service-port-mismatch',
    title: 'Service targets an undeclared port',
    description: 'A Service targetPort (number or name) is declared by none of the containers it selects, so its traffic reaches no listening port.',
    defaultSeverity: 'warning',
    appliesTo: ['kubernetes'],
    fix: 'unsafe',
  },
  checkKubernetes(context) {
    const objects = context.workspace.objects;
    if (!objects || context.isPatch) return;
    for (const service of fileObjects(context.model, context.path).services) {
      const selected = selectedTemplates(service, objects);
      if (!selected) continue;
      const containers = selected.flatMap((t) => t.containers);
      for (const port of service.ports) {
        const problem = mismatch(port, selected, containers);
        if (!problem) continue;
        const span = port.targetPortSpan ?? port;
        const declared = containers.flatMap((c) => c.ports.filter((p) => p.protocol === port.protocol));
        const fix = retargetFix(port, declared);
        context.report({
          ...span,
          message: `Service ${service.name} sends port ${port.port ?? '?'} to ${problem}: the Service has no working endpoint for it, so connections fail. Set targetPort to a port the container declares, or declare the port in the container.`,
          fixes: fix ? [fix] : [],
          related: relatedList(
            selected.flatMap((t) =>
              t.containers.map((c) => relatedAt(context, t, c, `Container ${c.name ?? '(unnamed)'} of ${t.label} declares ${c.ports.length > 0 ? c.ports.map(portLabel).join(', ') : 'no ports'}`)),
            ),
          ),
        });
      }
    }
  },
};

/**
 * The pod templates a Service selects; null when it cannot be judged: no selector (Endpoints made
 * by hand), ExternalName or headless (no proxying), no template selected (`service-selects-nothing`
 * says so), a template whose labels cannot be read (it may be selected), or a selected template
 * whose containers are unknown.
 */
function selectedTemplates(service: ServiceFact, objects: WorkspaceObjects): readonly PodTemplateFact[] | null {
  const selector = service.selector;
  if (!selector || service.type === 'ExternalName' || service.headless) return null;
  // Every template of the namespace whose labels cannot be read is among the selected ones.
  const selected = objects.selectedTemplates(service.namespace, selector);
  if (selected.some((t) => t.labels === null)) return null;
  // A custom resource's template (a Rollout's) declares containers Kube Ready does not read.
  return selected.length > 0 && !selected.some((t) => t.guessed) ? selected : null;
}

/**
 * What is wrong with one Service port, in words (`the port name web, which no selected container
 * declares`), or null when it is fine or cannot be judged.
 */
function mismatch(port: ServicePortFact, selected: readonly PodTemplateFact[], containers: readonly ContainerFact[]): string | null {
  const target = port.targetPort ?? port.port;
  if (target === null) return null;
  const ports = containers.flatMap((c) => c.ports);
  if (typeof target === 'string') {
    if (ports.some((p) => p.name === target && p.protocol === port.protocol)) return null;
    const other = ports.find((p) => p.name === target);
    return other
      ? `the port name ${target}, which the selected containers declare for ${other.protocol}, not ${port.protocol}`
      : `the port name ${target}, which no selected container declares`;
  }
  // A container may listen on a port it does not declare: judge numbers only when every selected pod declares its ports.
  if (selected.some((t) => t.containers.every((c) => c.ports.length === 0))) return null;
  if (ports.some((p) => p.number === target)) return null;
  return `port ${target}${port.targetPort === null ? ' (targetPort defaults to port)' : ''}, which no selected container declares`;
}

/** "Set targetPort to http" when the selected containers declare exactly one port of the Service port's protocol. */
function retargetFix(port: ServicePortFact, declared: readonly PortFact[]): Fix | null {
  const distinct = new Map(declared.map((p) => [`${p.number}/${p.name}`, p]));
  if (!port.targetPortSpan || distinct.size !== 1) return null;
  const only = [...distinct.values()][0];
  // Keep the Service's way of naming the port: by name when it used a name and the port has one.
  const value = typeof port.targetPort === 'string' && only.name ? only.name : only.number;
  if (value === null) return null;
  return { title: `Set targetPort to ${value}`, safety: 'unsafe', preferred: true, edits: [{ ...port.targetPortSpan, newText: yamlScalar(value) }] };
}

/** `8080 (http)`, `53/UDP (dns)`. */
function portLabel(port: PortFact): string {
  const number = `${port.number ?? '?'}${port.protocol === 'TCP' ? '' : `/${port.protocol}`}`;
  return port.name ? `${number} (${port.name})` : number;
}
