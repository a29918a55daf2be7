import { servicePortMismatch } from '../../server/src/rules/service-port-mismatch';
import { ruleTester } from '../helpers/rule-tester';

/** A Deployment `web` whose container declares `ports` (YAML lines under `ports:`, or none). */
const deployment = (ports: string, name = 'web', app = 'web'): string =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\nspec:\n  selector:\n    matchLabels:\n      app: ${app}\n  template:\n    metadata:\n      labels:\n        app: ${app}\n    spec:\n      containers:\n        - name: ${name}\n          image: ${name}:1.0\n${ports ? `          ports:\n${ports}` : ''}`;

/** A Service selecting `app: web` with one port (YAML lines of the port item after `- `). */
const service = (port: string, extra = ''): string =>
  `apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n${extra}  selector:\n    app: web\n  ports:\n    - ${port}`;

const HTTP = '            - name: http\n              containerPort: 8080\n';

ruleTester(servicePortMismatch, {
  valid: [
    {
      name: 'a named targetPort the container declares',
      path: 'svc.yaml',
      code: service('port: 80\n      targetPort: http\n'),
      workspace: { 'deploy.yaml': deployment(HTTP) },
    },
    {
      name: 'a numeric targetPort the container declares',
      path: 'svc.yaml',
      code: service('port: 80\n      targetPort: 8080\n'),
      workspace: { 'deploy.yaml': deployment(HTTP) },
    },
    {
      name: 'no targetPort: it defaults to port, which the container declares',
      path: 'svc.yaml',
      code: service('port: 8080\n'),
      workspace: { 'deploy.yaml': deployment(HTTP) },
    },
    {
      name: 'a number, and the containers declare no ports at all (they may listen anyway)',
      path: 'svc.yaml',
      code: service('port: 80\n      targetPort: 5000\n'),
      workspace: { 'deploy.yaml': deployment('') },
    },
    {
      name: 'one of two selected workloads declares the port',
      path: 'svc.yaml',
      code: service('port: 80\n      targetPort: http\n'),
      workspace: { 'a.yaml': deployment(HTTP), 'b.yaml': deployment('            - containerPort: 9000\n', 'worker') },
    },
    {
      name: 'the selected pods come from an Argo Rollout, whose containers are not read',
      path: 'svc.yaml',
      code: service('port: 80\n      targetPort: web\n'),
      workspace: { 'rollout.yaml': deployment(HTTP).replace('apps/v1\nkind: Deployment', 'argoproj.io/v1alpha1\nkind: Rollout') },
    },
    {
      name: 'nothing known of the workspace',
      path: 'svc.yaml',
      code: service('port: 80\n      targetPort: web\n'),
    },
    {
      name: 'headless and ExternalName Services, and a Service without a selector',
      path: 'svc.yaml',
      code:
        service('port: 80\n      targetPort: web\n', '  clusterIP: None\n') +
        '---\napiVersion: v1\nkind: Service\nmetadata:\n  name: db\nspec:\n  ports:\n    - port: 5432\n      targetPort: pg\n',
      workspace: { 'deploy.yaml': deployment(HTTP) },
    },
    {
      name: 'the Service selects nothing (service-selects-nothing says so)',
      path: 'svc.yaml',
      code: service('port: 80\n      targetPort: web\n'),
      workspace: { 'deploy.yaml': deployment(HTTP, 'api', 'api') },
    },
    {
      name: 'a template whose labels cannot be read may be the one selected',
      path: 'svc.yaml',
      code: service('port: 80\n      targetPort: web\n'),
      workspace: { 'deploy.yaml': deployment(HTTP), 'other.yaml': deployment('', 'other', '{nested: x}') },
    },
    {
      name: 'a sidecar (init container that keeps running) declares the port',
      path: 'app.yaml',
      code:
        'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  labels:\n    app: web\nspec:\n  initContainers:\n    - name: proxy\n      image: envoy:1.30\n      restartPolicy: Always\n      ports:\n        - name: proxy\n          containerPort: 15001\n  containers:\n    - name: app\n      image: app:1\n      ports:\n        - containerPort: 8080\n---\n' +
        service('port: 80\n      targetPort: proxy\n'),
      workspace: {},
    },
  ],
  invalid: [
    {
      name: 'a port name no container declares; the fix names the only declared port',
      path: 'svc.yaml',
      code: service('name: http\n      port: 80\n      targetPort: web\n'),
      workspace: { 'deploy.yaml': deployment(HTTP) },
      errors: [
        {
          message:
            'Service web sends port 80 to the port name web, which no selected container declares: the Service has no working endpoint for it, so connections fail. Set targetPort to a port the container declares, or declare the port in the container.',
          line: 11,
          column: 19,
          endLine: 11,
          endColumn: 22,
          text: 'web',
          fixes: ['Set targetPort to http', 'Ignore service-port-mismatch here'],
          related: [{ path: 'deploy.yaml', line: 15, column: 17, text: 'web', message: 'Container web of Deployment web declares 8080 (http)' }],
        },
      ],
      output: service('name: http\n      port: 80\n      targetPort: http\n'),
    },
    {
      name: 'a number no container declares, in the same file; the fix keeps numbers',
      path: 'app.yaml',
      code: `${deployment(HTTP)}---\n${service('port: 80\n      targetPort: 5000\n')}`,
      workspace: {},
      errors: [
        {
          message:
            'Service web sends port 80 to port 5000, which no selected container declares: the Service has no working endpoint for it, so connections fail. Set targetPort to a port the container declares, or declare the port in the container.',
          line: 30,
          column: 19,
          endLine: 30,
          endColumn: 23,
          text: '5000',
          fixes: ['Set targetPort to 8080', 'Ignore service-port-mismatch here'],
          related: [{ line: 15, column: 17, text: 'web', message: 'Container web of Deployment web declares 8080 (http)' }],
        },
      ],
      output: `${deployment(HTTP)}---\n${service('port: 80\n      targetPort: 8080\n')}`,
    },
    {
      name: 'no targetPort and a port number nobody declares: no fix (nothing to replace)',
      path: 'svc.yaml',
      code: service('port: 80\n'),
      workspace: { 'deploy.yaml': deployment(`${HTTP}            - name: metrics\n              containerPort: 9090\n`) },
      errors: [
        {
          message:
            'Service web sends port 80 to port 80 (targetPort defaults to port), which no selected container declares: the Service has no working endpoint for it, so connections fail. Set targetPort to a port the container declares, or declare the port in the container.',
          line: 9,
          column: 13,
          endLine: 9,
          endColumn: 15,
          text: '80',
          fixes: ['Ignore service-port-mismatch here'],
          related: [{ path: 'deploy.yaml', line: 15, column: 17, text: 'web', message: 'Container web of Deployment web declares 8080 (http), 9090 (metrics)' }],
        },
      ],
    },
    {
      name: 'the name is declared for UDP, the Service port is TCP',
      path: 'svc.yaml',
      code: service('port: 53\n      targetPort: dns\n'),
      workspace: { 'deploy.yaml': deployment('            - name: dns\n              containerPort: 53\n              protocol: UDP\n') },
      errors: [
        {
          message:
            'Service web sends port 53 to the port name dns, which the selected containers declare for UDP, not TCP: the Service has no working endpoint for it, so connections fail. Set targetPort to a port the container declares, or declare the port in the container.',
          line: 10,
          column: 19,
          endLine: 10,
          endColumn: 22,
          text: 'dns',
          fixes: ['Ignore service-port-mismatch here'],
          related: [{ path: 'deploy.yaml', line: 15, column: 17, text: 'web', message: 'Container web of Deployment web declares 53/UDP (dns)' }],
        },
      ],
    },
  ],
});
