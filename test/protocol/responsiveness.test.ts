/**
 * The server stays responsive while it checks a large document: requests for other documents are
 * answered in between, a check made stale by a newer version publishes nothing, and code actions
 * asked for during a check match those asked for after it. Every assertion is about the order of
 * messages, never about time: a message is sent right after the server's settings request for the
 * large document is answered, that is while its check runs.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { CodeAction, Command, Diagnostic } from 'vscode-languageserver-protocol';
import { lintText } from '../../server/src/engine';
import { LineIndex } from '../../server/src/text';
import { DOCKERFILE_LATEST } from './fixtures';
import { fileUri, LspClient, removeDir, tempDir } from './harness';

/** How many Deployments the large document has. */
const COUNT = 800;

/** Deployments enough for a check of many slices (16 lines each), each with a `latest` image and no probes. */
function largeManifest(count = COUNT): string {
  const objects: string[] = [];
  for (let i = 0; i < count; i++) {
    objects.push(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: web-${i}
spec:
  selector:
    matchLabels: { app: web-${i} }
  template:
    metadata:
      labels: { app: web-${i} }
    spec:
      containers:
        - name: web
          image: example.org/web-${i}:latest
          resources:
            limits: { cpu: 250m, memory: 64Mi }`);
  }
  return `${objects.join('\n---\n')}\n`;
}

/** Runs `send` once, right after the server's settings request for `uri` is answered (its check then runs). */
function whenCheckStarts(client: LspClient, uri: string, send: () => void): void {
  client.afterConfiguration = (scopes) => {
    if (!scopes.includes(uri)) return;
    client.afterConfiguration = null;
    send();
  };
}

/** The diagnostic the server would publish for a finding at version 1 (to ask for its quick fixes). */
function diagnosticFor(text: string, path: string, ruleId: string): Diagnostic {
  const finding = lintText({ text, path }).findings.find((f) => f.ruleId === ruleId);
  assert.ok(finding, `the document has a ${ruleId} finding`);
  const index = new LineIndex(text);
  return {
    range: { start: index.position(finding.start), end: index.position(finding.end) },
    message: finding.message,
    source: 'kubeready',
    code: ruleId,
    data: { ruleId, start: finding.start, end: finding.end, version: 1 },
  };
}

function quickFixTitles(items: (CodeAction | Command)[]): string[] {
  return items.map((item) => item.title);
}

describe('responsiveness while a large document is checked', () => {
  let client: LspClient;
  let dir: string;
  const large = largeManifest();

  before(async () => {
    dir = tempDir();
    client = await LspClient.start();
  });

  after(() => {
    client.kill();
    removeDir(dir);
  });

  test("a request for another document is answered before the large document's diagnostics are published", async () => {
    const other = fileUri(dir, 'a', 'Dockerfile');
    const uri = fileUri(dir, 'a', 'large.yaml');
    await client.open(other, 'dockerfile', DOCKERFILE_LATEST);
    const [latest] = await client.diagnostics(other);
    let publishedBeforeAnswer = null as boolean | null;
    let answer = null as Promise<(CodeAction | Command)[]> | null;
    whenCheckStarts(client, uri, () => {
      answer = client.codeActions(other, [latest]);
      void answer.then(() => (publishedBeforeAnswer = client.publishes.some((p) => p.uri === uri)));
    });
    await client.open(uri, 'yaml', large);
    const diagnostics = await client.diagnostics(uri);
    assert.ok(answer, 'the code actions were asked for while the large document was checked');
    assert.ok((await answer).length > 0, 'the other document has its quick fixes');
    assert.equal(publishedBeforeAnswer, false, 'the answer came before the large check published');
    assert.equal(diagnostics.filter((d) => d.code === 'latest-tag').length, COUNT);
    await client.close(uri);
    await client.close(other);
  });

  test('a check made stale by a newer version publishes nothing; the newest version is published', async () => {
    const uri = fileUri(dir, 'b', 'large.yaml');
    const from = client.mark();
    whenCheckStarts(client, uri, () => void client.replace(uri, large.replace('web-0:latest', 'web-0:1.0.0')));
    await client.open(uri, 'yaml', large);
    const published = await client.waitForPublish(uri, (p) => p.version === 2, from);
    assert.equal(published.diagnostics.filter((d) => d.code === 'latest-tag').length, COUNT - 1);
    const versions = client.publishes.slice(from).filter((p) => p.uri === uri).map((p) => p.version);
    assert.deepEqual(versions, [2], 'version 1, whose check was stale before it ended, was never published');
    await client.close(uri);
  });

  test('code actions asked for during the check equal those asked for after it', async () => {
    const path = `${dir}/c/large.yaml`;
    const uri = fileUri(dir, 'c', 'large.yaml');
    const asked = diagnosticFor(large, path, 'latest-tag');
    let during = null as Promise<(CodeAction | Command)[]> | null;
    whenCheckStarts(client, uri, () => (during = client.codeActions(uri, [asked])));
    await client.open(uri, 'yaml', large);
    const diagnostics = await client.diagnostics(uri);
    assert.ok(during, 'the code actions were asked for while the document was checked');
    const duringTitles = quickFixTitles(await during);
    const published = diagnostics.find((d) => d.code === 'latest-tag' && d.range.start.line === asked.range.start.line);
    assert.ok(published, 'the finding asked about was published');
    const afterTitles = quickFixTitles(await client.codeActions(uri, [published]));
    assert.ok(duringTitles.length > 0, 'the quick fixes of the finding came back during the check');
    assert.deepEqual(duringTitles, afterTitles);
  });
});
