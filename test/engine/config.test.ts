import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { ConfigError, configFileProblems, DEFAULT_CONFIG, findConfigFile, globToRegExp, isIgnoredByConfig, isIgnoredByGlobs, mergeConfig, parseConfig } from '../../server/src/config/config';
import { DEFAULT_RULE_OPTIONS, ruleOptions } from '../../server/src/config/options';
import { Project } from '../../server/src/project';
import { RULE_IDS } from '../../server/src/rules/index';

test('reads rules, ignorePaths (and the older ignore) and trusted registries from YAML and JSON', () => {
  assert.deepEqual(parseConfig('rules:\n  latest-tag: error\n  loadbalancer-cost: off\nignorePaths:\n  - charts/**\nignore: [old/**]\ntrustedRegistries: [registry.example.com]\n', '.kubeready.yaml', RULE_IDS), {
    rules: { 'latest-tag': 'error', 'loadbalancer-cost': 'off' },
    ignore: ['charts/**', 'old/**'],
    trustedRegistries: ['registry.example.com'],
  });
  assert.deepEqual(parseConfig('{"rules": {"untagged-image": "info"}}', '.kubeready.json', RULE_IDS), { rules: { 'untagged-image': 'info' }, ignore: [], trustedRegistries: [] });
  assert.deepEqual(parseConfig('', '.kubeready.yaml', RULE_IDS), { rules: {}, ignore: [], trustedRegistries: [] });
});

test('rule options sit next to the severity; an entry without severity keeps the default', () => {
  const config = parseConfig('rules:\n  missing-liveness-probe: {severity: error, path: /livez}\n  large-base-image:\n    allowedImages: [python]\n', '.kubeready.yaml', RULE_IDS);
  assert.deepEqual(config.rules, { 'missing-liveness-probe': 'error' });
  assert.deepEqual(config.ruleOptions, { 'missing-liveness-probe': { path: '/livez' }, 'large-base-image': { allowedImages: ['python'] } });
  assert.deepEqual(ruleOptions(config.ruleOptions, 'missing-liveness-probe'), { path: '/livez', initialDelaySeconds: 5, periodSeconds: 2 });
  assert.deepEqual(ruleOptions(undefined, 'plaintext-secret'), DEFAULT_RULE_OPTIONS['plaintext-secret']);
});

/** YAML whose aliases expand to millions of values. */
function aliasBomb(): string {
  let text = 'a: &a [x, x, x, x, x, x, x, x, x]\n';
  for (let i = 0, previous = 'a'; i < 12; previous = `b${i}`, i++) text += `b${i}: &b${i} [${Array(9).fill(`*${previous}`).join(', ')}]\n`;
  return text;
}

test('rejects bad configs with file:line:col and a plain message', () => {
  const cases: [string, string][] = [
    ['rules:\n  latest-tag: loud\n', '.kubeready.yaml:2:15: "loud" is not a severity for latest-tag: use error, warning, info or off'],
    ['rules:\n  latest-tag: errr\n', ".kubeready.yaml:2:15: \"errr\" is not a severity for latest-tag: use error, warning, info or off (did you mean 'error'?)"],
    ['rules:\n  no-such-rule: off\n', ".kubeready.yaml:2:3: Unknown rule 'no-such-rule' in 'rules' (kubeready --help lists the rules)"],
    ['rules:\n  latest-tga: off\n', ".kubeready.yaml:2:3: Unknown rule 'latest-tga' in 'rules': did you mean 'latest-tag'?"],
    ['rulez: {}\n', ".kubeready.yaml:1:1: Unknown key 'rulez' at the top of the config: did you mean 'rules'?"],
    ['rules:\n  latest-tag: {severity: error}\n', '.kubeready.yaml:2:15: latest-tag takes no options: write its severity alone (error, warning, info or off)'],
    ['rules:\n  missing-readiness-probe:\n    path: health\n', ".kubeready.yaml:3:11: 'rules.missing-readiness-probe.path' must be a path starting with /"],
    ['rules:\n  missing-readiness-probe: {periodSeconds: 0}\n', ".kubeready.yaml:2:44: 'rules.missing-readiness-probe.periodSeconds' must be 1 or more"],
    ['rules:\n  plaintext-secret: {secretWords: [two words]}\n', ".kubeready.yaml:2:36: 'rules.plaintext-secret.secretWords[0]' must be one word of letters and digits"],
    ['rules:\n  large-base-image: {allowed: [python]}\n', ".kubeready.yaml:2:22: Unknown key 'allowed' in 'rules.large-base-image' (known keys: severity, allowedImages)"],
    ['ignorePaths: charts\n', ".kubeready.yaml:1:14: 'ignorePaths' must be a list"],
    ['rules: [\n', '.kubeready.yaml:2:1: YAML syntax: '],
    ['{"rules": {},}', '.kubeready.json:1:14: JSON syntax: '],
    [aliasBomb(), '.kubeready.yaml:1:1: YAML: Excessive alias count'],
  ];
  for (const [text, message] of cases) {
    const file = message.split(':')[0];
    assert.throws(
      () => parseConfig(text, file, RULE_IDS),
      (e: unknown) => e instanceof ConfigError && e.message.startsWith(message) && e.problem === e.message.slice(e.message.indexOf(': ') + 2),
      text,
    );
  }
});

