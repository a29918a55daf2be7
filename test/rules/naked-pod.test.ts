import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fixText } from '../../server/src/engine';
import { missingResources } from '../../server/src/rules/missing-resources';
import { nakedPod } from '../../server/src/rules/naked-pod';
import { ruleTester } from '../helpers/rule-tester';

const LONG_RUNNING = (name: string): string =>
  `Pod ${name} has no controller: if its node fails or it is evicted, nothing starts it again. Run it from a Deployment, which replaces lost pods.`;
const ONE_OFF = (name: string): string =>
  `Pod ${name} has no controller: if its node fails or it is evicted before it finishes, nothing starts it again. Run one-off work as a Job, which starts a new pod when one is lost.`;

/** Lines joined with `\n`, with a final line break. */
const yaml = (...lines: string[]): string => lines.join('\n') + '\n';

const POD = yaml(
  'apiVersion: v1',
  'kind: Pod',
  'metadata:',
  '  name: web',
  '  labels:',
  '    app: web',
  '    version: "2"',
  '  annotations:',
  '    prometheus.io/scrape: "true"',
  '    kubeready.dev/ignore: latest-tag',
  'spec:',
  '  # The web server and its config, inline.',
  '  containers:',
  '  - name: web',
  '    image: nginx:1.27',
  '    args:',
  '    - |',
  '      server {',
  '',
  '        listen 80;',
  '      }',
  '  restartPolicy: Always',
);

