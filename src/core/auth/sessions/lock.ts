/**
 * The cross-window lock: holding it means no other window that takes the same lock is inside a
 * session transaction of the store (store.ts). Two kinds: the lock file where the windows' extension
 * hosts share a file system, the SecretStorage lease where they share only secrets. `confirm()` is
 * asked right before a refresh token is spent: it throws when the hold was lost (a lapsed lease, a
 * lock another process declared stale), so a rotating refresh token is never spent by two windows.
 */
import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import * as properLockfile from 'proper-lockfile';
import { SecretKeys } from '../../../constants';
import { delay } from '../../shared/cancellation';
import { BoomTownError } from '../../shared/errors';
import type { Logger } from '../../shared/logger';
import type { Clock, SecretStore } from '../../shared/ports';

export interface LockHold {
  confirm(): Promise<void>;
  release(): Promise<void>;
}

export interface CrossWindowLock {
  acquire(purpose: string): Promise<LockHold>;
}

/**
 * The lock file where the windows share a file system (`lockDirectory`, the global storage folder);
 * the SecretStorage lease where they share only secrets. The options are the service's (sessionService.ts).
 */
export function createLock(options: { lockDirectory?: string; windowId?: string; fileLockTimings?: Partial<FileLockTimings>; leaseTimings?: Partial<LeaseTimings> }, secrets: SecretStore, clock: Clock, logger: Logger, requestTimeoutMs: number): CrossWindowLock {
  if (options.lockDirectory) return new FileLock(options.lockDirectory, logger, { ...DEFAULT_FILE_LOCK_TIMINGS, ...options.fileLockTimings });
  // The lease must outlive the slowest refresh it protects.
  const ttlMs = Math.max(DEFAULT_LEASE_TIMINGS.ttlMs, 2 * requestTimeoutMs + 5_000);
  return new SecretLease(secrets, options.windowId ?? randomUUID(), clock, logger, { ...DEFAULT_LEASE_TIMINGS, ttlMs, ...options.leaseTimings });
}

/**
 * The lock file, for every window whose extension host shares a file system (all windows of
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
 * 200–1000 ms). The lease stays only where no file system is shared (SecretLease, below).
 *
 * proper-lockfile (maintained, small, no native code) does the mkdir, refreshes the directory's
 * mtime every `updateMs` while held, and treats a lock whose mtime is older than `staleMs` as left
 * behind by a crashed window and removes it. If our own lock is ever taken over that way (the event
 * loop stalled longer than staleMs), it reports the lock compromised; confirm() then throws, so the
 * refresh token is not spent. Waiting windows poll every `pollMs`; nobody waits when nobody holds it.
 * The heartbeat runs for as long as the lock is held, however long: the session store keeps it while
 * a failed save of rotated tokens is retried (store.ts), and a live holder must not look stale.
 */
export interface FileLockTimings {
  staleMs: number;
  updateMs: number;
  pollMs: number;
  maxWaitMs: number;
}

