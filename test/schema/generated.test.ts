/**
 * The committed schemas in schemas/kubernetes/ are the output of `npm run schemas` (stale ones
 * fail here), and they say what the scripts/kubernetes-schemas.js module comment promises.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { builtInSchema, kubernetesVersion } from '../../server/src/schema/schemas';
import { repositoryRoot } from './helpers';

const ROOT = repositoryRoot();
const OUTPUT = path.join(ROOT, 'schemas', 'kubernetes');

interface Bundle {
  kubernetesVersion: string;
  kinds: Record<string, Record<string, string>>;
  definitions: Record<string, { type?: unknown; properties?: Record<string, Record<string, unknown>>; required?: string[]; pattern?: string; additionalProperties?: unknown }>;
}

const bundle = JSON.parse(fs.readFileSync(path.join(OUTPUT, 'kubernetes.json'), 'utf8')) as Bundle;

/** The schema of a definition's field, `$ref` followed. */
function field(definition: string, name: string): Record<string, unknown> {
  const property = bundle.definitions[definition]?.properties?.[name];
  assert.ok(property, `${definition}.${name} is missing`);
  const ref = property.$ref;
  return typeof ref === 'string' ? (bundle.definitions[ref.replace('#/definitions/', '')] as Record<string, unknown>) : property;
}

