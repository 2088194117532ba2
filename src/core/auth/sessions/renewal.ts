import { SingleFlight } from '../../shared/async';
import { backoffDelayMs } from '../../shared/backoff';
import { BoomTownError, isBoomTownError } from '../../shared/errors';
import type { Logger } from '../../shared/logger';
import type { Clock } from '../../shared/ports';
import type { Redactor } from '../../shared/redact';
import type { SessionServer, StoredSession } from '../sessionTypes';
import type { ClientCredentials, TokenEndpoint } from '../tokenEndpoint';
import { shouldRefresh, type TokenSet } from '../tokens';
import { boundServer, type SessionRegistry, sameServer } from './registry';
import type { SessionStore, StoreTx } from './store';

interface RenewalDeps {
  store: SessionStore;
  registry: SessionRegistry;
  tokenEndpoint: TokenEndpoint;
  credentials: (authUrl: string) => Promise<ClientCredentials>;
  failures: FailureMemory;
  logger: Logger;
  redactor?: Redactor;
  clock: Clock;
  refreshWindowMs: number;
  /** The servers the settings name now: only their sessions are renewed. */
  configured: () => SessionServer;
  /** Ends a session inside the caller's transaction (removes it, tells once). */
  endSession: (tx: StoreTx, session: StoredSession, reason: BoomTownError) => Promise<never>;
}

/**
 * Renewing access tokens: one renewal per session at a time in a window (single flight), one at a
 * time across windows (the store's transaction). Inside it the stored session is looked at first,
 * and a token another window already renewed is adopted instead of spending the refresh token again.
 * The refresh token is spent only after confirming the lock is still held. New tokens are the
 * session's the moment the server returns them (the store keeps them even if saving fails).
 * invalid_grant ends the session; any other failure keeps it and backs off (FailureMemory).
 */
export class Renewal {
  private readonly inFlight = new SingleFlight<string, StoredSession>();

  constructor(private readonly deps: RenewalDeps) {}

  /** The session as a read should hand it out: renewed first when about to expire; undefined when it ended. */
  async forRead(session: StoredSession): Promise<StoredSession | undefined> {
    const { clock, refreshWindowMs, failures, registry } = this.deps;
    if (!shouldRefresh(session, clock.now(), refreshWindowMs)) return session;
    if (!session.refreshToken) return session; // cannot renew; valid until the API says 401
    if (failures.blocked(session.id)) return session;
    try {
      return await this.renew(session.id, session.accessToken);
    } catch (error) {
      if (endsSession(error)) return undefined;
      return registry.find(session.id);
    }
  }

  /** Renews unless the stored access token is no longer `staleAccessToken`; remembers transient failures. */
  renew(sessionId: string, staleAccessToken: string): Promise<StoredSession> {
    return this.inFlight.run(sessionId, async () => {
      const { store, failures, logger } = this.deps;
      try {
        const session = await store.transact('refresh', (tx) => this.renewInTransaction(tx, sessionId, staleAccessToken));
        failures.clear(sessionId);
        return session;
      } catch (error) {
        if (!endsSession(error)) {
          const waitMs = failures.record(sessionId, error);
          logger.warn(`Renewing a BoomTown session failed; keeping it and retrying in ${Math.round(waitMs / 1000)} s.`, error);
        }
        throw error;
      }
    });
  }

  private async renewInTransaction(tx: StoreTx, sessionId: string, staleAccessToken: string): Promise<StoredSession> {
    const { logger, tokenEndpoint, redactor } = this.deps;
    const current = tx.sessions.find((s) => s.id === sessionId);
    if (!current) throw new BoomTownError('notSignedIn', 'The BoomTown session was signed out.');
    if (current.accessToken !== staleAccessToken) {
      logger.debug(`Adopted the token another window renewed for ${current.account.label}.`);
      return current;
    }
    if (!current.refreshToken) {
      return this.deps.endSession(tx, current, new BoomTownError('invalidGrant', 'The BoomTown session expired and cannot be renewed; sign in again.'));
    }
    // The refresh token (and the client secret) go to the server that issued the session, and only
    // while the settings still name it: a session of another server is not renewed here.
    const configured = this.deps.configured();
    const server = boundServer(current, configured);
    if (!sameServer(server, configured)) throw new BoomTownError('notSignedIn', 'The BoomTown settings name another server than this session\'s; it is not renewed here.');
    const credentials = await this.deps.credentials(server.authUrl);
    await tx.confirmHeld();
    let tokens: TokenSet;
    try {
      tokens = await tokenEndpoint.refresh({ authUrl: server.authUrl, refreshToken: current.refreshToken, credentials, previousScopes: current.scopes });
    } catch (error) {
      if (isBoomTownError(error, 'invalidGrant')) return this.concludeInvalidGrant(tx, current, error);
      throw error;
    }
    redactor?.add(tokens.accessToken, tokens.refreshToken);
    const renewed: StoredSession = { ...current, ...tokens, scopes: tokens.scopes, server };
    await tx.write(tx.sessions.map((s) => (s.id === sessionId ? renewed : s)));
    logger.info(`Renewed the session of ${current.account.label}.`);
    return renewed;
  }

  /**
   * Windows sharing the lock cannot have spent this token meanwhile, but a writer outside it (an
   * older build) may have: look once more, and adopt a token stored meanwhile rather than end a
   * session the server may still honour that way.
   */
  private async concludeInvalidGrant(tx: StoreTx, used: StoredSession, error: BoomTownError): Promise<StoredSession> {
    const latest = (await tx.reread()).find((s) => s.id === used.id);
    if (latest && (latest.refreshToken !== used.refreshToken || latest.accessToken !== used.accessToken)) {
      this.deps.logger.info(`The refresh token was replaced outside the lock; adopting it for ${latest.account.label}.`);
      return latest;
    }
    return this.deps.endSession(tx, used, error);
  }
}

/** Errors after which the session no longer exists (ended by us, or signed out elsewhere). */
function endsSession(error: unknown): boolean {
  return isBoomTownError(error, 'invalidGrant') || isBoomTownError(error, 'notSignedIn');
}

export interface BackoffPolicy {
  /** Wait after the first failure; doubled after each further one. */
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 5_000, maxMs: 5 * 60_000 };

interface Failure {
  count: number;
  retryAt: number;
  error: BoomTownError;
}

/**
 * Remembers failed refreshes per session so reads do not hammer an unwell token endpoint: until
 * `retryAt`, callers get the remembered error (or the stored session) instead of a new request.
 */
export class FailureMemory {
  private readonly failures = new Map<string, Failure>();

  constructor(
    private readonly clock: Clock,
    private readonly policy: BackoffPolicy = DEFAULT_BACKOFF,
  ) {}

  /** Returns how long to back off. */
  record(sessionId: string, error: unknown): number {
    const typed = error instanceof BoomTownError ? error : new BoomTownError('network', 'Refreshing the session failed.', { cause: error });
    const count = (this.failures.get(sessionId)?.count ?? 0) + 1;
    const waitMs = backoffDelayMs(count, this.policy, typed.retryAfterSeconds);
    this.failures.set(sessionId, { count, retryAt: this.clock.now() + waitMs, error: typed });
    return waitMs;
  }

  /** The remembered error while backing off, else undefined. */
  blocked(sessionId: string): BoomTownError | undefined {
    const failure = this.failures.get(sessionId);
    return failure && this.clock.now() < failure.retryAt ? failure.error : undefined;
  }

  clear(sessionId: string): void {
    this.failures.delete(sessionId);
  }
}
