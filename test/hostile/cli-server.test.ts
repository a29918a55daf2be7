/**
 * The hostile inputs of issue 6 through the CLI and the language server: each file ends with a
 * reason or findings, the normal file next to them is still checked, and the server keeps answering.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../server/src/cli/main';
import { parseArgs, UsageError } from '../../server/src/cli/args';
import { fakeIo } from '../cli/helpers';
import { STATUS_NOTIFICATION } from '../../server/src/lsp/status';
import type { FileStatus } from '../../server/src/lsp/status';
import { fileUri, isCodeAction, LspClient } from '../protocol/harness';
import * as input from './inputs';

const HOSTILE: Record<string, string | Buffer> = {
  'bomb.yaml': input.aliasBomb(),
  'big.yaml': input.TEN_MEGABYTES,
  'wide.yaml': input.LONG_LINE_MANIFEST.replace('x', 'x'.repeat(4 * 1024 * 1024)),
  'binary.yaml': input.BINARY,
  'latin1.yaml': input.INVALID_UTF8,
  'nul/Dockerfile': input.NUL_TEXT,
  'long.yaml': input.LONG_LINE_MANIFEST,
  'deep.yaml': input.nestedFlow(100_000),
  'many.yaml': input.HUNDRED_THOUSAND_DOCUMENTS,
  'tabs.yaml': input.TABS,
  'crlf.yaml': input.CRLF,
  'bom.yaml': input.BOM_POD,
  'empty.yaml': '',
  'continued/Dockerfile': input.CONTINUATIONS,
  'heredoc/Dockerfile': input.UNTERMINATED_HEREDOC,
  'pod.yaml': input.POD,
};

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubeready-hostile-'));
for (const [name, content] of Object.entries(HOSTILE)) {
  fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
  fs.writeFileSync(path.join(dir, name), content);
}
after(() => fs.rmSync(dir, { recursive: true, force: true }));

interface JsonFile {
  path: string;
  skipped?: string;
  findings: { ruleId: string; message: string }[];
}

function runCli(args: string[]): { code: number; files: Map<string, JsonFile>; stderr: string } {
  const io = fakeIo(dir);
  const code = main(['node', 'kubeready', '--format', 'json', ...args, '.'], io);
  const files = new Map((JSON.parse(io.out) as JsonFile[]).map((f) => [f.path, f]));
  return { code, files, stderr: io.err };
}

test('the CLI reports every hostile file with findings or a reason, and still checks the normal one', () => {
  const { code, files, stderr } = runCli([]);
  assert.doesNotMatch(stderr, /internal error/);
  assert.equal(code, 1, 'findings at error level (syntax) fail the run');
  assert.match(files.get('big.yaml')?.skipped ?? '', /larger than the 4 MB limit/);
  assert.equal(files.get('binary.yaml')?.skipped, 'not UTF-8 text');
  assert.equal(files.get('latin1.yaml')?.skipped, 'not UTF-8 text');
  assert.match(files.get('nul/Dockerfile')?.skipped ?? '', /binary file/);
  assert.match(files.get('deep.yaml')?.skipped ?? '', /nested more than 200 levels/);
  assert.match(files.get('empty.yaml')?.skipped ?? '', /no apiVersion and kind/);
  const rules = (name: string): string[] => files.get(name)?.findings.map((f) => f.ruleId) ?? [];
  assert.ok(rules('bomb.yaml').includes('schema'));
  assert.ok(rules('tabs.yaml').includes('syntax'));
  assert.ok(rules('heredoc/Dockerfile').includes('syntax'));
  assert.ok(rules('many.yaml').includes('latest-tag'));
  assert.deepEqual(rules('crlf.yaml'), rules('pod.yaml'));
  assert.deepEqual(rules('bom.yaml'), rules('pod.yaml'));
  assert.ok(rules('pod.yaml').includes('latest-tag'));
  for (const name of ['long.yaml', 'continued/Dockerfile']) assert.equal(files.get(name)?.skipped, undefined, name);
});

test('--max-file-size raises and lowers the size limit, in megabytes', () => {
  assert.match(runCli([]).files.get('wide.yaml')?.skipped ?? '', /larger than the 4 MB limit/);
  const raised = runCli(['--max-file-size', '6']);
  assert.equal(raised.files.get('wide.yaml')?.skipped, undefined);
  assert.match(raised.files.get('big.yaml')?.skipped ?? '', /larger than the 6 MB limit/);
  const lowered = runCli(['--max-file-size=1']);
  assert.match(lowered.files.get('long.yaml')?.skipped ?? '', /larger than the 1 MB limit/);
  assert.equal(lowered.files.get('pod.yaml')?.skipped, undefined);
  assert.throws(() => parseArgs(['--max-file-size', '0']), UsageError);
  assert.throws(() => parseArgs(['--max-file-size', 'big']), UsageError);
});

test('the server answers with a reason or diagnostics for each hostile file, and keeps checking a normal file', async () => {
  const client = await LspClient.start({ initializationOptions: { fileStatus: true } });
  try {
    const texts = Object.entries(HOSTILE).filter((entry): entry is [string, string] => typeof entry[1] === 'string');
    for (const [name, text] of texts) {
      await client.open(fileUri(dir, name), name.endsWith('Dockerfile') ? 'dockerfile' : 'yaml', text);
    }
    const status = (name: string): Promise<FileStatus> => client.waitForNotification<FileStatus>(STATUS_NOTIFICATION, (s) => s.uri === fileUri(dir, name));
    assert.match((await status('big.yaml')).reason ?? '', /larger than the 4 MB limit/);
    assert.match((await status('deep.yaml')).reason ?? '', /nested more than 200 levels/);
    assert.match((await status('nul/Dockerfile')).reason ?? '', /binary file/);
    assert.equal((await status('bomb.yaml')).state, 'kubernetes');
    assert.ok((await client.diagnostics(fileUri(dir, 'tabs.yaml'))).some((d) => d.code === 'syntax'));
    assert.ok((await client.diagnostics(fileUri(dir, 'heredoc/Dockerfile'))).some((d) => d.code === 'syntax'));
    const pod = fileUri(dir, 'pod.yaml');
    const diagnostics = await client.diagnostics(pod);
    const latest = diagnostics.filter((d) => d.code === 'latest-tag');
    assert.equal(latest.length, 1);
    const actions = await client.codeActions(pod, latest);
    assert.ok(actions.filter(isCodeAction).some((a) => a.edit !== undefined));
  } finally {
    client.kill();
  }
});
