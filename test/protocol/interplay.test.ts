/**
 * How the workspace index, the settings, the config files, kustomize patches, the checks across
 * files and `kubeready.problems.scope` work together over the protocol: closed files get the
 * settings of their folder, patch status follows the kustomizations, config changes on disk
 * apply live, and related locations reach files that are not open.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import type { Diagnostic, FullDocumentDiagnosticReport, PublishDiagnosticsParams, WorkspaceDocumentDiagnosticReport } from 'vscode-languageserver-protocol';
import { DOCKERFILE_LATEST, SHOP_DEPLOYMENT, SHOP_SERVICE } from './fixtures';
import { FILE_CHANGED, FILE_CREATED, FILE_DELETED, fileUri, indexed, LspClient, Workspaces } from './harness';
import type { StartOptions } from './harness';

const WORKSPACE_SCOPE = { problems: { scope: 'workspace' } };


/** Another workload, so that a Service that selects none of the pods is worth a finding. */
const WORKER = SHOP_DEPLOYMENT.replace(/shop/g, 'worker').replace('tier: web', 'tier: jobs');


/** A strategic merge patch: a partial Deployment whose pod labels only count when it is not a patch. */
const PATCH = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: shop
spec:
  template:
    metadata:
      labels:
        app: shop
        tier: web
    spec:
      containers:
        - name: shop
          image: shop:1.4.3
