/**
 * What docs/ci.md and the pre-commit hook promise: the hook reads exactly the files the CLI reads
 * and runs a command the package installs; every command line in the doc is one the CLI accepts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { parseArgs } from '../../server/src/cli/args';
import { sourceKind } from '../../server/src/engine';
import { ROOT } from './helpers';

interface Hook {
  id: string;
  language: string;
  entry: string;
  files: string;
  types?: string[];
  pass_filenames?: boolean;
  require_serial?: boolean;
}

const hooks = parse(fs.readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];
const doc = fs.readFileSync(path.join(ROOT, 'docs', 'ci.md'), 'utf8');

/** The hook's `files` pattern (Python syntax, `(?i)` for case) as a JavaScript regular expression. */
function filesPattern(hook: Hook): RegExp {
  assert.ok(hook.files.startsWith('(?i)'), 'the pattern ignores case, as sourceKind does');
  const body = hook.files.slice('(?i)'.length);
  assert.doesNotMatch(body, /\(\?[a-zP<]/, 'no other Python-only syntax, so that both engines read it alike');
  return new RegExp(body, 'i');
}

test('the pre-commit hook: id kubeready, a node hook whose entry is a bin of package.json', () => {
  assert.equal(hooks.length, 1);
  const [hook] = hooks;
  assert.equal(hook.id, 'kubeready');
  assert.equal(hook.language, 'node');
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> };
  assert.equal(hook.entry, 'kubeready');
  assert.ok(fs.existsSync(path.join(ROOT, pkg.bin[hook.entry])), 'the bin exists');
  assert.notEqual(hook.pass_filenames, false, 'pre-commit passes the staged files');
  assert.equal(hook.require_serial, true);
});

test("the hook's files pattern accepts and rejects the same names as sourceKind", () => {
  const pattern = filesPattern(hooks[0]);
  const names = [
    'Dockerfile', 'dockerfile', 'DOCKERFILE', 'Containerfile', 'containerfile',
    'Dockerfile.prod', 'Dockerfile.dev.arm64', 'Containerfile.build', 'api.dockerfile', 'api.Dockerfile', 'web.containerfile',
    'deploy.yaml', 'deploy.yml', 'DEPLOY.YAML', '.kubeready.yaml', '.yaml', 'Dockerfile.yaml', 'values.prod.yml',
    'Dockerfile.md', 'Dockerfile.txt', 'Dockerfile.json', 'Dockerfile.sh', 'Dockerfile.bak', 'Dockerfile.orig', 'Dockerfile.swp',
    'Dockerfile.dockerignore', '.dockerignore', 'api.containerignore', 'Dockerfile.', '.dockerfile', 'Dockerfiles',
    'mydockerfile', 'Dockerfile-prod', 'README.md', 'deploy.yaml.bak', 'deploy.yamlx', 'docker-compose.json', 'app.json',
  ];
  const folders = ['', 'k8s/', 'deep/er/path/', 'Dockerfile/', 'x.yaml/'];
  for (const folder of folders) {
    for (const name of names) {
      const file = folder + name;
      assert.equal(pattern.test(file), sourceKind(file) !== null, file);
    }
  }
});

/** The arguments of every `kubeready …` command line in the doc's code blocks, shell redirections left out. */
function documentedCommands(): string[][] {
  const blocks = [...doc.matchAll(/```\w*\n([\s\S]*?)```/g)].map((m) => m[1]);
  const commands: string[][] = [];
  for (const line of blocks.flatMap((b) => b.split('\n'))) {
    const match = /(?:^|[\s|])(?:npx\s+)?kubeready\s+(.+)$/.exec(line);
    if (!match) continue;
    const words = match[1].match(/"[^"]*"|'[^']*'|\S+/g) ?? [];
    const end = words.findIndex((w) => /^[<>|]/.test(w));
    commands.push((end < 0 ? words : words.slice(0, end)).map((w) => w.replace(/^(["'])(.*)\1$/, '$2')));
  }
  return commands;
}

test('every kubeready command line in docs/ci.md is accepted by the CLI', () => {
  const commands = documentedCommands();
  assert.ok(commands.length >= 6, `${commands.length} commands found`);
  const flags = new Set(commands.flat().filter((w) => w.startsWith('-')));
  for (const flag of ['--format', '--output', '--fail-on', '--max-warnings', '--stdin-filename', '--fix', '-']) assert.ok(flags.has(flag), flag);
  for (const args of commands) assert.doesNotThrow(() => parseArgs(args), args.join(' '));
  assert.ok(commands.some((args) => parseArgs(args).format === 'github'));
  assert.ok(commands.some((args) => parseArgs(args).format === 'sarif'));
});

test("docs/ci.md's YAML parses; the workflow uploads SARIF with the permission it needs; the pre-commit snippet names the hook", () => {
  const yamlBlocks = [...doc.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]);
  for (const block of yamlBlocks) {
    for (const document of parseAllDocuments(block)) assert.deepEqual(document.errors, [], block);
  }
  const workflow = parse(yamlBlocks.find((b) => b.includes('upload-sarif')) ?? '') as {
    jobs: Record<string, { permissions: Record<string, string>; steps: { uses?: string; run?: string; with?: Record<string, string> }[] }>;
  };
  const job = Object.values(workflow.jobs)[0];
  assert.equal(job.permissions['security-events'], 'write');
  const upload = job.steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'));
  const sarifRun = job.steps.find((s) => s.run?.includes('--format sarif'));
  assert.ok(upload && sarifRun);
  assert.equal(parseArgs(sarifRun.run?.replace(/^npx kubeready /, '').split(' ') ?? []).output, upload.with?.sarif_file);
  assert.deepEqual(['actions/checkout', 'actions/setup-node'].map((a) => job.steps.some((s) => s.uses?.startsWith(`${a}@`))), [true, true]);

  const config = parse(yamlBlocks.find((b) => b.startsWith('repos:')) ?? '') as { repos: { hooks: { id: string; args?: string[] }[] }[] };
  const hook = config.repos[0].hooks[0];
  assert.equal(hook.id, hooks[0].id);
  assert.doesNotThrow(() => parseArgs([...(hook.args ?? []), 'k8s/app.yaml', 'Dockerfile']));
});
