/** What the language status item says for each `kubeready/status`, and which payloads it accepts. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { describeStatus, isFileStatus, STATUS_METHOD } from '../../client/src/status-text';
import { STATUS_NOTIFICATION } from '../../server/src/lsp/status';
import type { FileStatus } from '../../server/src/lsp/status';

const uri = 'file:///w/Dockerfile';

describe('status text', () => {
  test('the client listens to the method the server sends', () => {
    assert.equal(STATUS_METHOD, STATUS_NOTIFICATION);
  });

  test('each state reads as a short text, with the reason as the detail', () => {
    const cases: [FileStatus, string, string, string][] = [
      [{ uri, version: 1, state: 'dockerfile' }, 'Kube Ready: Dockerfile', 'checked as you type', 'Information'],
      [{ uri, version: 1, state: 'kubernetes' }, 'Kube Ready: Kubernetes', 'checked as you type', 'Information'],
      [{ uri, version: 1, state: 'skipped', reason: 'a Helm chart template' }, 'Kube Ready: not checked', 'a Helm chart template', 'Information'],
      [{ uri, version: 1, state: 'off', reason: 'the setting kubeready.enable is off' }, 'Kube Ready: off', 'the setting kubeready.enable is off', 'Information'],
      [{ uri, version: 1, state: 'failed', reason: 'see the output' }, 'Kube Ready: failed', 'see the output', 'Error'],
    ];
    for (const [status, text, detail, severity] of cases) {
      assert.deepEqual(describeStatus(status), { text, detail, severity, busy: false }, status.state);
    }
  });

  test('a file the server has not reported on yet shows as busy', () => {
    assert.deepEqual(describeStatus(undefined), { text: 'Kube Ready', detail: 'checking…', severity: 'Information', busy: true });
  });

  test('every status the server can send is accepted; malformed payloads are not', () => {
    for (const state of ['dockerfile', 'kubernetes', 'skipped', 'off', 'failed']) {
      assert.equal(isFileStatus({ uri, version: 3, state }), true, state);
    }
    assert.equal(isFileStatus({ uri, version: 3, state: 'skipped', reason: 'why' }), true);
    const bad = [null, 'x', {}, { uri, version: 1.5, state: 'dockerfile' }, { uri, version: 1, state: 'helm' }, { uri: 1, version: 1, state: 'off' }, { uri, version: 1, state: 'off', reason: 3 }];
    for (const value of bad) assert.equal(isFileStatus(value), false, JSON.stringify(value));
  });
});
