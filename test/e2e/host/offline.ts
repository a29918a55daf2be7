/**
 * The offline host (`npm run test:e2e:offline`): runs the end-to-end suite in a real VS Code without
 * downloading anything but npm packages. VS Code's server (from the npm package `code-server`, on
 * Node 24 from npm) hosts the extension; Debian's Chromium, driven by playwright-core, opens the
 * workbench with the extension-test payload; the workbench reports the suite's exit code back to
 * the page. The measured facts behind it are in shared/notes/vscode-e2e-offline.md (beside the repository).
 *
 * Options: --extension <dir>  test another extension folder (e.g. an unpacked .vsix) instead of the source tree
 *          --vsix <file>      install this .vsix in the clean VS Code and test it, as a user gets it
 *          --browser <path>   the Chromium executable (default: $KUBEREADY_E2E_CHROMIUM or /usr/bin/chromium)
 *          --grep <text>      run only the tests whose full title contains <text>
 *          --timeout <s>      overall deadline of the test run, in seconds (default 300)
 *          --keep             keep the run's temporary folder (workspace, logs) and print where it is
 *          --verbose          print the VS Code server's output and the page's console errors
 *          --skip-without-browser  when Chromium is missing, say so and exit 0 (for `npm test` on machines without it)
 */
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { format } from 'node:util';
import { chromium } from 'playwright-core';
import type { BrowserContext, Page } from 'playwright-core';
import { startBridge } from './bridge';
import type { Bridge } from './bridge';
import { ensureInstalled } from './install';
import type { OfflineInstall } from './install';
import { checkSuiteBuilt, extensionUnderTest, makeRunDir, prepareWorkspace, REPO_ROOT, SCREENSHOT_DIR, SUITE_INDEX } from './paths';

const SERVER_START_DEADLINE_MS = 60_000;
const STOP_DEADLINE_MS = 10_000;
/** The suite prefixes its own log lines with this (see `KUBEREADY_E2E_LOG_MARK`), to tell them from the workbench's. */
const LOG_MARK = '[kubeready-e2e] ';
/** Where the workbench's logs of the last run go. */
const LOG_DIR = join(REPO_ROOT, '.vscode-test', 'logs');
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** What to test: an extension folder loaded for development, or a .vsix installed as a user would. */
type Target = { folder: string } | { vsix: string };

interface Options {
  extension: string | undefined;
  vsix: string | undefined;
  browser: string;
  grep: string | undefined;
  timeoutMs: number;
  keep: boolean;
  verbose: boolean;
  skipWithoutBrowser: boolean;
}

/** What a run leaves to clean up, in the order it was made. */
interface Resources {
  runDir: string;
  server?: ChildProcess;
  context?: BrowserContext;
  bridge?: Bridge;
  /** The suite's closing line ("e2e: N passed, N failed, N skipped"), printed last. */
  summary?: string;
}

function log(line: string): void {
  process.stdout.write(`[e2e offline] ${line}\n`);
}

