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

/** A session as kept in the SecretStore: the public shape plus what refreshing needs. */
export interface StoredSession extends AuthSession {
  refreshToken?: string;
  /** Epoch ms when the access token expires; absent when the server did not say (valid until a 401). */
  expiresAt?: number;
  /** Epoch ms when the access token was issued (received); used to size the refresh margin. */
  issuedAt: number;
}

export function toAuthSession(stored: StoredSession): AuthSession {
  return { id: stored.id, accessToken: stored.accessToken, account: { ...stored.account }, scopes: [...stored.scopes] };
}
