/** The `github` format: workflow commands the Actions runner turns into annotations. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { escapeData, escapeProperty, findingCommand, formatGithub, githubCommand } from '../../server/src/cli/format-github';
import type { LocatedFinding } from '../../server/src/cli/report';
import { ruleById } from '../../server/src/rules/index';
import { locatedFinding, runReport } from './helpers';

const DOCS = 'https://github.com/kubeready/kubeready/blob/main/docs/rules/';

/** A rule's title as the rule has it (its wording belongs to the rule). */
function title(id: string): string {
  return ruleById(id)?.meta.title ?? '';
}

function finding(overrides: Partial<LocatedFinding>): LocatedFinding {
  return locatedFinding({ message: 'M.', ...overrides });
}

const report = runReport;

test('escaping: data escapes %, CR and LF; properties also : and ,', () => {
  assert.equal(escapeData('100% sure\r\nnext: a, b'), '100%25 sure%0D%0Anext: a, b');
  assert.equal(escapeProperty('a:b,c%d\ne'), 'a%3Ab%2Cc%25d%0Ae');
  assert.equal(escapeData('%0A'), '%250A', 'an escape sequence in the text stays text');
});

test('levels: error, warning, and notice for infos', () => {
  assert.deepEqual((['error', 'warning', 'info'] as const).map(githubCommand), ['error', 'warning', 'notice']);
});

test('one command line per finding, whatever the message and path hold; related places and docs in the message', () => {
  const file = { path: 'k8s/a,b:c.yaml', kind: 'yaml' as const, findings: [] };
  const line = findingCommand(
    file,
    finding({
      ruleId: 'loadbalancer-cost',
      severity: 'info',
      message: 'Two lines:\n::error::not a command\r\n50%',
      line: 6,
      column: 9,
      endLine: 7,
      endColumn: 3,
      related: [
        { message: 'Same file', line: 20, column: 9, endLine: 20, endColumn: 21 },
        { message: 'Other file', path: 'k8s/deploy.yaml', line: 3, column: 1, endLine: 3, endColumn: 5 },
      ],
    }),
  );
  assert.equal(
    line,
    `::notice file=k8s/a%2Cb%3Ac.yaml,line=6,col=9,endLine=7,endColumn=3,title=${title('loadbalancer-cost')} (loadbalancer-cost)::` +
      'Two lines:%0A::error::not a command%0D%0A50%25%0A' +
      'k8s/a,b:c.yaml:20:9: Same file%0Ak8s/deploy.yaml:3:1: Other file%0A' +
      `Docs: ${DOCS}loadbalancer-cost.md`,
  );
  assert.doesNotMatch(line, /[\r\n]/);
});

test('the report: annotations, run problems, too many warnings, then the plain summary', () => {
  const text = formatGithub(
    report({
      files: [{ path: 'Dockerfile', kind: 'dockerfile', findings: [finding({ message: 'Tagged latest.' })] }],
      warnings: 3,
      maxWarnings: 2,
      failed: true,
      problems: [
        { path: 'secret/Dockerfile', message: 'permission denied' },
        { path: null, message: 'stdin: cannot, be read' },
      ],
    }),
  );
  assert.equal(
    text,
    [
      `::warning file=Dockerfile,line=1,col=1,endLine=1,endColumn=2,title=${title('latest-tag')} (latest-tag)::Tagged latest.%0ADocs: ${DOCS}latest-tag.md`,
      '::error file=secret/Dockerfile,title=kubeready::permission denied',
      '::error title=kubeready::stdin: cannot, be read',
      '::error title=kubeready::Too many warnings: 3, at most 2 allowed (--max-warnings).',
      '1 problem (0 errors, 1 warning, 0 infos)',
      'Too many warnings: 3, at most 2 allowed (--max-warnings).',
      '',
    ].join('\n'),
  );
  for (const line of text.split('\n').filter((l) => !l.startsWith('::'))) assert.doesNotMatch(line, /^\s*::/);
});

test('nothing at all for a clean run', () => {
  assert.equal(formatGithub(report({})), '');
});
