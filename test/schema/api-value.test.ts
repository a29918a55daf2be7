import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDocument } from 'yaml';
import { readYamlDocuments } from '../../server/src/kubernetes/kubectl-yaml';
import { isYaml11Boolean, toApiValue } from '../../server/src/schema/api-value';
import { closest, editDistance } from '../../server/src/schema/closest';

/** Reads `text` as kubectl does (merge keys recorded) and converts its first document. */
function convert(text: string): ReturnType<typeof toApiValue> {
  const [doc] = readYamlDocuments(text);
  return toApiValue(doc.contents, doc);
}

test('values read as kubectl reads them: YAML 1.1 booleans, numbers, quoted strings', () => {
  const { value } = convert('a: yes\nb: Off\nc: "yes"\nd: y\ne: true\nf: 8080\ng: "8080"\nh: 1.5\ni: yess\nj: !!str on\n');
  assert.deepEqual(value, { a: true, b: false, c: 'yes', d: true, e: true, f: 8080, g: '8080', h: 1.5, i: 'yess', j: 'on' });
  const doc = parseDocument('[yes, "yes", NO, nope]');
  const items = (doc.contents as unknown as { items: unknown[] }).items;
  assert.deepEqual(items.map(isYaml11Boolean), [true, false, true, false]);
});

test('null values leave their key out, and are kept aside', () => {
  const { value, sources } = convert('a:\nb: ~\nc: null\nd: 1\nlist: [1, null]\n');
  assert.deepEqual(value, { d: 1, list: [1, null] });
  const source = sources.get(value as object);
  assert.equal(source?.kind, 'map');
  assert.deepEqual(source?.kind === 'map' ? [...source.nulls.keys()] : [], ['a', 'b', 'c']);
});

test('aliases are followed and merge keys merged, explicit keys first', () => {
  const { value } = convert('base: &b {x: 1, y: 2}\nmore: &m {z: 3}\none:\n  <<: *b\n  y: 20\ntwo:\n  <<: [*m, *b]\n  x: 10\nalias: *b\nquoted:\n  "<<": 1\n');
  assert.deepEqual(value, {
    base: { x: 1, y: 2 },
    more: { z: 3 },
    one: { y: 20, x: 1 },
    two: { x: 10, z: 3, y: 2 },
    alias: { x: 1, y: 2 },
    quoted: { '<<': 1 },
  });
});

test('a value a key came from a merge key points at the pair where it is written', () => {
  const text = 'base: &b\n  typo: 1\nuse:\n  <<: *b\n';
  const { value, sources } = convert(text);
  const use = (value as Record<string, object>).use;
  const source = sources.get(use);
  const pair = source?.kind === 'map' ? source.pairs.get('typo') : undefined;
  const range = (pair?.key as { range: number[] }).range;
  assert.equal(text.slice(range[0], range[1]), 'typo');
  assert.equal(range[0], text.indexOf('typo'));
});

test('a recursive alias does not loop', () => {
  const { value } = convert('a: &a\n  b: *a\n  c: 1\n');
  assert.deepEqual(value, { a: { c: 1 } });
});

test('edit distance counts a swap of neighbours as one edit', () => {
  assert.equal(editDistance('lables', 'labels'), 1);
  assert.equal(editDistance('livenesProbe', 'livenessProbe'), 1);
  assert.equal(editDistance('abc', 'abc'), 0);
  assert.equal(editDistance('', 'abc'), 3);
});

test('closest: a case-only difference first, then one within the allowed edits; none on a tie', () => {
  const fields = ['livenessProbe', 'readinessProbe', 'image', 'imagePullPolicy', 'name', 'ports', 'env', 'envFrom'];
  assert.equal(closest('livenesProbe', fields), 'livenessProbe');
  assert.equal(closest('ImagePullPolicy', fields), 'imagePullPolicy');
  assert.equal(closest('port', fields), 'ports');
  assert.equal(closest('evn', fields), 'env');
  assert.equal(closest('debug', fields), null);
  assert.equal(closest('x', fields), null);
  assert.equal(closest('cat', ['bat', 'hat']), null);
  assert.equal(closest('image', fields), null, 'a word is not its own suggestion');
});
