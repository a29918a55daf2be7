/**
 * The workspace index over the protocol: closed files' facts reach open documents, progress,
 * file events, ignore paths, watcher registration, and requests answered while indexing.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { MANIFEST } from './fixtures';
import { FILE_CHANGED, FILE_CREATED, FILE_DELETED, fileUri, indexed, LspClient, Workspaces, writeTree } from './harness';
import type { StartOptions } from './harness';

/** The "Pin nginx to <tag>" choices offered for the untagged `nginx` of an open MANIFEST. */
async function pinChoices(client: LspClient, uri: string): Promise<string[]> {
  const diagnostics = (await client.diagnostics(uri)).filter((d) => d.code === 'untagged-image');
  assert.equal(diagnostics.length, 1);
  const actions = await client.codeActions(uri, diagnostics);
  return actions.map((a) => a.title).filter((t) => /^Pin nginx to [^ ]+$/.test(t)).sort();
}

/**
 * Waits for a check of the open document (published from `from` on in the log) after which the
 * pins offered are `expected`: a check the index build scheduled may still arrive first.
 */
async function pinsBecome(client: LspClient, uri: string, expected: string[], from: number): Promise<void> {
  let pins: string[] = [];
  for (let next = from; ; ) {
    const published = await client.waitForPublish(uri, () => true, next).catch((error: Error) => {
      throw new Error(`The pins stayed [${pins.join(', ')}], expected [${expected.join(', ')}]: ${error.message}`);
    });
    next = client.publishes.indexOf(published) + 1;
    pins = await pinChoices(client, uri);
    if (pins.join('|') === expected.join('|')) return;
  }
}

