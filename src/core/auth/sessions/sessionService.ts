import { randomUUID } from 'node:crypto';
import type { HttpDispatcher } from '../../shared/transport/httpRequest';
import { BoomTownError } from '../../shared/errors';
import { type Disposable, Emitter, type Event } from '../../shared/events';
import { type Logger, RedactingLogger } from '../../shared/logger';
import { type Cancellation, type Clock, type SecretStore, systemClock } from '../../shared/ports';
import type { Redactor } from '../../shared/redact';
import type { PendingSignIns } from '../pendingSignIns';
import { includesScopes, normalizeScopes } from '../scopes';
import type { SignInBrowser } from '../signInBrowser';
import type { SignInEndpoints } from '../signIn';
import { type ClientCredentials, TokenEndpoint } from '../tokenEndpoint';
import { type Account, type AuthSession, type SessionServer, type SessionsChange, type StoredSession, toAuthSession } from '../sessionTypes';
import { type BackoffPolicy, DEFAULT_BACKOFF, FailureMemory } from './failureMemory';
import { DEFAULT_FILE_LOCK_TIMINGS, FileLock, type FileLockTimings } from './lock/fileLock';
import type { CrossWindowLock } from './lock/lockPort';
import { DEFAULT_LEASE_TIMINGS, type LeaseTimings, SecretLease } from './lock/secretLease';
import { SharedRecord } from './lock/sharedRecord';
import { Renewal } from './renewal';
import { SessionPersistence } from './sessionPersistence';
import { belongsTo, bindUnbound, boundServer, sameServer, serverOf } from './sessionServers';
import { type RetryTimings, type SessionsTx, SessionVault } from './sessionVault';
import { SessionView } from './sessionView';
import { SignInOut } from './signInOut';

export interface SessionServiceDeps {
  store: SecretStore;
  dispatcher: HttpDispatcher;
  /** The servers the user's settings name now (never a workspace's): sign-in goes there, and only their sessions are presented. */
  config: () => SignInEndpoints;
  /** The client's id and secret for one authorization server (its secret is sent to that server only). */
  credentials: (authUrl: string) => Promise<ClientCredentials>;
  pending: PendingSignIns;
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
 * The `boomtown` provider's sessions, put together from one part per job: the view (the registry of
 * sessions and its events), the vault (the only write path, under the cross-window lock), renewal
 * with its backoff, and sign-in / sign-out. This class only wires them and answers the provider.
 */
export class SessionService implements Disposable {
  private readonly changeEmitter = new Emitter<SessionsChange>();
  private readonly endEmitter = new Emitter<{ session: AuthSession; reason: BoomTownError }>();
  readonly onDidChangeSessions: Event<SessionsChange> = this.changeEmitter.event;
  readonly onDidEndSession: Event<{ session: AuthSession; reason: BoomTownError }> = this.endEmitter.event;

  private readonly logger: Logger;
  private readonly view: SessionView;
  private readonly vault: SessionVault;
  private readonly renewal: Renewal;
  private readonly signInOut: SignInOut;
  private readonly failures: FailureMemory;
  private readonly endedSessionIds = new Set<string>();
  private readonly configured: () => SessionServer;
  /** The servers whose sessions this window last presented, to announce a change of settings. */
  private presented?: SessionServer;
  private disposed = false;

