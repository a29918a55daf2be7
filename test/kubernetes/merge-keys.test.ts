import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { YAMLMap } from 'yaml';
import { lintText } from '../../server/src/engine';
import { readYamlDocuments } from '../../server/src/kubernetes/kubectl-yaml';
import { allContainers, parseKubernetes } from '../../server/src/kubernetes/model';
import { mapEntries, mapGet, mapPair, mergedMaps } from '../../server/src/kubernetes/nodes';
import { latestTag } from '../../server/src/rules/latest-tag';
import { schema } from '../../server/src/rules/schema';
import { secretInConfigmap } from '../../server/src/rules/secret-in-configmap';
import { toApiValue } from '../../server/src/schema/api-value';

/** The map at `key` of the first document's root map, read as kubectl reads it. */
function mapAt(text: string, key: string): YAMLMap<unknown, unknown> {
  const [doc] = readYamlDocuments(text);
  assert.deepEqual(doc.errors, []);
  return mapGet(doc.contents as YAMLMap<unknown, unknown>, key) as YAMLMap<unknown, unknown>;
}

/** `key: value` for every key of the map at `key`, through mapEntries. */
function entries(text: string, key: string): Record<string, unknown> {
  return Object.fromEntries(mapEntries(mapAt(text, key)).map((e) => [e.key, (e.pair.value as { value: unknown }).value]));
}

/**
 * Checks that the three readers agree on every key of the map at `key`: mapGet, mapEntries and the
 * value the schema check sees. Returns that value.
 */
function agreed(text: string, key: string): Record<string, unknown> {
  const [doc] = readYamlDocuments(text);
  const map = mapGet(doc.contents as YAMLMap<unknown, unknown>, key) as YAMLMap<unknown, unknown>;
  const api = toApiValue(map, doc).value as Record<string, unknown>;
  const listed = entries(text, key);
  assert.deepEqual(api, listed);
  for (const name of Object.keys(listed)) assert.equal((mapGet(map, name) as { value: unknown }).value, listed[name], name);
  return listed;
}

const ANCHORS = 'a: &a {x: 1, y: 1}\nb: &b {x: 2, z: 2}\n';

test('a key written after a << wins over the merged one; a << written after a key wins over it (go-yaml v2, as kubectl)', () => {
  assert.deepEqual(agreed(ANCHORS + 'c:\n  <<: *a\n  x: 9\n', 'c'), { x: 9, y: 1 });
  assert.deepEqual(agreed(ANCHORS + 'c:\n  x: 9\n  <<: *a\n', 'c'), { x: 1, y: 1 });
  assert.deepEqual(agreed(ANCHORS + 'c: {<<: *a, y: 5, <<: *b}\n', 'c'), { x: 2, y: 5, z: 2 });
});

test('in <<: [*a, *b] the earlier map wins', () => {
  assert.deepEqual(agreed(ANCHORS + 'c: {<<: [*a, *b]}\n', 'c'), { x: 1, y: 1, z: 2 });
  assert.deepEqual(agreed(ANCHORS + 'c: {<<: [*b, *a]}\n', 'c'), { x: 2, y: 1, z: 2 });
  const text = ANCHORS + 'c: {<<: [*b, *a]}\n';
  assert.deepEqual(mergedMaps(mapAt(text, 'c')), [mapAt(text, 'b'), mapAt(text, 'a')]);
});

test('of two << keys the later one wins', () => {
  assert.deepEqual(agreed(ANCHORS + 'c: {<<: *a, <<: *b}\n', 'c'), { x: 2, y: 1, z: 2 });
  assert.deepEqual(agreed(ANCHORS + 'c: {<<: *b, <<: *a}\n', 'c'), { x: 1, y: 1, z: 2 });
  const text = ANCHORS + 'c: {<<: *a, <<: *b}\n';
  assert.deepEqual(mergedMaps(mapAt(text, 'c')), [mapAt(text, 'b'), mapAt(text, 'a')]);
});

test('merges nest: a merged map brings the keys it merges in, with its own precedence', () => {
  const text = 'a: &a {x: 1, y: 1, w: 1}\nb: &b {<<: *a, x: 2}\nc: &c {y: 3, <<: *b}\nd: {<<: *c, w: 4}\n';
  assert.deepEqual(agreed(text, 'b'), { x: 2, y: 1, w: 1 });
  // In c, the << after y brings b's y (from a): the later write wins.
  assert.deepEqual(agreed(text, 'c'), { x: 2, y: 1, w: 1 });
  assert.deepEqual(agreed(text, 'd'), { x: 2, y: 1, w: 4 });
  const dMap = mapAt(text, 'd');
  const d = mapEntries(dMap);
  // Keys come in the order they are first written: c writes y before what it merges from b.
  assert.deepEqual(d.map((e) => [e.key, e.merged]), [['y', true], ['x', true], ['w', false]]);
  // The pair that gives x is the one written in b.
  const x = d.find((e) => e.key === 'x')!.pair;
  assert.equal(x.key.range?.[0], text.indexOf('x: 2'));
  assert.equal(mapPair(dMap, 'x'), x);
});

