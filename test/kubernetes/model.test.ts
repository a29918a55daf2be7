import assert from 'node:assert/strict';
import { test } from 'node:test';
import { allContainers, parseKubernetes } from '../../server/src/kubernetes/model';
import { yamlStyle } from '../../server/src/kubernetes/edit';

const slice = (text: string, span: { start: number; end: number }): string => text.slice(span.start, span.end);

test('manifests, pod specs and containers of every workload kind, with exact spans', () => {
  const text = [
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  labels: {app: web}\nspec:\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      initContainers:\n        - name: init\n          image: busybox:1.36\n      containers:\n        - name: "web"\n          image: \'nginx:1.27\'\n          ports:\n            - name: http\n              containerPort: 80\n          env:\n            - name: A\n              value: "1"\n            - name: B\n              valueFrom:\n                fieldRef: {fieldPath: metadata.name}\n',
    'apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: c\nspec:\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers:\n            - name: job\n              image: app:1\n',
    'apiVersion: v1\nkind: PodTemplate\nmetadata:\n  name: t\ntemplate:\n  spec:\n    containers:\n      - name: tpl\n        image: app:2\n    ephemeralContainers:\n      - name: dbg\n        image: busybox:1.36\n',
  ].join('---\n');
  const file = parseKubernetes(text, 'all.yaml');
  assert.deepEqual(file.errors, []);
  assert.deepEqual(file.manifests.map((m) => `${m.apiVersion.value} ${m.kind.value} ${m.name?.value}`), ['apps/v1 Deployment web', 'batch/v1 CronJob c', 'v1 PodTemplate t']);
  const deployment = file.manifests[0];
  assert.equal(deployment.group, 'apps');
  assert.deepEqual(deployment.podSpec?.path, ['spec', 'template', 'spec']);
  assert.equal(deployment.labels.get('app')?.value, 'web');
  assert.equal(deployment.podSpec?.metadata && slice(text, { start: deployment.podSpec.metadata.range![0], end: deployment.podSpec.metadata.range![1] }).startsWith('labels:'), true);
  const containers = allContainers(file);
  assert.deepEqual(containers.map((c) => [c.kind, c.name?.value, c.image?.value]), [
    ['initContainer', 'init', 'busybox:1.36'],
    ['container', 'web', 'nginx:1.27'],
    ['container', 'job', 'app:1'],
    ['container', 'tpl', 'app:2'],
    ['ephemeralContainer', 'dbg', 'busybox:1.36'],
  ]);
  const web = containers[1];
  assert.equal(slice(text, web.name!.range), '"web"');
  assert.equal(slice(text, web.name!.content!), 'web');
  assert.equal(slice(text, web.image!.range), "'nginx:1.27'");
  assert.equal(slice(text, web.image!.content!), 'nginx:1.27');
  assert.deepEqual(web.ports.map((p) => [p.name?.value, p.containerPort]), [['http', 80]]);
  assert.deepEqual(web.env.map((e) => [e.name?.value, e.value?.value ?? null, e.valueFrom !== null]), [['A', '1', false], ['B', null, true]]);
});

test('List items are manifests; alias cycles do not hang', () => {
  const text = 'apiVersion: v1\nkind: List\nitems: &items\n  - apiVersion: v1\n    kind: Pod\n    metadata: {name: a}\n    spec:\n      containers: [{name: a, image: "x:1"}]\n  - *items\n';
  const file = parseKubernetes(text);
  assert.deepEqual(file.manifests.map((m) => [m.kind.value, m.list?.kind.value ?? null]), [['List', null], ['Pod', 'List']]);
  assert.equal(allContainers(file).length, 1);
});

test('YAML that is not Kubernetes has no manifests and no errors', () => {
  for (const text of ['on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n', 'services:\n  web:\n    image: nginx\n', 'replicaCount: 1\nimage:\n  tag: latest\n', 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [a.yaml]\n', 'apiVersion: v2\nname: chart\n', '']) {
    const file = parseKubernetes(text);
    assert.deepEqual([file.manifests.length, file.errors.length, file.skipped], [0, 0, null], text);
  }
});

test('a broken document is reported and the others are still read', () => {
  const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: Pod\nmetadata: [\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n';
  const file = parseKubernetes(text);
  assert.deepEqual(file.manifests.map((m) => m.name?.value), ['a', 'c']);
  assert.ok(file.errors.length > 0);
  for (const e of file.errors) {
    assert.ok(e.start >= text.indexOf('kind: Pod') && e.start <= text.lastIndexOf('---'), `error at ${e.start} is inside the broken document`);
    assert.match(e.message, /^YAML syntax error: /);
  }
});

test('broken YAML that is not Kubernetes gets no syntax error', () => {
  assert.deepEqual(parseKubernetes('jobs: [\n  build\n').errors, []);
});

test('templates are skipped: Helm chart templates always, other files when templating breaks the YAML', () => {
  const helm = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ include "x.fullname" . }}\n';
  assert.match(parseKubernetes(helm, 'charts/x/templates/deployment.yaml').skipped ?? '', /Helm/);
  assert.match(parseKubernetes(helm, 'deploy.yaml').skipped ?? '', /template/);
  const quoted = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: "{{ .Release.Name }}"\n';
  assert.equal(parseKubernetes(quoted, 'cm.yaml').skipped, null);
});

