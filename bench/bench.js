#!/usr/bin/env node
/**
 * Benchmarks side by side with the tools users would otherwise run (`npm run bench`, which builds
 * first). Speed is measured here, never in timed tests. Every case runs Kube Ready and the
 * comparison tool on the same generated input, in turn, for several rounds; the table gives
 * medians and the ratio ours/theirs, prints it, and writes bench/results.md with the machine.
 *
 * - Language servers over stdio: ours (bin/kubeready-language-server.js, KUBEREADY_NO_DEBOUNCE=1)
 *   against yaml-language-server (bench/yaml-language-server.js: its 200 ms validation delay
 *   removed, network refused) with the Kubernetes schema of schemas/kubernetes/ served from a local
 *   file. On a 2,000-line manifest: spawn to the first diagnostics that include the schema
 *   mistake, and an incremental one-character edit to the next diagnostics; on a 50,000-line
 *   manifest: an edit to the next diagnostics, while another file's code actions are asked for
 *   every 10 ms (the longest wait for an answer shows whether the server still answers).
 * - A 5,000-line Dockerfile in-process: parse + every rule against dockerfile-utils' validate().
 * - The CLI over a generated 1,000-file repository (whole process, as CI runs it).
 * - Server memory (VmRSS) after indexing a generated 2,000-file workspace.
 *
 * Environment: BENCH_ROUNDS (default 5), BENCH_EDITS (edits per session, default 10);
 * `--json` prints the figures instead of writing results.md.
 */
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { pathToFileURL } = require('node:url');

const { Session } = require('./lsp');
const { workloads, dockerfile, writeRepository, SCHEMA_MISTAKE } = require('./fixtures');

const ROOT = path.resolve(__dirname, '..');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const EDITS = Number(process.env.BENCH_EDITS ?? 10);
const PROBE_EVERY_MS = 10;

function median(values) {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The Kubernetes schema for yaml-language-server: kubernetes.json's definitions, chosen by apiVersion and kind. */
function writeYamlLsSchema(dir) {
  const kubernetes = JSON.parse(fs.readFileSync(path.join(ROOT, 'schemas', 'kubernetes', 'kubernetes.json'), 'utf8'));
  const allOf = [];
  for (const [apiVersion, kinds] of Object.entries(kubernetes.kinds)) {
    for (const [kind, definition] of Object.entries(kinds)) {
      allOf.push({
        if: { properties: { apiVersion: { const: apiVersion }, kind: { const: kind } }, required: ['apiVersion', 'kind'] },
        then: { $ref: `#/definitions/${definition}` },
      });
    }
  }
  const file = path.join(dir, 'kubernetes-1.30.schema.json');
  fs.writeFileSync(file, JSON.stringify({ $schema: 'http://json-schema.org/draft-07/schema#', definitions: kubernetes.definitions, allOf }));
  return file;
}

/** How to start each server and answer its configuration requests. */
function servers(schemaFile) {
  const yamlSettings = {
    validate: true,
    hover: false,
    completion: false,
    format: { enable: false },
    schemaStore: { enable: false },
    kubernetesCRDStore: { enable: false },
    schemas: { [pathToFileURL(schemaFile).href]: ['*.yaml', '*.yml'] },
  };
  return {
    ours: {
      name: 'Kube Ready',
      versioned: true,
      start: (root) =>
        new Session({
          command: process.execPath,
          args: [path.join(ROOT, 'bin', 'kubeready-language-server.js'), '--stdio'],
          env: { KUBEREADY_NO_DEBOUNCE: '1' },
          root,
          configuration: (item) => (item.section === 'kubeready' ? { enable: true } : null),
        }),
    },
    theirs: {
      name: 'yaml-language-server',
      versioned: false,
      start: (root, settings = yamlSettings) =>
        new Session({
          command: process.execPath,
          args: [path.join(__dirname, 'yaml-language-server.js'), '--stdio'],
          env: { BENCH_NO_DELAY: '1' },
          root,
          configuration: (item) => (item.section === 'yaml' ? settings : {}),
        }),
    },
  };
}

/** Fails the run when the yaml-language-server wrapper reported a network attempt. */
function assertOffline(session) {
  const attempt = /BENCH-NETWORK-ATTEMPT (.*)/.exec(session.stderr);
  if (attempt) throw new Error(`yaml-language-server tried to reach the network (${attempt[1]}): the comparison is not offline`);
}

/** Line and character of the value in the middle `replicas: 2` of a manifest. */
function editPosition(text) {
  const hits = [];
  for (let at = text.indexOf('replicas: 2'); at !== -1; at = text.indexOf('replicas: 2', at + 1)) hits.push(at);
  const offset = hits[Math.floor(hits.length / 2)] + 'replicas: '.length;
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - before.lastIndexOf('\n') - 1 };
}

