/** The language server's workspace index over an in-memory disk (and once over a real folder). */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { SKIPPED_FOLDERS, walkedKind } from '../../server/src/cli/walk';
import type { WalkOptions } from '../../server/src/cli/walk';
import { WorkspaceIndex } from '../../server/src/lsp/workspace-index';
import type { IndexFileSystem } from '../../server/src/lsp/workspace-index';
import type { SourceText } from '../../server/src/source-file';
import { removeDir, tempDir } from './harness';

const ROOT = path.resolve('/ws');

interface FakeFile {
  text: string | null;
  mtime: number;
}

/** An in-memory disk: `null` text stands for a file that is not UTF-8; counts the reads. */
class FakeDisk implements IndexFileSystem {
  readonly files = new Map<string, FakeFile>();
  readonly reads: string[] = [];

  write(relative: string, text: string | null): string {
    const file = path.join(ROOT, relative);
    this.files.set(file, { text, mtime: (this.files.get(file)?.mtime ?? 0) + 1 });
    return file;
  }

  *walk(roots: readonly string[], options: WalkOptions): Generator<void, string[]> {
    const found: string[] = [];
    for (const root of roots) {
      for (const file of this.files.keys()) {
        const parts = path.relative(root, file).split(path.sep);
        if (parts[0] === '..' || parts.some((p) => SKIPPED_FOLDERS.has(p))) continue;
        if (walkedKind(parts[parts.length - 1]) && !options.isIgnored(file)) found.push(file);
      }
      yield;
    }
    return found;
  }

  stamp(file: string): string | null {
    const entry = this.files.get(file);
    return entry ? `${entry.text?.length ?? 0}:${entry.mtime}` : null;
  }

  read(file: string): SourceText {
    this.reads.push(file);
    const entry = this.files.get(file);
    if (!entry) throw Object.assign(new Error('gone'), { code: 'ENOENT' });
    return entry.text === null ? { skipped: 'not UTF-8 text' } : { text: entry.text, bom: false };
  }
}

function setup(ignored: (file: string) => boolean = () => false): { disk: FakeDisk; index: WorkspaceIndex; kustomizations: string[] } {
  const disk = new FakeDisk();
  const kustomizations: string[] = [];
  const index = new WorkspaceIndex({
    isIgnored: ignored,
    registerKustomization: (file) => kustomizations.push(file),
    fileSystem: disk,
    pause: () => Promise.resolve(),
  });
  return { disk, index, kustomizations };
}

function keys(index: WorkspaceIndex): Record<string, string> {
  return Object.fromEntries([...index.entries()].map(([file, e]) => [path.relative(ROOT, file), e.contribution.key]));
}

