import { loadbalancerCost } from '../../server/src/rules/loadbalancer-cost';
import { ruleTester } from '../helpers/rule-tester';

const MESSAGE = (name: string): string =>
  `Service ${name} is of type LoadBalancer: each such Service provisions its own cloud load balancer, billed separately. For HTTP(S), use a ClusterIP Service behind one shared Ingress.`;

ruleTester(loadbalancerCost, {
  valid: [
    {
      name: 'ClusterIP Service',
      path: 'svc.yaml',
      code: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  type: ClusterIP\n  ports:\n    - port: 80\n',
    },
    {
      name: 'Service without a type',
      path: 'svc.yaml',
      code: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n    - port: 80\n',
    },
    {
      name: 'acknowledged with the annotation',
      path: 'svc.yaml',
      code: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  annotations:\n    kubeready.dev/ignore: "loadbalancer-cost"\nspec:\n  type: LoadBalancer\n  ports:\n    - port: 80\n',
    },
    {
      name: 'ignored with a comment above the key',
      path: 'svc.yaml',
      code: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  # kubeready-ignore loadbalancer-cost -- TCP game server, needs its own IP\n  type: LoadBalancer\n  ports:\n    - port: 7777\n',
    },
    {
      name: 'a custom resource that happens to have spec.type LoadBalancer',
      path: 'crd.yaml',
      code: 'apiVersion: example.com/v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  type: LoadBalancer\n',
    },
    {
      name: 'not Kubernetes',
      path: 'values.yaml',
      code: 'service:\n  type: LoadBalancer\n',
    },
    {
      name: 'the shared entry point itself: an ingress controller or gateway, told by name, label or selector',
      path: 'edge.yaml',
      code:
        'apiVersion: v1\nkind: Service\nmetadata:\n  name: edge-ingress-controller\nspec:\n  type: LoadBalancer\n  ports:\n    - port: 443\n' +
        '---\napiVersion: v1\nkind: Service\nmetadata:\n  name: edge\n  labels:\n    app.kubernetes.io/name: traefik\nspec:\n  type: LoadBalancer\n  ports:\n    - port: 80\n' +
        '---\napiVersion: v1\nkind: Service\nmetadata:\n  name: public\nspec:\n  type: LoadBalancer\n  selector:\n    istio: ingressgateway\n  ports:\n    - port: 80\n',
    },
  ],
  invalid: [
    {
      name: 'an app Service next to an ingress controller is still reported; the controller is no related location',
      path: 'svcs.yaml',
      code: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: shop-ingress\nspec:\n  type: LoadBalancer\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: shop\nspec:\n  type: LoadBalancer\n  selector:\n    app: shop\n',
      errors: [
        {
          message: MESSAGE('shop'),
          line: 13,
          column: 9,
          endLine: 13,
          endColumn: 21,
          text: 'LoadBalancer',
          fixes: ['Keep the LoadBalancer (acknowledge the cost)', 'Ignore loadbalancer-cost here'],
        },
      ],
      fixed: {
        'Keep the LoadBalancer (acknowledge the cost)':
          'apiVersion: v1\nkind: Service\nmetadata:\n  name: shop-ingress\nspec:\n  type: LoadBalancer\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: shop\n  annotations:\n    kubeready.dev/ignore: loadbalancer-cost\nspec:\n  type: LoadBalancer\n  selector:\n    app: shop\n',
        'Ignore loadbalancer-cost here':
          'apiVersion: v1\nkind: Service\nmetadata:\n  name: shop-ingress\nspec:\n  type: LoadBalancer\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: shop\nspec:\n  # kubeready-ignore loadbalancer-cost\n  type: LoadBalancer\n  selector:\n    app: shop\n',
      },
    },
    {
      name: 'one LoadBalancer Service: switch to an Ingress',
      path: 'svc.yaml',
      code: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  type: LoadBalancer\n  selector:\n    app: web\n  ports:\n    - port: 80\n      targetPort: 8080\n',
      errors: [
        {
          message: MESSAGE('web'),
          line: 6,
          column: 9,
          endLine: 6,
          endColumn: 21,
          text: 'LoadBalancer',
          fixes: ['Switch to ClusterIP and add an Ingress for port 80', 'Keep the LoadBalancer (acknowledge the cost)', 'Ignore loadbalancer-cost here'],
        },
      ],
      output:
        'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  type: ClusterIP\n  selector:\n    app: web\n  ports:\n    - port: 80\n      targetPort: 8080\n' +
        '---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\nspec:\n  rules:\n    - http:\n        paths:\n          - path: /\n            pathType: Prefix\n            backend:\n              service:\n                name: web\n                port:\n                  number: 80\n',
    },
    {
      name: 'flush sequences, 4-space indentation, CRLF, LoadBalancer-only fields and nodePort removed',
      path: 'svc.yaml',
      code:
        'apiVersion: v1\r\nkind: Service\r\nmetadata:\r\n    name: api\r\n    namespace: shop\r\nspec:\r\n    type: LoadBalancer\r\n    externalTrafficPolicy: Local\r\n    ports:\r\n    - name: http\r\n      nodePort: 30080\r\n      port: 8080\r\n    loadBalancerSourceRanges:\r\n    - 10.0.0.0/8\r\n',
      errors: [
        {
          message: MESSAGE('api'),
          line: 7,
          column: 11,
          endLine: 7,
          endColumn: 23,
          text: 'LoadBalancer',
          fixes: ['Switch to ClusterIP and add an Ingress for port 8080', 'Keep the LoadBalancer (acknowledge the cost)', 'Ignore loadbalancer-cost here'],
        },
      ],
      output:
        'apiVersion: v1\r\nkind: Service\r\nmetadata:\r\n    name: api\r\n    namespace: shop\r\nspec:\r\n    type: ClusterIP\r\n    ports:\r\n    - name: http\r\n      port: 8080\r\n' +
        '---\r\napiVersion: networking.k8s.io/v1\r\nkind: Ingress\r\nmetadata:\r\n    name: api\r\n    namespace: shop\r\nspec:\r\n    rules:\r\n    - http:\r\n          paths:\r\n          - path: /\r\n            pathType: Prefix\r\n            backend:\r\n                service:\r\n                    name: api\r\n                    port:\r\n                        number: 8080\r\n',
    },
    {
      name: 'two LoadBalancers in one file point at each other; a Service without ports gets no Ingress fix',
      path: 'svcs.yaml',
      code: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: a\nspec:\n  type: LoadBalancer\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: b\n  annotations:\n    team: x\nspec:\n  type: LoadBalancer\n',
      errors: [
        {
          message: MESSAGE('a'),
          line: 6,
          column: 9,
          endLine: 6,
          endColumn: 21,
          text: 'LoadBalancer',
          fixes: ['Keep the LoadBalancer (acknowledge the cost)', 'Ignore loadbalancer-cost here'],
          related: [{ line: 15, column: 9, text: 'LoadBalancer', message: 'Another LoadBalancer Service: b' }],
        },
        {
          message: MESSAGE('b'),
          line: 15,
          column: 9,
          endLine: 15,
          endColumn: 21,
          text: 'LoadBalancer',
          fixes: ['Keep the LoadBalancer (acknowledge the cost)', 'Ignore loadbalancer-cost here'],
          related: [{ line: 6, column: 9, text: 'LoadBalancer', message: 'Another LoadBalancer Service: a' }],
        },
      ],
      fixed: {
        'Keep the LoadBalancer (acknowledge the cost)':
          'apiVersion: v1\nkind: Service\nmetadata:\n  name: a\n  annotations:\n    kubeready.dev/ignore: loadbalancer-cost\nspec:\n  type: LoadBalancer\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: b\n  annotations:\n    team: x\nspec:\n  type: LoadBalancer\n',
        'Ignore loadbalancer-cost here':
          'apiVersion: v1\nkind: Service\nmetadata:\n  name: a\nspec:\n  # kubeready-ignore loadbalancer-cost\n  type: LoadBalancer\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: b\n  annotations:\n    team: x\nspec:\n  type: LoadBalancer\n',
      },
    },
  ],
});