const DEFAULT_FILE_LOCK_TIMINGS: FileLockTimings = { staleMs: 10_000, updateMs: 2_000, pollMs: 10, maxWaitMs: 60_000 };

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
      release = await properLockfile.lock(join(this.directory, 'sessions'), {
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
      const busy = (error as NodeJS.ErrnoException)?.code === 'ELOCKED';
      if (busy) throw new BoomTownError('timeout', 'Another VS Code window kept the BoomTown sign-in busy for too long.', { cause: error });
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
 * The SecretStorage lease, the fallback lock for windows that share only SecretStorage (no common
 * file system, e.g. an extension host without a file-backed global storage). SecretStorage has no
 * compare-and-swap, so the lease follows Fischer's algorithm: wait until nobody holds it, write our
 * claim, wait `settle`, read it back; only if our claim survived do we hold it.
 *
 * Fischer is safe only while `settle` exceeds any competitor's time from "read it free" to "its
 * claim is visible" (a read's latency plus a write's). A fixed 250 ms was not (remote and keyring
 * round trips reach seconds), so the settle is derived: every window measures its own secret
 * round trips and advertises the slowest in its claim; the settle is
 * `factor × max(own, advertised) + margin`. Before a refresh token is spent the claim is read once
 * more (confirm); a lost lease aborts the refresh instead of spending the token twice.
 *
 * A holder that is alive keeps its lease: while held, the claim is written again with a new expiry
 * every `renewMs`, so it always has at least `ttlMs − renewMs` left. The session store relies on it
 * when it keeps the lease for as long as a failed save of rotated tokens is being retried. The claim
 * is itself a secret: while the keychain refuses every write it cannot be renewed, and lapses when
 * the outage outlasts what was left of it (see store.ts).
 */
export interface LeaseTimings {
  /** How long a claim is valid; it outlives one token request, so only a crashed window lets it lapse. */
  ttlMs: number;
  /** How often a holder writes its claim again with a new expiry (well below ttlMs). */
  renewMs: number;
  /** settle = settleFactor × slowest measured round trip + settleMarginMs. */
  settleFactor: number;
  settleMarginMs: number;
  pollMs: number;
  maxWaitMs: number;
}

const DEFAULT_LEASE_TIMINGS: LeaseTimings = { ttlMs: 40_000, renewMs: 4_000, settleFactor: 3, settleMarginMs: 20, pollMs: 50, maxWaitMs: 60_000 };

interface Lease {
  owner: string;
  nonce: string;
  expiresAt: number;
  /** The slowest secret round trip the claimant measured; competitors settle at least that long. */
  latencyMs?: number;
}

const LEASE_FORMAT_VERSION = 1;

export function encodeLease(lease: Lease): string {
  return JSON.stringify({ v: LEASE_FORMAT_VERSION, ...lease });
}

/** An unreadable lease counts as no lease: a broken value must never block refreshing. */
export function decodeLease(raw: string | undefined): Lease | undefined {
  if (!raw) return undefined;
  try {
    const value = JSON.parse(raw) as Record<string, unknown>;
    if (value?.v !== LEASE_FORMAT_VERSION) return undefined;
    const { owner, nonce, expiresAt, latencyMs } = value;
    if (typeof owner !== 'string' || typeof nonce !== 'string' || typeof expiresAt !== 'number' || !Number.isFinite(expiresAt)) return undefined;
    const latency = typeof latencyMs === 'number' && Number.isFinite(latencyMs) && latencyMs >= 0 ? Math.min(latencyMs, 30_000) : undefined;
    return { owner, nonce, expiresAt, latencyMs: latency };
  } catch {
    return undefined;
  }
}

/** Whether someone else holds the lease now. An expired lease is free, and so is one expiring implausibly far ahead. */
export function heldByOther(lease: Lease | undefined, nonce: string, now: number, ttlMs: number): boolean {
  if (!lease || lease.nonce === nonce) return false;
  return lease.expiresAt > now && lease.expiresAt <= now + 2 * ttlMs;
}

export class SecretLease implements CrossWindowLock {
  /** The last 32 secret round trips: a slow keyring or remote lengthens the settle instead of breaking it. */
  private readonly samples: number[] = [];
  /** The slowest round trip any claim we read advertised. */
  private advertisedMs = 0;

  constructor(
    private readonly secrets: SecretStore,
    private readonly owner: string,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly timings: LeaseTimings = DEFAULT_LEASE_TIMINGS,
  ) {}

  settleMs(): number {
    const { settleFactor, settleMarginMs } = this.timings;
    return settleFactor * Math.max(this.slowestMs(), this.advertisedMs) + settleMarginMs;
  }

  async acquire(purpose: string): Promise<LockHold> {
    const nonce = randomUUID();
    const { ttlMs, pollMs, maxWaitMs } = this.timings;
    const deadline = this.clock.now() + maxWaitMs;
    let budgetMs = maxWaitMs; // also counted in waits, so a frozen test clock cannot loop forever
    while (budgetMs > 0 && this.clock.now() <= deadline) {
      const current = await this.read();
      if (heldByOther(current, nonce, this.clock.now(), ttlMs)) {
        await delay(pollMs);
        budgetMs -= pollMs;
        continue;
      }
      await this.claim(nonce);
      const settle = this.settleMs();
      await delay(settle);
      budgetMs -= settle;
      if ((await this.read())?.nonce === nonce) {
        this.logger.trace(`Took the sign-in lease (${purpose}).`);
        return this.hold(nonce, purpose);
      }
      this.logger.debug(`Another window took the sign-in lease first (${purpose}).`);
    }
    throw new BoomTownError('timeout', 'Another VS Code window kept the BoomTown sign-in busy for too long.');
  }

  private hold(nonce: string, purpose: string): LockHold {
    // Renewals run one after another, and release waits for the last: a renewal landing after the
    // delete would leave a claim that blocks every window until it lapses.
    let renewing = Promise.resolve();
    const heartbeat = setInterval(() => {
      renewing = renewing.then(() => this.renew(nonce, purpose));
    }, this.timings.renewMs);
    heartbeat.unref?.();
    return {
      confirm: async () => {
        const lease = await this.read();
        if (lease?.nonce !== nonce || lease.expiresAt <= this.clock.now()) {
          throw new BoomTownError('storage', `The sign-in lease was lost before renewing (${purpose}); not spending the refresh token.`);
        }
      },
      release: async () => {
        clearInterval(heartbeat);
        await renewing;
        try {
          if ((await this.read())?.nonce === nonce) await this.timed(() => this.secrets.delete(SecretKeys.refreshLease));
        } catch (error) {
          this.logger.warn('Releasing the sign-in lease failed; it will lapse by itself.', error);
        }
      },
    };
  }

  /** Extends our claim, unless it is no longer ours (then confirm() says so before any spending). */
  private async renew(nonce: string, purpose: string): Promise<void> {
    try {
      if ((await this.read())?.nonce !== nonce) return;
      await this.claim(nonce);
    } catch (error) {
      this.logger.debug(`Renewing the sign-in lease failed (${purpose}); trying again at the next beat.`, error);
    }
  }

  private async timed<T>(operation: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      return await operation();
    } finally {
      this.samples.push(performance.now() - started);
      if (this.samples.length > 32) this.samples.shift();
    }
  }

  private slowestMs(): number {
    return Math.max(0, ...this.samples);
  }

  private async read(): Promise<Lease | undefined> {
    let lease: Lease | undefined;
    try {
      lease = decodeLease(await this.timed(() => this.secrets.get(SecretKeys.refreshLease)));
    } catch (error) {
      throw new BoomTownError('storage', 'Reading the sign-in lease failed.', { cause: error });
    }
    if (lease?.latencyMs !== undefined) this.advertisedMs = Math.max(this.advertisedMs, lease.latencyMs);
    return lease;
  }

  /** Writes our claim, valid for a ttl from now, advertising the slowest round trip we measured. */
  private async claim(nonce: string): Promise<void> {
    const lease: Lease = { owner: this.owner, nonce, expiresAt: this.clock.now() + this.timings.ttlMs, latencyMs: this.slowestMs() };
    try {
      await this.timed(() => this.secrets.store(SecretKeys.refreshLease, encodeLease(lease)));
    } catch (error) {
      throw new BoomTownError('storage', 'Writing the sign-in lease failed.', { cause: error });
    }
  }
}
