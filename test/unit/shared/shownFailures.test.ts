import assert from 'node:assert/strict';
import { BoomTownError } from '../../../src/core/shared/errors';
import { AlreadyShown, ShownFailures } from '../../../src/core/shared/shownFailures';

/** A sign-in started from a command fails once and is shown once: by the provider, not again by the command. */
describe('ShownFailures', () => {
  it('a failure shown while the task ran comes back as AlreadyShown, keeping the original', async () => {
    const shown = new ShownFailures();
    // What VS Code hands back is a copy of the provider's error, rebuilt after an RPC.
    const copy = new Error('The sign-in server failed (HTTP 500).');
    const error = await shown
      .around(async () => {
        shown.markShown();
        throw copy;
      })
      .catch((e: unknown) => e);
    assert.ok(error instanceof AlreadyShown);
    assert.equal(error.original, copy);
    assert.equal(error.message, copy.message);
  });

  it('a failure nobody showed passes through unchanged, for the boundary to show', async () => {
    const shown = new ShownFailures();
    const failure = new BoomTownError('network', 'unreachable');
    await assert.rejects(
      shown.around(async () => {
        throw failure;
      }),
      (e: unknown) => e === failure,
    );
  });

  it('a failure shown before the task started does not silence a later one', async () => {
    const shown = new ShownFailures();
    shown.markShown();
    const failure = new Error('later');
    await assert.rejects(
      shown.around(async () => {
        throw failure;
      }),
      (e: unknown) => e === failure,
    );
    assert.equal(await shown.around(async () => 'fine'), 'fine');
  });
});
