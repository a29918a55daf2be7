/** hadolint ignore comments and kube-linter / kube-score ignore annotations, mapped onto our rules. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { coverage, covers, externalCheck } from '../../server/src/compat/ids';
import type { ExternalCheck } from '../../server/src/compat/ids';
import type { Config } from '../../server/src/config/config';
import { DEFAULT_CONFIG } from '../../server/src/config/config';
import { applyEdits, lintText } from '../../server/src/engine';
import type { Finding } from '../../server/src/findings';

/** `rule@line` (1-based) of each finding, sorted. */
function reported(text: string, path: string, config: Config = DEFAULT_CONFIG): string[] {
  const { findings } = lintText({ text, path }, { config });
  return findings.map((f) => `${f.ruleId}@${text.slice(0, f.start).split('\n').length}`).sort();
}

function findings(text: string, path: string): Finding[] {
  return lintText({ text, path }).findings;
}

const APT = 'RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*';
const PIP = 'RUN pip install --no-cache-dir flask';

test('# hadolint ignore= covers the next instruction only, for the findings its codes cover', () => {
  const dockerfile = ['FROM python:3.12-slim', '# hadolint ignore=DL3008', APT, PIP, APT, 'USER 10001', ''].join('\n');
  assert.deepEqual(reported(dockerfile, 'Dockerfile'), ['unpinned-package@4', 'unpinned-package@5']);
});

test('hadolint comments stack, accept spaces and lower case, and skip codes no rule shares', () => {
  const dockerfile = ['FROM python:3.12-slim', '# hadolint ignore=DL3059', '#hadolint ignore = dl3013 , DL3008', `${APT} && pip install --no-cache-dir flask`, 'USER 10001', ''].join('\n');
  assert.deepEqual(reported(dockerfile, 'Dockerfile'), []);
  const unknownOnly = ['FROM python:3.12-slim', '# hadolint ignore=DL3059,SC2086,DL9999', PIP, 'USER 10001', ''].join('\n');
  assert.deepEqual(reported(unknownOnly, 'Dockerfile'), ['unpinned-package@3']);
});

test('comments that are not hadolint pragmas silence nothing', () => {
  for (const comment of ['# hadolint ignore DL3013', '# hadolint ignore=', '# hadolint shell=bash', '# hadolintignore=DL3013', '# see hadolint ignore=DL3013']) {
    const dockerfile = ['FROM python:3.12-slim', comment, PIP, 'USER 10001', ''].join('\n');
    assert.deepEqual(reported(dockerfile, 'Dockerfile'), ['unpinned-package@3'], comment);
  }
});

test('# hadolint global ignore= covers the whole file, wherever it is written', () => {
  const dockerfile = ['FROM python:3.12-slim', APT, 'USER 10001', '# hadolint global ignore=DL3008', PIP, ''].join('\n');
  assert.deepEqual(reported(dockerfile, 'Dockerfile'), ['unpinned-package@5']);
});

test('a code that covers part of a rule silences only that part: DL3007 is FROM, not COPY --from', () => {
  const dockerfile = ['# hadolint global ignore=DL3007,DL3006', 'FROM alpine AS tools', 'RUN true', 'FROM alpine:latest', 'COPY --from=busybox:latest /bin/busybox /bin/busybox', 'USER 10001', ''].join('\n');
  assert.deepEqual(reported(dockerfile, 'Dockerfile'), ['latest-tag@5']);
  assert.deepEqual(reported(dockerfile.replace('DL3007,DL3006', 'DL3007'), 'Dockerfile'), ['latest-tag@5', 'untagged-image@2']);
});

test('DL3002 silences an explicit last USER root, not a Dockerfile without USER (hadolint does not report that)', () => {
  const explicit = ['# hadolint global ignore=DL3002', 'FROM python:3.12-slim', 'USER root', ''].join('\n');
  assert.deepEqual(reported(explicit, 'Dockerfile'), []);
  const none = ['# hadolint global ignore=DL3002', 'FROM python:3.12-slim', 'CMD ["python"]', ''].join('\n');
  assert.deepEqual(reported(none, 'Dockerfile'), ['root-user@2']);
});

