import { BoomTownError } from '../../shared/errors';
import type { Clock } from '../../shared/ports';
import { backoffDelayMs } from '../../shared/backoff';

export interface BackoffPolicy {
  /** Wait after the first failure; doubled after each further one. */
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 5_000, maxMs: 5 * 60_000 };

interface Failure {
  count: number;
  retryAt: number;
  error: BoomTownError;
}

/**
 * Remembers failed refreshes per session so reads do not hammer an unwell token endpoint: until
 * `retryAt`, callers get the remembered error (or the stored session) instead of a new request.
 */
export class FailureMemory {
  private readonly failures = new Map<string, Failure>();

  constructor(
    private readonly clock: Clock,
    private readonly policy: BackoffPolicy = DEFAULT_BACKOFF,
  ) {}

  /** Returns how long to back off. */
  record(sessionId: string, error: unknown): number {
    const typed = error instanceof BoomTownError ? error : new BoomTownError('network', 'Refreshing the session failed.', { cause: error });
    const count = (this.failures.get(sessionId)?.count ?? 0) + 1;
    const waitMs = backoffDelayMs(count, this.policy, typed.retryAfterSeconds);
    this.failures.set(sessionId, { count, retryAt: this.clock.now() + waitMs, error: typed });
    return waitMs;
  }

  /** The remembered error while backing off, else undefined. */
  blocked(sessionId: string): BoomTownError | undefined {
    const failure = this.failures.get(sessionId);
    return failure && this.clock.now() < failure.retryAt ? failure.error : undefined;
  }

  clear(sessionId: string): void {
    this.failures.delete(sessionId);
  }
}
