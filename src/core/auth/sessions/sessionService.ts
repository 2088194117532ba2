import { randomUUID } from 'node:crypto';
import type { Dispatcher } from 'undici';
import { BoomTownError, isBoomTownError } from '../../shared/errors';
import { type Disposable, Emitter, type Event } from '../../shared/events';
import { type Logger, RedactingLogger } from '../../shared/logger';
import { type Cancellation, type Clock, type SecretStore, systemClock } from '../../shared/ports';
import type { Redactor } from '../../shared/redact';
import { type BackoffPolicy, DEFAULT_BACKOFF, FailureMemory } from './failureMemory';
import type { PendingSignIns } from '../pendingSignIns';
import { DEFAULT_LEASE_TIMINGS, type LeaseTimings, RefreshLease } from './refreshLease';
import { includesScopes, normalizeScopes, sameScopeSet } from '../scopes';
import { SessionCache } from './sessionCache';
import { performSignIn, type RequestCounts, type SignInEndpoints } from '../signIn';
import type { SignInBrowser } from '../signInBrowser';
import { SingleFlight } from './singleFlight';
import { type ClientCredentials, TokenEndpoint } from '../tokenEndpoint';
import { shouldRefresh, type TokenSet } from '../tokens';
import { type Account, type AuthSession, type SessionsChange, type StoredSession, toAuthSession } from '../sessionTypes';

export interface SessionServiceDeps {
  store: SecretStore;
  dispatcher: Dispatcher;
  config: () => SignInEndpoints;
  credentials: () => Promise<ClientCredentials>;
  pending: PendingSignIns;
  logger: Logger;
  redactor?: Redactor;
  clock?: Clock;
  /** Lease owner id (random by default). */
  windowId?: string;
  /** Renew tokens expiring within this long (capped at half their lifetime); default 5 min. */
  refreshWindowMs?: number;
  requestTimeoutMs?: number;
  /** Cross-window lease timings (tests shorten them). */
  leaseTimings?: Partial<LeaseTimings>;
  /** How long to leave the token endpoint alone after a failed refresh. */
  backoff?: Partial<BackoffPolicy>;
}

const DEFAULT_REFRESH_WINDOW_MS = 5 * 60_000;
const DEFAULT_REQUEST_TIMEOUT_MS = 15_000;
const MAX_REVOKE_TIMEOUT_MS = 5_000;

/**
 * Sessions of the `boomtown` provider: sign-in, refresh on read, sign-out, and the same view in
 * every window. The SecretStore is the truth; this window's list is a cache re-read on every change.
 *
 * Refreshing: one at a time per session in a window (single flight) and one at a time across
 * windows (a lease in the SecretStore). Under the lease the session is re-read first, and a token
 * another window already renewed is adopted instead of spending the (possibly rotated) refresh token
 * again. invalid_grant ends the session (once), after one more re-read. Any other failure keeps the
 * session and backs off; meanwhile reads return the stored session even when its access token has
 * expired: the user stays signed in, API calls get a 401, and forceRefresh then reports the
 * remembered transient error rather than a sign-out the server never asked for.
 */
export class SessionService implements Disposable {
  private readonly changeEmitter = new Emitter<SessionsChange>();
  private readonly endEmitter = new Emitter<{ session: AuthSession; reason: BoomTownError }>();
  readonly onDidChangeSessions: Event<SessionsChange> = this.changeEmitter.event;
  readonly onDidEndSession: Event<{ session: AuthSession; reason: BoomTownError }> = this.endEmitter.event;

  private readonly logger: Logger;
  private readonly redactor?: Redactor;
  private readonly clock: Clock;
  private readonly refreshWindowMs: number;
  private readonly requestTimeoutMs: number;
  private readonly cache: SessionCache;
  private readonly lease: RefreshLease;
  private readonly tokenEndpoint: TokenEndpoint;
  private readonly failures: FailureMemory;
  private readonly refreshes = new SingleFlight<string, StoredSession>();
  private readonly endedSessionIds = new Set<string>();
  private readonly counts: RequestCounts = { tokenRequests: 0, refreshRequests: 0, meRequests: 0, revokeRequests: 0 };
  private disposed = false;

