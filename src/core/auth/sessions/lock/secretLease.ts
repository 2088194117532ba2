/**
 * The fallback cross-window lock for windows that share only SecretStorage (no common file system,
 * e.g. an extension host without a file-backed global storage). SecretStorage has no
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
 * the outage outlasts what was left of it (see sessionVault.ts).
 */
import { randomUUID } from 'node:crypto';
import { SecretKeys } from '../../../../constants';
import { BoomTownError } from '../../../shared/errors';
import type { Logger } from '../../../shared/logger';
import type { Clock, SecretStore } from '../../../shared/ports';
import { delay } from '../../../shared/cancellation';
import { LatencyGauge } from './latencyGauge';
import type { CrossWindowLock, LockHold } from './lockPort';

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

export const DEFAULT_LEASE_TIMINGS: LeaseTimings = { ttlMs: 40_000, renewMs: 4_000, settleFactor: 3, settleMarginMs: 20, pollMs: 50, maxWaitMs: 60_000 };

export interface Lease {
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
  private readonly gauge = new LatencyGauge();
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
    return settleFactor * Math.max(this.gauge.maxMs(), this.advertisedMs) + settleMarginMs;
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
      await this.write({ owner: this.owner, nonce, expiresAt: this.clock.now() + ttlMs, latencyMs: this.gauge.maxMs() });
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
          if ((await this.read())?.nonce === nonce) await this.gauge.time(() => this.secrets.delete(SecretKeys.refreshLease));
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
      await this.write({ owner: this.owner, nonce, expiresAt: this.clock.now() + this.timings.ttlMs, latencyMs: this.gauge.maxMs() });
    } catch (error) {
      this.logger.debug(`Renewing the sign-in lease failed (${purpose}); trying again at the next beat.`, error);
    }
  }

  private async read(): Promise<Lease | undefined> {
    let lease: Lease | undefined;
    try {
      lease = decodeLease(await this.gauge.time(() => this.secrets.get(SecretKeys.refreshLease)));
    } catch (error) {
      throw new BoomTownError('storage', 'Reading the sign-in lease failed.', { cause: error });
    }
    if (lease?.latencyMs !== undefined) this.advertisedMs = Math.max(this.advertisedMs, lease.latencyMs);
    return lease;
  }

  private async write(lease: Lease): Promise<void> {
    try {
      await this.gauge.time(() => this.secrets.store(SecretKeys.refreshLease, encodeLease(lease)));
    } catch (error) {
      throw new BoomTownError('storage', 'Writing the sign-in lease failed.', { cause: error });
    }
  }
}
