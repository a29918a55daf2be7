/** Starting, announcing capabilities, surviving bad input, and stopping. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { lintText } from '../../server/src/engine';
import { LineIndex } from '../../server/src/text';
import { DOCKERFILE_LATEST, MANIFEST } from './fixtures';
import { fileUri, LspClient, removeDir, ROOT, tempDir } from './harness';

/** Deterministic garbage: control characters, lone surrogates, YAML and Dockerfile punctuation, template markers. */
function garbage(length: number, seed: number): string {
  const pieces = ['\u0000', '\u0007', '\r', '\n', '\r\n', '\t', ' ', '\ud800', '\udfff', '😀', '\ufeff', '{{', '}}', '---', '...', ':', '- ', '[', ']', '{', '}', '&a', '*a', '!!', '|', '>', '#', '"', "'", '\\', 'FROM', 'RUN', '<<EOF', 'EOF', 'apiVersion: v1', 'kind: Pod', 'image: ', '%YAML 1.2', '?', ',', 'ä', 'x'];
  let state = seed;
  let text = '';
  while (text.length < length) {
    state = (state * 1103515245 + 12345) % 2147483648;
    text += pieces[state % pieces.length];
  }
  return text;
}

function inBounds(text: string, diagnostics: Diagnostic[]): boolean {
  const index = new LineIndex(text);
  const last = index.position(text.length);
  const before = (a: { line: number; character: number }, b: { line: number; character: number }): boolean =>
    a.line < b.line || (a.line === b.line && a.character <= b.character);
  return diagnostics.every((d) => before(d.range.start, d.range.end) && before(d.range.end, last));
}

describe('lifecycle', () => {
  test('initialize announces incremental sync and quick fix / fix-all code actions; shutdown and exit end with code 0', async () => {
    const client = await LspClient.start();
    try {
      assert.deepEqual(client.initializeResult.capabilities, {
        textDocumentSync: { openClose: true, change: 2 },
        codeActionProvider: { codeActionKinds: ['quickfix', 'source.fixAll.kubeready'], resolveProvider: false },
      });
      assert.equal(client.initializeResult.serverInfo?.name, 'kubeready');
      assert.equal(await client.stop(), 0);
    } finally {
      client.kill();
    }
  });

  test('exit without shutdown ends with code 1', async () => {
    const client = await LspClient.start();
    try {
      await client.connection.sendNotification('exit');
      assert.equal(await client.exitCode(), 1);
    } finally {
      client.kill();
    }
  });

  test('the bin shim without a transport prints its usage and exits with code 2', () => {
    const run = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'kubeready-language-server.js')], { encoding: 'utf8' });
    assert.equal(run.status, 2);
    assert.match(run.stderr, /Usage: kubeready-language-server --stdio/);
  });
});

describe('bad input', () => {
  test('documents of random garbage are answered and the server keeps working', async (t) => {
    const dir = tempDir();
    const client = await LspClient.start();
    t.after(() => {
      client.kill();
      removeDir(dir);
    });
    for (const seed of [1, 2, 3]) {
      for (const [name, languageId] of [[`garbage-${seed}.yaml`, 'yaml'], [`Dockerfile.garbage-${seed}`, 'dockerfile']]) {
        const uri = fileUri(dir, name);
        const text = garbage(20_000, seed);
        await client.open(uri, languageId, text);
        const diagnostics = await client.diagnostics(uri);
        assert.ok(inBounds(text, diagnostics), `${name}: every range lies inside the document`);
        assert.ok(diagnostics.every((d) => d.source === 'kubeready' && d.message.length > 0));
        // Quick fixes for garbage must not fail either.
        await client.codeActions(uri, diagnostics);
        await client.codeActions(uri, diagnostics, ['source.fixAll.kubeready']);
        await client.close(uri);
      }
    }
    const uri = fileUri(dir, 'Dockerfile');
    await client.open(uri, 'dockerfile', DOCKERFILE_LATEST);
    assert.deepEqual((await client.diagnostics(uri)).map((d) => d.code), ['latest-tag']);
    assert.doesNotMatch(client.stderr, /Error/);
    const errors = client.logs.filter((l) => l.type === 1).map((l) => l.message);
    assert.deepEqual(errors, [], 'no check or rule failed on garbage');
  });

  test('a 3 MB manifest and a 3 MB Dockerfile are checked, a 5 MB manifest is skipped with a logged reason, and the server keeps working', async (t) => {
    const dir = tempDir();
    const client = await LspClient.start();
    t.after(() => {
      client.kill();
      removeDir(dir);
    });
    // A large ConfigMap (an embedded dashboard, say) after the usual manifest.
    const line = '    {"panel": "requests", "expr": "sum(rate(http_requests_total[5m]))", "legend": "{{pod}}"},\n';
    const configMap = (size: number): string =>
      `---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: dashboards\ndata:\n  dashboard.json: |\n${line.repeat(Math.ceil(size / line.length))}`;
    const big = fileUri(dir, 'big.yaml');
    const bigText = MANIFEST + configMap(3 * 1024 * 1024);
    assert.ok(bigText.length > 3 * 1024 * 1024);
    await client.open(big, 'yaml', bigText);
    assert.deepEqual(
      (await client.diagnostics(big)).map((d) => `${String(d.code)} ${d.range.start.line}:${d.range.start.character}`),
      ['missing-liveness-probe 15:16', 'missing-readiness-probe 15:16', 'untagged-image 16:17', 'plaintext-secret 21:21', 'loadbalancer-cost 34:8', 'loadbalancer-cost 46:8'],
    );

    // A 3 MB Dockerfile with a finding every few lines.
    const stage = (i: number): string => `FROM python:latest AS s${i}\n${'RUN echo step && make build\n'.repeat(40)}`;
    let dockerfile = '';
    for (let i = 0; dockerfile.length < 3 * 1024 * 1024; i++) dockerfile += stage(i);
    const bigDockerfile = fileUri(dir, 'Dockerfile.big');
    await client.open(bigDockerfile, 'dockerfile', dockerfile);
    const diagnostics = await client.diagnostics(bigDockerfile);
    assert.equal(diagnostics.length, lintText({ text: dockerfile, path: '/x/Dockerfile' }).findings.length);
    assert.deepEqual(diagnostics[1].range, { start: { line: 41, character: 12 }, end: { line: 41, character: 18 } });

    const huge = fileUri(dir, 'huge.yaml');
    await client.open(huge, 'yaml', MANIFEST + configMap(5 * 1024 * 1024));
    assert.deepEqual(await client.diagnostics(huge), []);
    assert.ok(client.logs.some((l) => l.type === 3 && l.message.includes('huge.yaml') && l.message.includes('MB')));

    const small = fileUri(dir, 'Dockerfile');
    await client.open(small, 'dockerfile', DOCKERFILE_LATEST);
    assert.equal((await client.diagnostics(small)).length, 1);
  });
});
