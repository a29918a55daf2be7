#!/usr/bin/env node
/**
 * CPU profiles of the hot paths (`npm run bench:profile`, which builds first): the language server
 * re-validating a 2,000-line and a 50,000-line manifest after one-character edits, the CLI over a
 * generated 1,000-file repository, and the engine on a 5,000-line Dockerfile. Each runs under
 * `node --cpu-prof`; the server's samples are kept only while an edit is being re-validated (the
 * client notes each edit's window on the same monotonic clock as V8's profiler). Prints the
 * functions with the most self time, the same by source file, and the total time (callees
 * included) of Kube Ready's own functions, and writes them to bench/profile.md; the .cpuprofile
 * files stay in the folder printed at the end (open them in Chrome DevTools or VS Code).
 */
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { pathToFileURL } = require('node:url');

const { Session } = require('./lsp');
const { workloads, writeRepository, SCHEMA_MISTAKE } = require('./fixtures');

const ROOT = path.resolve(__dirname, '..');
const TOP = 15;
/** Inclusive rows: enough to go below the wrappers (server, engine) down to the parse and each rule. */
const TOP_INCLUSIVE = 25;

/** Microseconds on the clock of V8's profiler (CLOCK_MONOTONIC, as process.hrtime). */
const nowUs = () => Number(process.hrtime.bigint() / 1000n);

/** Our server under the profiler: open the manifest, then `edits` edits, each window noted. */
async function profileServer(text, edits, dir) {
  const session = new Session({
    command: process.execPath,
    args: ['--cpu-prof', '--cpu-prof-dir', dir, path.join(ROOT, 'bin', 'kubeready-language-server.js'), '--stdio'],
    env: { KUBEREADY_NO_DEBOUNCE: '1' },
    configuration: (item) => (item.section === 'kubeready' ? { enable: true } : null),
  });
  const windows = [];
  try {
    const uri = pathToFileURL(path.join(dir, 'manifest.yaml')).href;
    await session.initialize();
    session.open(uri, 'yaml', text);
    await session.diagnostics(uri, 0, (p) => p.diagnostics.some((d) => d.message.includes(SCHEMA_MISTAKE)));
    await session.quiet(200);
    const at = text.indexOf('replicas: 2', Math.floor(text.length / 2)) + 'replicas: '.length;
    const line = text.slice(0, at).split('\n').length - 1;
    const character = at - text.lastIndexOf('\n', at - 1) - 1;
    for (let k = 0; k < edits; k++) {
      const since = performance.now();
      const start = nowUs();
      session.edit(uri, k + 2, line, character, 1, k % 2 === 0 ? '3' : '2');
      await session.diagnostics(uri, since, (p) => p.version === k + 2);
      windows.push([start, nowUs()]);
      await session.quiet(20);
    }
  } finally {
    await session.stop();
  }
  return { profile: readProfile(dir), windows };
}

function readProfile(dir) {
  const file = fs.readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) throw new Error(`no CPU profile written in ${dir}`);
  return JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
}

/** The name of a profile node's function, with its file and line. */
function frameName({ callFrame }) {
  const where = shortUrl(callFrame.url);
  return `${callFrame.functionName || '(anonymous)'} ${where}${where ? `:${callFrame.lineNumber + 1}` : ''}`;
}

/**
 * Self time per function and per file, and total time (self + callees) per function of Kube
 * Ready's own code (out/server/src), of the samples inside `windows` (all samples without).
 */
function summarize(profile, windows) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const fn = new Map();
  const file = new Map();
  const inclusive = new Map();
  let total = 0;
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i];
    const weight = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    if (windows && !windows.some(([a, b]) => t >= a && t <= b)) continue;
    const leaf = byId.get(profile.samples[i]);
    const { callFrame } = leaf;
    if (callFrame.functionName === '(idle)' || callFrame.functionName === '(program)') continue;
    const where = shortUrl(callFrame.url);
    const name = frameName(leaf);
    fn.set(name, (fn.get(name) ?? 0) + weight);
    file.set(where || callFrame.functionName, (file.get(where || callFrame.functionName) ?? 0) + weight);
    const seen = new Set();
    for (let id = leaf.id; id !== undefined; id = parent.get(id)) {
      const node = byId.get(id);
      if (!node.callFrame.url.includes('/out/server/src/')) continue;
      const frame = frameName(node);
      if (seen.has(frame)) continue; // recursion counts once
      seen.add(frame);
      inclusive.set(frame, (inclusive.get(frame) ?? 0) + weight);
    }
    total += weight;
  }
  const top = (map) => [...map].sort((a, b) => b[1] - a[1]).slice(0, TOP);
  return { total, functions: top(fn), files: top(file), inclusive: [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, TOP_INCLUSIVE) };
}

