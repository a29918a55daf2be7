/**
 * Fix-all on save: with `source.fixAll.kubeready` in `editor.codeActionsOnSave`, saving a
 * Dockerfile applies the safe fixes (the apt flags and clean-up) and leaves what only an unsafe fix
 * would change (the base image, the user) for the user to decide.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { rulesOf } from './expected';
import { closeAllEditors, fixtureUri, openFixture, rangeText, ruleOf, waitForRules, waitForText } from './helpers';
import { afterTest } from './ui';

const FILE = 'docker/on-save.Dockerfile';

/** The fixture once saved: the line the test types (EXPOSE), and the two safe apt fixes. */
const SAVED = [
  '# Saved with editor.codeActionsOnSave: only the safe fixes are applied.',
  'FROM python:3.12',
  // curl needs the CA certificates that are only recommended: the safe fix names them.
  'RUN apt-get update && apt-get install --no-install-recommends -y curl ca-certificates && rm -rf /var/lib/apt/lists/*',
  'WORKDIR /app',
  'COPY app.py .',
  'EXPOSE 8080',
  'CMD ["python", "app.py"]',
  '',
].join('\n');

async function setCodeActionsOnSave(value: Record<string, string> | undefined): Promise<void> {
  await vscode.workspace.getConfiguration('editor').update('codeActionsOnSave', value, vscode.ConfigurationTarget.Workspace);
}

suite('fix all on save', () => {
  const uri = (): vscode.Uri => fixtureUri(...FILE.split('/'));
  let original: Uint8Array | undefined;
  teardown(
    afterTest(async () => {
      await setCodeActionsOnSave(undefined);
      await closeAllEditors();
      // The save wrote the file: put the fixture back for the tests that follow.
      if (original) await vscode.workspace.fs.writeFile(uri(), original);
      original = undefined;
    }),
  );

  test('saving applies the safe fixes only: the apt fixes are written, the base image and the user stay', async () => {
    original = await vscode.workspace.fs.readFile(uri());
    await setCodeActionsOnSave({ 'source.fixAll.kubeready': 'explicit' });
    const document = await openFixture(...FILE.split('/'));
    await waitForRules(document.uri, rulesOf(FILE));

    // The user adds a line, then saves (an explicit save, as with Ctrl+S).
    const editor = await vscode.window.showTextDocument(document);
    assert.ok(await editor.edit((edit) => edit.insert(new vscode.Position(5, 0), 'EXPOSE 8080\n')));
    await vscode.commands.executeCommand('workbench.action.files.save');
    await waitForText(document, (text) => text === SAVED, 'the safe fixes applied on save');
    assert.equal(document.isDirty, false, 'the fixed text is saved');
    assert.equal(new TextDecoder().decode(await vscode.workspace.fs.readFile(document.uri)), SAVED, 'the file on disk holds the fixed text');

    // What is left needs the user: another base image, a USER line, a version to pin.
    const left = await waitForRules(document.uri, ['large-base-image', 'root-user', 'unpinned-package', 'unpinned-package']);
    assert.deepEqual(left.map((d) => `${ruleOf(d)} ${rangeText(d.range)}`).sort(), [
      'large-base-image 1:5-1:16', //  FROM [python:3.12]
      'root-user 1:5-1:16',
      'unpinned-package 2:65-2:69', // … install --no-install-recommends -y [curl] ca-certificates && …
      'unpinned-package 2:70-2:85', // … -y curl [ca-certificates] && …
    ]);
  });
});
