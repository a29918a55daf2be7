import * as path from 'node:path';
import { DEFAULT_CONFIG } from '../../server/src/config/config';
import type { Config } from '../../server/src/config/config';
import { schema } from '../../server/src/rules/schema';
import { compileSchemaText } from '../../server/src/schema/schemas';
import type { SchemaMapping } from '../../server/src/schema/user-schemas';
import { ruleTester } from '../helpers/rule-tester';

const IGNORE = 'Ignore schema here';

/** A Deployment whose container holds `container` (lines at 10 spaces of indentation) and whose spec holds `spec`. */
const deployment = (container: string, spec = ''): string =>
  'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n' +
  spec +
  '  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n' +
  container;

const WIDGET_SCHEMA = JSON.stringify({
  type: 'object',
  properties: {
    apiVersion: { type: 'string' },
    kind: { type: 'string' },
    metadata: { type: 'object' },
    spec: {
      type: 'object',
      required: ['size'],
      additionalProperties: false,
      properties: {
        size: { enum: ['small', 'large'] },
        replicas: { type: 'integer', minimum: 1 },
        port: { anyOf: [{ type: 'integer' }, { type: 'string' }] },
      },
    },
  },
});

/** A config whose `schemas` maps `example.com/v1` Widget, or the files under `crs/`, to `WIDGET_SCHEMA`. */
function widgetConfig(mapping: SchemaMapping): Config {
  const dir = process.cwd();
  const file = path.join(dir, 'schemas', 'widget.json');
  return { ...DEFAULT_CONFIG, schemas: [{ mapping, dir, file, compiled: compileSchemaText(WIDGET_SCHEMA, file) }] };
}

const BY_KIND = widgetConfig({ apiVersion: 'example.com/v1', kind: 'Widget', schema: 'schemas/widget.json' });
const BY_FILES = widgetConfig({ files: 'crs/**', schema: 'schemas/widget.json' });

