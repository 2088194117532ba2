import { SecretKeys } from '../../../constants';
import type { Disposable } from '../../shared/events';
import type { Logger } from '../../shared/logger';
import type { SecretStore } from '../../shared/ports';
import type { Redactor } from '../../shared/redact';
import { diffSessions, isEmptyChange } from './sessionDiff';
import { SessionStore } from './sessionStore';
import { SerialQueue } from './serialQueue';
import type { SessionsChange, StoredSession } from '../sessionTypes';

/**
 * This window's copy of the stored sessions. The SecretStore is the truth: the copy is re-read
 * whenever any window changes the sessions key, and every re-read or write reports what changed
 * since this window last looked. Reads and writes run one at a time, so a slow read can never
 * overwrite what a newer write put in the copy.
 */
export class SessionCache implements Disposable {
  private readonly sessionStore: SessionStore;
  private readonly queue = new SerialQueue();
  private readonly subscription: Disposable;
  private current: StoredSession[] = [];
  private loaded?: Promise<unknown>;
  private hasReadStore = false;
  private syncQueued = false;
  private disposed = false;

  constructor(
    store: SecretStore,
    private readonly logger: Logger,
    private readonly redactor: Redactor | undefined,
    private readonly onChange: (change: SessionsChange) => void,
  ) {
    this.sessionStore = new SessionStore(store, logger);
    this.subscription = store.onDidChange((key) => {
      if (key === SecretKeys.sessions) this.scheduleSync();
    });
  }

  /** The sessions as last read or written; call ensureLoaded() first. */
  get sessions(): readonly StoredSession[] {
    return this.current;
  }

  find(sessionId: string): StoredSession | undefined {
    return this.current.find((s) => s.id === sessionId);
  }

  ensureLoaded(): Promise<unknown> {
    this.loaded ??= this.reload();
    return this.loaded;
  }

  /** Re-reads the store now (after queued reads and writes). */
  reload(): Promise<readonly StoredSession[]> {
    return this.queue.run(() => this.reloadNow());
  }

  /** Read-modify-write of the stored list. Callers hold the cross-window lease, so no other window writes in between. */
  mutate(update: (sessions: StoredSession[]) => StoredSession[]): Promise<readonly StoredSession[]> {
    return this.queue.run(async () => {
      const next = update(await this.sessionStore.read());
      await this.sessionStore.write(next);
      this.adopt(next);
      return next;
    });
  }

  dispose(): void {
    this.disposed = true;
    this.subscription.dispose();
  }

  private scheduleSync(): void {
    // Several notifications while a read is queued need one read, not several.
    if (this.syncQueued || this.disposed) return;
    this.syncQueued = true;
    void this.queue.run(async () => {
      this.syncQueued = false;
      await this.reloadNow();
    });
  }

  private async reloadNow(): Promise<readonly StoredSession[]> {
    try {
      this.adopt(await this.sessionStore.read());
    } catch (error) {
      // Keep what we had: a failing keychain must not look like a sign-out.
      this.logger.warn('Could not read the stored sessions; keeping the ones already known.', error);
    }
    return this.current;
  }

  private adopt(next: StoredSession[]): void {
    for (const s of next) this.redactor?.add(s.accessToken, s.refreshToken);
    const previous = this.current;
    this.current = next;
    if (!this.hasReadStore) {
      // The first read is the starting point, not a change.
      this.hasReadStore = true;
      return;
    }
    const change = diffSessions(previous, next);
    if (isEmptyChange(change) || this.disposed) return;
    this.logger.debug(`Sessions changed: ${change.added.length} added, ${change.removed.length} removed, ${change.changed.length} changed.`);
    this.onChange(change);
  }
}
