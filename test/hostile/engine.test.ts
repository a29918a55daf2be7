/** The hostile inputs of issue 6 through the engine: each ends with a clear diagnostic or a skip with a reason. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, lintText } from '../../server/src/engine';
import type { Analysis } from '../../server/src/engine';
import { MAX_YAML_DEPTH } from '../../server/src/limits';
import { decodeSource } from '../../server/src/source-file';
import * as input from './inputs';

function skipReason(analysis: Analysis | null): string {
  assert.equal(analysis?.kind, 'skipped');
  return analysis.kind === 'skipped' ? analysis.reason : '';
}

/** Lints a text that must be checked; returns the rule ids found, after asserting that no rule failed. */
function checkedRules(text: string, path: string): string[] {
  const result = lintText({ text, path });
  assert.ok(result.analysis && result.analysis.kind !== 'skipped', `skipped: ${result.analysis?.kind === 'skipped' ? result.analysis.reason : ''}`);
  assert.deepEqual(result.failures, []);
  for (const f of result.findings) assert.ok(f.start >= 0 && f.start <= f.end && f.end <= text.length);
  return result.findings.map((f) => f.ruleId);
}

test('an alias bomb is read without expanding its aliases, and checked', () => {
  const rules = checkedRules(input.aliasBomb(), 'bomb.yaml');
  assert.ok(rules.includes('schema'), 'the lol keys are unknown ConfigMap fields');
});

test('a 10 MB file is skipped as too large, with the limit in the reason', () => {
  assert.match(skipReason(analyze({ text: input.TEN_MEGABYTES, path: 'big.yaml' })), /larger than the 4 MB limit/);
  assert.match(skipReason(analyze({ text: input.bigManifest(5000), path: 'big.yaml', maxFileSize: 4096 })), /larger than the 4096 bytes limit/);
  assert.match(skipReason(analyze({ text: input.TEN_MEGABYTES, path: 'Dockerfile' })), /larger than/);
});

test('bytes that are not UTF-8 are skipped; text holding NUL is skipped as binary', () => {
  assert.deepEqual(decodeSource(input.INVALID_UTF8), { skipped: 'not UTF-8 text' });
  assert.deepEqual(decodeSource(input.BINARY), { skipped: 'not UTF-8 text' });
  assert.match(skipReason(analyze({ text: input.NUL_TEXT, path: 'Dockerfile' })), /binary file/);
  assert.match(skipReason(analyze({ text: `${input.POD}\0`, path: 'pod.yaml' })), /binary file/);
});

test('a line of a megabyte is checked, in a manifest and in a Dockerfile', () => {
  checkedRules(input.LONG_LINE_MANIFEST, 'long.yaml');
  checkedRules(input.LONG_LINE_DOCKERFILE, 'Dockerfile');
});

test(`YAML nested deeper than ${MAX_YAML_DEPTH} levels is skipped with a reason; shallower nesting is read`, () => {
  for (const depth of [MAX_YAML_DEPTH + 10, 10_000, 100_000]) {
    assert.match(skipReason(analyze({ text: input.nestedFlow(depth), path: 'deep.yaml' })), /nested more than 200 levels deep/);
  }
  const blocks = Array.from({ length: 1000 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n');
  assert.match(skipReason(analyze({ text: `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n${blocks} 1\n`, path: 'deep.yaml' })), /nested/);
  assert.match(skipReason(analyze({ text: `apiVersion: v1\nkind: List\nitems:\n${'- '.repeat(1000)}x\n`, path: 'deep.yaml' })), /nested/);
  const result = lintText({ text: input.nestedFlow(MAX_YAML_DEPTH - 10), path: 'deep.yaml' });
  assert.equal(result.analysis?.kind, 'kubernetes');
  assert.deepEqual(result.findings.filter((f) => f.ruleId === 'syntax'), []);
});

test('100,000 documents in one file are read, the manifest among them checked', () => {
  const analysis = analyze({ text: input.HUNDRED_THOUSAND_DOCUMENTS, path: 'many.yaml' });
  assert.equal(analysis?.kind, 'kubernetes');
  if (analysis?.kind === 'kubernetes') assert.equal(analysis.model.documents.length, 100_001);
  assert.ok(checkedRules(input.HUNDRED_THOUSAND_DOCUMENTS, 'many.yaml').includes('latest-tag'));
});

test('a map of 50,000 keys is read, and a key repeated at its end is a syntax error on that key', () => {
  const text = `${input.bigManifest(0)}${Array.from({ length: 50_000 }, (_, i) => `  k${i}: v\n`).join('')}  k7: again\n`;
  const result = lintText({ text, path: 'keys.yaml' });
  const syntax = result.findings.filter((f) => f.ruleId === 'syntax');
  assert.equal(syntax.length, 1);
  assert.equal(text.slice(syntax[0].start, syntax[0].end), 'k7');
  assert.ok(syntax[0].start > text.length - 20);
});

test('tabs as YAML indentation are a syntax error on the tab', () => {
  const result = lintText({ text: input.TABS, path: 'tabs.yaml' });
  const syntax = result.findings.find((f) => f.ruleId === 'syntax');
  assert.match(syntax?.message ?? '', /Tabs/);
});

test('CRLF line ends and a BOM give the findings plain text gives', () => {
  const plain = checkedRules(input.POD, 'pod.yaml');
  assert.deepEqual(checkedRules(input.CRLF, 'pod.yaml'), plain);
  assert.deepEqual(checkedRules(input.BOM_POD, 'pod.yaml'), plain);
  const decoded = decodeSource(Buffer.from(input.BOM_POD, 'utf8'));
  assert.deepEqual(decoded, { text: input.POD, bom: true });
});

test('an empty file: a YAML one is skipped with a reason, a Dockerfile one has nothing to report', () => {
  assert.match(skipReason(analyze({ text: '', path: 'empty.yaml' })), /no apiVersion and kind/);
  assert.deepEqual(checkedRules('', 'Dockerfile'), []);
});

test('a RUN over 10,000 continuation lines is one instruction, checked', () => {
  const analysis = analyze({ text: input.CONTINUATIONS, path: 'Dockerfile' });
  assert.equal(analysis?.kind, 'dockerfile');
  if (analysis?.kind === 'dockerfile') assert.equal(analysis.model.instructions.length, 3);
  assert.ok(!checkedRules(input.CONTINUATIONS, 'Dockerfile').includes('syntax'));
});

test('a heredoc without its terminator is a syntax error naming the missing line', () => {
  const result = lintText({ text: input.UNTERMINATED_HEREDOC, path: 'Dockerfile' });
  assert.match(result.findings.find((f) => f.ruleId === 'syntax')?.message ?? '', /Unterminated heredoc: no line "EOF" ends it/);
});
