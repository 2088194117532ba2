import { randomUUID } from 'node:crypto';
import { SecretKeys } from '../../../constants';
import { BoomTownError } from '../../shared/errors';
import type { Logger } from '../../shared/logger';
import type { Clock, SecretStore } from '../../shared/ports';
import { delay } from '../../shared/cancellation';
import { SerialQueue } from './serialQueue';

export interface LeaseTimings {
  /** How long a lease is valid; it outlives one token request, so only a crashed window lets it lapse. */
  ttlMs: number;
  /** Fischer's delay: longer than a SecretStore read followed by a write, so a competing taker is seen. */
  settleMs: number;
  /** How often a waiting window looks whether the lease was released. */
  pollMs: number;
  /** Give up (with 'timeout') after waiting this long in total. */
  maxWaitMs: number;
}

export const DEFAULT_LEASE_TIMINGS: LeaseTimings = { ttlMs: 30_000, settleMs: 250, pollMs: 100, maxWaitMs: 60_000 };

export interface Lease {
  owner: string;
  nonce: string;
  expiresAt: number;
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
    const { owner, nonce, expiresAt } = value;
    if (typeof owner !== 'string' || typeof nonce !== 'string' || typeof expiresAt !== 'number' || !Number.isFinite(expiresAt)) return undefined;
    return { owner, nonce, expiresAt };
  } catch {
    return undefined;
  }
}

/**
 * Whether someone else holds the lease now. An expired lease is free, and so is one expiring
 * implausibly far ahead (a clock jump or a bogus value), so it can never wedge refreshing.
 */
export function heldByOther(lease: Lease | undefined, nonce: string, now: number, ttlMs: number): boolean {
  if (!lease || lease.nonce === nonce) return false;
  return lease.expiresAt > now && lease.expiresAt <= now + 2 * ttlMs;
}

/**
 * Serializes refreshes (and every other write of the sessions) across windows with a short lease in
 * the SecretStore, which offers no compare-and-swap. Taking it follows Fischer's algorithm: wait
 * until nobody holds it, write our claim, wait `settleMs`, and read it back; only if our claim is
 * still there do we hold it. Within one window, callers queue locally first.
 */
export class RefreshLease {
  private readonly local = new SerialQueue();

  constructor(
    private readonly secrets: SecretStore,
    private readonly owner: string,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly timings: LeaseTimings = DEFAULT_LEASE_TIMINGS,
  ) {}

  /** Runs `task` while holding the lease; waits (polling) while another window holds it. */
  withLease<T>(purpose: string, task: () => Promise<T>): Promise<T> {
    return this.local.run(async () => {
      const nonce = await this.acquire(purpose);
      try {
        return await task();
      } finally {
        await this.release(nonce);
      }
    });
  }

  private async acquire(purpose: string): Promise<string> {
    const nonce = randomUUID();
    const { ttlMs, settleMs, pollMs, maxWaitMs } = this.timings;
    // Counted in polls rather than clock time, so a frozen test clock cannot make this loop forever.
    let budgetMs = maxWaitMs;
    let announced = false;
    while (budgetMs > 0) {
      const current = await this.read();
      if (heldByOther(current, nonce, this.clock.now(), ttlMs)) {
        if (!announced) {
          this.logger.debug(`Waiting for window ${current?.owner} to finish with the sign-in lease (${purpose}).`);
          announced = true;
        }
        await delay(pollMs);
        budgetMs -= pollMs;
        continue;
      }
      await this.write({ owner: this.owner, nonce, expiresAt: this.clock.now() + ttlMs });
      await delay(settleMs);
      budgetMs -= settleMs;
      if ((await this.read())?.nonce === nonce) {
        this.logger.trace(`Took the sign-in lease (${purpose}).`);
        return nonce;
      }
      this.logger.debug(`Another window took the sign-in lease first (${purpose}).`);
    }
    throw new BoomTownError('timeout', 'Another VS Code window kept the BoomTown sign-in busy for too long.');
  }

  private async release(nonce: string): Promise<void> {
    try {
      if ((await this.read())?.nonce === nonce) await this.secrets.delete(SecretKeys.refreshLease);
    } catch (error) {
      // Not fatal: the lease lapses by itself after ttlMs.
      this.logger.warn('Releasing the sign-in lease failed; it will lapse by itself.', error);
    }
  }

  private async read(): Promise<Lease | undefined> {
    try {
      return decodeLease(await this.secrets.get(SecretKeys.refreshLease));
    } catch (error) {
      throw new BoomTownError('storage', 'Reading the sign-in lease failed.', { cause: error });
    }
  }

  private async write(lease: Lease): Promise<void> {
    try {
      await this.secrets.store(SecretKeys.refreshLease, encodeLease(lease));
    } catch (error) {
      throw new BoomTownError('storage', 'Writing the sign-in lease failed.', { cause: error });
    }
  }
}