describe('workspace index', () => {
  const workspaces = new Workspaces();
  after(() => workspaces.dispose());
  const start = (files: Record<string, string>, options?: StartOptions): ReturnType<Workspaces['start']> => workspaces.start(files, options);

  /** A workspace with MANIFEST open as app.yaml, once indexed. */
  async function withOpenManifest(files: Record<string, string>): Promise<{ dir: string; client: LspClient; uri: string }> {
    const { dir, client } = await start(files);
    const uri = fileUri(dir, 'app.yaml');
    await client.open(uri, 'yaml', MANIFEST);
    await indexed(client);
    return { dir, client, uri };
  }

  test('a closed Dockerfile’s image tag is offered as a pin in an open manifest; ignored and skipped folders are not read', async () => {
    const { dir, client } = await start({
      'docker/Dockerfile': 'FROM nginx:1.25\nUSER 10001\n',
      'legacy/Dockerfile': 'FROM nginx:1.10\n',
      'node_modules/pkg/Dockerfile': 'FROM nginx:1.11\n',
      '.kubeready.yaml': 'ignore:\n  - legacy/**\n',
    });
    const uri = fileUri(dir, 'k8s', 'app.yaml');
    await client.open(uri, 'yaml', MANIFEST);
    const summary = await indexed(client);
    assert.match(summary, /^Indexed 1 file in the workspace folder in \d+ ms\.$/);
    assert.deepEqual(await pinChoices(client, uri), ['Pin nginx to 1.25']);

    const [begin, ...rest] = client.progress;
    assert.equal(begin.value.kind, 'begin');
    assert.equal(rest[rest.length - 1].value.kind, 'end');
    assert.ok(client.progress.every((p) => p.token === client.progressTokens[0]), 'progress on the token the server created');
  });

  test('files created, changed and deleted on disk update the open document’s findings', async () => {
    const { dir, client, uri } = await withOpenManifest({ 'docker/Dockerfile': 'FROM nginx:1.25\n' });
    assert.deepEqual(await pinChoices(client, uri), ['Pin nginx to 1.25']);

    /** Sends the file events, then waits for a check of the open document that offers `expected`. */
    const pinsAfter = async (changes: [string, number][], expected: string[]): Promise<void> => {
      const mark = client.mark();
      await client.fileEvents(changes);
      await pinsBecome(client, uri, expected, mark);
    };
    const created = path.join(dir, 'web', 'Containerfile');
    writeTree(dir, { 'web/Containerfile': 'FROM nginx:1.27\n' });
    await pinsAfter([[created, FILE_CREATED]], ['Pin nginx to 1.25', 'Pin nginx to 1.27']);
    fs.writeFileSync(created, 'FROM nginx:1.28\n');
    await pinsAfter([[created, FILE_CHANGED]], ['Pin nginx to 1.25', 'Pin nginx to 1.28']);
    fs.rmSync(path.join(dir, 'docker'), { recursive: true });
    await pinsAfter([[path.join(dir, 'docker', 'Dockerfile'), FILE_DELETED]], ['Pin nginx to 1.28']);
  });

  test('an open document wins over its file on disk until it is closed', async () => {
    const { dir, client } = await start({ 'Dockerfile': 'FROM nginx:1.25\n' });
    const manifest = fileUri(dir, 'app.yaml');
    const dockerfile = fileUri(dir, 'Dockerfile');
    await client.open(manifest, 'yaml', MANIFEST);
    await indexed(client);
    let mark = client.mark();
    await client.open(dockerfile, 'dockerfile', 'FROM nginx:1.26\n');
    await pinsBecome(client, manifest, ['Pin nginx to 1.26'], mark);

    // Saved elsewhere while open: ignored; the open text still counts.
    fs.writeFileSync(path.join(dir, 'Dockerfile'), 'FROM nginx:1.30\n');
    await client.fileEvents([[path.join(dir, 'Dockerfile'), FILE_CHANGED]]);
    assert.deepEqual(await pinChoices(client, manifest), ['Pin nginx to 1.26']);

    mark = client.mark();
    await client.close(dockerfile);
    await pinsBecome(client, manifest, ['Pin nginx to 1.30'], mark);
  });

  test('a config created later ignores files that were indexed', async () => {
    const { dir, client, uri } = await withOpenManifest({ 'old/Dockerfile': 'FROM nginx:1.25\n' });
    assert.deepEqual(await pinChoices(client, uri), ['Pin nginx to 1.25']);
    const config = path.join(dir, '.kubeready.yaml');
    fs.writeFileSync(config, 'ignore:\n  - old/**\n');
    const logs = client.logs.length;
    await client.fileEvents([[config, FILE_CREATED]]);
    await client.waitUntil('a second index summary', () => client.logs.slice(logs).find((l) => l.message.startsWith('Indexed 0 files')));
    assert.deepEqual(await pinChoices(client, uri), []);
  });

  test('a workspace folder added later is indexed', async () => {
    const { dir, client } = await start({}, { workspaceFolderChanges: true });
    const uri = fileUri(dir, 'app.yaml');
    await client.open(uri, 'yaml', MANIFEST);
    await indexed(client);
    assert.deepEqual(await pinChoices(client, uri), []);
    const { dir: other } = await start({ 'Dockerfile': 'FROM nginx:1.25\n' });
    const logs = client.logs.length;
    await client.connection.sendNotification('workspace/didChangeWorkspaceFolders', {
      event: { added: [{ uri: pathToFileURL(other).href, name: 'other' }], removed: [] },
    });
    const summary = await client.waitUntil('a second index summary', () => client.logs.slice(logs).find((l) => l.message.startsWith('Indexed ')));
    assert.match(summary.message, /^Indexed 1 file in 2 workspace folders /);
    assert.deepEqual(await pinChoices(client, uri), ['Pin nginx to 1.25']);
  });

  test('the server registers its file watchers when the client allows dynamic registration', async () => {
    const { client } = await start({}, { watchedFilesRegistration: true });
    const registration = await client.waitUntil('the watchers', () => client.registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles'));
    const globs = (registration.registerOptions as { watchers: { globPattern: string }[] }).watchers.map((w) => w.globPattern).join(' ');
    for (const name of ['*.{yaml,yml}', '.kubeready.json', 'Dockerfile', 'Containerfile.*', '.dockerignore', '.containerignore', 'Kustomization']) {
      assert.ok(globs.includes(name), `${name} in ${globs}`);
    }
  });

  test('requests are answered and open documents checked while a large workspace is indexed', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 2000; i++) files[`apps/app-${i}/deploy.yaml`] = MANIFEST.replace('image: nginx', `image: nginx:1.${i}`);
    const { dir, client } = await start(files);
    const uri = fileUri(dir, 'open.yaml');
    await client.open(uri, 'yaml', MANIFEST);
    await client.waitUntil('the indexing progress to begin', () => client.progress.some((p) => p.value.kind === 'begin'));
    const diagnostics = await client.diagnostics(uri);
    const actions = await client.codeActions(uri, diagnostics.filter((d) => d.code === 'untagged-image'));
    assert.ok(actions.length > 0);
    assert.ok(!client.progress.some((p) => p.value.kind === 'end'), 'answered before the index was complete');
    assert.match(await indexed(client), /^Indexed 2000 files /);
    assert.ok(client.progress.some((p) => p.value.kind === 'report' && (p.value.percentage ?? 0) > 0), 'progress reported on the way');
  });
});