function shortUrl(url) {
  if (!url) return '';
  const p = url.replace(/^file:\/\//, '');
  const modules = p.lastIndexOf('node_modules/');
  if (modules !== -1) return p.slice(modules + 'node_modules/'.length);
  return p.startsWith(ROOT) ? path.relative(ROOT, p) : p;
}

function section(title, { total, functions, files, inclusive }, note) {
  const rows = (list) => list.map(([name, ms]) => `| ${name.replace(/\|/g, '\\|')} | ${ms.toFixed(0)} | ${((100 * ms) / total).toFixed(1)}% |`).join('\n');
  return `## ${title}

${note} CPU time in the profile: ${total.toFixed(0)} ms (idle excluded).

| Function (self time) | ms | share |
| --- | --- | --- |
${rows(functions)}

| File (self time) | ms | share |
| --- | --- | --- |
${rows(files)}

| Kube Ready function (total time, callees included) | ms | share |
| --- | --- | --- |
${rows(inclusive)}
`;
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubeready-profile-'));
  const parts = [];
  const small = path.join(dir, 'server-2000');
  const large = path.join(dir, 'server-50000');
  const cli = path.join(dir, 'cli');
  for (const d of [small, large, cli]) fs.mkdirSync(d);

  const smallRun = await profileServer(workloads(2000), 30, small);
  parts.push(section('Language server, 2,000-line manifest, 30 one-character edits', summarize(smallRun.profile, smallRun.windows), 'Samples while an edit was re-validated only.'));
  const largeRun = await profileServer(workloads(50_000), 5, large);
  parts.push(section('Language server, 50,000-line manifest, 5 one-character edits', summarize(largeRun.profile, largeRun.windows), 'Samples while an edit was re-validated only.'));

  const repo = path.join(dir, 'repo');
  const files = writeRepository(repo, 1000);
  const started = performance.now();
  spawnSync(process.execPath, ['--cpu-prof', '--cpu-prof-dir', cli, path.join(ROOT, 'bin', 'kubeready.js'), '--format', 'json', repo], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const wall = performance.now() - started;
  parts.push(section(`CLI over a ${files}-file repository`, summarize(readProfile(cli), null), `The whole process (wall ${wall.toFixed(0)} ms under the profiler).`));

  // The 5,000-line Dockerfile in-process: 50 lints after 5 warm-up ones, in a child under the profiler.
  const docker = path.join(dir, 'dockerfile');
  fs.mkdirSync(docker);
  const script = `const { lintText } = require(${JSON.stringify(path.join(ROOT, 'out', 'server', 'src', 'engine.js'))});
    const text = require(${JSON.stringify(path.join(__dirname, 'fixtures.js'))}).dockerfile(5000);
    for (let i = 0; i < 5; i++) lintText({ text, path: 'Dockerfile' });
    const t = Date.now();
    for (let i = 0; i < 50; i++) lintText({ text, path: 'Dockerfile' });
    process.stdout.write(String(Date.now() - t));`;
  const lints = spawnSync(process.execPath, ['--cpu-prof', '--cpu-prof-dir', docker, '-e', script], { encoding: 'utf8' });
  parts.push(section('5,000-line Dockerfile, in-process, 50 lints', summarize(readProfile(docker), null), `The whole process, warm-up and module loading included (the 50 lints: ${lints.stdout} ms under the profiler).`));

  const markdown = `# CPU profiles

Written by \`npm run bench:profile\` (bench/profile.js) on ${new Date().toISOString()}, ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, Node ${process.version}, load average ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}.
Self time: time spent in the function itself, not in what it calls.

${parts.join('\n')}`;
  fs.writeFileSync(path.join(__dirname, 'profile.md'), markdown);
  process.stdout.write(markdown + `\nProfiles kept in ${dir}\n`);
}

main().catch((error) => {
  process.stderr.write(`bench:profile: ${error.stack ?? error}\n`);
  process.exit(1);
});
