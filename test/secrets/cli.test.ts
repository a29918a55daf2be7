/**
 * Secrets stay secret, in the CLI: every format (text, json, sarif, github), stdout and stderr,
 * `--verbose`, `--fix` and its summary, `-` (stdin), `--output` files, the broken configs' messages,
 * a rule that crashes with the file's text in its error, and the SARIF fingerprints' hashed text.
 *
 * Allowed: `--fix` writes the fixed files (the user's own text), and `--fix -` prints the fixed
 * text of stdin on stdout; those are checked for nothing but the report on stderr. With
 * `KUBEREADY_DEBUG` set the CLI prints stack traces, messages included: that is asked for, and not
 * checked here.
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fingerprintText } from '../../server/src/cli/format-sarif';
import { main } from '../../server/src/cli/main';
import { locateFindings } from '../../server/src/cli/report';
import { lintText } from '../../server/src/engine';
import { ruleById } from '../../server/src/rules/index';
import type { Rule } from '../../server/src/rules/rule';
import { fakeIo, removeTempDirs, runCli, tempDir, writeFiles } from '../cli/helpers';
import { CANARIES, leaks } from './canaries';
import { checkedFiles, fixtureFiles } from './fixtures';

after(removeTempDirs);

const FORMATS = ['text', 'json', 'sarif', 'github'];

/** A temporary copy of the fixture workspace. */
function workspace(): string {
  const dir = tempDir();
  writeFiles(dir, fixtureFiles());
  return dir;
}

function kubeready(dir: string, args: string[], stdin = ''): { code: number; out: string; err: string } {
  const io = fakeIo(dir, {}, false, stdin);
  const code = main(['node', 'kubeready', ...args], io);
  return { code, out: io.out, err: io.err };
}

test('every format, with --verbose: findings and problems are reported, no canary in stdout or stderr', () => {
  const dir = workspace();
  for (const format of FORMATS) {
    const run = kubeready(dir, ['--verbose', '-f', format, '.']);
    assert.equal(run.code, 2, `${format}: the broken configs make it exit 2`);
    assert.match(run.out, /plaintext-secret/, `${format}: the secrets are reported`);
    assert.match(run.err, /\.kubeready\.yaml|\.hadolint\.yaml/, `${format}: the broken configs are named`);
    assert.deepEqual(leaks(run.out + run.err), [], format);
  }
});

test('--output files in every format', () => {
  const dir = workspace();
  for (const format of FORMATS) {
    const run = kubeready(dir, ['-f', format, '-o', `report.${format}`, '.']);
    const report = fs.readFileSync(path.join(dir, `report.${format}`), 'utf8');
    assert.ok(report.length > 0);
    assert.deepEqual(leaks(report + run.out + run.err), [], format);
  }
});

test('--fix and --fix --unsafe-fixes: the summary and the report say no canary', () => {
  for (const args of [['--fix'], ['--fix', '--unsafe-fixes']]) {
    const dir = workspace();
    const run = kubeready(dir, [...args, '.']);
    assert.match(run.err, /applied \d+ fix/);
    assert.deepEqual(leaks(run.out + run.err), [], args.join(' '));
  }
});

test('- (stdin), with and without --fix: the report says no canary', () => {
  const dir = tempDir();
  const secret = fixtureFiles()['k8s/deploy.yaml'].replace(CANARIES.envPassword.value, CANARIES.stdin.value);
  for (const format of FORMATS) {
    const run = kubeready(dir, ['-f', format, '--stdin-filename', 'k8s/deploy.yaml', '-'], secret);
    assert.match(run.out, /plaintext-secret/);
    assert.deepEqual(leaks(run.out + run.err), [], format);
    // --fix -: stdout is the fixed file (the user's own text); the report goes to stderr.
    const fixed = kubeready(dir, ['--fix', '--unsafe-fixes', '-f', format, '-'], secret);
    assert.match(fixed.err, /applied \d+ fix/);
    assert.deepEqual(leaks(fixed.err), [], `--fix ${format}`);
  }
});

test('the real process: stdout and stderr of a run over the fixtures', () => {
  const dir = workspace();
  const run = runCli(['--verbose', '-f', 'sarif', '.'], dir);
  assert.equal(run.code, 2);
  assert.deepEqual(leaks(run.stdout + run.stderr), []);
});

test('SARIF fingerprints hash no canary: the text each fingerprint hashes is masked', () => {
  for (const [file, text] of checkedFiles()) {
    const located = locateFindings(text, lintText({ text, path: file }).findings);
    for (const finding of located) assert.deepEqual(leaks(fingerprintText(finding)), [], `${file}: ${finding.ruleId} ${finding.lineText}`);
  }
});

test('a rule that crashes with the file text in its error: reported in every format, the text is not', () => {
  const rule = ruleById('latest-tag') as Rule;
  const saved = { checkDockerfile: rule.checkDockerfile, checkKubernetes: rule.checkKubernetes };
  const crash = (context: { text: string }): never => {
    // As a parser or JSON.parse would: the message quotes the input.
    throw new SyntaxError(`Unexpected token in ${JSON.stringify(context.text.slice(0, 400))}`);
  };
  rule.checkDockerfile = crash;
  rule.checkKubernetes = crash;
  try {
    const dir = workspace();
    for (const format of FORMATS) {
      const run = kubeready(dir, ['-f', format, '.']);
      assert.match(run.err, /internal error in rule latest-tag on k8s\/deploy\.yaml: SyntaxError at /, format);
      assert.deepEqual(leaks(run.out + run.err), [], format);
    }
  } finally {
    Object.assign(rule, saved);
  }
});
