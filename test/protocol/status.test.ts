/** `kubeready/status`: how each document version was read, sent only to clients that ask for it. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { CheckOutcome } from '../../server/src/lsp/checker';
import { fileStatus, STATUS_NOTIFICATION, wantsFileStatus } from '../../server/src/lsp/status';
import type { FileStatus } from '../../server/src/lsp/status';
import { DOCKERFILE_LATEST, MANIFEST } from './fixtures';
import { fileUri, LspClient, removeDir, tempDir } from './harness';

const WORKFLOW = 'name: ci\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test\n';
const HELM_TEMPLATE = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Release.Name }}\n';

describe('kubeready/status over the protocol', () => {
  let client: LspClient;
  let dir: string;

  before(async () => {
    dir = tempDir();
    client = await LspClient.start({ initializationOptions: { fileStatus: true } });
  });

  after(() => {
    client.kill();
    removeDir(dir);
  });

  /** The status the server sent for the document's current version. */
  function statusOf(uri: string): Promise<FileStatus> {
    const version = client.document(uri).version;
    return client.waitForNotification<FileStatus>(STATUS_NOTIFICATION, (s) => s.uri === uri && s.version === version);
  }

  test('a Dockerfile and a manifest are reported as checked, each with its kind', async () => {
    const dockerfile = fileUri(dir, 'Dockerfile');
    const manifest = fileUri(dir, 'deploy.yaml');
    await client.open(dockerfile, 'dockerfile', DOCKERFILE_LATEST);
    await client.open(manifest, 'yaml', MANIFEST);
    assert.deepEqual(await statusOf(dockerfile), { uri: dockerfile, version: 1, state: 'dockerfile' });
    assert.deepEqual(await statusOf(manifest), { uri: manifest, version: 1, state: 'kubernetes' });
    await client.close(dockerfile);
    await client.close(manifest);
  });

  test('each new version gets its own status', async () => {
    const uri = fileUri(dir, 'edited.yaml');
    await client.open(uri, 'yaml', WORKFLOW);
    assert.equal((await statusOf(uri)).state, 'skipped');
    await client.replace(uri, MANIFEST);
    assert.deepEqual(await statusOf(uri), { uri, version: 2, state: 'kubernetes' });
    await client.close(uri);
  });

  test('skipped files say why: YAML that is not Kubernetes, a Helm template, a file too large, the config ignore list', async () => {
    const project = path.join(dir, 'project');
    fs.mkdirSync(path.join(project, 'chart', 'templates'), { recursive: true });
    fs.mkdirSync(path.join(project, 'generated'));
    fs.writeFileSync(path.join(project, '.kubeready.yaml'), 'ignore:\n  - generated/**\n');
    const cases: [string, string, RegExp][] = [
      [fileUri(project, 'workflow.yaml'), WORKFLOW, /YAML without Kubernetes objects/],
      [fileUri(project, 'chart', 'templates', 'service.yaml'), HELM_TEMPLATE, /Helm chart template/],
      [fileUri(project, 'huge.yaml'), `# ${'x'.repeat(4 * 1024 * 1024)}\n${MANIFEST}`, /larger than the 4 MB limit/],
      [fileUri(project, 'generated', 'deploy.yaml'), MANIFEST, /\.kubeready\.yaml lists it under ignore/],
    ];
    for (const [uri, text, reason] of cases) {
      await client.open(uri, 'yaml', text);
      const status = await statusOf(uri);
      assert.equal(status.state, 'skipped', uri);
      assert.match(status.reason ?? '', reason);
      assert.deepEqual(await client.diagnostics(uri), []);
      await client.close(uri);
    }
  });

  test('kubeready.enable off gives the state off; turning it on again checks the file', async () => {
    const uri = fileUri(dir, 'switched', 'Dockerfile');
    await client.changeSettings({ enable: false });
    try {
      await client.open(uri, 'dockerfile', DOCKERFILE_LATEST);
      const off = await statusOf(uri);
      assert.equal(off.state, 'off');
      assert.match(off.reason ?? '', /kubeready\.enable/);
      const mark = client.notifications.length;
      await client.changeSettings({ enable: true });
      const on = await client.waitForNotification<FileStatus>(STATUS_NOTIFICATION, (s) => s.uri === uri, mark);
      assert.equal(on.state, 'dockerfile');
    } finally {
      await client.changeSettings({ enable: true });
    }
    await client.close(uri);
  });
});

describe('kubeready/status for clients that do not ask for it', () => {
  test('a client without initializationOptions.fileStatus gets diagnostics but no status', async (t) => {
    const dir = tempDir();
    const client = await LspClient.start();
    t.after(() => {
      client.kill();
      removeDir(dir);
    });
    const uri = fileUri(dir, 'Dockerfile');
    await client.open(uri, 'dockerfile', DOCKERFILE_LATEST);
    const diagnostics = await client.diagnostics(uri);
    assert.equal(diagnostics.length, 1);
    // The server writes in order: once this answer is in, a status sent after the diagnostics would be too.
    await client.codeActions(uri, diagnostics);
    assert.deepEqual(client.notifications.filter((n) => n.method === STATUS_NOTIFICATION), []);
  });
});

describe('status helpers', () => {
  test('only a literal fileStatus: true opts in', () => {
    assert.equal(wantsFileStatus({ fileStatus: true }), true);
    for (const value of [undefined, null, true, 'fileStatus', { fileStatus: 'true' }, { fileStatus: 1 }, {}]) {
      assert.equal(wantsFileStatus(value), false, JSON.stringify(value));
    }
  });

  test('every outcome maps to a state, with a reason unless the file was checked', () => {
    const uri = 'file:///w/a.yaml';
    const checked: CheckOutcome = { status: 'checked', kind: 'kubernetes', findings: [], failures: [], configError: null };
    assert.deepEqual(fileStatus(uri, 3, checked), { uri, version: 3, state: 'kubernetes' });
    assert.deepEqual(fileStatus(uri, 3, { status: 'skipped', reason: 'because' }), { uri, version: 3, state: 'skipped', reason: 'because' });
    assert.equal(fileStatus(uri, 3, { status: 'unsupported' }).state, 'skipped');
    const failed = fileStatus(uri, 3, { status: 'failed', error: new Error('secret text') });
    assert.equal(failed.state, 'failed');
    assert.ok(!failed.reason?.includes('secret text'), 'the error message (which may quote the file) stays out');
    assert.equal(fileStatus(uri, 3, null).state, 'off');
  });
});
