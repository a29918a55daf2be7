/** `kubeready.problems.scope` over the protocol: closed files' diagnostics by pull and by push. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import type { FullDocumentDiagnosticReport, WorkspaceDocumentDiagnosticReport } from 'vscode-languageserver-protocol';
import { DOCKERFILE_LATEST } from './fixtures';
import { FILE_DELETED, fileUri, indexed, LspClient, Workspaces } from './harness';

const WORKSPACE = { enable: true, problems: { scope: 'workspace' } };
const OPEN_FILES = { enable: true, problems: { scope: 'openFiles' } };

/** The files: a closed Dockerfile with one finding, an ignored one, and a clean manifest-less YAML file. */
const FILES = {
  'api/Dockerfile': DOCKERFILE_LATEST,
  'legacy/Dockerfile': DOCKERFILE_LATEST,
  'values.yaml': 'replicaCount: 2\n',
  '.kubeready.yaml': 'ignore:\n  - legacy/**\n',
};

function byUri(items: WorkspaceDocumentDiagnosticReport[]): Map<string, WorkspaceDocumentDiagnosticReport> {
  return new Map(items.map((i) => [i.uri, i]));
}

describe('problems of closed files', () => {
  const workspaces = new Workspaces();
  after(() => workspaces.dispose());

  async function start(settings: Record<string, unknown>, pullDiagnostics: boolean): Promise<{ dir: string; client: LspClient }> {
    const started = await workspaces.start(FILES, { pullDiagnostics, settings });
    await indexed(started.client);
    return started;
  }

  test('a pull client gets closed files through workspace/diagnostic, unchanged results as such, none for open files', async () => {
    const { dir, client } = await start(WORKSPACE, true);
    assert.deepEqual(client.initializeResult.capabilities.diagnosticProvider, { identifier: 'kubeready', interFileDependencies: true, workspaceDiagnostics: true });
    const api = fileUri(dir, 'api', 'Dockerfile');
    const first = byUri((await client.pullWorkspace()).items);
    assert.deepEqual([...first.keys()], [api], 'neither the ignored file nor YAML without Kubernetes objects');
    const report = first.get(api) as FullDocumentDiagnosticReport & { version: null };
    assert.equal(report.kind, 'full');
    assert.equal(report.version, null);
    assert.deepEqual(report.items.map((d) => [d.code, d.range.start.line, d.range.start.character]), [['latest-tag', 0, 12]]);

    const again = (await client.pullWorkspace([{ uri: api, value: report.resultId as string }])).items;
    assert.deepEqual(again.map((i) => [i.uri, i.kind]), [[api, 'unchanged']]);
    const single = await client.pullDocument(api);
    assert.deepEqual(single.kind === 'full' && single.items.map((d) => d.code), ['latest-tag']);

    // Opened: its diagnostics are pushed; the pulls say nothing of it.
    await client.open(api, 'dockerfile', DOCKERFILE_LATEST);
    assert.deepEqual((await client.diagnostics(api)).map((d) => d.code), ['latest-tag']);
    const open = await client.pullDocument(api, report.resultId as string);
    assert.deepEqual(open.kind === 'full' && open.items, []);
    const whileOpen = (await client.pullWorkspace([{ uri: api, value: report.resultId as string }])).items;
    assert.deepEqual(whileOpen.map((i) => [i.uri, i.kind, i.kind === 'full' ? i.items.length : -1]), [[api, 'full', 0]]);
    await client.close(api);

    const refreshes = client.refreshes;
    await client.changeSettings(OPEN_FILES);
    await client.waitUntil('a refresh after the scope changed', () => client.refreshes > refreshes);
    const cleared = (await client.pullWorkspace([{ uri: api, value: report.resultId as string }])).items;
    assert.deepEqual(cleared.map((i) => [i.uri, i.kind, i.kind === 'full' ? i.items.length : -1]), [[api, 'full', 0]]);
    assert.deepEqual((await client.pullWorkspace()).items, []);
  });

  test('the default scope gives no diagnostics for closed files', async () => {
    const { client } = await start({ enable: true }, true);
    assert.deepEqual((await client.pullWorkspace()).items, []);
  });

  test('a client without pull diagnostics gets closed files pushed, and cleared when the scope goes back', async () => {
    const { dir, client } = await start(WORKSPACE, false);
    assert.equal(client.initializeResult.capabilities.diagnosticProvider, undefined);
    const api = fileUri(dir, 'api', 'Dockerfile');
    const pushed = await client.waitForPublish(api, (p) => p.diagnostics.length > 0);
    assert.equal(pushed.version, undefined);
    assert.deepEqual(pushed.diagnostics.map((d) => d.code), ['latest-tag']);
    assert.ok(!client.publishes.some((p) => p.uri === fileUri(dir, 'legacy', 'Dockerfile')), 'the ignored file gets nothing');

    const mark = client.mark();
    await client.changeSettings(OPEN_FILES);
    await client.waitForPublish(api, (p) => p.diagnostics.length === 0, mark);
  });

  test('a deleted folder’s files leave the index and their pushed diagnostics are cleared', async () => {
    const { dir, client } = await start(WORKSPACE, false);
    const api = fileUri(dir, 'api', 'Dockerfile');
    await client.waitForPublish(api, (p) => p.diagnostics.length > 0);
    const mark = client.mark();
    fs.rmSync(path.join(dir, 'api'), { recursive: true });
    await client.fileEvents([[path.join(dir, 'api'), FILE_DELETED]]);
    await client.waitForPublish(api, (p) => p.diagnostics.length === 0, mark);
  });
});
