/**
 * Rule options, from the config text to the findings and fixes: each option changes what its
 * rule reports or inserts, and without options every rule behaves as before.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseConfig } from '../../server/src/config/config';
import { applyEdits, lintText } from '../../server/src/engine';
import type { Finding } from '../../server/src/findings';
import { RULE_IDS } from '../../server/src/rules/index';

/** The findings of one rule on a file, under the config written as `.kubeready.yaml` text. */
function findings(ruleId: string, path: string, code: string, configText = ''): Finding[] {
  const config = parseConfig(configText, '.kubeready.yaml', RULE_IDS);
  const result = lintText({ text: code, path }, { config });
  assert.deepEqual(result.failures, []);
  return result.findings.filter((f) => f.ruleId === ruleId);
}

/** The text after applying the fix with a title that starts with `title`. */
function fixed(code: string, finding: Finding, title: string): string {
  const fix = finding.fixes.find((f) => f.title.startsWith(title));
  assert.ok(fix, `no fix "${title}…" among ${finding.fixes.map((f) => f.title).join(' | ')}`);
  return applyEdits(code, fix.edits);
}

const DEPLOYMENT =
  'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n' +
  '    spec:\n      containers:\n        - name: web\n          image: example/web:1.0\n          ports:\n            - containerPort: 8080\n';

describe('missing-liveness-probe and missing-readiness-probe: path, initialDelaySeconds, periodSeconds', () => {
  test('without options the fix inserts the guide probe: GET /health, 5 s delay, every 2 s', () => {
    const [finding] = findings('missing-liveness-probe', 'web.yaml', DEPLOYMENT);
    assert.equal(finding.fixes[0].title, 'Add livenessProbe (HTTP GET /health on port 8080)');
    assert.match(fixed(DEPLOYMENT, finding, 'Add livenessProbe ('), /livenessProbe:\n {12}httpGet:\n {14}path: \/health\n {14}port: 8080\n {12}initialDelaySeconds: 5\n {12}periodSeconds: 2\n$/);
  });

  test('the options change the inserted probe and the fix title', () => {
    const config = 'rules:\n  missing-liveness-probe:\n    path: /livez\n    initialDelaySeconds: 10\n    periodSeconds: 15\n';
    const [finding] = findings('missing-liveness-probe', 'web.yaml', DEPLOYMENT, config);
    assert.equal(finding.severity, 'warning', 'options alone keep the default severity');
    assert.equal(finding.fixes[0].title, 'Add livenessProbe (HTTP GET /livez on port 8080)');
    assert.match(fixed(DEPLOYMENT, finding, 'Add livenessProbe ('), /path: \/livez\n {14}port: 8080\n {12}initialDelaySeconds: 10\n {12}periodSeconds: 15\n$/);
  });

  test('each probe of the "both" fix follows its own rule options; severity sits next to the options', () => {
    const config = 'rules:\n  missing-liveness-probe: {path: /livez, severity: error}\n  missing-readiness-probe: {path: /readyz, periodSeconds: 3}\n';
    const [liveness] = findings('missing-liveness-probe', 'web.yaml', DEPLOYMENT, config);
    assert.equal(liveness.severity, 'error');
    assert.equal(liveness.fixes[1].title, 'Add livenessProbe and readinessProbe (HTTP GET /livez and /readyz on port 8080)');
    const text = fixed(DEPLOYMENT, liveness, 'Add livenessProbe and readinessProbe');
    assert.match(text, /livenessProbe:\n {12}httpGet:\n {14}path: \/livez\n {14}port: 8080\n {12}initialDelaySeconds: 5\n {12}periodSeconds: 2\n/);
    assert.match(text, /readinessProbe:\n {12}httpGet:\n {14}path: \/readyz\n {14}port: 8080\n {12}initialDelaySeconds: 5\n {12}periodSeconds: 3\n$/);
    const [readiness] = findings('missing-readiness-probe', 'web.yaml', DEPLOYMENT, config);
    assert.equal(readiness.fixes[0].title, 'Add readinessProbe (HTTP GET /readyz on port 8080)');
  });

  test('a copied check takes the timings of the options', () => {
    const code = `${DEPLOYMENT}          readinessProbe:\n            tcpSocket:\n              port: 8080\n`;
    const [finding] = findings('missing-liveness-probe', 'web.yaml', code, 'rules:\n  missing-liveness-probe: {initialDelaySeconds: 30}\n');
    assert.match(fixed(code, finding, 'Add livenessProbe'), /livenessProbe:\n {12}tcpSocket:\n {14}port: 8080\n {12}initialDelaySeconds: 30\n {12}periodSeconds: 2\n$/);
  });
});

