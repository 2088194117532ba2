import { SerialQueue } from '../../shared/async';
import { BoomTownError } from '../../shared/errors';
import type { Disposable } from '../../shared/events';
import type { Logger } from '../../shared/logger';
import type { StoredSession } from '../sessionTypes';
import type { StoreCopies, StoredState } from './copies';
import type { CrossWindowLock, LockHold } from './lock';
import type { SessionRegistry } from './registry';

/** The only write handle there is: it exists inside `transact`, while the cross-window lock is held. */
export interface StoreTx {
  /** The sessions as every window sharing the lock last saved them, read under the lock. */
  readonly sessions: readonly StoredSession[];
  /**
   * Makes `next` the sessions of every window. It is this window's sessions at once; when persisting
   * fails it is kept in memory, served, and saved again with backoff (resolves false then).
   */
  write(next: readonly StoredSession[]): Promise<boolean>;
  /** Throws unless the lock is still held: ask right before spending a refresh token. */
  confirmHeld(): Promise<void>;
  /** Reads the store again, bypassing every shortcut (after a surprising answer from the server). */
  reread(): Promise<readonly StoredSession[]>;
}

export interface RetryTimings {
  baseMs: number;
  maxMs: number;
}

/** The first retry of a failed save comes soon (a busy keyring), later ones at most 5 s apart. */
const DEFAULT_RETRY: RetryTimings = { baseMs: 250, maxMs: 5_000 };
/** After this long without a successful save the log says so once more, as a warning. */
const LONG_OUTAGE_MS = 60_000;

/**
 * The session store: `transact(purpose, tx => …)` is the one way to change the sessions. It holds
 * the cross-window lock for the whole read-decide-write, so sign-in, renewal, sign-out and ending a
 * session are serialized across windows by construction (there is no other write path to forget).
 *
 * Inside the lock the current sessions are read first. The cheap path costs no keyring round trip:
 * when the shared record's generation is the one this window last read or wrote, its registry is
 * current.
 *
 * What is guaranteed, and under which conditions (the one place this is stated):
 * - No window ever presents a refresh token older than one the server has issued to any window
 *   sharing the lock. New tokens are what this window uses the moment the server returns them. When
 *   saving them fails (a busy or locked keyring) the lock is NOT given up: this window keeps it, and
 *   tries the save again under it (after 250 ms, doubling up to every 5 s) until the save succeeds;
 *   only then is the lock released. Other windows therefore never read the superseded tokens while
 *   the newest exist only in this window's memory: they wait for the lock (and their callers get a
 *   retryable 'timeout' after the lock's wait bound, 60 s, instead of spending what they read).
 * - This window's own readers are not held up meanwhile: they are served the new tokens from
 *   memory, and its own transactions run under the lock it kept, on the unsaved sessions.
 * - A keychain that stays unusable: this window keeps the lock and keeps retrying for as long as
 *   it lives (the log warns at the first failure and again after a minute); the other windows keep
 *   waiting and keep getting 'timeout', never spending. If the window closes first, it tries one
 *   last save; failing that, its newest tokens go with it, the other windows can only present the
 *   superseded ones, and the server ends the session: signing in again is needed.
 * - Holding the lock for long is safe for both kinds. The lock file's heartbeat keeps it fresh while
 *   this window lives (see FileLock in lock.ts). The SecretStorage lease is renewed every few seconds
 *   while held (see SecretLease in lock.ts); it is itself a secret, so a keychain refusing every write
 *   keeps it valid only until its ttl runs out (40 s by default, at least 36 s left at any moment while
 *   held): an outage of every write longer than that can let another window take the lease once
 *   the keychain works again, before this window's save lands. Windows sharing a file system use
 *   the lock file, which has no such bound.
 */
export class SessionStore implements Disposable {
  private readonly local = new SerialQueue();
  private unsaved?: Unsaved;
  /** The lock kept while `unsaved` exists: the next transaction and the retries run under it. */
  private kept?: LockHold;
  private retryTimer?: ReturnType<typeof setTimeout>;
  private retryFailures = 0;
  private failingSince?: number;
  private warnedLong = false;
  private disposed = false;

  constructor(
    private readonly copies: StoreCopies,
    private readonly lock: CrossWindowLock,
    private readonly registry: SessionRegistry,
    private readonly logger: Logger,
    private readonly retry: RetryTimings = DEFAULT_RETRY,
  ) {}

  transact<T>(purpose: string, work: (tx: StoreTx) => Promise<T>): Promise<T> {
    return this.local.run(async () => {
      const hold = this.kept ?? (await this.lock.acquire(purpose));
      this.kept = undefined;
      let open = true;
      try {
        const { current, stored } = await this.readCurrent();
        const tx: StoreTx = {
          sessions: current.sessions,
          write: (next) => {
            if (!open) return Promise.reject(new BoomTownError('storage', `A sessions write arrived after its transaction (${purpose}) ended.`));
            return this.persist(next, current.generation, stored.sessions);
          },
          confirmHeld: () => hold.confirm(),
          reread: async () => {
            const state = await this.copies.read();
            this.registry.adopt(state);
            return state.sessions;
          },
        };
        return await work(tx);
      } finally {
        open = false;
        await this.releaseOrKeep(hold);
      }
    });
  }

