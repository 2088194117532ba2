import { randomUUID } from 'node:crypto';
import { SecretKeys } from '../../../constants';
import { SerialQueue } from '../../shared/async';
import { normalizeBaseUrl } from '../../shared/config';
import { BoomTownError } from '../../shared/errors';
import type { Disposable } from '../../shared/events';
import type { Logger } from '../../shared/logger';
import type { SecretStore } from '../../shared/ports';
import type { Redactor } from '../../shared/redact';
import { sameScopeSet } from '../scopes';
import { type Account, type SessionServer, type SessionsChange, type StoredSession, toAuthSession } from '../sessionTypes';
import type { TokenSet } from '../tokens';
import type { StoreCopies, StoredState } from './copies';

type RegistryState = 'unloaded' | 'loaded' | 'failed';

/** How often a browser-workbench tab looks whether another tab changed the shared record. */
const RECORD_POLL_MS = 1_000;
/** After a failed first read, tried again by itself after 2 s, 4 s … at most a minute apart. */
const RETRY_FIRST_MS = 2_000;
const RETRY_MAX_MS = 60_000;

/**
 * The registry: the sessions this window knows, which of them it presents (the servers below), and
 * what changed. It is re-read when any window changes the sessions key (desktop) or the shared
 * record (browser workbench). It cannot write: only the store's transactions save (store.ts), and
 * they hand it what they read and wrote through `adopt`. A failed read is never taken for "no
 * sessions": the state stays 'failed', reads throw 'storage', and the next read (or a retry timer)
 * tries again.
 */
export class SessionRegistry implements Disposable {
  private readonly queue = new SerialQueue();
  private readonly subscription: Disposable;
  private readonly poll?: ReturnType<typeof setInterval>;
  private current: StoredSession[] = [];
  private generation = 0;
  private status: RegistryState = 'unloaded';
  private recordChangedAt = 0;
  private syncQueued = false;
  private disposed = false;
  private retryTimer?: ReturnType<typeof setTimeout>;
  private retryMs = RETRY_FIRST_MS;

  constructor(
    private readonly copies: StoreCopies,
    secrets: SecretStore,
    private readonly logger: Logger,
    private readonly redactor: Redactor | undefined,
    private readonly onChange: (change: SessionsChange) => void,
  ) {
    this.subscription = secrets.onDidChange((key) => {
      if (key === SecretKeys.sessions) this.scheduleSync();
    });
    if (copies.record?.holdsTokens) {
      this.poll = setInterval(() => void this.syncIfRecordChanged(), RECORD_POLL_MS);
      this.poll.unref?.();
    }
  }

  get state(): RegistryState {
    return this.status;
  }

  /** The sessions as last read or written; call ensureLoaded() first. */
  get sessions(): readonly StoredSession[] {
    return this.current;
  }

  /** The generation of the stored value this registry last read or wrote. */
  get knownGeneration(): number {
    return this.generation;
  }

  find(sessionId: string): StoredSession | undefined {
    return this.current.find((s) => s.id === sessionId);
  }

  /** Loads once; a failed load is retried on the next call rather than remembered. */
  async ensureLoaded(): Promise<void> {
    if (this.status !== 'loaded') await this.reload();
    else if (this.copies.record?.holdsTokens) await this.syncIfRecordChanged();
    if (this.status !== 'loaded') throw new BoomTownError('storage', 'The stored BoomTown sessions could not be read; try again in a moment.');
  }

  /** Re-reads the store now (after queued reads). */
  reload(): Promise<readonly StoredSession[]> {
    return this.queue.run(() => this.reloadNow());
  }

  /** What a transaction read or wrote under the lock: current, adopted without another read. */
  adopt(state: StoredState): void {
    this.generation = state.generation;
    this.apply(state);
  }

  dispose(): void {
    this.disposed = true;
    this.subscription.dispose();
    if (this.poll) clearInterval(this.poll);
    if (this.retryTimer) clearTimeout(this.retryTimer);
  }

  private async syncIfRecordChanged(): Promise<void> {
    const changedAt = (await this.copies.record?.changedAt()) ?? 0;
    if (changedAt === this.recordChangedAt || this.disposed) return;
    this.recordChangedAt = changedAt;
    await this.reload();
  }

  private scheduleSync(): void {
    if (this.syncQueued || this.disposed) return;
    this.syncQueued = true;
    void this.queue.run(async () => {
      this.syncQueued = false;
      await this.reloadNow();
    });
  }

