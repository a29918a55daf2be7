/** The project config over the protocol: severities, `ignore`, broken configs, kustomize patches, file watching. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { DOCKERFILE_LATEST, MANIFEST } from './fixtures';
import { fileUri, LspClient, removeDir, tempDir } from './harness';

const WARNING = 2;
const ERROR = 1;

describe('project config', () => {
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

  test('a broken config is announced once per change, the defaults apply meanwhile, and a fixed config is picked up', async () => {
    const project = path.join(dir, 'broken-config');
    const config = path.join(project, '.kubeready.yaml');
    fs.mkdirSync(project);
    fs.writeFileSync(config, 'rules:\n  latest-tag: loud\n');
    const uri = fileUri(project, 'Dockerfile');
    await client.open(uri, 'dockerfile', DOCKERFILE_LATEST);
    assert.deepEqual((await client.diagnostics(uri)).map((d) => [d.code, d.severity]), [['latest-tag', WARNING]]);
    await client.replace(uri, `${DOCKERFILE_LATEST}CMD ["/usr/local/bin/server"]\n`);
    assert.equal((await client.diagnostics(uri)).length, 1);
    const warnings = (): string[] => client.shownMessages.filter((m) => m.type === WARNING).map((m) => m.message);
    assert.equal(warnings().length, 1, warnings().join('\n'));
    assert.ok(warnings()[0].includes(config) && warnings()[0].includes('latest-tag'), warnings()[0]);
    assert.ok(client.logs.some((l) => l.type === WARNING && l.message === warnings()[0]), 'the warning is logged too');

    fs.writeFileSync(config, 'rules:\n  latest-tag: error\n');
    let mark = client.mark();
    await client.filesChanged(config);
    const fixed = await client.waitForPublish(uri, () => true, mark);
    assert.deepEqual(fixed.diagnostics.map((d) => [d.code, d.severity]), [['latest-tag', ERROR]]);

    fs.writeFileSync(config, 'rules: [');
    mark = client.mark();
    await client.filesChanged(config);
    await client.waitForPublish(uri, () => true, mark);
    assert.equal(warnings().length, 2, 'the config broke again: one more warning');
    await client.close(uri);
  });

  test('a rule turned off in the config is not reported', async () => {
    const project = path.join(dir, 'rule-off');
    fs.mkdirSync(project);
    fs.writeFileSync(path.join(project, '.kubeready.json'), JSON.stringify({ rules: { 'latest-tag': 'off' } }));
    const uri = fileUri(project, 'Dockerfile');
    await client.open(uri, 'dockerfile', DOCKERFILE_LATEST);
    assert.deepEqual(await client.diagnostics(uri), []);
    await client.close(uri);
  });

  test('files the config ignores get no diagnostics, and a config created later is picked up when the client reports it', async () => {
    const project = path.join(dir, 'ignore');
    fs.mkdirSync(project);
    const uri = fileUri(project, 'legacy', 'Dockerfile');
    await client.open(uri, 'dockerfile', DOCKERFILE_LATEST);
    assert.equal((await client.diagnostics(uri)).length, 1);
    const config = path.join(project, '.kubeready.yml');
    fs.writeFileSync(config, 'ignore:\n  - legacy/**\n');
    const mark = client.mark();
    await client.filesChanged(config);
    assert.deepEqual((await client.waitForPublish(uri, () => true, mark)).diagnostics, []);
    assert.ok(client.logs.some((l) => l.type === 3 && l.message.includes('ignore') && l.message.includes(config)));
    await client.close(uri);
  });

  test('a kustomize patch gets no missing-probe diagnostics', async () => {
    const project = path.join(dir, 'kustomize');
    fs.mkdirSync(project);
    fs.writeFileSync(path.join(project, 'kustomization.yaml'), 'resources:\n  - app.yaml\npatches:\n  - path: patch.yaml\n');
    const patch = fileUri(project, 'patch.yaml');
    const app = fileUri(project, 'app.yaml');
    await client.open(patch, 'yaml', MANIFEST);
    await client.open(app, 'yaml', MANIFEST);
    const codes = async (uri: string): Promise<string[]> => (await client.diagnostics(uri)).map((d) => String(d.code));
    assert.ok(!(await codes(patch)).some((c) => c.startsWith('missing-')));
    assert.ok((await codes(app)).includes('missing-liveness-probe'));
    await client.close(patch);
    await client.close(app);
  });
});
