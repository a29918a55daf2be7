#!/usr/bin/env node
// Bundles the extension for VS Code with esbuild: dist/extension.js (the client; `vscode` stays
// external) and dist/server.js (the language server with every dependency inlined), both CommonJS
// for the Node that VS Code ships. Also dist/cli.js, the `kubeready` command in one file (it starts
// faster than out/'s hundreds of modules; bin/kubeready.js uses it while it is newer than out/; the
// .vsix leaves it out). The folder is emptied first, so nothing stale is packaged.
//
//   node scripts/bundle.mjs              production: no source maps
//   node scripts/bundle.mjs --sourcemap  with dist/*.js.map next to each bundle (development, or a .vsix on request)
//   node scripts/bundle.mjs --outdir <dir>
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    sourcemap: { type: 'boolean', default: false },
    outdir: { type: 'string', default: join(root, 'dist') },
  },
});
// Set by scripts/package.mjs for `vsce package`, which runs this script as `vscode:prepublish`.
const sourcemap = values.sourcemap || process.env.KUBEREADY_SOURCEMAP === '1';
const outdir = resolve(values.outdir);

rmSync(outdir, { recursive: true, force: true });
const common = {
  absWorkingDir: root,
  outdir,
  bundle: true,
  platform: 'node',
  // VS Code 1.91 (engines.vscode) runs extensions on Electron 29, that is Node 20.
  target: 'node20',
  format: 'cjs',
  external: ['vscode'],
  sourcemap,
  logLevel: 'warning',
};
await Promise.all([
  // Stack frames in the extension's and the server's logs keep the names of functions and classes.
  build({ ...common, entryPoints: { extension: 'client/src/extension.ts', server: 'server/src/server.ts' }, keepNames: true }),
  // The CLI shows stack frames only with KUBEREADY_DEBUG; keeping names costs it a call per closure made (about 5% of a run).
  build({ ...common, entryPoints: { cli: 'server/src/cli/main.ts' }, keepNames: false }),
]);
