import { missingConfigRef } from '../../server/src/rules/missing-config-ref';
import { ruleTester } from '../helpers/rule-tester';

/** A Pod `web` whose container has the given YAML lines (env, envFrom…) and pod-level `extra` lines. */
const pod = (container: string, extra = ''): string =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: web:1.0\n${container}${extra}`;

const CONFIG = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app-config\ndata:\n  LOG_LEVEL: info\n  PORT: "8080"\n';
const SECRET = 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ntype: Opaque\nstringData:\n  password: not-shown\n';

const keyRef = (kind: 'configMapKeyRef' | 'secretKeyRef', name: string, key: string, more = ''): string =>
  `      env:\n        - name: VALUE\n          valueFrom:\n            ${kind}:\n              name: ${name}\n              key: ${key}\n${more}`;

const OBJECT_MISSING = (kind: string, name: string, create: string): string =>
  `${kind} ${name} is not defined in the workspace: the container cannot start (CreateContainerConfigError). Check the name, or make sure it is created before the pod (${create}); mark the reference optional: true if the pod can run without it.`;

ruleTester(missingConfigRef, {
  valid: [
    {
      name: 'the key exists in a ConfigMap of another file',
      path: 'pod.yaml',
      code: pod(keyRef('configMapKeyRef', 'app-config', 'LOG_LEVEL')),
      workspace: { 'config.yaml': CONFIG },
    },
    {
      name: 'envFrom and a volume of a defined Secret, a projected ConfigMap item that exists',
      path: 'pod.yaml',
      code: pod(
        '      envFrom:\n        - secretRef:\n            name: db\n',
        '  volumes:\n    - name: s\n      secret:\n        secretName: db\n    - name: p\n      projected:\n        sources:\n          - configMap:\n              name: app-config\n              items:\n                - key: PORT\n                  path: port\n',
      ),
      workspace: { 'config.yaml': CONFIG, 'secret.yaml': SECRET },
    },
    {
      name: 'a kustomize Component reads a ConfigMap of the base it is applied to',
      path: 'components/cache/pod.yaml',
      code: pod('      envFrom:\n        - configMapRef:\n            name: cache-config\n'),
      workspace: { 'components/cache/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nresources:\n  - pod.yaml\n', 'config.yaml': CONFIG },
    },
    {
      name: 'nothing known of the workspace',
      path: 'pod.yaml',
      code: pod(keyRef('secretKeyRef', 'db', 'pasword')),
    },
    {
      name: 'the workspace defines no Secret at all: they are created another way',
      path: 'pod.yaml',
      code: pod(keyRef('secretKeyRef', 'db', 'password')),
      workspace: { 'config.yaml': CONFIG },
    },
    {
      name: 'optional references',
      path: 'pod.yaml',
      code: pod(
        keyRef('configMapKeyRef', 'other', 'x', '              optional: true\n') + '      envFrom:\n        - configMapRef:\n            name: other\n            optional: true\n',
        '  volumes:\n    - name: c\n      configMap:\n        name: app-config\n        optional: true\n        items:\n          - key: MISSING\n            path: m\n',
      ),
      workspace: { 'config.yaml': CONFIG },
    },
    {
      name: 'a kustomize generator defines it: literals and files give the keys',
      path: 'pod.yaml',
      code: pod(keyRef('configMapKeyRef', 'flags', 'flags.json') + '        - name: MODE\n          valueFrom:\n            configMapKeyRef:\n              name: flags\n              key: MODE\n        - name: T\n          valueFrom:\n            secretKeyRef:\n              name: tls\n              key: tls.crt\n'),
      workspace: {
        'kustomization.yaml':
          'resources:\n  - pod.yaml\nconfigMapGenerator:\n  - name: flags\n    literals:\n      - MODE=fast\n    files:\n      - config/flags.json\nsecretGenerator:\n  - name: tls\n    files:\n      - tls.crt=certs/server.crt\n',
      },
    },
    {
      name: 'unknown keys: a generator reading env files, a Secret without data',
      path: 'pod.yaml',
      code: pod(keyRef('configMapKeyRef', 'env', 'ANY') + '        - name: TOKEN\n          valueFrom:\n            secretKeyRef:\n              name: token\n              key: token\n'),
      workspace: {
        'kustomization.yaml': 'configMapGenerator:\n  - name: env\n    envs:\n      - app.env\n',
        'token.yaml': 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: token\n  annotations:\n    kubernetes.io/service-account.name: ci\ntype: kubernetes.io/service-account-token\n',
      },
    },
    {
      name: 'Secrets made by controllers: a SealedSecret (its encrypted keys) and an ExternalSecret (its target name)',
      path: 'pod.yaml',
      code: pod(keyRef('secretKeyRef', 'sealed', 'token') + '        - name: API\n          valueFrom:\n            secretKeyRef:\n              name: from-vault\n              key: anything\n'),
      workspace: {
        'secret.yaml': SECRET,
        'sealed.yaml': 'apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata:\n  name: sealed\nspec:\n  encryptedData:\n    token: AgBy3i4OJSWK\n',
        'external.yaml': 'apiVersion: external-secrets.io/v1beta1\nkind: ExternalSecret\nmetadata:\n  name: api\nspec:\n  target:\n    name: from-vault\n',
      },
    },
    {
      name: 'an object in another namespace does not count, one without a namespace does',
      path: 'pod.yaml',
      code: pod(keyRef('configMapKeyRef', 'app-config', 'PORT')),
      workspace: { 'config.yaml': CONFIG, 'other.yaml': CONFIG.replace('  name: app-config\n', '  name: app-config\n  namespace: tools\n').replace('  PORT: "8080"\n', '') },
    },
  ],
  invalid: [
    {
      name: 'a key the Secret lacks (warning), related to the Secret in the other file; no value is shown',
      path: 'pod.yaml',
      code: pod(keyRef('secretKeyRef', 'db', 'pasword')),
      workspace: { 'secret.yaml': SECRET },
      errors: [
        {
          message: 'Secret db has no key pasword: the container cannot start (CreateContainerConfigError). Add the key to the Secret, or read one it has.',
          line: 14,
          column: 20,
          endLine: 14,
          endColumn: 27,
          text: 'pasword',
          fixes: ['Ignore missing-config-ref here'],
          related: [{ path: 'secret.yaml', line: 4, column: 9, text: 'db', message: 'Secret db is defined here with the key password' }],
        },
      ],
    },
    {
      name: 'a ConfigMap that is not defined (info) while others are, and a volume item key that is missing, in the same file',
      path: 'pod.yaml',
      code:
        pod(
          '      envFrom:\n        - configMapRef:\n            name: app-confg\n',
          '  volumes:\n    - name: c\n      configMap:\n        name: app-config\n        items:\n          - key: settings.ini\n            path: settings.ini\n',
        ) + `---\n${CONFIG}`,
      workspace: {},
      errors: [
        {
          message: OBJECT_MISSING('ConfigMap', 'app-confg', 'kubectl create configmap, a configMapGenerator'),
          line: 11,
          column: 19,
          endLine: 11,
          endColumn: 28,
          text: 'app-confg',
          severity: 'info',
          fixes: ['Ignore missing-config-ref here'],
        },
        {
          message: 'ConfigMap app-config has no key settings.ini: the volume cannot be mounted and the pod stays in ContainerCreating. Add the key to the ConfigMap, or read one it has.',
          line: 17,
          column: 18,
          endLine: 17,
          endColumn: 30,
          text: 'settings.ini',
          fixes: ['Ignore missing-config-ref here'],
          related: [{ line: 23, column: 9, text: 'app-config', message: 'ConfigMap app-config is defined here with the keys LOG_LEVEL, PORT' }],
        },
      ],
    },
    {
      name: 'a missing ConfigMap whose volume reads two items is reported once',
      path: 'pod.yaml',
      code: pod(
        '',
        '  volumes:\n    - name: c\n      configMap:\n        name: game-demo\n        items:\n          - key: game.properties\n            path: game.properties\n          - key: ui.properties\n            path: ui.properties\n',
      ),
      workspace: { 'config.yaml': CONFIG },
      errors: [
        {
          message: OBJECT_MISSING('ConfigMap', 'game-demo', 'kubectl create configmap, a configMapGenerator').replace(
            'the container cannot start (CreateContainerConfigError)',
            'the volume cannot be mounted and the pod stays in ContainerCreating',
          ),
          line: 12,
          column: 15,
          endLine: 12,
          endColumn: 24,
          text: 'game-demo',
          severity: 'info',
          fixes: ['Ignore missing-config-ref here'],
        },
      ],
    },
    {
      name: 'a generated ConfigMap without the key; a Deployment in a namespace',
      path: 'deploy.yaml',
      code: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n        - name: web\n          image: web:1.0\n          env:\n            - name: MODE\n              valueFrom:\n                configMapKeyRef:\n                  name: flags\n                  key: mode\n',
      workspace: { 'kustomization.yaml': 'namespace: shop\nconfigMapGenerator:\n  - name: flags\n    literals:\n      - MODE=fast\n' },
      errors: [
        {
          message: 'ConfigMap flags has no key mode: the container cannot start (CreateContainerConfigError). Add the key to the ConfigMap, or read one it has.',
          line: 23,
          column: 24,
          endLine: 23,
          endColumn: 28,
          text: 'mode',
          fixes: ['Ignore missing-config-ref here'],
          related: [{ path: 'kustomization.yaml', line: 3, column: 11, text: 'flags', message: 'ConfigMap flags is defined here with the key MODE' }],
        },
      ],
    },
  ],
});
