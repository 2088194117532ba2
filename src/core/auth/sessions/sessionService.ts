import type { HttpDispatcher } from '../../shared/transport/httpRequest';
import { BoomTownError } from '../../shared/errors';
import { type Disposable, Emitter, type Event } from '../../shared/events';
import { type Logger, RedactingLogger } from '../../shared/logger';
import { type Clock, type SecretStore, systemClock } from '../../shared/ports';
import type { Redactor } from '../../shared/redact';
import type { ServerDiscovery } from '../flows/discovery';
import type { PendingSignIns } from '../pendingSignIns';
import { includesScopes, normalizeScopes } from '../scopes';
import type { SignInBrowser } from '../signInBrowser';
import { performSignIn, type SignInDeps, type SignInEndpoints, type SignInFlow } from '../signIn';
import { type ClientCredentials, TokenEndpoint } from '../tokenEndpoint';
import { type Account, type AuthSession, type SessionServer, type SessionsChange, type StoredSession, toAuthSession } from '../sessionTypes';
import { SharedRecord, StoreCopies } from './copies';
import { createLock, type FileLockTimings, type LeaseTimings } from './lock';
import { belongsTo, bindUnbound, boundServer, isEmptyChange, SessionRegistry, sameServer, serverOf, sessionFor } from './registry';
import { type BackoffPolicy, DEFAULT_BACKOFF, FailureMemory, Renewal } from './renewal';
import { type RetryTimings, SessionStore, type StoreTx } from './store';

export interface SessionServiceDeps {
  store: SecretStore;
  dispatcher: HttpDispatcher;
  /** The servers the user's settings name now (never a workspace's): sign-in goes there, and only their sessions are presented. */
  config: () => SignInEndpoints;
  /** The client's id and secret for one authorization server (its secret is sent to that server only). */
  credentials: (authUrl: string) => Promise<ClientCredentials>;
  pending: PendingSignIns;
  /** The servers' metadata (RFC 8414), read on the first sign-in; refresh and revoke use what it found. */
  discovery?: ServerDiscovery;
  /** The device grant's waits (tests shorten them). */
  deviceTimings?: SignInDeps['deviceTimings'];
  logger: Logger;
  redactor?: Redactor;
  clock?: Clock;
  /**
   * The extension's global storage folder on the extension host's file system. With it, windows are
   * serialized by a lock file there; without it, by the SecretStorage lease.
   */
  lockDirectory?: string;
  /** Browser workbench: SecretStorage is per tab, so the tabs share their tokens through the record. */
  shareTokensInRecord?: boolean;
  /** Lease owner id (random by default). */
  windowId?: string;
  /** Renew tokens expiring within this long (capped at half their lifetime); default 5 min. */
  refreshWindowMs?: number;
  requestTimeoutMs?: number;
  fileLockTimings?: Partial<FileLockTimings>;
  leaseTimings?: Partial<LeaseTimings>;
  /** How long to leave the token endpoint alone after a failed refresh. */
  backoff?: Partial<BackoffPolicy>;
  /** How soon a failed save is tried again. */
  saveRetry?: RetryTimings;
}

const DEFAULT_REFRESH_WINDOW_MS = 5 * 60_000;
const DEFAULT_REQUEST_TIMEOUT_MS = 15_000;
const MAX_REVOKE_TIMEOUT_MS = 5_000;

/**
 * The `boomtown` provider's sessions: the service answers the provider, signs in and out, and puts
 * together the registry (the sessions this window knows and its events, registry.ts), the store
 * (the only write path, under the cross-window lock, store.ts) and renewal with its backoff.
 */
export class SessionService implements Disposable {
  private readonly changeEmitter = new Emitter<SessionsChange>();
  private readonly endEmitter = new Emitter<{ session: AuthSession; reason: BoomTownError }>();
  readonly onDidChangeSessions: Event<SessionsChange> = this.changeEmitter.event;
  readonly onDidEndSession: Event<{ session: AuthSession; reason: BoomTownError }> = this.endEmitter.event;

