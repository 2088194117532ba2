/** The auth port of the API client: the session layer behind it owns tokens, refresh and sign-in. */
export interface TokenSource {
  /** A valid access token (may trigger sign-in/refresh in the caller's world); throws BoomTownError 'notSignedIn'. */
  getAccessToken(): Promise<{ sessionId: string; accessToken: string }>;
  /** The server rejected this token (401): refresh once; returns the new token or throws 'notSignedIn' (session ended). */
  refreshAfterUnauthorized(sessionId: string, rejectedAccessToken: string): Promise<{ sessionId: string; accessToken: string }>;
  /** The server rejected the freshly refreshed token too: the session is over (removed, the user told once). */
  rejectedAfterRefresh(sessionId: string, rejectedAccessToken: string): Promise<void>;
}
