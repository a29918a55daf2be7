/**
 * The packaged extension: `npm run package` (scripts/package.mjs) is run on a copy of the
 * repository, and the .vsix it writes is read back: only allow-listed files, under 3 MB, a
 * manifest that points at files inside, a README with absolute links, bundles that need nothing
 * but Node and VS Code, and a server that starts from the unpacked extension alone.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { builtinModules } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { STATUS_NOTIFICATION } from '../../server/src/lsp/status';
import type { FileStatus } from '../../server/src/lsp/status';
import { DOCKERFILE_LATEST } from '../protocol/fixtures';
import { fileUri, LspClient } from '../protocol/harness';
import { readZip } from './zip';
import type { ZipEntry } from './zip';

/** The repository root (this file runs from out/test/package/). */
const ROOT = path.resolve(__dirname, '..', '..', '..');
const MAX_BYTES = 3 * 1024 * 1024;
const WARNING = 2;
const ERROR = 1;

/** What may be in the .vsix; anything else fails the test. */
const ALLOWED = [
  /^\[Content_Types\]\.xml$/,
  /^extension\.vsixmanifest$/,
  /^extension\/(package\.json|readme\.md|changelog\.md|LICENSE\.txt)$/,
  /^extension\/dist\/(extension|server)\.js$/,
  /^extension\/schemas\/[\w./-]+\.json$/,
  /^extension\/schemas\/kubernetes\/validators\.js$/,
  /^extension\/snippets\/[\w-]+\.json$/,
  /^extension\/images\/icon\.png$/,
];

/** What must be in it. */
const REQUIRED = [
  'extension/package.json',
  'extension/readme.md',
  'extension/changelog.md',
  'extension/LICENSE.txt',
  'extension/dist/extension.js',
  'extension/dist/server.js',
  'extension/schemas/kubeready-config.schema.json',
  'extension/schemas/kubernetes/kubernetes.json',
  'extension/schemas/kubernetes/validators.js',
  'extension/snippets/dockerfile.json',
  'extension/snippets/kubernetes.json',
  'extension/images/icon.png',
];

/** Left out of the copy the package is built from: installs, build output, editor-test downloads. */
const NOT_COPIED = new Set(['node_modules', 'out', 'dist', '.git', '.vscode-test']);

/** A copy of the repository's sources (node_modules linked) where packaging cannot disturb the working tree. */
function stageRepository(into: string): string {
  const stage = path.join(into, 'repo');
  fs.cpSync(ROOT, stage, {
    recursive: true,
    filter: (source) => {
      const relative = path.relative(ROOT, source);
      const top = relative.split(path.sep)[0];
      return !NOT_COPIED.has(top) && !relative.endsWith('.vsix');
    },
  });
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(stage, 'node_modules'), 'dir');
  return stage;
}

/** Runs `npm run package` (its script) in the staged copy; returns the .vsix's entries and size. */
function buildPackage(stage: string, vsix: string, extraArgs: string[] = []): { entries: ZipEntry[]; bytes: number } {
  const env = { ...process.env };
  delete env.KUBEREADY_SOURCEMAP;
  const run = spawnSync(process.execPath, [path.join('scripts', 'package.mjs'), '--out', vsix, ...extraArgs], { cwd: stage, env, encoding: 'utf8' });
  assert.equal(run.status, 0, `package.mjs failed:\n${run.stdout}\n${run.stderr}`);
  const archive = fs.readFileSync(vsix);
  return { entries: readZip(archive), bytes: archive.length };
}

/** Writes the entries under a folder. */
function unpack(entries: readonly ZipEntry[], into: string): void {
  for (const entry of entries) {
    const file = path.join(into, ...entry.name.split('/'));
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, entry.read());
  }
}

/**
 * The modules a CommonJS bundle loads with a literal `require("…")` (not one quoted in a string:
 * ajv keeps `'require("ajv/dist/runtime/…")'` as text for code it can generate, unused here).
 */