function parseOptions(argv: string[]): Options {
  const options: Options = {
    extension: undefined,
    vsix: undefined,
    browser: process.env.KUBEREADY_E2E_CHROMIUM || '/usr/bin/chromium',
    grep: undefined,
    timeoutMs: 300_000,
    keep: false,
    verbose: false,
    skipWithoutBrowser: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = (): string => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${arg} needs a value.`);
      return next;
    };
    if (arg === '--extension') options.extension = value();
    else if (arg === '--vsix') options.vsix = resolve(value());
    else if (arg === '--browser') options.browser = value();
    else if (arg === '--grep') options.grep = value();
    else if (arg === '--timeout') options.timeoutMs = Number(value()) * 1000;
    else if (arg === '--keep') options.keep = true;
    else if (arg === '--verbose') options.verbose = true;
    else if (arg === '--skip-without-browser') options.skipWithoutBrowser = true;
    else throw new Error(`Unknown option ${arg}. Options: --extension <dir>, --vsix <file>, --browser <path>, --grep <text>, --timeout <s>, --keep, --verbose, --skip-without-browser.`);
  }
  if (!(options.timeoutMs > 0)) throw new Error('--timeout needs a number of seconds above 0.');
  if (options.extension && options.vsix) throw new Error('Give --extension or --vsix, not both.');
  if (options.vsix && !(options.vsix.endsWith('.vsix') && existsSync(options.vsix))) throw new Error(`${options.vsix} is not a .vsix file.`);
  return options;
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  const target: Target = options.vsix ? { vsix: options.vsix } : { folder: extensionUnderTest(options.extension) };
  checkSuiteBuilt();
  if (!existsSync(options.browser)) {
    const hint = `Chromium is missing at ${options.browser}: install it (Debian: apt-get install -y chromium libkrb5-dev) or pass --browser <path>.`;
    if (!options.skipWithoutBrowser) throw new Error(hint);
    log(`end-to-end tests skipped. ${hint}`);
    return 0;
  }
  const install = await ensureInstalled(join(REPO_ROOT, '.vscode-test', 'offline'), log);
  rmSync(SCREENSHOT_DIR, { recursive: true, force: true }); // only this run's failures
  const resources: Resources = { runDir: makeRunDir() };
  const stopOnSignal = () => void cleanUp(resources, options).then(() => process.exit(130));
  process.once('SIGINT', stopOnSignal);
  process.once('SIGTERM', stopOnSignal);
  try {
    return await runSuite(install, target, options, resources);
  } finally {
    await cleanUp(resources, options);
    if (resources.summary) process.stdout.write(`${resources.summary}\n`);
  }
}

async function runSuite(install: OfflineInstall, target: Target, options: Options, resources: Resources): Promise<number> {
  const started = Date.now();
  const { runDir } = resources;
  const workspace = prepareWorkspace(runDir);
  for (const dir of ['home', 'tmp', 'user-data', 'server-data', 'extensions', 'profile', 'no-development-extension']) mkdirSync(join(runDir, dir));
  // A .vsix is installed like a user's; VS Code still needs a development folder to run tests, so it gets an empty one.
  const extension = 'vsix' in target ? await installVsix(install, runDir, target.vsix) : target.folder;
  const developmentPath = 'vsix' in target ? join(runDir, 'no-development-extension') : target.folder;
  log(`extension: ${extension}${'vsix' in target ? ` (installed from ${target.vsix})` : ''}`);

  const page = await openBrowser(options, resources);
  const bridge = await startBridge(page, SCREENSHOT_DIR);
  resources.bridge = bridge;
  const suiteEnv = { KUBEREADY_E2E_BRIDGE: bridge.url, KUBEREADY_E2E_LOG_MARK: LOG_MARK, KUBEREADY_E2E_EXTENSION: extension };
  const { server, port } = await startServer(install, runDir, suiteEnv, options);
  resources.server = server;

  const summary: string[] = [];
  let settle: { resolve: (code: number) => void; reject: (error: Error) => void } | undefined;
  const exit = new Promise<number>((resolve, reject) => {
    settle = { resolve, reject };
  });
  await page.exposeFunction('codeAutomationExit', (code: number, logs: unknown) => {
    saveWorkbenchLogs(logs);
    settle?.resolve(code);
  });
  await page.exposeFunction('codeAutomationLog', (type: string, args: unknown) => printHostLog(type, args, summary, options.verbose));
  server.once('exit', (code, signal) => settle?.reject(new Error(`The VS Code server stopped during the run (${signal ?? `exit ${code}`}).`)));
  page.once('crash', () => settle?.reject(new Error('The workbench page crashed.')));
  const remote = (path: string) => `vscode-remote://127.0.0.1:${port}${path}`;
  const payload = [
    ['extensionDevelopmentPath', remote(developmentPath)],
    ['extensionTestsPath', remote(SUITE_INDEX)],
  ];
  const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  await page.goto(url);
  log(`workbench opened in ${Math.round((Date.now() - started) / 1000)} s; running the suite`);

  let code: number;
  try {
    code = await withDeadline(exit, options.timeoutMs, `The suite did not finish within ${options.timeoutMs / 1000} s.`);
  } catch (error) {
    await saveScreenshot(page, 'offline-host-failure');
    throw error;
  }
  log(`suite finished with exit code ${code} in ${Math.round((Date.now() - started) / 1000)} s`);
  if (code !== 0) {
    await saveScreenshot(page, 'offline-host-exit');
    saveServerLogs(runDir);
    log(`the logs of the workbench and of the VS Code server (extension host, Kube Ready output) are in ${LOG_DIR}`);
  }
  if (summary.length === 0) {
    log('the suite printed no summary: no test ran');
    return code === 0 ? 1 : code;
  }
  resources.summary = summary[summary.length - 1];
  return code;
}

/** Launches Chromium with a fresh profile and returns its page. */
async function openBrowser(options: Options, resources: Resources): Promise<Page> {
  const context = await chromium.launchPersistentContext(join(resources.runDir, 'profile'), {
    executablePath: options.browser,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1400, height: 900 },
    env: { ...process.env, HOME: join(resources.runDir, 'home') },
  });
  resources.context = context;
  const page = context.pages()[0] ?? (await context.newPage());
  if (options.verbose) {
    page.on('console', (message) => {
      if (message.type() === 'error') log(`page: ${message.text()}`);
    });
  }
  return page;
}

