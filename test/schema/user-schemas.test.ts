/** `.kubeready.yaml` `schemas:`: loading schema files, and what is wrong with them. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { ConfigError, parseConfig } from '../../server/src/config/config';
import { lintText } from '../../server/src/engine';
import { Project } from '../../server/src/project';
import { RULE_IDS } from '../../server/src/rules/index';
import { schema } from '../../server/src/rules/schema';

function tempDir(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubeready-user-schemas-'));
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

const WIDGET = JSON.stringify({ type: 'object', properties: { spec: { type: 'object', additionalProperties: false, properties: { size: { type: 'string' } } } } });
const WIDGET_YAML = 'type: object\nproperties:\n  spec:\n    type: object\n    required: [size]\n';
const MANIFEST = 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n  colour: blue\n';

function configError(dir: string, text: string): string {
  try {
    parseConfig(text, path.join(dir, '.kubeready.yaml'), RULE_IDS);
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    return `${error.position?.line}:${error.position?.column} ${error.problem}`;
  }
  assert.fail('no ConfigError');
}

test('schemas are read relative to the config file, JSON or YAML, and validate the objects they map', (t) => {
  const dir = tempDir({ 'schemas/widget.json': WIDGET, 'schemas/widget.yaml': WIDGET_YAML, 'crs/w.yaml': MANIFEST });
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const config = parseConfig(
    'schemas:\n  - apiVersion: example.com/v1\n    kind: Widget\n    schema: schemas/widget.json\n  - files: "crs/**"\n    schema: ./schemas/widget.yaml\n',
    path.join(dir, '.kubeready.yaml'),
    RULE_IDS,
  );
  assert.deepEqual(config.schemas?.map((s) => [s.file, s.compiled.origin]), [
    [path.join(dir, 'schemas', 'widget.json'), 'widget.json'],
    [path.join(dir, 'schemas', 'widget.yaml'), 'widget.yaml'],
  ]);
  const inCrs = lintText({ text: MANIFEST, path: path.join(dir, 'crs', 'w.yaml') }, { config, rules: [schema] });
  assert.deepEqual(inCrs.findings.map((f) => f.message), [
    "A Widget's `spec` needs `size`.",
    "Unknown field `colour` in a Widget's `spec`: the schema widget.json does not allow it.",
  ]);
  const elsewhere = lintText({ text: MANIFEST, path: path.join(dir, 'other', 'w.yaml') }, { config, rules: [schema] });
  assert.deepEqual(elsewhere.findings.map((f) => f.message), ["Unknown field `colour` in a Widget's `spec`: the schema widget.json does not allow it."]);
});

test('a config without schemas has no schemas field, as before', () => {
  assert.deepEqual(parseConfig('rules:\n  schema: warning\n', '.kubeready.yaml', RULE_IDS), { rules: { schema: 'warning' }, ignore: [], trustedRegistries: [] });
});

test('a schema file that cannot be used is a config error that says which and why', (t) => {
  const dir = tempDir({
    'bad.json': '{ "type": ',
    'invalid.json': JSON.stringify({ type: 'objekt' }),
    'draft4.json': JSON.stringify({ $schema: 'http://json-schema.org/draft-04/schema#', type: 'object' }),
    'list.json': '[1, 2]',
    'bad.yaml': 'type: [object\n',
  });
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const mapping = (file: string): string => `schemas:\n  - apiVersion: example.com/v1\n    kind: Widget\n    schema: ${file}\n`;
  assert.equal(configError(dir, mapping('missing.json')), '4:13 The schema file missing.json (schemas item 1) cannot be read (ENOENT)');
  assert.match(configError(dir, mapping('bad.json')), /^4:13 The schema file bad\.json \(schemas item 1\) is not valid JSON: /);
  assert.match(configError(dir, mapping('bad.yaml')), /^4:13 The schema file bad\.yaml \(schemas item 1\) is not valid YAML: /);
  assert.match(configError(dir, mapping('invalid.json')), /^4:13 The schema file invalid\.json \(schemas item 1\) is not a valid JSON Schema: /);
  assert.equal(configError(dir, mapping('list.json')), '4:13 The schema file list.json (schemas item 1) is not a JSON Schema (an object)');
  assert.equal(
    configError(dir, mapping('draft4.json')),
    '4:13 The schema file draft4.json (schemas item 1) uses http://json-schema.org/draft-04/schema#, which Kube Ready cannot read: use JSON Schema draft-07, 2019-09 or 2020-12',
  );
  assert.match(configError(dir, 'schemas:\n  - kind: Widget\n    schema: x.json\n'), /^2:5 'schemas\[0\]' needs 'apiVersion'$/);
});

test('schemas of the 2020-12 draft and the generic draft URI are read', (t) => {
  const dir = tempDir({
    'new.json': JSON.stringify({ $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'object', properties: { spec: { type: 'object', unevaluatedProperties: false, properties: { size: { type: 'string' } } } } }),
    'generic.json': JSON.stringify({ $schema: 'http://json-schema.org/schema#', type: 'object', properties: { spec: { type: 'object', required: ['size'] } } }),
  });
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const config = parseConfig(
    'schemas:\n  - apiVersion: example.com/v1\n    kind: Widget\n    schema: new.json\n  - apiVersion: example.com/v1\n    kind: Widget\n    schema: generic.json\n',
    path.join(dir, '.kubeready.yaml'),
    RULE_IDS,
  );
  const result = lintText({ text: MANIFEST, path: 'w.yaml' }, { config, rules: [schema] });
  assert.deepEqual(result.findings.map((f) => f.message), [
    "A Widget's `spec` needs `size`.",
    "Unknown field `colour` in a Widget's `spec`: the schema new.json does not allow it.",
  ]);
});

test('the project reads a schema file once, and again after it changed', (t) => {
  const dir = tempDir({ '.kubeready.yaml': 'schemas:\n  - files: "**"\n    schema: s.json\n', 's.json': WIDGET, 'w.yaml': MANIFEST });
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const project = new Project();
  const first = project.configFor(path.join(dir, 'w.yaml')).config.schemas?.[0].compiled;
  project.invalidate();
  assert.equal(project.configFor(path.join(dir, 'w.yaml')).config.schemas?.[0].compiled, first, 'an unchanged file is not compiled again');
  fs.writeFileSync(path.join(dir, 's.json'), JSON.stringify({ type: 'object', properties: { spec: { type: 'object', required: ['size'] } } }));
  const future = new Date(Date.now() + 5000);
  fs.utimesSync(path.join(dir, 's.json'), future, future);
  project.invalidate();
  const config = project.configFor(path.join(dir, 'w.yaml')).config;
  assert.notEqual(config.schemas?.[0].compiled, first);
  const result = lintText({ text: MANIFEST, path: path.join(dir, 'w.yaml') }, { config, rules: [schema] });
  assert.deepEqual(result.findings.map((f) => f.message), ["A Widget's `spec` needs `size`."]);
});
