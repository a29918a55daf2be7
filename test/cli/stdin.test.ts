/** The path `-`: one file read from stdin (fed through `CliIo.readStdin`), named by `--stdin-filename`. */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { main } from '../../server/src/cli/main';
import { CLEAN_MANIFEST, DOCKERFILE, fakeIo, MANIFEST, removeTempDirs, runCli, tempDir, writeFiles } from './helpers';

after(removeTempDirs);

function kubeready(dir: string, args: string[], stdin: string | Buffer): { code: number; out: string; err: string } {
  const io = fakeIo(dir, {}, false, stdin);
  const code = main(['node', 'kubeready', ...args], io);
  return { code, out: io.out, err: io.err };
}

interface JsonFile {
  path: string;
  kind: string;
  findings: { ruleId: string; line: number }[];
  skipped?: string;
}

function json(out: string): JsonFile[] {
  return JSON.parse(out) as JsonFile[];
}

test('without --stdin-filename: reported as <stdin>, a Dockerfile when it starts with FROM, YAML otherwise', () => {
  const dir = tempDir();
  const dockerfile = kubeready(dir, ['-'], DOCKERFILE);
  assert.equal(dockerfile.code, 0);
  assert.match(dockerfile.out, /^<stdin>:1:13: warning .* \[latest-tag\]\n\n1 problem /);
  const manifest = json(kubeready(dir, ['-f', 'json', '-'], MANIFEST).out);
  assert.deepEqual(manifest.map((f) => [f.path, f.kind, f.findings.map((x) => x.ruleId)]), [
    ['<stdin>', 'yaml', ['loadbalancer-cost', 'missing-liveness-probe', 'missing-readiness-probe']],
  ]);
});

test('--stdin-filename decides the kind, the config, the ignore globs and the reported path', () => {
  const dir = tempDir();
  writeFiles(dir, { 'k8s/.kubeready.yaml': 'rules:\n  loadbalancer-cost: error\nignore:\n  - vendor/**\n' });
  // A Dockerfile name wins over the text's look; the YAML config below k8s/ applies to k8s/ only.
  const named = json(kubeready(dir, ['-f', 'json', '--stdin-filename', 'build/Containerfile', '-'], 'RUN echo hi\nFROM alpine:latest\n').out);
  assert.deepEqual(named.map((f) => [f.path, f.kind]), [['build/Containerfile', 'dockerfile']]);
  const inK8s = kubeready(dir, ['--stdin-filename', 'k8s/app.yaml', '-'], MANIFEST);
  assert.equal(inK8s.code, 1, 'the config under k8s/ raises loadbalancer-cost to error');
  assert.match(inK8s.out, /^k8s\/app\.yaml:6:9: error /);
  const ignored = kubeready(dir, ['-f', 'json', '--stdin-filename', 'k8s/vendor/app.yaml', '-'], MANIFEST);
  assert.deepEqual(json(ignored.out), [{ path: 'k8s/vendor/app.yaml', kind: 'yaml', findings: [], skipped: 'ignored by k8s/.kubeready.yaml' }]);
  assert.equal(ignored.code, 0);
});

test('--stdin-filename of a kustomize patch: nothing asked that the base already has', () => {
  const dir = tempDir();
  const patch = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: web:2.0\n';
  writeFiles(dir, { 'overlay/kustomization.yaml': 'resources:\n  - ../base\npatches:\n  - path: web.yaml\n' });
  const asPatch = json(kubeready(dir, ['-f', 'json', '--stdin-filename', 'overlay/web.yaml', '-'], patch).out);
  assert.deepEqual(asPatch[0].findings.map((f) => f.ruleId), []);
  const standalone = json(kubeready(dir, ['-f', 'json', '--stdin-filename', 'other/web.yaml', '-'], patch).out);
  assert.ok(standalone[0].findings.some((f) => f.ruleId === 'missing-liveness-probe'));
});

test('--fix with -: the fixed text on stdout, the report on stderr, nothing written to disk', () => {
  const dir = tempDir();
  const before = '\uFEFFFROM debian:12-slim\r\nRUN apt-get update && apt-get install -y jq=1.6-2.1+deb12u1\r\nCOPY . /app\r\nUSER 10001\r\n';
  const run = kubeready(dir, ['--fix', '--unsafe-fixes', '--stdin-filename', 'Dockerfile', '-'], before);
  assert.equal(
    run.out,
    '\uFEFFFROM debian:12-slim\r\nRUN apt-get update && apt-get install --no-install-recommends -y jq=1.6-2.1+deb12u1 && rm -rf /var/lib/apt/lists/*\r\nCOPY . /app\r\nUSER 10001\r\n',
  );
  // `Create .dockerignore` would write a file: with stdin it is not applied, and the finding stays.
  assert.deepEqual(fs.readdirSync(dir), []);
  assert.match(run.err, /^kubeready: applied 2 fixes in 1 file\nDockerfile:3:\d+: warning .*\[copy-without-dockerignore\]\n/);
  assert.equal(run.code, 0);
  const hint = kubeready(dir, ['--stdin-filename', 'Dockerfile', '-'], 'FROM alpine:3.20\nCOPY . /app\nUSER 10001\n');
  assert.doesNotMatch(hint.out, /fixable/, 'no fix hint for a fix that stdin cannot apply');
});

test('--fix with -: unchanged text when nothing applies; the report goes to --output when given', () => {
  const dir = tempDir();
  const clean = kubeready(dir, ['--fix', '-'], CLEAN_MANIFEST);
  assert.deepEqual(clean, { code: 0, out: CLEAN_MANIFEST, err: 'kubeready: no fixes applied\n' });
  const helm = 'kind: {{ .Values.kind }}\n';
  assert.equal(kubeready(dir, ['--fix', '--stdin-filename', 'chart/templates/x.yaml', '-'], helm).out, helm, 'a skipped file comes back as it was');
  const reported = kubeready(dir, ['--fix', '-f', 'json', '-o', 'report.json', '-'], DOCKERFILE);
  assert.deepEqual([reported.code, reported.out], [0, DOCKERFILE]);
  assert.deepEqual(json(fs.readFileSync(path.join(dir, 'report.json'), 'utf8'))[0].findings.map((f) => f.ruleId), ['latest-tag']);
});

test('stdin that is not UTF-8: skipped like a file; with --fix an error, since nothing can be printed back', () => {
  const dir = tempDir();
  const latin1 = Buffer.from([0x46, 0x52, 0x4f, 0x4d, 0x20, 0xe9, 0x0a]);
  const check = kubeready(dir, ['-f', 'json', '-'], latin1);
  assert.deepEqual([check.code, json(check.out)[0].skipped], [0, 'not UTF-8 text']);
  const fix = kubeready(dir, ['--fix', '-'], latin1);
  assert.deepEqual([fix.code, fix.out], [2, '']);
  assert.match(fix.err, /kubeready: stdin is not text that can be checked: nothing printed\n/);
});

test('the built command reads a real stdin', () => {
  const dir = tempDir();
  const result = runCli(['--stdin-filename', 'Dockerfile', '-'], dir, {}, undefined, DOCKERFILE);
  assert.equal(result.code, 0);
  assert.match(result.stdout, /^Dockerfile:1:13: warning /);
});