  private readonly logger: Logger;
  private readonly registry: SessionRegistry;
  private readonly store: SessionStore;
  private readonly renewal: Renewal;
  private readonly credentials: (authUrl: string) => Promise<ClientCredentials>;
  /** What a sign-in needs besides its request; its token endpoint also revokes at sign-out. */
  private readonly signIn: SignInDeps;
  private readonly failures: FailureMemory;
  private readonly endedSessionIds = new Set<string>();
  private readonly configured: () => SessionServer;
  /** The servers whose sessions this window last presented, to announce a change of settings. */
  private presented?: SessionServer;
  private disposed = false;

  constructor(private readonly deps: SessionServiceDeps) {
    this.logger = deps.logger;
    const redactor = deps.redactor ?? (deps.logger instanceof RedactingLogger ? deps.logger.redactor : undefined);
    const clock = deps.clock ?? systemClock;
    const requestTimeoutMs = deps.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    this.configured = () => serverOf(deps.config());
    const credentials = (this.credentials = async (authUrl: string) => {
      const value = await deps.credentials(authUrl);
      redactor?.add(value.clientSecret);
      return value;
    });
    const record = deps.lockDirectory ? new SharedRecord(deps.lockDirectory, deps.shareTokensInRecord ? 'tokens' : 'generation') : undefined;
    const copies = new StoreCopies(deps.store, deps.logger, record);
    this.registry = new SessionRegistry(copies, deps.store, deps.logger, redactor, (change) => this.announce(change));
    const lock = createLock(deps, deps.store, clock, deps.logger, requestTimeoutMs);
    this.store = new SessionStore(copies, lock, this.registry, deps.logger, deps.saveRetry);
    const tokenEndpoint = new TokenEndpoint({
      dispatcher: deps.dispatcher,
      timeoutMs: requestTimeoutMs,
      revokeTimeoutMs: Math.min(MAX_REVOKE_TIMEOUT_MS, requestTimeoutMs),
      logger: deps.logger,
      now: () => clock.now(),
      // A session is refreshed and revoked at the endpoints its server's metadata names: a window that
      // never signed in (reloaded, or another window's session) reads the metadata on its first
      // refresh or sign-out, once. A refused document (another issuer) leaves the fixed paths, which
      // are under the same server the session is bound to.
      endpointsFor: async (authUrl) => (await deps.discovery?.metadata(authUrl).catch(() => undefined))?.endpoints,
    });
    this.signIn = { pending: deps.pending, tokenEndpoint, dispatcher: deps.dispatcher, logger: deps.logger, redactor, requestTimeoutMs, discovery: deps.discovery, deviceTimings: { now: () => clock.now(), ...deps.deviceTimings } };
    this.failures = new FailureMemory(clock, { ...DEFAULT_BACKOFF, ...deps.backoff });
    const endSession = (tx: StoreTx, session: StoredSession, reason: BoomTownError) => this.endSession(tx, session, reason);
    this.renewal = new Renewal({
      store: this.store,
      registry: this.registry,
      tokenEndpoint,
      credentials,
      failures: this.failures,
      logger: deps.logger,
      redactor,
      clock,
      refreshWindowMs: deps.refreshWindowMs ?? DEFAULT_REFRESH_WINDOW_MS,
      configured: this.configured,
      endSession,
    });
  }

  /**
   * Sessions of the servers the settings name now whose scopes include `scopes` (order ignored;
   * undefined = all), renewed first when about to expire. Sessions of other servers are kept, not
   * shown: moving the settings back finds them again.
   */
  async getSessions(scopes?: readonly string[]): Promise<AuthSession[]> {
    await this.registry.ensureLoaded();
    await this.bindUnboundSessions();
    const configured = this.configured();
    this.presented = configured;
    const wanted = scopes ? normalizeScopes(scopes) : undefined;
    const matching = this.registry.sessions.filter((s) => belongsTo(s, configured) && (!wanted || includesScopes(s.scopes, wanted)));
    const fresh = await Promise.all(matching.map((s) => this.renewal.forRead(s)));
    return fresh.filter((s): s is StoredSession => s !== undefined).map(toAuthSession);
  }