ruleTester(nakedPod, {
  valid: [
    {
      name: 'a Deployment',
      path: 'deploy.yaml',
      code: yaml('apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: web', 'spec:', '  selector:', '    matchLabels: {app: web}', '  template:', '    metadata:', '      labels: {app: web}', '    spec:', '      containers: [{name: web, image: "nginx:1.27"}]'),
    },
    {
      name: 'a Pod read back from a cluster names its owner',
      path: 'pod.yaml',
      code: yaml('apiVersion: v1', 'kind: Pod', 'metadata:', '  name: web-7d4b9c-x2x8q', '  ownerReferences:', '  - apiVersion: apps/v1', '    kind: ReplicaSet', '    name: web-7d4b9c', '    uid: 3f1e', 'spec:', '  containers:', '  - name: web', '    image: nginx:1.27'),
    },
    {
      name: 'a Helm test Pod',
      path: 'test-connection.yaml',
      code: yaml('apiVersion: v1', 'kind: Pod', 'metadata:', '  name: web-test-connection', '  annotations:', '    "helm.sh/hook": test', 'spec:', '  restartPolicy: Never', '  containers:', '  - name: wget', '    image: busybox:1.36', '    command: [wget, "web:80"]'),
    },
    {
      name: 'a static Pod: the kubelet runs a control-plane component from a file on its node, in kube-system on the host network',
      path: 'kube-proxy-sidecar.yaml',
      code: yaml('apiVersion: v1', 'kind: Pod', 'metadata:', '  name: node-proxy', '  namespace: kube-system', 'spec:', '  hostNetwork: true', '  containers:', '  - name: proxy', '    image: registry.example.com/proxy:1.0'),
    },
    {
      name: 'a PodTemplate is not a Pod',
      path: 'template.yaml',
      code: yaml('apiVersion: v1', 'kind: PodTemplate', 'metadata:', '  name: web', 'template:', '  spec:', '    containers:', '    - name: web', '      image: nginx:1.27'),
    },
    {
      name: 'a custom resource of kind Pod',
      path: 'crd.yaml',
      code: yaml('apiVersion: example.com/v1', 'kind: Pod', 'metadata:', '  name: web', 'spec:', '  size: 3'),
    },
    {
      name: 'ignored by a comment above the kind',
      path: 'pod.yaml',
      code: yaml('apiVersion: v1', '# kubeready-ignore naked-pod -- debugging shell, deleted after use', 'kind: Pod', 'metadata:', '  name: shell', 'spec:', '  containers:', '  - name: shell', '    image: busybox:1.36'),
    },
    {
      name: 'ignored by the annotation',
      path: 'pod.yaml',
      code: yaml('apiVersion: v1', 'kind: Pod', 'metadata:', '  name: shell', '  annotations:', '    kubeready.dev/ignore: "naked-pod"', 'spec:', '  containers:', '  - name: shell', '    image: busybox:1.36'),
    },
    {
      name: 'a kustomize patch',
      path: 'patch.yaml',
      code: yaml('apiVersion: v1', 'kind: Pod', 'metadata:', '  name: web', 'spec:', '  containers:', '  - name: web', '    image: nginx:1.28'),
      options: { isPatch: true },
    },
  ],
  invalid: [
    {
      name: 'a kube-system Pod off the host network, or a host-network Pod elsewhere, is no static Pod',
      path: 'pods.yaml',
      code:
        yaml('apiVersion: v1', 'kind: Pod', 'metadata:', '  name: debug', '  namespace: kube-system', 'spec:', '  containers:', '  - {name: shell, image: "busybox:1.36"}') +
        yaml('---', 'apiVersion: v1', 'kind: Pod', 'metadata:', '  name: sniffer', 'spec:', '  hostNetwork: true', '  containers:', '  - {name: tcpdump, image: "tcpdump:4.99"}'),
      errors: [
        { message: LONG_RUNNING('debug'), line: 2, column: 7, endLine: 2, endColumn: 10, text: 'Pod', fixes: ['Wrap in a Deployment', 'Ignore naked-pod here'] },
        { message: LONG_RUNNING('sniffer'), line: 11, column: 7, endLine: 11, endColumn: 10, text: 'Pod', fixes: ['Wrap in a Deployment', 'Ignore naked-pod here'] },
      ],
      output:
        yaml('apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: debug', '  namespace: kube-system', 'spec:', '  replicas: 1', '  selector:', '    matchLabels:', '      app: debug', '  template:', '    metadata:', '      labels:', '        app: debug', '    spec:', '      containers:', '      - {name: shell, image: "busybox:1.36"}') +
        yaml('---', 'apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: sniffer', 'spec:', '  replicas: 1', '  selector:', '    matchLabels:', '      app: sniffer', '  template:', '    metadata:', '      labels:', '        app: sniffer', '    spec:', '      hostNetwork: true', '      containers:', '      - {name: tcpdump, image: "tcpdump:4.99"}'),
    },
    {
      name: 'wrapped in a Deployment: labels become the selector, annotations go to the template, comments and block scalars keep their text',
      path: 'pod.yaml',
      code: POD,
      errors: [
        { message: LONG_RUNNING('web'), line: 2, column: 7, endLine: 2, endColumn: 10, text: 'Pod', fixes: ['Wrap in a Deployment', 'Ignore naked-pod here'] },
      ],
      output: yaml(
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata:',
        '  name: web',
        '  labels:',
        '    app: web',
        '    version: "2"',
        '  annotations:',
        '    prometheus.io/scrape: "true"',
        '    kubeready.dev/ignore: latest-tag',
        'spec:',
        '  replicas: 1',
        '  selector:',
        '    matchLabels:',
        '      app: web',
        '      version: "2"',
        '  template:',
        '    metadata:',
        '      labels:',
        '        app: web',
        '        version: "2"',
        '      annotations:',
        '        prometheus.io/scrape: "true"',
        '    spec:',
        '      # The web server and its config, inline.',
        '      containers:',
        '      - name: web',
        '        image: nginx:1.27',
        '        args:',
        '        - |',
        '          server {',
        '',
        '            listen 80;',
        '          }',
        '      restartPolicy: Always',
      ),
      fixed: {
        'Ignore naked-pod here': POD.replace('kind: Pod', '# kubeready-ignore naked-pod\nkind: Pod'),
      },
    },
    {
      name: 'no labels: the template gets app: <name>; 4-space indentation, CRLF, a later document untouched',
      path: 'pods.yaml',
      code:
        'apiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n    name: worker\r\nspec:\r\n    containers:\r\n        - name: worker\r\n          image: busybox:1.36\r\n    nodeSelector:\r\n        disk: ssd\r\n' +
        '---\r\napiVersion: v1\r\nkind: ConfigMap\r\nmetadata:\r\n    name: settings\r\n',
      errors: [
        { message: LONG_RUNNING('worker'), line: 2, column: 7, endLine: 2, endColumn: 10, text: 'Pod', fixes: ['Wrap in a Deployment', 'Ignore naked-pod here'] },
      ],
      output:
        'apiVersion: apps/v1\r\nkind: Deployment\r\nmetadata:\r\n    name: worker\r\nspec:\r\n    replicas: 1\r\n    selector:\r\n        matchLabels:\r\n            app: worker\r\n    template:\r\n        metadata:\r\n            labels:\r\n                app: worker\r\n        spec:\r\n' +
        '            containers:\r\n                - name: worker\r\n                  image: busybox:1.36\r\n            nodeSelector:\r\n                disk: ssd\r\n' +
        '---\r\napiVersion: v1\r\nkind: ConfigMap\r\nmetadata:\r\n    name: settings\r\n',
    },
    {
      name: 'the last line of a file without a final line break',
      path: 'pod.yaml',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - {name: web, image: "nginx:1.27"}',
      errors: [
        { message: LONG_RUNNING('web'), line: 2, column: 7, endLine: 2, endColumn: 10, text: 'Pod', fixes: ['Wrap in a Deployment', 'Ignore naked-pod here'] },
      ],
      output: yaml(
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata:',
        '  name: web',
        'spec:',
        '  replicas: 1',
        '  selector:',
        '    matchLabels:',
        '      app: web',
        '  template:',
        '    metadata:',
        '      labels:',
        '        app: web',
        '    spec:',
        '      containers:',
        '      - {name: web, image: "nginx:1.27"}',
      ),
    },
    {
      name: 'a Pod that is not restarted becomes a Job',
      path: 'migrate.yaml',
      code: yaml('apiVersion: v1', 'kind: Pod', 'metadata:', '  name: migrate', 'spec:', '  restartPolicy: OnFailure', '  containers:', '    - name: migrate', '      image: example/app:1.4.0', '      args: ["migrate"]'),
      errors: [
        { message: ONE_OFF('migrate'), line: 2, column: 7, endLine: 2, endColumn: 10, text: 'Pod', fixes: ['Wrap in a Job', 'Ignore naked-pod here'] },
      ],
      output: yaml('apiVersion: batch/v1', 'kind: Job', 'metadata:', '  name: migrate', 'spec:', '  template:', '    spec:', '      restartPolicy: OnFailure', '      containers:', '        - name: migrate', '          image: example/app:1.4.0', '          args: ["migrate"]'),
    },
    {
      name: 'a Pod inside a List, with a status read back from the cluster after its spec',
      path: 'list.yaml',
      code: yaml('apiVersion: v1', 'kind: List', 'items:', '  - apiVersion: v1', '    kind: Pod', '    metadata:', '      name: api', '      labels: {app: api}', '    spec:', '      containers:', '        - name: api', '          image: example/api:2.0.1', '    status:', '      phase: Running'),
      errors: [
        { message: LONG_RUNNING('api'), line: 5, column: 11, endLine: 5, endColumn: 14, text: 'Pod', fixes: ['Wrap in a Deployment', 'Ignore naked-pod here'] },
      ],
      output: yaml(
        'apiVersion: v1',
        'kind: List',
        'items:',
        '  - apiVersion: apps/v1',
        '    kind: Deployment',
        '    metadata:',
        '      name: api',
        '      labels: {app: api}',
        '    spec:',
        '      replicas: 1',
        '      selector:',
        '        matchLabels:',
        '          app: api',
        '      template:',
        '        metadata:',
        '          labels:',
        '            app: api',
        '        spec:',
        '          containers:',
        '            - name: api',
        '              image: example/api:2.0.1',
        '    status:',
        '      phase: Running',
      ),
    },
    {
      name: 'no fix for a flow-style spec, a spec behind an anchor, a Pod without a name, or a restartPolicy no controller accepts',
      path: 'pods.yaml',
      code: yaml(
        'apiVersion: v1',
        'kind: Pod',
        'metadata: {name: a}',
        'spec: {containers: [{name: a, image: "busybox:1.36"}]}',
        '---',
        'apiVersion: v1',
        'kind: Pod',
        'metadata:',
        '  name: b',
        'spec: &shared',
        '  containers:',
        '  - name: b',
        '    image: busybox:1.36',
        '---',
        'apiVersion: v1',
        'kind: Pod',
        'metadata:',
        '  generateName: c-',
        'spec:',
        '  containers:',
        '  - name: c',
        '    image: busybox:1.36',
        '---',
        'apiVersion: v1',
        'kind: Pod',
        'metadata:',
        '  name: d',
        'spec:',
        '  restartPolicy: Sometimes',
        '  containers:',
        '  - name: d',
        '    image: busybox:1.36',
      ),
      errors: [
        { message: LONG_RUNNING('a'), line: 2, column: 7, endLine: 2, endColumn: 10, text: 'Pod', fixes: ['Ignore naked-pod here'] },
        { message: LONG_RUNNING('b'), line: 7, column: 7, endLine: 7, endColumn: 10, text: 'Pod', fixes: ['Ignore naked-pod here'] },
        { message: LONG_RUNNING('this Pod'), line: 16, column: 7, endLine: 16, endColumn: 10, text: 'Pod', fixes: ['Ignore naked-pod here'] },
        { message: LONG_RUNNING('d'), line: 25, column: 7, endLine: 25, endColumn: 10, text: 'Pod', fixes: ['Ignore naked-pod here'] },
      ],
    },
  ],
});

test('naked-pod: a fix that appends inside the spec waits for the next pass, so it lands at the new indentation', () => {
  for (const end of ['\n', '']) {
    const text = yaml('apiVersion: v1', 'kind: Pod', 'metadata:', '  name: web', 'spec:', '  containers:', '  - name: web', '    image: nginx:1.27').slice(0, end ? undefined : -1);
    const result = fixText({ text, path: 'pod.yaml' }, { rules: [nakedPod, missingResources] }, { unsafe: true });
    assert.equal(result.applied, 2);
    assert.equal(
      result.text,
      yaml(
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata:',
        '  name: web',
        'spec:',
        '  replicas: 1',
        '  selector:',
        '    matchLabels:',
        '      app: web',
        '  template:',
        '    metadata:',
        '      labels:',
        '        app: web',
        '    spec:',
        '      containers:',
        '      - name: web',
        '        image: nginx:1.27',
        '        resources:',
        '          requests:',
        '            cpu: "100m"',
        '            memory: "128Mi"',
        '          limits:',
        '            memory: "256Mi"',
      ),
    );
  }
});