const deployment = (image: string): string =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: ${image}\n`;

describe('WorkspaceIndex', () => {
  test('a build keeps each readable file’s contribution and counts the files it could not read', async () => {
    const { disk, index } = setup();
    disk.write('Dockerfile', 'FROM nginx:1.25\n');
    disk.write('k8s/app.yaml', deployment('redis:7.2'));
    disk.write('k8s/latin1.yaml', null);
    disk.write('node_modules/x/app.yaml', deployment('nginx:1.1'));
    disk.write('.kubeready.yaml', 'rules: {}\n');
    disk.write('README.md', '# hi\n');
    const summary = await index.build([ROOT]);
    assert.equal(summary?.indexed, 2);
    assert.equal(summary?.skipped, 1);
    const found = keys(index);
    assert.deepEqual(Object.keys(found).sort(), ['Dockerfile', path.join('k8s', 'app.yaml')]);
    assert.match(found.Dockerfile, /nginx:1\.25/);
    assert.match(found[path.join('k8s', 'app.yaml')], /redis:7\.2/);
    assert.equal(index.get(path.join(ROOT, 'Dockerfile'))?.checked, true);
    assert.ok(index.generation > 0);
  });

  test('YAML that is not Kubernetes is indexed but not checked', async () => {
    const { disk, index } = setup();
    const file = disk.write('values.yaml', 'replicaCount: 2\n');
    await index.build([ROOT]);
    assert.equal(index.get(file)?.checked, false);
    assert.equal(index.get(file)?.contribution.key, '');
  });

  test('files the config ignores are left out, at build and on update', async () => {
    const { disk, index } = setup((file) => file.includes(`${path.sep}legacy`));
    disk.write('legacy/Dockerfile', 'FROM nginx:1.0\n');
    await index.build([ROOT]);
    assert.deepEqual(keys(index), {});
    const file = disk.write('legacy/Dockerfile', 'FROM nginx:1.1\n');
    assert.equal(index.accepts(file), false);
    assert.equal(index.update(file), false);
    assert.deepEqual(keys(index), {});
  });

  test('accepts only files the walk would read', async () => {
    const { index } = setup();
    await index.build([ROOT]);
    assert.equal(index.accepts(path.join(ROOT, 'a', 'Dockerfile')), true);
    assert.equal(index.accepts(path.join(ROOT, 'a', 'app.yml')), true);
    assert.equal(index.accepts(path.join(ROOT, 'node_modules', 'app.yml')), false);
    assert.equal(index.accepts(path.join(ROOT, '.git', 'Dockerfile')), false);
    assert.equal(index.accepts(path.join(ROOT, '.kubeready.yaml')), false);
    assert.equal(index.accepts(path.join(ROOT, 'notes.md')), false);
    assert.equal(index.accepts(path.resolve('/elsewhere/Dockerfile')), false);
  });

  test('update says whether the contribution changed; an unchanged stamp is not read again', async () => {
    const { disk, index } = setup();
    const file = disk.write('Dockerfile', 'FROM nginx:1.25\n');
    await index.build([ROOT]);
    const generation = index.generation;
    disk.write('Dockerfile', 'FROM nginx:1.25\nUSER 10001\n');
    assert.equal(index.update(file), false, 'same image tags');
    assert.equal(index.generation, generation);
    disk.write('Dockerfile', 'FROM nginx:1.26\n');
    assert.equal(index.update(file), true);
    assert.ok(index.generation > generation);
    assert.match(keys(index).Dockerfile, /nginx:1\.26$/);
    const created = disk.write('sub/Containerfile', 'FROM alpine:3.20\n');
    assert.equal(index.update(created), true);
    assert.equal(Object.keys(keys(index)).length, 2);

    disk.reads.length = 0;
    assert.equal((await index.build([ROOT]))?.indexed, 2);
    assert.deepEqual(disk.reads, [], 'a rebuild reads no unchanged file');
  });

  test('remove drops a file or every file below a folder', async () => {
    const { disk, index } = setup();
    disk.write('Dockerfile', 'FROM nginx:1.25\n');
    disk.write('k8s/a.yaml', deployment('redis:7.2'));
    disk.write('k8s/b/c.yaml', deployment('redis:7.0'));
    await index.build([ROOT]);
    assert.equal(index.remove(path.join(ROOT, 'k8s')), true);
    assert.deepEqual(Object.keys(keys(index)), ['Dockerfile']);
    assert.equal(index.remove(path.join(ROOT, 'k8s')), false);
    assert.equal(index.remove(path.join(ROOT, 'Dockerfile')), true);
    assert.deepEqual(keys(index), {});
  });

  test('kustomizations are registered at build and again on request; a deleted one is forgotten', async () => {
    const { disk, index, kustomizations } = setup();
    const kustomization = disk.write('overlay/kustomization.yaml', 'resources:\n  - ../base\n');
    await index.build([ROOT]);
    assert.deepEqual(kustomizations, [kustomization]);
    index.registerKustomizations();
    assert.deepEqual(kustomizations, [kustomization, kustomization]);
    index.remove(kustomization);
    index.registerKustomizations();
    assert.equal(kustomizations.length, 2);
  });

  test('a file whose patch status changed is read again: a patch defines nothing, and its objects count again after', async () => {
    const disk = new FakeDisk();
    const patches = new Set<string>();
    const index = new WorkspaceIndex({
      isIgnored: () => false,
      registerKustomization: () => undefined,
      isPatch: (file) => patches.has(file),
      fileSystem: disk,
      pause: () => Promise.resolve(),
    });
    const patch = disk.write('overlay/patch.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n');
    const other = disk.write('base/service.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: api\n');
    await index.build([ROOT]);
    const full = index.get(patch)?.contribution.key;
    assert.ok(full);
    assert.equal(index.refreshPatches(), false, 'nothing changed');

    patches.add(patch);
    const reads = disk.reads.length;
    assert.equal(index.refreshPatches(), true);
    assert.equal(index.get(patch)?.contribution.key, '');
    assert.deepEqual(disk.reads.slice(reads), [patch], 'only the file whose status changed is read');
    // A build keeps an unchanged file only when its patch status is unchanged too.
    patches.delete(patch);
    await index.build([ROOT]);
    assert.equal(index.get(patch)?.contribution.key, full);
    assert.ok(index.get(other));
  });

  test('a newer build replaces one in progress, which then returns null', async () => {
    const disk = new FakeDisk();
    let release: () => void = () => undefined;
    let paused = 0;
    const index = new WorkspaceIndex({
      isIgnored: () => false,
      registerKustomization: () => undefined,
      fileSystem: disk,
      // The first pause holds the first build until released.
      pause: () => (++paused === 1 ? new Promise<void>((resolve) => (release = resolve)) : Promise.resolve()),
    });
    disk.write('Dockerfile', 'FROM nginx:1.25\n');
    // A walk step that takes a slice's worth of time makes the first build pause.
    const slowWalk = disk.walk.bind(disk);
    disk.walk = function* (roots, options) {
      const until = Date.now() + 15;
      while (Date.now() < until) continue;
      yield;
      return yield* slowWalk(roots, options);
    };
    const first = index.build([ROOT]);
    assert.equal(index.indexing, true);
    disk.write('sub/Dockerfile', 'FROM alpine:3.20\n');
    disk.walk = slowWalk;
    const second = await index.build([ROOT]);
    release();
    assert.equal(await first, null);
    assert.equal(second?.indexed, 2);
    assert.equal(index.indexing, false);
  });

  test('the real walker: node_modules skipped, not UTF-8 counted as skipped, a folder reached twice read once', async () => {
    const dir = tempDir();
    try {
      fs.mkdirSync(path.join(dir, 'node_modules'));
      fs.mkdirSync(path.join(dir, 'app'));
      fs.writeFileSync(path.join(dir, 'node_modules', 'Dockerfile'), 'FROM nginx:1.0\n');
      fs.writeFileSync(path.join(dir, 'app', 'Dockerfile'), 'FROM nginx:1.25\n');
      fs.writeFileSync(path.join(dir, 'app', 'big.yaml'), Buffer.from([0xff, 0xfe, 0x00]));
      fs.symlinkSync(path.join(dir, 'app'), path.join(dir, 'link'));
      const index = new WorkspaceIndex({ isIgnored: () => false, registerKustomization: () => undefined });
      const summary = await index.build([dir]);
      assert.deepEqual(summary && [summary.indexed, summary.skipped], [1, 1]);
      assert.deepEqual([...index.entries()].map(([file]) => path.relative(dir, file)), [path.join('app', 'Dockerfile')]);
    } finally {
      removeDir(dir);
    }
  });
});
