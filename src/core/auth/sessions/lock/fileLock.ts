/**
 * The cross-window lock for every window whose extension host shares a file system (all windows of
 * one desktop, all tabs of one code-server or Codespace): a directory `sessions.lock` in the
 * extension's global storage folder, created with mkdir, which the OS makes atomic, so exactly one
 * creator wins however slow anything else is. Its safety rests on no timing at all.
 *
 * Why this and not the SecretStorage lease alone: SecretStorage has no compare-and-swap, so a lease
 * there needs Fischer's settle, which is only as safe as the settle is long compared with the
 * slowest secret round trip, and every taker pays it even alone. Measured (npm run bench --
 * sessions, 100 races per row, 2–4 windows, rotation with reuse detection): with this lock 0
 * sessions lost and 1 refresh per race at 0–1000 ms per secret operation; uncontended it adds a few
 * ms to a sign-in, refresh or sign-out (the old fixed 250 ms settle lost 22–91 of 100 sessions at
 * 200–1000 ms). The lease stays only where no file system is shared (see secretLease.ts).
 *
 * proper-lockfile (maintained, small, no native code) does the mkdir, refreshes the directory's
 * mtime every `updateMs` while held, and treats a lock whose mtime is older than `staleMs` as left
 * behind by a crashed window and removes it. If our own lock is ever taken over that way (the event
 * loop stalled longer than staleMs), it reports the lock compromised; confirm() then throws, so the
 * refresh token is not spent. Waiting windows poll every `pollMs`; nobody waits when nobody holds it.
 * The heartbeat runs for as long as the lock is held, however long: the session store keeps it while
 * a failed save of rotated tokens is retried (sessionVault.ts), and a live holder must not look stale.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type * as ProperLockfile from 'proper-lockfile';
import { BoomTownError } from '../../../shared/errors';
import type { Logger } from '../../../shared/logger';
import type { CrossWindowLock, LockHold } from './lockPort';

export interface FileLockTimings {
  staleMs: number;
  updateMs: number;
  pollMs: number;
  maxWaitMs: number;
}

export const DEFAULT_FILE_LOCK_TIMINGS: FileLockTimings = { staleMs: 10_000, updateMs: 2_000, pollMs: 10, maxWaitMs: 60_000 };

export const LOCK_DIRECTORY_NAME = 'sessions.lock';

export class FileLock implements CrossWindowLock {
  constructor(
    private readonly directory: string,
    private readonly logger: Logger,
    private readonly timings: FileLockTimings = DEFAULT_FILE_LOCK_TIMINGS,
  ) {}

  async acquire(purpose: string): Promise<LockHold> {
    const { staleMs, updateMs, pollMs, maxWaitMs } = this.timings;
    await mkdir(this.directory, { recursive: true, mode: 0o700 });
    let compromised: Error | undefined;
    let release: () => Promise<void>;
    try {
      release = await loadLockfile().lock(join(this.directory, 'sessions'), {
        lockfilePath: join(this.directory, LOCK_DIRECTORY_NAME),
        realpath: false,
        stale: staleMs,
        update: updateMs,
        retries: { retries: Math.ceil(maxWaitMs / pollMs), factor: 1, minTimeout: pollMs, maxTimeout: pollMs, randomize: true },
        onCompromised: (error) => {
          compromised = error;
          this.logger.warn(`The sign-in lock was taken over while this window held it (${purpose}).`);
        },
      });
    } catch (error) {
      if ((error as NodeJS.ErrnoException)?.code === 'ELOCKED') {
        throw new BoomTownError('timeout', 'Another VS Code window kept the BoomTown sign-in busy for too long.', { cause: error });
      }
      throw new BoomTownError('storage', 'Taking the sign-in lock failed.', { cause: error });
    }
    return {
      confirm: async () => {
        if (compromised) throw new BoomTownError('storage', 'The sign-in lock was lost; not renewing now.', { cause: compromised });
      },
      release: async () => {
        if (compromised) return;
        await release().catch((error: unknown) => this.logger.warn('Releasing the sign-in lock failed; it goes stale by itself.', error));
      },
    };
  }
}

/**
 * proper-lockfile (and the fs polyfills and signal handlers it brings) is required on the first
 * transaction, not when the bundle loads: activation runs at every VS Code start and takes no lock.
 */
function loadLockfile(): typeof ProperLockfile {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- deferred on purpose, see above
  return require('proper-lockfile') as typeof ProperLockfile;
}
