import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze, applyEdits, fixText, imageTags, lintText, sourceKind, workspaceFacts } from '../../server/src/engine';
import type { Finding } from '../../server/src/findings';
import { RULES } from '../../server/src/rules/index';

const ids = (findings: readonly Finding[]): string[] => findings.map((f) => f.ruleId);

test('file kinds by name and by editor language', () => {
  const cases: [string | undefined, string | undefined, string | null][] = [
    ['Dockerfile', undefined, 'dockerfile'],
    ['/x/Containerfile', undefined, 'dockerfile'],
    ['api.dockerfile', undefined, 'dockerfile'],
    ['Dockerfile.prod', undefined, 'dockerfile'],
    ['dockerfile', undefined, 'dockerfile'],
    ['Dockerfile.md', undefined, null],
    ['deploy.yaml', undefined, 'yaml'],
    ['deploy.YML', undefined, 'yaml'],
    ['README.md', undefined, null],
    ['.dockerignore', undefined, null],
    [undefined, 'dockerfile', 'dockerfile'],
    ['Untitled-1', 'yaml', 'yaml'],
  ];
  for (const [path, languageId, expected] of cases) assert.equal(sourceKind(path, languageId), expected, `${path} ${languageId}`);
});

test('analysis says why a file is skipped', () => {
  assert.deepEqual(analyze({ text: 'a: 1\n', path: 'values.yaml' }), { kind: 'skipped', text: 'a: 1\n', path: 'values.yaml', reason: 'YAML without Kubernetes objects (no apiVersion and kind)' });
  assert.equal(analyze({ text: 'x', path: 'notes.txt' }), null);
  const reason = (text: string, path: string): string => {
    const a = analyze({ text, path });
    return a?.kind === 'skipped' ? a.reason : `not skipped: ${a?.kind}`;
  };
  // Kustomize files have apiVersion and kind, or none at all: either way they are tool configuration.
  assert.equal(reason('apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\npatches: []\n', 'overlays/x/kustomization.yaml'), 'Component (kustomize.config.k8s.io): tool configuration, not a Kubernetes object');
  assert.equal(reason('apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [a.yaml]\n', 'k.yaml'), 'Kustomization (kustomize.config.k8s.io): tool configuration, not a Kubernetes object');
  assert.equal(reason('namePrefix: dev-\nresources:\n- ../base\n', 'overlays/dev/kustomization.yaml'), 'a kustomization: tool configuration, not a Kubernetes object');
  assert.equal(reason('namePrefix: dev-\n', 'settings.yaml'), 'YAML without Kubernetes objects (no apiVersion and kind)');
  const big = analyze({ text: 'a'.repeat(5 * 1024 * 1024), path: 'big.yaml' });
  assert.equal(big?.kind, 'skipped');
  assert.match(big?.kind === 'skipped' ? big.reason : '', /limit/);
});

test('a Dockerfile template is skipped; a Dockerfile that only quotes {{ }} is checked', () => {
  const template = analyze({ text: '{{ if env.variant == "alpine" then ( -}}\nFROM alpine:{{ .alpine.version }}\n{{ ) end -}}\nRUN echo hi\n', path: 'Dockerfile.template' });
  assert.deepEqual(template?.kind === 'skipped' && template.reason, 'a template ({{ … }}): its Dockerfile exists only after rendering');
  const quoted = lintText({ text: 'FROM docker:27.3\nRUN docker inspect --format \'{{ .Id }}\' app\n', path: 'Dockerfile' });
  assert.deepEqual([quoted.analysis?.kind, quoted.findings], ['dockerfile', []]);
  // A real mistake on a line without template markers is still reported.
  const broken = lintText({ text: 'FROM docker:27.3\nRUN docker inspect --format \'{{ .Id }}\' app\nCOPPY . /app\n', path: 'Dockerfile' });
  assert.deepEqual(broken.findings.map((f) => f.ruleId), ['syntax']);
});

test('config severities override defaults, and off turns a rule off', () => {
  const text = 'FROM python:latest\n';
  assert.deepEqual(lintText({ text, path: 'Dockerfile' }).findings.map((f) => [f.ruleId, f.severity]), [['latest-tag', 'warning']]);
  assert.deepEqual(lintText({ text, path: 'Dockerfile' }, { config: { rules: { 'latest-tag': 'error' }, ignore: [], trustedRegistries: [] } }).findings.map((f) => [f.ruleId, f.severity]), [['latest-tag', 'error']]);
  assert.deepEqual(lintText({ text, path: 'Dockerfile' }, { config: { rules: { 'latest-tag': 'off' }, ignore: [], trustedRegistries: [] } }).findings, []);
});

test('a rule that throws is reported as a failure; the other rules still report', () => {
  const broken = { meta: { ...RULES[1].meta, id: 'boom' }, checkDockerfile: () => { throw new Error('kaput'); } };
  const result = lintText({ text: 'FROM python:latest\n', path: 'Dockerfile' }, { rules: [broken, ...RULES] });
  assert.deepEqual(result.failures.map((f) => [f.ruleId, f.error.message]), [['boom', 'kaput']]);
  assert.deepEqual(ids(result.findings), ['latest-tag']);
});

test('Dockerfile ignore comments cover the next instruction only, several ids, with a reason', () => {
  const text = 'FROM python:3.12 AS build\n# kubeready-ignore latest-tag,untagged-image -- pinned by the release pipeline\nFROM python:latest\nFROM ubuntu\n';
  assert.deepEqual(ids(lintText({ text, path: 'Dockerfile' }).findings), ['untagged-image']);
});

