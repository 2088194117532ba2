import { BoomTownError, isBoomTownError } from '../shared/errors';

/**
 * An access token and the API it belongs to: the base URL of the API its session was issued for.
 * The API client sends it there and nowhere else, whatever the settings say now.
 */
export interface SessionToken {
  sessionId: string;
  accessToken: string;
  apiUrl: string;
}

/** The auth port of the API client: the session layer behind it owns tokens, refresh and sign-in. */
export interface TokenSource {
  /** A valid access token (may trigger sign-in/refresh in the caller's world); throws BoomTownError 'notSignedIn'. */
  getAccessToken(): Promise<SessionToken>;
  /** The server rejected this token (401): refresh once; returns the new token or throws 'notSignedIn' (session ended). */
  refreshAfterUnauthorized(sessionId: string, rejectedAccessToken: string): Promise<SessionToken>;
  /** The server rejected the freshly refreshed token too: the session is over (removed, the user told once). */
  rejectedAfterRefresh(sessionId: string, rejectedAccessToken: string): Promise<void>;
}

/** What the API client needs of the session layer beyond reading a session (SessionService offers both). */
interface SessionRenewal {
  forceRefresh(sessionId: string, rejectedAccessToken: string): Promise<{ id: string; accessToken: string }>;
  rejectSession(sessionId: string, rejectedAccessToken: string): Promise<void>;
  /** The servers a session was issued for; undefined when it no longer exists. */
  serverOfSession(sessionId: string): { apiUrl: string } | undefined;
}

/**
 * The TokenSource over a session layer: `current` reads the session to use (the extension asks
 * vscode.authentication.getSession, so the same refresh-on-read rules apply as for any consumer);
 * a 401 asks for that very token to be refreshed once (another caller may already have).
 */
export function tokensFromSessions(current: () => Promise<{ id: string; accessToken: string } | undefined>, sessions: SessionRenewal): TokenSource {
  return {
    async getAccessToken() {
      const session = await current();
      if (!session) throw new BoomTownError('notSignedIn', 'Not signed in to BoomTown.');
      return tokenOf(session, sessions);
    },
    async refreshAfterUnauthorized(sessionId, rejectedAccessToken) {
      try {
        const session = await sessions.forceRefresh(sessionId, rejectedAccessToken);
        return tokenOf(session, sessions);
      } catch (error) {
        if (isBoomTownError(error, 'invalidGrant') || isBoomTownError(error, 'notSignedIn')) {
          throw new BoomTownError('notSignedIn', 'The BoomTown session has ended.', { cause: error });
        }
        throw error;
      }
    },
    rejectedAfterRefresh: (sessionId, rejectedAccessToken) => sessions.rejectSession(sessionId, rejectedAccessToken),
  };
}

function tokenOf(session: { id: string; accessToken: string }, sessions: SessionRenewal): SessionToken {
  const server = sessions.serverOfSession(session.id);
  if (!server) throw new BoomTownError('notSignedIn', 'The BoomTown session has ended.');
  return { sessionId: session.id, accessToken: session.accessToken, apiUrl: server.apiUrl };
}
