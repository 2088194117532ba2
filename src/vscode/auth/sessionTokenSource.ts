import * as vscode from 'vscode';
import { AUTH_PROVIDER_ID, DEFAULT_SCOPES } from '../../constants';
import { BoomTownError, isBoomTownError } from '../../core/shared/errors';
import type { TokenSource } from '../../core/api/tokenSource';
import type { SessionService } from '../../core/auth/sessions/sessionService';

/**
 * Access tokens for our own API calls, obtained the way any consumer gets them: through
 * vscode.authentication.getSession, so the same refresh-on-read rules apply. A 401 asks the
 * session service to refresh that very token once (another caller may already have).
 */
export class SessionTokenSource implements TokenSource {
  constructor(private readonly service: SessionService) {}

  async getAccessToken(): Promise<{ sessionId: string; accessToken: string }> {
    const session = await vscode.authentication.getSession(AUTH_PROVIDER_ID, DEFAULT_SCOPES, { silent: true });
    if (!session) throw new BoomTownError('notSignedIn', 'Not signed in to BoomTown.');
    return { sessionId: session.id, accessToken: session.accessToken };
  }

  rejectedAfterRefresh(sessionId: string, rejectedAccessToken: string): Promise<void> {
    return this.service.rejectSession(sessionId, rejectedAccessToken);
  }

  async refreshAfterUnauthorized(sessionId: string, rejectedAccessToken: string): Promise<{ sessionId: string; accessToken: string }> {
    try {
      const session = await this.service.forceRefresh(sessionId, rejectedAccessToken);
      return { sessionId: session.id, accessToken: session.accessToken };
    } catch (error) {
      if (isBoomTownError(error, 'invalidGrant') || isBoomTownError(error, 'notSignedIn')) {
        throw new BoomTownError('notSignedIn', 'The BoomTown session has ended.', { cause: error });
      }
      throw error;
    }
  }
}
