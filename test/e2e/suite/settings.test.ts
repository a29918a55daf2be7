/** Settings: `kubeready.enable` turns the checks off and on again without a reload. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { rulesOf } from './expected';
import { closeAllEditors, openFixture, ruleOf, waitForDiagnostics, waitForRules } from './helpers';
import { afterTest } from './ui';

async function setEnable(value: boolean | undefined): Promise<void> {
  await vscode.workspace.getConfiguration('kubeready').update('enable', value, vscode.ConfigurationTarget.Workspace);
}

suite('settings', () => {
  teardown(
    afterTest(async () => {
      await setEnable(undefined);
      await closeAllEditors();
    }),
  );

  test('kubeready.enable: false clears the diagnostics; true brings them back, also for a document opened meanwhile', async () => {
    const dockerfile = await openFixture('Dockerfile');
    const manifest = await openFixture('k8s', 'app.yaml');
    await waitForRules(dockerfile.uri, rulesOf('Dockerfile'));
    await waitForRules(manifest.uri, rulesOf('k8s/app.yaml'));

    await setEnable(false);
    await waitForDiagnostics(dockerfile.uri, (ds) => ds.length === 0, 'no diagnostics once disabled');
    await waitForDiagnostics(manifest.uri, (ds) => ds.length === 0, 'no diagnostics once disabled');
    // A document opened while checks are off is checked once they are on again.
    const untitled = await vscode.workspace.openTextDocument({ language: 'dockerfile', content: 'FROM alpine:latest\nUSER 10001\n' });
    await vscode.window.showTextDocument(untitled);

    await setEnable(true);
    await waitForRules(dockerfile.uri, rulesOf('Dockerfile'));
    await waitForRules(manifest.uri, rulesOf('k8s/app.yaml'));
    const [latest] = await waitForRules(untitled.uri, ['latest-tag']);
    assert.equal(ruleOf(latest), 'latest-tag');
  });
});
