/**
 * What Kube Ready shows besides diagnostics: the language status item, which says how the active
 * file is checked (read from the status bar's hover; offline host only), and the "Kube Ready"
 * output channel, where the server logs what it skipped and why.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, openFixture } from './helpers';
import { afterTest, pageDriver, pollUntil } from './ui';

/** The prefix of the commands VS Code registers to show each output channel. */
const SHOW_CHANNEL = 'workbench.action.output.show.';
const CHANNEL = 'Kube Ready';

/** What the status item says per fixture: its label, then its detail. */
const STATUS: { file: string; item: RegExp }[] = [
  { file: 'Dockerfile', item: /^Kube Ready: Dockerfile checked as you type$/ },
  { file: 'k8s/app.yaml', item: /^Kube Ready: Kubernetes checked as you type$/ },
  { file: 'chart/templates/deployment.yaml', item: /^Kube Ready: not checked a Helm chart template: its YAML exists only after rendering$/ },
  { file: 'ci/pipeline.yaml', item: /^Kube Ready: not checked YAML without Kubernetes objects \(no apiVersion and kind\)$/ },
];

suite('status and output', () => {
  teardown(
    afterTest(async () => {
      await vscode.commands.executeCommand('workbench.action.closePanel');
      await closeAllEditors();
    }),
  );

  for (const { file, item } of STATUS) {
    test(`the language status item says how ${file} is checked`, async function () {
      const page = pageDriver();
      if (!page) this.skip(); // reading the status bar needs the offline host's page
      await openFixture(...file.split('/'));
      const items = await pollUntil(() => page.languageStatus(), (shown) => shown.some((text) => item.test(text)), `the status item of ${file}`);
      assert.equal(items.filter((text) => text.startsWith('Kube Ready')).length, 1, `one Kube Ready item: ${items.join(' | ')}`);
    });
  }

  test('the language status item says when kubeready.enable is off for the file', async function () {
    const page = pageDriver();
    if (!page) this.skip(); // reading the status bar needs the offline host's page
    await vscode.workspace.getConfiguration('kubeready').update('enable', false, vscode.ConfigurationTarget.Workspace);
    try {
      await openFixture('Dockerfile');
      await pollUntil(
        () => page.languageStatus(),
        (shown) => shown.includes('Kube Ready: off the setting kubeready.enable is off for this file'),
        'the status item of a file with checks off',
      );
    } finally {
      await vscode.workspace.getConfiguration('kubeready').update('enable', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  test(`the "${CHANNEL}" output channel exists, and "Kube Ready: Show Output" shows it`, async () => {
    const commands = await vscode.commands.getCommands(true);
    const shows = commands.filter((command) => command.startsWith(SHOW_CHANNEL));
    assert.ok(
      shows.some((command) => command.endsWith(CHANNEL)),
      `a command shows the ${CHANNEL} channel: ${shows.join(', ')}`,
    );
    await vscode.commands.executeCommand('kubeready.showOutput');
  });

  test(`the "${CHANNEL}" output says why a YAML file is not checked`, async function () {
    const page = pageDriver();
    if (!page) this.skip(); // reading the Output panel needs the offline host's page
    await openFixture('ci', 'pipeline.yaml');
    await vscode.commands.executeCommand('kubeready.showOutput');
    await pollUntil(
      () => page.output(),
      (output) => output.channel === CHANNEL && output.lines.some((line) => line.includes('pipeline.yaml is not checked: YAML without Kubernetes objects')),
      `the ${CHANNEL} channel with the reason pipeline.yaml is skipped`,
    );
  });
});
