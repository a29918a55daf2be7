import { serviceSelectsNothing } from '../../server/src/rules/service-selects-nothing';
import { ruleTester } from '../helpers/rule-tester';

const deployment = (labels: string, namespace = ''): string =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n${namespace ? `  namespace: ${namespace}\n` : ''}spec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n${labels}    spec:\n      containers:\n        - name: web\n          image: web:1.0\n`;

const service = (selector: string, extra = '', namespace = ''): string =>
  `apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n${namespace ? `  namespace: ${namespace}\n` : ''}spec:\n${extra}  selector:\n${selector}  ports:\n    - port: 80\n`;

const MESSAGE = (labels: string): string =>
  `Service web selects ${labels}, but no pod template in the workspace has these labels: the Service gets no endpoints, so every connection to it fails. Make the selector match the labels of the pod template it serves.`;

ruleTester(serviceSelectsNothing, {
  valid: [
    {
      name: 'the selector matches a pod template in another file',
      path: 'svc.yaml',
      code: service('    app: web\n'),
      workspace: { 'deploy.yaml': deployment('        app: web\n        tier: front\n') },
    },
    {
      name: 'the pod template is in the same file',
      path: 'app.yaml',
      code: `${deployment('        app: web\n')}---\n${service('    app: web\n')}`,
      workspace: {},
    },
    {
      name: 'nothing known of the workspace: no finding',
      path: 'svc.yaml',
      code: service('    app: nothing\n'),
    },
    {
      name: 'the workspace defines no workloads at all (the pods come from a chart or an operator)',
      path: 'svc.yaml',
      code: service('    app: postgres\n'),
      workspace: { 'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  a: b\n' },
    },
    {
      name: 'workloads only in another namespace do not count',
      path: 'svc.yaml',
      code: service('    app: web\n', '', 'shop'),
      workspace: { 'deploy.yaml': deployment('        app: other\n', 'tools') },
    },
    {
      name: 'an object without a namespace meets every namespace',
      path: 'svc.yaml',
      code: service('    app: web\n', '', 'shop'),
      workspace: { 'deploy.yaml': deployment('        app: web\n') },
    },
    {
      name: 'a Service without a selector (Endpoints made by hand) and an ExternalName Service',
      path: 'svc.yaml',
      code:
        'apiVersion: v1\nkind: Service\nmetadata:\n  name: db\nspec:\n  ports:\n    - port: 5432\n---\n' +
        'apiVersion: v1\nkind: Service\nmetadata:\n  name: ext\nspec:\n  type: ExternalName\n  externalName: db.example.com\n  selector:\n    app: gone\n',
      workspace: { 'deploy.yaml': deployment('        app: web\n') },
    },
    {
      name: 'labels the controller adds to pods (a StatefulSet pod name)',
      path: 'svc.yaml',
      code: service('    app: web\n    statefulset.kubernetes.io/pod-name: web-0\n'),
      workspace: { 'deploy.yaml': deployment('        app: web\n') },
    },
    {
      name: 'pod labels that cannot be read exactly may match',
      path: 'svc.yaml',
      code: service('    app: web\n'),
      workspace: { 'deploy.yaml': deployment('        app: {nested: web}\n') },
    },
    {
      name: 'pods of an Argo Rollout and of a Deployment whose apiVersion is mistyped (a custom resource with a pod template)',
      path: 'svc.yaml',
      code: `${service('    app: web\n')}---\n${service('    app: db\n').replace('name: web', 'name: db')}`,
      workspace: {
        'rollout.yaml': deployment('        app: web\n').replace('apps/v1\nkind: Deployment', 'argoproj.io/v1alpha1\nkind: Rollout'),
        'db.yaml': deployment('        app: db\n').replace('apps/v1', 'apps/v1  for k8s before 1.9.0 use apps/v1beta2'),
        'other.yaml': deployment('        app: other\n'),
      },
    },
    {
      name: 'the pod template is in a document that does not parse (the syntax error is reported on its own)',
      path: 'svc.yaml',
      code: service('    app: web\n'),
      workspace: {
        'deploy.yaml': deployment('        app: web\n').replace('image: web:1.0\n', 'image: web:1.0\n          image: web:2.0\n'),
        'other.yaml': deployment('        app: other\n'),
      },
    },
    {
      name: 'pods an operator makes from a custom resource the selector names, or whose labels it has all',
      path: 'svc.yaml',
      code: `${service('    prometheus: k8s\n')}---\n${service('    app.kubernetes.io/name: alertmanager\n    app.kubernetes.io/part-of: kube-prometheus\n').replace('name: web', 'name: am')}`,
      workspace: {
        'prometheus.yaml': 'apiVersion: monitoring.coreos.com/v1\nkind: Prometheus\nmetadata:\n  name: k8s\nspec:\n  replicas: 2\n',
        'alertmanager.yaml':
          'apiVersion: monitoring.coreos.com/v1\nkind: Alertmanager\nmetadata:\n  name: main\n  labels:\n    app.kubernetes.io/name: alertmanager\n    app.kubernetes.io/part-of: kube-prometheus\nspec:\n  replicas: 3\n',
        'deploy.yaml': deployment('        app: web\n'),
      },
    },
    {
      name: 'a kustomize Component adds a Service for the pods of the base it is applied to',
      path: 'components/metrics/svc.yaml',
      code: service('    app: frontend\n'),
      workspace: { 'components/metrics/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nresources:\n  - svc.yaml\n', 'deploy.yaml': deployment('        app: web\n') },
    },
    {
      name: 'a kustomize patch is partial',
      path: 'svc.yaml',
      code: service('    app: web-v2\n'),
      options: { isPatch: true },
      workspace: { 'deploy.yaml': deployment('        app: web\n') },
    },
  ],
  invalid: [
    {
      name: 'a typo in the selector; the near miss in another file is related',
      path: 'svc.yaml',
      code: service('    app: web\n    tier: backend\n'),
      workspace: { 'deploy.yaml': deployment('        app: web\n        tier: frontend\n'), 'job.yaml': 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: migrate\nspec:\n  template:\n    metadata:\n      labels:\n        app: migrate\n    spec:\n      restartPolicy: Never\n      containers:\n        - name: m\n          image: m:1\n' },
      errors: [
        {
          message: MESSAGE('app: web, tier: backend'),
          line: 6,
          column: 3,
          endLine: 6,
          endColumn: 11,
          text: 'selector',
          fixes: ['Ignore service-selects-nothing here'],
          related: [{ path: 'deploy.yaml', line: 11, column: 7, text: 'labels', message: 'Deployment web has the pod labels app: web, tier: frontend' }],
        },
      ],
    },
    {
      name: 'same file, a headless Service too (a StatefulSet needs its pods found)',
      path: 'app.yaml',
      code: `${deployment('        app: web\n')}---\n${service('    app: api\n', '  clusterIP: None\n')}`,
      workspace: {},
      errors: [
        {
          message: MESSAGE('app: api'),
          line: 24,
          column: 3,
          endLine: 24,
          endColumn: 11,
          text: 'selector',
          fixes: ['Ignore service-selects-nothing here'],
        },
      ],
    },
    {
      name: 'the only matching template is a kustomize patch, which defines nothing',
      path: 'svc.yaml',
      code: service('    app: web-v2\n'),
      workspace: {
        'deploy.yaml': deployment('        app: web\n'),
        'patch.yaml': deployment('        app: web-v2\n'),
        'kustomization.yaml': 'resources:\n  - deploy.yaml\n  - svc.yaml\npatches:\n  - path: patch.yaml\n',
      },
      errors: [
        {
          message: MESSAGE('app: web-v2'),
          line: 6,
          column: 3,
          endLine: 6,
          endColumn: 11,
          text: 'selector',
          fixes: ['Ignore service-selects-nothing here'],
        },
      ],
    },
    {
      name: 'a custom resource the selector does not name and whose labels differ does not excuse it',
      path: 'svc.yaml',
      code: service('    app: api\n'),
      workspace: {
        'deploy.yaml': deployment('        app: web\n'),
        'monitor.yaml': 'apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata:\n  name: web\n  labels:\n    app: web\nspec:\n  selector:\n    matchLabels:\n      app: api\n',
      },
      errors: [
        {
          message: MESSAGE('app: api'),
          line: 6,
          column: 3,
          endLine: 6,
          endColumn: 11,
          text: 'selector',
          fixes: ['Ignore service-selects-nothing here'],
        },
      ],
    },
    {
      name: 'a document that does not parse after its pod labels: they are read, and do not match',
      path: 'svc.yaml',
      code: service('    app: api\n'),
      workspace: { 'deploy.yaml': deployment('        app: web\n').replace('image: web:1.0\n', 'image: web:1.0\n          image: web:2.0\n') },
      errors: [
        {
          message: MESSAGE('app: api'),
          line: 6,
          column: 3,
          endLine: 6,
          endColumn: 11,
          text: 'selector',
          fixes: ['Ignore service-selects-nothing here'],
        },
      ],
    },
  ],
});
