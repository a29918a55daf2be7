/**
 * The SARIF the CLI writes, validated against the official SARIF 2.1.0 JSON schema (shipped by
 * the `@microsoft/jest-sarif` dev dependency as `sarif-2.1.0-rtm.5.json`, the final 2.1.0 schema).
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import Ajv from 'ajv';
import type { ValidateFunction } from 'ajv';
import { formatSarif } from '../../server/src/cli/format-sarif';
import { DOCKERFILE, locatedFinding, MANIFEST, removeTempDirs, runCli, runReport, tempDir, writeFiles } from './helpers';

after(removeTempDirs);

/**
 * The schema is written for JSON Schema draft-04, which Ajv 8 reads once its draft-04 `id` is
 * renamed `$id`; nothing else in it differs between the drafts. One of its `pattern`s is not a
 * valid Unicode regular expression, hence `unicodeRegExp: false`.
 */
function sarifValidator(): ValidateFunction {
  const file = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
  const { $schema: _draft, id, ...schema } = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  const ajv = new Ajv({
    allErrors: true,
    strict: false,
    unicodeRegExp: false,
    formats: {
      uri: (s: string) => URL.canParse(s),
      'uri-reference': (s: string) => URL.canParse(s, 'file:///base/'),
      'date-time': (s: string) => !Number.isNaN(Date.parse(s)),
    },
  });
  return ajv.compile({ ...schema, $id: String(id) });
}

const validate = sarifValidator();

function assertValid(log: unknown): void {
  assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
}

test('the SARIF for findings, related locations and a skipped file is valid SARIF 2.1.0', () => {
  const dir = tempDir();
  const twoBalancers = `${MANIFEST}---\n${MANIFEST.split('---\n')[0].replace(/name: web/, 'name: api')}`;
  writeFiles(dir, {
    Dockerfile: DOCKERFILE,
    'k 8s/app.yaml': twoBalancers,
    'chart/templates/x.yaml': 'kind: {{ .Values.kind }}\n',
  });
  const run = runCli(['--format', 'sarif'], dir);
  const log = JSON.parse(run.stdout);
  assert.ok(log.runs[0].results.length >= 5);
  assert.ok(log.runs[0].results.some((r: { relatedLocations?: unknown[] }) => r.relatedLocations), 'related locations are present');
  assertValid(log);
});

test('the SARIF for a clean run and for a run with tool notifications is valid', () => {
  const dir = tempDir();
  writeFiles(dir, { 'k8s/.kubeready.yaml': 'rulez: 1\n', 'k8s/app.yaml': MANIFEST, 'ok/Dockerfile': 'FROM python:3.12\n' });
  const clean = runCli(['--format', 'sarif', 'ok'], dir);
  assert.equal(clean.code, 0);
  assertValid(JSON.parse(clean.stdout));
  const broken = runCli(['--format', 'sarif'], dir);
  assert.equal(broken.code, 2);
  const log = JSON.parse(broken.stdout);
  assert.equal(log.runs[0].invocations[0].executionSuccessful, false);
  assertValid(log);
});

test('the validator rejects what SARIF forbids', () => {
  const dir = tempDir();
  writeFiles(dir, { Dockerfile: DOCKERFILE });
  const log = JSON.parse(runCli(['--format', 'sarif'], dir).stdout);
  log.runs[0].results[0].level = 'fatal';
  assert.equal(validate(log), false);
});

test('the SARIF for stdin and for a related location in another file is valid', () => {
  const dir = tempDir();
  const stdin = runCli(['--format', 'sarif', '-'], dir, {}, undefined, DOCKERFILE);
  const log = JSON.parse(stdin.stdout);
  assert.equal(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri, '%3Cstdin%3E');
  assertValid(log);
  const finding = locatedFinding({
    lineText: 'FROM x:latest',
    related: [{ message: 'r', path: 'k8s/other file.yaml', line: 2, column: 3, endLine: 2, endColumn: 4 }],
  });
  const report = runReport({ files: [{ path: 'Dockerfile', kind: 'dockerfile', findings: [finding] }], warnings: 1 });
  const crossFile = JSON.parse(formatSarif(report, { version: '1.0.0', informationUri: 'https://example.org' }, dir));
  assert.equal(crossFile.runs[0].results[0].relatedLocations[0].physicalLocation.artifactLocation.uri, 'k8s/other%20file.yaml');
  assertValid(crossFile);
});
