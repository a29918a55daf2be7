/** SARIF for code scanning: partial fingerprints that follow a finding across commits, and rule help from the docs. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { FINGERPRINT_KEY, fingerprints, formatSarif } from '../../server/src/cli/format-sarif';
import { locateFindings } from '../../server/src/cli/report';
import type { FileReport } from '../../server/src/cli/report';
import { MAX_HELP_CHARS, readRulePage, ruleHelp } from '../../server/src/cli/rule-help';
import { lintText } from '../../server/src/engine';
import { DOCS_BASE_URL } from '../../server/src/rules/docs';
import { RULES } from '../../server/src/rules/index';
import { ROOT, runReport } from './helpers';

/** The report of one file as the CLI makes it. */
function fileReport(displayPath: string, text: string): FileReport {
  const findings = lintText({ text, path: displayPath }).findings;
  return { path: displayPath, kind: 'dockerfile', findings: locateFindings(text, findings) };
}

/** Fingerprints by rule id and line, to compare reports of different texts. */
function printsByFinding(file: FileReport): Map<string, string> {
  const prints = fingerprints(file);
  return new Map(file.findings.map((f, i) => [`${f.ruleId}@${f.lineText}#${i}`, prints[i]]));
}

const DOCKERFILE = 'FROM python:latest\nRUN pip install flask\nUSER 10001\nCMD ["flask", "run"]\n';

test('fingerprints stay the same when lines are inserted above or indentation changes', () => {
  const before = fileReport('app/Dockerfile', DOCKERFILE);
  const moved = fileReport('app/Dockerfile', `# syntax=docker/dockerfile:1\n\n# The web app.\n${DOCKERFILE.replace('RUN pip', 'RUN   pip')}`);
  assert.ok(before.findings.length >= 2, 'the fixture has findings on several lines');
  assert.notDeepEqual(before.findings.map((f) => f.line), moved.findings.map((f) => f.line), 'the findings moved');
  assert.deepEqual(fingerprints(moved), fingerprints(before));
});

test('fingerprints are unique: the same line twice in a file, the same line in two files, another rule on the line', () => {
  const twice = fileReport('Dockerfile', 'FROM python:latest\nUSER 10001\nFROM python:latest\nUSER 10001\n');
  const run = [twice, fileReport('other/Dockerfile', DOCKERFILE), fileReport('app/Dockerfile', DOCKERFILE)];
  const all = run.flatMap(fingerprints);
  assert.ok(twice.findings.filter((f) => f.ruleId === 'latest-tag').length === 2, 'two identical findings on identical lines');
  assert.equal(new Set(all).size, all.length);
  for (const print of all) assert.match(print, /^[0-9a-f]{64}$/);
});

test('a fingerprint changes when its line changes, and only that one', () => {
  const before = printsByFinding(fileReport('Dockerfile', DOCKERFILE));
  const after = printsByFinding(fileReport('Dockerfile', DOCKERFILE.replace('pip install flask', 'pip install flask gunicorn')));
  const kept = [...before].filter(([key, print]) => after.get(key) === print);
  const changed = [...before.keys()].filter((key) => !after.has(key));
  assert.ok(kept.length > 0 && changed.length > 0);
  assert.ok(changed.every((key) => key.includes('@RUN pip install flask#')));
});

test('every result carries its fingerprint under kubereadyFinding/v2', () => {
  const file = fileReport('Dockerfile', DOCKERFILE);
  const report = runReport({ files: [file] });
  const log = JSON.parse(formatSarif(report, { version: '1.2.3', informationUri: 'https://example.org' }, '/src'));
  assert.deepEqual(log.runs[0].results.map((r: { partialFingerprints: object }) => r.partialFingerprints), fingerprints(file).map((p) => ({ [FINGERPRINT_KEY]: p })));
  assert.equal(log.runs[0].tool.driver.semanticVersion, '1.2.3');
  const odd = JSON.parse(formatSarif(report, { version: 'dev', informationUri: 'https://example.org' }, '/src'));
  assert.equal(odd.runs[0].tool.driver.semanticVersion, undefined, 'only a Semantic Versioning version goes into semanticVersion');
});

