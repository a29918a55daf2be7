import assert from 'node:assert/strict';
import { test } from 'node:test';
import { allContainers, parseKubernetes } from '../../server/src/kubernetes/model';
import { portProbe } from '../../server/src/kubernetes/ports';

/** How a probe reaches each port of a one-container Pod whose `ports` list is `ports` (flow style). */
function probes(ports: string): string[] {
  const text = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: app\n      image: app:1\n      ports: ${ports}\n`;
  const file = parseKubernetes(text, 'pod.yaml');
  assert.deepEqual(file.errors, []);
  return allContainers(file)[0].ports.map(portProbe);
}

test('HTTP by name, appProtocol or by default', () => {
  assert.deepEqual(probes('[{name: http, containerPort: 8080}, {name: http-metrics, containerPort: 9090}, {containerPort: 3000}, {name: web, containerPort: 80}]'), ['http', 'http', 'http', 'http']);
  assert.deepEqual(probes('[{name: api, containerPort: 9000, appProtocol: kubernetes.io/h2c}]'), ['http']);
});

test('HTTPS by name, appProtocol or a TLS port number', () => {
  assert.deepEqual(probes('[{name: https, containerPort: 8443}, {name: api, containerPort: 9000, appProtocol: https}, {containerPort: 443}]'), ['https', 'https', 'https']);
});

test('TCP for ports named or numbered for another protocol; the name wins over the number', () => {
  assert.deepEqual(probes('[{name: grpc, containerPort: 8080}, {name: mysql, containerPort: 3306}, {name: tcp-db, containerPort: 1234}, {containerPort: 5432}, {containerPort: 6379}, {name: http, containerPort: 5432}]'), ['tcp', 'tcp', 'tcp', 'tcp', 'tcp', 'http']);
  assert.deepEqual(probes('[{name: api, containerPort: 9000, appProtocol: mongodb}]'), ['tcp']);
});

test('UDP and SCTP ports cannot be probed', () => {
  assert.deepEqual(probes('[{name: dns, containerPort: 53, protocol: UDP}, {containerPort: 9999, protocol: SCTP}, {containerPort: 8080, protocol: TCP}]'), ['none', 'none', 'http']);
});
