/** The client's crash handling: restarts are decided by the wrapped handler; only the first is announced. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { CloseHandlerResult, ErrorHandler, ErrorHandlerResult } from 'vscode-languageclient/node';
import { RESTART_MESSAGE, RestartNotice } from '../../client/src/restart';

// The values of vscode-languageclient's enums (its module needs VS Code to load).
const CONTINUE = 1;
const DO_NOT_RESTART = 1;
const RESTART = 2;

/** A handler that answers `closed()` from a script and records what it was asked. */
class ScriptedHandler implements ErrorHandler {
  closedCalls = 0;
  errorCalls: unknown[][] = [];
  constructor(private readonly answers: CloseHandlerResult[]) {}
  error(error: Error, message: unknown, count: number | undefined): ErrorHandlerResult {
    this.errorCalls.push([error, message, count]);
    return { action: CONTINUE };
  }
  closed(): CloseHandlerResult {
    return this.answers[this.closedCalls++];
  }
}

describe('RestartNotice', () => {
  test('announces the first restart once; later restarts pass through silently', async () => {
    const inner = new ScriptedHandler([{ action: RESTART }, { action: RESTART }, { action: RESTART }]);
    const told: string[] = [];
    const notice = new RestartNotice(() => inner, RESTART, (message) => told.push(message));
    assert.equal(notice.hasNotified, false);
    for (let i = 0; i < 3; i++) assert.deepEqual(await notice.closed(), { action: RESTART });
    assert.deepEqual(told, [RESTART_MESSAGE]);
    assert.equal(notice.hasNotified, true);
    assert.equal(inner.closedCalls, 3);
  });

  test('a server the inner handler gives up on is not announced as restarted; its message is kept', async () => {
    const giveUp = { action: DO_NOT_RESTART, message: 'crashed 5 times' } as CloseHandlerResult;
    const inner = new ScriptedHandler([giveUp]);
    const told: string[] = [];
    const notice = new RestartNotice(() => inner, RESTART, (message) => told.push(message));
    assert.deepEqual(await notice.closed(), giveUp);
    assert.deepEqual(told, []);
  });

  test('the inner handler is created once, on first use, and decides connection errors too', async () => {
    let created = 0;
    const inner = new ScriptedHandler([{ action: RESTART }]);
    const notice = new RestartNotice(() => (created++, inner), RESTART, () => undefined);
    assert.equal(created, 0, 'not before the client exists');
    const error = new Error('write EPIPE');
    assert.deepEqual(await notice.error(error, undefined, 2), { action: CONTINUE });
    await notice.closed();
    assert.equal(created, 1);
    assert.deepEqual(inner.errorCalls, [[error, undefined, 2]]);
  });

  test('the message says what happened and where to look', () => {
    assert.match(RESTART_MESSAGE, /restarted/);
    assert.match(RESTART_MESSAGE, /Kube Ready output/);
  });
});
