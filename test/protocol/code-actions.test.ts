/** Code actions over the protocol: each quick fix applied to the text removes its finding. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { CodeAction, Command, Diagnostic } from 'vscode-languageserver-protocol';
import { lintText } from '../../server/src/engine';
import { DOCKERFILE_LATEST, MANIFEST } from './fixtures';
import { applyTextEdits, editsFor, fileUri, isCodeAction, LspClient, removeDir, tempDir } from './harness';

function actionsOnly(items: (CodeAction | Command)[]): CodeAction[] {
  assert.ok(items.every(isCodeAction), 'the server returns code actions, not bare commands');
  return items as CodeAction[];
}

function count(text: string, path: string, ruleId: string): number {
  return lintText({ text, path }).findings.filter((f) => f.ruleId === ruleId).length;
}

describe('code actions', () => {
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

  for (const [name, languageId, text] of [
    ['Dockerfile', 'dockerfile', 'FROM python:latest\nENV DB_PASSWORD=hunter2-very-secret\nCMD ["python", "app.py"]\n'],
    ['app.yaml', 'yaml', MANIFEST],
  ] as const) {
    test(`every quick fix with an edit in ${name} removes its finding; the others carry the pin-tag command`, async () => {
      const path = `${dir}/each/${name}`;
      const uri = fileUri(dir, 'each', name);
      await client.open(uri, languageId, text);
      const diagnostics = await client.diagnostics(uri);
      const findings = lintText({ text, path }).findings;
      assert.equal(diagnostics.length, findings.length);
      let edited = 0;
      for (const [i, diagnostic] of diagnostics.entries()) {
        const actions = actionsOnly(await client.codeActions(uri, [diagnostic]));
        assert.deepEqual(
          actions.map((a) => [a.title, a.isPreferred === true]),
          findings[i].fixes.map((f) => [f.title, f.preferred === true]),
          `one action per fix of ${String(diagnostic.code)}`,
        );
        for (const action of actions) {
          assert.equal(action.kind, 'quickfix');
          assert.deepEqual(action.diagnostics, [diagnostic]);
          if (!action.edit) {
            assert.equal(action.command?.command, 'kubeready.pinImageTag', action.title);
            continue;
          }
          const fixed = applyTextEdits(text, editsFor(action.edit, uri, 1));
          const ruleId = String(diagnostic.code);
          assert.ok(count(fixed, path, ruleId) < count(text, path, ruleId), `"${action.title}" removes a ${ruleId} finding`);
          assert.equal(count(fixed, path, 'syntax'), 0, `"${action.title}" leaves valid syntax`);
          edited++;
        }
      }
      assert.ok(edited >= diagnostics.length, 'every finding has at least one fix with an edit (its Ignore fix)');
      await client.close(uri);
    });
  }

  test('"Pin alpine to a tag…" carries the command with the tag range; writing a tag there removes the finding', async () => {
    const uri = fileUri(dir, 'pin', 'Dockerfile');
    await client.open(uri, 'dockerfile', DOCKERFILE_LATEST);
    const [diagnostic] = await client.diagnostics(uri);
    const actions = actionsOnly(await client.codeActions(uri, [diagnostic]));
    const pin = actions.find((a) => a.title === 'Pin alpine to a tag…');
    assert.ok(pin?.command, actions.map((a) => a.title).join(', '));
    const [input] = lintText({ text: DOCKERFILE_LATEST, path: '/x/Dockerfile' }).findings[0].fixes.filter((f) => f.input).map((f) => f.input);
    assert.deepEqual(pin.command, {
      title: 'Pin alpine to a tag…',
      command: 'kubeready.pinImageTag',
      arguments: [
        {
          uri,
          version: 1,
          range: { start: { line: 0, character: 12 }, end: { line: 0, character: 18 } },
          prefix: '',
          prompt: input?.prompt,
          placeholder: input?.placeholder,
        },
      ],
    });
    assert.equal(pin.edit, undefined);
    // What the client command does with the tag the user types:
    const args = pin.command.arguments?.[0] as { range: Diagnostic['range']; prefix: string };
    const fixed = applyTextEdits(DOCKERFILE_LATEST, [{ range: args.range, newText: `${args.prefix}3.20` }]);
    assert.equal(fixed, 'FROM alpine:3.20\nUSER 10001\n');
    assert.equal(count(fixed, '/x/Dockerfile', 'latest-tag'), 0);
    await client.close(uri);
  });

  test('an untagged image gets the insertion point and a ":" prefix', async () => {
    const uri = fileUri(dir, 'pin-untagged.yaml');
    await client.open(uri, 'yaml', MANIFEST);
    const diagnostic = (await client.diagnostics(uri)).find((d) => d.code === 'untagged-image');
    assert.ok(diagnostic);
    const pin = actionsOnly(await client.codeActions(uri, [diagnostic])).find((a) => a.command);
    const args = pin?.command?.arguments?.[0] as { range: Diagnostic['range']; prefix: string };
    assert.deepEqual([args.range, args.prefix], [{ start: { line: 16, character: 22 }, end: { line: 16, character: 22 } }, ':']);
    await client.close(uri);
  });

  test('"Pin nginx to 1.25" is offered while another open document uses nginx:1.25, and no longer once it closes', async () => {
    const uri = fileUri(dir, 'workspace', 'app.yaml');
    const other = fileUri(dir, 'workspace', 'Dockerfile');
    await client.open(uri, 'yaml', MANIFEST);
    const diagnostic = (await client.diagnostics(uri)).find((d) => d.code === 'untagged-image');
    assert.ok(diagnostic);
    const titles = async (): Promise<string[]> => actionsOnly(await client.codeActions(uri, [diagnostic])).map((a) => a.title);
    assert.ok(!(await titles()).includes('Pin nginx to 1.25'));

    await client.open(other, 'dockerfile', 'FROM nginx:1.25\n');
    await client.diagnostics(other);
    const actions = actionsOnly(await client.codeActions(uri, [diagnostic]));
    const pin = actions.find((a) => a.title === 'Pin nginx to 1.25');
    assert.ok(pin?.edit, actions.map((a) => a.title).join(', '));
    assert.equal(pin.isPreferred, true);
    const edits = editsFor(pin.edit, uri, 1);
    assert.deepEqual(edits, [{ range: { start: { line: 16, character: 22 }, end: { line: 16, character: 22 } }, newText: ':1.25' }]);
    assert.equal(count(applyTextEdits(MANIFEST, edits), '/x/app.yaml', 'untagged-image'), 0);

    await client.close(other);
    assert.ok(!(await titles()).includes('Pin nginx to 1.25'));
    await client.close(uri);
  });

  test('"Ignore <id> here" inserts the comment and the diagnostic is gone from the next publication', async () => {
    const uri = fileUri(dir, 'ignore.yaml');
    await client.open(uri, 'yaml', MANIFEST);
    const diagnostics = await client.diagnostics(uri);
    const secret = diagnostics.find((d) => d.code === 'plaintext-secret');
    assert.ok(secret);
    const ignore = actionsOnly(await client.codeActions(uri, [secret])).find((a) => a.title === 'Ignore plaintext-secret here');
    assert.ok(ignore?.edit);
    const version = await client.edit(uri, editsFor(ignore.edit, uri, 1));
    assert.match(client.document(uri).text, /# kubeready-ignore plaintext-secret/);
    const after = (await client.waitForPublish(uri, (p) => p.version === version)).diagnostics;
    assert.deepEqual(
      after.map((d) => d.code),
      diagnostics.filter((d) => d !== secret).map((d) => d.code),
    );
    await client.close(uri);
  });

  test('diagnostics of an older version get no actions', async () => {
    const uri = fileUri(dir, 'stale', 'Dockerfile');
    await client.open(uri, 'dockerfile', DOCKERFILE_LATEST);
    const [diagnostic] = await client.diagnostics(uri);
    await client.replace(uri, `# a comment line\n${DOCKERFILE_LATEST}`);
    assert.deepEqual(await client.codeActions(uri, [diagnostic]), []);
    const [fresh] = await client.diagnostics(uri);
    assert.ok((await client.codeActions(uri, [fresh])).length > 0);
    await client.close(uri);
  });

  test('source.fixAll.kubeready returns nothing when no fix is safe, and the light bulb never gets it', async () => {
    const uri = fileUri(dir, 'fix-all.yaml');
    await client.open(uri, 'yaml', MANIFEST);
    const diagnostics = await client.diagnostics(uri);
    assert.ok(lintText({ text: MANIFEST, path: '/x/a.yaml' }).findings.every((f) => f.fixes.every((x) => x.safety !== 'safe')));
    assert.deepEqual(await client.codeActions(uri, diagnostics, ['source.fixAll.kubeready']), []);
    assert.deepEqual(await client.codeActions(uri, diagnostics, ['source.fixAll']), []);
    const all = actionsOnly(await client.codeActions(uri, diagnostics));
    assert.ok(all.length > 0 && all.every((a) => a.kind === 'quickfix'));
    await client.close(uri);
  });

  test('source.fixAll.kubeready applies every safe fix in one edit, leaving none of their findings', async () => {
    const text = 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y jq=1.6-2.1+deb12u1\nADD start.sh /app/\nUSER 10001\nCMD ["/app/start.sh"]\n';
    const uri = fileUri(dir, 'fix-all-safe', 'Dockerfile');
    await client.open(uri, 'dockerfile', text);
    const diagnostics = await client.diagnostics(uri);
    assert.deepEqual(diagnostics.map((d) => String(d.code)), ['apt-lists-not-cleaned', 'apt-no-install-recommends', 'add-instead-of-copy']);
    for (const only of [['source.fixAll.kubeready'], ['source.fixAll'], ['source']]) {
      const actions = actionsOnly(await client.codeActions(uri, diagnostics, only));
      assert.deepEqual(actions.map((a) => [a.title, a.kind]), [['Fix all safe Kube Ready problems', 'source.fixAll.kubeready']], only.join());
    }
    const [fixAll] = actionsOnly(await client.codeActions(uri, diagnostics, ['source.fixAll.kubeready']));
    assert.ok(fixAll.edit);
    const edits = editsFor(fixAll.edit, uri, 1);
    const fixed = applyTextEdits(text, edits);
    assert.equal(
      fixed,
      'FROM debian:12-slim\nRUN apt-get update && apt-get install --no-install-recommends -y jq=1.6-2.1+deb12u1 && rm -rf /var/lib/apt/lists/*\nCOPY start.sh /app/\nUSER 10001\nCMD ["/app/start.sh"]\n',
    );
    const all = actionsOnly(await client.codeActions(uri, diagnostics));
    assert.ok(all.length > 0 && all.every((a) => a.kind === 'quickfix'), 'the light bulb never gets fix-all');
    const version = await client.edit(uri, edits);
    assert.deepEqual((await client.waitForPublish(uri, (p) => p.version === version)).diagnostics, []);
    assert.deepEqual(await client.codeActions(uri, [], ['source.fixAll.kubeready']), [], 'nothing left to fix');
    await client.close(uri);
  });
});
