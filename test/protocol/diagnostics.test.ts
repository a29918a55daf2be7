/** Diagnostics over the protocol: what is published, when, for which version, and when it is cleared. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { lintText } from '../../server/src/engine';
import { BROKEN_AMONG_GOOD, CLEAN_DEPLOYMENT, DOCKERFILE_LATEST, MANIFEST, SECRET_VALUE } from './fixtures';
import { fileUri, LspClient, removeDir, tempDir } from './harness';

const DOCS = 'https://github.com/kubeready/kubeready/blob/main/docs/rules/';
const WARNING = 2;
const ERROR = 1;

function range(line: number, start: number, end: number): Diagnostic['range'] {
  return { start: { line, character: start }, end: { line, character: end } };
}

/** Code, line and characters of each diagnostic, for comparing whole lists. */
function summary(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((d) => `${String(d.code)} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`);
}

describe('diagnostics', () => {
  let client: LspClient;
  let dir: string;

  before(async () => {
    dir = tempDir();
    client = await LspClient.start();
  });

  after(() => {
    client.kill();
    removeDir(dir);
  });

  test('a Dockerfile with FROM alpine:latest gets one exact latest-tag warning', async () => {
    const uri = fileUri(dir, 'latest', 'Dockerfile');
    await client.open(uri, 'dockerfile', DOCKERFILE_LATEST);
    const published = await client.waitForPublish(uri, (p) => p.version === 1);
    const [finding] = lintText({ text: DOCKERFILE_LATEST, path: '/x/Dockerfile' }).findings;
    assert.deepEqual(published.diagnostics, [
      {
        range: range(0, 12, 18),
        severity: WARNING,
        code: 'latest-tag',
        codeDescription: { href: `${DOCS}latest-tag.md` },
        source: 'kubeready',
        message: finding.message,
        data: { ruleId: 'latest-tag', start: 12, end: 18, version: 1 },
      },
    ]);
    assert.ok(client.configurationScopes.includes(uri), 'settings are asked for with the document as scope');
    await client.close(uri);
  });

  test('a multi-document manifest gets the probe, image, secret and LoadBalancer diagnostics at exact ranges', async () => {
    const uri = fileUri(dir, 'app.yaml');
    await client.open(uri, 'yaml', MANIFEST);
    const diagnostics = await client.diagnostics(uri);
    assert.deepEqual(summary(diagnostics), [
      'missing-liveness-probe 15:16-15:19',
      'missing-readiness-probe 15:16-15:19',
      'untagged-image 16:17-16:22',
      'plaintext-secret 21:21-21:35',
      'loadbalancer-cost 34:8-34:20',
      'loadbalancer-cost 46:8-46:20',
    ]);
    for (const d of diagnostics) {
      assert.equal(d.severity, WARNING);
      assert.equal(d.source, 'kubeready');
      assert.deepEqual(d.codeDescription, { href: `${DOCS}${String(d.code)}.md` });
      assert.ok(!d.message.includes(SECRET_VALUE), 'no message shows the secret');
    }
    const webService = diagnostics[4];
    assert.deepEqual(webService.relatedInformation, [
      { location: { uri, range: range(46, 8, 20) }, message: 'Another LoadBalancer Service: api' },
    ]);
    assert.ok(!client.logs.some((l) => l.message.includes(SECRET_VALUE)), 'no log shows the secret');
    await client.close(uri);
  });

  test('fixing the text updates the diagnostics for the new version', async () => {
    const uri = fileUri(dir, 'fixing.yaml');
    await client.open(uri, 'yaml', MANIFEST);
    assert.equal((await client.diagnostics(uri)).length, 6);
    const version = await client.replace(uri, CLEAN_DEPLOYMENT);
    const published = await client.waitForPublish(uri, (p) => p.version === version);
    assert.deepEqual(published.diagnostics, []);
    // An incremental change: the tag goes away again.
    const untagged = await client.edit(uri, [{ range: range(15, 22, 27), newText: '' }]);
    assert.equal(client.document(uri).text.split('\n')[15], '          image: nginx');
    assert.deepEqual(summary((await client.waitForPublish(uri, (p) => p.version === untagged)).diagnostics), ['untagged-image 15:17-15:22']);
    await client.close(uri);
  });

  test('after rapid changes the last publication is for the last version, and none is out of order', async () => {
    const uri = fileUri(dir, 'rapid', 'Dockerfile');
    const texts = new Map<number, string>([[1, 'FROM alpine:3.20\nUSER 10001\n']]);
    await client.open(uri, 'dockerfile', 'FROM alpine:3.20\nUSER 10001\n');
    let version = 1;
    for (let i = 0; i < 20; i++) {
      const text = i % 2 === 0 ? DOCKERFILE_LATEST : `FROM alpine:3.${i}\nUSER 10001\n`;
      version = await client.replace(uri, text);
      texts.set(version, text);
    }
    await client.waitForPublish(uri, (p) => p.version === version);
    // Another document's round trip: anything still queued for the first one would arrive before it.
    const other = fileUri(dir, 'barrier', 'Dockerfile');
    await client.open(other, 'dockerfile', DOCKERFILE_LATEST);
    await client.diagnostics(other);
    const mine = client.publishes.filter((p) => p.uri === uri);
    const versions = mine.map((p) => p.version as number);
    assert.equal(versions[versions.length - 1], version);
    assert.deepEqual(versions, [...versions].sort((a, b) => a - b), 'publications never go back to an older version');
    for (const p of mine) {
      const expected = texts.get(p.version as number) === DOCKERFILE_LATEST ? ['latest-tag 0:12-0:18'] : [];
      assert.deepEqual(summary(p.diagnostics), expected, `diagnostics of version ${String(p.version)} match its text`);
    }
    await client.close(uri);
    await client.close(other);
  });

  test('closing a document clears its diagnostics', async () => {
    const uri = fileUri(dir, 'closing', 'Dockerfile');
    await client.open(uri, 'dockerfile', DOCKERFILE_LATEST);
    assert.equal((await client.diagnostics(uri)).length, 1);
    const mark = client.mark();
    await client.close(uri);
    const cleared = await client.waitForPublish(uri, () => true, mark);
    assert.deepEqual(cleared.diagnostics, []);
  });

  test('a Helm template and a GitHub workflow get empty diagnostics, and the reason is logged without their text', async () => {
    const helm = fileUri(dir, 'chart', 'templates', 'deployment.yaml');
    const workflow = fileUri(dir, '.github', 'workflows', 'ci.yaml');
    await client.open(helm, 'yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Values.podName }}\nspec:\n  containers:\n    - name: app\n      image: nginx\n');
    await client.open(workflow, 'yaml', 'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n');
    assert.deepEqual(await client.diagnostics(helm), []);
    assert.deepEqual(await client.diagnostics(workflow), []);
    const info = client.logs.filter((l) => l.type === 3).map((l) => l.message);
    assert.ok(info.some((m) => m.includes('deployment.yaml') && m.includes('Helm')), info.join('\n'));
    assert.ok(info.some((m) => m.includes('ci.yaml') && m.includes('not checked')), info.join('\n'));
    assert.ok(!client.logs.some((l) => l.message.includes('.Values.podName') || l.message.includes('actions/checkout')));
    await client.close(helm);
    await client.close(workflow);
  });

  test('a broken YAML document gets a syntax error and the documents around it are still checked', async () => {
    const uri = fileUri(dir, 'broken.yaml');
    await client.open(uri, 'yaml', BROKEN_AMONG_GOOD);
    const diagnostics = await client.diagnostics(uri);
    const syntax = diagnostics.filter((d) => d.code === 'syntax');
    assert.equal(syntax.length, 1);
    assert.equal(syntax[0].severity, ERROR);
    assert.ok(syntax[0].range.start.line >= 9 && syntax[0].range.end.line <= 14, 'the error points into the broken document');
    assert.deepEqual(summary(diagnostics.filter((d) => d.code !== 'syntax')), [
      'loadbalancer-cost 5:8-5:20',
      'naked-pod 16:6-16:9',
      'missing-liveness-probe 21:12-21:13',
      'missing-readiness-probe 21:12-21:13',
      'missing-resources 21:12-21:13',
    ]);
    await client.close(uri);
  });

  test('an untitled document is read by its language id', async () => {
    const uri = 'untitled:Untitled-1';
    await client.open(uri, 'dockerfile', DOCKERFILE_LATEST);
    assert.deepEqual(summary(await client.diagnostics(uri)), ['latest-tag 0:12-0:18']);
    await client.close(uri);
  });
});