/** The VS Code server's own folders for a run, and its home and temporary folders, all under the run folder. */
function serverSetup(runDir: string): { args: string[]; env: NodeJS.ProcessEnv } {
  return {
    args: [
      '--accept-server-license-terms',
      '--user-data-dir', join(runDir, 'user-data'),
      '--server-data-dir', join(runDir, 'server-data'),
      '--extensions-dir', join(runDir, 'extensions'),
    ],
    env: { ...process.env, HOME: join(runDir, 'home'), TMPDIR: join(runDir, 'tmp') },
  };
}

/** Installs a .vsix into the run's extensions folder with VS Code's own installer; returns the installed folder. */
async function installVsix(install: OfflineInstall, runDir: string, vsix: string): Promise<string> {
  const setup = serverSetup(runDir);
  const result = spawnSync(install.node, [install.serverMain, '--install-extension', vsix, ...setup.args], {
    cwd: runDir,
    env: setup.env,
    encoding: 'utf8',
    timeout: SERVER_START_DEADLINE_MS,
  });
  if (result.status !== 0) throw new Error(`Installing ${vsix} failed (${result.error?.message ?? `exit ${result.status}`}):\n${result.stdout}${result.stderr}`);
  const folders = readdirSync(join(runDir, 'extensions'), { withFileTypes: true }).filter((entry) => entry.isDirectory());
  if (folders.length !== 1) throw new Error(`Installing ${vsix} left ${folders.length} extension folders instead of one:\n${result.stdout}`);
  return join(runDir, 'extensions', folders[0].name);
}

