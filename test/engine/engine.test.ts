import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze, applyEdits, fixText, lintText, sourceKind } from '../../server/src/engine';
import { contributionOf, workspaceFacts } from '../../server/src/workspace/index';
import type { Finding, SeveritySetting } from '../../server/src/findings';
import { ruleById } from '../../server/src/rules/index';
import type { Rule } from '../../server/src/rules/rule';

const ids = (findings: readonly Finding[]): string[] => findings.map((f) => f.ruleId);

/**
 * The registered rules with these ids: the tests of engine mechanics run only the rules they are
 * about, so adding a rule does not change what they see.
 */
function only(...ruleIds: string[]): Rule[] {
  return ruleIds.map((id) => {
    const rule = ruleById(id);
    assert.ok(rule, `no rule ${id}`);
    return rule;
  });
}

/** Findings per rule id. */
function countByRule(findings: readonly Finding[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const f of findings) counts.set(f.ruleId, (counts.get(f.ruleId) ?? 0) + 1);
  return counts;
}

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
    ['Dockerfile.prod.dockerignore', undefined, null],
    ['/x/Containerfile.containerignore', 'dockerfile', null],
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
  const quoted = lintText({ text: 'FROM docker:27.3\nRUN docker inspect --format \'{{ .Id }}\' app\n', path: 'Dockerfile' }, { rules: only('syntax', 'latest-tag') });
  assert.deepEqual([quoted.analysis?.kind, quoted.findings], ['dockerfile', []]);
  // A real mistake on a line without template markers is still reported.
  const broken = lintText({ text: 'FROM docker:27.3\nRUN docker inspect --format \'{{ .Id }}\' app\nCOPPY . /app\n', path: 'Dockerfile' }, { rules: only('syntax', 'latest-tag') });
  assert.deepEqual(broken.findings.map((f) => f.ruleId), ['syntax']);
});

test('config severities override defaults, and off turns a rule off', () => {
  const text = 'FROM python:latest\nFROM ubuntu\n';
  const rules = only('latest-tag', 'untagged-image');
  const severities = (config?: Record<string, SeveritySetting>): string[][] =>
    lintText({ text, path: 'Dockerfile' }, { rules, config: config && { rules: config, ignore: [], trustedRegistries: [] } }).findings.map((f) => [f.ruleId, f.severity]);
  assert.deepEqual(severities(), [['latest-tag', 'warning'], ['untagged-image', 'warning']]);
  assert.deepEqual(severities({ 'latest-tag': 'error' }), [['latest-tag', 'error'], ['untagged-image', 'warning']]);
  assert.deepEqual(severities({ 'latest-tag': 'off', 'untagged-image': 'info' }), [['untagged-image', 'info']]);
});

test('a finding may carry its own severity; a severity set in the config still wins', () => {
  const rule: Rule = {
    meta: { id: 'sure-thing', title: 'Test rule', description: 'Reports twice.', defaultSeverity: 'info', appliesTo: ['dockerfile'], fix: 'none' },
    checkDockerfile: ({ report }) => {
      report({ start: 0, end: 4, message: 'certain to fail', severity: 'error' });
      report({ start: 5, end: 11, message: 'a practice' });
    },
  };
  const severities = (config?: Record<string, SeveritySetting>): string[] =>
    lintText({ text: 'FROM alpine:3.20\n', path: 'Dockerfile' }, { rules: [rule], config: config && { rules: config, ignore: [], trustedRegistries: [] } }).findings.map((f) => f.severity);
  assert.deepEqual(severities(), ['error', 'info']);
  assert.deepEqual(severities({ 'sure-thing': 'warning' }), ['warning', 'warning']);
});

test('a rule that throws is reported as a failure; the other rules still report', () => {
  const [latest] = only('latest-tag');
  const broken: Rule = { meta: { ...latest.meta, id: 'boom' }, checkDockerfile: () => { throw new Error('kaput'); } };
  const result = lintText({ text: 'FROM python:latest\n', path: 'Dockerfile' }, { rules: [broken, latest] });
  assert.deepEqual(result.failures.map((f) => [f.ruleId, f.error.message]), [['boom', 'kaput']]);
  assert.deepEqual(ids(result.findings), ['latest-tag']);
});

