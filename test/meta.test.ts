/**
 * Every rule is complete: a module of its own, an entry in the registry, a docs page and a
 * table test. Fails as soon as one is missing, as ESLint's own meta checks do.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import type { Rule } from '../server/src/rules/rule';
import { RULES, RULE_IDS } from '../server/src/rules/index';
import { docsUrl } from '../server/src/rules/docs';

const ROOT = path.resolve(__dirname, '..', '..');
const RULES_SRC = path.join(ROOT, 'server', 'src', 'rules');
const RULES_OUT = path.join(ROOT, 'out', 'server', 'src', 'rules');

function exportedRules(file: string): Rule[] {
  // eslint-style discovery: any export that carries rule metadata is a rule.
  const mod = require(file) as Record<string, unknown>;
  return Object.values(mod).filter((v): v is Rule => typeof v === 'object' && v !== null && 'meta' in v && typeof (v as Rule).meta?.id === 'string');
}

test('rule ids are unique, kebab-case, and registered once', () => {
  const ids = RULES.map((r) => r.meta.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const id of ids) assert.match(id, /^[a-z]+(?:-[a-z]+)*$/);
});

test('every rule module is registered, and every registered rule has its own module', () => {
  const modules = fs.readdirSync(RULES_OUT).filter((f) => f.endsWith('.js'));
  const found = new Set<string>();
  for (const file of modules) {
    for (const rule of exportedRules(path.join(RULES_OUT, file))) {
      if (file === 'index.js') continue;
      assert.ok(RULE_IDS.has(rule.meta.id), `${file} exports rule ${rule.meta.id}, which is not in the registry`);
      assert.equal(file, `${rule.meta.id}.js`, `rule ${rule.meta.id} must live in rules/${rule.meta.id}.ts`);
      found.add(rule.meta.id);
    }
  }
  for (const id of RULE_IDS) assert.ok(found.has(id), `registered rule ${id} has no module rules/${id}.ts`);
  for (const id of RULE_IDS) assert.ok(fs.existsSync(path.join(RULES_SRC, `${id}.ts`)));
});

test('every rule has complete metadata', () => {
  for (const { meta } of RULES) {
    assert.ok(meta.title.length > 0 && meta.title.length <= 60, `${meta.id}: title`);
    assert.match(meta.description, /^[A-Z`].*\.$/, `${meta.id}: description is one sentence ending in a period`);
    assert.ok(['error', 'warning', 'info'].includes(meta.defaultSeverity), `${meta.id}: severity`);
    assert.ok(meta.appliesTo.length > 0, `${meta.id}: appliesTo`);
    assert.ok(['safe', 'unsafe', 'none'].includes(meta.fix), `${meta.id}: fix safety`);
    assert.equal(docsUrl(meta.id).endsWith(`/docs/rules/${meta.id}.md`), true);
    const checks = [meta.appliesTo.includes('dockerfile') ? 'checkDockerfile' : null, meta.appliesTo.includes('kubernetes') ? 'checkKubernetes' : null];
    const rule = RULES.find((r) => r.meta === meta) as Rule;
    for (const check of checks) if (check) assert.equal(typeof rule[check as 'checkDockerfile'], 'function', `${meta.id}: ${check}`);
  }
});

test('every rule has a docs page and a table test', () => {
  for (const { meta } of RULES) {
    assert.ok(fs.existsSync(path.join(ROOT, 'docs', 'rules', `${meta.id}.md`)), `docs/rules/${meta.id}.md is missing`);
    const testFile = path.join(ROOT, 'test', 'rules', `${meta.id}.test.ts`);
    assert.ok(fs.existsSync(testFile), `test/rules/${meta.id}.test.ts is missing`);
    const source = fs.readFileSync(testFile, 'utf8');
    assert.match(source, /ruleTester\(/, `test/rules/${meta.id}.test.ts must use the rule tester`);
    assert.match(source, /invalid:\s*\[\s*\{/, `test/rules/${meta.id}.test.ts needs invalid cases`);
    assert.match(source, /valid:\s*\[\s*\{/, `test/rules/${meta.id}.test.ts needs valid cases`);
  }
});

test('the README lists every rule with a link to its docs page', () => {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  for (const { meta } of RULES) {
    assert.ok(readme.includes(`[\`${meta.id}\`](docs/rules/${meta.id}.md)`), `README.md does not list ${meta.id}`);
  }
  const listed = [...readme.matchAll(/\]\(docs\/rules\/([a-z-]+)\.md\)/g)].map((m) => m[1]);
  for (const id of listed) assert.ok(RULE_IDS.has(id), `README.md links docs/rules/${id}.md, which is no rule`);
  assert.match(readme, new RegExp(`^${RULES.length} checks`, 'm'), 'the README says how many checks there are');
});
