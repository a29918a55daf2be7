import { missingReadinessProbe } from '../../server/src/rules/missing-readiness-probe';
import { ruleTester } from '../helpers/rule-tester';

const WHY = 'Services send it traffic as soon as it starts, before the app is ready, and during overloads. Add a readinessProbe on a health endpoint.';

const daemonSet = (container: string): string =>
  'apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: agent\nspec:\n  selector:\n    matchLabels:\n      app: agent\n  template:\n    metadata:\n      labels:\n        app: agent\n    spec:\n      containers:\n' +
  container;

ruleTester(missingReadinessProbe, {
  valid: [
    {
      name: 'container with a readiness probe',
      path: 'ds.yaml',
      code: daemonSet('        - name: agent\n          image: fluent/fluent-bit:3.1.9\n          readinessProbe:\n            httpGet:\n              path: /api/v1/health\n              port: 2020\n'),
    },
    {
      name: 'ephemeral containers are for debugging',
      path: 'pod.yaml',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      readinessProbe:\n        tcpSocket:\n          port: 80\n  ephemeralContainers:\n    - name: debug\n      image: busybox:1.36\n',
    },
    {
      name: 'ReplicaSet ignored for the one rule in a comment list',
      path: 'rs.yaml',
      code: 'apiVersion: apps/v1\nkind: ReplicaSet\nmetadata:\n  name: rs\nspec:\n  template:\n    spec:\n      containers:\n        # kubeready-ignore missing-liveness-probe,missing-readiness-probe\n        - name: app\n          image: app:1.0\n',
    },
  ],
  invalid: [
    {
      name: 'DaemonSet with a named port: the fix copies the check of its liveness probe',
      path: 'ds.yaml',
      code: daemonSet('        - name: agent\n          image: fluent/fluent-bit:3.1.9\n          ports:\n            - name: metrics\n              containerPort: 2020\n          livenessProbe:\n            httpGet:\n              path: /\n              port: metrics\n'),
      errors: [
        {
          message: `Container agent has no readinessProbe: ${WHY}`,
          line: 15,
          column: 17,
          endLine: 15,
          endColumn: 22,
          text: 'agent',
          fixes: ['Add readinessProbe (the same check as its livenessProbe)', 'Ignore missing-readiness-probe here'],
        },
      ],
      output: daemonSet(
        '        - name: agent\n          image: fluent/fluent-bit:3.1.9\n          ports:\n            - name: metrics\n              containerPort: 2020\n          livenessProbe:\n            httpGet:\n              path: /\n              port: metrics\n' +
          '          readinessProbe:\n            httpGet:\n              path: /\n              port: metrics\n            initialDelaySeconds: 5\n            periodSeconds: 2\n',
      ),
    },
    {
      name: 'ReplicationController; the ignore comment for another rule gets this id added',
      path: 'rc.yaml',
      code: 'apiVersion: v1\nkind: ReplicationController\nmetadata:\n  name: rc\nspec:\n  template:\n    spec:\n      containers:\n        # kubeready-ignore missing-liveness-probe\n        - name: app\n          image: app:1.0 # trailing comment\n',
      errors: [
        {
          message: `Container app has no readinessProbe: ${WHY}`,
          line: 10,
          column: 17,
          endLine: 10,
          endColumn: 20,
          text: 'app',
          fixes: [
            'Add readinessProbe with an exec skeleton (no port declared: replace its command with a real check)',
            'Ignore missing-readiness-probe here',
          ],
        },
      ],
      output:
        'apiVersion: v1\nkind: ReplicationController\nmetadata:\n  name: rc\nspec:\n  template:\n    spec:\n      containers:\n        # kubeready-ignore missing-liveness-probe\n        - name: app\n          image: app:1.0 # trailing comment\n' +
        '          readinessProbe:\n            exec:\n              command:\n                - /bin/sh\n                - "-c"\n                - "exit 0"\n            initialDelaySeconds: 5\n            periodSeconds: 2\n',
      fixed: {
        'Ignore missing-readiness-probe here':
          'apiVersion: v1\nkind: ReplicationController\nmetadata:\n  name: rc\nspec:\n  template:\n    spec:\n      containers:\n        # kubeready-ignore missing-liveness-probe,missing-readiness-probe\n        - name: app\n          image: app:1.0 # trailing comment\n',
      },
    },
  ],
});
