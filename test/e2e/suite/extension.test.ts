/** The extension under test: the folder the host was asked to test, activated by a Dockerfile. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { rulesOf } from './expected';
import { closeAllEditors, EXTENSION_ID, openFixture, waitForRules } from './helpers';
import { afterTest } from './ui';

suite('extension', () => {
  teardown(afterTest(closeAllEditors));

  test('the extension under test is the folder the host named (source tree or unpacked .vsix)', function () {
    const expected = process.env.KUBEREADY_E2E_EXTENSION;
    if (!expected) this.skip(); // the host did not say
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is loaded`);
    assert.equal(extension.extensionPath, expected);
  });

  test('opening a Dockerfile activates it, and its diagnostics follow', async () => {
    const document = await openFixture('Dockerfile');
    await waitForRules(document.uri, rulesOf('Dockerfile'));
    assert.equal(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, true);
  });
});
