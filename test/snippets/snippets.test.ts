/**
 * Every snippet we ship must expand, with its defaults, to a file that passes every check, and
 * follow the snippet conventions (prefix, description, tab stops in order, `$0` last).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, test } from 'node:test';
import { lintText } from '../../server/src/engine';
import { bodyText, expandSnippet } from './expand';

const ROOT = resolve(__dirname, '..', '..', '..');

interface Snippet {
  prefix: string;
  description: string;
  body: string[];
}

interface SnippetFile {
  file: string;
  /** The path the expanded text is linted as. */
  lintPath: string;
  kind: 'dockerfile' | 'kubernetes';
}

const FILES: readonly SnippetFile[] = [
  { file: 'snippets/dockerfile.json', lintPath: 'Dockerfile', kind: 'dockerfile' },
  { file: 'snippets/kubernetes.json', lintPath: 'snippet.yaml', kind: 'kubernetes' },
];

/** Fixed values for every variable VS Code defines, so expansions are repeatable. */
const VARIABLES: Readonly<Record<string, string>> = {
  TM_SELECTED_TEXT: '',
  TM_CURRENT_LINE: '',
  TM_CURRENT_WORD: '',
  TM_LINE_INDEX: '0',
  TM_LINE_NUMBER: '1',
  TM_FILENAME: 'snippet.yaml',
  TM_FILENAME_BASE: 'snippet',
  TM_DIRECTORY: '/work/project',
  TM_FILEPATH: '/work/project/snippet.yaml',
  RELATIVE_FILEPATH: 'snippet.yaml',
  CLIPBOARD: '',
  WORKSPACE_NAME: 'project',
  WORKSPACE_FOLDER: '/work/project',
  CURSOR_INDEX: '0',
  CURSOR_NUMBER: '1',
  CURRENT_YEAR: '2024',
  CURRENT_YEAR_SHORT: '24',
  CURRENT_MONTH: '06',
  CURRENT_MONTH_NAME: 'June',
  CURRENT_MONTH_NAME_SHORT: 'Jun',
  CURRENT_DATE: '15',
  CURRENT_DAY_NAME: 'Saturday',
  CURRENT_DAY_NAME_SHORT: 'Sat',
  CURRENT_HOUR: '12',
  CURRENT_MINUTE: '30',
  CURRENT_SECOND: '45',
  CURRENT_SECONDS_UNIX: '1718454645',
  CURRENT_TIMEZONE_OFFSET: '+00:00',
  RANDOM: '123456',
  RANDOM_HEX: 'a1b2c3',
  UUID: '00000000-0000-4000-8000-000000000000',
  BLOCK_COMMENT_START: '',
  BLOCK_COMMENT_END: '',
  LINE_COMMENT: '#',
};

/** Reads a snippet file: `[name, snippet]` pairs, with the shape checked. */
function loadSnippets(file: string): [string, Snippet][] {
  const json: unknown = JSON.parse(readFileSync(resolve(ROOT, file), 'utf8'));
  assert.ok(json && typeof json === 'object' && !Array.isArray(json), `${file} must hold an object of snippets`);
  return Object.entries(json as Record<string, Snippet>);
}

/** What linting a snippet's expansion reports, in a form that compares whole. */
interface SnippetCheck {
  kind: string;
  findings: { ruleId: string; line: number; message: string }[];
  failures: string[];
}

/** Expands a body with its defaults and lints the result as `target` would. */
function checkBody(body: string | readonly string[], target: SnippetFile): SnippetCheck {
  const { text } = expandSnippet(body, VARIABLES);
  const result = lintText({ text, path: target.lintPath });
  return {
    kind: result.analysis?.kind ?? 'not read',
    findings: result.findings.map((f) => ({
      ruleId: f.ruleId,
      line: text.slice(0, f.start).split('\n').length,
      message: f.message,
    })),
    failures: result.failures.map((f) => `${f.ruleId}: ${f.error.message}`),
  };
}

const ALL = FILES.flatMap((target) => loadSnippets(target.file).map(([name, snippet]) => ({ target, name, snippet })));

describe('snippet files', () => {
  test('hold snippets for both languages', () => {
    for (const target of FILES) assert.ok(loadSnippets(target.file).length > 0, `${target.file} has no snippet`);
  });

  test('prefixes are unique across both files', () => {
    const seen = new Map<string, string>();
    for (const { name, snippet } of ALL) {
      assert.ok(!seen.has(snippet.prefix), `${name} and ${seen.get(snippet.prefix)} share the prefix ${snippet.prefix}`);
      seen.set(snippet.prefix, name);
    }
  });
});

