import assert from 'node:assert/strict';
import { typedSignInCancellation } from '../../../../src/core/auth/flows/workbenchCancellation';
import { BoomTownError, isCancellation } from '../../../../src/core/shared/errors';
import { userMessage } from '../../../../src/core/shared/failures';

/** A CancellationError as it reaches the extension host after VS Code's RPC: a plain Error with its name and message. */
function acrossRpc(name: string, message: string): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

describe('typedSignInCancellation (VS Code\'s cancellations at the error boundary)', () => {
  const CANCELLED: Array<[string, Error]> = [
    ['Cancel on "The extension … wants to sign in using BoomTown"', new Error('User did not consent to login.')],
    ['a dismissed account picker (CancellationError across the RPC)', acrossRpc('Canceled', 'Canceled')],
  ];
  for (const [name, error] of CANCELLED) {
    it(`${name}: the typed cancelled reason, which nobody is shown`, () => {
      const typed = typedSignInCancellation(error);
      assert.ok(isCancellation(typed), String(typed));
      assert.equal((typed as BoomTownError).cause, error, 'the original stays as the cause, for the log');
      assert.equal(userMessage(typed), undefined, 'no notification');
    });
  }

  const NOT_CANCELLED: Array<[string, unknown]> = [
    ['an unexpected Error', new Error('socket hang up')],
    ['an Error merely named Canceled', acrossRpc('Canceled', 'The token endpoint failed')],
    ['an Error merely mentioning consent', new Error('The server said: User did not consent to login. Try again')],
    ['a typed failure', new BoomTownError('accessDenied', 'denied')],
    ['not an Error', 'User did not consent to login.'],
  ];
  for (const [name, error] of NOT_CANCELLED) {
    it(`${name}: unchanged, so it is still shown`, () => {
      assert.equal(typedSignInCancellation(error), error);
    });
  }

  it('our own cancellation stays as it is', () => {
    const ours = new BoomTownError('cancelled', 'The sign-in was cancelled.');
    assert.equal(typedSignInCancellation(ours), ours);
  });
});
