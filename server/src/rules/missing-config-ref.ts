/**
 * `missing-config-ref`: a pod reads a ConfigMap or Secret (an env variable, `envFrom`, a volume)
 * that the workspace does not define, or a key that the defined object lacks. Until it exists, the
 * pod does not start (CreateContainerConfigError, or a volume that cannot mount).
 */
import { configRefs } from '../kubernetes/config-refs';
import type { ConfigRef } from '../kubernetes/config-refs';
import type { ConfigFact } from '../workspace/objects';
import { relatedAt, relatedList } from './cross-file';
import type { Rule } from './rule';

export const missingConfigRef: Rule = {
  meta: {
    id: 'missing-config-ref',
    title: 'ConfigMap or Secret not defined',
    description: 'A pod reads a ConfigMap or Secret the workspace does not define, or a key the defined object lacks, so the pod cannot start.',
    defaultSeverity: 'warning',
    appliesTo: ['kubernetes'],
    fix: 'none',
  },
  checkKubernetes(context) {
    const objects = context.workspace.objects;
    if (!objects) return;
    // A volume reading several items names its object once: say it is missing once.
    const missingNames = new Set<number>();
    for (const manifest of context.model.manifests) {
      if (!manifest.podSpec) continue;
      for (const ref of configRefs(manifest.podSpec, context.text)) {
        if (ref.optional) continue;
        const defined = objects.configs(ref.kind, manifest.namespace, ref.name.value);
        if (defined.length === 0) {
          // A workspace that defines no such object at all creates them another way (sealed secrets,
          // CI); a kustomize Component reads them from the base it is applied to.
          if (!objects.hasConfigs(ref.kind, manifest.namespace) || objects.inComponent(context.path) || missingNames.has(ref.name.range.start)) continue;
          missingNames.add(ref.name.range.start);
          context.report({ ...ref.name.range, severity: 'info', message: missingObjectMessage(ref) });
          continue;
        }
        const key = ref.key;
        if (!key || defined.some((d) => d.keys === null || d.keys.includes(key.value))) continue;
        context.report({
          ...key.range,
          message: `${ref.kind} ${ref.name.value} has no key ${key.value}: ${consequence(ref)}. Add the key to the ${ref.kind}, or read one it has.`,
          related: relatedList(defined.map((d) => relatedAt(context, d, d, `${d.kind} ${d.name} is defined here with ${keyList(d)}`))),
        });
      }
    }
  },
};

function missingObjectMessage(ref: ConfigRef): string {
  const create = ref.kind === 'Secret' ? 'kubectl create secret, a secretGenerator' : 'kubectl create configmap, a configMapGenerator';
  return `${ref.kind} ${ref.name.value} is not defined in the workspace: ${consequence(ref)}. Check the name, or make sure it is created before the pod (${create}); mark the reference optional: true if the pod can run without it.`;
}

/** What happens to the pod while the reference cannot be resolved. */
function consequence(ref: ConfigRef): string {
  return ref.use === 'volume'
    ? 'the volume cannot be mounted and the pod stays in ContainerCreating'
    : 'the container cannot start (CreateContainerConfigError)';
}

/** `keys a, b` or `no keys`. */
function keyList(fact: ConfigFact): string {
  const keys = fact.keys ?? [];
  return keys.length === 0 ? 'no keys' : `the key${keys.length === 1 ? '' : 's'} ${keys.join(', ')}`;
}
