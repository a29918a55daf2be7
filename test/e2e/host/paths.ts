/** What both hosts share: where things are, and a fresh copy of the fixture workspace for each run. */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The repository root (this file is compiled to out/e2e/host/). */
export const REPO_ROOT = resolve(__dirname, '..', '..', '..');

/** The compiled suite's entry point: exports `run()`, which runs mocha in the extension host. */
export const SUITE_INDEX = join(REPO_ROOT, 'out', 'e2e', 'suite', 'index.js');

/** Where screenshots of failed tests go (git-ignored with the rest of `.vscode-test/`). */
export const SCREENSHOT_DIR = join(REPO_ROOT, '.vscode-test', 'screenshots');

/** A new temporary folder for one run. */
export function makeRunDir(): string {
  return mkdtempSync(join(tmpdir(), 'kubeready-e2e-'));
}

/**
 * Copies test/e2e/fixtures into `runDir/workspace` and returns that folder: the tests edit files
 * and write workspace settings, which must never touch the repository.
 */
export function prepareWorkspace(runDir: string): string {
  const workspace = join(runDir, 'workspace');
  mkdirSync(workspace, { recursive: true });
  cpSync(join(REPO_ROOT, 'test', 'e2e', 'fixtures'), workspace, { recursive: true });
  return workspace;
}

/**
 * The extension folder to test: the source tree, or `dir` (e.g. an unpacked .vsix, whose extension
 * sits in its `extension/` folder). Fails with a clear message when the folder has no package.json,
 * its entry point does not exist, or the suite was not built.
 */
export function extensionUnderTest(dir: string | undefined): string {
  let root = resolve(dir ?? REPO_ROOT);
  if (!existsSync(join(root, 'package.json')) && existsSync(join(root, 'extension', 'package.json'))) root = join(root, 'extension');
  if (!existsSync(join(root, 'package.json'))) throw new Error(`${root} is not an extension folder: it has no package.json.`);
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { main?: unknown };
  if (typeof manifest.main !== 'string') throw new Error(`${join(root, 'package.json')} names no \`main\` entry point.`);
  const main = resolve(root, manifest.main);
  if (![main, `${main}.js`].some((file) => existsSync(file))) throw new Error(`The extension's entry point ${main} is missing: build it first.`);
  if (root === REPO_ROOT) checkBundleFresh();
  checkSuiteBuilt();
  return root;
}

/** The bundles VS Code runs from the source tree, and the sources esbuild makes them from. */
const BUNDLES = ['dist/extension.js', 'dist/server.js'];
const BUNDLED_SOURCES = ['client/src', 'server/src'];

/**
 * Fails with a clear message when a bundle in dist/ is missing or older than a source file: the
 * source tree's extension runs from dist/, so a stale bundle would test yesterday's code.
 */
function checkBundleFresh(): void {
  const bundled = Math.min(
    ...BUNDLES.map((file) => {
      const path = join(REPO_ROOT, file);
      if (!existsSync(path)) throw new Error(`${file} is missing: run \`npm run build\` (TypeScript and the esbuild bundles) first.`);
      return statSync(path).mtimeMs;
    }),
  );
  const newer = BUNDLED_SOURCES.flatMap((dir) => filesUnder(join(REPO_ROOT, dir))).find((file) => statSync(file).mtimeMs > bundled);
  if (newer) throw new Error(`${newer} changed after the bundles in dist/ were built: run \`npm run build\` first, so that the suite tests the current code.`);
}

/** Every file under a folder, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [path];
  });
}

/** Fails with a clear message when the suite was not compiled. */
export function checkSuiteBuilt(): void {
  if (!existsSync(SUITE_INDEX)) throw new Error(`${SUITE_INDEX} is missing: run \`npx tsc -b\` first.`);
}
