/**
 * `kubeready.limits.maxFileSize`: files larger than the setting are skipped with a reason that names
 * it, and changing the setting takes effect without a restart.
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { DEFAULT_MAX_FILE_SIZE, MEGABYTE } from '../../server/src/limits';
import { readSettings } from '../../server/src/lsp/settings';
import { STATUS_NOTIFICATION } from '../../server/src/lsp/status';
import type { FileStatus } from '../../server/src/lsp/status';
import { fileUri, LspClient, removeDir, tempDir } from './harness';

const dir = tempDir();
after(() => removeDir(dir));

/** A manifest of about `megabytes` MB: one Pod with a long annotation, pulling nginx:latest. */
function manifest(megabytes: number): string {
  const padding = 'x'.repeat(Math.round(megabytes * 1024 * 1024));
  return `apiVersion: v1\nkind: Pod\nmetadata:\n  name: big\n  annotations:\n    note: "${padding}"\nspec:\n  containers:\n    - name: app\n      image: nginx:latest\n`;
}

test('a file over kubeready.limits.maxFileSize is skipped with a reason; raising the limit checks it', async () => {
  const client = await LspClient.start({ initializationOptions: { fileStatus: true }, settings: { enable: true, limits: { maxFileSize: 1 } } });
  try {
    const big = fileUri(dir, 'big.yaml');
    const small = fileUri(dir, 'small.yaml');
    await client.open(small, 'yaml', manifest(0));
    assert.ok((await client.diagnostics(small)).some((d) => d.code === 'latest-tag'), 'a small file is checked under the lowered limit');
    const skipped = client.waitForNotification<FileStatus>(STATUS_NOTIFICATION, (s) => s.uri === big && s.reason !== undefined);
    await client.open(big, 'yaml', manifest(1.5));
    assert.match((await skipped).reason ?? '', /larger than the 1 MB limit/);

    const mark = client.mark();
    await client.changeSettings({ enable: true, limits: { maxFileSize: 2 } });
    const checked = await client.waitForPublish(big, (p) => p.diagnostics.some((d) => d.code === 'latest-tag'), mark);
    assert.ok(checked.diagnostics.some((d) => d.code === 'latest-tag'), 'checked once the limit allows it');
  } finally {
    client.kill();
  }
});

test('readSettings: limits.maxFileSize is whole megabytes, 1 or more; anything else keeps the default', () => {
  assert.equal(readSettings({ limits: { maxFileSize: 8 } }).maxFileSize, 8 * MEGABYTE);
  for (const wrong of [0, -1, 1.5, '8', null]) assert.equal(readSettings({ limits: { maxFileSize: wrong } }).maxFileSize, DEFAULT_MAX_FILE_SIZE);
  assert.equal(readSettings({}).maxFileSize, DEFAULT_MAX_FILE_SIZE);
});
