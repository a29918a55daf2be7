import { probePort } from '../../server/src/rules/probe-port';
import { ruleTester } from '../helpers/rule-tester';

/** A Deployment whose containers are given as written under `containers:`. */
const deployment = (containers: string): string =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n${containers}`;

const WEB = '        - name: web\n          image: web:1.0\n';
const HTTP_PORT = '          ports:\n            - name: http\n              containerPort: 8080\n';

const named = (probe: string, port: string, consequence: string): string =>
  `The ${probe} of container web checks the port named ${port}, which the container does not declare: the kubelet cannot resolve it, so the probe always fails and ${consequence}. Declare that port in ports, or use one the container declares.`;
const RESTARTED = 'the container is restarted again and again';
const numeric = (probe: string, port: number): string =>
  `The ${probe} of container web checks port ${port}, which the pod does not declare in ports: the probe works, but whoever reads the manifest cannot see that the container listens there. Declare it, or probe a declared port.`;

ruleTester(probePort, {
  valid: [
    {
      name: 'probes on declared ports, by name and by number, and an exec probe',
      path: 'd.yaml',
      code: deployment(
        WEB + HTTP_PORT + '            - containerPort: 9090\n' +
          '          livenessProbe:\n            httpGet:\n              path: /health\n              port: http\n' +
          '          readinessProbe:\n            tcpSocket:\n              port: 8080\n' +
          '          startupProbe:\n            grpc:\n              port: 9090\n' +
          '        - name: worker\n          image: worker:1.0\n          livenessProbe:\n            exec:\n              command: ["/bin/true"]\n',
      ),
    },
    {
      name: 'a container that declares no ports, probed by number (common, and it works)',
      path: 'd.yaml',
      code: deployment(WEB + '          livenessProbe:\n            httpGet:\n              path: /health\n              port: 8080\n'),
    },
    {
      name: 'a port number another container of the pod declares',
      path: 'd.yaml',
      code: deployment(WEB + HTTP_PORT + '          readinessProbe:\n            httpGet:\n              path: /healthz/ready\n              port: 15021\n        - name: proxy\n          image: proxy:1.0\n          ports:\n            - containerPort: 15021\n'),
    },
    {
      name: 'ports written through an alias cannot be read: no guess',
      path: 'd.yaml',
      code: deployment(
        '        - name: blue\n          image: web:1.0\n          ports: &ports\n            - name: http\n              containerPort: 8080\n' +
          '        - name: green\n          image: web:1.0\n          ports: *ports\n          livenessProbe:\n            httpGet:\n              path: /health\n              port: http\n',
      ),
    },
    {
      name: 'a kustomize patch: the ports may be in the base',
      path: 'patch.yaml',
      options: { isPatch: true },
      code: deployment(WEB + '          livenessProbe:\n            httpGet:\n              path: /health\n              port: http\n'),
    },
  ],
  invalid: [
    {
      name: 'a misspelt port name: the only declared port',
      path: 'd.yaml',
      code: deployment(WEB + HTTP_PORT + '          livenessProbe:\n            httpGet:\n              path: /health\n              port: htpp\n'),
      errors: [
        {
          message: named('livenessProbe', 'htpp', RESTARTED),
          line: 17,
          column: 21,
          endLine: 17,
          endColumn: 25,
          text: 'htpp',
          severity: 'error',
          fixes: ['Use port http', 'Ignore probe-port here'],
        },
      ],
      output: deployment(WEB + HTTP_PORT + '          livenessProbe:\n            httpGet:\n              path: /health\n              port: http\n'),
    },
    {
      name: 'a quoted number is read as a port name, which needs a letter: the API server rejects it; a gRPC port is left to the schema check',
      path: 'd.yaml',
      code: deployment(
        WEB + HTTP_PORT +
          '          readinessProbe:\n            httpGet:\n              path: /ready\n              port: "8080"\n' +
          "          livenessProbe:\n            tcpSocket:\n              port: '8080'\n" +
          '          startupProbe:\n            grpc:\n              port: "8080"\n',
      ),
      errors: [
        {
          message:
            'The readinessProbe of container web gives its port as the text "8080", which Kubernetes reads as a port name, and a port name needs a letter: the API server rejects the Deployment. Remove the quotes to give the number.',
          line: 17,
          column: 21,
          endLine: 17,
          endColumn: 27,
          text: '"8080"',
          severity: 'error',
          fixes: ['Remove the quotes', 'Ignore probe-port here'],
        },
        {
          message:
            'The livenessProbe of container web gives its port as the text "8080", which Kubernetes reads as a port name, and a port name needs a letter: the API server rejects the Deployment. Remove the quotes to give the number.',
          line: 20,
          column: 21,
          endLine: 20,
          endColumn: 27,
          text: "'8080'",
          severity: 'error',
          fixes: ['Remove the quotes', 'Ignore probe-port here'],
        },
      ],
      output: deployment(
        WEB + HTTP_PORT +
          '          readinessProbe:\n            httpGet:\n              path: /ready\n              port: 8080\n' +
          '          livenessProbe:\n            tcpSocket:\n              port: 8080\n' +
          '          startupProbe:\n            grpc:\n              port: "8080"\n',
      ),
    },
    {
      name: 'names differing by case, or matching nothing among several ports',
      path: 'd.yaml',
      code: deployment(
        WEB + HTTP_PORT + '            - name: metrics\n              containerPort: 9090\n' +
          '          readinessProbe:\n            httpGet:\n              path: /ready\n              port: HTTP\n' +
          '          startupProbe:\n            tcpSocket:\n              port: admin\n',
      ),
      errors: [
        {
          message:
            'The readinessProbe of container web gives its port as the text "HTTP", which Kubernetes reads as a port name, and a port name has 1 to 15 lowercase letters, digits and hyphens: ' +
            "the API server rejects the Deployment. Give the port's number, or the name of a port the container declares.",
          line: 19,
          column: 21,
          endLine: 19,
          endColumn: 25,
          text: 'HTTP',
          severity: 'error',
          fixes: ['Use port http', 'Ignore probe-port here'],
        },
        {
          message: named('startupProbe', 'admin', RESTARTED),
          line: 22,
          column: 21,
          endLine: 22,
          endColumn: 26,
          text: 'admin',
          severity: 'error',
          fixes: ['Ignore probe-port here'],
        },
      ],
      output: deployment(
        WEB + HTTP_PORT + '            - name: metrics\n              containerPort: 9090\n' +
          '          readinessProbe:\n            httpGet:\n              path: /ready\n              port: http\n' +
          '          startupProbe:\n            tcpSocket:\n              port: admin\n',
      ),
    },
    {
      name: 'an undeclared number: declare it (block list), or use the only declared port',
      path: 'd.yaml',
      code: deployment(WEB + HTTP_PORT + '          livenessProbe:\n            httpGet:\n              path: /actuator/health\n              port: 8081\n'),
      errors: [
        {
          message: numeric('livenessProbe', 8081),
          line: 17,
          column: 21,
          endLine: 17,
          endColumn: 25,
          text: '8081',
          fixes: ['Declare port 8081 in ports', 'Use port http', 'Ignore probe-port here'],
        },
      ],
      output: deployment(WEB + HTTP_PORT + '            - containerPort: 8081\n          livenessProbe:\n            httpGet:\n              path: /actuator/health\n              port: 8081\n'),
      fixed: {
        'Use port http': deployment(WEB + HTTP_PORT + '          livenessProbe:\n            httpGet:\n              path: /actuator/health\n              port: http\n'),
      },
    },
    {
      name: 'a gRPC probe, flow-style ports without names',
      path: 'd.yaml',
      code: deployment(WEB + '          ports: [{containerPort: 50051}]\n          startupProbe:\n            grpc: {port: 50052}\n'),
      errors: [
        {
          message: numeric('startupProbe', 50052),
          line: 13,
          column: 26,
          endLine: 13,
          endColumn: 31,
          text: '50052',
          fixes: ['Declare port 50052 in ports', 'Use port 50051', 'Ignore probe-port here'],
        },
      ],
      output: deployment(WEB + '          ports: [{containerPort: 50051}, {containerPort: 50052}]\n          startupProbe:\n            grpc: {port: 50052}\n'),
      fixed: {
        'Use port 50051': deployment(WEB + '          ports: [{containerPort: 50051}]\n          startupProbe:\n            grpc: {port: 50051}\n'),
      },
    },
  ],
});
