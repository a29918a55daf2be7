/**
 * The demo app: examples/flask-app makes every rule fire (and exactly the findings its README
 * lists), examples/flask-app-fixed passes every check.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, test } from 'node:test';
import { analyze, imageTags, lintText, sourceKind, workspaceFacts } from '../../server/src/engine';
import type { Finding } from '../../server/src/findings';
import { RULES } from '../../server/src/rules/index';

const EXAMPLES = resolve(__dirname, '..', '..', '..', 'examples');

/** Every file under a folder, as `/`-separated paths relative to it, sorted. */
function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const path = prefix + entry.name;
      if (entry.isDirectory()) return filesUnder(join(dir, entry.name), `${path}/`);
      return entry.isFile() ? [path] : [];
    })
    .sort();
}

interface LintedFile {
  kind: string;
  findings: Finding[];
  failures: string[];
}

/** Lints every Dockerfile and YAML file of an example as the CLI does: with the tags of all its files. */
function lintExample(name: string): Map<string, LintedFile> {
  const dir = join(EXAMPLES, name);
  const inputs = filesUnder(dir)
    .filter((file) => sourceKind(file) !== null)
    .map((file) => ({ file, text: readFileSync(join(dir, file), 'utf8') }));
  const analyses = inputs.map(({ file, text }) => analyze({ text, path: file }));
  const workspace = workspaceFacts(analyses.map((a) => (a ? imageTags(a) : [])));
  const result = new Map<string, LintedFile>();
  for (const { file, text } of inputs) {
    const linted = lintText({ text, path: file }, { workspace });
    result.set(file, {
      kind: linted.analysis?.kind ?? 'not read',
      findings: linted.findings,
      failures: linted.failures.map((f) => `${f.ruleId}: ${f.error.message}`),
    });
  }
  return result;
}

/** The rule ids found in each file, sorted: the table the example's README documents. */
function ruleIdsByFile(linted: Map<string, LintedFile>): Record<string, string[]> {
  const table: Record<string, string[]> = {};
  for (const [file, { findings }] of linted) table[file] = findings.map((f) => f.ruleId).sort();
  return table;
}

describe('examples/flask-app', () => {
  const linted = lintExample('flask-app');

  test('reads the Dockerfile and both manifests, and no rule fails', () => {
    assert.deepEqual(
      [...linted].map(([file, { kind, failures }]) => ({ file, kind, failures })),
      [
        { file: 'Dockerfile', kind: 'dockerfile', failures: [] },
        { file: 'k8s/deployment.yaml', kind: 'kubernetes', failures: [] },
        { file: 'k8s/redis.yaml', kind: 'kubernetes', failures: [] },
      ],
    );
  });

  test('every rule except syntax fires at least once', () => {
    const fired = new Set([...linted.values()].flatMap((f) => f.findings.map((finding) => finding.ruleId)));
    const missing = RULES.map((r) => r.meta.id).filter((id) => id !== 'syntax' && !fired.has(id));
    assert.deepEqual(missing, []);
  });

  test('finds exactly what README.md lists', () => {
    assert.deepEqual(ruleIdsByFile(linted), {
      Dockerfile: ['latest-tag', 'plaintext-secret'],
      'k8s/deployment.yaml': ['latest-tag', 'loadbalancer-cost', 'missing-liveness-probe', 'missing-readiness-probe', 'plaintext-secret', 'untagged-image'],
      'k8s/redis.yaml': [],
    });
  });

  test('offers the tag redis.yaml uses for the untagged redis image in deployment.yaml', () => {
    const untagged = linted.get('k8s/deployment.yaml')?.findings.find((f) => f.ruleId === 'untagged-image');
    assert.ok(untagged, 'no untagged-image finding');
    assert.ok(untagged.fixes.some((fix) => fix.title === 'Pin redis to 7.2.5'), `fixes: ${untagged.fixes.map((f) => f.title).join('; ')}`);
  });

  test('the README names every rule that fires', () => {
    const readme = readFileSync(join(EXAMPLES, 'flask-app', 'README.md'), 'utf8');
    const fired = new Set([...linted.values()].flatMap((f) => f.findings.map((finding) => finding.ruleId)));
    for (const id of fired) assert.ok(readme.includes(`\`${id}\``), `README.md does not mention ${id}`);
  });
});

describe('examples/flask-app-fixed', () => {
  test('every file passes every check', () => {
    const linted = lintExample('flask-app-fixed');
    assert.deepEqual(
      [...linted].map(([file, { kind, findings, failures }]) => ({ file, kind, findings: findings.map((f) => `${f.ruleId}: ${f.message}`), failures })),
      [
        { file: 'Dockerfile', kind: 'dockerfile', findings: [], failures: [] },
        { file: 'k8s/deployment.yaml', kind: 'kubernetes', findings: [], failures: [] },
        { file: 'k8s/redis.yaml', kind: 'kubernetes', findings: [], failures: [] },
      ],
    );
  });
});