`;

const KUSTOMIZATION = 'resources:\n  - ../base/worker.yaml\npatches:\n  - path: patch.yaml\n';

function range(line: number, start: number, end: number): Diagnostic['range'] {
  return { start: { line, character: start }, end: { line, character: end } };
}

const codes = (diagnostics: readonly Diagnostic[]): string[] => diagnostics.map((d) => String(d.code));
const selectsNothing = (p: PublishDiagnosticsParams): boolean => codes(p.diagnostics).includes('service-selects-nothing');

function byUri(items: WorkspaceDocumentDiagnosticReport[]): Map<string, WorkspaceDocumentDiagnosticReport> {
  return new Map(items.map((i) => [i.uri, i]));
}

function fullItems(report: WorkspaceDocumentDiagnosticReport | undefined): Diagnostic[] {
  assert.equal(report?.kind, 'full');
  return (report as FullDocumentDiagnosticReport).items;
}

describe('index, settings, config files and checks across files together', () => {
  const workspaces = new Workspaces();
  after(() => workspaces.dispose());

  async function start(files: Record<string, string>, options: StartOptions = {}): Promise<{ dir: string; client: LspClient; summary: string }> {
    const started = await workspaces.start(files, options);
    return { ...started, summary: await indexed(started.client) };
  }

  test('closed files get their folder’s kubeready.rules and kubeready.ignorePaths settings', async () => {
    const { dir, client, summary } = await start(
      { 'api/Dockerfile': DOCKERFILE_LATEST, 'legacy/Dockerfile': DOCKERFILE_LATEST, 'web/Dockerfile': 'FROM alpine\nUSER 10001\n' },
      { pullDiagnostics: true, settings: { ...WORKSPACE_SCOPE, rules: { 'latest-tag': 'off' }, ignorePaths: ['legacy/**'] } },
    );
    assert.match(summary, /^Indexed 2 files /, 'the ignored folder is not indexed');
    const reports = byUri((await client.pullWorkspace()).items);
    assert.deepEqual([...reports.keys()].sort(), [fileUri(dir, 'api', 'Dockerfile'), fileUri(dir, 'web', 'Dockerfile')]);
    assert.deepEqual(codes(fullItems(reports.get(fileUri(dir, 'api', 'Dockerfile')))), [], 'latest-tag is off in the settings');
    assert.deepEqual(codes(fullItems(reports.get(fileUri(dir, 'web', 'Dockerfile')))), ['untagged-image']);

    // The settings change: the ignored folder comes back, the rule is on again.
    const logs = client.logs.length;
    await client.changeSettings({ ...WORKSPACE_SCOPE });
    await client.waitUntil('a new index summary', () => client.logs.slice(logs).find((l) => l.message.startsWith('Indexed 3 files')));
    const again = byUri((await client.pullWorkspace()).items);
    assert.deepEqual(codes(fullItems(again.get(fileUri(dir, 'api', 'Dockerfile')))), ['latest-tag']);
    assert.deepEqual(codes(fullItems(again.get(fileUri(dir, 'legacy', 'Dockerfile')))), ['latest-tag']);
  });

  test('a closed Deployment counts for an open Service: related location in its file; deleting it on disk brings the finding', async () => {
    const { dir, client } = await start({ 'k8s/deployment.yaml': SHOP_DEPLOYMENT, 'k8s/worker.yaml': WORKER });
    const service = fileUri(dir, 'k8s', 'service.yaml');
    await client.open(service, 'yaml', SHOP_SERVICE);
    const published = await client.waitForPublish(service, (p) => codes(p.diagnostics).includes('service-port-mismatch'));
    assert.ok(!selectsNothing(published), 'the closed Deployment’s pods are selected');
    const mismatch = published.diagnostics.find((d) => d.code === 'service-port-mismatch');
    assert.deepEqual(mismatch?.relatedInformation, [
      { location: { uri: fileUri(dir, 'k8s', 'deployment.yaml'), range: range(15, 16, 20) }, message: 'Container shop of Deployment shop declares 8080 (http)' },
    ]);

    // Changed on disk: the pods lose a label the Service selects.
    let mark = client.mark();
    const file = path.join(dir, 'k8s', 'deployment.yaml');
    fs.writeFileSync(file, SHOP_DEPLOYMENT.replace('tier: web', 'tier: api'));
    await client.fileEvents([[file, FILE_CHANGED]]);
    const changed = await client.waitForPublish(service, selectsNothing, mark);
    assert.deepEqual(changed.diagnostics.find((d) => d.code === 'service-selects-nothing')?.relatedInformation?.[0].location.uri, fileUri(dir, 'k8s', 'deployment.yaml'));

    fs.writeFileSync(file, SHOP_DEPLOYMENT);
    mark = client.mark();
    await client.fileEvents([[file, FILE_CHANGED]]);
    await client.waitForPublish(service, (p) => !selectsNothing(p), mark);
    mark = client.mark();
    fs.rmSync(file);
    await client.fileEvents([[file, FILE_DELETED]]);
    await client.waitForPublish(service, (p) => selectsNothing(p) && !codes(p.diagnostics).includes('service-port-mismatch'), mark);
  });

  test('a kustomization created or deleted later turns a closed file into a patch and back', async () => {
    const { dir, client } = await start({ 'base/worker.yaml': WORKER, 'overlay/patch.yaml': PATCH });
    const service = fileUri(dir, 'service.yaml');
    await client.open(service, 'yaml', SHOP_SERVICE);
    await client.waitForPublish(service, (p) => p.version === 1 && !selectsNothing(p) && client.progress.some((r) => r.value.kind === 'end'));

    let mark = client.mark();
    const kustomization = path.join(dir, 'overlay', 'kustomization.yaml');
    fs.writeFileSync(kustomization, KUSTOMIZATION);
    await client.fileEvents([[kustomization, FILE_CREATED]]);
    await client.waitForPublish(service, selectsNothing, mark);

    mark = client.mark();
    fs.rmSync(kustomization);
    await client.fileEvents([[kustomization, FILE_DELETED]]);
    await client.waitForPublish(service, (p) => !selectsNothing(p), mark);
  });

  test('an open patch defines nothing once a kustomization names it', async () => {
    const { dir, client } = await start({ 'base/worker.yaml': WORKER });
    const service = fileUri(dir, 'service.yaml');
    const patch = fileUri(dir, 'overlay', 'patch.yaml');
    fs.mkdirSync(path.join(dir, 'overlay'));
    fs.writeFileSync(path.join(dir, 'overlay', 'patch.yaml'), PATCH);
    await client.open(patch, 'yaml', PATCH);
    await client.open(service, 'yaml', SHOP_SERVICE);
    assert.ok(!codes(await client.diagnostics(service)).includes('service-selects-nothing'));

    const mark = client.mark();
    const kustomization = path.join(dir, 'overlay', 'kustomization.yaml');
    fs.writeFileSync(kustomization, KUSTOMIZATION);
    await client.fileEvents([[kustomization, FILE_CREATED]]);
    await client.waitForPublish(service, selectsNothing, mark);
  });

  test('config files changed on disk re-check open documents and closed files; a broken one falls back to the defaults', async () => {
    const { dir, client } = await start({ 'api/Dockerfile': DOCKERFILE_LATEST }, { settings: { ...WORKSPACE_SCOPE } });
    const closed = fileUri(dir, 'api', 'Dockerfile');
    const open = fileUri(dir, 'Dockerfile');
    await client.open(open, 'dockerfile', DOCKERFILE_LATEST);
    assert.deepEqual(codes(await client.diagnostics(open)), ['latest-tag']);
    await client.waitForPublish(closed, (p) => codes(p.diagnostics).includes('latest-tag'));

    /** Writes a file, tells the server, and waits until both files' diagnostics are `expected`. */
    const expectAfter = async (name: string, text: string | null, expected: string[]): Promise<void> => {
      const mark = client.mark();
      const file = path.join(dir, name);
      if (text === null) fs.rmSync(file);
      else fs.writeFileSync(file, text);
      await client.fileEvents([[file, text === null ? FILE_DELETED : FILE_CHANGED]]);
      const same = (p: PublishDiagnosticsParams): boolean => codes(p.diagnostics).join() === expected.join();
      await client.waitForPublish(open, same, mark);
      await client.waitForPublish(closed, same, mark);
    };
    await expectAfter('.kubeready.yaml', 'rules:\n  latest-tag: off\n', []);
    await expectAfter('.kubeready.yaml', null, ['latest-tag']);
    await expectAfter('.hadolint.yaml', 'ignored:\n  - DL3007\n', []);
    await expectAfter('.hadolint.yaml', null, ['latest-tag']);

    // A broken config: its problems on the open config document, the other files with the defaults.
    const config = fileUri(dir, '.kubeready.yaml');
    const broken = 'rules:\n  latest-tag: sometimes\n';
    await client.open(config, 'yaml', broken);
    const [problem, ...more] = await client.diagnostics(config);
    assert.deepEqual(more, []);
    assert.deepEqual([problem.code, problem.range], ['config', range(1, 14, 23)]);
    await expectAfter('.kubeready.yaml', 'rules:\n  latest-tag: off\n', []);
    await expectAfter('.kubeready.yaml', broken, ['latest-tag']);
    await client.waitUntil('the warning about the broken config', () => client.shownMessages.find((m) => m.message.includes('.kubeready.yaml')));
  });

  test('a broken JSON config: the warning and the logs do not quote its text', async () => {
    const { dir, client } = await start({ '.kubeready.json': '{"rules": {"latest-tag": s3cr3t-v4lue}}\n' });
    const dockerfile = fileUri(dir, 'Dockerfile');
    await client.open(dockerfile, 'dockerfile', DOCKERFILE_LATEST);
    assert.deepEqual(codes(await client.diagnostics(dockerfile)), ['latest-tag'], 'checked with the defaults');
    const warning = await client.waitUntil('the warning', () => client.shownMessages.find((m) => m.message.includes('.kubeready.json')));
    assert.match(warning.message, /JSON syntax/);
    for (const text of [warning.message, ...client.logs.map((l) => l.message), client.stderr]) assert.ok(!text.includes('s3cr3t'), text);
  });

  test('pull reports of closed files keep related locations in other closed files and the rule docs', async () => {
    const { dir, client } = await start({ 'k8s/deployment.yaml': SHOP_DEPLOYMENT, 'k8s/service.yaml': SHOP_SERVICE }, { pullDiagnostics: true, settings: { ...WORKSPACE_SCOPE } });
    const service = fileUri(dir, 'k8s', 'service.yaml');
    const mismatch = fullItems(byUri((await client.pullWorkspace()).items).get(service)).find((d) => d.code === 'service-port-mismatch');
    assert.deepEqual(mismatch?.range, range(10, 18, 21));
    assert.match(mismatch?.codeDescription?.href ?? '', /service-port-mismatch/);
    assert.deepEqual(mismatch?.relatedInformation, [
      { location: { uri: fileUri(dir, 'k8s', 'deployment.yaml'), range: range(15, 16, 20) }, message: 'Container shop of Deployment shop declares 8080 (http)' },
    ]);

    // Opened: pushed once, never pulled as well.
    await client.open(service, 'yaml', SHOP_SERVICE);
    assert.ok(codes(await client.diagnostics(service)).includes('service-port-mismatch'));
    const pulled = await client.pullDocument(service);
    assert.deepEqual(pulled.kind === 'full' && pulled.items, []);
    const workspace = byUri((await client.pullWorkspace()).items);
    assert.ok(!workspace.has(service));
    assert.equal(client.publishes.filter((p) => p.uri === service && p.version === undefined).length, 0, 'no unversioned push for a pull client');
  });
});