/** Starts VS Code's server in its own process group and waits until it listens. */
async function startServer(
  install: OfflineInstall,
  runDir: string,
  suiteEnv: NodeJS.ProcessEnv,
  options: Options,
): Promise<{ server: ChildProcess; port: number }> {
  const setup = serverSetup(runDir);
  // The extension host, and so the suite, inherits the server's environment.
  const env: NodeJS.ProcessEnv = { ...setup.env, ...suiteEnv };
  if (options.grep) env.KUBEREADY_E2E_GREP = options.grep;
  else delete env.KUBEREADY_E2E_GREP;
  const args = [
    install.serverMain,
    '--host', '127.0.0.1',
    '--port', '0',
    '--without-connection-token',
    '--enable-smoke-test-driver',
    '--disable-telemetry',
    '--disable-workspace-trust',
    ...setup.args,
  ];
  const server = spawn(install.node, args, { cwd: runDir, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const serverLog: string[] = [];
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The VS Code server did not listen within ${SERVER_START_DEADLINE_MS / 1000} s:\n${serverLog.join('')}`)), SERVER_START_DEADLINE_MS);
    const onOutput = (chunk: Buffer) => {
      const text = chunk.toString();
      serverLog.push(text);
      if (options.verbose) process.stdout.write(text.replace(/^/gm, '[server] '));
      const listening = /listening on.*?(\d+)\s*$/m.exec(text);
      if (listening) {
        clearTimeout(timer);
        resolve(Number(listening[1]));
      }
    };
    server.stdout?.on('data', onOutput);
    server.stderr?.on('data', onOutput);
    server.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    server.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`The VS Code server exited before it listened (${signal ?? `exit ${code}`}):\n${serverLog.join('')}`));
    });
  });
  return { server, port };
}

/**
 * Prints what the suite logged (the lines it marked with `LOG_MARK`) and, with --verbose, the rest of
 * the workbench's log; remembers the suite's summary line.
 */
function printHostLog(type: string, args: unknown, summary: string[], verbose: boolean): void {
  const parts = Array.isArray(args) ? args : [args];
  const text = typeof parts[0] === 'string' ? format(...parts) : parts.map((part) => JSON.stringify(part)).join(' ');
  for (const line of text.split('\n')) {
    if (line.startsWith(LOG_MARK)) {
      const own = line.slice(LOG_MARK.length);
      if (/^e2e: \d+ passed, \d+ failed/.test(own)) summary.push(own);
      process.stdout.write(`${own}\n`);
    } else if (verbose) {
      process.stdout.write(`[workbench ${type}] ${line}\n`);
    }
  }
}

/** Writes the log files the workbench hands over at exit (window, extension host, output channels) to `.vscode-test/logs/`. */
function saveWorkbenchLogs(logs: unknown): void {
  if (!Array.isArray(logs)) return;
  rmSync(LOG_DIR, { recursive: true, force: true });
  for (const entry of logs as { relativePath?: unknown; contents?: unknown }[]) {
    if (typeof entry?.relativePath !== 'string' || typeof entry.contents !== 'string') continue;
    const file = resolve(LOG_DIR, entry.relativePath);
    if (!file.startsWith(LOG_DIR + sep)) continue;
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, entry.contents);
  }
}

/** Copies the VS Code server's logs (the extension host's, the output channels') to `.vscode-test/logs/server/`. */
function saveServerLogs(runDir: string): void {
  const logs = join(runDir, 'server-data', 'logs');
  if (existsSync(logs)) cpSync(logs, join(LOG_DIR, 'server'), { recursive: true });
}

async function saveScreenshot(page: Page, name: string): Promise<void> {
  try {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const path = join(SCREENSHOT_DIR, `${name}.png`);
    await page.screenshot({ path, timeout: 5_000 });
    log(`screenshot: ${path}`);
  } catch (error) {
    log(`no screenshot: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function withDeadline<T>(work: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

/** Closes the browser and the bridge, ends the server's process group, removes the run folder. */
async function cleanUp(resources: Resources, options: Options): Promise<void> {
  await resources.context?.close().catch(() => undefined);
  resources.context = undefined;
  await resources.bridge?.close();
  resources.bridge = undefined;
  if (resources.server) await stopProcessGroup(resources.server);
  resources.server = undefined;
  if (options.keep) log(`kept the run's folder: ${resources.runDir}`);
  else rmSync(resources.runDir, { recursive: true, force: true });
}

/** SIGTERM to the group led by `child`, SIGKILL if it is still there after the deadline. */
async function stopProcessGroup(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  signalGroup(child.pid, 'SIGTERM');
  const timer = setTimeout(() => signalGroup(child.pid as number, 'SIGKILL'), STOP_DEADLINE_MS);
  await exited;
  clearTimeout(timer);
  signalGroup(child.pid, 'SIGKILL');
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is already gone.
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`[e2e offline] ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