const PAGE = [
  '# demo-rule',
  '',
  'Something is wrong, see [the other rule](other-rule.md) and [ignoring](README.md#ignoring-one-finding).',
  '',
  '| Property | Value |',
  '|---|---|',
  '| Default severity | `warning` |',
  '',
  '## Why it matters',
  '',
  'Because **clusters** &lt;care&gt;. More in [below](#how-to-fix) or [Kubernetes](https://kubernetes.io/docs/).',
  '',
  '## What it checks',
  '',
  'Not part of the help.',
  '',
  '## How to fix',
  '',
  '```yaml',
  'a: 1',
  '',
  'b: 2',
  '```',
  '',
  '## How to ignore',
  '',
  'Not part of the help either.',
  '',
].join('\n');

test('rule help: the introduction, why it matters and how to fix, links absolute, other sections left out', () => {
  const meta = { ...RULES[0].meta, id: 'demo-rule' };
  const help = ruleHelp(meta, PAGE);
  const url = `${DOCS_BASE_URL}demo-rule.md`;
  assert.equal(
    help.markdown,
    [
      `Something is wrong, see [the other rule](${DOCS_BASE_URL}other-rule.md) and [ignoring](${DOCS_BASE_URL}README.md#ignoring-one-finding).`,
      '## Why it matters',
      `Because **clusters** &lt;care&gt;. More in [below](${url}#how-to-fix) or [Kubernetes](https://kubernetes.io/docs/).`,
      '## How to fix',
      '```yaml\na: 1\n\nb: 2\n```',
      `[Full documentation](${url})`,
    ].join('\n\n'),
  );
  assert.equal(
    help.text,
    [
      'Something is wrong, see the other rule and ignoring.',
      'Why it matters:',
      'Because clusters <care>. More in below or Kubernetes.',
      'How to fix:',
      '```yaml\na: 1\n\nb: 2\n```',
      `Full documentation: ${url}`,
    ].join('\n\n'),
  );
});

test('rule help is bounded, never cut inside a code block, and falls back to the description without a page', () => {
  const meta = { ...RULES[0].meta, id: 'demo-rule' };
  const long = PAGE.replace('## How to fix\n', `## How to fix\n\n${'A long paragraph. '.repeat(MAX_HELP_CHARS / 18)}\n`);
  const help = ruleHelp(meta, long);
  assert.ok(help.markdown.length < MAX_HELP_CHARS + 200, `${help.markdown.length}`);
  assert.ok(!help.markdown.includes('A long paragraph'));
  assert.ok(!help.markdown.includes('## How to fix'), 'a heading without its section is left out');
  assert.equal((help.markdown.match(/```/g) ?? []).length % 2, 0);
  const huge = ruleHelp(meta, `# x\n\n${'word '.repeat(MAX_HELP_CHARS)}\n`);
  assert.ok(huge.markdown.length < MAX_HELP_CHARS + 200);
  assert.deepEqual(ruleHelp(meta, null), {
    text: `${meta.description}\n\nFull documentation: ${DOCS_BASE_URL}demo-rule.md`,
    markdown: `${meta.description}\n\n[Full documentation](${DOCS_BASE_URL}demo-rule.md)`,
  });
});

test('every rule page gives help with its "Why it matters", within the bound', () => {
  for (const rule of RULES) {
    const page = readRulePage(ROOT, rule.meta.id);
    assert.ok(page !== null, rule.meta.id);
    const help = ruleHelp(rule.meta, page);
    assert.match(help.markdown, /\n## Why it matters\n\n\S/, rule.meta.id);
    assert.ok(help.markdown.length < MAX_HELP_CHARS + 200, rule.meta.id);
    assert.doesNotMatch(help.markdown, /\]\((?!https?:)/, `${rule.meta.id}: relative links`);
  }
  assert.equal(readRulePage(path.join(ROOT, 'no-such-folder'), 'latest-tag'), null);
});