  private async reloadNow(): Promise<readonly StoredSession[]> {
    try {
      const state = await this.copies.read();
      // A read that started before one of our own writes finished must not undo it; a value without
      // a generation (another build, or damaged) is taken as it is.
      if (this.status !== 'loaded' || state.generation >= this.generation || state.generation === 0) this.apply(state);
    } catch (error) {
      if (this.status !== 'loaded') {
        this.status = 'failed';
        this.retrySoon();
      }
      this.logger.warn('Could not read the stored sessions; keeping the ones already known.', error);
    }
    return this.current;
  }

  /** A window whose first read failed must not look signed out until something reads again: it retries, and announces what it finds. */
  private retrySoon(): void {
    if (this.retryTimer || this.disposed) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      if (this.status === 'loaded' || this.disposed) return;
      this.retryMs = Math.min(this.retryMs * 2, RETRY_MAX_MS);
      void this.reload();
    }, this.retryMs);
    this.retryTimer.unref?.();
  }

  private apply(state: StoredState): void {
    for (const s of state.sessions) this.redactor?.add(s.accessToken, s.refreshToken);
    const previous = this.current;
    const before = this.status;
    this.current = state.sessions;
    this.generation = Math.max(this.generation, state.generation);
    this.status = 'loaded';
    // The first read is the starting point, not a change; after a failed first read it is news.
    if (before === 'unloaded' || this.disposed) return;
    const change = diffSessions(previous, state.sessions);
    if (isEmptyChange(change)) return;
    this.logger.debug(`Sessions changed: ${change.added.length} added, ${change.removed.length} removed, ${change.changed.length} changed.`);
    this.onChange(change);
  }
}

/** What a window must announce when its registry goes from `before` to `after`. */
export function diffSessions(before: readonly StoredSession[], after: readonly StoredSession[]): SessionsChange {
  const previous = new Map(before.map((s) => [s.id, s]));
  const next = new Map(after.map((s) => [s.id, s]));
  const change: SessionsChange = { added: [], removed: [], changed: [] };
  for (const session of after) {
    const old = previous.get(session.id);
    if (!old) change.added.push(toAuthSession(session));
    else if (visiblyDifferent(old, session)) change.changed.push(toAuthSession(session));
  }
  for (const session of before) if (!next.has(session.id)) change.removed.push(toAuthSession(session));
  return change;
}

export function isEmptyChange(change: SessionsChange): boolean {
  return !change.added.length && !change.removed.length && !change.changed.length;
}

/** A new refresh token alone is invisible to consumers; a new access token, account name or scope set is not. */
function visiblyDifferent(a: StoredSession, b: StoredSession): boolean {
  return a.accessToken !== b.accessToken || a.account.id !== b.account.id || a.account.label !== b.account.label || !sameScopeSet(a.scopes, b.scopes);
}

/**
 * Which server a session belongs to. A session's tokens go to the servers it was issued by and
 * nowhere else, and a window presents only the sessions of the servers its settings name now.
 */
export function serverOf(endpoints: { authUrl: string; apiUrl: string }): SessionServer {
  return { authUrl: normalizeBaseUrl(endpoints.authUrl) ?? endpoints.authUrl, apiUrl: normalizeBaseUrl(endpoints.apiUrl) ?? endpoints.apiUrl };
}

export function sameServer(a: SessionServer, b: SessionServer): boolean {
  return a.authUrl === b.authUrl && a.apiUrl === b.apiUrl;
}

/** A session stored before sessions remembered their server belongs to `configured` (the user's settings when first read). */
export function boundServer(session: StoredSession, configured: SessionServer): SessionServer {
  return session.server ?? configured;
}

export function belongsTo(session: StoredSession, configured: SessionServer): boolean {
  return sameServer(boundServer(session, configured), configured);
}

/** The sessions with every unbound one bound to `configured`; the same array when none was unbound. */
export function bindUnbound(sessions: readonly StoredSession[], configured: SessionServer): readonly StoredSession[] {
  if (sessions.every((s) => s.server)) return sessions;
  return sessions.map((s) => (s.server ? s : { ...s, server: { ...configured } }));
}

/**
 * A second sign-in of the same user with the same scopes at the same servers replaces the first
 * (keeping its id); at other servers it makes a session of its own.
 */
export function sessionFor(sessions: readonly StoredSession[], account: Account, tokens: TokenSet, server: SessionServer): StoredSession {
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

