/**
 * Secrets stay secret, in the engine: every rule over every fixture (canaries.ts, fixtures.ts),
 * and the config readers over broken configs. Checked: finding messages, related messages, fix
 * titles, input prompts and placeholders, skip reasons, config problems. Not checked: fix edits
 * and new files, which are the file's own text by design (moving a value into a Secret, quoting
 * it); they go back into the user's file, never to a log or a report.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as path from 'node:path';
import { parseHadolintConfig } from '../../server/src/compat/hadolint';
import { checkConfigText } from '../../server/src/config/check';
import { ConfigError, parseConfig } from '../../server/src/config/config';
import { analyze, lintText } from '../../server/src/engine';
import type { Finding } from '../../server/src/findings';
import { configErrorMessage } from '../../server/src/lsp/project-files';
import { compileSchemaText, SchemaFileError } from '../../server/src/schema/schemas';
import { RULE_IDS } from '../../server/src/rules/index';
import { CANARIES, leaks } from './canaries';
import { checkedFiles, fixtureFiles } from './fixtures';

const KNOWN = new Set(RULE_IDS);

/** What a finding says in words (everything but its edits). */
function words(finding: Finding): string {
  return JSON.stringify({
    message: finding.message,
    related: finding.related.map((r) => r.message),
    fixes: finding.fixes.map((f) => ({ title: f.title, input: f.input && { prompt: f.input.prompt, placeholder: f.input.placeholder, prefix: f.input.prefix } })),
  });
}

test('the leak rule finds a canary, a part of one, and one split by JSON line breaks', () => {
  const { envPassword, secretPem } = CANARIES;
  assert.equal(leaks(`value ${envPassword.value} here`).length, 1);
  assert.equal(leaks(`…${envPassword.value.slice(3, 11)}…`).length, 1, 'eight characters are enough');
  assert.deepEqual(leaks(`…${envPassword.value.slice(3, 10)}…`), [], 'seven are not');
  assert.equal(leaks(JSON.stringify(secretPem.value)).length, 1);
  assert.deepEqual(leaks('-----BEGIN RSA PRIVATE KEY----- eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9 AKIA'), [], 'public shapes are no leak');
});

test('the fixtures are found, and the rules do report on them (so the test below can fail)', () => {
  const rules = new Set<string>();
  for (const [file, text] of checkedFiles()) {
    for (const f of lintText({ text, path: file }).findings) rules.add(f.ruleId);
  }
  for (const id of ['plaintext-secret', 'secret-in-configmap', 'syntax', 'schema', 'latest-tag', 'untagged-image']) {
    assert.ok(rules.has(id), `${id} reports on the fixtures (got ${[...rules].join(', ')})`);
  }
});

test('no finding says a canary: messages, related messages, fix titles and input prompts', () => {
  for (const [file, text] of checkedFiles()) {
    const result = lintText({ text, path: file });
    for (const finding of result.findings) {
      assert.deepEqual(leaks(words(finding)), [], `${file}: ${finding.ruleId}`);
    }
    assert.deepEqual(result.failures, [], `${file}: no rule throws`);
  }
});

test('no skip reason says a canary (Helm templates, values files, kustomizations)', () => {
  for (const [file, text] of checkedFiles()) {
    const analysis = analyze({ text, path: file });
    if (analysis?.kind === 'skipped') assert.deepEqual(leaks(analysis.reason), [], file);
  }
});

test('a broken config file: its problems and the error that stops it never quote a value', () => {
  const files = fixtureFiles();
  for (const name of ['cfg-syntax/.kubeready.yaml', 'cfg-severity/.kubeready.yaml', 'cfg-registry/.kubeready.yaml', 'cfg-json/.kubeready.json']) {
    const text = files[name];
    const file = path.join('/w', name);
    const problems = checkConfigText(text, file, KNOWN).problems;
    assert.ok(problems.some((p) => p.severity === 'error'), `${name} is broken`);
    assert.deepEqual(leaks(JSON.stringify(problems)), [], name);
    assert.throws(
      () => parseConfig(text, file, KNOWN),
      (error: unknown) => error instanceof ConfigError && leaks(`${error.message} ${configErrorMessage(error)}`).length === 0,
      name,
    );
  }
});

test('a broken .hadolint.yaml: the error never quotes a value', () => {
  const files = fixtureFiles();
  for (const name of ['hadolint-syntax/.hadolint.yaml', 'hadolint-value/.hadolint.yaml']) {
    assert.throws(
      () => parseHadolintConfig(files[name], name),
      (error: unknown) => error instanceof ConfigError && leaks(error.message).length === 0,
      name,
    );
  }
});

test('a broken schema file named by a config: the error never quotes its text', () => {
  const value = CANARIES.configJson.value;
  for (const [file, text] of [['crd.schema.json', `{ "type": ${value} }`], ['crd.schema.yaml', `type: *${value}\n`]]) {
    assert.throws(
      () => compileSchemaText(text, file),
      (error: unknown) => error instanceof SchemaFileError && /^is not valid/.test(error.message) && leaks(error.message).length === 0,
      file,
    );
  }
});
