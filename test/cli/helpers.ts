/** Shared by the CLI tests: temporary fixture folders, running the built CLI, the known fixture. */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CliIo } from '../../server/src/cli/main';
import type { LocatedFinding, RunReport } from '../../server/src/cli/report';
import { lintText } from '../../server/src/engine';
import type { Finding } from '../../server/src/findings';

/** The repository root (tests run from out/test/cli). */
export const ROOT = path.resolve(__dirname, '../../..');
export const BIN = path.join(ROOT, 'bin', 'kubeready.js');

/** A new empty folder under the system temp folder; removed by `removeTempDirs`. */
const created: string[] = [];
export function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubeready-cli-'));
  created.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of created.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

/** Writes files (paths relative to `dir`, `/`-separated), creating folders. */
export function writeFiles(dir: string, files: Record<string, string | Buffer>): void {
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, ...name.split('/'));
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node bin/kubeready.js args…` in `cwd`, without colours; as another user when `uid` is given; `stdin` fed to it. */
export function runCli(args: readonly string[], cwd: string, env: Record<string, string> = {}, uid?: number, stdin = ''): CliRun {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    input: stdin,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', KUBEREADY_DEBUG: '', ...env },
    ...(uid === undefined ? {} : { uid, gid: uid }),
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The user id to run as when a test needs permissions to apply (root reads every file). */
export const NOBODY = 65534;

/**
 * How to run the CLI so that a file without read permission cannot be read: as this user, or as
 * `nobody` when this is root. Null when neither works here (nobody cannot reach the checkout).
 */
export function unprivilegedUid(): number | undefined | null {
  if (process.getuid?.() !== 0) return undefined;
  const dir = tempDir();
  fs.chmodSync(dir, 0o755);
  return runCli(['--version'], dir, {}, NOBODY).code === 0 ? NOBODY : null;
}

/**
 * A Dockerfile whose base image is tagged latest: one `latest-tag` warning at 1:13-1:19. The rest
 * follows the guide (a small base, a non-root user), so nothing else is reported.
 */
export const DOCKERFILE = 'FROM alpine:latest\nCOPY server /usr/local/bin/server\nUSER 10001\nCMD ["server"]\n';

/**
 * A LoadBalancer Service (warning at 6:9-6:21 on `LoadBalancer`) and a Deployment whose container
 * has no probes (liveness and readiness warnings at 28:17-28:20 on its name `web`); it sets its
 * resources, so nothing else is reported.
 */
export const MANIFEST = [
  'apiVersion: v1',
  'kind: Service',
  'metadata:',
  '  name: web',
  'spec:',
  '  type: LoadBalancer',
  '  selector:',
  '    app: web',
  '  ports:',
  '    - port: 80',
  '      targetPort: 8080',
  '---',
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata:',
  '  name: web',
  'spec:',
  '  replicas: 2',
  '  selector:',
  '    matchLabels:',
  '      app: web',
  '  template:',
  '    metadata:',
  '      labels:',
  '        app: web',
  '    spec:',
  '      containers:',
  '        - name: web',
  '          image: example/web:1.2.3',
  '          ports:',
  '            - containerPort: 8080',
  '          resources:',
  '            requests:',
  '              cpu: 100m',
  '              memory: 128Mi',
  '            limits:',
  '              memory: 256Mi',
  '',
].join('\n');

/** A manifest with nothing to report. */
export const CLEAN_MANIFEST = [
  'apiVersion: v1',
  'kind: ConfigMap',
  'metadata:',
  '  name: settings',
  'data:',
  '  LOG_LEVEL: info',
  '',
].join('\n');

/**
 * The engine's finding for a rule on a text: the tests take the wording of messages and fix
 * titles from the rules (they belong to the rules' own tests) and check everything else by hand.
 */
export function engineFinding(text: string, file: string, ruleId: string): Finding {
  const found = lintText({ text, path: file }).findings.find((f) => f.ruleId === ruleId);
  if (!found) throw new Error(`the engine reports no ${ruleId} on ${file}`);
  return found;
}

/** A `CliIo` that collects stdout and stderr in `out` and `err`, and gives `stdin` to a `-` path. */
export function fakeIo(cwd: string, env: NodeJS.ProcessEnv = {}, tty = false, stdin: string | Buffer = ''): CliIo & { out: string; err: string } {
  const io = {
    cwd,
    env,
    stdoutIsTTY: tty,
    readStdin: () => (typeof stdin === 'string' ? Buffer.from(stdin, 'utf8') : stdin),
    out: '',
    err: '',
    stdout: (text: string) => void (io.out += text),
    stderr: (text: string) => void (io.err += text),
  };
  return io;
}

/** A located `latest-tag` warning at 1:1-1:2 with nothing else, changed by `overrides`. */
export function locatedFinding(overrides: Partial<LocatedFinding>): LocatedFinding {
  return {
    ruleId: 'latest-tag',
    severity: 'warning',
    message: 'A message.',
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 2,
    fixes: [],
    autofix: null,
    related: [],
    lineText: '',
    ...overrides,
  };
}

/** A run report with no files and nothing wrong, changed by `overrides`. */
export function runReport(overrides: Partial<RunReport>): RunReport {
  return { files: [], hidden: 0, warnings: 0, maxWarnings: null, fixMode: null, failed: false, problems: [], ...overrides };
}