const hasMistake = (params) => params.diagnostics.some((d) => d.message.includes(SCHEMA_MISTAKE));

/**
 * One cold session: spawn -> first diagnostics with the schema mistake; then `edits` one-character
 * edits, each timed to the next diagnostics. With `probe`, a small other file's code actions are
 * asked for every 10 ms while each re-validation runs.
 */
async function editSession(server, dir, text, { edits, probe }) {
  const session = server.start(null);
  try {
    const uri = pathToFileURL(path.join(dir, `manifest-${text.length}.yaml`)).href;
    const other = pathToFileURL(path.join(dir, 'other.yaml')).href;
    await session.initialize();
    session.open(uri, 'yaml', text);
    const first = await session.diagnostics(uri, 0, hasMistake);
    const coldMs = first.at - session.startedAt;
    if (probe) {
      session.open(other, 'yaml', workloads(1));
      await session.diagnostics(other, 0, hasMistake);
      await session.request('textDocument/codeAction', codeActionParams(other));
    }
    await session.quiet(300);
    const { line, character } = editPosition(text);
    const editMs = [];
    const probeMs = [];
    for (let k = 0; k < edits; k++) {
      const version = k + 2;
      const since = performance.now();
      session.edit(uri, version, line, character, 1, k % 2 === 0 ? '3' : '2');
      const next = session.diagnostics(uri, since, (p) => hasMistake(p) && (!server.versioned || p.version === version));
      const probing = probe ? probeUntil(session, other, next, probeMs) : null;
      editMs.push((await next).at - since);
      await probing;
      await session.quiet(50);
    }
    assertOffline(session);
    return { coldMs, editMs, probeMs, diagnostics: first.params.diagnostics.length };
  } finally {
    await session.stop();
  }
}

function codeActionParams(uri) {
  const zero = { line: 0, character: 0 };
  return { textDocument: { uri }, range: { start: zero, end: zero }, context: { diagnostics: [] } };
}

/** Asks for code actions of `uri` every 10 ms until `done` settles; pushes each answer's wait. */
async function probeUntil(session, uri, done, waits) {
  let finished = false;
  done.then(() => (finished = true), () => (finished = true));
  while (!finished) {
    const asked = performance.now();
    await session.request('textDocument/codeAction', codeActionParams(uri));
    waits.push(performance.now() - asked);
    await sleep(PROBE_EVERY_MS);
  }
}

/** Median ms of `fn` per call, calls of `a` and `b` alternating, after warm-up calls. */
function alternate(a, b, runs, warmup = 3) {
  for (let i = 0; i < warmup; i++) a(), b();
  const times = { a: [], b: [] };
  for (let i = 0; i < runs; i++) {
    for (const [key, fn] of [['a', a], ['b', b]]) {
      const t = performance.now();
      fn();
      times[key].push(performance.now() - t);
    }
  }
  return { a: median(times.a), b: median(times.b) };
}

/** The CLI over a generated repository: whole-process wall times. */
function cliRuns(repo, files) {
  const times = [];
  for (let i = 0; i < ROUNDS; i++) {
    const t = performance.now();
    const run = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'kubeready.js'), '--format', 'json', repo], { encoding: 'utf8', maxBuffer: 1 << 30 });
    times.push(performance.now() - t);
    const checked = JSON.parse(run.stdout).length;
    if (checked !== files) throw new Error(`the CLI reported ${checked} files of ${files}: ${run.stderr.slice(0, 500)}`);
  }
  return median(times);
}

