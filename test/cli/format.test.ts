/** The three formatters over a hand-made report. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatJson } from '../../server/src/cli/format-json';
import { formatSarif, relativeUri, sarifLevel } from '../../server/src/cli/format-sarif';
import { formatText } from '../../server/src/cli/format-text';
import { locateFindings } from '../../server/src/cli/report';
import type { RunReport } from '../../server/src/cli/report';
import type { Finding } from '../../server/src/findings';
import { RULES } from '../../server/src/rules/index';
import { locatedFinding } from './helpers';

const DOCS = 'https://github.com/kubeready/kubeready/blob/main/docs/rules/';

const finding = locatedFinding;

function report(overrides: Partial<RunReport> = {}): RunReport {
  return {
    files: [
      {
        path: 'app/Dockerfile',
        kind: 'dockerfile',
        findings: [
          finding({
            severity: 'error',
            message: 'First line,\n  second line.',
            line: 1,
            column: 13,
            endColumn: 19,
            fixes: [{ title: 'Pin python to 3.12', safety: 'unsafe', edits: [{ start: 12, end: 18, newText: '3.12' }] }],
            autofix: 'unsafe',
          }),
          finding({ ruleId: 'plaintext-secret', severity: 'info', message: 'Secret.', line: 3, column: 5, endLine: 4, endColumn: 1 }),
        ],
      },
      { path: 'chart/templates/x.yaml', kind: 'yaml', findings: [], skipped: 'a Helm chart template' },
      {
        path: 'k 8s/svc.yaml',
        kind: 'yaml',
        findings: [
          finding({
            ruleId: 'loadbalancer-cost',
            message: 'LB.',
            line: 6,
            column: 9,
            endLine: 6,
            endColumn: 21,
            fixes: [{ title: 'Switch', safety: 'safe', edits: [{ start: 1, end: 2, newText: 'x' }] }],
            autofix: 'safe',
            related: [
              { message: 'Another one', line: 20, column: 9, endLine: 20, endColumn: 21 },
              { message: 'Its pods', path: 'k 8s/deploy.yaml', line: 3, column: 1, endLine: 3, endColumn: 5 },
            ],
          }),
        ],
      },
    ],
    hidden: 0,
    warnings: 1,
    maxWarnings: null,
    fixMode: null,
    failed: true,
    problems: [],
    ...overrides,
  };
}

test('text: unix-style lines, messages on one line, then counts and fix hints', () => {
  assert.equal(
    formatText(report(), { color: false }),
    [
      'app/Dockerfile:1:13: error First line, second line. [latest-tag]',
      'app/Dockerfile:3:5: info Secret. [plaintext-secret]',
      'k 8s/svc.yaml:6:9: warning LB. [loadbalancer-cost]',
      '  k 8s/deploy.yaml:3:1: Its pods',
      '',
      '3 problems (1 error, 1 warning, 1 info)',
      '1 fixable with --fix',
      '1 more fixable with --fix --unsafe-fixes (review the changes)',
      '',
    ].join('\n'),
  );
});

test('text: after --fix --unsafe-fixes no hint for unsafe fixes; hidden findings are counted', () => {
  const text = formatText(report({ fixMode: { unsafe: true }, hidden: 2 }), { color: false });
  assert.equal(text.split('\n').slice(-4).join('\n'), '\n3 problems (1 error, 1 warning, 1 info), 2 more hidden by --quiet\n1 fixable with --fix\n');
});

test('text: nothing for a clean run; colours only when asked', () => {
  assert.equal(formatText(report({ files: [], failed: false }), { color: false }), '');
  const colored = formatText(report(), { color: true });
  assert.ok(colored.startsWith('app/Dockerfile:1:13: \u001b[31merror\u001b[0m First line, second line. \u001b[2m[latest-tag]\u001b[0m\n'));
  assert.ok(colored.includes('\u001b[1m3 problems (1 error, 1 warning, 1 info)\u001b[0m'));
});

test('json: the documented shape, skipped files included', () => {
  assert.deepEqual(JSON.parse(formatJson(report())), [
    {
      path: 'app/Dockerfile',
      kind: 'dockerfile',
      findings: [
        {
          ruleId: 'latest-tag',
          severity: 'error',
          message: 'First line,\n  second line.',
          line: 1,
          column: 13,
          endLine: 1,
          endColumn: 19,
          fixes: [{ title: 'Pin python to 3.12', safety: 'unsafe' }],
          docs: `${DOCS}latest-tag.md`,
        },
        {
          ruleId: 'plaintext-secret',
          severity: 'info',
          message: 'Secret.',
          line: 3,
          column: 5,
          endLine: 4,
          endColumn: 1,
          fixes: [],
          docs: `${DOCS}plaintext-secret.md`,
        },
      ],
    },
    { path: 'chart/templates/x.yaml', kind: 'yaml', findings: [], skipped: 'a Helm chart template' },
    {
      path: 'k 8s/svc.yaml',
      kind: 'yaml',
      findings: [
        {
          ruleId: 'loadbalancer-cost',
          severity: 'warning',
          message: 'LB.',
          line: 6,
          column: 9,
          endLine: 6,
          endColumn: 21,
          fixes: [{ title: 'Switch', safety: 'safe' }],
          docs: `${DOCS}loadbalancer-cost.md`,
          related: [
            { path: 'k 8s/svc.yaml', message: 'Another one', line: 20, column: 9, endLine: 20, endColumn: 21 },
            { path: 'k 8s/deploy.yaml', message: 'Its pods', line: 3, column: 1, endLine: 3, endColumn: 5 },
          ],
        },
      ],
    },
  ]);
  assert.equal(formatJson(report({ files: [] })), '[]\n');
});

test('sarif: results, related locations, encoded URIs and tool notifications', () => {
  const problems = [
    { path: 'broken/Dockerfile', message: 'permission denied' },
    { path: 'app/Dockerfile', message: 'internal error in rule latest-tag: boom', ruleId: 'latest-tag' },
    { path: null, message: '.kubeready.yaml: bad' },
  ];
  const log = JSON.parse(formatSarif(report({ problems }), { version: '9.8.7', informationUri: 'https://example.org/kubeready' }, '/work/my project'));
  const run = log.runs[0];
  assert.equal(log.version, '2.1.0');
  assert.deepEqual(run.tool.driver.name, 'kubeready');
  assert.deepEqual(run.tool.driver.version, '9.8.7');
  assert.deepEqual(run.tool.driver.rules.map((r: { id: string }) => r.id), RULES.map((r) => r.meta.id));
  assert.deepEqual(run.originalUriBaseIds, { '%SRCROOT%': { uri: 'file:///work/my%20project/' } });
  assert.equal(run.columnKind, 'utf16CodeUnits');
  const at = (uri: string, startLine: number, startColumn: number, endLine: number, endColumn: number): object => ({
    physicalLocation: { artifactLocation: { uri, uriBaseId: '%SRCROOT%' }, region: { startLine, startColumn, endLine, endColumn } },
  });
  const index = (id: string): number => RULES.findIndex((r) => r.meta.id === id);
  for (const result of run.results) delete result.partialFingerprints; // Tested below.
  assert.deepEqual(run.results, [
    { ruleId: 'latest-tag', ruleIndex: index('latest-tag'), level: 'error', message: { text: 'First line,\n  second line.' }, locations: [at('app/Dockerfile', 1, 13, 1, 19)] },
    { ruleId: 'plaintext-secret', ruleIndex: index('plaintext-secret'), level: 'note', message: { text: 'Secret.' }, locations: [at('app/Dockerfile', 3, 5, 4, 1)] },
    {
      ruleId: 'loadbalancer-cost',
      ruleIndex: index('loadbalancer-cost'),
      level: 'warning',
      message: { text: 'LB.' },
      locations: [at('k%208s/svc.yaml', 6, 9, 6, 21)],
      relatedLocations: [
        { id: 0, ...at('k%208s/svc.yaml', 20, 9, 20, 21), message: { text: 'Another one' } },
        { id: 1, ...at('k%208s/deploy.yaml', 3, 1, 3, 5), message: { text: 'Its pods' } },
      ],
    },
  ]);
  const file = (uri: string): object => ({ physicalLocation: { artifactLocation: { uri, uriBaseId: '%SRCROOT%' } } });
  assert.deepEqual(run.invocations, [
    {
      executionSuccessful: false,
      toolExecutionNotifications: [
        { level: 'error', message: { text: 'permission denied' }, locations: [file('broken/Dockerfile')] },
        {
          level: 'error',
          message: { text: 'internal error in rule latest-tag: boom' },
          locations: [file('app/Dockerfile')],
          associatedRule: { id: 'latest-tag', index: index('latest-tag') },
        },
        { level: 'error', message: { text: '.kubeready.yaml: bad' } },
      ],
    },
  ]);
});

test('sarif helpers: levels and relative URIs', () => {
  assert.deepEqual((['error', 'warning', 'info'] as const).map(sarifLevel), ['error', 'warning', 'note']);
  assert.equal(relativeUri('../a b/#x.yaml'), '../a%20b/%23x.yaml');
});

test('locateFindings: 1-based lines and columns over CRLF text, exclusive end, bulk fix safety', () => {
  const text = 'ab\r\ncd€f\r\n';
  const base: Omit<Finding, 'start' | 'end'> = { ruleId: 'latest-tag', severity: 'warning', message: 'm', fixes: [], related: [] };
  const located = locateFindings(text, [
    { ...base, start: 6, end: 8, related: [{ start: 0, end: 2, message: 'r' }] },
    {
      ...base,
      start: 1,
      end: 4,
      fixes: [
        { title: 'ignore', safety: 'safe', edits: [{ start: 0, end: 0, newText: '#' }], suppression: true },
        { title: 'unsafe', safety: 'unsafe', edits: [{ start: 0, end: 0, newText: '#' }] },
      ],
    },
  ]);
  assert.deepEqual(
    located.map(({ line, column, endLine, endColumn, autofix, related }) => ({ line, column, endLine, endColumn, autofix, related })),
    [
      { line: 2, column: 3, endLine: 2, endColumn: 5, autofix: null, related: [{ message: 'r', line: 1, column: 1, endLine: 1, endColumn: 3 }] },
      { line: 1, column: 2, endLine: 2, endColumn: 1, autofix: 'unsafe', related: [] },
    ],
  );
});