test('a quoted "<<" is an ordinary key, not a merge', () => {
  assert.deepEqual(agreed(ANCHORS + 'c: {"<<": 7, y: 3}\n', 'c'), { '<<': 7, y: 3 });
  const c = mapAt(ANCHORS + "c: {'<<': *a}\n", 'c');
  assert.equal(mapGet(c, 'x'), null);
  assert.deepEqual(mapEntries(c).map((e) => [e.key, e.merged]), [['<<', false]]);
  assert.deepEqual(mergedMaps(c), []);
});

test('many merges of merges are read in linear time and a merge cycle ends', () => {
  const levels = ['l0: &l0 {v: 0}'];
  for (let i = 1; i <= 40; i++) levels.push(`l${i}: &l${i} {<<: [*l${i - 1}, *l${i - 1}, *l${i - 1}, *l${i - 1}]}`);
  const text = levels.join('\n') + '\n';
  const top = mapAt(text, 'l40');
  assert.equal(mapGet(top, 'missing'), null);
  assert.deepEqual(mapEntries(top).map((e) => e.key), ['v']);
  const cycle = 'a: &a {x: &b {<<: *a, y: 1}, <<: *b}\n';
  const [doc] = readYamlDocuments(cycle);
  const a = mapGet(doc.contents as YAMLMap<unknown, unknown>, 'a') as YAMLMap<unknown, unknown>;
  assert.deepEqual(mapEntries(a).map((e) => e.key), ['x', 'y']);
  assert.equal(mapGet(a, 'nothing'), null);
});

test('the schema check and the rules that read through mapGet see the same merged container', () => {
  const pod = (container: string): string =>
    'apiVersion: v1\nkind: List\nitems:\n' +
    '  - apiVersion: example.com/v1\n    kind: Templates\n    metadata: {name: t}\n    spec:\n' +
    '      old: &old {image: example/app:latest, imagePullPolicy: Sometimes}\n' +
    '      new: &new {image: example/app:1.0, imagePullPolicy: Always}\n' +
    '  - apiVersion: v1\n    kind: Pod\n    metadata: {name: p}\n    spec:\n      containers:\n        - name: c\n' +
    container;
  const layouts: [string, boolean][] = [
    ['          <<: *old\n          <<: *new\n', false],
    ['          <<: *new\n          <<: *old\n', true],
    ['          <<: [*old, *new]\n', true],
    ['          <<: [*new, *old]\n', false],
    ['          <<: *old\n          image: example/app:1.0\n          imagePullPolicy: Always\n', false],
    ['          image: example/app:1.0\n          imagePullPolicy: Always\n          <<: *old\n', true],
  ];
  for (const [container, oldWins] of layouts) {
    const text = pod(container);
    const image = allContainers(parseKubernetes(text, 'pod.yaml'))[0].image?.value;
    assert.equal(image, oldWins ? 'example/app:latest' : 'example/app:1.0', container);
    const { findings } = lintText({ text, path: 'pod.yaml' }, { rules: [schema, latestTag] });
    const found = (rule: string) => findings.some((f) => f.ruleId === rule);
    assert.equal(found('schema'), oldWins, `schema: ${container}`);
    assert.equal(found('latest-tag'), oldWins, `latest-tag: ${container}`);
  }
});

test('secret-in-configmap checks the data keys a ConfigMap merges in, where they are written', () => {
  const text =
    'apiVersion: v1\nkind: List\nitems:\n' +
    '  - apiVersion: example.com/v1\n    kind: Templates\n    metadata: {name: t}\n    spec: {common: &common {DB_PASSWORD: hunter2}}\n' +
    '  - apiVersion: v1\n    kind: ConfigMap\n    metadata: {name: app}\n    data:\n      <<: *common\n      MODE: fast\n';
  const { findings } = lintText({ text, path: 'list.yaml' }, { rules: [secretInConfigmap] });
  assert.deepEqual(findings.map((f) => text.slice(f.start, f.end)), ['DB_PASSWORD']);
});
