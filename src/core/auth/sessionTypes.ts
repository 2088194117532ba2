/** The shapes the vscode layer sees. Tokens other than the access token never leave the core. */
export interface Account {
  id: string;
  label: string;
}

export interface AuthSession {
  id: string;
  accessToken: string;
  account: Account;
  scopes: readonly string[];
}

export interface SessionsChange {
  added: AuthSession[];
  removed: AuthSession[];
  changed: AuthSession[];
}

/**
 * The servers a session was issued for, as normalized base URLs (a path base included): its access
 * token goes to `apiUrl` only, its refresh token to `authUrl`'s token (and revocation) endpoint only.
 */
export interface SessionServer {
  authUrl: string;
  apiUrl: string;
}

/** A session as kept in the SecretStore: the public shape plus what refreshing needs. */
export interface StoredSession extends AuthSession {
  /**
   * Where it was issued. Absent only in sessions stored before sessions remembered their server:
   * SessionService binds those, on first read, to the servers the user's settings name then.
   */
  server?: SessionServer;
  refreshToken?: string;
  /** Epoch ms when the access token expires; absent when the server did not say (valid until a 401). */
  expiresAt?: number;
  /** Epoch ms when the access token was issued (received); used to size the refresh margin. */
  issuedAt: number;
}

export function toAuthSession(stored: StoredSession): AuthSession {
  return { id: stored.id, accessToken: stored.accessToken, account: { ...stored.account }, scopes: [...stored.scopes] };
}
