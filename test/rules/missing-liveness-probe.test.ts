import { missingLivenessProbe } from '../../server/src/rules/missing-liveness-probe';
import { ruleTester } from '../helpers/rule-tester';

const WHY = 'if the app hangs, Kubernetes keeps the stuck container instead of restarting it. Add a livenessProbe on a health endpoint.';

const deployment = (container: string): string =>
  'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: flask-app\nspec:\n  replicas: 3\n  selector:\n    matchLabels:\n      app: flask-app\n' +
  '  template:\n    metadata:\n      labels:\n        app: flask-app\n    spec:\n      containers:\n' +
  container;

const PROBED =
  '        - name: flask\n          image: sammy/flask_app:1.0\n          livenessProbe:\n            httpGet:\n              path: /health\n              port: 8080\n' +
  '          readinessProbe:\n            httpGet:\n              path: /health\n              port: 8080\n';

ruleTester(missingLivenessProbe, {
  valid: [
    { name: 'container with both probes', path: 'deploy.yaml', code: deployment(PROBED) },
    {
      name: 'a Job runs to completion',
      path: 'job.yaml',
      code: 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: migrate\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n        - name: migrate\n          image: app:1.0\n',
    },
    {
      name: 'a CronJob runs to completion',
      path: 'cron.yaml',
      code: 'apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: report\nspec:\n  schedule: "0 * * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: OnFailure\n          containers:\n            - name: report\n              image: app:1.0\n',
    },
    {
      name: 'a Pod that does not restart',
      path: 'pod.yaml',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: once\nspec:\n  restartPolicy: Never\n  containers:\n    - name: once\n      image: app:1.0\n',
    },
    {
      name: 'init containers need no liveness probe',
      path: 'deploy.yaml',
      code: deployment(PROBED).replace('      containers:\n', '      initContainers:\n        - name: wait\n          image: busybox:1.36\n      containers:\n'),
    },
    {
      name: 'kustomize patch',
      path: 'patch.yaml',
      code: deployment('        - name: flask\n          image: sammy/flask_app:1.1\n'),
      options: { isPatch: true },
    },
    {
      name: 'a container without an image is an overlay fragment',
      path: 'overlay.yaml',
      code: deployment('        - name: flask\n          env:\n            - name: MODE\n              value: debug\n'),
    },
    {
      name: 'ignored by a comment above the container',
      path: 'deploy.yaml',
      code: deployment('        # kubeready-ignore missing-liveness-probe -- worker without an HTTP server\n        - name: flask\n          image: sammy/flask_app:1.0\n          readinessProbe:\n            exec:\n              command: [cat, /tmp/ready]\n'),
    },
    {
      name: 'probes merged in with a YAML merge key (<<), which kubectl applies',
      path: 'deploy.yaml',
      code: deployment('        - &probed\n          name: flask\n          image: sammy/flask_app:1.0\n          livenessProbe: {httpGet: {path: /health, port: 8080}}\n          readinessProbe: {httpGet: {path: /health, port: 8080}}\n        - <<: *probed\n          name: worker\n'),
    },
    {
      name: 'ignored by the annotation',
      path: 'deploy.yaml',
      code: deployment('        - name: flask\n          image: sammy/flask_app:1.0\n').replace('  name: flask-app\n', '  name: flask-app\n  annotations:\n    kubeready.dev/ignore: missing-liveness-probe,missing-readiness-probe\n'),
    },
  ],
  invalid: [
    {
      name: 'Deployment, named port, indented sequences',
      path: 'deploy.yaml',
      code: deployment('        - name: flask\n          image: sammy/flask_app:1.0\n          ports:\n            - name: http\n              containerPort: 8080\n'),
      errors: [
        {
          message: `Container flask has no livenessProbe: ${WHY}`,
          line: 16,
          column: 17,
          endLine: 16,
          endColumn: 22,
          text: 'flask',
          fixes: [
            'Add livenessProbe (HTTP GET /health on port http)',
            'Add livenessProbe and readinessProbe (HTTP GET /health on port http)',
            'Ignore missing-liveness-probe here',
          ],
        },
      ],
      output: deployment(
        '        - name: flask\n          image: sammy/flask_app:1.0\n          ports:\n            - name: http\n              containerPort: 8080\n' +
          '          livenessProbe:\n            httpGet:\n              path: /health\n              port: http\n            initialDelaySeconds: 5\n            periodSeconds: 2\n',
      ),
      fixed: {
        'Add livenessProbe and readinessProbe (HTTP GET /health on port http)': deployment(
          '        - name: flask\n          image: sammy/flask_app:1.0\n          ports:\n            - name: http\n              containerPort: 8080\n' +
            '          livenessProbe:\n            httpGet:\n              path: /health\n              port: http\n            initialDelaySeconds: 5\n            periodSeconds: 2\n' +
            '          readinessProbe:\n            httpGet:\n              path: /health\n              port: http\n            initialDelaySeconds: 5\n            periodSeconds: 2\n',
        ),
        'Ignore missing-liveness-probe here': deployment(
          '        # kubeready-ignore missing-liveness-probe\n        - name: flask\n          image: sammy/flask_app:1.0\n          ports:\n            - name: http\n              containerPort: 8080\n',
        ),
      },
    },
    {
      name: 'Pod with a readiness probe: the fix copies its check; 4-space indentation, flush sequences, CRLF',
      path: 'pod.yaml',
      code: 'apiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n    name: worker\r\nspec:\r\n    containers:\r\n    - name: worker\r\n      image: busybox:1.36\r\n      readinessProbe:\r\n          exec:\r\n              command: [cat, /tmp/ready]\r\n',
      errors: [
        {
          message: `Container worker has no livenessProbe: ${WHY}`,
          line: 7,
          column: 13,
          endLine: 7,
          endColumn: 19,
          text: 'worker',
          fixes: ['Add livenessProbe (the same check as its readinessProbe)', 'Ignore missing-liveness-probe here'],
        },
      ],
      output:
        'apiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n    name: worker\r\nspec:\r\n    containers:\r\n    - name: worker\r\n      image: busybox:1.36\r\n      readinessProbe:\r\n          exec:\r\n              command: [cat, /tmp/ready]\r\n' +
        '      livenessProbe:\r\n          exec:\r\n              command:\r\n              - cat\r\n              - /tmp/ready\r\n          initialDelaySeconds: 5\r\n          periodSeconds: 2\r\n',
    },
    {
      name: 'every app container of a StatefulSet, numbered database port (TCP connect, not HTTP GET), sidecar without a name',
      path: 'sts.yaml',
      code: 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\nspec:\n  template:\n    spec:\n      containers:\n      - name: db\n        image: postgres:16.4\n        ports:\n        - containerPort: 5432\n      - image: prom/postgres-exporter:v0.15.0\n        livenessProbe:\n          tcpSocket:\n            port: 9187\n',
      errors: [
        {
          message: `Container db has no livenessProbe: ${WHY}`,
          line: 9,
          column: 15,
          endLine: 9,
          endColumn: 17,
          text: 'db',
          fixes: [
            'Add livenessProbe (TCP connect to port 5432)',
            'Add livenessProbe and readinessProbe (TCP connect to port 5432)',
            'Ignore missing-liveness-probe here',
          ],
        },
      ],
      output: 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\nspec:\n  template:\n    spec:\n      containers:\n      - name: db\n        image: postgres:16.4\n        ports:\n        - containerPort: 5432\n        livenessProbe:\n          tcpSocket:\n            port: 5432\n          initialDelaySeconds: 5\n          periodSeconds: 2\n      - image: prom/postgres-exporter:v0.15.0\n        livenessProbe:\n          tcpSocket:\n            port: 9187\n',
    },
    {
      name: 'a TLS port gets an HTTPS GET; a UDP port is skipped for the next one',
      path: 'deploy.yaml',
      code: deployment('        - name: flask\n          image: sammy/flask_app:1.0\n          ports:\n            - name: dns\n              containerPort: 5353\n              protocol: UDP\n            - name: https-api\n              containerPort: 8443\n'),
      errors: [
        {
          message: `Container flask has no livenessProbe: ${WHY}`,
          line: 16,
          column: 17,
          endLine: 16,
          endColumn: 22,
          text: 'flask',
          fixes: [
            'Add livenessProbe (HTTPS GET /health on port https-api)',
            'Add livenessProbe and readinessProbe (HTTPS GET /health on port https-api)',
            'Ignore missing-liveness-probe here',
          ],
        },
      ],
      output: deployment(
        '        - name: flask\n          image: sammy/flask_app:1.0\n          ports:\n            - name: dns\n              containerPort: 5353\n              protocol: UDP\n            - name: https-api\n              containerPort: 8443\n' +
          '          livenessProbe:\n            httpGet:\n              path: /health\n              port: https-api\n              scheme: HTTPS\n            initialDelaySeconds: 5\n            periodSeconds: 2\n',
      ),
    },
    {
      name: 'a port named for another protocol (gRPC, a database) gets a TCP connect; a readiness probe without a check is not copied',
      path: 'deploy.yaml',
      code: deployment('        - name: flask\n          image: sammy/flask_app:1.0\n          ports:\n            - name: grpc-api\n              containerPort: 9000\n          readinessProbe:\n            periodSeconds: 5\n'),
      errors: [
        {
          message: `Container flask has no livenessProbe: ${WHY}`,
          line: 16,
          column: 17,
          endLine: 16,
          endColumn: 22,
          text: 'flask',
          fixes: [
            'Add livenessProbe (TCP connect to port grpc-api)',
            'Ignore missing-liveness-probe here',
          ],
        },
      ],
      output: deployment(
        '        - name: flask\n          image: sammy/flask_app:1.0\n          ports:\n            - name: grpc-api\n              containerPort: 9000\n          readinessProbe:\n            periodSeconds: 5\n' +
          '          livenessProbe:\n            tcpSocket:\n              port: grpc-api\n            initialDelaySeconds: 5\n            periodSeconds: 2\n',
      ),
    },
    {
      name: 'only UDP ports: exec skeleton',
      path: 'deploy.yaml',
      code: deployment('        - name: flask\n          image: sammy/flask_app:1.0\n          ports:\n            - containerPort: 514\n              protocol: UDP\n'),
      errors: [
        {
          message: `Container flask has no livenessProbe: ${WHY}`,
          line: 16,
          column: 17,
          endLine: 16,
          endColumn: 22,
          text: 'flask',
          fixes: [
            'Add livenessProbe with an exec skeleton (no TCP port declared: replace its command with a real check)',
            'Add livenessProbe and readinessProbe with an exec skeleton (no TCP port declared: replace its command with a real check)',
            'Ignore missing-liveness-probe here',
          ],
        },
      ],
      output: deployment(
        '        - name: flask\n          image: sammy/flask_app:1.0\n          ports:\n            - containerPort: 514\n              protocol: UDP\n' +
          '          livenessProbe:\n            exec:\n              command:\n                - /bin/sh\n                - "-c"\n                - "exit 0"\n            initialDelaySeconds: 5\n            periodSeconds: 2\n',
      ),
    },
    {
      name: 'a sidecar (init container that always restarts) needs probes; a key without a value is no probe',
      path: 'deploy.yaml',
      code: deployment(PROBED).replace('      containers:\n', '      initContainers:\n        - name: proxy\n          image: envoyproxy/envoy:v1.31.0\n          restartPolicy: Always\n          livenessProbe:\n      containers:\n'),
      errors: [
        {
          message: `Container proxy has no livenessProbe: ${WHY}`,
          line: 16,
          column: 17,
          endLine: 16,
          endColumn: 22,
          text: 'proxy',
          fixes: ['Ignore missing-liveness-probe here'],
        },
      ],
    },
    {
      name: 'Pod with restartPolicy Always, inside a List',
      path: 'list.yaml',
      code: 'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: Pod\n    metadata:\n      name: web\n    spec:\n      restartPolicy: Always\n      containers:\n        - {name: web, image: "nginx:1.27"}\n',
      errors: [
        {
          message: `Container web has no livenessProbe: ${WHY}`,
          line: 11,
          column: 18,
          endLine: 11,
          endColumn: 21,
          text: 'web',
          fixes: ['Ignore missing-liveness-probe here'],
        },
      ],
    },
  ],
});