  async createSession(scopes: readonly string[], browser: SignInBrowser, options: { account?: Account; cancellation?: AbortSignal; flow?: SignInFlow } = {}): Promise<AuthSession> {
    const requested = normalizeScopes(scopes);
    // One reading of the settings for the whole sign-in: the code, the verifier and the new token go
    // to these servers, and the session remembers them.
    const endpoints = this.deps.config();
    const server = serverOf(endpoints);
    // Before the browser opens: a missing client id or secret must not cost the user a browser trip.
    const credentials = await this.credentials(server.authUrl);
    const { account, tokens } = await performSignIn(this.signIn, { scopes: requested, browser, endpoints: { ...endpoints, ...server }, credentials, account: options.account, cancellation: options.cancellation, flow: options.flow });
    const session = await this.store.transact('sign-in', async (tx) => {
      const saved = sessionFor(tx.sessions, account, tokens, server);
      const others = tx.sessions.filter((s) => s.id !== saved.id);
      await tx.write(tx.sessions.some((s) => s.id === saved.id) ? tx.sessions.map((s) => (s.id === saved.id ? saved : s)) : [...others, saved]);
      return saved;
    });
    this.failures.clear(session.id);
    // A session signed in again may be announced as ended again.
    this.endedSessionIds.delete(session.id);
    return toAuthSession(session);
  }

  /**
   * The session is deleted first (every window hears of it), then its refresh token is revoked, best
   * effort, so no other window can be refreshing with a token we just revoked.
   */
  async removeSession(sessionId: string): Promise<void> {
    const removed = await this.store.transact('sign-out', async (tx) => {
      const found = tx.sessions.find((s) => s.id === sessionId);
      if (found) await tx.write(tx.sessions.filter((s) => s.id !== sessionId));
      return found;
    });
    this.failures.clear(sessionId);
    if (!removed) return this.logger.info('Sign-out: that session no longer exists.');
    this.logger.info(`Signed out ${removed.account.label}.`);
    await this.revokeQuietly(removed);
  }

  /**
   * For the API client's 401 handling: renews the session unless its stored access token already
   * differs from the rejected one (someone renewed it meanwhile). Returns the fresh session.
   */
  async forceRefresh(sessionId: string, rejectedAccessToken: string): Promise<AuthSession> {
    await this.registry.ensureLoaded();
    const stored = (await this.registry.reload()).find((s) => s.id === sessionId);
    if (!stored) throw new BoomTownError('notSignedIn', 'The BoomTown session has ended; sign in again.');
    // A session of a server the settings no longer name is neither used nor renewed here.
    if (!belongsTo(stored, this.configured())) throw new BoomTownError('notSignedIn', 'The BoomTown settings name another server than this session\'s; sign in there.');
    if (stored.accessToken !== rejectedAccessToken) {
      this.logger.debug('The rejected access token was already replaced; using the stored one.');
      return toAuthSession(stored);
    }
    const remembered = this.failures.blocked(sessionId);
    if (remembered) throw remembered;
    return toAuthSession(await this.renewal.renew(sessionId, rejectedAccessToken));
  }

  /**
   * For the API client: even a freshly renewed token was refused (401), so BoomTown no longer
   * accepts this session. It ends (removed everywhere, onDidEndSession once) unless another window
   * has stored a different token meanwhile, which then gets its chance.
   */
  async rejectSession(sessionId: string, rejectedAccessToken: string): Promise<void> {
    const reason = new BoomTownError('notSignedIn', 'BoomTown refused the session even after renewing it; sign in again.', { status: 401 });
    await this.store
      .transact('end session', async (tx) => {
        const stored = tx.sessions.find((s) => s.id === sessionId);
        if (stored && stored.accessToken === rejectedAccessToken) await this.endSession(tx, stored, reason);
      })
      .catch(() => undefined);
  }

