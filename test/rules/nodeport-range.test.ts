import { nodeportRange } from '../../server/src/rules/nodeport-range';
import { ruleTester } from '../helpers/rule-tester';

/** Lines joined with `\n`, with a final line break. */
const yaml = (...lines: string[]): string => lines.join('\n') + '\n';

const MESSAGE = (port: number, name: string): string =>
  `nodePort ${port} of Service ${name} is outside 30000-32767, the range node ports come from: the API server rejects the Service. Pick a port in that range, or leave nodePort out and Kubernetes picks a free one.`;

/** A NodePort Service with the given port items (lines under `ports:`). */
const service = (...ports: string[]): string =>
  yaml('apiVersion: v1', 'kind: Service', 'metadata:', '  name: web', 'spec:', '  type: NodePort', '  selector:', '    app: web', '  ports:', ...ports);

ruleTester(nodeportRange, {
  valid: [
    { name: 'both ends of the range', path: 'svc.yaml', code: service('  - port: 80', '    nodePort: 30000', '  - port: 443', '    nodePort: 32767') },
    { name: 'no nodePort: Kubernetes picks one', path: 'svc.yaml', code: service('  - port: 80', '    targetPort: 8080') },
    { name: 'nodePort 0 also means "pick one"', path: 'svc.yaml', code: service('  - port: 80', '    nodePort: 0') },
    { name: 'a quoted port is a type error, not this rule', path: 'svc.yaml', code: service('  - port: 80', '    nodePort: "80"') },
    {
      name: 'a custom resource with nodePort fields',
      path: 'crd.yaml',
      code: yaml('apiVersion: example.com/v1', 'kind: Service', 'metadata:', '  name: web', 'spec:', '  ports:', '  - nodePort: 80'),
    },
    {
      name: 'ignored by a comment: a cluster with a wider node port range',
      path: 'svc.yaml',
      code: service('  - port: 80', '    # kubeready-ignore nodeport-range -- this cluster runs with --service-node-port-range=80-32767', '    nodePort: 80'),
    },
  ],
  invalid: [
    {
      name: 'below and above the range; the fix removes the nodePort',
      path: 'svc.yaml',
      code: service('  - name: http', '    port: 80', '    nodePort: 80', '    targetPort: 8080', '  - name: https', '    port: 443', '    nodePort: 40443'),
      errors: [
        {
          message: MESSAGE(80, 'web'),
          line: 12,
          column: 15,
          endLine: 12,
          endColumn: 17,
          text: '80',
          fixes: ['Remove nodePort (let Kubernetes pick one)', 'Ignore nodeport-range here'],
        },
        {
          message: MESSAGE(40443, 'web'),
          line: 16,
          column: 15,
          endLine: 16,
          endColumn: 20,
          text: '40443',
          fixes: ['Remove nodePort (let Kubernetes pick one)', 'Ignore nodeport-range here'],
        },
      ],
      output: service('  - name: http', '    port: 80', '    targetPort: 8080', '  - name: https', '    port: 443'),
    },
    {
      name: 'flow-style port, and a LoadBalancer Service in a List',
      path: 'list.yaml',
      code: yaml(
        'apiVersion: v1',
        'kind: List',
        'items:',
        '- apiVersion: v1',
        '  kind: Service',
        '  metadata: {name: api}',
        '  spec:',
        '    type: LoadBalancer',
        '    ports:',
        '    - {port: 8080, nodePort: 8080, protocol: TCP}',
      ),
      errors: [
        {
          message: MESSAGE(8080, 'api'),
          line: 10,
          column: 30,
          endLine: 10,
          endColumn: 34,
          text: '8080',
          fixes: ['Remove nodePort (let Kubernetes pick one)', 'Ignore nodeport-range here'],
        },
      ],
      output: yaml(
        'apiVersion: v1',
        'kind: List',
        'items:',
        '- apiVersion: v1',
        '  kind: Service',
        '  metadata: {name: api}',
        '  spec:',
        '    type: LoadBalancer',
        '    ports:',
        '    - {port: 8080, protocol: TCP}',
      ),
    },
    {
      name: 'a port shared through an anchor is reported once, where it is written',
      path: 'svc.yaml',
      code: yaml(
        'apiVersion: v1',
        'kind: Service',
        'metadata:',
        '  name: edge',
        'spec:',
        '  type: NodePort',
        '  ports:',
        '  - &http {name: http, port: 80, nodePort: 8080}',
        '  - *http',
        '---',
        'apiVersion: v1',
        'kind: Service',
        'metadata:',
        '  name: edge-copy',
        'spec:',
        '  type: NodePort',
        '  ports:',
        '  - *http',
      ),
      errors: [
        {
          message: MESSAGE(8080, 'edge'),
          line: 8,
          column: 44,
          endLine: 8,
          endColumn: 48,
          text: '8080',
          // No ignore comment can cover a node written after an anchor on a sequence item's line.
          fixes: ['Remove nodePort (let Kubernetes pick one)'],
        },
      ],
      output: yaml(
        'apiVersion: v1',
        'kind: Service',
        'metadata:',
        '  name: edge',
        'spec:',
        '  type: NodePort',
        '  ports:',
        '  - &http {name: http, port: 80}',
        '  - *http',
        '---',
        'apiVersion: v1',
        'kind: Service',
        'metadata:',
        '  name: edge-copy',
        'spec:',
        '  type: NodePort',
        '  ports:',
        '  - *http',
      ),
    },
  ],
});
