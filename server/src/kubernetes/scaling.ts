/**
 * How many pods a workload may run: its `spec.replicas` (1 when unset) and the `maxReplicas` of
 * HorizontalPodAutoscalers in the same file that scale it.
 */
import type { KubeFile, Manifest } from './model';
import { getMap, getString } from './nodes';
import type { StringValue } from './nodes';
import { sameNamespace } from './objects';

export interface Autoscaler {
  manifest: Manifest;
  maxReplicas: StringValue;
}

export interface Replicas {
  /** The most pods the workload may run at once (replicas, or an autoscaler's maximum). */
  max: number;
  /** `spec.replicas` when written as a number. */
  replicas: StringValue | null;
  /** Autoscalers in the file that target the workload, with a numeric `maxReplicas`. */
  autoscalers: Autoscaler[];
}

/** Reads an integer written as a YAML number (or digits), null otherwise. */
function integer(value: StringValue | null): number | null {
  if (!value || !/^\d+$/.test(value.value)) return null;
  return Number(value.value);
}

const autoscalerIndexes = new WeakMap<KubeFile, Map<string, Autoscaler[]>>();

/** The file's HorizontalPodAutoscalers with a numeric `maxReplicas`, by the kind and name of their target (built once per file). */
function autoscalerIndex(file: KubeFile): Map<string, Autoscaler[]> {
  let index = autoscalerIndexes.get(file);
  if (index) return index;
  index = new Map();
  for (const manifest of file.manifests) {
    if (manifest.group !== 'autoscaling' || manifest.kind.value !== 'HorizontalPodAutoscaler') continue;
    const spec = getMap(manifest.node, 'spec');
    const target = getMap(spec, 'scaleTargetRef');
    const kind = getString(target, 'kind', file.text)?.value;
    const name = getString(target, 'name', file.text)?.value;
    const maxReplicas = getString(spec, 'maxReplicas', file.text);
    if (!kind || !name || !maxReplicas || integer(maxReplicas) === null) continue;
    const key = `${kind}/${name}`;
    const list = index.get(key);
    if (list) list.push({ manifest, maxReplicas });
    else index.set(key, [{ manifest, maxReplicas }]);
  }
  autoscalerIndexes.set(file, index);
  return index;
}

/** The HorizontalPodAutoscalers of the file whose `scaleTargetRef` names the workload. */
function autoscalersOf(file: KubeFile, workload: Manifest): Autoscaler[] {
  const name = workload.name?.value;
  if (!name) return [];
  return (autoscalerIndex(file).get(`${workload.kind.value}/${name}`) ?? []).filter((a) => sameNamespace(a.manifest, workload));
}

/** The replica bounds of a workload with a `spec.replicas` field (Deployment, StatefulSet, ReplicaSet). */
export function workloadReplicas(file: KubeFile, workload: Manifest): Replicas {
  const written = getString(getMap(workload.node, 'spec'), 'replicas', file.text);
  const count = integer(written);
  const autoscalers = autoscalersOf(file, workload);
  const max = Math.max(count ?? 1, ...autoscalers.map((a) => integer(a.maxReplicas) ?? 1));
  return { max, replicas: count === null ? null : written, autoscalers };
}
