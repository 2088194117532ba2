import { randomUUID } from 'node:crypto';
import type { HttpDispatcher } from '../../shared/transport/httpRequest';
import type { Logger } from '../../shared/logger';
import type { Cancellation } from '../../shared/ports';
import type { Redactor } from '../../shared/redact';
import type { PendingSignIns } from '../pendingSignIns';
import { normalizeScopes, sameScopeSet } from '../scopes';
import { performSignIn, type SignInEndpoints } from '../signIn';
import type { SignInBrowser } from '../signInBrowser';
import type { Account, SessionServer, StoredSession } from '../sessionTypes';
import { belongsTo, boundServer, serverOf } from './sessionServers';
import type { ClientCredentials, TokenEndpoint } from '../tokenEndpoint';
import type { TokenSet } from '../tokens';
import type { FailureMemory } from './failureMemory';
import type { SessionVault } from './sessionVault';

interface SignInOutDeps {
  vault: SessionVault;
  tokenEndpoint: TokenEndpoint;
  dispatcher: HttpDispatcher;
  config: () => SignInEndpoints;
  credentials: (authUrl: string) => Promise<ClientCredentials>;
  pending: PendingSignIns;
  failures: FailureMemory;
  logger: Logger;
  redactor?: Redactor;
  requestTimeoutMs: number;
  /** The servers the settings name now (a stored session without a server belongs to them). */
  configured: () => SessionServer;
  /** A session signed in again may be announced as ended again. */
  forgetEnded: (sessionId: string) => void;
}

/** Signing in (browser, code exchange, saving) and signing out (removing, then revoking). */
export class SignInOut {
  constructor(private readonly deps: SignInOutDeps) {}

  async signIn(scopes: readonly string[], browser: SignInBrowser, options: { account?: Account; cancellation?: Cancellation }): Promise<StoredSession> {
    const { deps } = this;
    const requested = normalizeScopes(scopes);
    // One reading of the settings for the whole sign-in: the code, the verifier and the new token go
    // to these servers, and the session remembers them.
    const endpoints = deps.config();
    const server = serverOf(endpoints);
    // Before the browser opens: a missing client id or secret must not cost the user a browser trip.
    const credentials = await deps.credentials(server.authUrl);
    const { account, tokens } = await performSignIn(
      { pending: deps.pending, tokenEndpoint: deps.tokenEndpoint, dispatcher: deps.dispatcher, logger: deps.logger, redactor: deps.redactor, requestTimeoutMs: deps.requestTimeoutMs },
      { scopes: requested, browser, endpoints: { ...endpoints, ...server }, credentials, account: options.account, cancellation: options.cancellation },
    );
    const session = await deps.vault.transact('sign-in', async (tx) => {
      const saved = sessionFor(tx.sessions, account, tokens, server);
      const others = tx.sessions.filter((s) => s.id !== saved.id);
      await tx.write(tx.sessions.some((s) => s.id === saved.id) ? tx.sessions.map((s) => (s.id === saved.id ? saved : s)) : [...others, saved]);
      return saved;
    });
    deps.failures.clear(session.id);
    deps.forgetEnded(session.id);
    return session;
  }

  /**
   * The session is deleted first (every window hears of it), then its refresh token is revoked, best
   * effort, so no other window can be refreshing with a token we just revoked.
   */
  async signOut(sessionId: string): Promise<void> {
    const { deps } = this;
    const removed = await deps.vault.transact('sign-out', async (tx) => {
      const found = tx.sessions.find((s) => s.id === sessionId);
      if (found) await tx.write(tx.sessions.filter((s) => s.id !== sessionId));
      return found;
    });
    deps.failures.clear(sessionId);
    if (!removed) {
      deps.logger.info('Sign-out: that session no longer exists.');
      return;
    }
    deps.logger.info(`Signed out ${removed.account.label}.`);
    await this.revokeQuietly(removed);
  }

  private async revokeQuietly(session: StoredSession): Promise<void> {
    try {
      // Revoked where the session was issued, whatever the settings name now.
      const { authUrl } = boundServer(session, this.deps.configured());
      const credentials = await this.deps.credentials(authUrl);
      await this.deps.tokenEndpoint.revoke(
        session.refreshToken
          ? { authUrl, token: session.refreshToken, hint: 'refresh_token', credentials }
          : { authUrl, token: session.accessToken, hint: 'access_token', credentials },
      );
    } catch (error) {
      this.deps.logger.warn('Revoking the token at sign-out failed; the session is removed anyway.', error);
    }
  }
}

/**
 * A second sign-in of the same user with the same scopes at the same servers replaces the first
 * (keeping its id); at other servers it makes a session of its own.
 */
function sessionFor(sessions: readonly StoredSession[], account: Account, tokens: TokenSet, server: SessionServer): StoredSession {
  const existing = sessions.find((s) => s.account.id === account.id && sameScopeSet(s.scopes, tokens.scopes) && belongsTo(s, server));
  return {
    server,
    id: existing?.id ?? randomUUID(),
    account,
    scopes: tokens.scopes,
    accessToken: tokens.accessToken,
    refreshToken: tokens.refreshToken,
    expiresAt: tokens.expiresAt,
    issuedAt: tokens.issuedAt,
  };
}