describe('plaintext-secret and secret-in-configmap: secretWords', () => {
  const pod = (name: string): string =>
    `apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  containers:\n    - name: app\n      image: example/app:1.0\n      env:\n        - name: ${name}\n          value: "482913"\n`;

  test('a name with an extra word holds a secret, in a pod spec and in a Dockerfile', () => {
    const config = 'rules:\n  plaintext-secret:\n    secretWords: [pin, Salt]\n';
    assert.deepEqual(findings('plaintext-secret', 'pod.yaml', pod('CARD_PIN')), []);
    assert.equal(findings('plaintext-secret', 'pod.yaml', pod('CARD_PIN'), config).length, 1);
    assert.equal(findings('plaintext-secret', 'pod.yaml', pod('hashSalt'), config).length, 1, 'camelCase words, any letter case in the option');
    assert.deepEqual(findings('plaintext-secret', 'pod.yaml', pod('PINNED_VERSION'), config), [], 'whole words only');
    assert.deepEqual(findings('plaintext-secret', 'pod.yaml', pod('PIN_LENGTH'), config), [], 'a word that describes the secret still wins');
    const dockerfile = 'FROM alpine:3.20\nENV CARD_PIN=482913\nUSER 10001\n';
    assert.deepEqual(findings('plaintext-secret', 'Dockerfile', dockerfile), []);
    assert.equal(findings('plaintext-secret', 'Dockerfile', dockerfile, config).length, 1);
  });

  test('each rule reads its own option', () => {
    const configMap = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n  CARD_PIN: "7f3kQ9zX"\n  app.properties: |\n    card.pin=7f3kQ9zX\n';
    assert.deepEqual(findings('secret-in-configmap', 'cm.yaml', configMap, 'rules:\n  plaintext-secret: {secretWords: [pin]}\n'), []);
    const found = findings('secret-in-configmap', 'cm.yaml', configMap, 'rules:\n  secret-in-configmap: {secretWords: [pin]}\n');
    assert.deepEqual(found.map((f) => configMap.slice(f.start, f.end)), ['CARD_PIN', 'card.pin']);
  });
});

describe('large-base-image: allowedImages', () => {
  const dockerfile = (from: string): string => `FROM ${from}\nCOPY app.py /app/\nUSER 10001\nCMD ["python", "/app/app.py"]\n`;
  const reported = (from: string, allowed: string[]): boolean =>
    findings('large-base-image', 'Dockerfile', dockerfile(from), `rules:\n  large-base-image:\n    allowedImages: ${JSON.stringify(allowed)}\n`).length > 0;

  test('an allowed image is not reported; others still are', () => {
    assert.equal(findings('large-base-image', 'Dockerfile', dockerfile('python:3.12')).length, 1);
    assert.equal(reported('python:3.12', ['python']), false, 'a name allows every tag');
    assert.equal(reported('docker.io/library/python:3.12', ['python']), false, 'Docker Hub names compare in any spelling');
    assert.equal(reported('python:3.12', ['docker.io/library/python:3.12']), false);
    assert.equal(reported('python:3.12', ['python:3.11']), true, 'a tag allows that tag only');
    assert.equal(reported('python:3.12-bookworm', ['python:3.12*']), false, '* matches any characters');
    assert.equal(reported('ubuntu:24.04', ['python', 'node']), true);
    assert.equal(reported('ubuntu', ['ubuntu:latest']), false, 'no tag is latest');
  });
});