test('reads the indentation step and sequence style of a file', () => {
  assert.deepEqual(yamlStyle(parseKubernetes('a:\n  b: 1\n  c:\n    - x\n')), { unit: 2, indentedSequences: true, eol: '\n' });
  assert.deepEqual(yamlStyle(parseKubernetes('a:\r\n    b: 1\r\n    c:\r\n    - x\r\n')), { unit: 4, indentedSequences: false, eol: '\r\n' });
});

test("a \\' escape in a double-quoted scalar is read as kubectl reads it (a quote), not as a syntax error", () => {
  const text = String.raw`apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
    - name: c
      image: "busybox:1.36"
      command: ["sh", "-c", "echo \'a\' \\'b\\' \x41", "one \'
        two"]
      env: [{name: A, value: "plain"}]
`;
  const file = parseKubernetes(text, 'pod.yaml');
  assert.deepEqual(file.errors, []);
  assert.equal(file.manifests.length, 1);
  const command = (file.documents[0].doc.toJS() as { spec: { containers: { command: string[] }[] } }).spec.containers[0].command;
  assert.deepEqual(command, ['sh', '-c', "echo 'a' \\'b\\' A", "one ' two"]);
  // Other unknown escapes stay errors: kubectl rejects them too.
  const broken = parseKubernetes(text.replace('plain', String.raw`pl\qain`), 'pod.yaml');
  assert.equal(broken.errors.length, 1);
  assert.match(broken.errors[0].message, /Invalid escape sequence \\q/);
});

test('flow collections and quoted strings whose lines sit left of their key are read as kubectl reads them, with exact spans', () => {
  // kubectl (go-yaml) does not check indentation inside [ … ], { … } and quotes; the YAML 1.2 spec does.
  const text = [
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: web\n    image: "nginx:1.27"\n',
    '    command: ["sh",\n    "-c", "run"]\n',
    '    args: [\n  "--x",\n    ]\n',
    '    env: [{name: MODE,\nvalue: "fast"}, {name: GREETING, value: "it\\\'s\nnice"}, {name: NOTE, value: \'a\nb\'}]\n',
    '    ports:\n    - containerPort: 80\n',
  ].join('');
  const file = parseKubernetes(text, 'pod.yaml');
  assert.deepEqual(file.errors, []);
  const [web] = allContainers(file);
  assert.equal(web.image?.value, 'nginx:1.27');
  assert.equal(slice(text, web.image!.range), '"nginx:1.27"');
  assert.equal(slice(text, web.env[0].value!.range), '"fast"');
  // Quoted strings whose next line sits left of the key, as kubectl reads them too.
  assert.deepEqual(web.env.map((e) => e.value?.value), ['fast', "it's nice", 'a b']);
  assert.deepEqual(web.ports.map((p) => slice(text, p.containerPortValue!.range)), ['80']);
  assert.deepEqual(file.documents[0].doc.toJS().spec.containers[0].args, ['--x']);
  assert.deepEqual(file.documents[0].doc.toJS().spec.containers[0].command, ['sh', '-c', 'run']);
  assert.equal(file.documents[0].range.end, text.length);
});

test('a flow collection that is never closed is still a syntax error, reported where the reader first stopped', () => {
  const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: web\n    image: nginx:1.27\n    args: ["--x",\n    ports:\n    - containerPort: 80\n';
  const file = parseKubernetes(text, 'pod.yaml');
  assert.equal(file.errors.length, 1);
  assert.match(file.errors[0].message, /^YAML syntax error: Flow sequence in block collection must be sufficiently indented/);
  assert.equal(text.slice(0, file.errors[0].start).split('\n').length, 10);
});

test('an unclosed flow collection at the top of a long file is reported once (the re-reading gives up)', () => {
  const item = '  - name: web\n    image: nginx:1.27\n    args: [--a,\n    --b]\n';
  const text = 'apiVersion: v1\nkind: List\nmetadata: {name: [x,\nitems:\n' + item.repeat(2000);
  const file = parseKubernetes(text, 'list.yaml');
  assert.equal(file.errors.length, 1);
  assert.equal(text.slice(0, file.errors[0].start).split('\n').length, 4);
});

test('merge keys (<<) are applied as kubectl applies them: own keys first, a later << over an earlier one, the first map of a << list first', () => {
  const text = [
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n',
    '        - &base\n          name: base\n          image: example/base:1.0\n          imagePullPolicy: Always\n',
    '        - &extra\n          name: extra\n          image: example/extra:2.0\n          stdin: true\n',
    '        - <<: *base\n          <<: *extra\n          name: twice\n',
    '        - <<: [*extra, *base]\n          name: listed\n',
    '        - "<<": *base\n          name: quoted\n',
  ].join('');
  const file = parseKubernetes(text, 'deploy.yaml');
  assert.deepEqual(file.errors, []);
  const containers = allContainers(file);
  assert.deepEqual(containers.map((c) => [c.name?.value, c.image?.value]), [
    ['base', 'example/base:1.0'],
    ['extra', 'example/extra:2.0'],
    ['twice', 'example/extra:2.0'],
    ['listed', 'example/extra:2.0'],
    ['quoted', undefined],
  ]);
  // A merged value keeps the span where it is written: the anchored map.
  assert.equal(slice(text, containers[2].image!.range), 'example/extra:2.0');
  assert.equal(containers[2].image!.range.start, containers[1].image!.range.start);
});

test('a quoted string left open until the end of the file is still a syntax error', () => {
  const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: web\n    image: "nginx:1.27\n';
  const file = parseKubernetes(text, 'pod.yaml');
  assert.equal(file.errors.length, 1);
  assert.match(file.errors[0].message, /^YAML syntax error: Missing closing "quote/);
});
