import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyEdits } from '../../server/src/engine';
import { mergeIntoMap, prependToMap } from '../../server/src/kubernetes/insert';
import { parseKubernetes } from '../../server/src/kubernetes/model';
import type { YamlMap } from '../../server/src/kubernetes/model';
import { getIn } from '../../server/src/kubernetes/nodes';

/** Merges entries into the map at `path` of the file's first object and returns the new text (null when refused). */
function merge(text: string, path: string[], entries: Parameters<typeof mergeIntoMap>[2]): string | null {
  const file = parseKubernetes(text, 'x.yaml');
  const map = path.length === 0 ? file.manifests[0].node : (getIn(file.manifests[0].node, path) as YamlMap);
  const edits = mergeIntoMap(file, map, entries);
  return edits && applyEdits(text, edits);
}

const HEAD = 'apiVersion: v1\nkind: X\n';

test('mergeIntoMap descends into maps that exist and adds what is missing, deepest first', () => {
  const text = `${HEAD}spec:\n  resources:\n    requests:\n      cpu: 1\n`;
  assert.equal(
    merge(text, ['spec'], { resources: { requests: { memory: '1Gi' }, limits: { memory: '2Gi' } } }),
    `${HEAD}spec:\n  resources:\n    requests:\n      cpu: 1\n      memory: "1Gi"\n    limits:\n      memory: "2Gi"\n`,
  );
});

test('mergeIntoMap fills empty values and writes into flow maps', () => {
  assert.equal(merge(`${HEAD}spec:\n  a: {}\n  b:\n`, ['spec'], { a: { x: '1' }, b: { k: 'z' } }), `${HEAD}spec:\n  a:\n    x: "1"\n  b:\n    k: z\n`);
  assert.equal(merge(`${HEAD}spec: {a: {x: 1}, b: {}}\n`, ['spec'], { a: { k: '2' }, b: { z: 'w' }, c: 'v' }), `${HEAD}spec: {a: {x: 1, k: "2"}, b: {z: w}, c: v}\n`);
});

test('mergeIntoMap refuses to overwrite a value or to edit through an alias', () => {
  assert.equal(merge(`${HEAD}spec:\n  a: 1\n`, ['spec'], { a: '2' }), null);
  assert.equal(merge(`${HEAD}spec:\n  a: text\n`, ['spec'], { a: { b: 'c' } }), null);
  assert.equal(merge(`${HEAD}base: &b {x: 1}\nspec:\n  a: *b\n`, ['spec'], { a: { k: '2' } }), null);
});

test('prependToMap writes before the first key, or appends when that key shares its line', () => {
  const text = `${HEAD}spec:\n  template:\n    # the pods\n    spec: {}\n`;
  const file = parseKubernetes(text, 'x.yaml');
  const template = getIn(file.manifests[0].node, ['spec', 'template']) as YamlMap;
  const edit = prependToMap(file, template, { metadata: { labels: { app: 'web' } } });
  assert.ok(edit);
  assert.equal(applyEdits(text, [edit]), `${HEAD}spec:\n  template:\n    # the pods\n    metadata:\n      labels:\n        app: web\n    spec: {}\n`);

  const item = `${HEAD}items:\n- name: a\n`;
  const itemFile = parseKubernetes(item, 'x.yaml');
  const first = (getIn(itemFile.manifests[0].node, ['items']) as { items: YamlMap[] }).items[0];
  const appended = prependToMap(itemFile, first, { image: 'x' });
  assert.ok(appended);
  assert.equal(applyEdits(item, [appended]), `${HEAD}items:\n- name: a\n  image: x\n`);
});
