import { hostpathVolume } from '../../server/src/rules/hostpath-volume';
import { ruleTester } from '../helpers/rule-tester';

/** A workload of `kind` (namespace optional) whose pod has the given volumes. */
const workload = (kind: string, volumes: string, namespace = ''): string => {
  const apiVersion = kind === 'Pod' ? 'v1' : kind === 'CronJob' ? 'batch/v1' : 'apps/v1';
  const head = `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: agent\n${namespace ? `  namespace: ${namespace}\n` : ''}`;
  const pod = `containers:\n  - name: agent\n    image: agent:1.0\nvolumes:\n${volumes}`;
  const indent = (text: string, pad: string): string => text.replace(/^(?=.)/gm, pad);
  if (kind === 'Pod') return `${head}spec:\n${indent(pod, '  ')}`;
  if (kind === 'CronJob') return `${head}spec:\n  schedule: "0 * * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: OnFailure\n${indent(pod, '          ')}`;
  return `${head}spec:\n  template:\n    spec:\n${indent(pod, '      ')}`;
};

const hostPath = (name: string, path: string): string => `  - name: ${name}\n    hostPath:\n      path: ${path}\n`;

const message = (volume: string, path: string): string =>
  `Volume ${volume} mounts the node's ${path} (hostPath): files written there stay on that node and are lost when the pod moves, and the pod depends on what its node holds. Use a PersistentVolumeClaim (a StatefulSet for per-replica data), an emptyDir for scratch files, or an external store.`;

ruleTester(hostpathVolume, {
  valid: [
    {
      name: 'DaemonSets are node agents: a log shipper, a node exporter, a runtime socket, a storage agent',
      path: 'ds.yaml',
      code: workload(
        'DaemonSet',
        hostPath('varlog', '/var/log') + hostPath('containers', '/var/lib/docker/containers') + hostPath('root', '/') +
          hostPath('proc', '/proc') + hostPath('sys', '/sys/') + hostPath('sock', '/var/run/docker.sock') + hostPath('replicas', '/var/lib/longhorn/'),
      ),
    },
    {
      name: 'a static control-plane Pod in kube-system',
      path: 'etcd.yaml',
      code: workload('Pod', hostPath('certs', '/etc/kubernetes/pki/etcd') + hostPath('data', '/var/lib/etcd'), 'kube-system'),
    },
    {
      name: "read-only mounts of the node's own files: its time zone, CA certificates, /proc",
      path: 'd.yaml',
      code:
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  replicas: 3\n  template:\n    spec:\n' +
        '      initContainers:\n        - name: wait\n          image: busybox:1.36\n          volumeMounts:\n            - {name: tz, mountPath: /etc/localtime, readOnly: true}\n' +
        '      containers:\n        - name: api\n          image: api:1.0\n          volumeMounts:\n            - name: tz\n              mountPath: /etc/localtime\n              readOnly: true\n' +
        '            - name: certs\n              mountPath: /etc/ssl/certs\n              readOnly: true\n            - name: proc\n              mountPath: /host/proc\n              readOnly: true\n' +
        '      volumes:\n        - name: tz\n          hostPath:\n            path: /etc/localtime\n            type: File\n        - name: certs\n          hostPath:\n            path: /etc/ssl/certs\n' +
        '        - name: proc\n          hostPath:\n            path: /proc\n',
    },
    {
      name: 'other volume types',
      path: 'd.yaml',
      code: workload('Deployment', '  - name: scratch\n    emptyDir: {}\n  - name: data\n    persistentVolumeClaim:\n      claimName: data\n  - name: config\n    configMap:\n      name: agent-config\n'),
    },
    {
      name: 'acknowledged with the annotation',
      path: 'd.yaml',
      code: workload('Deployment', hostPath('data', '/srv/data')).replace('  name: agent\n', '  name: agent\n  annotations:\n    kubeready.dev/ignore: hostpath-volume\n'),
    },
  ],
  invalid: [
    {
      name: 'a Deployment keeping data on the node',
      path: 'd.yaml',
      code: workload('Deployment', '  - name: scratch\n    emptyDir: {}\n' + hostPath('data', '/srv/data')),
      errors: [
        { message: message('data', '/srv/data'), line: 15, column: 11, endLine: 15, endColumn: 19, text: 'hostPath', fixes: ['Ignore hostpath-volume here'] },
      ],
    },
    {
      name: 'a StatefulSet; a Pod outside kube-system using a runtime socket; a kube-system Pod keeping its own data',
      path: 'd.yaml',
      code:
        workload('StatefulSet', hostPath('cache', '/opt/cache')) + '---\n' + workload('Pod', hostPath('sock', '/var/run/docker.sock')) + '---\n' +
        workload('Pod', hostPath('certs', '/etc/kubernetes/pki') + hostPath('backup', '/srv/backup'), 'kube-system'),
      errors: [
        { message: message('cache', '/opt/cache'), line: 13, column: 11, endLine: 13, endColumn: 19, text: 'hostPath', fixes: ['Ignore hostpath-volume here'] },
        { message: message('sock', '/var/run/docker.sock'), line: 26, column: 7, endLine: 26, endColumn: 15, text: 'hostPath', fixes: ['Ignore hostpath-volume here'] },
        { message: message('backup', '/srv/backup'), line: 43, column: 7, endLine: 43, endColumn: 15, text: 'hostPath', fixes: ['Ignore hostpath-volume here'] },
      ],
    },
    {
      name: "the node's files mounted writable by one container, or data mounted read-only: still on the node",
      path: 'd.yaml',
      code:
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n      containers:\n' +
        '        - name: api\n          image: api:1.0\n          volumeMounts:\n            - {name: logs, mountPath: /var/log/api, readOnly: true}\n            - {name: data, mountPath: /data, readOnly: true}\n' +
        '        - name: shipper\n          image: shipper:1.0\n          volumeMounts:\n            - {name: logs, mountPath: /var/log/api}\n' +
        '      volumes:\n        - {name: logs, hostPath: {path: /var/log/api}}\n        - {name: data, hostPath: {path: /srv/data}}\n',
      errors: [
        { message: message('logs', '/var/log/api'), line: 19, column: 24, endLine: 19, endColumn: 32, text: 'hostPath', fixes: ['Ignore hostpath-volume here'] },
        { message: message('data', '/srv/data'), line: 20, column: 24, endLine: 20, endColumn: 32, text: 'hostPath', fixes: ['Ignore hostpath-volume here'] },
      ],
    },
    {
      name: 'a CronJob, flow style, no path',
      path: 'cj.yaml',
      code: workload('CronJob', '  - {name: backup, hostPath: {type: DirectoryOrCreate}}\n'),
      errors: [
        {
          message: "Volume backup mounts a folder of the node (hostPath): files written there stay on that node and are lost when the pod moves, and the pod depends on what its node holds. Use a PersistentVolumeClaim (a StatefulSet for per-replica data), an emptyDir for scratch files, or an external store.",
          line: 16,
          column: 30,
          endLine: 16,
          endColumn: 38,
          text: 'hostPath',
          fixes: ['Ignore hostpath-volume here'],
        },
      ],
    },
  ],
});