/** Our server's memory once the workspace index is built; theirs once the 2,000-line file is validated. */
async function memorySample(server, repo, manifest) {
  const session = server.start(repo);
  try {
    await session.initialize();
    let indexMs = NaN;
    if (server.versioned) {
      const log = await session.until(() => session.logs.find((m) => /^Indexed \d+ files/.test(m)), 120_000, 'index log');
      indexMs = Number(/in (\d+) ms/.exec(log)?.[1]);
    } else {
      const uri = pathToFileURL(path.join(repo, 'manifest.yaml')).href;
      session.open(uri, 'yaml', manifest);
      await session.diagnostics(uri, 0, hasMistake);
      assertOffline(session);
    }
    await sleep(500);
    return { ...session.memory(), indexMs };
  } finally {
    await session.stop();
  }
}

/**
 * Shows that the network guard works: with its schema store on (its default), yaml-language-server
 * tries to download the store's catalog, and the wrapper must report that attempt.
 */
async function guardCatchesDownloads(server, dir) {
  const session = server.start(null, { validate: true });
  try {
    await session.initialize();
    session.open(pathToFileURL(path.join(dir, 'guard.yaml')).href, 'yaml', 'a: 1\n');
    await session.until(() => session.stderr.includes('BENCH-NETWORK-ATTEMPT'), 5000, 'network attempt').catch(() => null);
    return /BENCH-NETWORK-ATTEMPT (.*)/.exec(session.stderr)?.[1] ?? null;
  } finally {
    await session.stop();
  }
}

function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGb: os.totalmem() / 1024 ** 3,
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    date: new Date().toISOString(),
    load: os.loadavg(),
  };
}

