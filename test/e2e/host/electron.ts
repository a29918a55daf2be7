/**
 * The standard host (`npm run test:e2e`): `@vscode/test-electron` downloads VS Code (into
 * `.vscode-test/`) and runs the suite in it. Needs access to VS Code's download server; where there
 * is none (CI here), it stops at once and points to the offline host.
 *
 * Options: --extension <dir>  test another extension folder (e.g. an unpacked .vsix) instead of the source tree
 *          --grep <text>      run only the tests whose full title contains <text>
 *          --vscode <version> the VS Code version to download (default: $VSCODE_VERSION or stable)
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { extensionUnderTest, makeRunDir, prepareWorkspace, REPO_ROOT, SUITE_INDEX } from './paths';

/** Error codes that mean "this machine cannot reach the download server". */
const OFFLINE_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENETUNREACH', 'EHOSTUNREACH']);

interface Options {
  extension: string | undefined;
  grep: string | undefined;
  version: string;
}

function parseOptions(argv: string[]): Options {
  const options: Options = { extension: undefined, grep: undefined, version: process.env.VSCODE_VERSION || 'stable' };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = argv[++i];
    if (value === undefined) throw new Error(`${arg} needs a value.`);
    if (arg === '--extension') options.extension = value;
    else if (arg === '--grep') options.grep = value;
    else if (arg === '--vscode') options.version = value;
    else throw new Error(`Unknown option ${arg}. Options: --extension <dir>, --grep <text>, --vscode <version>.`);
  }
  return options;
}

/** True when an error (or one it wraps) says the network is out of reach. */
function isOffline(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    const message = e instanceof Error ? e.message : '';
    if ((typeof code === 'string' && OFFLINE_CODES.has(code)) || [...OFFLINE_CODES].some((c) => message.includes(c))) return true;
  }
  return false;
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  const extension = extensionUnderTest(options.extension);
  const runDir = makeRunDir();
  try {
    const workspace = prepareWorkspace(runDir);
    await runTests({
      version: options.version,
      cachePath: join(REPO_ROOT, '.vscode-test'),
      extensionDevelopmentPath: extension,
      extensionTestsPath: SUITE_INDEX,
      extensionTestsEnv: { KUBEREADY_E2E_EXTENSION: extension, ...(options.grep ? { KUBEREADY_E2E_GREP: options.grep } : {}) },
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', `--user-data-dir=${join(runDir, 'user-data')}`],
    });
    return 0;
  } catch (error) {
    if (isOffline(error)) {
      const message = error instanceof Error ? error.message : String(error);
      process.stderr.write(
        `[e2e] Cannot download VS Code (${message}).\n` +
          '[e2e] This machine has no access to the VS Code download server: run `npm run test:e2e:offline` instead.\n',
      );
      return 1;
    }
    throw error;
  } finally {
    rmSync(runDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`[e2e] ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
