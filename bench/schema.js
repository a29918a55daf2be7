#!/usr/bin/env node
/**
 * Benchmark of schema validation (`npm run bench:schema`, after `tsc -b`), on the file of the
 * yaml-language-server comparison (/work/shared/notes/kubernetes-schemas.md: 2.9-3.3 s to the
 * first diagnostics, 240-300 ms to re-validate, 200 ms of which is its debounce): a 2,000-line
 * file of 41 Deployments and 41 Services.
 *
 * Measured:
 * 1. through the language server (bin/kubeready-language-server.js over stdio), as an editor
 *    sees it: from spawning the server to the first diagnostics of the opened file, and from an
 *    edit to the next diagnostics (which includes the server's 150 ms debounce);
 * 2. in-process, in a fresh Node process per sample: loading the engine, the first lint (with
 *    the `schema` rule alone, every rule but `schema`, every rule), and re-linting after an edit;
 * 3. the schema validation alone on the parsed file: the first run (which loads the generated
 *    validators) and the next ones.
 * Each figure is the median of several samples; CPU time is given next to wall time, as this
 * machine may be shared.
 */
'use strict';
const { spawn, execFileSync } = require('node:child_process');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const { createMessageConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-jsonrpc/node');

const { manifest } = require('./fixtures');

const ROOT = path.resolve(__dirname, '..');
const SAMPLES = Number(process.env.SAMPLES ?? 7);

/** 41 Deployments and 41 Services, about 2,000 lines. */
function benchFile() {
  return manifest(41);
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const ms = (value) => `${value.toFixed(1)} ms`;

/** One cold language-server session: spawn -> first diagnostics; edit -> next diagnostics. */
async function lspSample(text) {
  const started = performance.now();
  const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'kubeready-language-server.js'), '--stdio'], { cwd: ROOT });
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const uri = pathToFileURL(path.join(ROOT, 'bench', 'bench-2000-lines.yaml')).href;
  let waiting = null;
  connection.onNotification('textDocument/publishDiagnostics', (params) => {
    if (params.uri === uri && waiting && params.version === waiting.version) waiting.resolve(params);
  });
  connection.onRequest('workspace/configuration', (params) => params.items.map(() => ({ enable: true })));
  connection.listen();
  const published = (version) => new Promise((resolve) => (waiting = { version, resolve }));
  await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: { workspace: { configuration: true } } });
  await connection.sendNotification('initialized', {});
  const first = published(1);
  await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
  const diagnostics = await first;
  const coldMs = performance.now() - started;
  const edited = text.replace('replicas: 2', 'replicas: 3');
  const next = published(2);
  const editStarted = performance.now();
  await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: edited }] });
  await next;
  const editMs = performance.now() - editStarted;
  connection.dispose();
  child.kill();
  return { coldMs, editMs, diagnostics: diagnostics.diagnostics.length };
}

/** One cold in-process sample, in a fresh Node process (see `inProcess` below). */
function processSample(rules) {
  const output = execFileSync(process.execPath, [__filename, '--in-process', rules], { cwd: ROOT, encoding: 'utf8' });
  return JSON.parse(output);
}

/** Runs in the child: loads the engine, lints the file twice (the second time after an edit). */
function inProcess(rules) {
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  const { lintText } = require(path.join(ROOT, 'out', 'server', 'src', 'engine.js'));
  const { RULES } = require(path.join(ROOT, 'out', 'server', 'src', 'rules', 'index.js'));
  const selected = rules === 'schema' ? RULES.filter((r) => r.meta.id === 'schema') : rules === 'others' ? RULES.filter((r) => r.meta.id !== 'schema') : RULES;
  const loadMs = performance.now() - t0;
  const text = benchFile();
  const t1 = performance.now();
  const first = lintText({ text, path: 'bench.yaml' }, { rules: selected });
  const firstMs = performance.now() - t1;
  const firstCpu = process.cpuUsage(cpu);
  const edits = [];
  for (let i = 0; i < 5; i++) {
    const edited = text.replace('replicas: 2', `replicas: ${3 + i}`);
    const t = performance.now();
    lintText({ text: edited, path: 'bench.yaml' }, { rules: selected });
    edits.push(performance.now() - t);
  }
  process.stdout.write(
    JSON.stringify({ loadMs, firstMs, cpuMs: (firstCpu.user + firstCpu.system) / 1000, againMs: median(edits), findings: first.findings.length }),
  );
}

/** Runs in the child: the schema validation alone, on an already parsed file (cold, then warm). */
function validationOnly() {
  const { parseKubernetes } = require(path.join(ROOT, 'out', 'server', 'src', 'kubernetes', 'model.js'));
  const { schemaProblems } = require(path.join(ROOT, 'out', 'server', 'src', 'schema', 'validate.js'));
  const model = parseKubernetes(benchFile(), 'bench.yaml');
  const options = { path: 'bench.yaml', isPatch: false, userSchemas: [] };
  const t0 = performance.now();
  schemaProblems(model, options);
  const coldMs = performance.now() - t0;
  const warm = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    schemaProblems(model, options);
    warm.push(performance.now() - t);
  }
  process.stdout.write(JSON.stringify({ coldMs, warmMs: median(warm) }));
}

async function main() {
  const text = benchFile();
  console.log(`File: ${text.split('\n').length - 1} lines, 41 Deployments and 41 Services; ${SAMPLES} samples each, medians.`);
  console.log(`Load average at start: ${require('node:os').loadavg().map((l) => l.toFixed(2)).join(' ')}`);

  const names = { schema: 'the schema rule alone', others: 'every rule but schema', all: 'every rule' };
  for (const rules of ['schema', 'others', 'all']) {
    const samples = Array.from({ length: SAMPLES }, () => processSample(rules));
    const pick = (key) => median(samples.map((s) => s[key]));
    console.log(
      `In-process, ${names[rules]}: load ${ms(pick('loadMs'))}, first lint ${ms(pick('firstMs'))}` +
        ` (load + first lint: ${ms(pick('cpuMs'))} CPU), lint after an edit ${ms(pick('againMs'))}, ${samples[0].findings} findings`,
    );
  }

  const validation = Array.from({ length: SAMPLES }, () =>
    JSON.parse(execFileSync(process.execPath, [__filename, '--validation-only'], { cwd: ROOT, encoding: 'utf8' })),
  );
  console.log(
    `Schema validation of the 82 parsed objects: first ${ms(median(validation.map((s) => s.coldMs)))} (validators loaded), then ${ms(median(validation.map((s) => s.warmMs)))}`,
  );

  const lsp = [];
  for (let i = 0; i < SAMPLES; i++) lsp.push(await lspSample(text));
  console.log(
    `Language server: spawn to first diagnostics ${ms(median(lsp.map((s) => s.coldMs)))}, edit to diagnostics ${ms(median(lsp.map((s) => s.editMs)))}` +
      ` (150 ms of which is the debounce), ${lsp[0].diagnostics} diagnostics`,
  );
}

if (process.argv[2] === '--in-process') inProcess(process.argv[3]);
else if (process.argv[2] === '--validation-only') validationOnly();
else main().catch((error) => {
  console.error(error);
  process.exit(1);
});
