#!/usr/bin/env node
'use strict';
// The `kubeready` command. `npm run build` compiles the CLI to out/ and bundles it into
// dist/cli.js, one file that loads faster; the bundle runs unless `tsc` compiled out/ after it was
// made (a bundle older than the sources it would stand for is never used).
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');
const BUNDLE = path.join(ROOT, 'dist', 'cli.js');
const COMPILED = path.join(ROOT, 'out', 'server', 'src', 'cli', 'main.js');
/** Written by every `tsc -b` that changes out/server. */
const BUILD_INFO = path.join(ROOT, 'out', 'server', 'tsconfig.tsbuildinfo');

/** A file's modification time, or -1 when it is missing. */
function modified(file) {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return -1;
  }
}

const bundled = modified(BUNDLE);
const { main } = require(bundled >= 0 && bundled >= modified(BUILD_INFO) ? BUNDLE : COMPILED);

process.exitCode = main(process.argv);