test('config file problems: every mistake with the offsets of the key or value at fault; ignore is reported as the older name', () => {
  const text = 'ignore: [a/**]\nrules:\n  latest-tag: loud\n  nope: off\n';
  const problems = configFileProblems(text, '.kubeready.yaml', RULE_IDS);
  assert.deepEqual(
    problems.map((p) => [text.slice(p.start, p.end), p.severity]),
    [['loud', 'error']],
    'schema errors come first: unknown ids are checked once the shape is right',
  );
  const valid = 'ignore: [a/**]\nrules:\n  nope: off\n';
  assert.deepEqual(
    configFileProblems(valid, '.kubeready.yaml', RULE_IDS).map((p) => [valid.slice(p.start, p.end), p.severity]),
    [['ignore', 'info'], ['nope', 'error']],
  );
  assert.deepEqual(configFileProblems('ignorePaths: [a/**]\n', '.kubeready.yaml', RULE_IDS), []);
  const schemas = 'schemas:\n  - files: crds/**\n    schema: missing.json\n';
  const [missing] = configFileProblems(schemas, path.join(os.tmpdir(), '.kubeready.yaml'), RULE_IDS);
  assert.equal(schemas.slice(missing.start, missing.end), 'missing.json');
  assert.match(missing.message, /^The schema file missing\.json \(schemas item 1\) /);
});

test('settings under the file: the file wins per value, lists add up', () => {
  const settings = parseConfig('rules:\n  latest-tag: info\n  naked-pod: off\n  plaintext-secret: {secretWords: [pin]}\n  missing-liveness-probe: {path: /a, periodSeconds: 9}\ntrustedRegistries: [a.example.com]\n', 'settings.yaml', RULE_IDS);
  const file = parseConfig('rules:\n  latest-tag: error\n  plaintext-secret: {secretWords: [salt, pin]}\n  missing-liveness-probe: {path: /b}\ntrustedRegistries: [b.example.com]\nignorePaths: [x/**]\n', '.kubeready.yaml', RULE_IDS);
  assert.deepEqual(mergeConfig(settings, file), {
    rules: { 'latest-tag': 'error', 'naked-pod': 'off' },
    ignore: ['x/**'],
    trustedRegistries: ['a.example.com', 'b.example.com'],
    ruleOptions: { 'plaintext-secret': { secretWords: ['pin', 'salt'] }, 'missing-liveness-probe': { path: '/b', periodSeconds: 9 } },
  });
  assert.deepEqual(mergeConfig(DEFAULT_CONFIG, DEFAULT_CONFIG), DEFAULT_CONFIG);
});

test('ignore globs relative to a folder never cover files outside it', () => {
  const root = path.join(os.tmpdir(), 'w');
  assert.equal(isIgnoredByGlobs(['gen/**'], root, path.join(root, 'gen', 'a.yaml')), true);
  assert.equal(isIgnoredByGlobs(['gen/**'], root, path.join(root, 'src', 'gen', 'a.yaml')), false);
  assert.equal(isIgnoredByGlobs(['*.gen.yaml'], root, path.join(root, 'src', 'a.gen.yaml')), true);
  assert.equal(isIgnoredByGlobs(['**'], root, path.join(os.tmpdir(), 'other', 'a.yaml')), false);
});

test('globs', () => {
  assert.equal(globToRegExp('charts/**').test('charts/x/templates/a.yaml'), true);
  assert.equal(globToRegExp('charts/**').test('other/charts/a.yaml'), false);
  assert.equal(globToRegExp('*.generated.yaml').test('deep/dir/a.generated.yaml'), true);
  assert.equal(globToRegExp('k8s/*.yaml').test('k8s/sub/a.yaml'), false);
  assert.equal(globToRegExp('**/templates/**').test('a/b/templates/c.yaml'), true);
  assert.equal(globToRegExp('{dev,test}/*.yaml').test('test/a.yaml'), true);
});

