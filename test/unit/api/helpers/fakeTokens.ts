import { BoomTownError } from '../../../../src/core/shared/errors';
import type { TokenSource } from '../../../../src/core/api/tokenSource';

/**
 * The auth port as the session layer would implement it: hands out the current token, and on
 * refresh issues the next one (or reports the session over). Records what it was asked.
 */
export class FakeTokens implements TokenSource {
  current = 'token-1';
  refreshCalls: Array<{ sessionId: string; rejected: string }> = [];
  signedIn = true;
  refreshEndsSession = false;
  rejectedCalls: Array<{ sessionId: string; rejected: string }> = [];

  /** `apiUrl`: the API the session was issued for (its token goes nowhere else). */
  constructor(public apiUrl: string) {}

  async getAccessToken() {
    if (!this.signedIn) throw new BoomTownError('notSignedIn', 'Not signed in.');
    return { sessionId: 'session-1', accessToken: this.current, apiUrl: this.apiUrl };
  }

  async refreshAfterUnauthorized(sessionId: string, rejectedAccessToken: string) {
    this.refreshCalls.push({ sessionId, rejected: rejectedAccessToken });
    if (this.refreshEndsSession) throw new BoomTownError('notSignedIn', 'The session has ended.');
    this.current = `token-${this.refreshCalls.length + 1}`;
    return { sessionId, accessToken: this.current, apiUrl: this.apiUrl };
  }

  async rejectedAfterRefresh(sessionId: string, rejectedAccessToken: string) {
    this.rejectedCalls.push({ sessionId, rejected: rejectedAccessToken });
    this.signedIn = false;
  }
}