function packageVersion(name) {
  return JSON.parse(fs.readFileSync(require.resolve(`${name}/package.json`), 'utf8')).version;
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubeready-bench-'));
  const results = [];
  const notes = [];
  const add = (row) => {
    results.push(row);
    process.stderr.write(`  ${row.what}: ${format(row.ours, row.unit)} vs ${format(row.theirs, row.unit)}\n`);
  };
  try {
    const env = machine();
    const { ours, theirs } = servers(writeYamlLsSchema(dir));
    process.stderr.write(`bench: ${ROUNDS} rounds, ${EDITS} edits per session, in ${dir}\n`);

    const caught = await guardCatchesDownloads(theirs, dir);
    notes.push(
      caught
        ? `Network guard checked: with its schema store on, yaml-language-server tried to reach ${caught} and was refused; with the settings used here it made no attempt in any session.`
        : 'Network guard NOT shown to work: yaml-language-server made no attempt even with its schema store on.',
    );

    // 2,000 lines: cold start and edits, the two servers in turn, each round a fresh process.
    const small = workloads(2000);
    const smallRuns = { ours: [], theirs: [] };
    for (let round = 0; round < ROUNDS; round++) {
      for (const [key, server] of [['ours', ours], ['theirs', theirs]]) smallRuns[key].push(await editSession(server, dir, small, { edits: EDITS }));
    }
    const smallLines = small.split('\n').length - 1;
    const pick = (runs, key) => median(runs.flatMap((r) => r[key]));
    add({ what: `${smallLines}-line manifest: spawn to first diagnostics`, ours: pick(smallRuns.ours, 'coldMs'), theirs: pick(smallRuns.theirs, 'coldMs'), unit: 'ms', target: 400 });
    add({ what: `${smallLines}-line manifest: one-character edit to diagnostics`, ours: pick(smallRuns.ours, 'editMs'), theirs: pick(smallRuns.theirs, 'editMs'), unit: 'ms', target: 20 });

    // 50,000 lines: edits while another file's code actions are asked for.
    const large = workloads(50_000);
    const largeRounds = Math.max(2, Math.ceil(ROUNDS / 2));
    const largeRuns = { ours: [], theirs: [] };
    for (let round = 0; round < largeRounds; round++) {
      for (const [key, server] of [['ours', ours], ['theirs', theirs]]) largeRuns[key].push(await editSession(server, dir, large, { edits: Math.ceil(EDITS / 2), probe: true }));
    }
    const largeLines = large.split('\n').length - 1;
    const maxProbe = (runs) => Math.max(...runs.flatMap((r) => r.probeMs));
    add({ what: `${largeLines}-line manifest: spawn to first diagnostics`, ours: pick(largeRuns.ours, 'coldMs'), theirs: pick(largeRuns.theirs, 'coldMs'), unit: 'ms' });
    add({ what: `${largeLines}-line manifest: one-character edit to diagnostics`, ours: pick(largeRuns.ours, 'editMs'), theirs: pick(largeRuns.theirs, 'editMs'), unit: 'ms', target: 300 });
    add({ what: `${largeLines}-line manifest: longest wait for another request meanwhile`, ours: maxProbe(largeRuns.ours), theirs: maxProbe(largeRuns.theirs), unit: 'ms' });
    add({ what: `${largeLines}-line manifest: median wait for another request meanwhile`, ours: pick(largeRuns.ours, 'probeMs'), theirs: pick(largeRuns.theirs, 'probeMs'), unit: 'ms' });

    // The Dockerfile, in-process.
    const { lintText } = require(path.join(ROOT, 'out', 'server', 'src', 'engine.js'));
    const { validate } = require('dockerfile-utils');
    const docker = dockerfile(5000);
    const dockerTimes = alternate(() => lintText({ text: docker, path: 'Dockerfile' }), () => validate(docker), ROUNDS * 4);
    add({ what: `${docker.split('\n').length - 1}-line Dockerfile: parse + every rule (in-process)`, ours: dockerTimes.a, theirs: dockerTimes.b, unit: 'ms', target: 10 });

    // The CLI over a 1,000-file repository.
    const repo = path.join(dir, 'repo');
    const files = writeRepository(repo, 1000);
    const cliMs = cliRuns(repo, files);
    add({ what: `CLI over a ${files}-file repository: wall time`, ours: cliMs, theirs: NaN, unit: 'ms' });
    add({ what: `CLI over a ${files}-file repository: files per second`, ours: (files / cliMs) * 1000, theirs: NaN, unit: 'files/s', target: 1000, higherIsBetter: true });

    // Memory after indexing a 2,000-file workspace.
    const workspace = path.join(dir, 'workspace');
    const indexed = writeRepository(workspace, 2000);
    const memory = { ours: [], theirs: [] };
    for (let round = 0; round < Math.max(2, Math.ceil(ROUNDS / 2)); round++) {
      memory.ours.push(await memorySample(ours, workspace, small));
      memory.theirs.push(await memorySample(theirs, workspace, small));
    }
    add({ what: `Server memory (VmRSS) after indexing ${indexed} files`, ours: median(memory.ours.map((m) => m.rssMb)), theirs: median(memory.theirs.map((m) => m.rssMb)), unit: 'MB', target: 150 });
    notes.push(
      `Indexing ${indexed} files took ${median(memory.ours.map((m) => m.indexMs))} ms (the server's own log); peak resident memory ${median(memory.ours.map((m) => m.peakMb)).toFixed(0)} MB.` +
        ` yaml-language-server has no workspace index: its figure is its memory with the same folder open and the ${smallLines}-line manifest validated.`,
    );

    env.loadAtEnd = os.loadavg();
    const report = { machine: env, rounds: ROUNDS, edits: EDITS, versions: { 'yaml-language-server': packageVersion('yaml-language-server'), 'dockerfile-utils': packageVersion('dockerfile-utils') }, results, notes };
    if (process.argv.includes('--json')) {
      process.stdout.write(JSON.stringify(report, null, 2) + '\n');
      return;
    }
    const markdown = render(report);
    process.stdout.write(table(results) + '\n');
    fs.writeFileSync(path.join(__dirname, 'results.md'), markdown);
    process.stdout.write('\nWritten to bench/results.md\n');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function format(value, unit) {
  if (!Number.isFinite(value)) return 'n/a';
  return unit === 'ms' ? `${value.toFixed(1)} ms` : `${value.toFixed(0)} ${unit}`;
}

function verdict(row) {
  if (row.target === undefined) return '';
  const met = row.higherIsBetter ? row.ours >= row.target : row.ours <= row.target;
  return `${row.higherIsBetter ? '≥' : '≤'} ${row.target} ${row.unit}: ${met ? 'met' : 'NOT met'}`;
}

function ratio(row) {
  return Number.isFinite(row.ours / row.theirs) ? `${(row.ours / row.theirs).toFixed(2)}` : 'n/a';
}

function table(rows) {
  const header = ['Case', 'Kube Ready', 'Comparison', 'Ours/theirs', 'Target'];
  const lines = rows.map((r) => [r.what, format(r.ours, r.unit), format(r.theirs, r.unit), ratio(r), verdict(r)]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  return [header, ...lines].map((l) => l.map((cell, i) => cell.padEnd(widths[i])).join('  ')).join('\n');
}

function render({ machine: m, rounds, edits, versions, results, notes }) {
  const rows = results.map((r) => `| ${r.what} | ${format(r.ours, r.unit)} | ${format(r.theirs, r.unit)} | ${ratio(r)} | ${verdict(r)} |`);
  return `# Benchmark results

The last run of \`npm run bench\` (bench/bench.js), written by it.

- Date: ${m.date}
- Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGb.toFixed(1)} GB memory, ${m.os}; Node ${m.node}; load average ${m.load.map((l) => l.toFixed(2)).join(' ')} at the start, ${m.loadAtEnd.map((l) => l.toFixed(2)).join(' ')} at the end (above 2, other work shared the two cores and the figures are slower than on an idle machine)
- Comparison tools: yaml-language-server ${versions['yaml-language-server']} (language server cases), dockerfile-utils ${versions['dockerfile-utils']} (Dockerfile)
- ${rounds} rounds, the two tools in turn; ${edits} edits per 2,000-line session, ${Math.ceil(edits / 2)} per 50,000-line session; medians.

| Case | Kube Ready | Comparison | Ours/theirs | Target |
| --- | --- | --- | --- | --- |
${rows.join('\n')}

How it is measured:
- Both language servers run over stdio in a fresh process per session and are timed without
  debounce: ours with \`KUBEREADY_NO_DEBOUNCE=1\` (its 150 ms quiet time after a keystroke is 0),
  yaml-language-server with its 200 ms \`validationDelayMs\` set to 0 by bench/yaml-language-server.js.
- yaml-language-server validates against the Kubernetes 1.30 schema of schemas/kubernetes/kubernetes.json,
  written to a local file and mapped to \`*.yaml\` through \`yaml.schemas\`; \`yaml.schemaStore.enable\` and
  \`yaml.kubernetesCRDStore.enable\` are false. Its process refuses and reports any connection or DNS
  look-up, and the run fails on one.
- "First diagnostics" are the first ones that include the file's one schema mistake, so both
  servers have loaded their schema. An edit changes one character (\`replicas: 2\` to 3 and back) as
  an incremental change; it is timed to the next diagnostics of that version.
- While the 50,000-line file is re-validated, the client asks for another open file's code actions
  every ${PROBE_EVERY_MS} ms: the longest wait shows how long the server stops answering.
- The Dockerfile case runs in-process: Kube Ready's \`lintText\` (parse + every rule) against
  dockerfile-utils' \`validate\` (the checks of VS Code's Docker extension), calls in turn.
- The CLI case runs \`bin/kubeready.js --format json\` over a generated repository (one folder per
  service: a Dockerfile, a Deployment + ConfigMap, a Service). No comparison tool runs offline here:
  hadolint, kube-linter and kube-score are Go/Haskell binaries that are not on npm.
- Memory is VmRSS from /proc/<pid>/status, read 0.5 s after the server logged the end of its index.

Notes:
${notes.map((n) => `- ${n}`).join('\n')}

Where the time goes: \`npm run bench:profile\` writes CPU profiles of these paths and their hot spots to bench/profile.md.
`;
}

main().catch((error) => {
  process.stderr.write(`bench: ${error.stack ?? error}\n`);
  process.exit(1);
});