test('the committed schemas are what npm run schemas generates (run it when this fails)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubeready-schemas-'));
  try {
    const { writeSchemas } = require(path.join(ROOT, 'scripts', 'kubernetes-schemas.js')) as { writeSchemas(dir: string): string[] };
    const written = writeSchemas(dir).map((file) => path.basename(file)).sort();
    assert.deepEqual(fs.readdirSync(OUTPUT).sort(), written, 'schemas/kubernetes/ holds exactly the generated files');
    for (const name of written) {
      assert.ok(fs.readFileSync(path.join(dir, name), 'utf8') === fs.readFileSync(path.join(OUTPUT, name), 'utf8'), `schemas/kubernetes/${name} is stale: run npm run schemas`);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('the Kubernetes version is recorded, from kubernetes-types', () => {
  const types = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', 'kubernetes-types', 'package.json'), 'utf8')) as { version: string };
  assert.equal(bundle.kubernetesVersion, types.version.split('.').slice(0, 2).join('.'));
  assert.equal(bundle.kubernetesVersion, '1.30');
  assert.equal(kubernetesVersion(), '1.30');
});

test('every kind users write has a schema and a validator, older apiVersions included', () => {
  const expected: [string, string][] = [
    ['v1', 'Pod'], ['v1', 'Service'], ['v1', 'ConfigMap'], ['v1', 'Secret'], ['v1', 'PersistentVolumeClaim'], ['v1', 'PersistentVolume'],
    ['v1', 'Namespace'], ['v1', 'ServiceAccount'], ['v1', 'ReplicationController'], ['v1', 'LimitRange'], ['v1', 'ResourceQuota'],
    ['apps/v1', 'Deployment'], ['apps/v1', 'StatefulSet'], ['apps/v1', 'DaemonSet'], ['apps/v1', 'ReplicaSet'],
    ['batch/v1', 'Job'], ['batch/v1', 'CronJob'], ['autoscaling/v2', 'HorizontalPodAutoscaler'], ['autoscaling/v1', 'HorizontalPodAutoscaler'],
    ['networking.k8s.io/v1', 'Ingress'], ['networking.k8s.io/v1', 'IngressClass'], ['networking.k8s.io/v1', 'NetworkPolicy'],
    ['policy/v1', 'PodDisruptionBudget'], ['rbac.authorization.k8s.io/v1', 'Role'], ['rbac.authorization.k8s.io/v1', 'RoleBinding'],
    ['rbac.authorization.k8s.io/v1', 'ClusterRole'], ['rbac.authorization.k8s.io/v1', 'ClusterRoleBinding'],
    ['storage.k8s.io/v1', 'StorageClass'], ['scheduling.k8s.io/v1', 'PriorityClass'], ['apiextensions.k8s.io/v1', 'CustomResourceDefinition'],
  ];
  for (const [apiVersion, kind] of expected) {
    assert.ok(bundle.kinds[apiVersion]?.[kind], `no schema for ${apiVersion} ${kind}`);
    assert.ok(builtInSchema(apiVersion, kind), `no validator for ${apiVersion} ${kind}`);
  }
  assert.equal(builtInSchema('example.com/v1', 'Widget'), null);
  assert.equal(builtInSchema('extensions/v1beta1', 'Deployment'), null);
  assert.equal(builtInSchema('v1', 'toString'), null);
});

test('integer fields are integers, and only three fields of a CRD schema take fractions', () => {
  assert.equal(field('apps.v1.DeploymentSpec', 'replicas').type, 'integer');
  assert.equal(field('apps.v1.DeploymentSpec', 'revisionHistoryLimit').type, 'integer');
  assert.equal(field('core.v1.ContainerPort', 'containerPort').type, 'integer');
  assert.equal(field('core.v1.ServicePort', 'port').type, 'integer');
  for (const name of ['initialDelaySeconds', 'periodSeconds', 'timeoutSeconds', 'failureThreshold', 'successThreshold']) {
    assert.equal(field('core.v1.Probe', name).type, 'integer', name);
  }
  const numbers: string[] = [];
  const visit = (schema: unknown, where: string): void => {
    if (Array.isArray(schema)) schema.forEach((item, i) => visit(item, `${where}[${i}]`));
    else if (schema && typeof schema === 'object') {
      for (const [key, value] of Object.entries(schema)) {
        if (key === 'type' && (value === 'number' || (Array.isArray(value) && value.includes('number')))) numbers.push(where);
        visit(value, `${where}.${key}`);
      }
    }
  };
  visit(bundle.definitions, '');
  const allowed = /^\.(api\.resource\.Quantity|apiextensions\.v1\.JSONSchemaProps(OrArray|OrBool|OrStringArray)?\.properties\.(maximum|minimum|multipleOf))$/;
  assert.deepEqual(numbers.filter((where) => !allowed.test(where)), []);
});

test('IntOrString takes an integer or a string; Quantity a number or a string of quantity syntax', () => {
  assert.deepEqual(field('core.v1.ServicePort', 'targetPort').type, ['integer', 'string']);
  assert.deepEqual(field('apps.v1.RollingUpdateDeployment', 'maxSurge').type, ['integer', 'string']);
  const quantity = bundle.definitions['api.resource.Quantity'];
  assert.deepEqual(quantity.type, ['string', 'number']);
  const pattern = new RegExp(quantity.pattern ?? '', 'u');
  for (const good of ['500m', '1Gi', '128Mi', '0.5', '2', '1e3', '1E-3', '+1', '-1', '.5', '1.', '100k', '10n', '5u', '1Ei']) assert.ok(pattern.test(good), good);
  for (const bad of ['512MB', '1GiB', '1 Gi', 'lots', '', '1K', '1gi', '1m5', 'Gi']) assert.ok(!pattern.test(bad), bad);
});

test('enumerations the API server enforces; the empty string means "not set"', () => {
  assert.deepEqual(field('core.v1.ServiceSpec', 'type').enum, ['', 'ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName']);
  assert.deepEqual(field('core.v1.Container', 'imagePullPolicy').enum, ['', 'Always', 'IfNotPresent', 'Never']);
  assert.deepEqual(field('core.v1.PodSpec', 'restartPolicy').enum, ['', 'Always', 'OnFailure', 'Never']);
  assert.deepEqual(field('core.v1.Container', 'restartPolicy').enum, ['', 'Always']);
  assert.deepEqual(field('core.v1.ContainerPort', 'protocol').enum, ['', 'TCP', 'UDP', 'SCTP']);
  assert.deepEqual(field('networking.v1.HTTPIngressPath', 'pathType').enum, ['', 'Exact', 'Prefix', 'ImplementationSpecific']);
  assert.deepEqual((field('core.v1.PersistentVolumeClaimSpec', 'accessModes').items as { enum: string[] }).enum, ['', 'ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod']);
});

test('metadata, status, and what Go reads as any JSON', () => {
  assert.deepEqual(field('meta.v1.ObjectMeta', 'labels'), { type: 'object', additionalProperties: { type: 'string' } });
  assert.deepEqual(field('meta.v1.ObjectMeta', 'annotations'), { type: 'object', additionalProperties: { type: 'string' } });
  assert.deepEqual(field('apps.v1.Deployment', 'status'), { type: 'object' });
  assert.deepEqual(bundle.definitions['meta.v1.FieldsV1'], { type: 'object' });
  assert.deepEqual(bundle.definitions['apiextensions.v1.JSON'], {});
  assert.equal(field('apiextensions.v1.JSONSchemaProps', 'x-kubernetes-preserve-unknown-fields').type, 'boolean');
  assert.equal(bundle.definitions['core.v1.Container'].additionalProperties, false);
  assert.deepEqual(bundle.definitions['core.v1.Container'].required, ['name']);
  assert.equal(bundle.definitions['apps.v1.StatefulSetSpec'].required?.includes('serviceName'), false);
});
