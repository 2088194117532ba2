import { strict as assert } from 'node:assert';
import { BoomTownError, type ErrorReason } from '../../../../src/core/shared/errors';
import type { Cancellation } from '../../../../src/core/shared/ports';

/** The reason a promise rejects with; fails the test when it resolves or rejects with something untyped. */
export async function reasonOf(promise: Promise<unknown>): Promise<ErrorReason> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof BoomTownError, String(error));
    return error.reason;
  }
  assert.fail('expected a rejection');
}

/** A cancellation the test triggers by hand, shaped like vscode.CancellationToken. */
export function manualCancellation(): { cancellation: Cancellation; cancel(): void } {
  const listeners = new Set<() => void>();
  const cancellation = {
    isCancellationRequested: false,
    onCancellationRequested(listener: () => void) {
      listeners.add(listener);
      return { dispose: () => listeners.delete(listener) };
    },
  };
  return {
    cancellation,
    cancel: () => {
      cancellation.isCancellationRequested = true;
      for (const listener of [...listeners]) listener();
    },
  };
}
