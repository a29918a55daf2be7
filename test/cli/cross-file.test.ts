/**
 * The checks across files in a CLI run over test/fixtures/cross-file: a kustomize base (Deployment,
 * Services, Ingress, ConfigMap and Secret, a configMapGenerator) and an overlay whose patch relabels
 * the pods. Related locations point at the exact place in the other file.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { ROOT, runCli } from './helpers';

const FIXTURE = 'test/fixtures/cross-file';
const BASE = `${FIXTURE}/base`;

interface JsonFileReport {
  path: string;
  skipped?: string;
  findings: { ruleId: string; severity: string; line: number; column: number; endLine: number; endColumn: number; related?: unknown[] }[];
}

test('cross-file findings, with related locations in the other files', () => {
  const run = runCli(['--format', 'json', FIXTURE], ROOT);
  assert.equal(run.stderr, '');
  const files = JSON.parse(run.stdout) as JsonFileReport[];
  const findings = files.flatMap((f) => f.findings.map(({ ruleId, severity, line, column, endLine, endColumn, related }) => ({ path: f.path, ruleId, severity, line, column, endLine, endColumn, related })));
  const at = (file: string, line: number, column: number, endColumn: number, message: string): unknown => ({ path: `${BASE}/${file}`, message, line, column, endLine: line, endColumn });
  assert.deepEqual(findings, [
    {
      path: `${BASE}/deployment.yaml`, ruleId: 'missing-config-ref', severity: 'warning', line: 29, column: 24, endLine: 29, endColumn: 31,
      related: [at('config.yaml', 11, 9, 16, 'Secret shop-db is defined here with the keys username, password')],
    },
    {
      path: `${BASE}/deployment.yaml`, ruleId: 'missing-config-ref', severity: 'warning', line: 34, column: 24, endLine: 34, endColumn: 34,
      related: [at('kustomization.yaml', 9, 11, 21, 'ConfigMap shop-flags is defined here with the key features.json')],
    },
    { path: `${BASE}/deployment.yaml`, ruleId: 'missing-config-ref', severity: 'info', line: 38, column: 25, endLine: 38, endColumn: 34, related: undefined },
    {
      path: `${BASE}/ingress.yaml`, ruleId: 'ingress-backend-missing', severity: 'warning', line: 16, column: 27, endLine: 16, endColumn: 31,
      related: [at('service.yaml', 4, 9, 13, 'Service shop is defined here with the port 80 (http)')],
    },
    { path: `${BASE}/ingress.yaml`, ruleId: 'ingress-backend-missing', severity: 'info', line: 21, column: 23, endLine: 21, endColumn: 31, related: undefined },
    {
      path: `${BASE}/service.yaml`, ruleId: 'service-port-mismatch', severity: 'warning', line: 11, column: 19, endLine: 11, endColumn: 22,
      related: [at('deployment.yaml', 16, 17, 21, 'Container shop of Deployment shop declares 8080 (http)')],
    },
    // shop-admin selects app: shop-admin; only the overlay's patch has such pods, and a patch defines nothing.
    { path: `${BASE}/service.yaml`, ruleId: 'service-selects-nothing', severity: 'warning', line: 18, column: 3, endLine: 18, endColumn: 11, related: undefined },
  ]);
  assert.deepEqual(
    files.filter((f) => f.skipped).map((f) => f.path),
    [`${BASE}/kustomization.yaml`, `${FIXTURE}/overlay/kustomization.yaml`],
  );
  assert.deepEqual(files.find((f) => f.path === `${FIXTURE}/overlay/replicas.yaml`)?.findings, [], 'the patch is partial: no probe or resource findings');
});

test('the text format names the place in the other file under the finding', () => {
  const run = runCli([FIXTURE], ROOT);
  const lines = run.stdout.split('\n');
  const finding = lines.findIndex((l) => l.startsWith(`${BASE}/service.yaml:11:19: warning Service shop sends port 80`));
  assert.ok(finding >= 0, run.stdout);
  assert.equal(lines[finding + 1], `  ${BASE}/deployment.yaml:16:17: Container shop of Deployment shop declares 8080 (http)`);
});

test('one file alone: its own objects are the workspace, so nothing is reported missing that it defines', () => {
  const run = runCli(['--format', 'json', path.join(BASE, 'service.yaml')], ROOT);
  const [file] = JSON.parse(run.stdout) as JsonFileReport[];
  // No workload in the run: the Services' pods may come from anywhere.
  assert.deepEqual(file.findings, []);
});

test('SARIF related locations name the other file', () => {
  const run = runCli(['--format', 'sarif', FIXTURE], ROOT);
  const sarif = JSON.parse(run.stdout) as { runs: { results: { ruleId: string; relatedLocations?: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[] }[] };
  const result = sarif.runs[0].results.find((r) => r.ruleId === 'service-port-mismatch');
  assert.deepEqual(
    result?.relatedLocations?.map((l) => [l.physicalLocation.artifactLocation.uri, l.physicalLocation.region.startLine]),
    [[`${BASE}/deployment.yaml`, 16]],
  );
});
