#!/usr/bin/env node
'use strict';
// The Kube Ready language server, for any LSP client:
//   kubeready-language-server --stdio      (or --node-ipc, --socket=<port>, --pipe=<name>)
const TRANSPORTS = /^--(?:stdio|node-ipc|socket=.+|pipe=.+)$/;
const args = process.argv.slice(2);

if (args.includes('--help') || args.includes('-h') || !args.some((arg) => TRANSPORTS.test(arg))) {
  const help = args.includes('--help') || args.includes('-h');
  (help ? process.stdout : process.stderr).write(
    'Usage: kubeready-language-server --stdio | --node-ipc | --socket=<port> | --pipe=<name>\n' +
      'Speaks the Language Server Protocol: diagnostics and quick fixes for Dockerfiles and Kubernetes YAML.\n',
  );
  process.exit(help ? 0 : 2);
}

// The esbuild bundle (dist/server.js, one file) starts faster than the tsc output (dozens of
// modules); the tsc output runs when it is newer (a `tsc -b` without bundling) or the only one.
const fs = require('node:fs');
const path = require('node:path');
const bundle = path.join(__dirname, '..', 'dist', 'server.js');
const compiled = path.join(__dirname, '..', 'out', 'server', 'src', 'server.js');
const modified = (file) => fs.statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? -1;
require(modified(bundle) >= modified(compiled) && modified(bundle) >= 0 ? bundle : compiled);