  dispose(): void {
    this.disposed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const hold = this.kept;
    this.kept = undefined;
    if (hold) void this.local.run(() => this.releaseOrKeep(hold));
  }

  /**
   * While decided sessions are unsaved the lock stays with this window (see the class comment), and
   * a retry is due; otherwise it is released. A closing window gives it up after one last save: its
   * unsaved tokens cannot outlive it anyway.
   */
  private async releaseOrKeep(hold: LockHold): Promise<void> {
    if (this.unsaved && !this.disposed) {
      this.kept = hold;
      this.scheduleRetry();
      return;
    }
    if (this.unsaved) {
      await this.copies
        .save([...this.unsaved.list], this.registry.knownGeneration)
        .catch((error: unknown) => this.logger.warn('The last try to save the sessions before closing failed.', error));
    }
    await hold.release();
  }

  private async readCurrent(): Promise<{ current: StoredState; stored: StoredState }> {
    let stored: StoredState | undefined;
    const recordGeneration = await this.copies.recordGeneration();
    if (this.registry.state === 'loaded' && !this.unsaved && recordGeneration !== undefined && recordGeneration === this.registry.knownGeneration) {
      stored = { sessions: [...this.registry.sessions], generation: recordGeneration };
    }
    stored ??= await this.copies.read();
    const generation = Math.max(stored.generation, recordGeneration ?? 0);
    const current = { sessions: this.unsaved ? mergeUnsaved(this.unsaved, stored.sessions) : stored.sessions, generation };
    this.registry.adopt(current);
    return { current, stored };
  }

  private async persist(next: readonly StoredSession[], readGeneration: number, stored: readonly StoredSession[]): Promise<boolean> {
    const generation = readGeneration + 1;
    const list = [...next];
    this.registry.adopt({ sessions: list, generation });
    try {
      await this.copies.save(list, generation);
      if (this.failingSince !== undefined) this.logger.info('Saved the sessions; other windows may use them again.');
      this.unsaved = undefined;
      this.retryFailures = 0;
      this.failingSince = undefined;
      this.warnedLong = false;
      return true;
    } catch (error) {
      this.unsaved = { list, base: stored };
      this.noteFailure(error);
      return false;
    }
  }

  private noteFailure(error: unknown): void {
    const now = Date.now();
    if (this.failingSince === undefined) {
      this.failingSince = now;
      this.logger.warn('Saving the sessions failed; this window keeps them, keeps the sign-in lock and tries again.', error);
    } else if (!this.warnedLong && now - this.failingSince >= LONG_OUTAGE_MS) {
      this.warnedLong = true;
      this.logger.warn('The sessions could not be saved for over a minute; other windows wait for this one until the keychain accepts them.', error);
    } else {
      this.logger.debug('Saving the sessions failed again.', error);
    }
  }

  private scheduleRetry(): void {
    if (this.retryTimer || this.disposed) return;
    const waitMs = Math.min(this.retry.baseMs * 2 ** this.retryFailures, this.retry.maxMs);
    this.retryFailures++;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      if (!this.unsaved || this.disposed) return;
      // Runs under the kept lock; a failure (a read refused too) leaves the sessions unsaved, and the
      // transaction keeps the lock and schedules the next try itself.
      this.transact('saving sessions again', (tx) => tx.write(tx.sessions)).catch((error: unknown) => this.noteFailure(error));
    }, waitMs);
    this.retryTimer.unref?.();
  }
}

/**
 * Sessions this window decided (a rotation, a sign-in, a sign-out) but could not persist yet, and the
 * stored list they were derived from. Until they are saved they stay this window's sessions, merged
 * over whatever the store holds: a session nobody else touched since `base` takes our version; one
 * another window changed or removed meanwhile takes theirs; our new sign-ins are added.
 */
interface Unsaved {
  list: readonly StoredSession[];
  base: readonly StoredSession[];
}

function mergeUnsaved(unsaved: Unsaved, stored: readonly StoredSession[]): StoredSession[] {
  const base = new Map(unsaved.base.map((s) => [s.id, s]));
  const mine = new Map(unsaved.list.map((s) => [s.id, s]));
  const storedIds = new Set(stored.map((s) => s.id));
  const merged: StoredSession[] = [];
  for (const theirs of stored) {
    const before = base.get(theirs.id);
    const untouched = before !== undefined && sameTokens(before, theirs);
    if (!untouched) merged.push(theirs);
    else if (mine.has(theirs.id)) merged.push(mine.get(theirs.id) as StoredSession);
    // else: we removed it
  }
  for (const session of unsaved.list) if (!base.has(session.id) && !storedIds.has(session.id)) merged.push(session);
  return merged;
}

function sameTokens(a: StoredSession, b: StoredSession): boolean {
  return a.accessToken === b.accessToken && a.refreshToken === b.refreshToken;
}
