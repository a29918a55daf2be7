/**
 * `hostpath-volume`: a pod mounts a directory of the node it runs on. What it writes there stays
 * on that node (lost when the pod moves), and what it reads depends on the node. Node agents
 * (DaemonSets, and static control-plane Pods in kube-system) are the legitimate use and are exempt,
 * and so are read-only mounts of the node's own files (its time zone, CA certificates).
 */
import type { Manifest, PodSpec } from '../kubernetes/model';
import { getString, nodeSpan } from '../kubernetes/nodes';
import { podVolumes, volumeMounts, volumeType } from '../kubernetes/volumes';
import type { Rule } from './rule';

export const hostpathVolume: Rule = {
  meta: {
    id: 'hostpath-volume',
    title: 'hostPath volume',
    description: 'A pod mounts a folder of its node with hostPath, so its data stays on one node and is lost when the pod moves.',
    defaultSeverity: 'warning',
    appliesTo: ['kubernetes'],
    fix: 'none',
  },
  checkKubernetes(context) {
    const file = context.model;
    for (const manifest of file.manifests) {
      if (!manifest.podSpec) continue;
      for (const volume of podVolumes(manifest.podSpec, file.text)) {
        if (volumeType(volume) !== 'hostPath' || !volume.sourceKey) continue;
        const path = getString(volume.source, 'path', file.text)?.value ?? null;
        if (isNodeAgent(manifest, path) || readsNodeFiles(manifest.podSpec, volume.name?.value ?? null, path, file.text)) continue;
        const name = volume.name ? `Volume ${volume.name.value}` : 'A volume';
        const what = path ? `the node's ${path}` : 'a folder of the node';
        context.report({
          ...nodeSpan(volume.sourceKey),
          message: `${name} mounts ${what} (hostPath): files written there stay on that node and are lost when the pod moves, and the pod depends on what its node holds. Use a PersistentVolumeClaim (a StatefulSet for per-replica data), an emptyDir for scratch files, or an external store.`,
        });
      }
    }
  },
};

/**
 * Node agents, the legitimate users of hostPath: every DaemonSet (one pod per node, bound to its
 * node, so nothing moves: log shippers, CNI and CSI plugins, storage agents), and static
 * control-plane Pods in kube-system reading the node's own folders.
 */
function isNodeAgent(manifest: Manifest, path: string | null): boolean {
  if (manifest.kind.value === 'DaemonSet') return true;
  return manifest.kind.value === 'Pod' && manifest.namespace === 'kube-system' && path !== null && isNodePath(path);
}

/**
 * A pod that only reads the node's own files (its time zone, CA certificates, /proc): every
 * container mounts the volume read-only, and the path is one of `NODE_PATHS`. Nothing of the
 * workload is kept there.
 */
function readsNodeFiles(podSpec: PodSpec, name: string | null, path: string | null, text: string): boolean {
  if (name === null || path === null || !isNodePath(path)) return false;
  const mounts = volumeMounts(podSpec, name, text);
  return mounts.length > 0 && mounts.every((m) => m.readOnly);
}

/** Folders of the node that control-plane Pods read: certificates, kubelet and runtime folders, etcd's data. */
const NODE_PATHS = [
  '/var/log', '/var/lib/docker', '/var/lib/containerd', '/var/lib/kubelet', '/var/lib/cni', '/var/lib/calico',
  '/var/lib/cilium', '/var/lib/etcd', '/var/run', '/run', '/proc', '/sys', '/dev', '/lib/modules', '/usr/lib/modules',
  '/usr/src', '/etc/kubernetes', '/etc/cni', '/opt/cni', '/etc/machine-id', '/etc/os-release', '/etc/localtime',
  '/etc/ssl', '/etc/pki', '/etc/ca-certificates', '/usr/share/ca-certificates', '/usr/local/share/ca-certificates',
  '/usr/libexec/kubernetes', '/boot',
];

/** True for the folders in `NODE_PATHS` and below them. */
function isNodePath(path: string): boolean {
  const normalized = path.replace(/\/+$/, '');
  return NODE_PATHS.some((base) => normalized === base || normalized.startsWith(`${base}/`));
}
