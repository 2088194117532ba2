import assert from 'node:assert/strict';
import sinon from 'sinon';
import { PendingSignIns } from '../../../src/core/auth/pendingSignIns';
import { BoomTownError } from '../../../src/core/shared/errors';
import { collectingLogger } from './helpers/logs';

function callbackUrl(params: Record<string, string>): string {
  return `vscode://boomtown-dev.boomtown-vscode/callback?${new URLSearchParams(params)}`;
}

function cancellation(): { signal: AbortSignal; cancel(): void } {
  const controller = new AbortController();
  return { signal: controller.signal, cancel: () => controller.abort() };
}

async function rejection(promise: Promise<unknown>): Promise<BoomTownError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof BoomTownError, `not a BoomTownError: ${String(error)}`);
    return error;
  }
  assert.fail('expected a rejection');
}

/** Whether a promise is still pending after the microtask queue drained. */
async function isPending(promise: Promise<unknown>): Promise<boolean> {
  let settled = false;
  promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  await new Promise((resolve) => setImmediate(resolve));
  return !settled;
}

describe('PendingSignIns', () => {
  let clock: sinon.SinonFakeTimers | undefined;
  afterEach(() => clock?.restore());

  it('resolves the sign-in whose state the callback carries, from a full URL or a bare query', async () => {
    const { logger } = collectingLogger();
    const pending = new PendingSignIns(logger);
    const first = pending.wait('state-aaaaaaaa');
    const second = pending.wait('state-bbbbbbbb');
    assert.equal(pending.size, 2);
    assert.equal(pending.handleCallback(callbackUrl({ code: 'code-2', state: 'state-bbbbbbbb' })), true);
    assert.equal(pending.handleCallback('?code=code-1&state=state-aaaaaaaa'), true);
    assert.deepEqual(await first, { code: 'code-1' });
    assert.deepEqual(await second, { code: 'code-2' });
    assert.equal(pending.size, 0);
  });

  it('ignores unknown, forged and missing states without ending the pending sign-in', async () => {
    const { logger, lines } = collectingLogger();
    const pending = new PendingSignIns(logger);
    const waiting = pending.wait('the-real-state');
    assert.equal(pending.handleCallback(callbackUrl({ code: 'c', state: 'forged-state' })), false);
    assert.equal(pending.handleCallback(callbackUrl({ error: 'access_denied', state: 'forged-state' })), false);
    assert.equal(pending.handleCallback(callbackUrl({ code: 'c' })), false);
    assert.equal(pending.handleCallback(''), false);
    assert.ok(await isPending(waiting));
    assert.equal(pending.size, 1);
    assert.ok(lines.some((l) => l.level === 'warn' && l.line.includes('unknown state')));
    pending.handleCallback(callbackUrl({ code: 'good', state: 'the-real-state' }));
    assert.deepEqual(await waiting, { code: 'good' });
  });

  it('ignores a second callback with an already used state', async () => {
    const { logger, lines } = collectingLogger();
    const pending = new PendingSignIns(logger);
    const waiting = pending.wait('used-state-1');
    assert.equal(pending.handleCallback(callbackUrl({ code: 'first', state: 'used-state-1' })), true);
    assert.equal(pending.handleCallback(callbackUrl({ code: 'second', state: 'used-state-1' })), false);
    assert.deepEqual(await waiting, { code: 'first' });
    assert.ok(lines.some((l) => l.line.includes('already used state')));
    await assert.rejects(pending.wait('used-state-1'), (e: BoomTownError) => e.reason === 'badInput');
  });

  it('ends the sign-in with the server description on error callbacks', async () => {
    const pending = new PendingSignIns(collectingLogger().logger);
    const denied = pending.wait('s-denied');
    const failed = pending.wait('s-failed');
    pending.handleCallback(callbackUrl({ error: 'access_denied', error_description: 'The user said no', state: 's-denied' }));
    pending.handleCallback(callbackUrl({ error: 'invalid_scope', error_description: 'Unknown scope\u0007 x', state: 's-failed' }));
    const deniedError = await rejection(denied);
    assert.equal(deniedError.reason, 'accessDenied');
    assert.equal(deniedError.message, 'The sign-in server denied the request: "The user said no".');
    const failedError = await rejection(failed);
    assert.equal(failedError.reason, 'oauthError');
    assert.equal(failedError.serverCode, 'invalid_scope');
    assert.equal(failedError.message, 'Unknown scope x');
  });

  it('ends a sign-in whose callback has the right state but neither code nor error', async () => {
    const pending = new PendingSignIns(collectingLogger().logger);
    const waiting = pending.wait('s-empty');
    assert.equal(pending.handleCallback(callbackUrl({ state: 's-empty', other: '1' })), true);
    assert.equal((await rejection(waiting)).reason, 'malformedResponse');
  });

  it('times out after the configured time with reason timeout', async () => {
    clock = sinon.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const pending = new PendingSignIns(collectingLogger().logger, { timeoutMs: 1000 });
    const waiting = pending.wait('s-timeout');
    const result = rejection(waiting);
    await clock.tickAsync(999);
    assert.ok(await isPending(waiting));
    await clock.tickAsync(1);
    assert.equal((await result).reason, 'timeout');
    assert.equal(pending.size, 0);
  });

  it('times out after 5 minutes by default', async () => {
    clock = sinon.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const pending = new PendingSignIns(collectingLogger().logger);
    const result = rejection(pending.wait('s-default'));
    await clock.tickAsync(5 * 60_000 - 1);
    assert.equal(pending.size, 1);
    await clock.tickAsync(1);
    assert.equal((await result).reason, 'timeout');
  });

  it('is cancelled by its cancellation, before or while waiting', async () => {
    const pending = new PendingSignIns(collectingLogger().logger);
    const token = cancellation();
    const waiting = pending.wait('s-cancel', token.signal);
    token.cancel();
    assert.equal((await rejection(waiting)).reason, 'cancelled');
    assert.equal(pending.size, 0);
    assert.equal((await rejection(pending.wait('s-cancel-2', token.signal))).reason, 'cancelled');
    assert.equal(pending.handleCallback(callbackUrl({ code: 'late', state: 's-cancel' })), false);
  });

  describe('pasted values', () => {
    it('accepts the pasted address the browser ended on, through the same state check', async () => {
      const pending = new PendingSignIns(collectingLogger().logger);
      const one = pending.wait('paste-state-1');
      pending.wait('paste-state-2').catch(() => undefined);
      assert.equal(pending.handlePaste(`  ${callbackUrl({ code: 'c-x', state: 'wrong' })}  `), 'unmatched');
      assert.equal(pending.handlePaste(`http://127.0.0.1/callback?code=c-1&state=paste-state-1#frag`), 'matched');
      assert.deepEqual(await one, { code: 'c-1' });
    });

    it('refuses a bare code even with exactly one sign-in pending: it asks for the whole address, and the sign-in keeps waiting', async () => {
      // An old, already used code pasted by mistake would otherwise reach the server, whose
      // code-reuse rule then revokes the user's working session.
      const pending = new PendingSignIns(collectingLogger().logger);
      const waiting = pending.wait('only-state');
      assert.equal(pending.handlePaste(' abc.DEF-123_x '), 'needsWholeAddress');
      assert.ok(await isPending(waiting));
      assert.equal(pending.handlePaste('code=abc.DEF-123_x'), 'unmatched', 'a query without its state is no better');
      assert.ok(await isPending(waiting));
      assert.equal(pending.handlePaste('code=abc.DEF-123_x&state=only-state'), 'matched');
      assert.deepEqual(await waiting, { code: 'abc.DEF-123_x' });
    });

    it('refuses a bare code when none or several sign-ins are pending, and a value that is not code-like', async () => {
      const pending = new PendingSignIns(collectingLogger().logger);
      assert.equal(pending.handlePaste('abc123456'), 'needsWholeAddress');
      const a = pending.wait('state-a-1');
      const b = pending.wait('state-b-1');
      assert.equal(pending.handlePaste('abc123456'), 'needsWholeAddress');
      assert.ok(await isPending(a));
      assert.ok(await isPending(b));
      pending.handleCallback('code=x&state=state-b-1');
      assert.equal(pending.handlePaste('not a code at all'), 'unmatched');
      assert.ok(await isPending(a));
    });
  });

  it('never logs states or codes', async () => {
    const { logger, text } = collectingLogger();
    const pending = new PendingSignIns(logger);
    const waiting = pending.wait('secret-state-value');
    pending.handleCallback(callbackUrl({ code: 'secret-code-value', state: 'other-state-value' }));
    pending.handlePaste('another-secret-code');
    pending.handleCallback(callbackUrl({ code: 'secret-code-value', state: 'secret-state-value' }));
    await waiting;
    for (const value of ['secret-state-value', 'secret-code-value', 'other-state-value', 'another-secret-code']) assert.ok(!text().includes(value), value);
  });
});