  /**
   * The servers a session was issued for: its access token goes to `apiUrl` only. Undefined for a
   * session this window does not know (signed out meanwhile).
   */
  serverOfSession(sessionId: string): SessionServer | undefined {
    const session = this.registry.find(sessionId);
    return session && { ...boundServer(session, this.configured()) };
  }

  /**
   * The server settings changed: the sessions presented so far are gone from view and those of
   * the newly named servers appear (the Accounts menu, the tree and the status bar follow).
   */
  settingsChanged(): void {
    const before = this.presented;
    const now = this.configured();
    if (!before || this.registry.state !== 'loaded' || sameServer(before, now)) return;
    this.presented = now;
    const change: SessionsChange = {
      added: this.registry.sessions.filter((s) => belongsTo(s, now)).map(toAuthSession),
      removed: this.registry.sessions.filter((s) => belongsTo(s, before)).map(toAuthSession),
      changed: [],
    };
    this.logger.info('The BoomTown server settings changed; showing the sessions of the servers they name now.');
    if (!this.disposed && (change.added.length || change.removed.length)) this.changeEmitter.fire(change);
  }

  dispose(): void {
    this.disposed = true;
    this.registry.dispose();
    this.store.dispose();
    this.changeEmitter.dispose();
    this.endEmitter.dispose();
  }

  /**
   * Sessions stored before sessions remembered their server are bound, once, to the servers the
   * user's settings name at that moment, and that binding is saved. A failed save leaves them bound
   * in memory to the configured servers (boundServer), and the next read tries again.
   */
  private async bindUnboundSessions(): Promise<void> {
    if (this.registry.sessions.every((s) => s.server)) return;
    const configured = this.configured();
    try {
      await this.store.transact('bind sessions to their server', async (tx) => {
        const bound = bindUnbound(tx.sessions, configured);
        if (bound !== tx.sessions) await tx.write(bound);
      });
      this.logger.info('Bound the sessions stored by an earlier version to the configured BoomTown servers.');
    } catch (error) {
      this.logger.warn('Could not save which server the stored sessions belong to; trying again on the next read.', error);
    }
  }

  private async revokeQuietly(session: StoredSession): Promise<void> {
    try {
      // Revoked where the session was issued, whatever the settings name now.
      const { authUrl } = boundServer(session, this.configured());
      const credentials = await this.credentials(authUrl);
      await this.signIn.tokenEndpoint.revoke(
        session.refreshToken
          ? { authUrl, token: session.refreshToken, hint: 'refresh_token', credentials }
          : { authUrl, token: session.accessToken, hint: 'access_token', credentials },
      );
    } catch (error) {
      this.logger.warn('Revoking the token at sign-out failed; the session is removed anyway.', error);
    }
  }

  private announce(change: SessionsChange): void {
    // Another window renewed a session: its failures are history.
    for (const s of change.changed) this.failures.clear(s.id);
    // Sessions of servers the settings do not name are not presented, so their news is not either.
    const configured = this.configured();
    const shown = (s: AuthSession) => {
      const stored = this.registry.find(s.id);
      return !stored || belongsTo(stored, configured);
    };
    const visible: SessionsChange = { added: change.added.filter(shown), removed: change.removed, changed: change.changed.filter(shown) };
    if (!this.disposed && !isEmptyChange(visible)) this.changeEmitter.fire(visible);
  }

  private async endSession(tx: StoreTx, session: StoredSession, reason: BoomTownError): Promise<never> {
    await tx.write(tx.sessions.filter((s) => s.id !== session.id));
    this.failures.clear(session.id);
    if (!this.endedSessionIds.has(session.id)) {
      this.endedSessionIds.add(session.id);
      this.logger.warn(`The BoomTown session of ${session.account.label} has ended; signing in again is needed.`, reason);
      if (!this.disposed) this.endEmitter.fire({ session: toAuthSession(session), reason });
    }
    throw reason;
  }
}