ruleTester(schema, {
  valid: [
    {
      name: 'a complete Deployment',
      path: 'web.yaml',
      code: deployment(
        '          ports:\n            - containerPort: 8080\n          resources:\n            limits:\n              cpu: 1\n              memory: 256Mi\n          env:\n            - name: ENABLED\n              value: "yes"\n',
        '  replicas: 2\n',
      ),
    },
    {
      name: 'kubectl --dry-run output: creationTimestamp null, empty strategy, resources and status',
      path: 'web.yaml',
      code: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  creationTimestamp: null\n  name: web\nspec:\n  selector:\n    matchLabels:\n      app: web\n  strategy: {}\n  template:\n    metadata:\n      creationTimestamp: null\n      labels:\n        app: web\n    spec:\n      containers:\n      - image: nginx:1.27\n        name: nginx\n        resources: {}\nstatus: {}\n',
    },
    {
      name: 'targetPort as a number, a quoted number or a name',
      path: 'svc.yaml',
      code: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n    - name: a\n      port: 80\n      targetPort: 8080\n    - name: b\n      port: 81\n      targetPort: "8081"\n    - name: c\n      port: 82\n      targetPort: http\n',
    },
    {
      name: 'custom resources and removed API versions have no built-in schema',
      path: 'crs.yaml',
      code: 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n  anything: goes\n---\napiVersion: extensions/v1beta1\nkind: Ingress\nmetadata:\n  name: old\nspec:\n  backend:\n    serviceName: web\n    servicePort: 80\n',
    },
    {
      name: 'a kustomize patch: missing fields and $patch directives are fine there',
      path: 'patch.yaml',
      options: { isPatch: true },
      code: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n        - $patch: delete\n          name: old\n',
    },
    {
      name: 'empty values, anchors and merge keys',
      path: 'web.yaml',
      code:
        'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n  labels: &labels\n    app: web\nspec:\n  containers:\n    - &c\n      name: a\n      image: nginx:1.27\n      env:\n    - <<: *c\n      name: b\n  nodeSelector: *labels\n',
    },
    {
      name: 'a user schema for a custom resource, satisfied',
      path: 'widget.yaml',
      options: { config: BY_KIND },
      code: 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n  size: small\n  replicas: 2\n  port: http\n',
    },
    {
      name: 'a files mapping does not apply to other files',
      path: 'other/widget.yaml',
      options: { config: BY_FILES },
      code: 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n  colour: blue\n',
    },
  ],
  invalid: [
    {
      name: 'a misspelt field: renamed to the closest known one',
      path: 'web.yaml',
      code: deployment('          livenesProbe:\n            httpGet:\n              path: /health\n              port: 8080\n'),
      errors: [
        {
          message: 'Unknown field `livenesProbe` in a container; did you mean `livenessProbe`?',
          line: 17,
          column: 11,
          endLine: 17,
          endColumn: 23,
          text: 'livenesProbe',
          fixes: ['Rename to livenessProbe', IGNORE],
        },
      ],
      output: deployment('          livenessProbe:\n            httpGet:\n              path: /health\n              port: 8080\n'),
    },
    {
      name: 'an unknown field with no close name may come from a newer Kubernetes: a warning',
      path: 'web.yaml',
      code: deployment('          debug: true\n'),
      errors: [
        {
          severity: 'warning',
          message: 'Unknown field `debug` in a container: Kubernetes 1.30 has no such field. If a newer Kubernetes added it, your cluster needs that version; otherwise the API server rejects it.',
          line: 17,
          column: 11,
          endLine: 17,
          endColumn: 16,
          text: 'debug',
          fixes: [IGNORE],
        },
      ],
    },
    {
      name: 'a quoted integer: the quotes go',
      path: 'web.yaml',
      code: deployment('', '  replicas: "3"\n'),
      errors: [
        {
          message: '`replicas` must be an integer, not a string: remove the quotes.',
          line: 6,
          column: 13,
          endLine: 6,
          endColumn: 16,
          text: '"3"',
          fixes: ['Remove the quotes', IGNORE],
        },
      ],
      output: deployment('', '  replicas: 3\n'),
    },
    {
      name: 'a word where an integer belongs: no fix',
      path: 'web.yaml',
      code: deployment('', '  replicas: three\n'),
      errors: [
        {
          message: '`replicas` must be an integer, not a string.',
          line: 6,
          column: 13,
          endLine: 6,
          endColumn: 18,
          text: 'three',
          fixes: [IGNORE],
        },
      ],
    },
    {
      name: 'env values must be strings: a number is quoted (safe), a YAML 1.1 boolean too (unsafe)',
      path: 'web.yaml',
      code: deployment('          env:\n            - name: PORT\n              value: 8080\n            - name: DEBUG\n              value: yes\n'),
      errors: [
        {
          message: '`value` must be a string, not a number: quote it.',
          line: 19,
          column: 22,
          endLine: 19,
          endColumn: 26,
          text: '8080',
          fixes: ['Quote the value', IGNORE],
        },
        {
          message: '`value` must be a string, not a boolean: kubectl reads an unquoted yes as true. Quote it to keep the text.',
          line: 21,
          column: 22,
          endLine: 21,
          endColumn: 25,
          text: 'yes',
          fixes: ['Quote the value', IGNORE],
        },
      ],
      output: deployment('          env:\n            - name: PORT\n              value: "8080"\n            - name: DEBUG\n              value: "yes"\n'),
    },
    {
      name: 'the YAML 1.1 boolean is named as written: y, Off',
      path: 'web.yaml',
      code: deployment('          env:\n            - {name: CANARY, value: y}\n            - {name: TLS, value: Off}\n'),
      errors: [
        {
          message: '`value` must be a string, not a boolean: kubectl reads an unquoted y as true. Quote it to keep the text.',
          line: 18,
          column: 37,
          endLine: 18,
          endColumn: 38,
          text: 'y',
          fixes: ['Quote the value', IGNORE],
        },
        {
          message: '`value` must be a string, not a boolean: kubectl reads an unquoted Off as false. Quote it to keep the text.',
          line: 19,
          column: 34,
          endLine: 19,
          endColumn: 37,
          text: 'Off',
          fixes: ['Quote the value', IGNORE],
        },
      ],
      output: deployment('          env:\n            - {name: CANARY, value: "y"}\n            - {name: TLS, value: "Off"}\n'),
    },
    {
      name: 'label and annotation values must be strings',
      path: 'cm.yaml',
      code: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  labels:\n    version: 1.10\n  annotations:\n    prometheus.io/scrape: true\ndata:\n  PORT: "8080"\n',
      errors: [
        {
          message: '`version` in `labels` must be a string, not a number with a fraction: quote it.',
          line: 6,
          column: 14,
          endLine: 6,
          endColumn: 18,
          text: '1.10',
          fixes: ['Quote the value', IGNORE],
        },
        {
          message: '`prometheus.io/scrape` in `annotations` must be a string, not a boolean: quote it.',
          line: 8,
          column: 27,
          endLine: 8,
          endColumn: 31,
          text: 'true',
          fixes: ['Quote the value', IGNORE],
        },
      ],
      output: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  labels:\n    version: "1.10"\n  annotations:\n    prometheus.io/scrape: "true"\ndata:\n  PORT: "8080"\n',
    },
    {
      name: 'a missing required field: on the key of the object that needs it',
      path: 'web.yaml',
      code: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - image: nginx:1.27\n',
      errors: [
        {
          message: "A Deployment's `spec` needs `selector`.",
          line: 5,
          column: 1,
          endLine: 5,
          endColumn: 5,
          text: 'spec',
          fixes: [IGNORE],
        },
        {
          message: 'A container needs `name`.',
          line: 9,
          column: 11,
          endLine: 9,
          endColumn: 16,
          text: 'image',
          fixes: [IGNORE],
        },
      ],
    },
    {
      name: 'a required field left empty: on its own key',
      path: 'web.yaml',
      code: deployment('          env:\n            - name:\n              value: x\n'),
      errors: [
        {
          message: '`name` is empty, but an `env` entry needs it.',
          line: 18,
          column: 15,
          endLine: 18,
          endColumn: 19,
          text: 'name',
          fixes: [IGNORE],
        },
      ],
    },
    {
      name: 'a value outside an enumeration: the allowed values, and the closest as a fix',
      path: 'svc.yaml',
      code: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  type: Nodeport\n  ports:\n    - port: 80\n      protocol: HTTP\n',
      errors: [
        {
          message: '`type` must be one of ClusterIP, NodePort, LoadBalancer, ExternalName; did you mean NodePort?',
          line: 6,
          column: 9,
          endLine: 6,
          endColumn: 17,
          text: 'Nodeport',
          fixes: ['Change to NodePort', IGNORE],
        },
        {
          message: '`protocol` must be one of TCP, UDP, SCTP.',
          line: 9,
          column: 17,
          endLine: 9,
          endColumn: 21,
          text: 'HTTP',
          fixes: [IGNORE],
        },
      ],
      output: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  type: NodePort\n  ports:\n    - port: 80\n      protocol: HTTP\n',
    },
    {
      name: 'quantities: a byte unit with B, and a word',
      path: 'web.yaml',
      code: deployment('          resources:\n            limits:\n              memory: 1GiB\n              cpu: lots\n'),
      errors: [
        {
          message:
            '`memory` in `limits` must be a quantity such as 500m, 128Mi, 1Gi or 2, not `1GiB`; Kubernetes units have no B: write 1G (powers of 1000) or 1Gi (powers of 1024).',
          line: 19,
          column: 23,
          endLine: 19,
          endColumn: 27,
          text: '1GiB',
          fixes: ['Change to 1Gi', IGNORE],
        },
        {
          message: '`cpu` in `limits` must be a quantity such as 500m, 128Mi, 1Gi or 2, not `lots`.',
          line: 20,
          column: 20,
          endLine: 20,
          endColumn: 24,
          text: 'lots',
          fixes: [IGNORE],
        },
      ],
      output: deployment('          resources:\n            limits:\n              memory: 1Gi\n              cpu: lots\n'),
      fixed: { 'Change to 1Gi': deployment('          resources:\n            limits:\n              memory: 1Gi\n              cpu: lots\n') },
    },
    {
      name: 'MB is not a unit: 512M keeps the size as written, but that may not be what was meant (unsafe)',
      path: 'web.yaml',
      code: deployment('          resources:\n            requests:\n              memory: 512MB\n'),
      errors: [
        {
          message:
            '`memory` in `requests` must be a quantity such as 500m, 128Mi, 1Gi or 2, not `512MB`; Kubernetes units have no B: write 512M (powers of 1000) or 512Mi (powers of 1024).',
          line: 19,
          column: 23,
          endLine: 19,
          endColumn: 28,
          text: '512MB',
          fixes: ['Change to 512M', IGNORE],
        },
      ],
      output: deployment('          resources:\n            requests:\n              memory: 512M\n'),
    },
    {
      name: "a Secret's values never appear in messages",
      path: 'secret.yaml',
      code: 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\nstringData:\n  pin: 12345\n',
      errors: [
        {
          message: '`pin` in `stringData` must be a string, not a number: quote it.',
          line: 6,
          column: 8,
          endLine: 6,
          endColumn: 13,
          text: '12345',
          fixes: ['Quote the value', IGNORE],
        },
      ],
      output: 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\nstringData:\n  pin: "12345"\n',
    },
    {
      name: 'items of a List, flow style, and an empty list item',
      path: 'list.yaml',
      code: 'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: Service\n    metadata: {name: web}\n    spec: {ports: [{port: 80, protocl: TCP}]}\n  - apiVersion: v1\n    kind: Pod\n    metadata:\n      name: p\n    spec:\n      containers:\n        -\n',
      errors: [
        {
          message: 'Unknown field `protocl` in a service port; did you mean `protocol`?',
          line: 7,
          column: 31,
          endLine: 7,
          endColumn: 38,
          text: 'protocl',
          fixes: ['Rename to protocol', IGNORE],
        },
        {
          message: 'Item 1 of `containers` is empty; it must be a map.',
          line: 13,
          column: 7,
          endLine: 13,
          endColumn: 17,
          text: 'containers',
          fixes: [IGNORE],
        },
      ],
      output:
        'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: Service\n    metadata: {name: web}\n    spec: {ports: [{port: 80, protocol: TCP}]}\n  - apiVersion: v1\n    kind: Pod\n    metadata:\n      name: p\n    spec:\n      containers:\n        -\n',
    },
    {
      name: 'a mistake in an anchored node is reported once, where it is written',
      path: 'pod.yaml',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - &c\n      name: a\n      image: nginx:1.27\n      imagPullPolicy: Always\n    - <<: *c\n      name: b\n',
      errors: [
        {
          message: 'Unknown field `imagPullPolicy` in a container; did you mean `imagePullPolicy`?',
          line: 10,
          column: 7,
          endLine: 10,
          endColumn: 21,
          text: 'imagPullPolicy',
          fixes: ['Rename to imagePullPolicy', IGNORE],
        },
      ],
      output: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - &c\n      name: a\n      image: nginx:1.27\n      imagePullPolicy: Always\n    - <<: *c\n      name: b\n',
    },
    {
      name: 'in a kustomize patch, misspelt fields are still reported',
      path: 'patch.yaml',
      options: { isPatch: true },
      code: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replica: 3\n',
      errors: [
        {
          message: "Unknown field `replica` in a Deployment's `spec`; did you mean `replicas`?",
          line: 6,
          column: 3,
          endLine: 6,
          endColumn: 10,
          text: 'replica',
          fixes: ['Rename to replicas', IGNORE],
        },
      ],
      output: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n',
    },
    {
      name: 'a user schema by apiVersion and kind: unknown field, enum, minimum, union and missing field',
      path: 'widget.yaml',
      options: { config: BY_KIND },
      code: 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n  colour: blue\n  replica: 2\n  port: [80]\n---\napiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: v\nspec:\n  size: medium\n  replicas: 0\n',
      errors: [
        {
          message: 'A Widget\'s `spec` needs `size`.',
          line: 5,
          column: 1,
          endLine: 5,
          endColumn: 5,
          text: 'spec',
          fixes: [IGNORE],
        },
        {
          message: 'Unknown field `colour` in a Widget\'s `spec`: the schema widget.json does not allow it.',
          line: 6,
          column: 3,
          endLine: 6,
          endColumn: 9,
          text: 'colour',
          fixes: [IGNORE],
        },
        {
          message: "Unknown field `replica` in a Widget's `spec`; did you mean `replicas`?",
          line: 7,
          column: 3,
          endLine: 7,
          endColumn: 10,
          text: 'replica',
          fixes: ['Rename to replicas', IGNORE],
        },
        {
          message: '`port` must be an integer or a string, not a list.',
          line: 8,
          column: 3,
          endLine: 8,
          endColumn: 7,
          text: 'port',
          fixes: [IGNORE],
        },
        {
          message: '`size` must be one of small, large.',
          line: 15,
          column: 9,
          endLine: 15,
          endColumn: 15,
          text: 'medium',
          fixes: [IGNORE],
        },
        {
          message: '`replicas` must be at least 1, not `0`.',
          line: 16,
          column: 13,
          endLine: 16,
          endColumn: 14,
          text: '0',
          fixes: [IGNORE],
        },
      ],
      output:
        'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n  colour: blue\n  replicas: 2\n  port: [80]\n---\napiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: v\nspec:\n  size: medium\n  replicas: 0\n',
    },
    {
      name: 'a user schema by file glob',
      path: 'crs/widget.yaml',
      options: { config: BY_FILES },
      code: 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n  size: small\n  colour: blue\n',
      errors: [
        {
          message: 'Unknown field `colour` in a Widget\'s `spec`: the schema widget.json does not allow it.',
          line: 7,
          column: 3,
          endLine: 7,
          endColumn: 9,
          text: 'colour',
          fixes: [IGNORE],
        },
      ],
    },
  ],
});
