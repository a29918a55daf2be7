/** The built `kubeready` command, run as a child process against fixture folders. */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { analyze, lintText } from '../../server/src/engine';
import { RULES } from '../../server/src/rules/index';
import { CLEAN_MANIFEST, DOCKERFILE, engineFinding, MANIFEST, removeTempDirs, runCli, tempDir, unprivilegedUid, writeFiles } from './helpers';

after(removeTempDirs);

/** A folder with the known fixture: `Dockerfile` and `k8s/app.yaml`. */
function fixture(): string {
  const dir = tempDir();
  writeFiles(dir, { Dockerfile: DOCKERFILE, 'k8s/app.yaml': MANIFEST });
  return dir;
}

function message(text: string, file: string, ruleId: string): string {
  return engineFinding(text, file, ruleId).message;
}

test('text: one line per finding sorted by path and position, then the summary', () => {
  const dir = fixture();
  const run = runCli([], dir);
  assert.equal(run.stderr, '');
  assert.equal(
    run.stdout,
    [
      `Dockerfile:1:13: warning ${message(DOCKERFILE, 'Dockerfile', 'latest-tag')} [latest-tag]`,
      `k8s/app.yaml:6:9: warning ${message(MANIFEST, 'app.yaml', 'loadbalancer-cost')} [loadbalancer-cost]`,
      `k8s/app.yaml:28:17: warning ${message(MANIFEST, 'app.yaml', 'missing-liveness-probe')} [missing-liveness-probe]`,
      `k8s/app.yaml:28:17: warning ${message(MANIFEST, 'app.yaml', 'missing-readiness-probe')} [missing-readiness-probe]`,
      '',
      '4 problems (0 errors, 4 warnings, 0 infos)',
      '3 fixable with --fix --unsafe-fixes (review the changes)',
      '',
    ].join('\n'),
  );
  assert.equal(run.code, 0, 'warnings do not fail the run by default');
});

test('text: paths are relative to the working folder, also for paths outside it', () => {
  const dir = fixture();
  const inside = runCli(['k8s'], dir);
  assert.match(inside.stdout, /^k8s\/app\.yaml:6:9: warning /);
  const outside = runCli(['../Dockerfile'], path.join(dir, 'k8s'));
  assert.match(outside.stdout, /^\.\.\/Dockerfile:1:13: warning .* \[latest-tag\]\n\n1 problem \(0 errors, 1 warning, 0 infos\)\n/);
  const absolute = runCli([path.join(dir, 'Dockerfile')], dir);
  assert.match(absolute.stdout, /^Dockerfile:1:13: /);
});

test('json: one object per file with 1-based positions, fixes and docs', () => {
  const dir = fixture();
  const run = runCli(['--format', 'json'], dir);
  assert.equal(run.code, 0);
  const fixes = (text: string, file: string, ruleId: string): { title: string; safety: string }[] =>
    engineFinding(text, file, ruleId).fixes.map((f) => ({ title: f.title, safety: f.safety }));
  const docs = (id: string): string => `https://github.com/kubeready/kubeready/blob/main/docs/rules/${id}.md`;
  const finding = (text: string, file: string, ruleId: string, line: number, column: number, endColumn: number): object => ({
    ruleId,
    severity: 'warning',
    message: message(text, file, ruleId),
    line,
    column,
    endLine: line,
    endColumn,
    fixes: fixes(text, file, ruleId),
    docs: docs(ruleId),
  });
  assert.deepEqual(JSON.parse(run.stdout), [
    { path: 'Dockerfile', kind: 'dockerfile', findings: [finding(DOCKERFILE, 'Dockerfile', 'latest-tag', 1, 13, 19)] },
    {
      path: 'k8s/app.yaml',
      kind: 'yaml',
      findings: [
        finding(MANIFEST, 'app.yaml', 'loadbalancer-cost', 6, 9, 21),
        finding(MANIFEST, 'app.yaml', 'missing-liveness-probe', 28, 17, 20),
        finding(MANIFEST, 'app.yaml', 'missing-readiness-probe', 28, 17, 20),
      ],
    },
  ]);
  assert.ok(fixes(MANIFEST, 'app.yaml', 'missing-liveness-probe').length > 0, 'the probe finding offers fixes');
});

