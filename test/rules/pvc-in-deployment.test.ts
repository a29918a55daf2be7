import { pvcInDeployment } from '../../server/src/rules/pvc-in-deployment';
import { ruleTester } from '../helpers/rule-tester';

/** A workload of `kind` with `replicas` (omitted when null) whose pod mounts the claim `claim`. */
const workload = (kind: string, replicas: number | null, volumes: string): string =>
  `apiVersion: apps/v1\nkind: ${kind}\nmetadata:\n  name: uploads\nspec:\n${replicas === null ? '' : `  replicas: ${replicas}\n`}` +
  '  selector:\n    matchLabels:\n      app: uploads\n  template:\n    metadata:\n      labels:\n        app: uploads\n    spec:\n' +
  '      containers:\n        - name: uploads\n          image: uploads:1.0\n          volumeMounts:\n            - name: files\n              mountPath: /data\n' +
  `      volumes:\n${volumes}`;

const PVC = '        - name: cache\n          emptyDir: {}\n        - name: files\n          persistentVolumeClaim:\n            claimName: uploads-data\n';

const hpa = (target: string, max: number): string =>
  `---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: ${target}\nspec:\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: ${target}\n  minReplicas: 1\n  maxReplicas: ${max}\n`;

const message = (name: string, max: number, claim: string): string =>
  `Deployment ${name} runs up to ${max} pods, and they all share PersistentVolumeClaim ${claim}: a ReadWriteOnce volume attaches to one node only, so pods on other nodes cannot start. For a volume per replica, use a StatefulSet with volumeClaimTemplates; for shared files, a ReadWriteMany claim.`;

ruleTester(pvcInDeployment, {
  valid: [
    { name: 'one replica, written', path: 'd.yaml', code: workload('Deployment', 1, PVC) },
    { name: 'replicas unset means one', path: 'd.yaml', code: workload('Deployment', null, PVC) },
    { name: 'several replicas without a claim', path: 'd.yaml', code: workload('Deployment', 3, '        - name: cache\n          emptyDir: {}\n') },
    { name: 'a StatefulSet', path: 'd.yaml', code: workload('StatefulSet', 3, PVC) },
    {
      name: 'a ReadWriteMany claim of the file is meant to be shared',
      path: 'd.yaml',
      code: workload('Deployment', 3, PVC) + '---\napiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: uploads-data\nspec:\n  accessModes: [ReadWriteMany]\n',
    },
    { name: 'an autoscaler of another Deployment, or one that keeps one replica', path: 'd.yaml', code: workload('Deployment', null, PVC) + hpa('other', 5) + hpa('uploads', 1).replace('name: uploads\nspec', 'name: uploads-hpa\nspec') },
  ],
  invalid: [
    {
      name: 'replicas: 3 and a claim',
      path: 'd.yaml',
      code: workload('Deployment', 3, PVC),
      errors: [
        {
          message: message('uploads', 3, 'uploads-data'),
          line: 26,
          column: 24,
          endLine: 26,
          endColumn: 36,
          text: 'uploads-data',
          fixes: ['Ignore pvc-in-deployment here'],
          related: [{ line: 6, column: 13, text: '3', message: 'replicas: 3' }],
        },
      ],
    },
    {
      name: 'scaled by an autoscaler; a ReadWriteOnce claim of the file; flow-style volume',
      path: 'd.yaml',
      code:
        'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: wiki-data\nspec:\n  accessModes: ["ReadWriteOnce"]\n  resources:\n    requests:\n      storage: 5Gi\n---\n' +
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: wiki\nspec:\n  template:\n    spec:\n      containers:\n        - name: wiki\n          image: wiki:1.0\n' +
        '      volumes:\n        - {name: data, persistentVolumeClaim: {claimName: wiki-data}}\n' +
        hpa('wiki', 5),
      errors: [
        {
          message: message('wiki', 5, 'wiki-data'),
          line: 22,
          column: 59,
          endLine: 22,
          endColumn: 68,
          text: 'wiki-data',
          fixes: ['Ignore pvc-in-deployment here'],
          related: [{ line: 34, column: 16, text: '5', message: 'HorizontalPodAutoscaler wiki scales it up to 5 replicas' }],
        },
      ],
    },
  ],
});