test('the nearest config applies; its ignore globs are relative to its folder', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kubeready-config-'));
  fs.mkdirSync(path.join(root, 'app', 'k8s'), { recursive: true });
  fs.writeFileSync(path.join(root, '.kubeready.yaml'), 'rules:\n  latest-tag: error\nignore:\n  - app/generated/**\n');
  fs.writeFileSync(path.join(root, 'app', 'k8s', '.kubeready.yml'), 'rules:\n  latest-tag: info\n');
  const project = new Project();
  assert.equal(project.configFor(path.join(root, 'Dockerfile')).config.rules['latest-tag'], 'error');
  assert.equal(project.configFor(path.join(root, 'app', 'k8s', 'd.yaml')).config.rules['latest-tag'], 'info');
  assert.equal(project.isIgnored(path.join(root, 'app', 'generated', 'x.yaml')), true);
  assert.equal(project.isIgnored(path.join(root, 'app', 'x.yaml')), false);
  assert.equal(isIgnoredByConfig(project.configFor(path.join(root, 'x.yaml')), path.join(os.tmpdir(), 'elsewhere.yaml')), false);
  fs.rmSync(root, { recursive: true, force: true });
});

test('kustomize patches are recognised from the kustomization that lists them', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kubeready-kustomize-'));
  fs.mkdirSync(path.join(root, 'overlays', 'prod'), { recursive: true });
  fs.mkdirSync(path.join(root, 'patches'));
  fs.writeFileSync(
    path.join(root, 'overlays', 'prod', 'kustomization.yaml'),
    'resources: [../../base]\npatchesStrategicMerge:\n  - replicas.yaml\npatches:\n  - path: ../../patches/probe.yaml\n  - patch: |-\n      - op: add\n',
  );
  const project = new Project();
  assert.equal(project.isPatch(path.join(root, 'overlays', 'prod', 'replicas.yaml')), true);
  assert.equal(project.isPatch(path.join(root, 'patches', 'probe.yaml')), false, 'listed from a folder below: not found by walking up');
  assert.equal(project.isPatch(path.join(root, 'overlays', 'prod', 'other.yaml')), false);
  const kustomization = path.join(root, 'overlays', 'prod', 'kustomization.yaml');
  project.registerKustomization(kustomization, fs.readFileSync(kustomization, 'utf8'));
  assert.equal(project.isPatch(path.join(root, 'patches', 'probe.yaml')), true, 'found once the kustomization is known');
  fs.rmSync(root, { recursive: true, force: true });
});

test('config look-ups fill a cache for every folder on the way, which later look-ups answer from', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kubeready-lookup-'));
  const deep = path.join(root, 'a', 'b');
  fs.mkdirSync(deep, { recursive: true });
  fs.writeFileSync(path.join(root, '.kubeready.yaml'), 'rules: {}\n');
  const cache = new Map<string, string | null>();
  const found = path.join(root, '.kubeready.yaml');
  assert.equal(findConfigFile(deep, cache), found);
  assert.deepEqual([deep, path.join(root, 'a'), root].map((dir) => cache.get(dir)), [found, found, found]);
  fs.writeFileSync(path.join(deep, '.kubeready.yml'), 'rules: {}\n');
  assert.equal(findConfigFile(deep, cache), found, 'answered from the cache');
  assert.equal(findConfigFile(deep), path.join(deep, '.kubeready.yml'), 'without a cache, the file system is asked');
  fs.rmSync(root, { recursive: true, force: true });
});

test('a project asks the file system about a folder once, until invalidate()', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kubeready-project-cache-'));
  const deployment = path.join(root, 'deployment.yaml');
  const project = new Project();
  assert.equal(project.configFor(deployment).path, null);
  assert.equal(project.isPatch(deployment), false);
  fs.writeFileSync(path.join(root, '.kubeready.yaml'), 'rules:\n  latest-tag: error\n');
  fs.writeFileSync(path.join(root, 'kustomization.yaml'), 'patches:\n  - path: deployment.yaml\n');
  assert.equal(project.configFor(deployment).path, null, 'the folder was asked already');
  assert.equal(project.isPatch(deployment), false, 'the folder was asked already');
  project.invalidate();
  assert.equal(project.configFor(deployment).config.rules['latest-tag'], 'error');
  assert.equal(project.isPatch(deployment), true);
  fs.rmSync(root, { recursive: true, force: true });
});
