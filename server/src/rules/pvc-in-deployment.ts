/**
 * `pvc-in-deployment`: a Deployment that may run several pods mounts a PersistentVolumeClaim.
 * All its replicas share that one claim; a ReadWriteOnce volume attaches to one node only, so
 * pods scheduled elsewhere hang in ContainerCreating. Per-replica storage needs a StatefulSet.
 */
import type { RelatedLocation } from '../findings';
import type { KubeFile, Manifest } from '../kubernetes/model';
import { getMap, getSeq, getString, nodeSpan } from '../kubernetes/nodes';
import { findObject } from '../kubernetes/objects';
import { workloadReplicas } from '../kubernetes/scaling';
import type { Replicas } from '../kubernetes/scaling';
import { podVolumes, volumeType } from '../kubernetes/volumes';
import type { Rule } from './rule';

export const pvcInDeployment: Rule = {
  meta: {
    id: 'pvc-in-deployment',
    title: 'PersistentVolumeClaim shared by replicas',
    description: 'A Deployment with several replicas mounts a PersistentVolumeClaim, which all its pods share; per-replica storage needs a StatefulSet.',
    defaultSeverity: 'warning',
    appliesTo: ['kubernetes'],
    fix: 'none',
  },
  checkKubernetes(context) {
    const file = context.model;
    for (const manifest of file.manifests) {
      if (manifest.kind.value !== 'Deployment' || !manifest.podSpec) continue;
      let replicas: Replicas | null = null;
      for (const volume of podVolumes(manifest.podSpec, file.text)) {
        if (volumeType(volume) !== 'persistentVolumeClaim' || !volume.sourceKey) continue;
        const claim = getString(volume.source, 'claimName', file.text);
        if (claim && isShareable(file, manifest, claim.value)) continue;
        replicas ??= workloadReplicas(file, manifest);
        if (replicas.max <= 1) break;
        const span = claim?.range ?? volume.name?.range ?? nodeSpan(volume.sourceKey);
        const name = manifest.name?.value ?? 'This Deployment';
        const claimName = claim ? `PersistentVolumeClaim ${claim.value}` : 'a PersistentVolumeClaim';
        context.report({
          ...span,
          message: `Deployment ${name} runs up to ${replicas.max} pods, and they all share ${claimName}: a ReadWriteOnce volume attaches to one node only, so pods on other nodes cannot start. For a volume per replica, use a StatefulSet with volumeClaimTemplates; for shared files, a ReadWriteMany claim.`,
          related: related(replicas),
        });
      }
    }
  },
};

/** True when the claim is defined in the file and may be mounted by pods on several nodes (ReadWriteMany, ReadOnlyMany). */
function isShareable(file: KubeFile, workload: Manifest, claimName: string): boolean {
  const claim = findObject(file, workload, '', 'PersistentVolumeClaim', claimName);
  const modes = getSeq(getMap(claim?.node, 'spec'), 'accessModes')?.items ?? [];
  return modes.some((mode) => {
    const value = (mode as { value?: unknown } | null)?.value;
    return value === 'ReadWriteMany' || value === 'ReadOnlyMany';
  });
}

/** Where the replica count comes from: `spec.replicas`, and the autoscalers' `maxReplicas`. */
function related(replicas: Replicas): RelatedLocation[] {
  const locations: RelatedLocation[] = [];
  if (replicas.replicas && Number(replicas.replicas.value) > 1) {
    locations.push({ ...replicas.replicas.range, message: `replicas: ${replicas.replicas.value}` });
  }
  for (const autoscaler of replicas.autoscalers) {
    if (Number(autoscaler.maxReplicas.value) <= 1) continue;
    const name = autoscaler.manifest.name?.value ?? '(unnamed)';
    locations.push({ ...autoscaler.maxReplicas.range, message: `HorizontalPodAutoscaler ${name} scales it up to ${autoscaler.maxReplicas.value} replicas` });
  }
  return locations;
}