describe('the kubeready.enable setting', () => {
  test('false clears all diagnostics and code actions; true brings them back without a restart', async (t) => {
    const dir = tempDir();
    const client = await LspClient.start();
    t.after(() => {
      client.kill();
      removeDir(dir);
    });
    const dockerfile = fileUri(dir, 'Dockerfile');
    const manifest = fileUri(dir, 'app.yaml');
    await client.open(dockerfile, 'dockerfile', DOCKERFILE_LATEST);
    await client.open(manifest, 'yaml', MANIFEST);
    const before = await client.diagnostics(dockerfile);
    assert.equal(before.length, 1);
    assert.equal((await client.diagnostics(manifest)).length, 6);

    // A re-check the opening scheduled may still arrive first: wait for the publication the change brings.
    let mark = client.mark();
    await client.changeSettings({ enable: false });
    await client.waitForPublish(dockerfile, (p) => p.diagnostics.length === 0, mark);
    await client.waitForPublish(manifest, (p) => p.diagnostics.length === 0, mark);
    assert.deepEqual(await client.codeActions(dockerfile, before), []);

    mark = client.mark();
    await client.changeSettings({ enable: true });
    await client.waitForPublish(dockerfile, (p) => p.diagnostics.length === 1, mark);
    await client.waitForPublish(manifest, (p) => p.diagnostics.length === 6, mark);
    assert.ok((await client.codeActions(dockerfile, before)).length > 0);
  });
});
