/**
 * `service-selects-nothing`: a Service whose selector matches no pod template of the workspace. It
 * gets no endpoints, so every connection to it fails, and nothing says why.
 */
import { fileObjects } from '../workspace/objects';
import type { CustomResourceFact, PodTemplateFact, ServiceFact } from '../workspace/objects';
import { labelList, relatedAt, relatedList } from './cross-file';
import type { Rule } from './rule';

export const serviceSelectsNothing: Rule = {
  meta: {
    id: 'service-selects-nothing',
    title: 'Service selects no pods',
    description: 'A Service selector matches no pod template in the workspace, so the Service has no endpoints and every connection to it fails.',
    defaultSeverity: 'warning',
    appliesTo: ['kubernetes'],
    fix: 'none',
  },
  checkKubernetes(context) {
    const objects = context.workspace.objects;
    // A patch's selector is partial; without the workspace's objects nothing can be said.
    // A kustomize Component's Service may select the pods of whatever base it is applied to.
    if (!objects || context.isPatch || objects.inComponent(context.path)) return;
    for (const service of fileObjects(context.model, context.path).services) {
      if (!service.selector || !service.selectorSpan || service.type === 'ExternalName') continue;
      const templates = objects.podTemplates(service.namespace);
      // No workloads here at all: the pods come from elsewhere (a chart, an operator).
      if (templates.length === 0 || objects.selectedTemplates(service.namespace, service.selector).length > 0) continue;
      if (objects.customResources(service.namespace).some((resource) => mayMakePods(resource, service.selector ?? {}))) continue;
      context.report({
        ...service.selectorSpan,
        message: `Service ${service.name} selects ${labelList(service.selector)}, but no pod template in the workspace has these labels: the Service gets no endpoints, so every connection to it fails. Make the selector match the labels of the pod template it serves.`,
        related: relatedList(nearMisses(service, templates).map((t) => relatedAt(context, t, t, `${t.label} has the pod labels ${labelList(t.labels ?? {})}`))),
      });
    }
  },
};

/** The templates that have at least one of the selector's labels: the ones the selector most likely meant. */
function nearMisses(service: ServiceFact, templates: readonly PodTemplateFact[]): PodTemplateFact[] {
  const selector = Object.entries(service.selector ?? {});
  return templates.filter((t) => t.labels && Object.keys(t.labels).length > 0 && selector.some(([key, value]) => t.labels?.[key] === value));
}

/**
 * True when an operator may make the selected pods from this custom resource: the selector names
 * it (`prometheus: k8s` for the Prometheus `k8s`, `cnpg.io/cluster: db`), or the resource carries
 * every label of the selector.
 */
function mayMakePods(resource: CustomResourceFact, selector: Readonly<Record<string, string>>): boolean {
  const entries = Object.entries(selector);
  return entries.some(([, value]) => value === resource.name) || entries.every(([key, value]) => resource.labels[key] === value);
}
