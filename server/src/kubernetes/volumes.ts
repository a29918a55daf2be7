/**
 * The volumes of a pod spec (`spec.volumes`), with the source each one uses (`hostPath`,
 * `persistentVolumeClaim`, `emptyDir`, ...) and the spans needed to report on them.
 */
import { isMap, isScalar } from 'yaml';
import type { Scalar } from 'yaml';
import type { PodSpec, YamlMap } from './model';
import { asMap, getSeq, getString, resolve } from './nodes';
import type { StringValue } from './nodes';

export interface PodVolume {
  node: YamlMap;
  name: StringValue | null;
  /** The volume source's key (`hostPath`, `persistentVolumeClaim`, ...), null when there is none. */
  sourceKey: Scalar | null;
  /** The volume source's value, when it is a map. */
  source: YamlMap | null;
}

/** Every volume of a pod spec that is written as a map. */
export function podVolumes(podSpec: PodSpec, text: string): PodVolume[] {
  const volumes: PodVolume[] = [];
  for (const item of getSeq(podSpec.node, 'volumes')?.items ?? []) {
    const node = resolve(item, podSpec.manifest.document.doc);
    if (!isMap(node)) continue;
    const pair = node.items.find((p) => isScalar(p.key) && p.key.value !== 'name');
    volumes.push({
      node,
      name: getString(node, 'name', text),
      sourceKey: pair && isScalar(pair.key) ? pair.key : null,
      source: pair ? asMap(resolve(pair.value, podSpec.manifest.document.doc)) : null,
    });
  }
  return volumes;
}

/** The volume's source type: `hostPath`, `persistentVolumeClaim`, ... (null when it has none). */
export function volumeType(volume: PodVolume): string | null {
  return volume.sourceKey ? String(volume.sourceKey.value) : null;
}

/** Where a container mounts a volume. */
export interface VolumeMount {
  node: YamlMap;
  /** `readOnly: true`: the container cannot write through this mount. */
  readOnly: boolean;
}

/** The mounts of the volume named `name` in every container of the pod (init and ephemeral ones included). */
export function volumeMounts(podSpec: PodSpec, name: string, text: string): VolumeMount[] {
  const doc = podSpec.manifest.document.doc;
  const mounts: VolumeMount[] = [];
  for (const container of podSpec.containers) {
    for (const item of getSeq(container.node, 'volumeMounts')?.items ?? []) {
      const node = resolve(item, doc);
      if (!isMap(node) || getString(node, 'name', text)?.value !== name) continue;
      mounts.push({ node, readOnly: getString(node, 'readOnly', text)?.value === 'true' });
    }
  }
  return mounts;
}