test('Dockerfile ignore comments cover the next instruction only, several ids, with a reason', () => {
  const text = 'FROM python:3.12 AS build\n# kubeready-ignore latest-tag,untagged-image -- pinned by the release pipeline\nFROM python:latest\nFROM ubuntu\n';
  const rules = only('latest-tag', 'untagged-image');
  assert.deepEqual(ids(lintText({ text: text.replace(/# kubeready-ignore .*\n/, ''), path: 'Dockerfile' }, { rules }).findings), ['latest-tag', 'untagged-image']);
  const findings = lintText({ text, path: 'Dockerfile' }, { rules }).findings;
  assert.deepEqual(findings.map((f) => [f.ruleId, text.slice(f.start, f.end)]), [['untagged-image', 'ubuntu']]);
});

test('the ignore fix adds a comment above the instruction, or an id to the comment already there', () => {
  const text = 'FROM python:3.12\n  # kubeready-ignore untagged-image\n  FROM python:latest\n';
  const rules = only('latest-tag', 'untagged-image');
  const [finding, ...others] = lintText({ text, path: 'Dockerfile' }, { rules }).findings;
  assert.deepEqual([finding.ruleId, others], ['latest-tag', []]);
  const fix = finding.fixes.find((f) => f.suppression);
  assert.ok(fix);
  assert.equal(applyEdits(text, fix.edits), 'FROM python:3.12\n  # kubeready-ignore untagged-image,latest-tag\n  FROM python:latest\n');
  assert.deepEqual(lintText({ text: applyEdits(text, fix.edits), path: 'Dockerfile' }, { rules }).findings, []);
  const [first] = lintText({ text: 'FROM python:latest\n', path: 'Dockerfile' }, { rules }).findings;
  const added = first.fixes.find((f) => f.suppression);
  assert.ok(added);
  assert.equal(applyEdits('FROM python:latest\n', added.edits), '# kubeready-ignore latest-tag\nFROM python:latest\n');
});

test('YAML ignore comments cover the node on the next line', () => {
  const rules = only('latest-tag', 'missing-liveness-probe', 'missing-readiness-probe');
  const lintIds = (text: string): string[] => ids(lintText({ text, path: 'p.yaml' }, { rules }).findings);
  const doc = (inner: string): string => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n${inner}`;
  const container = '    - name: app\n      image: nginx:latest\n      livenessProbe: {exec: {command: [x]}}\n      readinessProbe: {exec: {command: [x]}}\n';
  // above the sequence item: covers the whole container
  assert.deepEqual(lintIds(doc(`    # kubeready-ignore latest-tag\n${container}`)), []);
  // above a key: covers that key and its value only
  const keyed = doc('    - name: app\n      # kubeready-ignore latest-tag\n      image: nginx:latest\n    - name: two\n      image: nginx:latest\n      livenessProbe: {exec: {command: [x]}}\n      readinessProbe: {exec: {command: [x]}}\n');
  assert.deepEqual(lintIds(keyed), ['missing-liveness-probe', 'missing-readiness-probe', 'latest-tag']);
  // above the document's first key: covers the whole object
  assert.deepEqual(lintIds(`# kubeready-ignore latest-tag\n${doc(container)}`), []);
  // a comment-looking line inside a block scalar is text
  const block = doc('    - name: app\n      image: nginx:latest\n      args:\n        - |\n          # kubeready-ignore latest-tag\n      livenessProbe: {exec: {command: [x]}}\n      readinessProbe: {exec: {command: [x]}}\n');
  assert.deepEqual(lintIds(block), ['latest-tag']);
  // an unknown id ignores nothing
  assert.deepEqual(lintIds(doc(`    # kubeready-ignore latest\n${container}`)), ['latest-tag']);
});

test('syntax findings cannot be ignored', () => {
  const text = 'FROM alpine:3.20\n# kubeready-ignore syntax\nBOGUS x\n';
  const findings = lintText({ text, path: 'Dockerfile' }, { rules: only('syntax') }).findings;
  assert.deepEqual(ids(findings), ['syntax']);
  assert.deepEqual(findings[0].fixes, []);
});

test('the workspace tag index collects tagged images from every kind of file', () => {
  const docker = analyze({ text: 'FROM nginx:1.27 AS a\nFROM nginx\nFROM a\n', path: 'Dockerfile' });
  const yaml = analyze({ text: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - {name: a, image: "docker.io/library/nginx:1.25"}\n', path: 'p.yaml' });
  assert.ok(docker && yaml);
  const facts = workspaceFacts([contributionOf(docker), contributionOf(yaml)]);
  assert.deepEqual(facts.imageTags('library/nginx'), ['1.25', '1.27']);
  assert.deepEqual(facts.imageTags('library/redis'), []);
});

test('fixText applies safe fixes only, unless unsafe fixes are allowed, until nothing is left', () => {
  const dockerfile = 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y curl\nCMD ["curl", "--version"]\n';
  const dockerRules = { rules: only('apt-no-install-recommends', 'apt-lists-not-cleaned', 'root-user') };
  const safeDocker = fixText({ text: dockerfile, path: 'Dockerfile' }, dockerRules, { unsafe: false });
  assert.equal(safeDocker.applied, 2);
  assert.equal(safeDocker.text, 'FROM debian:12-slim\nRUN apt-get update && apt-get install --no-install-recommends -y curl ca-certificates && rm -rf /var/lib/apt/lists/*\nCMD ["curl", "--version"]\n');
  assert.deepEqual(ids(safeDocker.result.findings), ['root-user'], 'the unsafe fix is left for the user');
  const unsafeDocker = fixText({ text: dockerfile, path: 'Dockerfile' }, dockerRules, { unsafe: true });
  assert.equal(unsafeDocker.applied, 3);
  assert.equal(unsafeDocker.text, safeDocker.text.replace('CMD', 'USER 10001\nCMD'));
  assert.deepEqual(unsafeDocker.result.findings, []);

  const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: app\n      image: app:1.0\n      ports:\n        - containerPort: 8080\n';
  const probeRules = { rules: only('missing-liveness-probe', 'missing-readiness-probe') };
  const safe = fixText({ text, path: 'p.yaml' }, probeRules, { unsafe: false });
  assert.equal(safe.applied, 0);
  assert.equal(safe.text, text);
  // Both probes go in at the same place: the second one is added by a second pass.
  const unsafe = fixText({ text, path: 'p.yaml' }, probeRules, { unsafe: true });
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
    `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app-${i}\nspec:\n  selector:\n    matchLabels:\n      app: app\n  template:\n    metadata:\n      labels:\n        app: app\n    spec:\n      containers:\n        - name: app\n          image: nginx:latest\n          env:\n            - name: DB_PASSWORD\n              value: not-a-real-password\n---\n`;
  let yaml = '';
  let count = 0;
  while (yaml.length < 3 * 1024 * 1024 - 400) yaml += deployment(count++);
  // Every rule runs; the rules each object is written to trip report once per object.
  const result = lintText({ text: yaml, path: 'big.yaml' });
  assert.deepEqual(result.failures, []);
  const counts = countByRule(result.findings);
  for (const id of ['latest-tag', 'plaintext-secret', 'missing-liveness-probe', 'missing-readiness-probe', 'missing-resources']) {
    assert.equal(counts.get(id), count, id);
  }
  const lastObject = yaml.lastIndexOf('kind: Deployment');
  assert.ok(result.findings.some((f) => f.ruleId === 'plaintext-secret' && f.start > lastObject), 'the last object is checked too');
  assert.ok(result.findings.every((f) => f.fixes.some((x) => x.suppression)), 'every finding still gets its ignore fix');

  const dockerfile = 'FROM python:latest\n' + Array.from({ length: 5000 }, (_, i) => `ENV API_TOKEN_${i}=not-a-real-token\n`).join('');
  const docker = lintText({ text: dockerfile, path: 'Dockerfile' });
  assert.deepEqual(docker.failures, []);
  const dockerCounts = countByRule(docker.findings);
  assert.equal(dockerCounts.get('latest-tag'), 1);
  assert.equal(dockerCounts.get('plaintext-secret'), 5000);
  assert.ok(docker.findings.some((f) => f.ruleId === 'plaintext-secret' && dockerfile.slice(f.start - 'API_TOKEN_4999='.length, f.start) === 'API_TOKEN_4999='), 'the last instruction is checked too');
  assert.ok(docker.findings.every((f) => f.fixes.some((x) => x.suppression)), 'every finding still gets its ignore fix');
});

test('applyEdits joins the text once and agrees with applying the edits one by one from the end', () => {
  // The reference: each edit applied from the end of the text backwards.
  const oneByOne = (text: string, edits: { start: number; end: number; newText: string }[]): string =>
    [...edits].sort((a, b) => b.start - a.start || b.end - a.end).reduce((t, e) => t.slice(0, e.start) + e.newText + t.slice(e.end), text);
  let seed = 7;
  const next = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  for (let round = 0; round < 500; round++) {
    const text = 'abcdefghijklmnopqrstuvwxyz'.slice(0, 5 + next(20));
    const edits: { start: number; end: number; newText: string }[] = [];
    let cursor = 0;
    while (cursor <= text.length && edits.length < 6) {
      const start = cursor + next(3);
      if (start > text.length) break;
      const end = Math.min(text.length, start + next(3));
      edits.push({ start, end, newText: `<${edits.length}>` });
      cursor = end + (end > start ? 0 : next(2));
    }
    const shuffled = [...edits].sort(() => next(3) - 1);
    assert.equal(applyEdits(text, shuffled), oneByOne(text, shuffled), JSON.stringify({ text, shuffled }));
  }
  // Two insertions at one offset, and an insertion where a replacement starts.
  assert.equal(applyEdits('abc', [{ start: 1, end: 1, newText: 'A' }, { start: 1, end: 1, newText: 'B' }]), 'aBAbc');
  assert.equal(applyEdits('abc', [{ start: 1, end: 2, newText: 'R' }, { start: 1, end: 1, newText: 'I' }]), 'aIRc');
});