test('sarif: one run with every rule and a result per finding', () => {
  const dir = fixture();
  const run = runCli(['-f', 'sarif'], dir);
  assert.equal(run.code, 0);
  const log = JSON.parse(run.stdout);
  const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../package.json'), 'utf8'));
  const level = (s: string): string => (s === 'info' ? 'note' : s);
  const problemSeverity = (s: string): string => (s === 'info' ? 'recommendation' : s);
  // Help and fingerprints have tests of their own (format.test.ts); here: present and well formed.
  for (const rule of log.runs[0].tool.driver.rules) {
    assert.match(rule.help.markdown, /\n## Why it matters\n/, rule.id);
    assert.ok(rule.help.text.endsWith(`Full documentation: ${rule.helpUri}`), rule.id);
    delete rule.help;
  }
  for (const result of log.runs[0].results) {
    assert.match(result.partialFingerprints['kubereadyFinding/v2'], /^[0-9a-f]{64}$/);
    delete result.partialFingerprints;
  }
  const pascal = (id: string): string => id.split('-').map((w) => w[0].toUpperCase() + w.slice(1)).join('');
  const result = (text: string, file: string, uri: string, ruleId: string, startLine: number, startColumn: number, endColumn: number): object => ({
    ruleId,
    ruleIndex: RULES.findIndex((r) => r.meta.id === ruleId),
    level: 'warning',
    message: { text: message(text, file, ruleId) },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri, uriBaseId: '%SRCROOT%' },
          region: { startLine, startColumn, endLine: startLine, endColumn },
        },
      },
    ],
  });
  assert.deepEqual(log, {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'kubeready',
            version: pkg.version,
            semanticVersion: pkg.version,
            informationUri: pkg.homepage,
            rules: RULES.map((r) => ({
              id: r.meta.id,
              name: pascal(r.meta.id),
              shortDescription: { text: r.meta.title },
              fullDescription: { text: r.meta.description },
              helpUri: `https://github.com/kubeready/kubeready/blob/main/docs/rules/${r.meta.id}.md`,
              defaultConfiguration: { level: level(r.meta.defaultSeverity) },
              properties: { tags: [...r.meta.appliesTo], precision: 'high', 'problem.severity': problemSeverity(r.meta.defaultSeverity) },
            })),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: `${pathToFileURL(fs.realpathSync(dir)).href}/` } },
        invocations: [{ executionSuccessful: true }],
        columnKind: 'utf16CodeUnits',
        results: [
          result(DOCKERFILE, 'Dockerfile', 'Dockerfile', 'latest-tag', 1, 13, 19),
          result(MANIFEST, 'app.yaml', 'k8s/app.yaml', 'loadbalancer-cost', 6, 9, 21),
          result(MANIFEST, 'app.yaml', 'k8s/app.yaml', 'missing-liveness-probe', 28, 17, 20),
          result(MANIFEST, 'app.yaml', 'k8s/app.yaml', 'missing-readiness-probe', 28, 17, 20),
        ],
      },
    ],
  });
});

test('exit 0 and no output at all for a clean folder', () => {
  const dir = tempDir();
  writeFiles(dir, { 'k8s/config.yaml': CLEAN_MANIFEST, 'README.md': '# not checked\n' });
  const run = runCli(['.'], dir);
  assert.deepEqual(run, { code: 0, stdout: '', stderr: '' });
});