  constructor(private readonly deps: SessionServiceDeps) {
    this.logger = deps.logger;
    this.redactor = deps.redactor ?? (deps.logger instanceof RedactingLogger ? deps.logger.redactor : undefined);
    this.clock = deps.clock ?? systemClock;
    this.refreshWindowMs = deps.refreshWindowMs ?? DEFAULT_REFRESH_WINDOW_MS;
    this.requestTimeoutMs = deps.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    this.cache = new SessionCache(deps.store, deps.logger, this.redactor, (change) => this.announce(change));
    this.lease = new RefreshLease(deps.store, deps.windowId ?? randomUUID(), this.clock, deps.logger, {
      ...DEFAULT_LEASE_TIMINGS,
      // The lease must outlive the slowest refresh it protects.
      ttlMs: Math.max(DEFAULT_LEASE_TIMINGS.ttlMs, 2 * this.requestTimeoutMs + 5_000),
      ...deps.leaseTimings,
    });
    this.tokenEndpoint = new TokenEndpoint({
      dispatcher: deps.dispatcher,
      authUrl: () => deps.config().authUrl,
      timeoutMs: this.requestTimeoutMs,
      revokeTimeoutMs: Math.min(MAX_REVOKE_TIMEOUT_MS, this.requestTimeoutMs),
      logger: deps.logger,
      now: () => this.clock.now(),
    });
    this.failures = new FailureMemory(this.clock, { ...DEFAULT_BACKOFF, ...deps.backoff });
  }

  /** Sessions whose scopes include `scopes` (order ignored; undefined = all), renewed first when about to expire. */
  async getSessions(scopes?: readonly string[]): Promise<AuthSession[]> {
    await this.cache.ensureLoaded();
    const wanted = scopes ? normalizeScopes(scopes) : undefined;
    const matching = this.cache.sessions.filter((s) => !wanted || includesScopes(s.scopes, wanted));
    const fresh = await Promise.all(matching.map((s) => this.renewedForRead(s)));
    return fresh.filter((s): s is StoredSession => s !== undefined).map(toAuthSession);
  }

  async createSession(
    scopes: readonly string[],
    browser: SignInBrowser,
    options: { account?: Account; cancellation?: Cancellation } = {},
  ): Promise<AuthSession> {
    await this.cache.ensureLoaded();
    const requested = normalizeScopes(scopes);
    // Before the browser opens: a missing client id or secret must not cost the user a browser trip.
    const credentials = await this.credentials();
    const { account, tokens } = await performSignIn(
      {
        pending: this.deps.pending,
        tokenEndpoint: this.tokenEndpoint,
        dispatcher: this.deps.dispatcher,
        logger: this.logger,
        redactor: this.redactor,
        requestTimeoutMs: this.requestTimeoutMs,
        counts: this.counts,
      },
      { scopes: requested, browser, endpoints: this.deps.config(), credentials, account: options.account, cancellation: options.cancellation },
    );
    const session = await this.lease.withLease('sign-in', () => this.saveSignIn(account, tokens));
    return toAuthSession(session);
  }

  /**
   * Signs out: the session is deleted (every window hears of it), then its refresh token is revoked,
   * best effort. Deleting first means no other window can be refreshing with a token we just
   * revoked, which would end the session there with a "sign in again" message.
   */
  async removeSession(sessionId: string): Promise<void> {
    await this.cache.ensureLoaded();
    const removed = await this.lease.withLease('sign-out', async () => {
      let found: StoredSession | undefined;
      await this.cache.mutate((sessions) => {
        found = sessions.find((s) => s.id === sessionId);
        return sessions.filter((s) => s.id !== sessionId);
      });
      return found;
    });
    this.failures.clear(sessionId);
    if (!removed) {
      this.logger.info('Sign-out: that session no longer exists.');
      return;
    }
    this.logger.info(`Signed out ${removed.account.label}.`);
    await this.revokeQuietly(removed);
  }

