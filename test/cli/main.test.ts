/** The CLI run in-process with a fake terminal: what only an in-process run can provoke. */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { failsOn, looksLikeDockerfile, main } from '../../server/src/cli/main';
import { ruleById } from '../../server/src/rules/index';
import { DOCKERFILE, fakeIo, MANIFEST, removeTempDirs, tempDir, writeFiles } from './helpers';

after(removeTempDirs);

test('a rule that throws: exit 2, an internal error line naming rule and file, other findings kept', () => {
  const dir = tempDir();
  writeFiles(dir, { Dockerfile: DOCKERFILE, 'k8s/app.yaml': MANIFEST });
  const rule = ruleById('latest-tag');
  assert.ok(rule);
  const original = rule.checkDockerfile;
  rule.checkDockerfile = () => {
    throw new Error('boom\nsecond line');
  };
  try {
    const io = fakeIo(dir);
    assert.equal(main(['node', 'kubeready'], io), 2);
    // Not the message: it may quote the checked text. Where it was thrown instead.
    assert.match(io.err, /^kubeready: internal error in rule latest-tag on Dockerfile: Error at \S*checkDockerfile .*main\.test\.js:\d+:\d+\)/);
    assert.doesNotMatch(io.err, /boom/);
    assert.match(io.out, /^k8s\/app\.yaml:6:9: warning .*\[loadbalancer-cost\]\n/);
    const debug = fakeIo(dir, { KUBEREADY_DEBUG: '1' });
    main(['node', 'kubeready', 'Dockerfile'], debug);
    assert.match(debug.err, /^kubeready: internal error in rule latest-tag on Dockerfile: Error: boom\nsecond line\n {4}at /);
  } finally {
    rule.checkDockerfile = original;
  }
});

test('colours on a terminal unless NO_COLOR is set', () => {
  const dir = tempDir();
  writeFiles(dir, { Dockerfile: DOCKERFILE });
  const tty = fakeIo(dir, {}, true);
  main(['node', 'kubeready'], tty);
  assert.match(tty.out, /\u001b\[33mwarning\u001b\[0m/);
  const noColor = fakeIo(dir, { NO_COLOR: '1' }, true);
  main(['node', 'kubeready'], noColor);
  assert.doesNotMatch(noColor.out, /\u001b/);
});

test('failsOn compares severities', () => {
  assert.deepEqual(
    (['error', 'warning', 'info'] as const).map((s) => [failsOn(s, 'error'), failsOn(s, 'warning'), failsOn(s, 'info'), failsOn(s, 'none')]),
    [
      [true, true, true, false],
      [false, true, true, false],
      [false, false, true, false],
    ],
  );
});

test('looksLikeDockerfile: the first instruction after comments and blank lines', () => {
  assert.equal(looksLikeDockerfile('# syntax=docker/dockerfile:1\n\nFROM alpine\n'), true);
  assert.equal(looksLikeDockerfile('arg BASE=alpine\r\nfrom $BASE\r\n'), true);
  assert.equal(looksLikeDockerfile('apiVersion: v1\nkind: Pod\n'), false);
  assert.equal(looksLikeDockerfile('FROMAGE: cheese\n'), false);
  assert.equal(looksLikeDockerfile(''), false);
});
