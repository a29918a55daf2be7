/**
 * The checks across files over the protocol: a Service's diagnostics carry related information in
 * the Deployment's document, and editing the Deployment re-checks the Service's document.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { toDiagnostic } from '../../server/src/lsp/convert';
import { SHOP_DEPLOYMENT, SHOP_SERVICE } from './fixtures';
import { fileUri, LspClient, removeDir, tempDir } from './harness';



function range(line: number, start: number, end: number): Diagnostic['range'] {
  return { start: { line, character: start }, end: { line, character: end } };
}

/** The cross-file diagnostics only (the other rules' are not what this test is about). */
function crossFile(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.filter((d) => d.code === 'service-port-mismatch' || d.code === 'service-selects-nothing');
}

describe('checks across files', () => {
  let client: LspClient;
  let dir: string;

  before(async () => {
    dir = tempDir();
    client = await LspClient.start();
  });

  after(() => {
    client.kill();
    removeDir(dir);
  });

  test('related information points into the other document; editing its labels updates this one', async () => {
    const deployment = fileUri(dir, 'k8s', 'deployment.yaml');
    const service = fileUri(dir, 'k8s', 'service.yaml');
    await client.open(deployment, 'yaml', SHOP_DEPLOYMENT);
    await client.diagnostics(deployment);
    await client.open(service, 'yaml', SHOP_SERVICE);

    const [mismatch] = crossFile(await client.diagnostics(service));
    assert.equal(mismatch?.code, 'service-port-mismatch');
    assert.deepEqual(mismatch.range, range(10, 18, 21));
    assert.deepEqual(mismatch.relatedInformation, [
      { location: { uri: deployment, range: range(15, 16, 20) }, message: 'Container shop of Deployment shop declares 8080 (http)' },
    ]);

    // The Deployment's pods lose a label the Service selects: the Service now selects nothing.
    const mark = client.mark();
    await client.replace(deployment, SHOP_DEPLOYMENT.replace('tier: web', 'tier: api'));
    const republished = await client.waitForPublish(service, (p) => crossFile(p.diagnostics).some((d) => d.code === 'service-selects-nothing'), mark);
    assert.deepEqual(
      crossFile(republished.diagnostics).map((d) => ({ code: d.code, range: d.range, related: d.relatedInformation })),
      [
        {
          code: 'service-selects-nothing',
          range: range(5, 2, 10),
          related: [{ location: { uri: deployment, range: range(10, 6, 12) }, message: 'Deployment shop has the pod labels app: shop, tier: api' }],
        },
      ],
    );

    // Closing the Deployment takes its pods out of the workspace: no workloads, nothing to say.
    const closed = client.mark();
    await client.close(deployment);
    const quiet = await client.waitForPublish(service, (p) => crossFile(p.diagnostics).length === 0, closed);
    assert.deepEqual(crossFile(quiet.diagnostics), []);
  });

  test('an untitled document is judged on its own objects: the workspace does not make its Service select nothing', async () => {
    const deployment = fileUri(dir, 'k8s', 'other.yaml');
    await client.open(deployment, 'yaml', SHOP_DEPLOYMENT.replace(/shop/g, 'cart'));
    await client.diagnostics(deployment);
    const untitled = 'untitled:Untitled-1';
    await client.open(untitled, 'yaml', SHOP_SERVICE);
    assert.deepEqual(crossFile(await client.diagnostics(untitled)), []);

    // Saved in the workspace, the same Service selects none of its pods.
    const saved = fileUri(dir, 'k8s', 'service-saved.yaml');
    await client.open(saved, 'yaml', SHOP_SERVICE);
    assert.deepEqual(crossFile(await client.diagnostics(saved)).map((d) => d.code), ['service-selects-nothing']);
    await client.close(saved);
    await client.close(untitled);

    // Nor do an untitled document's pods count for the saved files.
    const pods = 'untitled:Untitled-2';
    await client.open(pods, 'yaml', SHOP_DEPLOYMENT);
    await client.diagnostics(pods);
    const lonely = fileUri(dir, 'k8s', 'service-lonely.yaml');
    await client.open(lonely, 'yaml', SHOP_SERVICE);
    assert.deepEqual(crossFile(await client.diagnostics(lonely)).map((d) => d.code), ['service-selects-nothing']);
    for (const uri of [lonely, pods, deployment]) await client.close(uri);
  });
});

test('toDiagnostic: a related location in another file gets that file\'s URI and range; one in an unknown file is left out', () => {
  const document = TextDocument.create('file:///w/svc.yaml', 'yaml', 3, 'a: 1\n');
  const other = 'x: 1\r\ny: 2\n';
  const files: Record<string, string> = { '/w/deploy.yaml': other };
  const diagnostic = toDiagnostic(
    document,
    {
      ruleId: 'service-port-mismatch',
      severity: 'warning',
      message: 'm',
      start: 0,
      end: 1,
      fixes: [],
      related: [
        { start: 9, end: 10, message: 'there', path: '/w/deploy.yaml' },
        { start: 0, end: 1, message: 'gone', path: '/w/unknown.yaml' },
        { start: 3, end: 4, message: 'here' },
      ],
    },
    (path) => (files[path] === undefined ? null : { uri: `file://${path}`, text: files[path] }),
  );
  assert.deepEqual(diagnostic.relatedInformation, [
    { location: { uri: 'file:///w/deploy.yaml', range: range(1, 3, 4) }, message: 'there' },
    { location: { uri: 'file:///w/svc.yaml', range: range(0, 3, 4) }, message: 'here' },
  ]);
});
