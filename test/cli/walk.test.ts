/** Finding the files to check. */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { collectTargets, ioReason } from '../../server/src/cli/walk';
import { removeTempDirs, tempDir, writeFiles } from './helpers';

after(removeTempDirs);

function relative(dir: string, files: { file: string }[]): string[] {
  return files.map((t) => path.relative(dir, t.file).split(path.sep).join('/')).sort();
}

test('picks Dockerfiles and YAML by name, skips other files, .git and node_modules', () => {
  const dir = tempDir();
  writeFiles(dir, {
    Dockerfile: '',
    'Containerfile': '',
    'api.dockerfile': '',
    'Dockerfile.dev': '',
    'Dockerfile.md': '',
    '.kubeready.yaml': '',
    'k8s/a.yaml': '',
    'k8s/b.YML': '',
    'k8s/notes.txt': '',
    'node_modules/x/Dockerfile': '',
    '.git/config.yaml': '',
  });
  const { targets, problems } = collectTargets([dir], { isIgnored: () => false });
  assert.deepEqual(problems, []);
  assert.deepEqual(relative(dir, targets), ['Containerfile', 'Dockerfile', 'Dockerfile.dev', 'api.dockerfile', 'k8s/a.yaml', 'k8s/b.YML']);
  assert.deepEqual(
    targets.map((t) => [path.basename(t.file), t.kind, t.explicit, t.ignored]).sort(),
    [
      ['Containerfile', 'dockerfile', false, false],
      ['Dockerfile', 'dockerfile', false, false],
      ['Dockerfile.dev', 'dockerfile', false, false],
      ['a.yaml', 'yaml', false, false],
      ['api.dockerfile', 'dockerfile', false, false],
      ['b.YML', 'yaml', false, false],
    ],
  );
});

test('ignored folders are not entered; explicit files are kept and marked ignored', () => {
  const dir = tempDir();
  writeFiles(dir, { 'vendor/deep/Dockerfile': '', 'app/Dockerfile': '', 'notes.txt': '' });
  const seen: string[] = [];
  const isIgnored = (file: string): boolean => {
    seen.push(path.relative(dir, file));
    return path.basename(file) === 'vendor' || file.endsWith('notes.txt');
  };
  const walked = collectTargets([dir], { isIgnored });
  assert.deepEqual(relative(dir, walked.targets), ['app/Dockerfile']);
  assert.ok(!seen.includes(path.join('vendor', 'deep')), 'an ignored folder is not walked');
  const explicit = collectTargets([path.join(dir, 'notes.txt')], { isIgnored });
  assert.deepEqual(explicit.targets.map((t) => [t.kind, t.explicit, t.ignored]), [[null, true, true]]);
});

test('symbolic link loops end; a real file reached twice is listed once', () => {
  const dir = tempDir();
  writeFiles(dir, { 'a/Dockerfile': '' });
  fs.symlinkSync(dir, path.join(dir, 'a', 'up'));
  fs.symlinkSync(path.join(dir, 'a'), path.join(dir, 'b'));
  const { targets, problems } = collectTargets([dir, path.join(dir, 'a', 'Dockerfile')], { isIgnored: () => false });
  assert.deepEqual(problems, []);
  assert.equal(targets.length, 1);
});

test('paths that cannot be read become problems, the walk goes on', () => {
  const dir = tempDir();
  writeFiles(dir, { 'ok/Dockerfile': '' });
  fs.symlinkSync(path.join(dir, 'nowhere'), path.join(dir, 'ok', 'x.yaml'));
  fs.symlinkSync(path.join(dir, 'nowhere'), path.join(dir, 'ok', 'unrelated-link'));
  const { targets, problems } = collectTargets([dir, path.join(dir, 'gone')], { isIgnored: () => false });
  assert.deepEqual(relative(dir, targets), ['ok/Dockerfile']);
  assert.deepEqual(
    problems.map((p) => [path.relative(dir, p.file), p.reason]),
    [
      ['ok/x.yaml', 'no such file or folder'],
      ['gone', 'no such file or folder'],
    ].sort((a, b) => (a[0] === 'gone' ? 1 : b[0] === 'gone' ? -1 : 0)),
  );
});

test('ioReason speaks plainly', () => {
  const error = (code: string): NodeJS.ErrnoException => Object.assign(new Error('x'), { code });
  assert.equal(ioReason(error('EACCES')), 'permission denied');
  assert.equal(ioReason(error('ELOOP')), 'too many levels of symbolic links');
  assert.equal(ioReason(error('EIO')), 'cannot be read (EIO)');
  assert.equal(ioReason(new Error('odd')), 'cannot be read (odd)');
});