test('DL3064 silences secrets found by their name, not by their value alone', () => {
  const dockerfile = ['# hadolint global ignore=DL3064', 'FROM python:3.12-slim', 'ENV DB_PASSWORD=hunter2-hunter2', 'ENV CONFIG=AKIAIOSFODNN7EXAMPLE', 'USER 10001', ''].join('\n');
  assert.deepEqual(reported(dockerfile, 'Dockerfile'), ['plaintext-secret@4']);
});

test('the "Ignore <id> here" fix writes our own comment, never into a hadolint comment', () => {
  const dockerfile = ['FROM python:3.12-slim', '# hadolint ignore=DL3042', 'RUN pip install flask', 'USER 10001', ''].join('\n');
  const finding = findings(dockerfile, 'Dockerfile').find((f) => f.ruleId === 'unpinned-package');
  const fix = finding?.fixes.find((f) => f.suppression);
  assert.ok(fix);
  const fixed = applyEdits(dockerfile, fix.edits);
  assert.equal(fixed, ['FROM python:3.12-slim', '# hadolint ignore=DL3042', '# kubeready-ignore unpinned-package', 'RUN pip install flask', 'USER 10001', ''].join('\n'));
  assert.deepEqual(reported(fixed, 'Dockerfile'), []);
  // Our own comment is still extended in place.
  const ours = ['FROM python:3.12-slim', '# kubeready-ignore pip-no-cache-dir', 'RUN pip install flask', 'USER 10001', ''].join('\n');
  const again = findings(ours, 'Dockerfile').find((f) => f.ruleId === 'unpinned-package')?.fixes.find((f) => f.suppression);
  assert.equal(again && applyEdits(ours, again.edits).split('\n')[1], '# kubeready-ignore pip-no-cache-dir,unpinned-package');
});

/** A Deployment whose container `app` has no probes, no resources and an untagged image. */
function deployment(name: string, annotations: string[], templateAnnotations: string[] = [], extra: string[] = []): string {
  const block = (indent: string, lines: string[]): string[] => (lines.length ? [`${indent}annotations:`, ...lines.map((l) => `${indent}  ${l}`)] : []);
  return [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    `  name: ${name}`,
    ...block('  ', annotations),
    'spec:',
    '  selector:',
    '    matchLabels:',
    `      app: ${name}`,
    '  template:',
    '    metadata:',
    '      labels:',
    `        app: ${name}`,
    ...block('      ', templateAnnotations),
    '    spec:',
    '      containers:',
    '        - name: app',
    '          image: ghcr.io/acme/app',
    ...extra,
    '',
  ].join('\n');
}

const rules = (text: string): string[] => [...new Set(reported(text, 'app.yaml').map((r) => r.split('@')[0]))].sort();
const ALL = ['missing-liveness-probe', 'missing-readiness-probe', 'missing-resources', 'untagged-image'];

test('ignore-check.kube-linter.io/<check> silences the mapped rules on that object only', () => {
  const ignored = deployment('a', ['ignore-check.kube-linter.io/latest-tag: "pinned by the release pipeline"', 'ignore-check.kube-linter.io/no-liveness-probe: ""']);
  assert.deepEqual(rules(ignored), ['missing-readiness-probe', 'missing-resources']);
  assert.deepEqual(rules(`${ignored}---\n${deployment('b', [])}`), ALL, 'the next object keeps its findings');
  assert.deepEqual(rules(deployment('a', ['ignore-check.kube-linter.io/no-such-check: "x"', 'ignore-check.kube-linter.io/run-as-non-root: "x"'])), ALL);
});

test('kube-linter.io/ignore-all silences every rule a kube-linter check shares, nothing else', () => {
  const text = deployment('a', ['kube-linter.io/ignore-all: "vendored"'], [], ['          env:', '            - name: DB_PASSWORD', '              value: hunter2-hunter2']);
  assert.deepEqual(rules(text), ['plaintext-secret'], 'env-var-secret covers names with "secret" only');
});

test('kube-linter reads only the object\'s own annotations, not the pod template\'s', () => {
  assert.deepEqual(rules(deployment('a', [], ['ignore-check.kube-linter.io/latest-tag: "x"'])), ALL);
});

