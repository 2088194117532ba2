import type { TokenSource } from '../../../src/core/api/tokenSource';
import type { SessionService } from '../../../src/core/auth/sessions/sessionService';
import { BoomTownError, isBoomTownError } from '../../../src/core/shared/errors';

/**
 * The API client's token port over the real SessionService, without vscode: what
 * src/vscode/auth/sessionTokenSource.ts does through vscode.authentication.getSession.
 */
export class SessionServiceTokens implements TokenSource {
  constructor(
    private readonly service: SessionService,
    private readonly scopes: readonly string[],
  ) {}

  async getAccessToken(): Promise<{ sessionId: string; accessToken: string }> {
    const [session] = await this.service.getSessions(this.scopes);
    if (!session) throw new BoomTownError('notSignedIn', 'Not signed in to the sandbox.');
    return { sessionId: session.id, accessToken: session.accessToken };
  }

  async refreshAfterUnauthorized(sessionId: string, rejectedAccessToken: string): Promise<{ sessionId: string; accessToken: string }> {
    try {
      const session = await this.service.forceRefresh(sessionId, rejectedAccessToken);
      return { sessionId: session.id, accessToken: session.accessToken };
    } catch (error) {
      if (isBoomTownError(error, 'invalidGrant') || isBoomTownError(error, 'notSignedIn')) {
        throw new BoomTownError('notSignedIn', 'The sandbox session has ended.', { cause: error });
      }
      throw error;
    }
  }

  rejectedAfterRefresh(sessionId: string, rejectedAccessToken: string): Promise<void> {
    return this.service.rejectSession(sessionId, rejectedAccessToken);
  }
}
