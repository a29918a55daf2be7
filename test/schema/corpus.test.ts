/**
 * Valid manifests of many kinds, written the ways real files are (kubectl output, Helm-rendered
 * files, anchors, flow style), and the example app: none may get a `schema` finding.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { lintText } from '../../server/src/engine';
import { schema } from '../../server/src/rules/schema';
import { LineIndex } from '../../server/src/text';
import { repositoryRoot } from './helpers';

const ROOT = repositoryRoot();
const CORPUS = path.join(ROOT, 'test', 'schema', 'fixtures', 'valid');

/** The schema findings of a file, as `line:column message` for a readable failure. */
function schemaFindings(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const result = lintText({ text, path: file }, { rules: [schema] });
  assert.deepEqual(result.failures, [], 'the rule must not throw');
  assert.equal(result.analysis?.kind, 'kubernetes', `${file} is not read as Kubernetes YAML`);
  const index = new LineIndex(text);
  return result.findings.map((f) => {
    const p = index.position(f.start);
    return `${p.line + 1}:${p.character + 1} ${f.message}`;
  });
}

const files = fs.readdirSync(CORPUS).filter((name) => name.endsWith('.yaml'));

test('the corpus covers the kinds users write', () => {
  const kinds = new Set<string>();
  for (const name of files) {
    for (const match of fs.readFileSync(path.join(CORPUS, name), 'utf8').matchAll(/^\s*kind: (\w+)$/gm)) kinds.add(match[1]);
  }
  for (const kind of ['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job', 'CronJob', 'Service', 'ConfigMap', 'Secret', 'PersistentVolumeClaim', 'PersistentVolume', 'Namespace', 'ServiceAccount', 'Ingress', 'IngressClass', 'NetworkPolicy', 'HorizontalPodAutoscaler', 'PodDisruptionBudget', 'Role', 'RoleBinding', 'ClusterRole', 'ClusterRoleBinding', 'LimitRange', 'ResourceQuota', 'StorageClass', 'PriorityClass', 'CustomResourceDefinition', 'List']) {
    assert.ok(kinds.has(kind), `no ${kind} in the corpus`);
  }
});

for (const name of files) {
  test(`valid manifests: ${name} gets no schema finding`, () => {
    assert.deepEqual(schemaFindings(path.join(CORPUS, name)), []);
  });
}

test('examples/flask-app-fixed: the manifests get no schema finding', () => {
  const dir = path.join(ROOT, 'examples', 'flask-app-fixed', 'k8s');
  const manifests = fs.readdirSync(dir).filter((name) => name.endsWith('.yaml'));
  assert.ok(manifests.length > 0);
  for (const name of manifests) assert.deepEqual(schemaFindings(path.join(dir, name)), [], name);
});

test('examples/flask-app: the schema check reports the demo\'s one real mistake, and nothing else', () => {
  const dir = path.join(ROOT, 'examples', 'flask-app', 'k8s');
  assert.deepEqual(schemaFindings(path.join(dir, 'deployment.yaml')), [
    '27:26 `imagePullPolicy` must be one of Always, IfNotPresent, Never; did you mean Always?',
  ]);
  assert.deepEqual(schemaFindings(path.join(dir, 'redis.yaml')), []);
});