  constructor(deps: SessionServiceDeps) {
    this.logger = deps.logger;
    const redactor = deps.redactor ?? (deps.logger instanceof RedactingLogger ? deps.logger.redactor : undefined);
    const clock = deps.clock ?? systemClock;
    const requestTimeoutMs = deps.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    this.configured = () => serverOf(deps.config());
    const credentials = async (authUrl: string) => {
      const value = await deps.credentials(authUrl);
      redactor?.add(value.clientSecret);
      return value;
    };
    const record = deps.lockDirectory ? new SharedRecord(deps.lockDirectory, deps.shareTokensInRecord ? 'tokens' : 'generation') : undefined;
    const persistence = new SessionPersistence(deps.store, deps.logger, record);
    this.view = new SessionView(persistence, deps.store, deps.logger, redactor, (change) => this.announce(change));
    this.vault = new SessionVault(persistence, createLock(deps, clock, requestTimeoutMs), this.view, deps.logger, deps.saveRetry);
    const tokenEndpoint = new TokenEndpoint({
      dispatcher: deps.dispatcher,
      timeoutMs: requestTimeoutMs,
      revokeTimeoutMs: Math.min(MAX_REVOKE_TIMEOUT_MS, requestTimeoutMs),
      logger: deps.logger,
      now: () => clock.now(),
    });
    this.failures = new FailureMemory(clock, { ...DEFAULT_BACKOFF, ...deps.backoff });
    const endSession = (tx: SessionsTx, session: StoredSession, reason: BoomTownError) => this.endSession(tx, session, reason);
    this.renewal = new Renewal({
      vault: this.vault,
      view: this.view,
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
    this.signInOut = new SignInOut({
      vault: this.vault,
      tokenEndpoint,
      dispatcher: deps.dispatcher,
      config: deps.config,
      credentials,
      pending: deps.pending,
      failures: this.failures,
      logger: deps.logger,
      redactor,
      requestTimeoutMs,
      configured: this.configured,
      forgetEnded: (id) => this.endedSessionIds.delete(id),
    });
  }

  /**
   * Sessions of the servers the settings name now whose scopes include `scopes` (order ignored;
   * undefined = all), renewed first when about to expire. Sessions of other servers are kept, not
   * shown: moving the settings back finds them again.
   */
  async getSessions(scopes?: readonly string[]): Promise<AuthSession[]> {
    await this.view.ensureLoaded();
    await this.bindUnboundSessions();
    const configured = this.configured();
    this.presented = configured;
    const wanted = scopes ? normalizeScopes(scopes) : undefined;
    const matching = this.view.sessions.filter((s) => belongsTo(s, configured) && (!wanted || includesScopes(s.scopes, wanted)));
    const fresh = await Promise.all(matching.map((s) => this.renewal.forRead(s)));
    return fresh.filter((s): s is StoredSession => s !== undefined).map(toAuthSession);
  }

  async createSession(scopes: readonly string[], browser: SignInBrowser, options: { account?: Account; cancellation?: Cancellation } = {}): Promise<AuthSession> {
    return toAuthSession(await this.signInOut.signIn(scopes, browser, options));
  }

  async removeSession(sessionId: string): Promise<void> {
    await this.signInOut.signOut(sessionId);
  }

  /**
   * For the API client's 401 handling: renews the session unless its stored access token already
   * differs from the rejected one (someone renewed it meanwhile). Returns the fresh session.
   */
  async forceRefresh(sessionId: string, rejectedAccessToken: string): Promise<AuthSession> {
    await this.view.ensureLoaded();
    const stored = (await this.view.reload()).find((s) => s.id === sessionId);
    if (!stored) throw new BoomTownError('notSignedIn', 'The BoomTown session has ended; sign in again.');
    if (!belongsTo(stored, this.configured())) throw otherServer();
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
    await this.vault
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
    const session = this.view.find(sessionId);
    return session && { ...boundServer(session, this.configured()) };
  }

  /**
   * The server settings changed: the sessions presented so far are gone from view and those of
   * the newly named servers appear (the Accounts menu, the tree and the status bar follow).
   */
  settingsChanged(): void {
    const before = this.presented;
    const now = this.configured();
    if (!before || this.view.state !== 'loaded' || sameServer(before, now)) return;
    this.presented = now;
    const change: SessionsChange = {
      added: this.view.sessions.filter((s) => belongsTo(s, now)).map(toAuthSession),
      removed: this.view.sessions.filter((s) => belongsTo(s, before)).map(toAuthSession),
      changed: [],
    };
    this.logger.info('The BoomTown server settings changed; showing the sessions of the servers they name now.');
    if (!this.disposed && (change.added.length || change.removed.length)) this.changeEmitter.fire(change);
  }

  dispose(): void {
    this.disposed = true;
    this.view.dispose();
    this.vault.dispose();
    this.changeEmitter.dispose();
    this.endEmitter.dispose();
  }

  /**
   * Sessions stored before sessions remembered their server are bound, once, to the servers the
   * user's settings name at that moment, and that binding is saved. A failed save leaves them bound
   * in memory to the configured servers (boundServer), and the next read tries again.
   */
  private async bindUnboundSessions(): Promise<void> {
    if (this.view.sessions.every((s) => s.server)) return;
    const configured = this.configured();
    try {
      await this.vault.transact('bind sessions to their server', async (tx) => {
        const bound = bindUnbound(tx.sessions, configured);
        if (bound !== tx.sessions) await tx.write(bound);
      });
      this.logger.info('Bound the sessions stored by an earlier version to the configured BoomTown servers.');
    } catch (error) {
      this.logger.warn('Could not save which server the stored sessions belong to; trying again on the next read.', error);
    }
  }

  private announce(change: SessionsChange): void {
    // Another window renewed a session: its failures are history.
    for (const s of change.changed) this.failures.clear(s.id);
    // Sessions of servers the settings do not name are not presented, so their news is not either.
    const configured = this.configured();
    const shown = (s: AuthSession) => {
      const stored = this.view.find(s.id);
      return !stored || belongsTo(stored, configured);
    };
    const visible: SessionsChange = { added: change.added.filter(shown), removed: change.removed, changed: change.changed.filter(shown) };
    if (!this.disposed && !isEmpty(visible)) this.changeEmitter.fire(visible);
  }

  private async endSession(tx: SessionsTx, session: StoredSession, reason: BoomTownError): Promise<never> {
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

function isEmpty(change: SessionsChange): boolean {
  return !change.added.length && !change.removed.length && !change.changed.length;
}

/** A session of a server the settings no longer name: it is neither used nor renewed here. */
function otherServer(): BoomTownError {
  return new BoomTownError('notSignedIn', 'The BoomTown settings name another server than this session\'s; sign in there.');
}

/** The lock file where the windows share a file system; the SecretStorage lease where they share only secrets. */
function createLock(deps: SessionServiceDeps, clock: Clock, requestTimeoutMs: number): CrossWindowLock {
  if (deps.lockDirectory) return new FileLock(deps.lockDirectory, deps.logger, { ...DEFAULT_FILE_LOCK_TIMINGS, ...deps.fileLockTimings });
  return new SecretLease(deps.store, deps.windowId ?? randomUUID(), clock, deps.logger, {
    ...DEFAULT_LEASE_TIMINGS,
    // The lease must outlive the slowest refresh it protects.
    ttlMs: Math.max(DEFAULT_LEASE_TIMINGS.ttlMs, 2 * requestTimeoutMs + 5_000),
    ...deps.leaseTimings,
  });
}
