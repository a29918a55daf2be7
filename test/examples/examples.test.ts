/**
 * The demo app: examples/flask-app gives exactly the findings its README lists, and every rule
 * either fires there or is named in the README with the reason the demo does not show it;
 * examples/flask-app-fixed passes every check.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, test } from 'node:test';
import { analyze, lintText, sourceKind } from '../../server/src/engine';
import { contributionOf, workspaceFacts } from '../../server/src/workspace/index';
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

/**
 * Lints every Dockerfile and YAML file of an example as the CLI does: with the tags of all its
 * files, and the files next to them (a `.dockerignore`).
 */
function lintExample(name: string): Map<string, LintedFile> {
  const dir = join(EXAMPLES, name);
  const inputs = filesUnder(dir)
    .filter((file) => sourceKind(file) !== null)
    .map((file) => ({ file, text: readFileSync(join(dir, file), 'utf8') }));
  const analyses = inputs.map(({ file, text }) => analyze({ text, path: file }));
  const workspace = workspaceFacts(
    analyses.map((analysis) => contributionOf(analysis)),
    (file) => existsSync(join(dir, file)),
  );
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

/** The rule ids found in each file, in the order they are reported (`sorted`: by id). */
function ruleIdsByFile(linted: Map<string, LintedFile>, sorted: boolean): Record<string, string[]> {
  const table: Record<string, string[]> = {};
  for (const [file, { findings }] of linted) {
    const ids = findings.map((f) => f.ruleId);
    table[file] = sorted ? ids.sort() : ids;
  }
  return table;
}

/** The text of a README section: from its `## heading` line to the next one. */
function section(readme: string, heading: string): string {
  const start = readme.indexOf(`\n## ${heading}\n`);
  assert.ok(start >= 0, `README.md has no section "${heading}"`);
  const end = readme.indexOf('\n## ', start + 1);
  return readme.slice(start, end < 0 ? undefined : end);
}

/** The "Findings to expect" table: the rule ids of its rows by file, in row order (`none` rows list a file without findings). */
function readmeFindings(readme: string): Record<string, string[]> {
  const table: Record<string, string[]> = {};
  for (const line of section(readme, 'Findings to expect').split('\n')) {
    const cells = /^\| `([^`]+)` \| (?:`([a-z0-9-]+)`|none) \|/.exec(line);
    if (!cells) continue;
    const [, file, ruleId] = cells;
    table[file] ??= [];
    if (ruleId) table[file].push(ruleId);
  }
  return table;
}

/** The rules the README says the demo does not show, each with its reason. */
function readmeNotShown(readme: string): Map<string, string> {
  const reasons = new Map<string, string>();
  for (const line of section(readme, 'Checks this demo does not show').split('\n')) {
    const item = /^- `([a-z0-9-]+)`: (.*)$/.exec(line);
    if (item) reasons.set(item[1], item[2]);
  }
  return reasons;
}

describe('examples/flask-app', () => {
  const linted = lintExample('flask-app');
  const readme = readFileSync(join(EXAMPLES, 'flask-app', 'README.md'), 'utf8');
  const fired = new Set([...linted.values()].flatMap((f) => f.findings.map((finding) => finding.ruleId)));

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

  test('finds exactly what README.md lists', () => {
    const expected = {
      Dockerfile: [
        'add-instead-of-copy',
        'apt-lists-not-cleaned',
        'apt-no-install-recommends',
        'copy-without-dockerignore',
        'hardcoded-config',
        'large-base-image',
        'latest-tag',
        'log-to-file',
        'pip-no-cache-dir',
        'plaintext-secret',
        'root-user',
        'unpinned-package',
      ],
      'k8s/deployment.yaml': [
        'hardcoded-config',
        'hostpath-volume',
        'latest-tag',
        'loadbalancer-cost',
        'missing-liveness-probe',
        'missing-readiness-probe',
        'missing-resources',
        'missing-resources',
        'plaintext-secret',
        'schema',
        'untagged-image',
      ],
      'k8s/redis.yaml': [],
    };
    assert.deepEqual(ruleIdsByFile(linted, true), expected);
    assert.deepEqual(readmeFindings(readme), ruleIdsByFile(linted, false), 'the README table has one row per finding, in the order they are reported');
  });

  test('every rule fires, or the README says why the demo does not show it', () => {
    const notShown = readmeNotShown(readme);
    for (const [id, reason] of notShown) {
      assert.ok(RULES.some((r) => r.meta.id === id), `README.md names an unknown rule ${id}`);
      assert.ok(!fired.has(id), `${id} fires, but README.md says the demo does not show it`);
      assert.ok(reason.trim().length > 10, `README.md gives no reason for ${id}`);
    }
    const unexplained = RULES.map((r) => r.meta.id).filter((id) => !fired.has(id) && !notShown.has(id));
    assert.deepEqual(unexplained, [], 'rules that neither fire nor are explained in README.md');
  });

  test('offers the tag redis.yaml uses for the untagged redis image in deployment.yaml', () => {
    const untagged = linted.get('k8s/deployment.yaml')?.findings.find((f) => f.ruleId === 'untagged-image');
    assert.ok(untagged, 'no untagged-image finding');
    assert.ok(untagged.fixes.some((fix) => fix.title === 'Pin redis to 7.2.5'), `fixes: ${untagged.fixes.map((f) => f.title).join('; ')}`);
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
