#!/usr/bin/env node
// Builds kubeready-<version>.vsix with @vscode/vsce, offline. vsce runs `vscode:prepublish`
// (scripts/bundle.mjs) first, so the package always holds a fresh bundle; everything the
// extension needs is inside dist/, hence `--no-dependencies`. The files that go in are listed in
// .vscodeignore (an allow-list).
//
//   npm run package                          kubeready-<version>.vsix in the repository root
//   npm run package -- --sourcemap           the same with dist/*.js.map, to debug a packaged build
//   npm run package -- --out <file.vsix>
import { createVSIX } from '@vscode/vsce';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    sourcemap: { type: 'boolean', default: false },
    out: { type: 'string' },
  },
});
const { name, version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const packagePath = resolve(values.out ?? join(root, `${name}-${version}.vsix`));

// The prepublish script runs in a child process; this is how it learns that maps were asked for.
if (values.sourcemap) process.env.KUBEREADY_SOURCEMAP = '1';
else delete process.env.KUBEREADY_SOURCEMAP;

// githubBranch: relative links in the README become https://github.com/kubeready/kubeready/blob/main/…
await createVSIX({ cwd: root, packagePath, dependencies: false, githubBranch: 'main' });
