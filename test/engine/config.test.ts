import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { ConfigError, globToRegExp, isIgnoredByConfig, parseConfig } from '../../server/src/config/config';
import { Project } from '../../server/src/project';
import { RULE_IDS } from '../../server/src/rules/index';

test('reads rules and ignore globs from YAML and JSON', () => {
  assert.deepEqual(parseConfig('rules:\n  latest-tag: error\n  loadbalancer-cost: off\nignore:\n  - charts/**\ntrustedRegistries: [registry.example.com]\n', '.kubeready.yaml', RULE_IDS), {
    rules: { 'latest-tag': 'error', 'loadbalancer-cost': 'off' },
    ignore: ['charts/**'],
    trustedRegistries: ['registry.example.com'],
  });
  assert.deepEqual(parseConfig('{"rules": {"untagged-image": "info"}}', '.kubeready.json', RULE_IDS), { rules: { 'untagged-image': 'info' }, ignore: [], trustedRegistries: [] });
  assert.deepEqual(parseConfig('', '.kubeready.yaml', RULE_IDS), { rules: {}, ignore: [], trustedRegistries: [] });
});

test('rejects bad configs with a plain message', () => {
  const cases: [string, string][] = [
    ['rules:\n  latest-tag: loud\n', ".kubeready.yaml: 'rules.latest-tag' must be equal to one of the allowed values (one of error, warning, info, off)"],
    ['rules:\n  no-such-rule: off\n', ".kubeready.yaml: unknown rule 'no-such-rule' in 'rules'"],
    ['rulez: {}\n', ".kubeready.yaml: the file must NOT have additional properties 'rulez'"],
    ['rules: [\n', '.kubeready.yaml: cannot be read: '],
  ];
  for (const [text, message] of cases) {
    assert.throws(() => parseConfig(text, '.kubeready.yaml', RULE_IDS), (e: unknown) => e instanceof ConfigError && e.message.startsWith(message), text);
  }
});

test('globs', () => {
  assert.equal(globToRegExp('charts/**').test('charts/x/templates/a.yaml'), true);
  assert.equal(globToRegExp('charts/**').test('other/charts/a.yaml'), false);
  assert.equal(globToRegExp('*.generated.yaml').test('deep/dir/a.generated.yaml'), true);
  assert.equal(globToRegExp('k8s/*.yaml').test('k8s/sub/a.yaml'), false);
  assert.equal(globToRegExp('**/templates/**').test('a/b/templates/c.yaml'), true);
  assert.equal(globToRegExp('{dev,test}/*.yaml').test('test/a.yaml'), true);
});

test('the nearest config applies; its ignore globs are relative to its folder', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kubeready-config-'));
  fs.mkdirSync(path.join(root, 'app', 'k8s'), { recursive: true });
  fs.writeFileSync(path.join(root, '.kubeready.yaml'), 'rules:\n  latest-tag: error\nignore:\n  - app/generated/**\n');
  fs.writeFileSync(path.join(root, 'app', 'k8s', '.kubeready.yml'), 'rules:\n  latest-tag: info\n');
  const project = new Project();
  assert.equal(project.configFor(path.join(root, 'Dockerfile')).config.rules['latest-tag'], 'error');
  assert.equal(project.configFor(path.join(root, 'app', 'k8s', 'd.yaml')).config.rules['latest-tag'], 'info');
  assert.equal(project.isIgnored(path.join(root, 'app', 'generated', 'x.yaml')), true);
  assert.equal(project.isIgnored(path.join(root, 'app', 'x.yaml')), false);
  assert.equal(isIgnoredByConfig(project.configFor(path.join(root, 'x.yaml')), path.join(os.tmpdir(), 'elsewhere.yaml')), false);
  fs.rmSync(root, { recursive: true, force: true });
});

test('kustomize patches are recognised from the kustomization that lists them', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kubeready-kustomize-'));
  fs.mkdirSync(path.join(root, 'overlays', 'prod'), { recursive: true });
  fs.mkdirSync(path.join(root, 'patches'));
  fs.writeFileSync(
    path.join(root, 'overlays', 'prod', 'kustomization.yaml'),
    'resources: [../../base]\npatchesStrategicMerge:\n  - replicas.yaml\npatches:\n  - path: ../../patches/probe.yaml\n  - patch: |-\n      - op: add\n',
  );
  const project = new Project();
  assert.equal(project.isPatch(path.join(root, 'overlays', 'prod', 'replicas.yaml')), true);
  assert.equal(project.isPatch(path.join(root, 'patches', 'probe.yaml')), false, 'listed from a folder below: not found by walking up');
  assert.equal(project.isPatch(path.join(root, 'overlays', 'prod', 'other.yaml')), false);
  const kustomization = path.join(root, 'overlays', 'prod', 'kustomization.yaml');
  project.registerKustomization(kustomization, fs.readFileSync(kustomization, 'utf8'));
  assert.equal(project.isPatch(path.join(root, 'patches', 'probe.yaml')), true, 'found once the kustomization is known');
  fs.rmSync(root, { recursive: true, force: true });
});
