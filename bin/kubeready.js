#!/usr/bin/env node
'use strict';
// The `kubeready` command: the CLI itself is compiled to out/ by `npm run build`.
const { main } = require('../out/server/src/cli/main.js');

process.exitCode = main(process.argv);
