import { BoomTownError } from '../../shared/errors';
import type { Disposable } from '../../shared/events';
import type { Logger } from '../../shared/logger';
import type { StoredSession } from '../sessionTypes';
import type { CrossWindowLock } from './lock/lockPort';
import type { SessionPersistence, StoredState } from './sessionPersistence';
import type { SessionView } from './sessionView';
import { SerialQueue } from './serialQueue';
import { mergeUnsaved, type Unsaved } from './unsavedSessions';

/** The only write handle there is: it exists inside `transact`, while the cross-window lock is held. */
export interface SessionsTx {
  /** The sessions as every window sharing the lock last saved them, read under the lock. */
  readonly sessions: readonly StoredSession[];
  /**
   * Makes `next` the sessions of every window. It is this window's truth at once; when persisting
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

const DEFAULT_RETRY: RetryTimings = { baseMs: 1_000, maxMs: 60_000 };

/**
 * The session store: `transact(purpose, tx => …)` is the one way to change the sessions. It holds
 * the cross-window lock for the whole read-decide-write, so sign-in, renewal, sign-out and ending a
 * session are serialized across windows by construction (there is no other write path to forget).
 *
 * Inside the lock the truth is read first. The cheap path costs no keyring round trip: when the
 * shared record's generation is the one this window last read or wrote, its view is current.
 */
export class SessionVault implements Disposable {
  private readonly local = new SerialQueue();
  private unsaved?: Unsaved;
  private retryTimer?: ReturnType<typeof setTimeout>;
  private retryFailures = 0;
  private disposed = false;

  constructor(
    private readonly persistence: SessionPersistence,
    private readonly lock: CrossWindowLock,
    private readonly view: SessionView,
    private readonly logger: Logger,
    private readonly retry: RetryTimings = DEFAULT_RETRY,
  ) {}

  /** Whether some decided sessions still wait to be saved (diagnostics and tests). */
  get hasUnsaved(): boolean {
    return this.unsaved !== undefined;
  }

  transact<T>(purpose: string, work: (tx: SessionsTx) => Promise<T>): Promise<T> {
    return this.local.run(async () => {
      const hold = await this.lock.acquire(purpose);
      let open = true;
      try {
        const { truth, stored } = await this.readTruth();
        const tx: SessionsTx = {
          sessions: truth.sessions,
          write: (next) => {
            if (!open) return Promise.reject(new BoomTownError('storage', `A sessions write arrived after its transaction (${purpose}) ended.`));
            return this.persist(next, truth.generation, stored.sessions);
          },
          confirmHeld: () => hold.confirm(),
          reread: async () => {
            const state = await this.persistence.read();
            this.view.adopt(state);
            return state.sessions;
          },
        };
        return await work(tx);
      } finally {
        open = false;
        await hold.release();
      }
    });
  }

  dispose(): void {
    this.disposed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
  }

  private async readTruth(): Promise<{ truth: StoredState; stored: StoredState }> {
    let stored: StoredState | undefined;
    const recordGeneration = await this.persistence.recordGeneration();
    if (this.view.state === 'loaded' && !this.unsaved && recordGeneration !== undefined && recordGeneration === this.view.knownGeneration) {
      stored = { sessions: [...this.view.sessions], generation: recordGeneration };
    }
    stored ??= await this.persistence.read();
    const generation = Math.max(stored.generation, recordGeneration ?? 0);
    const truth = { sessions: this.unsaved ? mergeUnsaved(this.unsaved, stored.sessions) : stored.sessions, generation };
    this.view.adopt(truth);
    return { truth, stored };
  }

  private async persist(next: readonly StoredSession[], readGeneration: number, stored: readonly StoredSession[]): Promise<boolean> {
    const generation = readGeneration + 1;
    const list = [...next];
    this.view.adopt({ sessions: list, generation });
    try {
      await this.persistence.save(list, generation);
      this.unsaved = undefined;
      this.retryFailures = 0;
      return true;
    } catch (error) {
      this.unsaved = { list, base: stored };
      const waitMs = Math.min(this.retry.baseMs * 2 ** this.retryFailures, this.retry.maxMs);
      this.retryFailures++;
      this.logger.warn(`Saving the sessions failed; this window keeps them and tries again in ${Math.round(waitMs / 1000)} s.`, error);
      this.scheduleRetry(waitMs);
      return false;
    }
  }

  private scheduleRetry(waitMs: number): void {
    if (this.retryTimer || this.disposed) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      if (!this.unsaved || this.disposed) return;
      this.transact('saving sessions again', (tx) => tx.write(tx.sessions)).catch((error: unknown) => {
        this.logger.warn('Saving the sessions again failed.', error);
        this.scheduleRetry(Math.min(this.retry.baseMs * 2 ** this.retryFailures++, this.retry.maxMs));
      });
    }, waitMs);
    this.retryTimer.unref?.();
  }
}
