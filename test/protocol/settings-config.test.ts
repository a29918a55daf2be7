/**
 * The `kubeready.*` settings with the config file's keys, under the config file; the config file's
 * own problems as diagnostics on it while it is open.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { fileSystemPath, ProjectFiles, workspaceFolderPaths } from '../../server/src/lsp/project-files';
import { DEFAULT_SETTINGS, readSettings } from '../../server/src/lsp/settings';
import { Project } from '../../server/src/project';
import { DOCKERFILE_LATEST, MANIFEST } from './fixtures';
import { fileUri, isCodeAction, LspClient, removeDir, tempDir } from './harness';

const ERROR = 1;
const WARNING = 2;
const INFORMATION = 3;

describe('readSettings', () => {
  test('reads the config keys; a wrong entry or list is left out, the rest still applies', () => {
    assert.deepEqual(readSettings({}), DEFAULT_SETTINGS);
    assert.deepEqual(readSettings(null), DEFAULT_SETTINGS);
    const settings = readSettings({
      enable: true,
      rules: { 'latest-tag': 'error', 'naked-pod': 'loud', 'no-such-rule': 'off', 'plaintext-secret': { secretWords: ['pin'] }, 'large-base-image': { allowedImages: 'python' } },
      ignorePaths: ['legacy/**'],
      trustedRegistries: [42],
    });
    assert.deepEqual(settings.config, {
      rules: { 'latest-tag': 'error' },
      ignore: ['legacy/**'],
      trustedRegistries: [],
      ruleOptions: { 'plaintext-secret': { secretWords: ['pin'] } },
    });
    assert.deepEqual(readSettings({ rules: [] }).config, DEFAULT_SETTINGS.config);
  });
});

describe('ProjectFiles with settings', () => {
  test("settings merge under the file's config; their ignorePaths are relative to the deepest workspace folder", (t) => {
    const dir = tempDir();
    t.after(() => removeDir(dir));
    fs.mkdirSync(path.join(dir, 'inner'));
    fs.writeFileSync(path.join(dir, 'inner', '.kubeready.yaml'), 'rules:\n  latest-tag: info\n');
    const settings = readSettings({ rules: { 'latest-tag': 'error', 'naked-pod': 'off' }, ignorePaths: ['gen/**', '*.tmp.yaml'] }).config;
    const files = new ProjectFiles(new Project(), () => settings);
    files.setWorkspaceFolders(workspaceFolderPaths([{ uri: fileUri(dir) }, { uri: fileUri(dir, 'inner') }], null));
    const context = (...parts: string[]) => files.contextForDocument(fileUri(dir, ...parts));
    assert.deepEqual(context('inner', 'a.yaml').config.rules, { 'latest-tag': 'info', 'naked-pod': 'off' });
    assert.deepEqual(context('a.yaml').config.rules, { 'latest-tag': 'error', 'naked-pod': 'off' });
    assert.equal(context('gen', 'a.yaml').ignored, true);
    assert.equal(context('inner', 'gen', 'a.yaml').ignored, true, 'relative to inner/, the deepest folder');
    assert.equal(context('src', 'gen', 'a.yaml').ignored, false);
    const outside = new ProjectFiles(new Project(), () => settings);
    assert.equal(outside.contextForDocument(fileUri(dir, 'gen', 'a.yaml')).ignored, false, 'no folder: only patterns without a slash');
    assert.equal(outside.contextForDocument(fileUri(dir, 'x', 'b.tmp.yaml')).ignoredBy, 'the setting kubeready.ignorePaths lists it');
    assert.deepEqual(files.contextForDocument('untitled:Untitled-1').config.rules, { 'latest-tag': 'error', 'naked-pod': 'off' }, 'untitled documents get the settings too');
    const generation = files.generation;
    files.settingsChanged();
    assert.equal(files.generation, generation + 1);
    assert.deepEqual(workspaceFolderPaths(null, fileUri(dir)), [fileSystemPath(fileUri(dir))]);
    assert.deepEqual(workspaceFolderPaths(undefined, null), []);
  });

  test('isIgnored (what the index walks past): the config file’s ignorePaths or the settings’; a broken config ignores nothing', (t) => {
    const dir = tempDir();
    t.after(() => removeDir(dir));
    fs.mkdirSync(path.join(dir, 'broken'));
    fs.writeFileSync(path.join(dir, '.kubeready.yaml'), 'ignore:\n  - legacy/**\n');
    fs.writeFileSync(path.join(dir, 'broken', '.kubeready.yaml'), 'rules: [\n');
    const settings = readSettings({ ignorePaths: ['gen/**'] }).config;
    const files = new ProjectFiles(new Project(), () => settings);
    files.setWorkspaceFolders([dir]);
    assert.equal(files.isIgnored(path.join(dir, 'legacy', 'Dockerfile')), true);
    assert.equal(files.isIgnored(path.join(dir, 'gen', 'Dockerfile')), true);
    assert.equal(files.isIgnored(path.join(dir, 'src', 'Dockerfile')), false);
    assert.equal(files.isIgnored(path.join(dir, 'broken', 'Dockerfile')), false);
  });
});

describe('settings and the config file over the protocol', () => {
  let client: LspClient;
  let dir: string;

  before(async () => {
    dir = tempDir();
    client = await LspClient.start({ workspaceFolders: [dir], settings: { enable: true, rules: { 'latest-tag': 'error' }, ignorePaths: ['legacy/**'] } });
  });

  after(() => {
    client.kill();
    removeDir(dir);
  });

  const codes = (diagnostics: Diagnostic[]): [unknown, unknown][] => diagnostics.map((d) => [d.code, d.severity]);

  test('settings apply where no config file sets the rule; the config file wins; settings changes apply at once', async () => {
    const plain = fileUri(dir, 'app', 'Dockerfile');
    await client.open(plain, 'dockerfile', DOCKERFILE_LATEST);
    assert.deepEqual(codes(await client.diagnostics(plain)), [['latest-tag', ERROR]]);

    const project = path.join(dir, 'configured');
    fs.mkdirSync(project);
    fs.writeFileSync(path.join(project, '.kubeready.yaml'), 'rules:\n  latest-tag: info\n');
    const configured = fileUri(project, 'Dockerfile');
    await client.open(configured, 'dockerfile', DOCKERFILE_LATEST);
    assert.deepEqual(codes(await client.diagnostics(configured)), [['latest-tag', INFORMATION]]);

    const mark = client.mark();
    await client.changeSettings({ enable: true, rules: { 'latest-tag': 'off' } });
    assert.deepEqual((await client.waitForPublish(plain, () => true, mark)).diagnostics, []);
    assert.deepEqual(codes((await client.waitForPublish(configured, () => true, mark)).diagnostics), [['latest-tag', INFORMATION]]);
    await client.changeSettings({ enable: true, rules: { 'latest-tag': 'error' }, ignorePaths: ['legacy/**'] });
    await client.close(plain);
    await client.close(configured);
  });

  test("the settings' ignorePaths are relative to the workspace folder", async () => {
    const ignored = fileUri(dir, 'legacy', 'Dockerfile');
    const checked = fileUri(dir, 'src', 'legacy', 'Dockerfile');
    await client.open(ignored, 'dockerfile', DOCKERFILE_LATEST);
    await client.open(checked, 'dockerfile', DOCKERFILE_LATEST);
    assert.deepEqual(await client.diagnostics(ignored), []);
    assert.deepEqual(codes(await client.diagnostics(checked)), [['latest-tag', ERROR]]);
    assert.ok(client.logs.some((l) => l.message.includes('kubeready.ignorePaths')), 'the skip is logged with its reason');
    await client.close(ignored);
    await client.close(checked);
  });

  test('rule options from the settings shape the fixes', async () => {
    await client.changeSettings({ enable: true, rules: { 'missing-liveness-probe': { path: '/livez' } } });
    const uri = fileUri(dir, 'deploy.yaml');
    await client.open(uri, 'yaml', MANIFEST);
    const liveness = (await client.diagnostics(uri)).filter((d) => d.code === 'missing-liveness-probe');
    const titles = (await client.codeActions(uri, liveness)).filter(isCodeAction).map((a) => a.title);
    assert.ok(titles.includes('Add livenessProbe (HTTP GET /livez on port 8080)'), titles.join(' | '));
    await client.close(uri);
    await client.changeSettings({ enable: true, rules: { 'latest-tag': 'error' }, ignorePaths: ['legacy/**'] });
  });

  test('an open config file shows its own problems at the key or value at fault, as it is edited', async () => {
    const project = path.join(dir, 'editing');
    fs.mkdirSync(project);
    const uri = fileUri(project, '.kubeready.yaml');
    const text = 'ignore: [gen/**]\nrules:\n  latest-tga: error\n';
    await client.open(uri, 'yaml', text);
    const diagnostics = await client.diagnostics(uri);
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.source, d.severity, d.range.start.line, d.range.start.character, d.range.end.character, d.message]),
      [
        ['config', 'kubeready', INFORMATION, 0, 0, 6, "'ignore' is the older name of 'ignorePaths': it still works, but rename it so that completion and the docs match"],
        ['config', 'kubeready', ERROR, 2, 2, 12, "Unknown rule 'latest-tga' in 'rules': did you mean 'latest-tag'?"],
      ],
    );
    await client.replace(uri, 'ignorePaths: [gen/**]\nrules:\n  latest-tag: loud\n');
    assert.deepEqual((await client.diagnostics(uri)).map((d) => [d.range.start.line, d.range.start.character, d.message]), [
      [2, 14, '"loud" is not a severity for latest-tag: use error, warning, info or off'],
    ]);
    await client.replace(uri, 'ignorePaths: [gen/**]\nrules:\n  latest-tag: warning\n');
    assert.deepEqual(await client.diagnostics(uri), []);
    await client.close(uri);

    const json = fileUri(project, '.kubeready.json');
    await client.open(json, 'json', '{"rules": {"latest-tag": "warn"}}');
    assert.deepEqual(codes(await client.diagnostics(json)), [['config', ERROR]]);
    await client.close(json);
  });

  test('a broken config on disk: one warning for the files that use it, the details on the config file', async () => {
    const project = path.join(dir, 'broken');
    fs.mkdirSync(project);
    const config = path.join(project, '.kubeready.yaml');
    fs.writeFileSync(config, 'rules:\n  latest-tag: loud\n');
    const uri = fileUri(project, 'Dockerfile');
    await client.open(uri, 'dockerfile', DOCKERFILE_LATEST);
    assert.deepEqual(codes(await client.diagnostics(uri)), [['latest-tag', ERROR]], 'the settings still apply');
    const warning = client.shownMessages.find((m) => m.type === WARNING && m.message.includes(config));
    assert.ok(warning?.message.includes('(line 2, column 15)'), warning?.message);
    await client.close(uri);
  });
});
