import { BoomTownError } from '../../shared/errors';

/**
 * VS Code's own ways of saying "the person cancelled a sign-in", as they reach the extension host:
 * Cancel on the "The extension … wants to sign in using BoomTown" dialog rejects getSession with a
 * plain `Error('User did not consent to login.')` (mainThreadAuthentication, 1.100 to 1.139), and a
 * dismissed account picker with a `CancellationError`, which crosses the RPC as a plain Error named
 * and worded "Canceled". Neither is typed, so without this they were shown as unexpected failures.
 */
const CONSENT_REFUSED = 'User did not consent to login.';
const CANCELED = 'Canceled';

function isWorkbenchCancellation(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return error.message === CONSENT_REFUSED || (error.name === CANCELED && error.message === CANCELED);
}

/** The error as the error boundary should read it: VS Code's cancellations become the typed `cancelled` reason, anything else is unchanged. */
export function typedSignInCancellation(error: unknown): unknown {
  return isWorkbenchCancellation(error) ? new BoomTownError('cancelled', 'The sign-in was cancelled in VS Code.', { cause: error }) : error;
}
