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

  test('kubeready.enable: false clears the diagnostics and the quick fixes; true brings them back', async () => {
    const dockerfile = await openFixture('Dockerfile');
    const manifest = await openFixture('k8s', 'app.yaml');
    await waitForRules(dockerfile.uri, rulesOf('Dockerfile'));
    await waitForRules(manifest.uri, rulesOf('k8s/app.yaml'));

    await setEnable(false);
    await waitForDiagnostics(dockerfile.uri, (ds) => ds.length === 0, 'no diagnostics once disabled');
    await waitForDiagnostics(manifest.uri, (ds) => ds.length === 0, 'no diagnostics once disabled');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      manifest.uri,
      new vscode.Range(16, 17, 16, 22),
      vscode.CodeActionKind.QuickFix.value,
    );
    assert.deepEqual(
      actions.filter((a) => /kubeready|Kube Ready|Pin |Ignore /.test(a.title)).map((a) => a.title),
      [],
      'no Kube Ready quick fix while disabled',
    );

    // Still off for a document opened now.
    const untitled = await vscode.workspace.openTextDocument({ language: 'dockerfile', content: 'FROM node:latest\n' });
    await vscode.window.showTextDocument(untitled);

    await setEnable(true);
    await waitForRules(dockerfile.uri, rulesOf('Dockerfile'));
    await waitForRules(manifest.uri, rulesOf('k8s/app.yaml'));
    const [latest] = await waitForRules(untitled.uri, ['latest-tag']);
    assert.equal(ruleOf(latest), 'latest-tag');
  });
});