test('the ignore fix adds a comment above the instruction, or an id to the comment already there', () => {
  const text = 'FROM python:3.12\n  # kubeready-ignore untagged-image\n  FROM python:latest\n';
  const [finding] = lintText({ text, path: 'Dockerfile' }).findings;
  const fix = finding.fixes.find((f) => f.suppression);
  assert.ok(fix);
  assert.equal(applyEdits(text, fix.edits), 'FROM python:3.12\n  # kubeready-ignore untagged-image,latest-tag\n  FROM python:latest\n');
  assert.deepEqual(lintText({ text: applyEdits(text, fix.edits), path: 'Dockerfile' }).findings, []);
});

test('YAML ignore comments cover the node on the next line', () => {
  const doc = (inner: string): string => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n${inner}`;
  const container = '    - name: app\n      image: nginx:latest\n      livenessProbe: {exec: {command: [x]}}\n      readinessProbe: {exec: {command: [x]}}\n';
  // above the sequence item: covers the whole container
  assert.deepEqual(ids(lintText({ text: doc(`    # kubeready-ignore latest-tag\n${container}`), path: 'p.yaml' }).findings), []);
  // above a key: covers that key and its value only
  const keyed = doc('    - name: app\n      # kubeready-ignore latest-tag\n      image: nginx:latest\n    - name: two\n      image: nginx:latest\n      livenessProbe: {exec: {command: [x]}}\n      readinessProbe: {exec: {command: [x]}}\n');
  assert.deepEqual(ids(lintText({ text: keyed, path: 'p.yaml' }).findings), ['missing-liveness-probe', 'missing-readiness-probe', 'latest-tag']);
  // above the document's first key: covers the whole object
  assert.deepEqual(ids(lintText({ text: `# kubeready-ignore latest-tag\n${doc(container)}`, path: 'p.yaml' }).findings), []);
  // a comment-looking line inside a block scalar is text
  const block = doc('    - name: app\n      image: nginx:latest\n      args:\n        - |\n          # kubeready-ignore latest-tag\n      livenessProbe: {exec: {command: [x]}}\n      readinessProbe: {exec: {command: [x]}}\n');
  assert.deepEqual(ids(lintText({ text: block, path: 'p.yaml' }).findings), ['latest-tag']);
  // an unknown id ignores nothing
  assert.deepEqual(ids(lintText({ text: doc(`    # kubeready-ignore latest\n${container}`), path: 'p.yaml' }).findings), ['latest-tag']);
});

test('syntax findings cannot be ignored', () => {
  const text = 'FROM alpine:3.20\n# kubeready-ignore syntax\nBOGUS x\n';
  const findings = lintText({ text, path: 'Dockerfile' }).findings;
  assert.deepEqual(ids(findings), ['syntax']);
  assert.deepEqual(findings[0].fixes, []);
});

test('the workspace tag index collects tagged images from every kind of file', () => {
  const docker = analyze({ text: 'FROM nginx:1.27 AS a\nFROM nginx\nFROM a\n', path: 'Dockerfile' });
  const yaml = analyze({ text: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - {name: a, image: "docker.io/library/nginx:1.25"}\n', path: 'p.yaml' });
  assert.ok(docker && yaml);
  const facts = workspaceFacts([imageTags(docker), imageTags(yaml)]);
  assert.deepEqual(facts.imageTags('library/nginx'), ['1.25', '1.27']);
  assert.deepEqual(facts.imageTags('library/redis'), []);
});

test('fixText applies safe fixes only, unless unsafe fixes are allowed, until nothing is left', () => {
  const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: app\n      image: app:1.0\n      ports:\n        - containerPort: 8080\n';
  const safe = fixText({ text, path: 'p.yaml' }, {}, { unsafe: false });
  assert.equal(safe.applied, 0);
  assert.equal(safe.text, text);
  const unsafe = fixText({ text, path: 'p.yaml' }, {}, { unsafe: true });
  assert.equal(unsafe.applied, 2);
  assert.deepEqual(unsafe.result.findings, []);
  assert.equal(
    unsafe.text,
    text +
      '      livenessProbe:\n        httpGet:\n          path: /health\n          port: 8080\n        initialDelaySeconds: 5\n        periodSeconds: 2\n' +
      '      readinessProbe:\n        httpGet:\n          path: /health\n          port: 8080\n        initialDelaySeconds: 5\n        periodSeconds: 2\n',
  );
});

test('a 3 MB manifest full of findings and a 5,000-instruction Dockerfile are checked completely', () => {
  const deployment = (i: number): string =>
    `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app-${i}\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: nginx:latest\n          env:\n            - name: DB_PASSWORD\n              value: not-a-real-password\n---\n`;
  let yaml = '';
  let count = 0;
  while (yaml.length < 3 * 1024 * 1024 - 400) yaml += deployment(count++);
  const result = lintText({ text: yaml, path: 'big.yaml' });
  assert.deepEqual(result.failures, []);
  assert.equal(result.findings.length, count * 4);
  assert.ok(result.findings.every((f) => f.fixes.some((x) => x.suppression)), 'every finding still gets its ignore fix');

  const dockerfile = 'FROM python:latest\n' + Array.from({ length: 5000 }, (_, i) => `ENV API_TOKEN_${i}=not-a-real-token\n`).join('');
  const docker = lintText({ text: dockerfile, path: 'Dockerfile' });
  assert.equal(docker.findings.length, 5001);
});