function requiredModules(bundle: string): string[] {
  return [...new Set([...bundle.matchAll(/(?<![`'"])\brequire\("([^"]+)"\)/g)].map((m) => m[1]))].sort();
}

function isBuiltin(name: string): boolean {
  return builtinModules.includes(name.replace(/^node:/, ''));
}

describe('npm run package', () => {
  let work: string;
  let stage: string;
  let entries: ZipEntry[];
  let bytes: number;
  const byName = (name: string): ZipEntry => {
    const entry = entries.find((e) => e.name === name);
    assert.ok(entry, `${name} is in the package`);
    return entry;
  };

  before(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'kubeready-package-'));
    stage = stageRepository(work);
    ({ entries, bytes } = buildPackage(stage, path.join(work, 'kubeready.vsix')));
  });

  after(() => fs.rmSync(work, { recursive: true, force: true }));

  test('the .vsix holds only allow-listed files, and every required one', () => {
    const names = entries.map((e) => e.name);
    const unexpected = names.filter((name) => !ALLOWED.some((pattern) => pattern.test(name)));
    assert.deepEqual(unexpected, [], 'no tests, sources, source maps, node_modules or other dev files');
    for (const name of REQUIRED) assert.ok(names.includes(name), `${name} is packaged`);
  });

  test(`the .vsix is smaller than ${MAX_BYTES / (1024 * 1024)} MB`, () => {
    assert.ok(bytes < MAX_BYTES, `${bytes} bytes`);
  });

  test('the packaged manifest points at files inside the package', () => {
    const manifest = JSON.parse(byName('extension/package.json').read().toString('utf8'));
    const inside = (relative: string): string => `extension/${path.posix.normalize(relative)}`;
    byName(inside(manifest.main));
    byName(inside(manifest.icon));
    for (const snippet of manifest.contributes.snippets) byName(inside(snippet.path));
    for (const validation of manifest.contributes.jsonValidation) byName(inside(validation.url));
    assert.equal(manifest.main, './dist/extension.js');
    assert.deepEqual(manifest.capabilities.untrustedWorkspaces, { supported: true });
    for (const [key, setting] of Object.entries<{ markdownDescription?: string }>(manifest.contributes.configuration.properties)) {
      assert.ok(setting.markdownDescription, `${key} has a markdownDescription`);
    }
  });

  test('every link and image of the packaged README is absolute (relative ones would break on the marketplace)', () => {
    const readme = byName('extension/readme.md').read().toString('utf8');
    const targets = [...readme.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]);
    assert.ok(targets.length > 0);
    const relative = targets.filter((target) => !/^(https:\/\/|#)/.test(target));
    assert.deepEqual(relative, []);
    assert.ok(targets.some((t) => t.startsWith('https://github.com/kubeready/kubeready/blob/main/docs/rules/')), 'rule docs link to the main branch');
  });

  test('every image the README shows exists in the repository', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1]);
    assert.ok(images.length > 0);
    for (const image of images) {
      assert.ok(!/^[a-z]+:/.test(image), `${image}: a file in the repository, so that vsce links it to the main branch`);
      assert.ok(fs.statSync(path.join(ROOT, image)).isFile(), `${image} exists`);
    }
  });

  test('the bundles load nothing but Node built-ins (and vscode, for the client)', () => {
    const client = requiredModules(byName('extension/dist/extension.js').read().toString('utf8'));
    const server = requiredModules(byName('extension/dist/server.js').read().toString('utf8'));
    assert.deepEqual(client.filter((name) => name !== 'vscode' && !isBuiltin(name)), []);
    assert.ok(client.includes('vscode'));
    assert.deepEqual(server.filter((name) => !isBuiltin(name)), []);
  });

  test('the bundled server starts from the unpacked extension alone and reads configs with the packaged schema', async (t) => {
    const unpacked = path.join(work, 'unpacked');
    unpack(entries, unpacked);
    const client = await LspClient.start({
      serverModule: path.join(unpacked, 'extension', 'dist', 'server.js'),
      cwd: unpacked,
      initializationOptions: { fileStatus: true },
    });
    t.after(() => client.kill());
    assert.equal(client.initializeResult.serverInfo?.name, 'kubeready');

    const project = path.join(work, 'project');
    fs.mkdirSync(path.join(project, 'strict'), { recursive: true });
    fs.mkdirSync(path.join(project, 'broken'));
    fs.writeFileSync(path.join(project, 'strict', '.kubeready.yaml'), 'rules:\n  latest-tag: error\n');
    fs.writeFileSync(path.join(project, 'broken', '.kubeready.yaml'), 'rules:\n  latest-tag: loud\n');

    const strict = fileUri(project, 'strict', 'Dockerfile');
    await client.open(strict, 'dockerfile', DOCKERFILE_LATEST);
    assert.deepEqual((await client.diagnostics(strict)).map((d) => [d.code, d.severity]), [['latest-tag', ERROR]]);
    const status = await client.waitForNotification<FileStatus>(STATUS_NOTIFICATION, (s) => s.uri === strict);
    assert.equal(status.state, 'dockerfile');

    const broken = fileUri(project, 'broken', 'Dockerfile');
    await client.open(broken, 'dockerfile', DOCKERFILE_LATEST);
    assert.deepEqual((await client.diagnostics(broken)).map((d) => [d.code, d.severity]), [['latest-tag', WARNING]]);
    assert.ok(client.shownMessages.some((m) => m.type === WARNING && m.message.includes('latest-tag')), 'the schema rejected the broken config');

    // The packaged Kubernetes validators load without node_modules and find a typo.
    const manifest = fileUri(project, 'deploy.yaml');
    await client.open(manifest, 'yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  typ: ClusterIP\n  ports:\n    - port: 80\n');
    const schemaFindings = (await client.diagnostics(manifest)).filter((d) => d.code === 'schema');
    assert.deepEqual(schemaFindings.map((d) => [d.range.start.line, d.range.start.character, d.severity]), [[5, 2, ERROR]]);
    assert.equal(await client.stop(), 0);
  });
});

describe('npm run package -- --sourcemap', () => {
  test('adds a source map next to each bundle, and nothing else', (t) => {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'kubeready-package-'));
    t.after(() => fs.rmSync(work, { recursive: true, force: true }));
    const { entries } = buildPackage(stageRepository(work), path.join(work, 'kubeready.vsix'), ['--sourcemap']);
    const maps = entries.map((e) => e.name).filter((name) => name.endsWith('.map')).sort();
    assert.deepEqual(maps, ['extension/dist/extension.js.map', 'extension/dist/server.js.map']);
    const server = entries.find((e) => e.name === 'extension/dist/server.js');
    assert.match(server?.read().toString('utf8') ?? '', /\/\/# sourceMappingURL=server\.js\.map\s*$/);
  });
});