for (const { target, name, snippet } of ALL) {
  describe(`${target.file}: ${name}`, () => {
    test('has a kr- prefix, a one-line description and a body of lines', () => {
      assert.equal(typeof snippet.prefix, 'string');
      assert.match(snippet.prefix, /^kr-[a-z0-9-]+$/);
      assert.equal(typeof snippet.description, 'string');
      assert.ok(snippet.description.trim().length > 0, 'empty description');
      assert.ok(!snippet.description.includes('\n'), 'the description must fit on one line');
      assert.ok(Array.isArray(snippet.body) && snippet.body.length > 0, 'body must be a non-empty array of lines');
      for (const line of snippet.body) assert.equal(typeof line, 'string');
    });

    test('every tab stop has a default, stops come in order, $0 is last', () => {
      const expansion = expandSnippet(snippet.body, VARIABLES);
      assert.deepEqual(expansion.stopsWithoutDefault, [], 'tab stops without a default value');
      assert.deepEqual(expansion.unknownVariables, [], 'unknown variables (escape a literal $ as \\$)');
      const numbered = expansion.stopOrder.filter((i) => i !== 0);
      assert.deepEqual(numbered, numbered.map((_, i) => i + 1), 'tab stops must first appear as $1, $2, $3, …');
      assert.equal(snippet.body[snippet.body.length - 1], '$0', 'the last line must be $0');
      assert.equal(bodyText(snippet.body).split('$0').length, 2, '$0 must appear once');
    });

    test('is indented with spaces, two at a time in YAML, without trailing spaces', () => {
      snippet.body.forEach((line, i) => {
        const indent = /^\s*/.exec(line)?.[0] ?? '';
        assert.ok(!indent.includes('\t'), `line ${i + 1} is indented with a tab`);
        if (target.kind === 'kubernetes') assert.equal(indent.length % 2, 0, `line ${i + 1} is not indented by a multiple of 2`);
        assert.ok(!/\s$/.test(line), `line ${i + 1} ends with whitespace`);
      });
    });

    test(`expands to a ${target.kind} file that passes every check`, () => {
      assert.deepEqual(checkBody(snippet.body, target), { kind: target.kind, findings: [], failures: [] });
    });
  });
}

/** A shipped snippet's body, by prefix. */
function bodyOf(prefix: string): string {
  const found = ALL.find((s) => s.snippet.prefix === prefix);
  assert.ok(found, `no snippet ${prefix}`);
  return bodyText(found.snippet.body);
}

/** Replaces text that must be in the body (so a mutation can never silently do nothing). */
function mutate(body: string, from: string, to: string): string {
  assert.ok(body.includes(from), `the body no longer contains ${JSON.stringify(from)}`);
  return body.replace(from, to);
}

describe('the snippet check catches a bad snippet', () => {
  const [dockerfile, kubernetes] = FILES;
  const cases: { name: string; target: SnippetFile; body: () => string; ruleId: string }[] = [
    { name: 'a :latest image', target: kubernetes, body: () => mutate(bodyOf('kr-deployment'), '${4:1.0.0}', '${4:latest}'), ruleId: 'latest-tag' },
    { name: 'a :latest base image', target: dockerfile, body: () => mutate(bodyOf('kr-dockerfile-go'), 'FROM golang:${1|', 'FROM golang:${1|latest,'), ruleId: 'latest-tag' },
    { name: 'an unpinned OS package', target: dockerfile, body: () => mutate(bodyOf('kr-dockerfile-python'), '${2:build-essential=12.9}', '${2:build-essential}'), ruleId: 'unpinned-package' },
    { name: 'a root runtime stage', target: dockerfile, body: () => mutate(bodyOf('kr-dockerfile-multistage'), 'USER 10001\n', ''), ruleId: 'root-user' },
    { name: 'an untagged base image', target: dockerfile, body: () => mutate(bodyOf('kr-dockerfile-python'), 'FROM python:$1\n', 'FROM python\n'), ruleId: 'untagged-image' },
    { name: 'a missing liveness probe', target: kubernetes, body: () => mutate(bodyOf('kr-deployment'), 'livenessProbe:', 'startupProbe:'), ruleId: 'missing-liveness-probe' },
    { name: 'a missing readiness probe', target: kubernetes, body: () => mutate(bodyOf('kr-daemonset'), 'readinessProbe:', 'startupProbe:'), ruleId: 'missing-readiness-probe' },
    {
      name: 'a password written in env',
      target: kubernetes,
      body: () => mutate(bodyOf('kr-statefulset'), 'valueFrom:\n            secretKeyRef:\n              name: ${7:$1-secrets}\n              key: ${8:postgres-password}', 'value: not-a-real-password'),
      ruleId: 'plaintext-secret',
    },
    { name: 'a LoadBalancer Service', target: kubernetes, body: () => mutate(bodyOf('kr-service'), 'type: ClusterIP', 'type: LoadBalancer'), ruleId: 'loadbalancer-cost' },
    { name: 'broken YAML', target: kubernetes, body: () => mutate(bodyOf('kr-configmap'), 'data:', 'data: [oops'), ruleId: 'syntax' },
  ];
  for (const c of cases) {
    test(`${c.name} yields ${c.ruleId}`, () => {
      const ruleIds = checkBody(c.body(), c.target).findings.map((f) => f.ruleId);
      assert.ok(ruleIds.includes(c.ruleId), `expected ${c.ruleId}, got [${ruleIds.join(', ')}]`);
    });
  }

  test('an inline Pod pulling nginx:latest yields latest-tag', () => {
    const body = ['apiVersion: v1', 'kind: Pod', 'metadata:', '  name: ${1:web}', 'spec:', '  containers:', '  - name: $1', '    image: ${2:nginx:latest}', '$0'];
    const check = checkBody(body, kubernetes);
    assert.equal(check.kind, 'kubernetes');
    const latest = check.findings.filter((f) => f.ruleId === 'latest-tag');
    assert.deepEqual(latest.map((f) => f.line), [8]);
  });
});
