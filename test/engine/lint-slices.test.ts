/** The sliced lint gives the synchronous lint's result, and stops when a pause says so. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze, lint, lintInSlices } from '../../server/src/engine';
import type { Analysis } from '../../server/src/engine';
import { CheckRuns } from '../../server/src/lsp/check-runs';

const MANIFEST = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
        - name: web
          # kubeready-ignore missing-resources
          image: nginx:latest
          env:
            - name: DB_PASSWORD
              value: hunter2-very-secret
`;

function analysed(text: string, path: string): Analysis {
  const analysis = analyze({ text, path });
  assert.ok(analysis);
  return analysis;
}

for (const [path, text] of [
  ['deploy.yaml', MANIFEST],
  ['Dockerfile', 'FROM python:latest\nENV API_TOKEN=abc123-secret-value\nCMD ["python", "app.py"]\n'],
] as const) {
  test(`lintInSlices gives lint's findings and failures (${path})`, async () => {
    const analysis = analysed(text, path);
    let pauses = 0;
    const sliced = await lintInSlices(analysis, {}, async () => (pauses++, true));
    assert.deepEqual(sliced, lint(analysis));
    assert.ok(pauses >= 1, 'it gave way at least before the ignore comments apply');
  });
}

test('lintInSlices resolves to null when a pause says stop', async () => {
  assert.equal(await lintInSlices(analysed(MANIFEST, 'deploy.yaml'), {}, async () => false), null);
});

test('a newer run of a document makes the older one stale; idle waits for every run', async () => {
  const runs = new CheckRuns();
  const first = runs.start('a');
  const other = runs.start('b');
  const second = runs.start('a');
  assert.equal(runs.isCurrent('a', first), false);
  assert.equal(runs.isCurrent('a', second), true);
  let idle = false;
  const waiting = runs.idle().then(() => (idle = true));
  runs.finish('a', first);
  runs.finish('a', second);
  await Promise.resolve();
  assert.equal(idle, false, 'a run of another document is still in flight');
  runs.cancel('b');
  assert.equal(runs.isCurrent('b', other), false, 'a closed document has no current run');
  runs.finish('b', other);
  await waiting;
  assert.equal(idle, true);
});
