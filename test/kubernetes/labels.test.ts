import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Document } from 'yaml';
import { readYamlDocuments } from '../../server/src/kubernetes/kubectl-yaml';
import { meetsRequirement, readLabelMap, readLabelSelector } from '../../server/src/kubernetes/labels';
import { mapGet } from '../../server/src/kubernetes/nodes';
import type { YamlMap } from '../../server/src/kubernetes/model';

/** Parses a YAML text and returns its document and the value at `key` of the root map. */
function read(text: string, key: string): { doc: Document.Parsed; node: unknown } {
  const [doc] = readYamlDocuments(text);
  return { doc, node: mapGet(doc.contents as YamlMap, key) };
}

test('readLabelMap: strings as the API reads them, aliases followed and merge keys merged, nested values and bad merges refused', () => {
  const text = 'base: &base {app: web}\nplain: {app: web, version: 2, on: "true"}\nalias: *base\nmerged: {<<: *base, tier: front}\nbadMerge: {<<: [*base, x]}\nnested: {app: {x: y}}\nnone:\n';
  const labels = (key: string) => {
    const { doc, node } = read(text, key);
    const map = readLabelMap(node, doc, text);
    return map && [...map.values()].map((e) => [e.key, e.value.value, text.slice(e.keyRange.start, e.keyRange.end)]);
  };
  assert.deepEqual(labels('plain'), [['app', 'web', 'app'], ['version', '2', 'version'], ['on', 'true', 'on']]);
  assert.deepEqual(labels('alias'), [['app', 'web', 'app']]);
  assert.deepEqual(labels('merged'), [['app', 'web', 'app'], ['tier', 'front', 'tier']]);
  assert.equal(labels('badMerge'), null);
  assert.equal(labels('nested'), null);
  assert.deepEqual(labels('none'), []);
  assert.deepEqual(labels('missing'), []);
});

test('readLabelSelector and meetsRequirement follow the API server', () => {
  const text = [
    'selector:',
    '  matchLabels: {app: web}',
    '  matchExpressions:',
    '  - {key: tier, operator: In, values: [front, edge]}',
    '  - {key: track, operator: NotIn, values: [canary]}',
    '  - {key: team, operator: Exists}',
    '  - {key: legacy, operator: DoesNotExist}',
    'bad: {matchExpressions: [{key: a, operator: Matches}]}',
    'labels: {app: web, tier: edge, team: shop}',
    'other: {app: web, tier: edge, track: canary}',
    '',
  ].join('\n');
  const { doc, node } = read(text, 'selector');
  const requirements = readLabelSelector(node, doc, text);
  assert.ok(requirements);
  assert.deepEqual(requirements.map((r) => [r.key, r.operator, r.values, r.fromMatchLabels, text.slice(r.span.start, r.span.end)]), [
    ['app', 'In', ['web'], true, 'app'],
    ['tier', 'In', ['front', 'edge'], false, 'tier'],
    ['track', 'NotIn', ['canary'], false, 'track'],
    ['team', 'Exists', [], false, 'team'],
    ['legacy', 'DoesNotExist', [], false, 'legacy'],
  ]);
  const bad = read(text, 'bad');
  assert.equal(readLabelSelector(bad.node, bad.doc, text), null);
  const met = (key: string): boolean[] => {
    const { doc: labelsDoc, node: labelsNode } = read(text, key);
    const labels = readLabelMap(labelsNode, labelsDoc, text);
    assert.ok(labels);
    return requirements.map((r) => meetsRequirement(r, labels));
  };
  assert.deepEqual(met('labels'), [true, true, true, true, true]);
  assert.deepEqual(met('other'), [true, true, false, false, true]);
});
