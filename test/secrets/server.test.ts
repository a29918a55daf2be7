/**
 * Secrets stay secret, in the language server: the real server (test/protocol/harness.ts) over the
 * fixture workspace with every document open and `problems.scope: workspace` pulled. Checked,
 * whole: every publishDiagnostics (messages, related information, codes, `data`), pulled
 * document and workspace reports, code actions without their edits (titles, kinds, diagnostics,
 * `data`), `window/logMessage`, `window/showMessage`, `$/progress`, `kubeready/status` and any
 * other notification, and stderr; also with a rule that crashes with the file text in its error.
 *
 * Allowed: a code action's `edit` is the document's own text by design (moving a value into a
 * secretKeyRef, fix-all), applied to the user's file; it is left out. The server has no hover
 * provider (its capabilities are checked below), so there is no hover text to check.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import * as path from 'node:path';
import type { CodeAction, Command, Diagnostic } from 'vscode-languageserver-protocol';
import { fileUri, indexed, ROOT, Workspaces } from '../protocol/harness';
import type { LspClient } from '../protocol/harness';
import { leaks } from './canaries';
import { fixtureFiles } from './fixtures';

const SETTINGS = { enable: true, problems: { scope: 'workspace' } };

function languageOf(file: string): string {
  if (/Dockerfile$/.test(file)) return 'dockerfile';
  if (file.endsWith('.json')) return 'json';
  if (file.endsWith('.env')) return 'plaintext';
  return 'yaml';
}

/** A code action as the test reads it: everything but its workspace edit. */
function withoutEdit(action: CodeAction | Command): unknown {
  const { edit: _edit, ...rest } = action as CodeAction;
  return rest;
}

/** Opens every fixture file, and asks for the quick fixes and the fix-all of each; returns all the actions. */
async function openAll(client: LspClient, dir: string): Promise<unknown[]> {
  const actions: unknown[] = [];
  for (const [relative, text] of Object.entries(fixtureFiles())) {
    const uri = fileUri(dir, ...relative.split('/'));
    await client.open(uri, languageOf(relative), text);
    const diagnostics: Diagnostic[] = await client.diagnostics(uri);
    actions.push(...(await client.codeActions(uri, diagnostics)).map(withoutEdit));
    actions.push(...(await client.codeActions(uri, diagnostics, ['source.fixAll'])).map(withoutEdit));
  }
  return actions;
}

/** Everything the server said, but the edits of code actions. */
function traffic(client: LspClient, extra: unknown[]): string {
  return JSON.stringify({
    publishes: client.publishes,
    logs: client.logs,
    shown: client.shownMessages,
    notifications: client.notifications,
    progress: client.progress,
    stderr: client.stderr,
    extra,
  });
}

describe('the language server says no canary', () => {
  const workspaces = new Workspaces();
  after(() => workspaces.dispose());

  test('diagnostics pushed and pulled, code actions, logs, messages, progress, status, stderr', async () => {
    const { dir, client } = await workspaces.start(fixtureFiles(), {
      settings: SETTINGS,
      pullDiagnostics: true,
      initializationOptions: { fileStatus: true },
    });
    assert.equal((client.initializeResult.capabilities as Record<string, unknown>).hoverProvider, undefined, 'no hover provider: no hover text to check');
    await indexed(client);
    const workspace = await client.pullWorkspace();
    const document = await client.pullDocument(fileUri(dir, 'k8s', 'secret.yaml'));
    const actions = await openAll(client, dir);
    await client.waitUntil('a config problem shown', () => client.shownMessages.length > 0);
    const said = traffic(client, [workspace, document, actions]);
    assert.match(said, /plaintext-secret/, 'the secrets are reported');
    assert.match(said, /secret-in-configmap/);
    assert.ok(actions.length > 0, 'code actions were offered');
    assert.deepEqual(leaks(said), []);
    assert.equal(await client.stop(), 0);
  });

  test('a rule that crashes with the file text in its error: logged without the text', async () => {
    const previous = process.env.NODE_OPTIONS;
    process.env.NODE_OPTIONS = `${previous ?? ''} --require=${path.join(__dirname, 'crash-rule.js')}`.trim();
    try {
      // The tsc output, whose rule module the preload patches (the bin may run the bundle).
      const serverModule = path.join(ROOT, 'out', 'server', 'src', 'server.js');
      const { dir, client } = await workspaces.start(fixtureFiles(), { settings: SETTINGS, pullDiagnostics: true, serverModule });
      await indexed(client);
      const workspace = await client.pullWorkspace();
      const actions = await openAll(client, dir);
      await client.waitUntil('the crash logged', () => client.logs.find((l) => /Rule latest-tag failed on deploy\.yaml .*SyntaxError at /.test(l.message)));
      assert.deepEqual(leaks(traffic(client, [workspace, actions])), []);
    } finally {
      if (previous === undefined) delete process.env.NODE_OPTIONS;
      else process.env.NODE_OPTIONS = previous;
    }
  });
});