  /**
   * For the API client's 401 handling: renews the session unless its stored access token already
   * differs from the rejected one (someone renewed it meanwhile). Returns the fresh session.
   */
  async forceRefresh(sessionId: string, rejectedAccessToken: string): Promise<AuthSession> {
    await this.cache.ensureLoaded();
    const stored = (await this.cache.reload()).find((s) => s.id === sessionId);
    if (!stored) throw new BoomTownError('notSignedIn', 'The BoomTown session has ended; sign in again.');
    if (stored.accessToken !== rejectedAccessToken) {
      this.logger.debug('The rejected access token was already replaced; using the stored one.');
      return toAuthSession(stored);
    }
    const remembered = this.failures.blocked(sessionId);
    if (remembered) throw remembered;
    return toAuthSession(await this.refreshOnce(sessionId, rejectedAccessToken));
  }

  /**
   * For the API client: even a freshly renewed token was refused (401), so BoomTown no longer
   * accepts this session. It ends (removed everywhere, onDidEndSession once) unless another window
   * has stored a different token meanwhile, which then gets its chance.
   */
  async rejectSession(sessionId: string, rejectedAccessToken: string): Promise<void> {
    await this.cache.ensureLoaded();
    const stored = (await this.cache.reload()).find((s) => s.id === sessionId);
    if (!stored || stored.accessToken !== rejectedAccessToken) return;
    await this.endSession(stored, new BoomTownError('notSignedIn', 'BoomTown refused the session even after renewing it; sign in again.', { status: 401 })).catch(
      () => undefined,
    );
  }

  /** Counts for the benchmark/diagnostics: tokenRequests = code exchanges, refreshRequests = refresh grants. */
  stats(): { tokenRequests: number; refreshRequests: number; meRequests: number; revokeRequests: number } {
    return { ...this.counts };
  }

  private announce(change: SessionsChange): void {
    // Another window renewed a session: its failures are history.
    for (const s of change.changed) this.failures.clear(s.id);
    if (!this.disposed) this.changeEmitter.fire(change);
  }

  dispose(): void {
    this.disposed = true;
    this.cache.dispose();
    this.changeEmitter.dispose();
    this.endEmitter.dispose();
  }

  /* ---------- sign-in ---------- */

  /** A second sign-in of the same user with the same scopes replaces the first (keeping its id). */
  private async saveSignIn(account: Account, tokens: TokenSet): Promise<StoredSession> {
    let saved: StoredSession | undefined;
    await this.cache.mutate((sessions) => {
      const existing = sessions.find((s) => s.account.id === account.id && sameScopeSet(s.scopes, tokens.scopes));
      saved = {
        id: existing?.id ?? randomUUID(),
        account,
        scopes: tokens.scopes,
        accessToken: tokens.accessToken,
        refreshToken: tokens.refreshToken,
        expiresAt: tokens.expiresAt,
        issuedAt: tokens.issuedAt,
      };
      return existing ? sessions.map((s) => (s === existing ? (saved as StoredSession) : s)) : [...sessions, saved];
    });
    const session = saved as StoredSession;
    this.failures.clear(session.id);
    this.endedSessionIds.delete(session.id);
    return session;
  }

  /* ---------- refresh ---------- */

  private async renewedForRead(session: StoredSession): Promise<StoredSession | undefined> {
    if (!shouldRefresh(session, this.clock.now(), this.refreshWindowMs)) return session;
    if (!session.refreshToken) return session; // cannot renew; valid until the API says 401
    if (this.failures.blocked(session.id)) return session;
    try {
      return await this.refreshOnce(session.id, session.accessToken);
    } catch (error) {
      if (endsSession(error)) return undefined;
      return this.cache.find(session.id);
    }
  }

