/**
 * The workspace index: what a file contributes (pod templates, Services, ConfigMaps and Secrets
 * with their offsets, kustomize generators), when its key changes, and the queries over it.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze, lint } from '../../server/src/engine';
import type { Analysis } from '../../server/src/engine';
import { ruleById } from '../../server/src/rules/index';
import { NO_WORKSPACE_FACTS } from '../../server/src/rules/rule';
import type { Rule } from '../../server/src/rules/rule';
import { selects } from '../../server/src/rules/cross-file';
import { contributionOf, NO_OBJECTS, workspaceFacts } from '../../server/src/workspace/index';
import type { FileContribution } from '../../server/src/workspace/index';
import type { PodTemplateFact } from '../../server/src/workspace/objects';

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: web:1.0
          ports:
            - name: http
              containerPort: 8080
            - containerPort: 53
              protocol: UDP
          env:
            - name: MODE
              value: fast
`;

const CONFIGS = `apiVersion: v1
kind: Secret
metadata:
  name: db
stringData:
  password: s3cr3t-value
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: app
data:
  A: "1"
binaryData:
  blob: AAAA
`;

function contribution(text: string, path = 'file.yaml', isPatch = false): FileContribution {
  return contributionOf(analyze({ text, path }), { isPatch });
}

test('a workload contributes its pod template: namespace, labels, containers and declared ports with offsets', () => {
  const { objects } = contribution(DEPLOYMENT, 'deploy.yaml');
  assert.equal(objects.podTemplates.length, 1);
  const [template] = objects.podTemplates;
  assert.equal(template.path, 'deploy.yaml');
  assert.equal(template.namespace, 'shop');
  assert.equal(template.label, 'Deployment web');
  assert.deepEqual(template.labels, { app: 'web' });
  assert.equal(DEPLOYMENT.slice(template.start, template.end), 'labels');
  const [container] = template.containers;
  assert.equal(container.name, 'web');
  assert.equal(DEPLOYMENT.slice(container.start, container.end), 'web');
  assert.deepEqual(
    container.ports.map((p) => ({ number: p.number, name: p.name, protocol: p.protocol, text: DEPLOYMENT.slice(p.start, p.end) })),
    [
      { number: 8080, name: 'http', protocol: 'TCP', text: '8080' },
      { number: 53, name: null, protocol: 'UDP', text: '53' },
    ],
  );
});

test('ConfigMaps and Secrets contribute their keys, never their values', () => {
  const c = contribution(CONFIGS);
  assert.deepEqual(
    c.objects.configs.map(({ kind, name, keys, namespace }) => ({ kind, name, keys, namespace })),
    [
      { kind: 'Secret', name: 'db', keys: ['password'], namespace: null },
      { kind: 'ConfigMap', name: 'app', keys: ['A', 'blob'], namespace: null },
    ],
  );
  assert.ok(!JSON.stringify(c).includes('s3cr3t-value'), 'no value in the contribution');
});

test('Services contribute their selector and ports', () => {
  const text = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  type: NodePort\n  selector:\n    app: web\n  ports:\n    - name: http\n      port: 80\n      targetPort: http\n    - port: 9000\n';
  const [service] = contribution(text).objects.services;
  assert.equal(service.name, 'web');
  assert.equal(service.type, 'NodePort');
  assert.deepEqual(service.selector, { app: 'web' });
  assert.deepEqual(
    service.ports.map(({ port, name, targetPort, protocol }) => ({ port, name, targetPort, protocol })),
    [
      { port: 80, name: 'http', targetPort: 'http', protocol: 'TCP' },
      { port: 9000, name: null, targetPort: null, protocol: 'TCP' },
    ],
  );
});

test('a kustomize patch defines nothing; a kustomization defines what its generators make', () => {
  assert.deepEqual(contribution(DEPLOYMENT, 'patch.yaml', true).objects, { podTemplates: [], services: [], configs: [], customResources: [], componentFiles: [] });
  const kustomization =
    'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nconfigMapGenerator:\n  - name: flags\n    literals:\n      - MODE=fast\n      - "LEVEL = 3"\n    files:\n      - conf/app.ini\n      - custom=conf/other.txt\nsecretGenerator:\n  - name: creds\n    envs:\n      - creds.env\n  - name: merged\n    behavior: merge\n    literals:\n      - A=1\n';
  const c = contribution(kustomization, 'kustomization.yaml');
  assert.deepEqual(
    c.objects.configs.map(({ kind, name, keys, namespace, start, end }) => ({ kind, name, keys, namespace, text: kustomization.slice(start, end) })),
    [
      { kind: 'ConfigMap', name: 'flags', keys: ['MODE', 'LEVEL', 'app.ini', 'custom'], namespace: null, text: 'flags' },
      { kind: 'Secret', name: 'creds', keys: null, namespace: null, text: 'creds' },
      { kind: 'Secret', name: 'merged', keys: null, namespace: null, text: 'merged' },
    ],
  );
  assert.ok(!JSON.stringify(c).includes('fast'), 'no literal value in the contribution');
  assert.equal(contribution('resources: [a.yaml]\n', 'kustomization.yaml').key, '', 'a kustomization without generators contributes nothing');
});

test('the key changes when what other files read changes, not for edits elsewhere', () => {
  const key = (text: string): string => contribution(text, 'deploy.yaml').key;
  const base = key(DEPLOYMENT);
  assert.notEqual(base, '');
  assert.equal(key(DEPLOYMENT.replace('value: fast', 'value: slow')), base, 'an env value of the same length');
  assert.equal(key(`${DEPLOYMENT}# a comment at the end\n`), base, 'a comment after the objects');
  assert.notEqual(key(DEPLOYMENT.replace('app: web\n    spec', 'app: api\n    spec')), base, 'a pod label');
  assert.notEqual(key(DEPLOYMENT.replace('name: http', 'name: web')), base, 'a port name');
  assert.notEqual(key(DEPLOYMENT.replace('containerPort: 8080', 'containerPort: 8081')), base, 'a port number');
  assert.notEqual(key(DEPLOYMENT.replace('namespace: shop', 'namespace: prod')), base, 'the namespace');
  assert.notEqual(key(`# a new first line\n${DEPLOYMENT}`), base, 'the offsets other files point at moved');
  const configs = contribution(CONFIGS).key;
  assert.equal(contribution(CONFIGS.replace('s3cr3t-value', 'other-value!')).key, configs, 'a Secret value');
  assert.notEqual(contribution(CONFIGS.replace('  A: "1"', '  B: "1"')).key, configs, 'a ConfigMap key');
  assert.equal(contribution('FROM alpine:3.20\n', 'Dockerfile').key, 'library/alpine:3.20', 'a Dockerfile still contributes its tags');
});

test('the queries: namespaces meet when equal or when one names none', () => {
  const facts = workspaceFacts([contribution(DEPLOYMENT, 'deploy.yaml'), contribution(CONFIGS, 'configs.yaml')]);
  const objects = facts.objects;
  assert.ok(objects);
  assert.equal(objects.podTemplates('shop').length, 1);
  assert.equal(objects.podTemplates(null).length, 1);
  assert.equal(objects.podTemplates('prod').length, 0);
  assert.equal(objects.configs('Secret', 'prod', 'db').length, 1, 'a Secret without a namespace meets every namespace');
  assert.equal(objects.configs('ConfigMap', null, 'db').length, 0, 'kinds are kept apart');
  assert.equal(objects.hasConfigs('ConfigMap', 'shop'), true);
  assert.equal(objects.hasServices(null), false);
  assert.deepEqual(objects.services(null, 'web'), []);
});

test('no workspace facts means nothing is known, not that nothing exists', () => {
  assert.equal(NO_WORKSPACE_FACTS.objects, null);
  assert.notEqual(workspaceFacts([]).objects, null);
});

test('untitled documents: related locations only in the checked document itself, which has no path to tell it apart', () => {
  const service = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n    - port: 80\n      targetPort: web\n';
  const rules = [ruleById('service-port-mismatch') as Rule];
  const untitled = (text: string): Analysis => analyze({ text, languageId: 'yaml' }) as Analysis;
  const own = untitled(service);
  const other = untitled(DEPLOYMENT.replace('  namespace: shop\n', ''));
  const findings = lint(own, { rules, workspace: workspaceFacts([contributionOf(own), contributionOf(other)]) }).findings;
  assert.deepEqual(findings.map((f) => [f.ruleId, f.related]), [['service-port-mismatch', []]], 'no range in the other untitled document');
  const together = untitled(`${DEPLOYMENT.replace('  namespace: shop\n', '')}---\n${service}`);
  const [finding] = lint(together, { rules, workspace: workspaceFacts([contributionOf(together)]) }).findings;
  assert.deepEqual(finding.related.map((r) => [together.text.slice(r.start, r.end), r.path]), [['web', undefined]]);
});

test('selectedTemplates: the label index gives what matching every template gives, in the same order', () => {
  const labelSets: (Record<string, string> | null)[] = [{ app: 'web' }, { app: 'web', tier: 'front' }, { app: 'api' }, {}, null, { tier: 'front' }, { app: 'web', 'pod-template-hash': 'x1' }];
  const namespaces = [null, 'shop', 'prod'];
  const templates: PodTemplateFact[] = [];
  for (let i = 0; i < 42; i++) {
    const labels = labelSets[i % labelSets.length];
    templates.push({ path: `t${i}.yaml`, namespace: namespaces[i % namespaces.length], label: `Deployment t${i}`, labels, containers: [], guessed: false, start: 0, end: 1 });
  }
  const contributions: FileContribution[] = templates.map((t, i) => ({ path: t.path, imageTags: [], objects: { ...NO_OBJECTS, podTemplates: [t] }, key: `t${i}` }));
  const objects = workspaceFacts(contributions).objects;
  assert.ok(objects);
  const selectors: Record<string, string>[] = [{}, { app: 'web' }, { app: 'web', tier: 'front' }, { tier: 'front', app: 'web' }, { app: 'nope' }, { 'pod-template-hash': 'zz' }, { 'pod-template-hash': 'zz', app: 'api' }];
  let matched = 0;
  for (const namespace of [...namespaces, 'elsewhere']) {
    for (const selector of selectors) {
      const expected: PodTemplateFact[] = objects.podTemplates(namespace).filter((t) => selects(selector, t));
      assert.deepEqual(objects.selectedTemplates(namespace, selector), expected, `${namespace} ${JSON.stringify(selector)}`);
      matched += expected.length;
    }
  }
  assert.ok(matched > 0);
});