test('unset-cpu-requirements silences a finding about CPU only, not one that also misses memory', () => {
  const cpuOnly = ['          resources:', '            requests:', '              memory: 64Mi', '            limits:', '              memory: 128Mi'];
  const annotation = ['ignore-check.kube-linter.io/unset-cpu-requirements: "burstable"'];
  assert.ok(!rules(deployment('a', annotation, [], cpuOnly)).includes('missing-resources'));
  assert.ok(rules(deployment('a', annotation)).includes('missing-resources'));
  assert.ok(!rules(deployment('a', [...annotation, 'ignore-check.kube-linter.io/unset-memory-requirements: "x"'])).includes('missing-resources'));
});

test('kube-score/ignore takes a list with spaces, and * for all its checks', () => {
  assert.deepEqual(rules(deployment('a', ['kube-score/ignore: pod-probes , container-image-tag,unknown-check'])), ['missing-resources']);
  assert.deepEqual(rules(deployment('a', ['kube-score/ignore: "*"'])), []);
});

test('kube-score/ignore on the pod template counts for pod checks, not for the Deployment\'s selector check', () => {
  assert.deepEqual(rules(deployment('a', [], ['kube-score/ignore: container-resources'])), ['missing-liveness-probe', 'missing-readiness-probe', 'untagged-image']);
  const mismatch = deployment('a', [], ['kube-score/ignore: deployment-pod-selector-labels-match-template-metadata-labels']).replace('      app: a\n  template', '      app: b\n  template');
  assert.ok(rules(mismatch).includes('selector-mismatch'));
  const onObject = deployment('a', ['kube-score/ignore: deployment-pod-selector-labels-match-template-metadata-labels']).replace('      app: a\n  template', '      app: b\n  template');
  assert.ok(!rules(onObject).includes('selector-mismatch'));
  const statefulOnly = deployment('a', ['kube-score/ignore: statefulset-pod-selector-labels-match-template-metadata-labels']).replace('      app: a\n  template', '      app: b\n  template');
  assert.ok(rules(statefulOnly).includes('selector-mismatch'), 'the StatefulSet check does not cover a Deployment');
});

test('readiness-port silences the readiness probe\'s port finding, not the liveness probe\'s', () => {
  const probes = ['          ports:', '            - containerPort: 8080', '          livenessProbe:', '            tcpSocket:', '              port: 9090', '          readinessProbe:', '            tcpSocket:', '              port: 9091'];
  const text = deployment('a', ['ignore-check.kube-linter.io/readiness-port: "sidecar port"'], [], probes);
  assert.deepEqual(reported(text, 'app.yaml').filter((r) => r.startsWith('probe-port')), ['probe-port@23']);
});

test('coverage: a check covering a rule whole wins over a part; covers needs every aspect of a finding', () => {
  const checks = ['DL3008', 'DL3013'].map((id) => externalCheck('hadolint', id)).filter((c): c is ExternalCheck => c !== undefined);
  const c = coverage(checks);
  assert.deepEqual(c.ids, ['unpinned-package']);
  assert.ok(covers(c, { ruleId: 'unpinned-package', aspects: ['apt'] }));
  assert.ok(!covers(c, { ruleId: 'unpinned-package', aspects: ['npm'] }));
  assert.ok(!covers(c, { ruleId: 'unpinned-package' }), 'a finding without aspects is not covered by a part');
  const both = coverage([...checks, { tool: 'hadolint', id: 'X', covers: [{ rule: 'unpinned-package' }] }]);
  assert.ok(covers(both, { ruleId: 'unpinned-package', aspects: ['npm'] }));
  const resources = coverage([externalCheck('kube-linter', 'unset-cpu-requirements') as ExternalCheck]);
  assert.ok(!covers(resources, { ruleId: 'missing-resources', aspects: ['cpu', 'memory'] }));
  assert.equal(externalCheck('kube-linter', 'Latest-Tag'), undefined, 'kube-linter names are exact');
  assert.equal(externalCheck('hadolint', 'dl3007')?.id, 'DL3007');
});