test('exit 1 for an error-level finding: a rule set to error, a YAML syntax error', () => {
  const dir = fixture();
  const raised = runCli(['--rule', 'latest-tag=error', 'Dockerfile'], dir);
  assert.equal(raised.code, 1);
  assert.match(raised.stdout, /^Dockerfile:1:13: error .* \[latest-tag\]\n\n1 problem \(1 error, 0 warnings, 0 infos\)\n$/);

  const broken = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: [1, 2\n';
  writeFiles(dir, { 'broken.yaml': broken });
  const syntax = runCli(['broken.yaml'], dir);
  assert.equal(syntax.code, 1);
  const expected = lintText({ text: broken, path: 'broken.yaml' }).findings.filter((f) => f.ruleId === 'syntax');
  assert.equal(expected.length, 1);
  assert.match(syntax.stdout, new RegExp(`^broken\\.yaml:\\d+:\\d+: error ${escape(expected[0].message)} \\[syntax\\]\\n`));
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

test('--fail-on warning fails on warnings; --fail-on none never fails on findings', () => {
  const dir = fixture();
  assert.equal(runCli(['--fail-on', 'warning'], dir).code, 1);
  assert.equal(runCli(['--fail-on=info', 'k8s'], dir).code, 1);
  assert.equal(runCli(['--fail-on', 'none', '--rule', 'latest-tag=error'], dir).code, 0);
  assert.equal(runCli(['--rule', 'latest-tag=off', '--rule', 'loadbalancer-cost=off', '--fail-on', 'warning', 'Dockerfile'], dir).code, 0);
});

test('--quiet prints errors only but the hidden findings still count for --fail-on', () => {
  const dir = fixture();
  const quiet = runCli(['--quiet', '--rule', 'latest-tag=error'], dir);
  assert.equal(quiet.code, 1);
  assert.equal(quiet.stdout.split('\n').filter((l) => l.includes(': warning ')).length, 0);
  assert.match(quiet.stdout, /^Dockerfile:1:13: error .*\n\n1 problem \(1 error, 0 warnings, 0 infos\), 3 more hidden by --quiet\n$/);
  const hiddenFailure = runCli(['-q', '--fail-on', 'warning', 'k8s'], dir);
  assert.deepEqual(hiddenFailure, { code: 1, stdout: '0 problems (0 errors, 0 warnings, 0 infos), 3 more hidden by --quiet\n', stderr: '' });
  assert.deepEqual(runCli(['-q', 'k8s'], dir), { code: 0, stdout: '', stderr: '' });
});

test('exit 2 on usage errors, with one line on stderr', () => {
  const dir = fixture();
  const cases: [string[], RegExp][] = [
    [['--frobnicate'], /^kubeready: unknown option '--frobnicate' \(kubeready --help lists the options\)\n$/],
    [['missing-folder'], /^kubeready: missing-folder: no such file or folder\n$/],
    [['--format', 'xml'], /^kubeready: --format must be one of text, json, sarif, github, not 'xml'\n$/],
    [['--max-warnings', 'lots'], /^kubeready: --max-warnings must be a whole number of 0 or more, not 'lots'\n$/],
    [['-', 'k8s'], /^kubeready: the path - \(stdin\) cannot be combined with other paths\n$/],
    [['--fail-on'], /^kubeready: --fail-on needs a value/],
    [['--rule', 'no-such-rule=error'], /^kubeready: --rule: unknown rule 'no-such-rule'/],
    [['--rule', 'latest-tag=loud'], /^kubeready: --rule must be one of error, warning, info, off, not 'loud'\n$/],
    [['--unsafe-fixes'], /^kubeready: --unsafe-fixes works only together with --fix\n$/],
    [['--quiet=yes'], /^kubeready: --quiet takes no value\n$/],
  ];
  for (const [args, stderr] of cases) {
    const run = runCli(args, dir);
    assert.equal(run.code, 2, args.join(' '));
    assert.equal(run.stdout, '', args.join(' '));
    assert.match(run.stderr, stderr);
  }
});

test('exit 2 for an invalid --config, naming the file and the problem', () => {
  const dir = fixture();
  writeFiles(dir, { 'conf/bad.yaml': 'rules:\n  latest-tag: loud\n', 'conf/unknown.yaml': 'rules:\n  nope: error\n' });
  const bad = runCli(['--config', 'conf/bad.yaml'], dir);
  assert.equal(bad.code, 2);
  assert.equal(bad.stdout, '');
  assert.equal(bad.stderr, 'kubeready: conf/bad.yaml:2:15: "loud" is not a severity for latest-tag: use error, warning, info or off\n');
  const unknown = runCli(['-c', 'conf/unknown.yaml'], dir);
  assert.deepEqual(unknown, { code: 2, stdout: '', stderr: "kubeready: conf/unknown.yaml:2:3: Unknown rule 'nope' in 'rules' (kubeready --help lists the rules)\n" });
  const absent = runCli(['--config', 'conf/absent.yaml'], dir);
  assert.equal(absent.code, 2);
  assert.match(absent.stderr, /^kubeready: conf\/absent\.yaml: cannot be read/);
});

test('--config applies one config to every file; a found .kubeready.yaml applies below its folder', () => {
  const dir = fixture();
  writeFiles(dir, { 'strict.yaml': 'rules:\n  latest-tag: error\n', 'k8s/.kubeready.yaml': 'rules:\n  loadbalancer-cost: "off"\n' });
  const strict = runCli(['--config', 'strict.yaml', '--format', 'json'], dir);
  assert.equal(strict.code, 1);
  const files = JSON.parse(strict.stdout) as { path: string; findings: { ruleId: string; severity: string }[]; skipped?: string }[];
  assert.deepEqual(files.map((f) => [f.path, f.skipped ?? f.findings.map((x) => `${x.ruleId}:${x.severity}`)]), [
    ['Dockerfile', ['latest-tag:error']],
    ['k8s/app.yaml', ['loadbalancer-cost:warning', 'missing-liveness-probe:warning', 'missing-readiness-probe:warning']],
    ['strict.yaml', 'YAML without Kubernetes objects (no apiVersion and kind)'],
  ]);
  const found = JSON.parse(runCli(['--format', 'json', 'k8s'], dir).stdout) as { findings: { ruleId: string }[] }[];
  assert.deepEqual(found[0].findings.map((f) => f.ruleId), ['missing-liveness-probe', 'missing-readiness-probe']);
});

test('an invalid .kubeready.yaml in a folder: exit 2, its files not checked, the others still are', () => {
  const dir = fixture();
  writeFiles(dir, { 'k8s/.kubeready.yaml': 'rulez: {}\n' });
  const run = runCli([], dir);
  assert.equal(run.code, 2);
  assert.match(run.stderr, /^kubeready: k8s\/\.kubeready\.yaml:1:1: .*rulez.* \(files under it are not checked\)\n$/);
  assert.match(run.stdout, /^Dockerfile:1:13: warning .*\[latest-tag\]\n\n1 problem /);
});

const readAs = unprivilegedUid();

test('an unreadable file is named on stderr, the others are still checked, exit 2', { skip: readAs === null ? 'no unprivileged user can run the CLI here' : false }, () => {
  const dir = fixture();
  fs.chmodSync(dir, 0o755);
  fs.chmodSync(path.join(dir, 'Dockerfile'), 0o000);
  const run = runCli(['--rule', 'latest-tag=error'], dir, {}, readAs ?? undefined);
  assert.equal(run.stderr, 'kubeready: Dockerfile: permission denied\n');
  assert.equal(run.code, 2);
  assert.match(run.stdout, /^k8s\/app\.yaml:6:9: /);
});

test('a dangling symbolic link named like a Dockerfile is an I/O error; the rest is checked', () => {
  const dir = fixture();
  fs.symlinkSync(path.join(dir, 'gone'), path.join(dir, 'k8s', 'Dockerfile'));
  const run = runCli([], dir);
  assert.equal(run.code, 2);
  assert.equal(run.stderr, 'kubeready: k8s/Dockerfile: no such file or folder\n');
  assert.match(run.stdout, /^Dockerfile:1:13: .*\nk8s\/app\.yaml:6:9: /);
});

test('a symbolic link loop does not hang, and each real file is checked once', () => {
  const dir = fixture();
  fs.symlinkSync(dir, path.join(dir, 'k8s', 'loop'));
  fs.symlinkSync(path.join(dir, 'k8s'), path.join(dir, 'again'));
  const run = runCli(['--format', 'json'], dir);
  assert.equal(run.code, 0);
  assert.deepEqual(
    (JSON.parse(run.stdout) as { path: string }[]).map((f) => f.path),
    ['Dockerfile', 'again/app.yaml'],
  );
});

test('--fix leaves files without a safe fix byte-identical', () => {
  const dir = fixture();
  const run = runCli(['--fix'], dir);
  assert.equal(run.code, 0);
  assert.equal(run.stderr, 'kubeready: no fixes applied\n');
  assert.equal(fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8'), DOCKERFILE);
  assert.equal(fs.readFileSync(path.join(dir, 'k8s/app.yaml'), 'utf8'), MANIFEST);
  assert.match(run.stdout, /\n4 problems \(0 errors, 4 warnings, 0 infos\)\n3 fixable with --fix --unsafe-fixes/);
});

test('--fix applies the safe apt fixes to a Dockerfile, keeping CRLF line breaks and the BOM', () => {
  const dir = tempDir();
  const before = '\uFEFFFROM debian:12-slim\r\nRUN apt-get update \\\r\n    && apt-get install -y jq=1.6-2.1+deb12u1\r\nUSER 10001\r\nCMD ["jq", "--version"]\r\n';
  writeFiles(dir, { Dockerfile: before, 'k8s/config.yaml': CLEAN_MANIFEST });
  const found = JSON.parse(runCli(['--format', 'json', 'Dockerfile'], dir).stdout) as { findings: { ruleId: string }[] }[];
  assert.deepEqual(found[0].findings.map((f) => f.ruleId), ['apt-lists-not-cleaned', 'apt-no-install-recommends']);
  const run = runCli(['--fix'], dir);
  assert.deepEqual(run, { code: 0, stdout: '', stderr: 'kubeready: applied 2 fixes in 1 file\n' });
  assert.equal(
    fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8'),
    '\uFEFFFROM debian:12-slim\r\nRUN apt-get update \\\r\n    && apt-get install --no-install-recommends -y jq=1.6-2.1+deb12u1 && rm -rf /var/lib/apt/lists/*\r\nUSER 10001\r\nCMD ["jq", "--version"]\r\n',
  );
  assert.equal(fs.readFileSync(path.join(dir, 'k8s/config.yaml'), 'utf8'), CLEAN_MANIFEST);
  assert.deepEqual(runCli([], dir), { code: 0, stdout: '', stderr: '' });
});

test('--fix --unsafe-fixes removes a plaintext secret and adds probes; the result parses and lints clean of them', () => {
  const dir = tempDir();
  const dockerfile = 'FROM python:3.12-slim\nWORKDIR /app\nCOPY app.py .\nENV DB_PASSWORD=hunter2\nUSER 10001\nCMD ["python", "app.py"]\n';
  const manifest = MANIFEST.replace('  type: LoadBalancer\n', '');
  writeFiles(dir, { Dockerfile: dockerfile, 'k8s/app.yaml': manifest });
  const run = runCli(['--fix', '--unsafe-fixes'], dir);
  assert.equal(run.stderr, 'kubeready: applied 3 fixes in 2 files\n');
  assert.deepEqual([run.code, run.stdout], [0, '']);
  const fixedDockerfile = fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8');
  assert.equal(fixedDockerfile, 'FROM python:3.12-slim\nWORKDIR /app\nCOPY app.py .\nUSER 10001\nCMD ["python", "app.py"]\n');
  assert.ok(!fixedDockerfile.includes('hunter2'));
  const fixedManifest = fs.readFileSync(path.join(dir, 'k8s/app.yaml'), 'utf8');
  assert.match(fixedManifest, /\n {10}livenessProbe:\n/);
  assert.match(fixedManifest, /\n {10}readinessProbe:\n/);
  for (const [text, file] of [[fixedDockerfile, 'Dockerfile'], [fixedManifest, 'app.yaml']]) {
    const analysis = analyze({ text, path: file });
    assert.ok(analysis && analysis.kind !== 'skipped', `${file} is still checked`);
    assert.deepEqual(lintText({ text, path: file }).findings.map((f) => f.ruleId), []);
  }
  assert.deepEqual(runCli([], dir), { code: 0, stdout: '', stderr: '' });
});

test('tags used in other files are offered as pins, and --unsafe-fixes applies the only one', () => {
  const dir = tempDir();
  writeFiles(dir, { 'api/Dockerfile': 'FROM python:latest\nUSER 10001\n', 'worker/Dockerfile': 'FROM python:3.12-slim\nUSER 10001\n' });
  const json = JSON.parse(runCli(['--format', 'json'], dir).stdout) as { path: string; findings: { ruleId: string; fixes: { title: string }[] }[] }[];
  const latest = json[0].findings.find((f) => f.ruleId === 'latest-tag');
  assert.deepEqual(latest?.fixes.map((f) => f.title).slice(0, 2), ['Pin python to 3.12-slim', 'Pin python to a tag…']);
  const run = runCli(['--fix', '--unsafe-fixes'], dir);
  assert.deepEqual(run, { code: 0, stdout: '', stderr: 'kubeready: applied 1 fix in 1 file\n' });
  assert.equal(fs.readFileSync(path.join(dir, 'api/Dockerfile'), 'utf8'), 'FROM python:3.12-slim\nUSER 10001\n');
  assert.deepEqual(runCli([], dir), { code: 0, stdout: '', stderr: '' }, 'the slim pin leaves nothing else to report');
});

test('--fix keeps CRLF line breaks and the BOM', () => {
  const dir = tempDir();
  const crlf = '\uFEFF' + MANIFEST.replace('  type: LoadBalancer\n', '').replace(/\n/g, '\r\n');
  writeFiles(dir, { 'app.yaml': crlf, Dockerfile: '\uFEFFFROM python:3.12-slim\r\nENV API_TOKEN=abc123\r\nUSER app\r\n' });
  const run = runCli(['--fix', '--unsafe-fixes', '--format', 'json'], dir);
  assert.equal(run.code, 0);
  assert.deepEqual((JSON.parse(run.stdout) as { findings: unknown[] }[]).map((f) => f.findings), [[], []]);
  const yaml = fs.readFileSync(path.join(dir, 'app.yaml'), 'utf8');
  assert.ok(yaml.startsWith('\uFEFFapiVersion: v1\r\n'));
  assert.ok(yaml.includes('livenessProbe:\r\n'));
  assert.doesNotMatch(yaml, /[^\r]\n/, 'every line break is CRLF');
  assert.equal(fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8'), '\uFEFFFROM python:3.12-slim\r\nUSER app\r\n');
});

test('positions are counted after the BOM, in UTF-16 code units', () => {
  const dir = tempDir();
  writeFiles(dir, { Dockerfile: '\uFEFF# café ☕\nFROM alpine:latest\nUSER 10001\n' });
  const run = runCli(['--format', 'json'], dir);
  const [file] = JSON.parse(run.stdout) as { findings: { line: number; column: number; endColumn: number }[] }[];
  assert.deepEqual(file.findings.map((f) => [f.line, f.column, f.endColumn]), [[2, 13, 19]]);
});

test('a Helm chart: templates are skipped without errors, --verbose says why', () => {
  const dir = tempDir();
  writeFiles(dir, {
    'chart/Chart.yaml': 'apiVersion: v2\nname: web\nversion: 0.1.0\n',
    'chart/values.yaml': 'image:\n  tag: latest\n',
    'chart/templates/deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: "nginx:{{ .Values.image.tag }}"\n',
  });
  assert.deepEqual(runCli([], dir), { code: 0, stdout: '', stderr: '' });
  const verbose = runCli(['--verbose', '--fail-on', 'info'], dir);
  assert.equal(verbose.code, 0);
  assert.equal(verbose.stdout, '');
  const lines = verbose.stderr.trimEnd().split('\n');
  assert.deepEqual(lines.map((l) => l.replace(/ \(.*\)$/, '')), [
    'chart/Chart.yaml: skipped',
    'chart/templates/deployment.yaml: skipped',
    'chart/values.yaml: skipped',
  ]);
  assert.match(lines[1], /Helm/);
  const json = JSON.parse(runCli(['--format', 'json'], dir).stdout) as { path: string; skipped?: string; findings: unknown[] }[];
  assert.deepEqual(json.map((f) => [f.path, typeof f.skipped, f.findings.length]), [
    ['chart/Chart.yaml', 'string', 0],
    ['chart/templates/deployment.yaml', 'string', 0],
    ['chart/values.yaml', 'string', 0],
  ]);
});

test('kustomize patches are not asked for what the base already has, wherever the patch lives', () => {
  const dir = tempDir();
  const patch = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: web:2.0\n';
  writeFiles(dir, {
    'overlays/prod/kustomization.yaml': 'resources:\n  - ../../base\npatches:\n  - path: ../../patches/web.yaml\npatchesStrategicMerge:\n  - local.yaml\n',
    'overlays/prod/local.yaml': patch,
    'patches/web.yaml': patch,
    'standalone/web.yaml': patch,
  });
  const json = JSON.parse(runCli(['--format', 'json'], dir).stdout) as { path: string; findings: { ruleId: string }[] }[];
  const rules = (file: string): string[] | undefined => json.find((f) => f.path === file)?.findings.map((x) => x.ruleId);
  assert.deepEqual(rules('overlays/prod/local.yaml'), []);
  assert.deepEqual(rules('patches/web.yaml'), []);
  assert.deepEqual(rules('standalone/web.yaml'), ['schema', 'missing-liveness-probe', 'missing-readiness-probe', 'missing-resources']);
});

test('a folder named templates above the working folder does not make a file a Helm template', () => {
  const dir = tempDir();
  const project = path.join(dir, 'templates', 'project');
  writeFiles(project, { 'app.yaml': `# rendered from {{ .Values }} once, kept as plain YAML\n${MANIFEST}` });
  const run = runCli(['--format', 'json'], project);
  const [file] = JSON.parse(run.stdout) as { skipped?: string; findings: unknown[] }[];
  assert.equal(file.skipped, undefined);
  assert.equal(file.findings.length, 3);
});

test('node_modules, .git and ignore globs are not walked; files named explicitly are still checked', () => {
  const dir = tempDir();
  writeFiles(dir, {
    'node_modules/pkg/Dockerfile': DOCKERFILE,
    '.git/Dockerfile': DOCKERFILE,
    'vendor/Dockerfile': DOCKERFILE,
    '.kubeready.yaml': 'ignore:\n  - vendor/**\n',
    'app/Dockerfile': DOCKERFILE,
  });
  const run = runCli(['--format', 'json'], dir);
  assert.deepEqual((JSON.parse(run.stdout) as { path: string }[]).map((f) => f.path), ['app/Dockerfile']);
  const explicit = runCli(['node_modules/pkg/Dockerfile'], dir);
  assert.match(explicit.stdout, /^node_modules\/pkg\/Dockerfile:1:13: warning /);
  const ignored = runCli(['--format', 'json', 'vendor/Dockerfile'], dir);
  assert.deepEqual(JSON.parse(ignored.stdout), [{ path: 'vendor/Dockerfile', kind: 'dockerfile', findings: [], skipped: 'ignored by .kubeready.yaml' }]);
});

test('a file named explicitly is read by its name, else as a Dockerfile when it starts with FROM or ARG', () => {
  const dir = tempDir();
  writeFiles(dir, { 'build.txt': '# syntax=docker/dockerfile:1\nARG V=1\nFROM alpine:latest\nUSER 10001\n', 'deploy.k8s': MANIFEST });
  const run = runCli(['--format', 'json', 'build.txt', 'deploy.k8s'], dir);
  const files = JSON.parse(run.stdout) as { path: string; kind: string; findings: { ruleId: string }[] }[];
  assert.deepEqual(files.map((f) => [f.path, f.kind, f.findings.map((x) => x.ruleId)]), [
    ['build.txt', 'dockerfile', ['latest-tag']],
    ['deploy.k8s', 'yaml', ['loadbalancer-cost', 'missing-liveness-probe', 'missing-readiness-probe']],
  ]);
});

test('--output writes the report to a file and nothing to stdout', () => {
  const dir = fixture();
  const run = runCli(['--format', 'sarif', '--output', 'out/report.sarif'], dir);
  assert.equal(run.code, 2, 'the folder out/ does not exist');
  assert.match(run.stderr, /^kubeready: out\/report\.sarif: cannot write the report: /);
  fs.mkdirSync(path.join(dir, 'out'));
  const ok = runCli(['-f', 'sarif', '-o', 'out/report.sarif'], dir);
  assert.deepEqual(ok, { code: 0, stdout: '', stderr: '' });
  const log = JSON.parse(fs.readFileSync(path.join(dir, 'out/report.sarif'), 'utf8'));
  assert.equal(log.runs[0].results.length, 4);
});

test('--help lists every rule id with its title, the formats and the exit codes; --version prints the version', () => {
  const run = runCli(['--help'], tempDir());
  assert.equal(run.code, 0);
  for (const rule of RULES) assert.match(run.stdout, new RegExp(`\\n  ${rule.meta.id} +${escape(rule.meta.title)} \\(`));
  for (const word of ['--format', 'text, json, sarif', '--fix', '--unsafe-fixes', '--config', '--fail-on', '--quiet', '--rule', '--output', '--max-warnings', '--stdin-filename', 'sarif, github', 'Exit codes:']) {
    assert.ok(run.stdout.includes(word), word);
  }
  const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../package.json'), 'utf8'));
  assert.deepEqual(runCli(['--version'], tempDir()), { code: 0, stdout: `${pkg.version}\n`, stderr: '' });
});

test('--max-warnings: exit 1 above the limit, warnings hidden by --quiet included; --fail-on still applies on its own', () => {
  const dir = fixture(); // 4 warnings, no error.
  assert.equal(runCli(['--max-warnings', '4'], dir).code, 0);
  const over = runCli(['--max-warnings', '3'], dir);
  assert.equal(over.code, 1);
  assert.match(over.stdout, /\n4 problems \(0 errors, 4 warnings, 0 infos\)\n.*\nToo many warnings: 4, at most 3 allowed \(--max-warnings\)\.\n$/);
  const quiet = runCli(['-q', '--max-warnings=0', 'k8s'], dir);
  assert.deepEqual(quiet, {
    code: 1,
    stdout: '0 problems (0 errors, 0 warnings, 0 infos), 3 more hidden by --quiet\nToo many warnings: 3, at most 0 allowed (--max-warnings).\n',
    stderr: '',
  });
  assert.equal(runCli(['--max-warnings', '10', '--rule', 'latest-tag=error'], dir).code, 1, 'an error fails the run whatever the warnings');
  assert.equal(runCli(['--max-warnings', '10', '--fail-on', 'warning'], dir).code, 1, 'either reason is enough');
  assert.equal(runCli(['--max-warnings', '0', '--fail-on', 'none', '--rule', 'latest-tag=info', 'Dockerfile'], dir).code, 0, 'infos are not warnings');
  const json = runCli(['--max-warnings', '0', '-f', 'json', 'Dockerfile'], dir);
  assert.equal(json.code, 1);
  assert.equal(JSON.parse(json.stdout).length, 1, 'the JSON stays an array of files');
});

test('--max-warnings counts what is left after --fix', () => {
  const dir = tempDir();
  writeFiles(dir, { Dockerfile: 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y jq=1.6-2.1+deb12u1\nUSER 10001\n' });
  assert.equal(runCli(['--max-warnings', '0', '--fail-on', 'none'], dir).code, 0, 'the apt findings are infos');
  assert.equal(runCli(['--max-warnings', '0', '--rule', 'apt-lists-not-cleaned=warning'], dir).code, 1);
  assert.deepEqual(runCli(['--fix', '--max-warnings', '0', '--rule', 'apt-lists-not-cleaned=warning'], dir), {
    code: 0,
    stdout: '',
    stderr: 'kubeready: applied 2 fixes in 1 file\n',
  });
});

test('github: one annotation per finding, then the summary; exit codes as for text', () => {
  const dir = fixture();
  writeFiles(dir, { 'k8s/.kubeready.yaml': 'rulez: 1\n' });
  const run = runCli(['--format', 'github', '--rule', 'latest-tag=error'], dir);
  assert.equal(run.code, 2, 'the broken config');
  const lines = run.stdout.split('\n');
  assert.match(lines[0], /^::error file=Dockerfile,line=1,col=13,endLine=1,endColumn=19,title=[^:,]+ \(latest-tag\)::.+%0ADocs: https:\/\/\S+\/latest-tag\.md$/);
  assert.match(lines[1], /^::error file=k8s\/\.kubeready\.yaml,line=1,col=1,title=kubeready::.*rulez/);
  assert.deepEqual(lines.slice(2), ['1 problem (1 error, 0 warnings, 0 infos)', '']);
  assert.match(run.stderr, /^kubeready: k8s\/\.kubeready\.yaml:1:1: /);
});
