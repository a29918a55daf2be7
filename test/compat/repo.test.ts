/**
 * "Done when": a repository that uses hadolint, kube-linter and kube-score ignores, run through the
 * CLI, gets no finding those ignores silence, and still gets the findings they do not cover.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { main } from '../../server/src/cli/main';
import { fakeIo, removeTempDirs, ROOT, tempDir } from '../cli/helpers';

after(removeTempDirs);

const FIXTURE = path.join(ROOT, 'test', 'fixtures', 'compat-repo');

interface Reported {
  path: string;
  ruleId: string;
  severity: string;
  line: number;
}

/** Runs `kubeready --format json .` in a copy of the fixture, after `change` edits the copy. */
function run(change: (dir: string) => void = () => undefined): Reported[] {
  const dir = tempDir();
  fs.cpSync(FIXTURE, dir, { recursive: true });
  change(dir);
  const io = fakeIo(dir);
  main(['node', 'kubeready', '--format', 'json', '.'], io);
  assert.equal(io.err, '');
  const files = JSON.parse(io.out) as { path: string; findings: { ruleId: string; severity: string; line: number }[] }[];
  return files.flatMap((f) => f.findings.map(({ ruleId, severity, line }) => ({ path: f.path, ruleId, severity, line })));
}

/**
 * The fixture without any other tool's ignore, lines kept where they are: hadolint comments
 * emptied, the ignore annotations renamed, .hadolint.yaml removed.
 */
function withoutForeignIgnores(dir: string): void {
  fs.rmSync(path.join(dir, '.hadolint.yaml'));
  for (const name of ['Dockerfile', path.join('k8s', 'app.yaml')]) {
    const file = path.join(dir, name);
    let n = 0;
    const text = fs.readFileSync(file, 'utf8')
      .replace(/^# hadolint .*$/gm, '')
      .replace(/(?:ignore-check\.kube-linter\.io\/[a-z-]+|kube-score\/ignore):/g, () => `example.com/note-${++n}:`);
    fs.writeFileSync(file, text);
  }
}

const key = (r: Reported): string => `${r.path}:${r.ruleId}:${r.line}`;

test('the ignores of hadolint, kube-linter and kube-score silence what they cover, and nothing else', () => {
  const reported = run();
  assert.deepEqual(reported.map(key).sort(), [
    // The control findings: pip install requests (line 8, no DL3013 comment above it) ...
    'Dockerfile:add-instead-of-copy:11',
    'Dockerfile:unpinned-package:8',
    // ... COPY --from an untrusted registry (DL3026 covers FROM images only) ...
    'Dockerfile:untrusted-registry:10',
    // ... worker misses memory too (unset-cpu-requirements covers CPU only) ...
    'k8s/app.yaml:missing-resources:55',
    // ... and kube-linter does not read the pod template's annotations.
    'k8s/app.yaml:untagged-image:56',
  ].sort());
  const add = reported.find((r) => r.ruleId === 'add-instead-of-copy');
  assert.equal(add?.severity, 'warning', ".hadolint.yaml's override.warning: [DL3020] sets the severity");
});

test('without the ignores, the silenced findings are reported (the fixture exercises every ignore)', () => {
  const bare = new Set(run(withoutForeignIgnores).map(key));
  const silenced = [
    'Dockerfile:unpinned-package:4', // apt curl: # hadolint global ignore=DL3008
    'Dockerfile:unpinned-package:7', // pip flask: # hadolint ignore=DL3013
    'Dockerfile:pip-no-cache-dir:7', // .hadolint.yaml ignored: [DL3042]
    'Dockerfile:pip-no-cache-dir:8',
    'k8s/app.yaml:missing-liveness-probe:21', // ignore-check.kube-linter.io/no-liveness-probe
    'k8s/app.yaml:missing-resources:21', // ignore-check.kube-linter.io/unset-cpu-requirements (only CPU missing)
    'k8s/app.yaml:latest-tag:22', // kube-score/ignore: container-image-tag on the pod template
  ];
  for (const finding of silenced) assert.ok(bare.has(finding), `${finding} is reported without the ignores`);
  assert.ok([...bare].some((k) => k.startsWith('k8s/app.yaml:missing-readiness-probe:')), 'worker has no readiness probe (kube-score/ignore: pod-probes)');
  assert.ok(![...bare].some((k) => k.startsWith('Dockerfile:untrusted-registry')), 'without .hadolint.yaml, no registry list applies');
});