  private refreshOnce(sessionId: string, staleAccessToken: string): Promise<StoredSession> {
    return this.refreshes.run(sessionId, async () => {
      try {
        const session = await this.lease.withLease('refresh', () => this.refreshUnderLease(sessionId, staleAccessToken));
        this.failures.clear(sessionId);
        return session;
      } catch (error) {
        if (!endsSession(error)) {
          const waitMs = this.failures.record(sessionId, error);
          this.logger.warn(`Renewing a BoomTown session failed; keeping it and retrying in ${Math.round(waitMs / 1000)} s.`, error);
        }
        throw error;
      }
    });
  }

  private async refreshUnderLease(sessionId: string, staleAccessToken: string): Promise<StoredSession> {
    const current = (await this.cache.reload()).find((s) => s.id === sessionId);
    if (!current) throw new BoomTownError('notSignedIn', 'The BoomTown session was signed out.');
    if (current.accessToken !== staleAccessToken) {
      this.logger.debug(`Adopted the token another window renewed for ${current.account.label}.`);
      return current;
    }
    if (!current.refreshToken) {
      return this.endSession(current, new BoomTownError('invalidGrant', 'The BoomTown session expired and cannot be renewed; sign in again.'));
    }
    const credentials = await this.credentials();
    let tokens: TokenSet;
    try {
      this.counts.refreshRequests++;
      tokens = await this.tokenEndpoint.refresh({ refreshToken: current.refreshToken, credentials, previousScopes: current.scopes });
    } catch (error) {
      if (isBoomTownError(error, 'invalidGrant')) return this.concludeInvalidGrant(current, error);
      throw error;
    }
    this.redactor?.add(tokens.accessToken, tokens.refreshToken);
    const renewed: StoredSession = { ...current, ...tokens, scopes: tokens.scopes };
    await this.cache.mutate((sessions) => sessions.map((s) => (s.id === sessionId ? renewed : s)));
    this.logger.info(`Renewed the session of ${current.account.label}.`);
    return renewed;
  }

  /** Before believing invalid_grant, look once more: another window may have rotated the refresh token meanwhile. */
  private async concludeInvalidGrant(used: StoredSession, error: BoomTownError): Promise<StoredSession> {
    const latest = (await this.cache.reload()).find((s) => s.id === used.id);
    if (!latest) throw new BoomTownError('notSignedIn', 'The BoomTown session was signed out.', { cause: error });
    if (latest.refreshToken !== used.refreshToken || latest.accessToken !== used.accessToken) {
      this.logger.info(`The refresh token was already replaced by another window; adopting it for ${latest.account.label}.`);
      return latest;
    }
    return this.endSession(latest, error);
  }

  private async endSession(session: StoredSession, reason: BoomTownError): Promise<never> {
    await this.cache.mutate((sessions) => sessions.filter((s) => s.id !== session.id));
    this.failures.clear(session.id);
    if (!this.endedSessionIds.has(session.id)) {
      this.endedSessionIds.add(session.id);
      this.logger.warn(`The BoomTown session of ${session.account.label} has ended; signing in again is needed.`, reason);
      if (!this.disposed) this.endEmitter.fire({ session: toAuthSession(session), reason });
    }
    throw reason;
  }

  /* ---------- sign-out ---------- */

  private async revokeQuietly(session: StoredSession): Promise<void> {
    try {
      const credentials = await this.credentials();
      this.counts.revokeRequests++;
      await this.tokenEndpoint.revoke(
        session.refreshToken
          ? { token: session.refreshToken, hint: 'refresh_token', credentials }
          : { token: session.accessToken, hint: 'access_token', credentials },
      );
    } catch (error) {
      this.logger.warn('Revoking the token at sign-out failed; the session is removed anyway.', error);
    }
  }

  private async credentials(): Promise<ClientCredentials> {
    const credentials = await this.deps.credentials();
    this.redactor?.add(credentials.clientSecret);
    return credentials;
  }
}

/** Errors after which the session no longer exists (ended by us, or signed out elsewhere). */
function endsSession(error: unknown): boolean {
  return isBoomTownError(error, 'invalidGrant') || isBoomTownError(error, 'notSignedIn');
}
