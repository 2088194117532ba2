import { strict as assert } from 'node:assert';
import { BoomTownError, type ErrorReason } from '../../../../src/core/shared/errors';

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

/** A cancellation the test triggers by hand: the AbortSignal core takes. */
export function manualCancellation(): { cancellation: AbortSignal; cancel(): void } {
  const controller = new AbortController();
  return { cancellation: controller.signal, cancel: () => controller.abort() };
}
