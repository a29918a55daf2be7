import { ingressBackendMissing } from '../../server/src/rules/ingress-backend-missing';
import { ruleTester } from '../helpers/rule-tester';

const SERVICE = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n    - name: http\n      port: 80\n';

/** A networking.k8s.io/v1 Ingress with one path to `backend` (YAML lines under `backend:`). */
const ingress = (backend: string): string =>
  `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\nspec:\n  rules:\n    - http:\n        paths:\n          - path: /\n            pathType: Prefix\n            backend:\n${backend}`;

const service = (name: string, port: string): string => `              service:\n                name: ${name}\n                port:\n                  ${port}\n`;

ruleTester(ingressBackendMissing, {
  valid: [
    {
      name: 'the Service and its port by number and by name',
      path: 'ingress.yaml',
      code: ingress(service('web', 'number: 80')) + '          - path: /b\n            pathType: Prefix\n            backend:\n' + service('web', 'name: http'),
      workspace: { 'svc.yaml': SERVICE },
    },
    {
      name: 'a kustomize Component routes to a Service of the base it is applied to',
      path: 'components/https/ingress.yaml',
      code: ingress(service('frontend', 'number: 80')),
      workspace: { 'components/https/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nresources:\n  - ingress.yaml\n', 'components/otel/svc.yaml': SERVICE },
    },
    {
      name: 'nothing known of the workspace',
      path: 'ingress.yaml',
      code: ingress(service('nowhere', 'number: 80')),
    },
    {
      name: 'the workspace defines no Service at all',
      path: 'ingress.yaml',
      code: ingress(service('web', 'number: 80')),
      workspace: {},
    },
    {
      name: 'a resource backend is no Service; an ExternalName Service without ports is not judged',
      path: 'ingress.yaml',
      code:
        ingress('              resource:\n                apiGroup: k8s.example.com\n                kind: StorageBucket\n                name: static\n') +
        '          - path: /ext\n            pathType: Prefix\n            backend:\n' + service('ext', 'number: 443'),
      workspace: { 'svc.yaml': `${SERVICE}---\napiVersion: v1\nkind: Service\nmetadata:\n  name: ext\nspec:\n  type: ExternalName\n  externalName: api.example.com\n` },
    },
    {
      name: 'v1beta1 serviceName and servicePort',
      path: 'ingress.yaml',
      code: 'apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata:\n  name: web\nspec:\n  backend:\n    serviceName: web\n    servicePort: http\n',
      workspace: { 'svc.yaml': SERVICE },
    },
  ],
  invalid: [
    {
      name: 'a port the Service lacks (warning), related to the Service in the other file',
      path: 'ingress.yaml',
      code: ingress(service('web', 'number: 8080')),
      workspace: { 'svc.yaml': SERVICE },
      errors: [
        {
          message: "Service web has no port 8080: the Ingress controller cannot route to it and answers with 503 errors. Name one of the Service's ports (its port number or name).",
          line: 15,
          column: 27,
          endLine: 15,
          endColumn: 31,
          text: '8080',
          fixes: ['Ignore ingress-backend-missing here'],
          related: [{ path: 'svc.yaml', line: 4, column: 9, text: 'web', message: 'Service web is defined here with the port 80 (http)' }],
        },
      ],
    },
    {
      name: 'a Service that is not defined (info), in the default backend; a port name the Service lacks in v1beta1',
      path: 'ingress.yaml',
      code:
        'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\nspec:\n  defaultBackend:\n    service:\n      name: fallback\n      port:\n        number: 80\n---\n' +
        'apiVersion: networking.k8s.io/v1beta1\nkind: Ingress\nmetadata:\n  name: old\nspec:\n  rules:\n    - http:\n        paths:\n          - backend:\n              serviceName: web\n              servicePort: https\n',
      workspace: { 'svc.yaml': SERVICE },
      errors: [
        {
          message: "Service fallback is not defined in the workspace: the Ingress controller answers this backend's requests with 503 errors until it exists. Check the name, or make sure the Service is created elsewhere.",
          line: 8,
          column: 13,
          endLine: 8,
          endColumn: 21,
          text: 'fallback',
          severity: 'info',
          fixes: ['Ignore ingress-backend-missing here'],
        },
        {
          message: "Service web has no port https: the Ingress controller cannot route to it and answers with 503 errors. Name one of the Service's ports (its port number or name).",
          line: 22,
          column: 28,
          endLine: 22,
          endColumn: 33,
          text: 'https',
          fixes: ['Ignore ingress-backend-missing here'],
          related: [{ path: 'svc.yaml', line: 4, column: 9, text: 'web', message: 'Service web is defined here with the port 80 (http)' }],
        },
      ],
    },
  ],
});
