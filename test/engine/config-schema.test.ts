/**
 * The config file's schema, the `kubeready.*` settings VS Code shows and the docs stay in step
 * with the rules and their options: one shape for the file and the settings.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { checkConfigText } from '../../server/src/config/check';
import { DEFAULT_RULE_OPTIONS } from '../../server/src/config/options';
import { RULE_IDS, RULES } from '../../server/src/rules/index';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const read = (file: string): string => fs.readFileSync(path.join(ROOT, file), 'utf8');

type Schema = Record<string, unknown> & { $ref?: string; properties?: Record<string, Schema>; anyOf?: Schema[] };

const schema = JSON.parse(read('schemas/kubeready-config.schema.json')) as Schema & { definitions: Record<string, Schema> };
const rulesSchema = (schema.properties as Record<string, Schema>).rules as Schema & { properties: Record<string, Schema> };
const settings = (JSON.parse(read('package.json')) as { contributes: { configuration: { properties: Record<string, Schema> }; yamlValidation: { fileMatch: string; url: string }[] } }).contributes;

/** A schema with its local `$ref`s replaced by what they name (VS Code settings cannot refer to definitions). */
function resolved(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(resolved);
  if (node === null || typeof node !== 'object') return node;
  const { $ref, ...rest } = node as Schema;
  const base = $ref ? (resolved(schema.definitions[$ref.split('/').pop() ?? '']) as object) : {};
  return { ...base, ...Object.fromEntries(Object.entries(rest).map(([key, value]) => [key, resolved(value)])) };
}

/** The option names a rule's schema entry allows besides `severity`. */
function optionNames(entry: Schema): string[] {
  const object = ((resolved(entry) as Schema).anyOf ?? []).find((branch) => branch.type === 'object');
  return Object.keys(object?.properties ?? {}).filter((key) => key !== 'severity');
}

test('the schema lists every rule, with its description, for completion', () => {
  const missing = RULES.filter((r) => !rulesSchema.properties[r.meta.id]).map((r) => `"${r.meta.id}": { "$ref": "#/definitions/severity", "description": ${JSON.stringify(r.meta.description)} }`);
  assert.deepEqual(missing, [], 'add these lines under rules.properties in schemas/kubeready-config.schema.json');
  assert.deepEqual(Object.keys(rulesSchema.properties).sort(), RULES.map((r) => r.meta.id).sort());
  for (const rule of RULES) assert.equal(rulesSchema.properties[rule.meta.id].description, rule.meta.description, rule.meta.id);
});

test('the rules with options in the schema are those with options in the code, with the same option names', () => {
  const withOptions = Object.entries(rulesSchema.properties).filter(([, entry]) => optionNames(entry).length > 0).map(([id]) => id);
  assert.deepEqual(withOptions.sort(), Object.keys(DEFAULT_RULE_OPTIONS).sort());
  for (const [id, defaults] of Object.entries(DEFAULT_RULE_OPTIONS)) assert.deepEqual(optionNames(rulesSchema.properties[id]).sort(), Object.keys(defaults).sort(), id);
});

test('the kubeready.* settings have the config file shape, per resource', () => {
  const properties = settings.configuration.properties;
  const rules = properties['kubeready.rules'] as Schema & { propertyNames: { enum: string[] } };
  assert.deepEqual(rules.propertyNames.enum, Object.keys(rulesSchema.properties), 'kubeready.rules: completion of every rule id');
  const optionRules = Object.keys(DEFAULT_RULE_OPTIONS);
  assert.deepEqual(rules.properties, Object.fromEntries(Object.entries(rulesSchema.properties).filter(([id]) => optionRules.includes(id)).map(([id, entry]) => [id, resolved(entry)])));
  assert.deepEqual(rules.additionalProperties, resolved({ $ref: '#/definitions/severity' }));
  for (const key of ['ignorePaths', 'trustedRegistries']) {
    assert.deepEqual(properties[`kubeready.${key}`].items, ((schema.properties as Record<string, Schema>)[key] as Schema).items, key);
  }
  for (const key of ['rules', 'ignorePaths', 'trustedRegistries']) assert.equal(properties[`kubeready.${key}`].scope, 'resource', key);
  assert.deepEqual(settings.yamlValidation.map((v) => [v.fileMatch, v.url]), [
    ['.kubeready.yaml', './schemas/kubeready-config.schema.json'],
    ['.kubeready.yml', './schemas/kubeready-config.schema.json'],
  ]);
});

test('docs/configuration.md and the rule pages document every key and option', () => {
  const page = read('docs/configuration.md');
  for (const key of [...Object.keys(schema.properties as object), 'kubeready.rules', 'kubeready.ignorePaths', 'kubeready.trustedRegistries']) {
    assert.ok(page.includes(`\`${key}\``), `docs/configuration.md mentions ${key}`);
  }
  for (const [id, defaults] of Object.entries(DEFAULT_RULE_OPTIONS)) {
    const rulePage = read(`docs/rules/${id}.md`);
    assert.match(rulePage, /^## Options$/m, `docs/rules/${id}.md has an Options section`);
    for (const option of Object.keys(defaults)) {
      assert.ok(rulePage.includes(`\`${option}\``), `docs/rules/${id}.md documents ${option}`);
      assert.ok(page.includes(`\`${option}\``), `docs/configuration.md documents ${option}`);
    }
  }
});

test('every YAML example of docs/configuration.md is a valid config', () => {
  const examples = [...read('docs/configuration.md').matchAll(/^( *)```yaml\n([\s\S]*?)^\1```/gm)].map((m) => m[2].replace(new RegExp(`^${m[1]}`, 'gm'), ''));
  assert.ok(examples.length >= 3);
  for (const example of examples) assert.deepEqual(checkConfigText(example, '.kubeready.yaml', RULE_IDS).problems, [], example);
});
