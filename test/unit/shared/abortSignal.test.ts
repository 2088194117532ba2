import assert from 'node:assert/strict';
import { abortSignalOf } from '../../../src/vscode/shared/abortSignal';

/** A CancellationToken shaped like vscode's, cancelled by hand, that counts its listeners. */
function token() {
  const listeners = new Set<(event: unknown) => void>();
  let requested = false;
  return {
    get isCancellationRequested() {
      return requested;
    },
    onCancellationRequested(listener: (event: unknown) => void) {
      listeners.add(listener);
      return { dispose: () => listeners.delete(listener) };
    },
    cancel() {
      requested = true;
      for (const listener of [...listeners]) listener(undefined);
    },
    listeners: () => listeners.size,
  };
}

describe('abortSignalOf (CancellationToken to the AbortSignal core takes)', () => {
  it('is aborted already when the token was cancelled, and listens to nothing', () => {
    const cancelled = token();
    cancelled.cancel();
    assert.equal(abortSignalOf(cancelled).aborted, true);
    assert.equal(cancelled.listeners(), 0);
  });

  it('aborts when the token is cancelled later, and stops listening then', () => {
    const later = token();
    const signal = abortSignalOf(later);
    assert.equal(signal.aborted, false);
    later.cancel();
    assert.equal(signal.aborted, true);
    assert.equal(later.listeners(), 0);
  });
});
