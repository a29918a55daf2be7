/** `.hadolint.yaml`: read, checked, layered under `.kubeready.yaml` for Dockerfiles only. */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { main } from '../../server/src/cli/main';
import { parseHadolintConfig, withHadolintSettings } from '../../server/src/compat/hadolint';
import { ConfigError, DEFAULT_CONFIG } from '../../server/src/config/config';
import type { Config } from '../../server/src/config/config';
import { lintText } from '../../server/src/engine';
import { Project } from '../../server/src/project';
import { fakeIo, removeTempDirs, tempDir, writeFiles } from '../cli/helpers';

after(removeTempDirs);

const DOCKERFILE = [
  'FROM ghcr.io/acme/python:3.12-slim',
  'RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*',
  'RUN pip install --no-cache-dir flask',
  'ADD app.py /app/app.py',
  'USER 10001',
  '',
].join('\n');

/** `rule:severity` of each finding of DOCKERFILE under a config, sorted. */
function reported(config: Config): string[] {
  return lintText({ text: DOCKERFILE, path: 'Dockerfile' }, { config }).findings.map((f) => `${f.ruleId}:${f.severity}`).sort();
}

function layered(yaml: string, own: Partial<Config> = {}): Config {
  return withHadolintSettings({ ...DEFAULT_CONFIG, ...own }, parseHadolintConfig(yaml, '.hadolint.yaml'), '.hadolint.yaml');
}

test('without .hadolint.yaml: the findings the other tests change', () => {
  assert.deepEqual(reported(DEFAULT_CONFIG), ['add-instead-of-copy:info', 'unpinned-package:info', 'unpinned-package:info']);
});

test('ignored turns off what its codes cover, parts of rules included; unknown codes and keys are skipped', () => {
  assert.deepEqual(reported(layered('ignored: [DL3008, DL3020, DL3059]\nfailure-threshold: error\nlabel-schema: {}\n')), ['unpinned-package:info']);
});

test('override sets severities (style is info), for the part of a rule a code covers', () => {
  assert.deepEqual(reported(layered('override:\n  error: [DL3008]\n  warning: [DL3020]\n')), ['add-instead-of-copy:warning', 'unpinned-package:error', 'unpinned-package:info']);
  assert.deepEqual(reported(layered('override:\n  style: [DL3020]\n  warning: [DL3020]\n')), ['add-instead-of-copy:warning', 'unpinned-package:info', 'unpinned-package:info'], 'the most severe level wins');
  assert.deepEqual(reported(layered('override:\n  style: [DL3008]\n')), ['add-instead-of-copy:info', 'unpinned-package:info', 'unpinned-package:info']);
});

test('.kubeready.yaml wins for a rule it sets; trustedRegistries apply when it lists none', () => {
  const own: Partial<Config> = { rules: { 'unpinned-package': 'warning' } };
  assert.deepEqual(reported(layered('ignored: [DL3008]\noverride:\n  error: [DL3013]\n', own)), ['add-instead-of-copy:info', 'unpinned-package:warning', 'unpinned-package:warning']);
  assert.deepEqual(reported(layered('trustedRegistries: [docker.io]\n')).filter((r) => r.startsWith('untrusted')), ['untrusted-registry:warning']);
  assert.deepEqual(reported(layered('trustedRegistries: [docker.io]\n', { trustedRegistries: ['ghcr.io/acme'] })).filter((r) => r.startsWith('untrusted')), []);
});

test('a .hadolint.yaml that cannot be used is a ConfigError with a plain message', () => {
  const cases: [string, string][] = [
    ['ignored: [DL3008\n', '.hadolint.yaml: cannot be read: '],
    ['just text\n', '.hadolint.yaml: must be a map of settings'],
    ['ignored: DL3008\n', ".hadolint.yaml: 'ignored' must be a list of rule codes such as DL3008"],
    ['ignored: [3008]\n', ".hadolint.yaml: 'ignored' must be a list of rule codes such as DL3008"],
    ['override: [DL3008]\n', ".hadolint.yaml: 'override' must map error, warning, info or style"],
    ['override:\n  fatal: [DL3008]\n', ".hadolint.yaml: 'override.fatal' is no hadolint level (one of error, warning, info, style)"],
    ['override:\n  error: DL3008\n', ".hadolint.yaml: 'override.error' must be a list of rule codes such as DL3008"],
    ['trustedRegistries: docker.io\n', ".hadolint.yaml: 'trustedRegistries' must be a list of registries such as docker.io"],
  ];
  for (const [text, message] of cases) {
    assert.throws(() => parseHadolintConfig(text, '.hadolint.yaml'), (e: unknown) => e instanceof ConfigError && e.message.startsWith(message), text);
  }
  assert.deepEqual(parseHadolintConfig('# nothing yet\n', '.hadolint.yaml').trustedRegistries, []);
});

test('Project: the nearest .hadolint.yaml or .hadolint.yml applies to Dockerfiles, not to manifests, and is re-read after invalidate', () => {
  const dir = tempDir();
  writeFiles(dir, { '.hadolint.yml': 'trustedRegistries: [docker.io]\n', 'svc/api/Dockerfile': DOCKERFILE, 'svc/api/k8s.yaml': 'kind: x\n', '.kubeready.yaml': 'rules:\n  latest-tag: error\n' });
  const project = new Project();
  const dockerfile = project.configFor(path.join(dir, 'svc/api/Dockerfile'));
  assert.deepEqual(dockerfile.config.trustedRegistries, ['docker.io']);
  assert.equal(dockerfile.config.rules['latest-tag'], 'error');
  assert.equal(dockerfile.path, path.join(dir, '.kubeready.yaml'));
  assert.deepEqual(project.configFor(path.join(dir, 'svc/api/k8s.yaml')).config.trustedRegistries, []);
  writeFiles(dir, { 'svc/.hadolint.yaml': 'trustedRegistries: [ghcr.io]\n' });
  project.invalidate();
  assert.deepEqual(project.configFor(path.join(dir, 'svc/api/Dockerfile')).config.trustedRegistries, ['ghcr.io']);
});

test('CLI: a broken .hadolint.yaml is an error naming the file, not a crash; manifests are still checked', () => {
  const dir = tempDir();
  writeFiles(dir, { '.hadolint.yaml': 'ignored: DL3008\n', Dockerfile: DOCKERFILE, 'k8s/svc.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  type: LoadBalancer\n  selector:\n    app: web\n  ports:\n    - port: 80\n' });
  const io = fakeIo(dir);
  const code = main(['node', 'kubeready', '--format', 'json', '.'], io);
  assert.equal(code, 2);
  assert.match(io.err, /\.hadolint\.yaml: 'ignored' must be a list of rule codes such as DL3008/);
  assert.ok(fs.existsSync(path.join(dir, 'Dockerfile')));
  assert.match(io.out, /loadbalancer-cost/);
});
